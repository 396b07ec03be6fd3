/* AF_XDP sockets from xdp_diag (spec §2.2, §7.3, §7.7). */
#include <string.h>
#include "config.h"
#include "diag.h"

/* A ring's entries (struct xdp_diag_ring, one u32); has |= bit when the
 * attribute is there (zero-extended, as every part here). */
static void xdp_ring(const void *p, uint16_t len, uint32_t *entries, uint8_t *has, uint8_t bit)
{
	if (!p)
		return;
	memcpy(entries, p, len < 4 ? len : 4);
	*has |= bit;
}

/* -e parts (spec §5.2): rings, umem, stats. */
static void xdp_fam(const void *const tb[], const uint16_t tl[], struct det_xdp *x)
{
	unsigned char u[40] = { 0 };	/* struct xdp_diag_umem */

	xdp_ring(tb[XDP_DIAG_RX_RING], tl[XDP_DIAG_RX_RING], &x->rx, &x->has, XDD_RX);
	xdp_ring(tb[XDP_DIAG_TX_RING], tl[XDP_DIAG_TX_RING], &x->tx, &x->has, XDD_TX);
	xdp_ring(tb[XDP_DIAG_UMEM_FILL_RING], tl[XDP_DIAG_UMEM_FILL_RING], &x->fr, &x->has, XDD_FR);
	xdp_ring(tb[XDP_DIAG_UMEM_COMPLETION_RING], tl[XDP_DIAG_UMEM_COMPLETION_RING], &x->cr,
		 &x->has, XDD_CR);
	if (tb[XDP_DIAG_UMEM]) {
		memcpy(u, tb[XDP_DIAG_UMEM], tl[XDP_DIAG_UMEM] < sizeof(u) ? tl[XDP_DIAG_UMEM] : sizeof(u));
		memcpy(&x->umem_size, u, 8);
		memcpy(x->umem, u + 8, sizeof(x->umem));
		x->has |= XDD_UMEM;
	}
	if (tb[XDP_DIAG_STATS]) {
		memcpy(x->stats, tb[XDP_DIAG_STATS],
		       tl[XDP_DIAG_STATS] < sizeof(x->stats) ? tl[XDP_DIAG_STATS] : sizeof(x->stats));
		x->has |= XDD_STATS;
	}
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
