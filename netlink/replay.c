/* sock_diag as the kernel (6.x) answers it, played from dump files.
 *
 * Request checks, in the kernel's order (net/core/sock_diag.c and the
 * family handlers): a message shorter than its header or without
 * NLM_F_REQUEST gets no answer; types other than 18-21 get NLMSG_ERROR
 * -EINVAL; SOCK_DIAG_BY_FAMILY for a family with no dump file gets
 * NLMSG_ERROR -ENOENT (no handler), except AF_INET/AF_INET6, whose handler
 * always exists: a missing protocol file ends the dump with NLMSG_DONE
 * -ENOENT, as for an unloaded tcp/udp/raw/sctp/dccp_diag.  A payload shorter
 * than the family's request struct is -EINVAL, a packet request with a
 * protocol -EINVAL, a netlink protocol above 31 (not 255) DONE -ENOENT.
 * Requests without NLM_F_DUMP (exact lookups, REPLAY_SOCK_DESTROY) get -ENOENT.
 * A missing legacy-tcp/legacy-dccp file gets NLMSG_ERROR -EINVAL, as 6.18
 * answers DCCPDIAG_GETSOCK.
 *
 * Dump file messages: type >= 16 is a socket; it is filtered as the
 * family's kernel code filters its table, stripped of the attributes the
 * request did not ask for, and sent with the request's type, seq and the
 * socket's portid (flags as in the file: NLM_F_MULTI, or NLM_F_DUMP_INTR to
 * test that path).  NLMSG_ERROR in the file ends the reply with that error
 * (as NLMSG_ERROR echoing the request: a failed dump start), NLMSG_DONE
 * with a negative error ends it with that DONE (a failed dump), NLMSG_DONE
 * with 0 is skipped (so ss -D captures work), other types below 16 pass
 * as they are.  The end of the file ends the dump with DONE 0; a truncated
 * or garbled file with DONE -EBADMSG, a message too large for a datagram
 * with DONE -EMSGSIZE.  A message shorter than its family's fixed struct
 * passes unfiltered.  Filter bytecode and the request's socket id are
 * ignored.
 *
 * Filters: inet (tcp, udp, dccp, mptcp, udplite): family unless AF_UNSPEC,
 * 1 << idiag_state in idiag_states.  raw: family only (AF_UNSPEC lists
 * nothing), no state filter.  sctp: with LISTEN asked, every socket-level
 * message (flag NLM_F_MULTI) of the family; then, unless only LISTEN/CLOSE
 * are asked, each socket-level message followed by association messages
 * (flags without NLM_F_MULTI) again with them.  unix, vsock: 1 << state.
 * tipc: 1 << TIPC_NLA_SOCK_TIPC_STATE, a filtered socket leaving an empty
 * message as the kernel does.  netlink: the protocol unless 255.  packet,
 * xdp: all.
 * Attributes kept: inet by idiag_ext bit (MEMINFO, INFO and its MD5SIG/ULP,
 * VEGAS/DCTCP/BBR by the VEGAS bit, CONG, TOS, TCLASS and CLASS_ID,
 * SKMEMINFO; the others always); unix, packet, netlink, xdp by their show
 * bits as in the kernel (unix SHUTDOWN always). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "nlproto.h"
#include "replay.h"

enum { K_INET, K_RAW, K_SCTP, K_UNIX, K_PACKET, K_NETLINK, K_VSOCK, K_XDP, K_TIPC, K_ALL };
enum { PH_STREAM, PH_FINAL, PH_END };

#define NLM_F_MULTI_FLAG 0x2
#define REPLAY_SOCK_DESTROY 21
#define TCPF_LISTEN (1u << 10)
#define TCPF_CLOSE (1u << 7)

/* Per family: the name of its dump file (or NULL), the payload size of its
 * request and of its reply message, its kind, and where the request keeps
 * the state mask and the show bits (offsets into the payload, 0 = none). */
struct fam_rule {
	uint8_t family, kind, req_len, msg_len, states_at, show_at;
	const char *name;
};
static const struct fam_rule fam_rules[] = {
	{ 1, K_UNIX, 24, 16, 4, 12, "unix" },
	{ 16, K_NETLINK, 20, 28, 0, 8, "netlink" },
	{ 17, K_PACKET, 20, 16, 0, 8, "packet" },
	{ 30, K_TIPC, 8, 0, 4, 0, "tipc" },
	{ 40, K_VSOCK, 24, 32, 4, 0, "vsock" },
	{ 44, K_XDP, 20, 16, 0, 8, "xdp" },
};

