/* AF_VSOCK sockets from vsock_diag (spec §2.2, §7.3, §7.7). */
#include "diag.h"

static int vsock_msg_cb(const struct nl_hdr *h, void *arg)
{
	const struct diag_ctx *c = arg;
	const struct vsock_diag_msg *m = (const void *)(h + 1);
	struct sock_rec r;

	if (h->len < sizeof(*h) + sizeof(*m))
		return 0;
	diag_rec_init(&r, 40 /* AF_VSOCK */, m->type == SOCKT_DGRAM ? TAB_VSOCK_DG : TAB_VSOCK_ST,
		      m->ino, m->cookie);
	r.state = m->state;
	r.u.vs.type = m->type;
	r.u.vs.src_cid = m->src_cid;
	r.u.vs.src_port = m->src_port;
	r.u.vs.dst_cid = m->dst_cid;
	r.u.vs.dst_port = m->dst_port;
	return c->cb(&r, c->arg);
}

int vsock_dump(const struct sock_query *q, rec_cb cb, void *arg)
{
	struct diag_ctx c = { q->want, cb, arg };

	return diag_states_dump(40 /* AF_VSOCK */, q->states, 0, sizeof(struct vsock_diag_req),
				vsock_msg_cb, &c);
}
