/* AF_NETLINK sockets from netlink_diag (spec §2.8, §7.3, §7.7). */
#include <string.h>
#include "config.h"
#include "diag.h"
#include "nldump.h"

static int netlink_msg_cb(const struct nl_hdr *h, void *arg)
{
	const struct diag_ctx *c = arg;
	const struct netlink_diag_msg *m = (const void *)(h + 1);
	const void *tb[NETLINK_DIAG_GROUPS + 1];
	uint16_t tl[NETLINK_DIAG_GROUPS + 1];
	struct sock_detail d;
	struct sock_rec r;

	if (h->len < sizeof(*h) + sizeof(*m))
		return 0;
	nl_attrs(h, sizeof(*m), tb, tl, NETLINK_DIAG_GROUPS);
	diag_rec_init(&r, 16 /* AF_NETLINK */, TAB_NETLINK, m->ino, m->cookie);
	r.u.nl.protocol = m->protocol;
	r.u.nl.connected = m->state == 1;	/* NETLINK_CONNECTED */
	r.u.nl.portid = (int32_t)m->portid;
	r.u.nl.dst_portid = m->dst_portid;
	r.u.nl.dst_group = m->dst_group;
	if (tl[NETLINK_DIAG_GROUPS] >= 4)
		memcpy(&r.u.nl.groups, tb[NETLINK_DIAG_GROUPS], 4);
	if (tl[NETLINK_DIAG_MEMINFO] >= 12) {
		const int32_t *mi = tb[NETLINK_DIAG_MEMINFO];
		r.rq = mi[SK_MEMINFO_RMEM_ALLOC];
		r.wq = mi[SK_MEMINFO_WMEM_ALLOC];
	}
	if (CONFIG_SS_DETAILS && (c->want & DET_SKMEM) && tb[NETLINK_DIAG_MEMINFO]) {
		memset(&d, 0, sizeof(d));
		diag_skmem(&d, tb[NETLINK_DIAG_MEMINFO], tl[NETLINK_DIAG_MEMINFO]);
		r.detail = &d;
	}
	return c->cb(&r, c->arg);
}

int netlink_dump(const struct sock_query *q, rec_cb cb, void *arg)
{
	struct diag_ctx c = { q->want, cb, arg };

	return diag_show_dump(16 /* AF_NETLINK */, NDIAG_PROTO_ALL, NDIAG_SHOW_MEMINFO_GROUPS,
			      netlink_msg_cb, &c);
}