/* inet protocols with a file name; others are inet-N */
static const struct { uint16_t proto; const char *name; } inet_names[] = {
	{ 6, "tcp" }, { 17, "udp" }, { 255, "raw" }, { 33, "dccp" },
	{ 132, "sctp" }, { 262, "mptcp" }, { 136, "udplite" },
};

/* Attribute type (0-22) -> request bit that makes the kernel send it,
 * 0 = always.  Types past the table are always sent. */
static const uint8_t gate_inet[23] = {
	[1] = 0x01, [2] = 0x02, [3] = 0x04, [4] = 0x08, [5] = 0x10, [6] = 0x20,
	[7] = 0x40, [9] = 0x04, [16] = 0x04, [17] = 0x20, [18] = 0x02, [19] = 0x02,
};
static const uint8_t gate_unix[8] = { 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0, 0x40 };
static const uint8_t gate_packet[8] = { 0x01, 0x02, 0x04, 0x04, 0x08, 0x01, 0x10, 0x20 };
static const uint8_t gate_netlink[5] = { 0x01, 0x02, 0x04, 0x04, 0x08 };
static const uint8_t gate_xdp[10] = { 0, 0x01, 0x01, 0x02, 0x02, 0x04, 0x04, 0x04, 0x08, 0x10 };

static int rule_gate(int kind, unsigned type, uint32_t show)
{
	const uint8_t *g = NULL;
	unsigned n = 0;

	switch (kind) {
	case K_INET: case K_RAW: case K_SCTP: g = gate_inet; n = sizeof(gate_inet); break;
	case K_UNIX: g = gate_unix; n = sizeof(gate_unix); break;
	case K_PACKET: g = gate_packet; n = sizeof(gate_packet); break;
	case K_NETLINK: g = gate_netlink; n = sizeof(gate_netlink); break;
	case K_XDP: g = gate_xdp; n = sizeof(gate_xdp); break;
	}
	return type >= n || !g[type] || (g[type] & show);
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static int in_mask(uint32_t mask, unsigned state)
{
	return state < 32 && (mask >> state & 1);
}

static void end_with(struct replay *r, uint16_t type, int err)
{
	r->final = type;
	r->err = err;
	r->phase = PH_FINAL;
}

/* "dir/name.dump" or "dir/<prefix>N.dump" into path; 0 or -ENAMETOOLONG */
static int dump_path(char *path, size_t cap, const char *dir, const char *name,
		     const char *prefix, unsigned n)
{
	char num[16], *q = num + sizeof(num);
	size_t dl = strlen(dir), nl;

	*--q = 0;
	if (!name) {
		do
			*--q = (char)('0' + n % 10);
		while (n /= 10);
		name = prefix;
	}
	nl = strlen(name);
	if (dl + 1 + nl + strlen(q) + 6 > cap)
		return -ENAMETOOLONG;
	memcpy(path, dir, dl);
	path[dl] = '/';
	memcpy(path + dl + 1, name, nl);
	strcpy(path + dl + 1 + nl, q);
	strcat(path, ".dump");
	return 0;
}

/* The inet protocol of a v2 request: the PROTOCOL attribute, else sdiag_protocol. */
static unsigned inet_protocol(const unsigned char *p, size_t plen)
{
	unsigned proto = p[1];
	size_t at = sizeof(struct inet_req_v2);

	while (at + sizeof(struct nl_attr) <= plen) {
		struct nl_attr a;

		memcpy(&a, p + at, sizeof(a));
		if (a.len < sizeof(a) || a.len > plen - at)
			break;
		if ((a.type & 0x3fff) == INET_REQ_ATTR_PROTOCOL && a.len >= 8)
			proto = get32(p + at + 4);
		at += NL_ALIGN(a.len);
	}
	return proto;
}

/* Parses the request: the answer (end_with) or the file to read (into
 * path, with r->final/r->err the answer when it is missing, *need the
 * family's request size).  1 = answered, 0 = read path, -ENAMETOOLONG. */
static int replay_request(struct replay *r, const char *dir, const struct nl_hdr *h,
			  const unsigned char *p, size_t plen, char *path, size_t cap,
			  size_t *need)
{
	const char *name = NULL;
	int dump = (h->flags & NLM_F_DUMP_FLAGS) != 0;	/* either bit, as the kernel tests it */
	unsigned n;

	if (h->type == TCPDIAG_GETSOCK || h->type == DCCPDIAG_GETSOCK) {
		if (plen < sizeof(struct inet_req_legacy) || !dump)
			return end_with(r, NLMSG_ERROR_TYPE, dump ? -EINVAL : -ENOENT), 1;
		r->kind = K_INET;
		r->show = p[3];
		r->states = get32(p + offsetof(struct inet_req_legacy, states));
		end_with(r, NLMSG_ERROR_TYPE, -EINVAL);	/* if the file is missing */
		return dump_path(path, cap, dir, h->type == TCPDIAG_GETSOCK ?
				 "legacy-tcp" : "legacy-dccp", NULL, 0);
	}
	if ((h->type != SOCK_DIAG_BY_FAMILY && h->type != REPLAY_SOCK_DESTROY) || plen < 2 || p[0] >= 46)
		return end_with(r, NLMSG_ERROR_TYPE, -EINVAL), 1;
	r->family = p[0];
	r->protocol = p[1];
	if (p[0] == 2 || p[0] == 10) {	/* inet_diag: always there */
		if (plen < sizeof(struct inet_req_v2) || !dump)
			return end_with(r, NLMSG_ERROR_TYPE, dump ? -EINVAL : -ENOENT), 1;
		n = inet_protocol(p, plen);
		r->kind = n == 255 ? K_RAW : n == 132 ? K_SCTP : K_INET;
		r->show = p[2];
		r->states = get32(p + 4);
		end_with(r, NLMSG_DONE_TYPE, -ENOENT);	/* no such protocol module */
		for (size_t i = 0; i < sizeof(inet_names) / sizeof(inet_names[0]); i++)
			if (inet_names[i].proto == n)
				name = inet_names[i].name;
		return dump_path(path, cap, dir, name, "inet-", n);
	}
	r->kind = K_ALL;
	end_with(r, NLMSG_ERROR_TYPE, -ENOENT);	/* no handler for the family */
	for (size_t i = 0; i < sizeof(fam_rules) / sizeof(fam_rules[0]); i++) {
		const struct fam_rule *f = &fam_rules[i];

		if (f->family != p[0])
			continue;
		name = f->name;
		r->kind = f->kind;
		r->states = f->states_at && plen >= f->states_at + 4u ? get32(p + f->states_at) : 0;
		r->show = f->show_at && plen >= f->show_at + 4u ? get32(p + f->show_at) : 0;
		*need = f->req_len;
	}
	return dump_path(path, cap, dir, name, "family-", p[0]);
}

int replay_open(struct replay *r, const char *dir, const void *req, size_t len, uint32_t pid)
{
	const struct nl_hdr *h = req;
	char path[4096];
	size_t need = 0;
	int rc;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	r->pid = pid;
	r->phase = PH_END;
	if (len < sizeof(*h) || h->len < sizeof(*h) || h->len > len || !(h->flags & NLM_F_REQ))
		return 0;	/* the kernel drops it without a word */
	len = h->len;
	r->seq = h->seq;
	r->type = h->type;
	r->echo_len = (uint32_t)(len <= sizeof(r->echo) ? len : sizeof(*h));
	memcpy(r->echo, req, r->echo_len);
	rc = replay_request(r, dir, h, (const unsigned char *)(h + 1), len - sizeof(*h),
			    path, sizeof(path), &need);
	if (rc)
		return rc < 0 ? rc : 0;
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0)
		return 0;	/* the answer for a missing table is set */
	r->phase = PH_STREAM;
	if (len - sizeof(*h) < need || (r->kind == K_PACKET && r->protocol))
		end_with(r, NLMSG_ERROR_TYPE, -EINVAL);
	else if (r->kind > K_SCTP && !(h->flags & NLM_F_DUMP_FLAGS))
		end_with(r, NLMSG_ERROR_TYPE, -ENOENT);	/* exact lookup: not found */
	else if (r->kind == K_NETLINK && r->protocol >= 32 && r->protocol != 255)
		end_with(r, NLMSG_DONE_TYPE, -ENOENT);
	else if (r->kind == K_SCTP && !(r->states & TCPF_LISTEN)) {
		r->pass = 1;	/* no endpoint pass */
		if (!(r->states & ~(TCPF_LISTEN | TCPF_CLOSE)))
			end_with(r, NLMSG_DONE_TYPE, 0);
	}
	return 0;
}

