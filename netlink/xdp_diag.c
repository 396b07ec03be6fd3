/* AF_XDP sockets from xdp_diag (spec §2.2, §7.3, §7.7). */
#include <string.h>
#include "config.h"
#include "diag.h"

/* -e parts (spec §5.2): rings, umem, stats, zero-extended. */
static void xdp_fam(const void *const tb[], const uint16_t tl[], struct det_xdp *x)
{
	static const uint8_t at[4] = { XDP_DIAG_RX_RING, XDP_DIAG_TX_RING, XDP_DIAG_UMEM_FILL_RING,
				       XDP_DIAG_UMEM_COMPLETION_RING };
	uint32_t *ring[4] = { &x->rx, &x->tx, &x->fr, &x->cr };
	static const uint8_t bit[4] = { XDD_RX, XDD_TX, XDD_FR, XDD_CR };
	unsigned char u[40] = { 0 };	/* struct xdp_diag_umem */

	for (int i = 0; i < 4; i++)
		if (diag_copy(ring[i], 4, tb[at[i]], tl[at[i]]))
			x->has |= bit[i];
	if (diag_copy(u, sizeof(u), tb[XDP_DIAG_UMEM], tl[XDP_DIAG_UMEM]))
		x->has |= XDD_UMEM;
	memcpy(&x->umem_size, u, 8);
	memcpy(x->umem, u + 8, sizeof(x->umem));
	if (diag_copy(x->stats, sizeof(x->stats), tb[XDP_DIAG_STATS], tl[XDP_DIAG_STATS]))
		x->has |= XDD_STATS;
}

static int xdp_msg_cb(const struct nl_hdr *h, void *arg)
{
	const struct diag_ctx *c = arg;
	const struct xdp_diag_msg *m = (const void *)(h + 1);
	const void *tb[XDP_DIAG_STATS + 1];
	uint16_t tl[XDP_DIAG_STATS + 1];
	struct sock_detail d;
	struct sock_rec r;

	if (h->len < sizeof(*h) + sizeof(*m))
		return 0;
	nl_attrs(h, sizeof(*m), tb, tl, XDP_DIAG_STATS);
	diag_rec_init(&r, 44 /* AF_XDP */, TAB_XDP, m->ino, m->cookie);
	if (tl[XDP_DIAG_INFO] >= 8) {
		memcpy(&r.u.xdp.ifindex, tb[XDP_DIAG_INFO], 4);
		memcpy(&r.u.xdp.queue_id, (const char *)tb[XDP_DIAG_INFO] + 4, 4);
	}
	if (tl[XDP_DIAG_UID] >= 4)
		memcpy(&r.uid, tb[XDP_DIAG_UID], 4);
	if (tl[XDP_DIAG_MEMINFO] >= 4)
		memcpy(&r.rq, tb[XDP_DIAG_MEMINFO], 4);
	if (CONFIG_SS_DETAILS && c->want) {
		memset(&d, 0, sizeof(d));
		if ((c->want & DET_SKMEM) && tb[XDP_DIAG_MEMINFO])
			diag_skmem(&d, tb[XDP_DIAG_MEMINFO], tl[XDP_DIAG_MEMINFO]);
		if (c->want & DET_FAMILY)
			xdp_fam(tb, tl, &d.fam.xdp);
		r.detail = &d;
	}
	return c->cb(&r, c->arg);
}

int xdp_dump(const struct sock_query *q, rec_cb cb, void *arg)
{
	struct diag_ctx c = { q->want, cb, arg };

	return diag_show_dump(44 /* AF_XDP */, 0, XDP_SHOW_ALL6_1, xdp_msg_cb, &c);
}
