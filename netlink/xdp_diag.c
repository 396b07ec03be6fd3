/* AF_XDP sockets from xdp_diag (spec §2.2, §7.3, §7.7). */
#include <string.h>
#include "diag.h"

static int xdp_msg_cb(const struct nl_hdr *h, void *arg)
{
	const struct diag_ctx *c = arg;
	const struct xdp_diag_msg *m = (const void *)(h + 1);
	const void *tb[XDP_DIAG_MEMINFO + 1];
	uint16_t tl[XDP_DIAG_MEMINFO + 1];
	struct sock_rec r;

	if (h->len < sizeof(*h) + sizeof(*m))
		return 0;
	nl_attrs(h, sizeof(*m), tb, tl, XDP_DIAG_MEMINFO);
	diag_rec_init(&r, 44 /* AF_XDP */, TAB_XDP, m->ino, m->cookie);
	if (tl[XDP_DIAG_INFO] >= 8) {
		memcpy(&r.u.xdp.ifindex, tb[XDP_DIAG_INFO], 4);
		memcpy(&r.u.xdp.queue_id, (const char *)tb[XDP_DIAG_INFO] + 4, 4);
	}
	if (tl[XDP_DIAG_UID] >= 4)
		memcpy(&r.uid, tb[XDP_DIAG_UID], 4);
	if (tl[XDP_DIAG_MEMINFO] >= 4)
		memcpy(&r.rq, tb[XDP_DIAG_MEMINFO], 4);
	return c->cb(&r, c->arg);
}

int xdp_dump(const struct sock_query *q, rec_cb cb, void *arg)
{
	struct diag_ctx c = { q->want, cb, arg };

	return diag_show_dump(44 /* AF_XDP */, 0, XDP_SHOW_ALL6_1, xdp_msg_cb, &c);
}
