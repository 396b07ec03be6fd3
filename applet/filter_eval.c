/* User-space evaluation of the filter (spec §6.4) on every record of every
 * source, the kernel's verdict notwithstanding, as 6.1 does. */
#include <string.h>
#include "filter.h"
#include "names.h"
#include "filter_names.h"


/* What a condition sees of a socket, in 6.1's terms: address words
 * (inet: network order; packet, netlink: the protocol; vsock: the cid),
 * ports as ints, names for unix. */
#define UNIX_NAME_MAX 108	/* sun_path */

struct fview {
	int family;
	int32_t lport, rport;
	uint32_t ifindex, mark;
	uint64_t cgroup;
	uint32_t la[4], ra[4];
	const char *lname, *rname;	/* unix; NULL: unnamed */
};

/* 6.1's sockstat of each family, as its run_ssfilter() sees it (spec
 * §6.4); unix names into buf (an abstract name's NULs shown as '@'). */
static void view(const struct sock_rec *r, struct fview *v, char *buf)
{
	memset(v, 0, sizeof(*v));
	v->family = r->family;
	switch (r->family) {
	case AF_INET_:
	case AF_INET6_:
		v->lport = r->u.in.lport;
		v->rport = r->u.in.rport;
		v->ifindex = r->u.in.ifindex;
		v->mark = r->u.in.mark;
		v->cgroup = r->u.in.cgroup;
		memcpy(v->la, r->u.in.laddr, 16);
		memcpy(v->ra, r->u.in.raddr, 16);
		break;
	case AF_UNIX_:
		v->lport = (int32_t)r->inode;
		v->rport = (int32_t)r->u.un.peer;
		if (r->u.un.name) {
			size_t n = r->u.un.name_len < UNIX_NAME_MAX ? r->u.un.name_len : UNIX_NAME_MAX;
			int abstract = n && !r->u.un.name[0];
			memcpy(buf, r->u.un.name, n);
			buf[n] = 0;
			for (size_t i = 0; abstract && i < n; i++)
				if (!buf[i])
					buf[i] = '@';
			v->lname = buf;
		}
		break;
	case AF_PACKET_:
		v->lport = (int32_t)r->u.pk.ifindex;
		v->ifindex = r->u.pk.ifindex;
		v->la[0] = r->u.pk.protocol;
		break;
	case AF_NETLINK_:
		v->lport = r->u.nl.portid;
		v->rport = -1;
		v->la[0] = r->u.nl.protocol;
		break;
	case AF_VSOCK_:
		v->lport = (int32_t)r->u.vs.src_port;
		v->rport = (int32_t)r->u.vs.dst_port;
		v->la[0] = r->u.vs.src_cid;
		v->ra[0] = r->u.vs.dst_cid;
		break;
	case AF_XDP_:
		v->lport = (int32_t)r->u.xdp.queue_id;
		v->ifindex = r->u.xdp.ifindex;
		break;
	}
}

static uint32_t be32(uint32_t v)
{
	const uint8_t *b = (const uint8_t *)&v;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* inet_addr_match(): the leading bits of the raw words, no family check. */
static int prefix_match(const uint32_t *a, const uint32_t *p, int bits)
{
	int words = bits >> 5;

	bits &= 31;
	if (words && memcmp(a, p, (size_t)words * 4))
		return 0;
	if (bits) {
		uint32_t mask = 0xffffffffu << (32 - bits);
		if ((be32(a[words]) ^ be32(p[words])) & mask)
			return 0;
	}
	return 1;
}

/* As the kernel compares (spec §6.5): an address of the other inet family
 * never matches, except a v4-mapped socket address for an IPv4 condition,
 * by its last word.  6.1's user space compares raw words without looking
 * at the family; with bytecode sent the kernel has rejected those first. */
static int addr_match(int family, const uint32_t *w, const struct fn_addr *c)
{
	int inet = family == AF_INET_ || family == AF_INET6_;

	if (inet && c->family != family && (c->family == AF_INET_ || c->family == AF_INET6_)) {
		uint32_t t[4] = { w[3], 0, 0, 0 };
		return c->family == AF_INET_ && !w[0] && !w[1] && w[2] == be32(0xffff) &&
		       prefix_match(t, c->w, c->bitlen);
	}
	return prefix_match(w, c->w, c->bitlen);
}

static int host_match(const struct fnode *f, const struct fview *v, int dst)
{
	const uint32_t *w = dst ? v->ra : v->la;

	if (f->fam == AF_UNIX_) {
		const char *name = dst ? v->rname : v->lname;
		if (v->family != AF_UNIX_)
			return 0;
		return glob_match(f->u.pattern, name ? name : "");
	}
	if (f->port != -1 && f->port != (dst ? v->rport : v->lport))
		return 0;
	if (!f->naddr)
		return 1;
	for (int i = 0; i < f->naddr; i++)
		if (addr_match(v->family, w, &f->addr[i]))
			return 1;
	return 0;
}

static int autobound(const struct fview *v)
{
	const char *p = v->lname;

	switch (v->family) {
	case AF_UNIX_:
		if (!p)
			return 1;
		if (p[0] != '@' || strlen(p) != 6)
			return 0;
		for (int i = 1; i < 6; i++)
			if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
				return 0;
		return 1;
	case AF_PACKET_:
		return v->lport == 0 && v->la[0] == 0;
	case AF_NETLINK_:
		return v->lport < 0;
	case AF_VSOCK_:
		return v->lport > 1023;
	}
	return v->lport >= 0 && port_ephemeral((unsigned)v->lport);
}

static int leaf(const struct fnode *f, const struct fview *v)
{
	switch (f->type) {
	case FN_SCOND: return host_match(f, v, 0);
	case FN_DCOND: return host_match(f, v, 1);
	case FN_S_GE: return v->lport >= f->port;
	case FN_S_LE: return v->lport <= f->port;
	case FN_D_GE: return v->rport >= f->port;
	case FN_D_LE: return v->rport <= f->port;
	case FN_AUTO: return autobound(v);
	case FN_DEV: return v->ifindex == f->u.ifindex;
	case FN_MARK: return (v->mark & f->u.mark[1]) == f->u.mark[0];
	case FN_CGROUP: return v->cgroup == f->u.cgroup;
	}
	return 0;
}

/* Iterative along the left spine and through NOT chains, so that a long
 * "a or b or c ..." list (a left-deep tree) needs no deep recursion; the
 * right operand of and/or is an expr, nested only as deep as parentheses. */
static int eval(const struct fnode *f, const struct fview *v)
{
	int neg = 0;

	for (;;) {
		int r;

		switch (f->type) {
		case FN_NOT:
			neg ^= 1;
			f = f->u.kid[0];
			continue;
		case FN_AND:
		case FN_OR:
			r = eval(f->u.kid[1], v);
			/* and: a false right side decides; or: a true one */
			if (r == (f->type == FN_OR))
				return r ^ neg;
			f = f->u.kid[0];
			continue;
		}
		return leaf(f, v) ^ neg;
	}
}

int filter_eval(const struct fnode *f, const struct sock_rec *r)
{
	struct fview v;
	char name[UNIX_NAME_MAX + 1];

	if (!f)
		return 1;
	view(r, &v, name);
	return eval(f, &v);
}
