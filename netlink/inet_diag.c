#include <string.h>
#include "config.h"
#include "inet_diag.h"
#include "nldump.h"
#include "diag.h"
#include "tcp_ulp.h"
#include "tcp_info.h"

#define AF_INET_ 2
#define AF_INET6_ 10

struct inet_ctx {
	int table;
	uint16_t protocol;
	uint8_t origin;
	unsigned want;		/* DET_*: the detail block parts to fill */
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

enum {	/* INET_DIAG_* attribute types (linux/inet_diag.h) */
	IA_MEMINFO = 1, IA_TOS = 5, IA_TCLASS = 6, IA_SKMEMINFO = 7, IA_SHUTDOWN = 8,
	IA_LOCALS = 12, IA_PEERS = 13, IA_MARK = 15, IA_CLASS_ID = 17, IA_CGROUP_ID = 21, IA_MAX = 22
};

/* msg_attrs() from the table of a walk made for the details: the first
 * attribute of each type, as 6.1's parse_rtattr() takes it. */
static void tb_attrs(const void *const tb[], const uint16_t tl[], struct sock_rec *r)
{
	if (tl[INET_ATTR_SKV6ONLY] >= 1)
		r->u.in.v6only = *(const uint8_t *)tb[INET_ATTR_SKV6ONLY] != 0;
	if (tl[INET_ATTR_PROTOCOL] >= 1)
		r->u.in.protocol = *(const uint8_t *)tb[INET_ATTR_PROTOCOL];
	if (CONFIG_SS_FILTER && tl[INET_ATTR_MARK] >= 4)
		memcpy(&r->u.in.mark, tb[INET_ATTR_MARK], 4);
	if (CONFIG_SS_FILTER && tl[INET_ATTR_CGROUP_ID] >= 8)
		memcpy(&r->u.in.cgroup, tb[INET_ATTR_CGROUP_ID], 8);
}

/* The attributes every row needs, without a table: the first of each
 * type, as 6.1's parse_rtattr() and tb_attrs() take it. */
static void msg_attrs(const struct nl_hdr *h, struct sock_rec *r)
{
	const char *p = (const char *)h + sizeof(*h) + sizeof(struct inet_msg);
	const char *end = (const char *)h + h->len;
	uint32_t seen = 0;

	while (end - p >= (long)sizeof(struct nl_attr)) {
		const struct nl_attr *a = (const void *)p;
		const uint8_t *v = (const uint8_t *)(a + 1);
		uint32_t bit = a->type < 32 ? 1u << a->type : 0;

		if (a->len < sizeof(*a) || a->len > end - p)
			break;
		if (seen & bit)
			;	/* a repeated type: the first one counts */
		else if (a->type == INET_ATTR_SKV6ONLY && a->len >= 5)
			r->u.in.v6only = v[0] != 0;
		else if (a->type == INET_ATTR_PROTOCOL && a->len >= 5)
			r->u.in.protocol = v[0];
		else if (CONFIG_SS_FILTER && a->type == INET_ATTR_MARK && a->len >= 8)
			memcpy(&r->u.in.mark, v, 4);
		else if (CONFIG_SS_FILTER && a->type == INET_ATTR_CGROUP_ID && a->len >= 12)
			memcpy(&r->u.in.cgroup, v, 8);
		seen |= bit;
		if (NL_ALIGN(a->len) >= (size_t)(end - p))
			break;	/* the last one: no pointer past the message */
		p += NL_ALIGN(a->len);
	}
}


/* The detail parts want asks for, from the message's attributes. */
static void msg_details(const void *const tb[], const uint16_t tl[], unsigned want,
			struct sock_detail *d)
{
	if ((want & (DET_SKMEM | DET_TCPINFO)) && tb[IA_SKMEMINFO])	/* 6.1's -i shows any */
		diag_skmem(d, tb[IA_SKMEMINFO], tl[IA_SKMEMINFO]);
	else if ((want & (DET_SKMEM | DET_TCPINFO)) && tl[IA_MEMINFO] >= sizeof(d->mem)) {
		memcpy(d->mem, tb[IA_MEMINFO], sizeof(d->mem));
		d->have |= DET_MEM;
	}
	if ((want & DET_SHUTDOWN) && tl[IA_SHUTDOWN] >= 1) {
		d->shutdown = *(const uint8_t *)tb[IA_SHUTDOWN];
		d->have |= DET_SHUTDOWN;
	}
	if ((want & DET_V6ONLY) && tl[INET_ATTR_SKV6ONLY] >= 1)
		d->have |= DET_V6ONLY;
	if ((want & DET_TOS) && tl[IA_TOS] >= 1) {
		d->tos = *(const uint8_t *)tb[IA_TOS];
		d->have |= DET_TOS;
	}
	if ((want & DET_TOS) && tl[IA_TCLASS] >= 1) {
		d->tclass = *(const uint8_t *)tb[IA_TCLASS];
		d->have |= DET_TCLASS;
	}
	if ((want & DET_TOS) && tl[IA_CLASS_ID] >= 4) {
		memcpy(&d->class_id, tb[IA_CLASS_ID], 4);
		d->have |= DET_CLASS_ID;
	}
	if ((want & DET_MARK) && tl[IA_MARK] >= 4) {
		memcpy(&d->mark, tb[IA_MARK], 4);
		d->have |= DET_MARK;
	}
	if ((want & DET_CGROUP) && tl[IA_CGROUP_ID] >= 8) {
		memcpy(&d->cgroup, tb[IA_CGROUP_ID], 8);
		d->have |= DET_CGROUP;
	}
	if (want & DET_FAMILY) {	/* sctp -m -i (spec §4.7); other protocols send none */
		d->fam.sctp.info = tb[INET_DIAG_INFO];	/* read only for sctp rows */
		d->fam.sctp.info_len = tl[INET_DIAG_INFO];
		d->fam.sctp.locals = tb[IA_LOCALS];
		d->fam.sctp.locals_len = tl[IA_LOCALS];
		d->fam.sctp.peers = tb[IA_PEERS];
		d->fam.sctp.peers_len = tl[IA_PEERS];
	}
}

static int inet_msg_cb(const struct nl_hdr *h, void *arg)
{
	const struct inet_ctx *c = arg;
	const struct inet_msg *m = (const void *)(h + 1);
	const void *tb[IA_MAX + 1];
	uint16_t tl[IA_MAX + 1];
	struct sock_detail d;
	struct tcp_stat ts;
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
	if (CONFIG_SS_DETAILS && c->want) {	/* one walk into a table, only when asked */
		nl_attrs(h, sizeof(*m), tb, tl, IA_MAX);
		tb_attrs(tb, tl, &r);
		memset(&d, 0, sizeof(d));
		msg_details(tb, tl, c->want, &d);
		tcp_ulp_decode(tb, tl, c->table, c->want, &d);
		/* -m and -i show the same block, with whatever the message
		 * carries (6.1's tcp_show_info()); MPTCP's and SCTP's INFO is
		 * their own struct (spec §4.6, §4.7) */
		if (CONFIG_SS_TCPINFO && (c->want & (DET_SKMEM | DET_TCPINFO)) &&
		    c->table != TAB_MPTCP &&
		    c->table != TAB_SCTP && tcp_info_decode(&ts, tb, tl, m->state)) {
			d.tcp = &ts;
			d.have |= DET_TCPINFO;
		}
		r.detail = &d;
	} else {
		msg_attrs(h, &r);
	}
	if (c->table == TAB_RAW)	/* the attribute names the raw protocol, not the netid */
		r.u.in.protocol = 255;
	return c->cb(&r, c->arg);
}

static const void *bc_prog;
static size_t bc_len;

void inet_diag_bytecode(const void *prog, size_t len)
{
	bc_prog = prog;
	bc_len = len;
}

static uint16_t id_sport, id_dport;	/* network order */

/* A host-order value stored in network order, by its bytes, as be16()
 * reads one: right on little- and big-endian hosts. */
static uint16_t net16(uint16_t v)
{
	const uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };
	uint16_t r;

