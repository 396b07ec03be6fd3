/* AF_TIPC sockets from tipc_diag (spec §2.2, §7.7): the reply is not a
 * fixed struct but TIPC netlink attributes, TIPC_NLA_SOCK nesting the
 * socket's, with TIPC_NLA_SOCK_CON and TIPC_NLA_SOCK_STAT nested again. */
#include <string.h>
#include "config.h"
#include "diag.h"

static uint32_t u32_attr(const void *tb[], const uint16_t tl[], int type)
{
	uint32_t v = 0;

	if (tl[type] >= 4)
		memcpy(&v, tb[type], 4);
	return v;
}

static int tipc_msg_cb(const struct nl_hdr *h, void *arg)
{
	const struct diag_ctx *c = arg;
	const void *top[TIPC_NLA_SOCK + 1], *sk[TIPC_NLA_SOCK_MAX_ + 1];
	const void *con[TIPC_NLA_CON_MAX_ + 1], *st[TIPC_NLA_SOCK_STAT_MAX_ + 1];
	uint16_t topl[TIPC_NLA_SOCK + 1], skl[TIPC_NLA_SOCK_MAX_ + 1];
	uint16_t conl[TIPC_NLA_CON_MAX_ + 1], stl[TIPC_NLA_SOCK_STAT_MAX_ + 1];
	struct sock_detail d;
	struct sock_rec r;
	uint32_t cookie[2] = { 0, 0 };

	nl_attrs(h, 0, top, topl, TIPC_NLA_SOCK);
	if (!top[TIPC_NLA_SOCK])
		return 0;	/* a socket the kernel filtered out leaves an empty message */
	nl_attr_parse(top[TIPC_NLA_SOCK], topl[TIPC_NLA_SOCK], sk, skl, TIPC_NLA_SOCK_MAX_);
	nl_attr_parse(sk[TIPC_NLA_SOCK_STAT], skl[TIPC_NLA_SOCK_STAT], st, stl,
		      TIPC_NLA_SOCK_STAT_MAX_);
	if (skl[TIPC_NLA_SOCK_COOKIE] >= 8) {	/* a u64 in host order, not two words */
		uint64_t c64;
		memcpy(&c64, sk[TIPC_NLA_SOCK_COOKIE], 8);
		cookie[0] = (uint32_t)c64;
		cookie[1] = (uint32_t)(c64 >> 32);
	}
	diag_rec_init(&r, 30 /* AF_TIPC */, TAB_TIPC, u32_attr(sk, skl, TIPC_NLA_SOCK_INO), cookie);
	r.state = (uint8_t)u32_attr(sk, skl, TIPC_NLA_SOCK_TIPC_STATE);
	r.uid = u32_attr(sk, skl, TIPC_NLA_SOCK_UID);
	r.rq = (int32_t)u32_attr(st, stl, TIPC_NLA_SOCK_STAT_RCVQ);
	r.wq = (int32_t)u32_attr(st, stl, TIPC_NLA_SOCK_STAT_SENDQ);
	r.u.tipc.type = (uint8_t)u32_attr(sk, skl, TIPC_NLA_SOCK_TYPE);
	r.u.tipc.node = u32_attr(sk, skl, TIPC_NLA_SOCK_ADDR);
	r.u.tipc.ref = u32_attr(sk, skl, TIPC_NLA_SOCK_REF);
	if (sk[TIPC_NLA_SOCK_CON]) {
		nl_attr_parse(sk[TIPC_NLA_SOCK_CON], skl[TIPC_NLA_SOCK_CON], con, conl,
			      TIPC_NLA_CON_MAX_);
		r.u.tipc.connected = 1;
		r.u.tipc.peer_node = u32_attr(con, conl, TIPC_NLA_CON_NODE);
		r.u.tipc.peer_sock = u32_attr(con, conl, TIPC_NLA_CON_SOCK);
	}
	if (CONFIG_SS_DETAILS && (c->want & DET_FAMILY)) {	/* --tipcinfo (spec §5.2) */
		memset(&d, 0, sizeof(d));
		d.fam.tipc.has = (uint8_t)((st[TIPC_NLA_SOCK_STAT_LINK_CONG] ? TPD_LINK_CONG : 0) |
			(st[TIPC_NLA_SOCK_STAT_CONN_CONG] ? TPD_CONN_CONG : 0) |
			(sk[TIPC_NLA_SOCK_HAS_PUBL] ? TPD_PUBL : 0) |
			(sk[TIPC_NLA_SOCK_CON] && con[TIPC_NLA_CON_FLAG] ? TPD_VIA : 0));
		d.fam.tipc.drop = u32_attr(st, stl, TIPC_NLA_SOCK_STAT_DROP);
		if (d.fam.tipc.has & TPD_VIA) {
			d.fam.tipc.via_type = u32_attr(con, conl, TIPC_NLA_CON_TYPE);
			d.fam.tipc.via_inst = u32_attr(con, conl, TIPC_NLA_CON_INST);
		}
		r.detail = &d;
	}
	return c->cb(&r, c->arg);
}

int tipc_dump(const struct sock_query *q, rec_cb cb, void *arg)
{
	struct diag_ctx c = { q->want, cb, arg };

	return diag_states_dump(30 /* AF_TIPC */, q->states, 0, sizeof(struct tipc_diag_req),
				tipc_msg_cb, &c);
}
