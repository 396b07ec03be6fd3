/* AF_UNIX sockets from unix_diag (spec §2.7, §7.3, §7.6). */
#include <string.h>
#include "config.h"
#include "diag.h"
#include "nldump.h"

static uint8_t unix_table(unsigned type)
{
	switch (type) {
	case SOCKT_STREAM: return TAB_UNIX_ST;
	case SOCKT_SEQPACKET: return TAB_UNIX_SQ;
	default: return TAB_UNIX_DG;	/* 6.1 names any other type u_dgr */
	}
}

static int unix_msg_cb(const struct nl_hdr *h, void *arg)
{
	const struct diag_ctx *c = arg;
	const struct unix_diag_msg *m = (const void *)(h + 1);
	const void *tb[UNIX_DIAG_SHUTDOWN + 1];
	uint16_t tl[UNIX_DIAG_SHUTDOWN + 1];
	struct sock_detail d;
	struct sock_rec r;

	if (h->len < sizeof(*h) + sizeof(*m))
		return 0;
	nl_attrs(h, sizeof(*m), tb, tl, UNIX_DIAG_SHUTDOWN);
	diag_rec_init(&r, 1 /* AF_UNIX */, unix_table(m->type), m->ino, m->cookie);
	r.state = m->state;
	r.u.un.type = m->type;
	if (tl[UNIX_DIAG_RQLEN] >= 8) {
		const uint32_t *q = tb[UNIX_DIAG_RQLEN];
		r.rq = (int32_t)q[0];
		r.wq = (int32_t)q[1];
	}
	if (tb[UNIX_DIAG_NAME]) {
		r.u.un.name = tb[UNIX_DIAG_NAME];
		r.u.un.name_len = tl[UNIX_DIAG_NAME];
	}
	if (tl[UNIX_DIAG_PEER] >= 4)
		memcpy(&r.u.un.peer, tb[UNIX_DIAG_PEER], 4);
	if (CONFIG_SS_DETAILS && c->want) {
		memset(&d, 0, sizeof(d));
		if ((c->want & DET_SKMEM) && tb[UNIX_DIAG_MEMINFO])
			diag_skmem(&d, tb[UNIX_DIAG_MEMINFO], tl[UNIX_DIAG_MEMINFO]);
		if ((c->want & DET_VFS) && tl[UNIX_DIAG_VFS] >= 8) {
			memcpy(&d.vfs_ino, tb[UNIX_DIAG_VFS], 4);
			memcpy(&d.vfs_dev, (const char *)tb[UNIX_DIAG_VFS] + 4, 4);
			d.have |= DET_VFS;
		}
		if ((c->want & DET_ICONS) && tb[UNIX_DIAG_ICONS]) {
			d.icons = tb[UNIX_DIAG_ICONS];	/* attributes are 4-byte aligned */
			d.icons_n = tl[UNIX_DIAG_ICONS] / 4u;
			d.have |= DET_ICONS;
		}
		if ((c->want & DET_SHUTDOWN) && tl[UNIX_DIAG_SHUTDOWN] >= 1) {
			d.shutdown = *(const uint8_t *)tb[UNIX_DIAG_SHUTDOWN];
			d.have |= DET_SHUTDOWN;
		}
		r.detail = &d;
	}
	return c->cb(&r, c->arg);
}

int unix_dump(const struct sock_query *q, rec_cb cb, void *arg)
{
	struct diag_ctx c = { q->want, cb, arg };
	uint32_t show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN;

	if (q->want & DET_SKMEM)
		show |= UDIAG_SHOW_MEMINFO;
	if (q->want & DET_VFS)	/* -e: 6.1 asks for both */
		show |= UDIAG_SHOW_VFS | UDIAG_SHOW_ICONS;
	return diag_states_dump(1 /* AF_UNIX */, q->states, show, sizeof(struct unix_diag_req),
				unix_msg_cb, &c);
}