	memcpy(&r, b, 2);
	return r;
}

void inet_diag_ports(uint16_t sport, uint16_t dport)
{
	id_sport = net16(sport);
	id_dport = net16(dport);
}

int inet_diag_filtered(void)
{
	return bc_len != 0 || id_sport || id_dport;
}

/* The TCP (and DCCP) walk skips sockets on other ports than the request's
 * socket id names, before the bytecode; UDP compares these fields in host
 * order, so it gets none. */
static void put_ports(int table, struct inet_sockid *id)
{
	if (CONFIG_SS_BYTECODE && (table == TAB_TCP || table == TAB_DCCP)) {
		id->sport = id_sport;
		id->dport = id_dport;
	}
}

/* Header, request, then the optional attributes: bytecode, protocol. */
static uint32_t req_buf[(sizeof(struct nl_hdr) + sizeof(struct inet_req_legacy) + 16 + 65536) / 4];

/* Appends attribute type with n bytes of v at len; returns the new length. */
static size_t put_attr(size_t len, int type, const void *v, size_t n)
{
	struct nl_attr a = { (uint16_t)(sizeof(a) + n), (uint16_t)type };

	memcpy((char *)req_buf + len, &a, sizeof(a));
	memcpy((char *)req_buf + len + sizeof(a), v, n);
	return len + a.len;	/* n is a multiple of 4: no padding */
}