/* The TIPC_NLA_SOCK_TIPC_STATE inside TIPC_NLA_SOCK, or -1. */
static long tipc_state(const unsigned char *p, size_t n, int depth)
{
	while (n >= sizeof(struct nl_attr)) {
		struct nl_attr a;

		memcpy(&a, p, sizeof(a));
		if (a.len < sizeof(a) || a.len > n)
			break;
		if (depth == 0 && (a.type & 0x3fff) == 2)
			return tipc_state(p + 4, a.len - 4u, 1);
		if (depth == 1 && (a.type & 0x3fff) == 9 && a.len >= 8)
			return get32(p + 4);
		if (NL_ALIGN(a.len) >= n)
			break;
		p += NL_ALIGN(a.len);
		n -= NL_ALIGN(a.len);
	}
	return -1;
}

/* Drops the attributes the request did not ask for; returns the new length. */
static size_t strip_attrs(const struct replay *r, unsigned char *m, size_t len, size_t fixed)
{
	size_t in = fixed, out = fixed;

	while (len - in >= sizeof(struct nl_attr)) {
		struct nl_attr a;
		size_t step;

		memcpy(&a, m + in, sizeof(a));
		if (a.len < sizeof(a) || a.len > len - in)
			break;
		step = NL_ALIGN(a.len) < len - in ? NL_ALIGN(a.len) : len - in;
		if (rule_gate(r->kind, a.type & 0x3fff, r->show)) {
			memmove(m + out, m + in, step);
			out += step;
		}
		in += step;
	}
	memmove(m + out, m + in, len - in);	/* a garbled tail stays as it is */
	return out + (len - in);
}

