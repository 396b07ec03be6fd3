/* Columns 0-7 of an AF_PACKET socket (spec §2.2, §2.9). */
#include <string.h>
#include "rows.h"
#include "render.h"
#include "tables.h"
#include "names.h"
#include "fmt.h"

/* 6.1's ethertype names (lib/ll_proto.c), first match wins: the number
 * (host order) then the name, NUL-separated. */
static const struct {
	uint16_t id;
	char name[10];
} ll_protos[] = {
	{ 0x0060, "loop" }, { 0x0200, "pup" }, { 0x0201, "pupat" }, { 0x0800, "ip" },
	{ 0x0805, "x25" }, { 0x0806, "arp" }, { 0x08ff, "bpq" }, { 0x0a00, "ieeepup" },
	{ 0x0a01, "ieeepupat" }, { 0x6000, "dec" }, { 0x6001, "dna_dl" },
	{ 0x6002, "dna_rc" }, { 0x6003, "dna_rt" }, { 0x6004, "lat" }, { 0x6005, "diag" },
	{ 0x6006, "cust" }, { 0x6007, "sca" }, { 0x8035, "rarp" }, { 0x809b, "atalk" },
	{ 0x80f3, "aarp" }, { 0x8137, "ipx" }, { 0x86dd, "ipv6" }, { 0x8863, "ppp_disc" },
	{ 0x8864, "ppp_ses" }, { 0x884c, "atmmpoa" }, { 0x8884, "atmfate" },
	{ 0x0001, "802_3" }, { 0x0002, "ax25" }, { 0x0003, "all" }, { 0x0004, "802_2" },
	{ 0x0005, "snap" }, { 0x0006, "ddcmp" }, { 0x0007, "wan_ppp" }, { 0x0008, "ppp_mp" },
	{ 0x0009, "localtalk" }, { 0x000c, "can" }, { 0x0010, "ppptalk" },
	{ 0x0011, "tr_802_2" }, { 0x0015, "mobitex" }, { 0x0016, "control" },
	{ 0x0017, "irda" }, { 0x0018, "econet" }, { 0x88ca, "tipc" }, { 0x8892, "profinet" },
	{ 0x88a2, "aoe" }, { 0x88a4, "ethercat" }, { 0x8100, "802.1Q" }, { 0x88a8, "802.1ad" },
	{ 0x8847, "mpls_uc" }, { 0x8848, "mpls_mc" }, { 0x6558, "teb" }, { 0x88cc, "LLDP" },
};

/* "PROTO:" as 6.1 prints it: '*' for ETH_P_ALL, the name, else "[N]". */
static size_t proto_token(char *b, unsigned proto, unsigned flags)
{
	size_t n = 0;

	if (proto == 3) {
		b[n++] = '*';
	} else {
		for (size_t i = 0; !(flags & F_NUMERIC) && i < sizeof(ll_protos) / sizeof(ll_protos[0]); i++) {
			if (ll_protos[i].id == proto) {
				n = strlen(ll_protos[i].name);
				memcpy(b, ll_protos[i].name, n);
				break;
			}
		}
		if (!n) {
			b[n++] = '[';
			n += fmt_u64(b + n, proto);
			b[n++] = ']';
		}
	}
	b[n++] = ':';
	return n;
}

void packet_row(const struct sock_rec *r, unsigned flags)
{
	const char *s = table_info[r->table].netid;
	char b[IF_NAME_MAX + 8];	/* an escaped name and ':' */

	row_head(s, strlen(s), r->state, r->rq, r->wq);
	row_put(COL_LADDR, b, proto_token(b, r->u.pk.protocol, flags));
	if (r->u.pk.ifindex)
		row_put(COL_LPORT, b, if_name(b, r->u.pk.ifindex));
	else
		row_put(COL_LPORT, "*", 1);
	row_put(COL_RADDR, "*", 1);
	row_put(COL_RPORT, b, 0);
}