static size_t put_bytecode(size_t len)
{
	if (CONFIG_SS_BYTECODE && bc_len && bc_len <= 65532)
		len = put_attr(len, INET_REQ_ATTR_BYTECODE, bc_prog, bc_len);
	return len;
}

/* idiag_ext bits (1 << (attr - 1)) for the parts wanted (spec §4.1). */
static uint8_t inet_ext(unsigned want)
{
	uint8_t ext = 0;

	if (CONFIG_SS_DETAILS && (want & DET_SKMEM))
		ext |= 1 << (IA_MEMINFO - 1) | 1 << (IA_SKMEMINFO - 1);
	if (CONFIG_SS_TCPINFO && (want & DET_TCPINFO))	/* INFO, VEGASINFO, CONG: 0x0e */
		ext |= 1 << (INET_DIAG_INFO - 1) | 1 << (INET_DIAG_VEGASINFO - 1) |
		       1 << (INET_DIAG_CONG - 1);
	if (CONFIG_SS_DETAILS && (want & DET_TOS))
		ext |= 1 << (IA_TOS - 1) | 1 << (IA_TCLASS - 1);
	return ext;
}

int inet_dump(int table, int family, uint32_t states, unsigned want, rec_cb cb, void *arg)
{
	struct nl_hdr *h = (struct nl_hdr *)req_buf;
	struct inet_req_v2 *r = (struct inet_req_v2 *)(h + 1);
	struct inet_ctx c = { table, table_proto(table), REC_NETLINK, want, cb, arg };
	size_t len = sizeof(*h) + sizeof(*r);

	memset(req_buf, 0, len);
	h->type = SOCK_DIAG_BY_FAMILY;
	r->family = (uint8_t)family;
	r->protocol = (uint8_t)c.protocol;
	r->states = states;
	r->ext = inet_ext(want);
	put_ports(table, &r->id);
	len = put_bytecode(len);
	if (c.protocol > 255) {	/* MPTCP: the real protocol rides in an attribute */
		uint32_t proto = c.protocol;
		len = put_attr(len, INET_REQ_ATTR_PROTOCOL, &proto, sizeof(proto));
	}
	return nl_dump(req_buf, len, inet_msg_cb, &c);
}

int inet_dump_legacy(int table, uint32_t states, unsigned want, rec_cb cb, void *arg)
{
	struct nl_hdr *h = (struct nl_hdr *)req_buf;
	struct inet_req_legacy *r = (struct inet_req_legacy *)(h + 1);
	struct inet_ctx c = { table, table_proto(table), REC_NETLINK, want, cb, arg };
	size_t len = sizeof(*h) + sizeof(*r);

	if (table != TAB_TCP && table != TAB_DCCP)
		return -95;	/* EOPNOTSUPP: no legacy request for this table */
	memset(req_buf, 0, len);
	h->type = table == TAB_TCP ? TCPDIAG_GETSOCK : DCCPDIAG_GETSOCK;
	r->family = AF_INET_;
	r->states = states;
	r->ext = inet_ext(want);
	put_ports(table, &r->id);
	return nl_dump(req_buf, put_bytecode(len), inet_msg_cb, &c);
}

int inet_replay(const char *path, unsigned want, rec_cb cb, void *arg)
{
	struct inet_ctx c = { TAB_TCP, 6, REC_REPLAY, want, cb, arg };

	return nl_replay(path, inet_msg_cb, &c);
}
