/* AF_UNIX sockets from unix_diag (spec §2.7, §7.3, §7.6). */
#include <string.h>
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
	if (c->want) {
		memset(&d, 0, sizeof(d));
		if ((c->want & DET_SKMEM) && tl[UNIX_DIAG_MEMINFO] >= sizeof(d.skmem)) {
			memcpy(d.skmem, tb[UNIX_DIAG_MEMINFO], sizeof(d.skmem));
			d.have |= DET_SKMEM;
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
	return diag_states_dump(1 /* AF_UNIX */, q->states, show, sizeof(struct unix_diag_req),
				unix_msg_cb, &c);
}
