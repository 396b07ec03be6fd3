/* The filter as inet_diag bytecode (spec §6.5), so that the kernel walks
 * its hash tables and sends only the sockets that pass.  Byte for byte
 * what 6.1 sends, except that each resolved address gets its own
 * condition (6.1 repeats the first one). */
#include <string.h>
#include "config.h"
#include "filter.h"

enum {
	BC_NOP, BC_JMP, BC_S_GE, BC_S_LE, BC_D_GE, BC_D_LE, BC_AUTO, BC_S_COND,
	BC_D_COND, BC_DEV_COND, BC_MARK_COND, BC_S_EQ, BC_D_EQ, BC_CGROUP_COND
};

/* struct inet_diag_bc_op: host order; the kernel steps by yes or no. */
struct bc_op {
	uint8_t code, yes;
	uint16_t no;
};

/* struct inet_diag_hostcond, followed by 4 or 16 address bytes. */
struct bc_hostcond {
	uint8_t family, prefix_len;
	uint16_t pad;
	int32_t port;
};

_Static_assert(sizeof(struct bc_op) == 4, "inet_diag_bc_op");
_Static_assert(sizeof(struct bc_hostcond) == 8, "inet_diag_hostcond");

#define BC_MAX 65000		/* yes/no and the attribute length are 16-bit */

static size_t put_op(uint8_t *p, int code, unsigned yes, unsigned no)
{
	struct bc_op op = { (uint8_t)code, (uint8_t)yes, (uint16_t)no };

	memcpy(p, &op, sizeof(op));
	return sizeof(op);
}

/* One S_COND/D_COND per address (one with no address part when there is
 * none); after each but the last a JMP to the program's end: a hit
 * accepts, a miss falls through to the next condition. */
static size_t host(const struct fnode *f, uint8_t *p, size_t room)
{
	int code = f->type == FN_DCOND ? BC_D_COND : BC_S_COND;
	int n = f->naddr ? f->naddr : 1;
	size_t len = 0, off = 0;

	if (f->fam != 0 && f->fam != AF_INET_ && f->fam != AF_INET6_)
		return 0;	/* unix, packet...: not an inet condition */
	for (int i = 0; i < n; i++)
		len += 4 + sizeof(struct bc_hostcond) +
		       ((f->naddr ? f->addr[i].family : f->fam) == AF_INET6_ ? 16 : 4) +
		       (i < n - 1 ? 4 : 0);
	if (len > room)
		return 0;
	for (int i = 0; i < n; i++) {
		const struct fn_addr *a = f->naddr ? &f->addr[i] : NULL;
		struct bc_hostcond c = { f->fam, 0, 0, f->port };
		size_t alen = (a ? a->family : f->fam) == AF_INET6_ ? 16 : 4;
		size_t oplen = 4 + sizeof(c) + alen;

		if (a)
			c.family = a->family, c.prefix_len = a->bitlen;
		put_op(p + off, code, (unsigned)oplen, (unsigned)oplen + 4);
		memcpy(p + off + 4, &c, sizeof(c));
		memset(p + off + 4 + sizeof(c), 0, alen);
		if (a)
			memcpy(p + off + 4 + sizeof(c), a->w, alen);
		off += oplen;
		if (i < n - 1)
			off += put_op(p + off, BC_JMP, 4, (unsigned)(len - off));
	}
	return len;
}

/* A's rejects (a no pointing 4 past its end) become rejects of A ++ B. */
static void patch(uint8_t *a, size_t len, size_t reloc)
{
	size_t left = len;

	while (left > 0) {
		struct bc_op op;
		memcpy(&op, a, sizeof(op));
		if (op.no == left + 4) {
			op.no = (uint16_t)(op.no + reloc);
			memcpy(a, &op, sizeof(op));
		}
		if (op.yes < 4 || op.yes > left)
			return;	/* cannot happen: we built A */
		left -= op.yes;
		a += op.yes;
	}
}