/* Whether the kernel sends this socket message; the sctp groups aside. */
static int keep_msg(const struct replay *r, const unsigned char *m)
{
	switch (r->kind) {
	case K_INET:
		return (!r->family || m[0] == r->family) && in_mask(r->states, m[1]);
	case K_RAW:
		return m[0] == r->family;
	case K_UNIX: case K_VSOCK:
		return in_mask(r->states, m[2]);
	case K_NETLINK:
		return r->protocol == 255 || m[2] == r->protocol;
	}
	return 1;
}

static size_t fixed_len(int kind)
{
	for (size_t i = 0; i < sizeof(fam_rules) / sizeof(fam_rules[0]); i++)
		if (fam_rules[i].kind == kind)
			return fam_rules[i].msg_len;
	return kind == K_ALL ? 0 : sizeof(struct inet_msg);
}

/* The sctp rule for the message at off; peeks at the next header. */
static int keep_sctp(struct replay *r, const struct nl_hdr *h, const unsigned char *m, uint64_t next)
{
	struct nl_hdr n;
	int fam_ok = !r->family || m[0] == r->family;

	if (h->flags & NLM_F_MULTI_FLAG) {	/* socket level */
		if (r->pass == 0)
			return fam_ok;
		r->group = 0;
		if (pread(r->fd, &n, sizeof(n), (off_t)next) == (ssize_t)sizeof(n) &&
		    n.type >= 16 && !(n.flags & NLM_F_MULTI_FLAG))
			r->group = (uint8_t)fam_ok;
		return r->group;
	}
	return r->pass == 1 && r->group;
}

/* Appends the next message of the file at buf+pos: 1 = taken (sent or
 * filtered out; *used is the new datagram length), 0 = the datagram is full. */
