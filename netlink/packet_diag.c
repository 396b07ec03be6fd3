/* AF_PACKET sockets from packet_diag (spec §2.9, §7.3, §7.7). */
#include <errno.h>
#include <string.h>
#include "config.h"
#include "diag.h"
#include "nldump.h"

static int packet_msg_cb(const struct nl_hdr *h, void *arg)
{
	const struct diag_ctx *c = arg;
	const struct packet_diag_msg *m = (const void *)(h + 1);
	const void *tb[PACKET_DIAG_MEMINFO + 1];
	uint16_t tl[PACKET_DIAG_MEMINFO + 1];
	struct sock_detail d;
	struct sock_rec r;

	if (h->len < sizeof(*h) + sizeof(*m))
		return 0;
	nl_attrs(h, sizeof(*m), tb, tl, PACKET_DIAG_MEMINFO);
	if (tl[PACKET_DIAG_MEMINFO] < 4)
		return -ENODATA;
	diag_rec_init(&r, 17 /* AF_PACKET */, m->type == SOCKT_RAW ? TAB_PACKET_R : TAB_PACKET_DG,
		      m->ino, m->cookie);
	r.rq = *(const int32_t *)tb[PACKET_DIAG_MEMINFO];
	r.u.pk.type = m->type;
	r.u.pk.protocol = m->num;
	if (tl[PACKET_DIAG_INFO] >= 4)
		memcpy(&r.u.pk.ifindex, tb[PACKET_DIAG_INFO], 4);
	if (tl[PACKET_DIAG_UID] >= 4)
		memcpy(&r.uid, tb[PACKET_DIAG_UID], 4);
	if (CONFIG_SS_DETAILS && (c->want & DET_SKMEM)) {
		memset(&d, 0, sizeof(d));
		diag_skmem(&d, tb[PACKET_DIAG_MEMINFO], tl[PACKET_DIAG_MEMINFO]);
		r.detail = &d;
	}
	return c->cb(&r, c->arg);
}

int packet_dump(const struct sock_query *q, rec_cb cb, void *arg)
{
	struct diag_ctx c = { q->want, cb, arg };

	return diag_show_dump(17 /* AF_PACKET */, 0, PACKET_SHOW_ALL6_1, packet_msg_cb, &c);
}