static size_t emit(const struct fnode *f, uint8_t *p, size_t room)
{
	size_t l1, l2;
	uint32_t mm[2];
	int code;

	switch (f->type) {
	case FN_AUTO:
		return room < 4 ? 0 : put_op(p, BC_AUTO, 4, 8);
	case FN_S_GE: code = BC_S_GE; goto port;
	case FN_S_LE: code = BC_S_LE; goto port;
	case FN_D_GE: code = BC_D_GE; goto port;
	case FN_D_LE: code = BC_D_LE;
port:
		if (room < 8)
			return 0;
		put_op(p, code, 8, 12);
		/* the port rides in the no field: 6.1 truncates it to 16 bits */
		return 4 + put_op(p + 4, BC_NOP, 0, (unsigned)f->port & 0xffff);
	case FN_SCOND:
	case FN_DCOND:
		return host(f, p, room);
	case FN_MARK:
		if (room < 12)
			return 0;
		put_op(p, BC_MARK_COND, 12, 16);
		mm[0] = f->u.mark[0], mm[1] = f->u.mark[1];
		memcpy(p + 4, mm, 8);
		return 12;
	case FN_CGROUP:
		if (room < 12)
			return 0;
		put_op(p, BC_CGROUP_COND, 12, 16);
		memcpy(p + 4, &f->u.cgroup, 8);
		return 12;
	case FN_NOT:
		l1 = emit(f->u.kid[0], p, room);
		if (!l1 || room - l1 < 4)
			return 0;
		return l1 + put_op(p + l1, BC_JMP, 4, 8);
	case FN_AND:
		l1 = emit(f->u.kid[0], p, room);
		l2 = l1 ? emit(f->u.kid[1], p + l1, room - l1) : 0;
		if (!l2)
			return 0;
		patch(p, l1, l2);
		return l1 + l2;
	case FN_OR:
		l1 = emit(f->u.kid[0], p, room);
		if (!l1 || room - l1 < 4)
			return 0;
		l2 = emit(f->u.kid[1], p + l1 + 4, room - l1 - 4);
		if (!l2)
			return 0;
		put_op(p + l1, BC_JMP, 4, (unsigned)l2 + 4);
		return l1 + 4 + l2;
	}
	return 0;	/* dev: the kernel's DEV_COND is not used by 6.1 */
}

size_t filter_compile(const struct fnode *f, uint8_t *buf, size_t cap)
{
	if (!CONFIG_SS_BYTECODE || !f || filter_nodes > BC_MAX / 4)
		return 0;	/* more nodes than fit: spares the recursion */
	return emit(f, buf, cap < BC_MAX ? cap : BC_MAX);
}

/* Ports of the top-level "and" terms: sport/dport conditions every
 * passing socket meets. */
static void conj_ports(const struct fnode *f, uint16_t *ports)
{
	while (f->type == FN_AND) {
		conj_ports(f->u.kid[1], ports);
		f = f->u.kid[0];
	}
	if ((f->type == FN_SCOND || f->type == FN_DCOND) && f->port > 0 && f->port <= 65535 &&
	    (f->fam == 0 || f->fam == AF_INET_ || f->fam == AF_INET6_))
		ports[f->type == FN_DCOND] = (uint16_t)f->port;
}

void filter_ports(const struct fnode *f, uint16_t *sport, uint16_t *dport)
{
	uint16_t p[2] = { 0, 0 };

	if (CONFIG_SS_BYTECODE && f)
		conj_ports(f, p);
	*sport = p[0];
	*dport = p[1];
}

size_t filter_bytecode(const uint8_t **prog)
{
	static uint8_t bc[BC_MAX];
	static size_t len;
	static int done;

	if (!done) {
		done = 1;
		len = filter_compile(filter_root, bc, sizeof(bc));
	}
	*prog = bc;
	return len;
}
