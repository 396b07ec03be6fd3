#include <string.h>
#include "inet_diag.h"
#include "nldump.h"

#define AF_INET_ 2
#define AF_INET6_ 10

struct inet_ctx {
	int table;
	uint16_t protocol;
	uint8_t origin;
	rec_cb cb;
	void *arg;
};

/* A big-endian (network order) 16-bit field read by its bytes, so that
 * the same code is right on little- and big-endian hosts. */
static uint16_t be16(const uint16_t *f)
{
	const uint8_t *b = (const uint8_t *)f;

	return (uint16_t)(b[0] << 8 | b[1]);
}

/* The table's IP protocol as the request and the netid want it. */
static uint16_t table_proto(int table)
{
	switch (table) {
	case TAB_UDP: return 17;
	case TAB_RAW: return 255;
	case TAB_DCCP: return 33;
	case TAB_MPTCP: return 262;
	case TAB_SCTP: return 132;
	default: return 6;
	}
}

static void msg_attrs(const struct nl_hdr *h, struct sock_rec *r)
{
	const char *p = (const char *)h + sizeof(*h) + sizeof(struct inet_msg);
	const char *end = (const char *)h + h->len;

	while (end - p >= (long)sizeof(struct nl_attr)) {
		const struct nl_attr *a = (const void *)p;
		const uint8_t *v = (const uint8_t *)(a + 1);

		if (a->len < sizeof(*a) || a->len > end - p)
			break;
		if (a->type == INET_ATTR_SKV6ONLY && a->len >= 5)
			r->u.in.v6only = v[0] != 0;
		else if (a->type == INET_ATTR_PROTOCOL && a->len >= 5)
			r->u.in.protocol = v[0];
		if (NL_ALIGN(a->len) >= (size_t)(end - p))
			break;	/* the last one: no pointer past the message */
		p += NL_ALIGN(a->len);
	}
}

static int inet_msg_cb(const struct nl_hdr *h, void *arg)
{
	const struct inet_ctx *c = arg;
	const struct inet_msg *m = (const void *)(h + 1);
	struct sock_rec r;

	if (h->len < sizeof(*h) + sizeof(*m))
		return 0;
	memset(&r, 0, sizeof(r));
	r.family = m->family;
	r.table = (uint8_t)c->table;
	r.origin = c->origin;
	r.state = m->state;
	r.u.in.timer = m->timer;
	r.u.in.retrans = m->retrans;
	r.u.in.protocol = c->protocol;
	r.u.in.lport = be16(&m->id.sport);
	r.u.in.rport = be16(&m->id.dport);
	r.u.in.ifindex = m->id.ifindex;
	memcpy(r.u.in.laddr, m->id.src, 16);
	memcpy(r.u.in.raddr, m->id.dst, 16);
	r.rq = (int32_t)m->rqueue;
	r.wq = (int32_t)m->wqueue;
	r.uid = m->uid;
	r.inode = m->inode;
	r.u.in.expires = m->expires;
	r.cookie = (uint64_t)m->id.cookie[1] << 32 | m->id.cookie[0];
	msg_attrs(h, &r);
	if (c->table == TAB_RAW)	/* the attribute names the raw protocol, not the netid */
		r.u.in.protocol = 255;
	return c->cb(&r, c->arg);
}

int inet_dump(int table, int family, uint32_t states, rec_cb cb, void *arg)
{
	struct {
		struct nl_hdr h;
		struct inet_req_v2 r;
		struct nl_attr a;
		uint32_t proto;
	} req;
	struct inet_ctx c = { table, table_proto(table), REC_NETLINK, cb, arg };
	size_t len = sizeof(req.h) + sizeof(req.r);

	memset(&req, 0, sizeof(req));
	req.h.type = SOCK_DIAG_BY_FAMILY;
	req.r.family = (uint8_t)family;
	req.r.protocol = (uint8_t)c.protocol;
	req.r.states = states;
	if (c.protocol > 255) {	/* MPTCP: the real protocol rides in an attribute */
		req.a.len = sizeof(req.a) + sizeof(req.proto);
		req.a.type = INET_REQ_ATTR_PROTOCOL;
		req.proto = c.protocol;
		len = sizeof(req);
	}
	return nl_dump(&req, len, inet_msg_cb, &c);
}

int inet_dump_legacy(int table, uint32_t states, rec_cb cb, void *arg)
{
	struct {
		struct nl_hdr h;
		struct inet_req_legacy r;
	} req;
	struct inet_ctx c = { table, table_proto(table), REC_NETLINK, cb, arg };

	if (table != TAB_TCP && table != TAB_DCCP)
		return -95;	/* EOPNOTSUPP: no legacy request for this table */
	memset(&req, 0, sizeof(req));
	req.h.type = table == TAB_TCP ? TCPDIAG_GETSOCK : DCCPDIAG_GETSOCK;
	req.r.family = AF_INET_;
	req.r.states = states;
	return nl_dump(&req, sizeof(req), inet_msg_cb, &c);
}

int inet_replay(const char *path, rec_cb cb, void *arg)
{
	struct inet_ctx c = { TAB_TCP, 6, REC_REPLAY, cb, arg };

	return nl_replay(path, inet_msg_cb, &c);
}