static int next_msg(struct replay *r, unsigned char *buf, size_t pos, size_t *used)
{
	struct nl_hdr *h = (struct nl_hdr *)(buf + pos);
	unsigned char *m = (unsigned char *)(h + 1);
	size_t fixed = fixed_len(r->kind), len;
	uint64_t alen;
	ssize_t got;

	if (REPLAY_DGRAM - pos < sizeof(*h))
		return 0;
	got = pread(r->fd, h, sizeof(*h), (off_t)r->off);
	if (got == 0) {		/* end of file: sctp's second pass, or DONE */
		if (r->pass == 0 && r->kind == K_SCTP && (r->states & ~(TCPF_LISTEN | TCPF_CLOSE))) {
			r->pass = 1;
			r->off = 0;
		} else {
			end_with(r, NLMSG_DONE_TYPE, 0);
		}
		return 1;
	}
	if (got != (ssize_t)sizeof(*h) || h->len < sizeof(*h))
		return end_with(r, NLMSG_DONE_TYPE, -EBADMSG), 1;
	alen = ((uint64_t)h->len + 3) & ~(uint64_t)3;
	if (alen > REPLAY_DGRAM - pos) {
		if (pos)
			return 0;
		return end_with(r, NLMSG_DONE_TYPE, -EMSGSIZE), 1;
	}
	len = h->len;
	if (pread(r->fd, m, alen - sizeof(*h), (off_t)(r->off + sizeof(*h))) !=
	    (ssize_t)(alen - sizeof(*h)))
		return end_with(r, NLMSG_DONE_TYPE, -EBADMSG), 1;
	r->off += alen;
	if (h->type == NLMSG_ERROR_TYPE || h->type == NLMSG_DONE_TYPE) {
		int32_t err = len >= sizeof(*h) + 4 ? (int32_t)get32(m) : 0;

		if (h->type == NLMSG_ERROR_TYPE)
			end_with(r, NLMSG_ERROR_TYPE, len >= sizeof(*h) + 4 ? err : -EBADMSG);
		else if (err)
			end_with(r, NLMSG_DONE_TYPE, err);
		return 1;
	}
	if (h->type >= 16 && len >= sizeof(*h) + fixed) {
		if (r->kind == K_SCTP ? !keep_sctp(r, h, m, r->off) : !keep_msg(r, m))
			return 1;
		if (r->kind == K_TIPC) {
			long st = tipc_state(m, len - sizeof(*h), 0);

			if (st >= 0 && !in_mask(r->states, (unsigned)st))
				len = sizeof(*h);	/* the kernel's empty message */
		}
		len = sizeof(*h) + strip_attrs(r, m, len - sizeof(*h), fixed);
		memset((unsigned char *)h + len, 0, NL_ALIGN(len) - len);
	} else if (r->pass == 1) {
		return 1;	/* sctp: the rest went out in the first pass */
	}
	if (h->type >= 16)
		h->type = r->type;
	h->len = (uint32_t)len;
	h->seq = r->seq;
	h->pid = r->pid;
	*used = pos + NL_ALIGN(len);
	return 1;
}

/* NLMSG_DONE {err} or NLMSG_ERROR {err, request} at p; its length, 0 when
 * it does not fit in room. */
static size_t put_final(const struct replay *r, unsigned char *p, size_t room)
{
	struct nl_hdr h = { sizeof(h) + 4, r->final, 0, r->seq, r->pid };

	if (r->final == NLMSG_ERROR_TYPE)
		h.len += r->echo_len;
	else
		h.flags = NLM_F_MULTI_FLAG;
	if (NL_ALIGN(h.len) > room)
		return 0;
	memset(p, 0, NL_ALIGN(h.len));
	memcpy(p, &h, sizeof(h));
	memcpy(p + sizeof(h), &r->err, 4);
	if (r->final == NLMSG_ERROR_TYPE)
		memcpy(p + sizeof(h) + 4, r->echo, r->echo_len);
	return NL_ALIGN(h.len);
}

long replay_next(struct replay *r, void *buf)
{
	size_t pos = 0, n;

	while (r->phase == PH_STREAM) {
		size_t used = pos;

		if (!next_msg(r, buf, pos, &used))
			return (long)pos;
		pos = used;
	}
	if (r->phase == PH_FINAL) {
		n = put_final(r, (unsigned char *)buf + pos, REPLAY_DGRAM - pos);
		if (!n)
			return (long)pos;	/* the final message goes alone, next time */
		r->phase = PH_END;
		pos += n;
	}
	return (long)pos;
}

void replay_close(struct replay *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	r->phase = PH_END;
}
