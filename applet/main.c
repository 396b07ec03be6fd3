/* ss: options → selection → for each table a source (netlink, else
 * /proc/net) → rows → renderer → stdout. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "config.h"
#include "opts.h"
#include "tables.h"
#include "render.h"
#include "inet_row.h"
#include "errmsg.h"
#include "out.h"
#include "../netlink/inet_diag.h"
#include "../procnet/procnet.h"

struct show_ctx {
	unsigned families;	/* bit per enum ss_family; 0: show every record */
	unsigned flags;
};

static int show_inet(const struct sock_rec *r, void *arg)
{
	const struct show_ctx *c = arg;
	int fam = r->family == AF_INET6 ? FAM_INET6 : FAM_INET;

	if (c->families && !(c->families & (1u << fam)))
		return 0;
	return inet_row(r, c->flags);
}

/* Per table: the variable that forces /proc text, and the /proc/net file
 * (its IPv6 twin adds "6"); dccp and mptcp have no text fallback. */
static const char *source_env(int table)
{
	switch (table) {
	case TAB_TCP: return "PROC_NET_TCP";
	case TAB_UDP: return "PROC_NET_UDP";
	case TAB_RAW: return "PROC_NET_RAW";
	case TAB_DCCP: return "PROC_NET_DCCP";
	default: return "PROC_NET_MPTCP";
	}
}

/* /proc/net/<file> then <file>6; a failed IPv4 file ends the table, as in 6.1. */
static void proc_inet(int table, const struct ss_opts *o, int fams, struct show_ctx *c)
{
	const char *env = source_env(table);
	char path[256], name[16] = "net/", env6[16];
	size_t l = strlen(env);

	if (table != TAB_TCP && table != TAB_UDP && table != TAB_RAW)
		return;
	/* "PROC_NET_TCP" -> "net/tcp", "PROC_NET_TCP6" */
	for (size_t i = 9; i < l; i++)
		name[i - 5] = (char)(env[i] | 0x20);
	name[l - 5] = 0;
	if (fams & (1 << FAM_INET)) {
		if (procnet_read_inet(procnet_path(path, sizeof(path), env, name),
				      table, AF_INET, o->states, show_inet, c))
			return;
	}
	if (fams & (1 << FAM_INET6)) {
		memcpy(env6, env, l);
		env6[l] = '6';
		env6[l + 1] = 0;
		name[l - 5] = '6';
		name[l - 4] = 0;
		procnet_read_inet(procnet_path(path, sizeof(path), env6, name),
				  table, AF_INET6, o->states, show_inet, c);
	}
}

static void dump_inet(int table, const struct ss_opts *o)
{
	struct show_ctx c = { o->families, o->flags };
	unsigned states = o->states;
	int fams = (int)(o->families & ((1 << FAM_INET) | (1 << FAM_INET6)));
	const char *replay = env_get("TCPDIAG_FILE");

	if (table == TAB_TCP && replay) {
		c.families = 0;	/* a recording is shown whole: no state or family filter */
		inet_replay(replay, show_inet, &c);
		return;
	}
	/* Hashed TCP sockets are never in CLOSE: dropping the bit lets the
	 * kernel skip the shared established hash under -l (spec §10). */
	if (table == TAB_TCP || table == TAB_MPTCP)
		states &= ~TCPF(SS_CLOSE);
	if (!procnet_forced(source_env(table))) {
		if (fams & (1 << FAM_INET)) {
			if (inet_dump(table, AF_INET, states, show_inet, &c) == 0) {
				fams &= ~(1 << FAM_INET);
			} else if (inet_dump_legacy(table, o->states, show_inet, &c) == 0) {
				return;	/* the legacy request answers for both families */
			}
		}
		if ((fams & (1 << FAM_INET6)) && !(fams & (1 << FAM_INET)) &&
		    inet_dump(table, AF_INET6, states, show_inet, &c) == 0)
			fams &= ~(1 << FAM_INET6);
	}
	proc_inet(table, o, fams, &c);
}

/* Tables the selection asks for but this build cannot list are named once. */
static void note_unbuilt(unsigned tables)
{
	static const char kinds[] = "unix\0packet\0netlink\0sctp\0vsock\0tipc\0xdp";
	static const unsigned masks[] = {
		TB(TAB_UNIX_DG) | TB(TAB_UNIX_ST) | TB(TAB_UNIX_SQ),
		TB(TAB_PACKET_DG) | TB(TAB_PACKET_R), TB(TAB_NETLINK), TB(TAB_SCTP),
		TB(TAB_VSOCK_ST) | TB(TAB_VSOCK_DG), TB(TAB_TIPC), TB(TAB_XDP),
	};
	char buf[64];
	size_t n = 0;
	const char *k = kinds;

	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++, k += strlen(k) + 1) {
		if (!(tables & masks[i] & ~TABLES_BUILT))
			continue;
		buf[n++] = ' ';
		memcpy(buf + n, k, strlen(k));
		n += strlen(k);
	}
	buf[n] = 0;
	if (n)
		errs("ss: not shown, not supported in this build:", buf, (char *)0);
}

static int popcount(unsigned v)
{
	int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

static int screen_width(void)
{
	struct winsize ws;

	if (CONFIG_SS_TTY_LAYOUT && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

int main(int argc, char **argv)
{
	/* dumped in 6.1's fixed order: netlink, packet, unix, raw, udp, tcp, dccp, ... mptcp */
	static const unsigned char order[] = { TAB_RAW, TAB_UDP, TAB_TCP, TAB_DCCP, TAB_MPTCP };
	struct ss_opts o;
	unsigned disabled = 0;
	int rc;

	opts_parse(&o, argc, argv);
	rc = opts_select(&o);
	if (rc >= 0)
		return rc;
	if (o.nwords) {
		errs("ss: filter expressions are not supported in this build", (char *)0);
		return 255;
	}
	note_unbuilt(o.tables);
	if (popcount(o.tables) == 1)
		disabled |= 1u << COL_NETID;
	if (popcount(o.states) == 1)
		disabled |= 1u << COL_STATE;
	render_init(disabled, screen_width());
	if (!(o.flags & F_NOHEADER))
		render_header();
	for (size_t i = 0; i < sizeof(order); i++)
		if (o.tables & (1u << order[i]))
			dump_inet(order[i], &o);
	render_finish();
	return 0;
}
