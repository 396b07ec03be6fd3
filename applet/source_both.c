/* One kernel walk for both inet families.  6.1 asks for IPv4, then for
 * IPv6, and the kernel walks the whole (shared) TCP hash for each.  The
 * legacy TCPDIAG_GETSOCK request dumps both families in one walk
 * (AF_UNSPEC) and runs the same filter bytecode, so a filtered query costs
 * one walk: IPv4 records go on at once, IPv6 ones are kept and follow, in
 * 6.1's order. */
#include <string.h>
#include <sys/mman.h>
#include "source.h"
#include "filter.h"
#include "../netlink/inet_diag.h"

struct both {
	rec_cb cb;
	void *arg;
	struct sock_rec *v6;
	size_t n, cap;		/* records kept, room for (in records) */
	size_t passed;		/* IPv4 records passed on */
	int failed;
};

static int keep(struct both *b, const struct sock_rec *r)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1024;
		void *p = b->v6 ? mremap(b->v6, b->cap * sizeof(*r), cap * sizeof(*r), MREMAP_MAYMOVE)
				: mmap(NULL, cap * sizeof(*r), PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			b->failed = 1;
			return -12;	/* ENOMEM: the two-pass dumps take over */
		}
		b->v6 = p;
		b->cap = cap;
	}
	b->v6[b->n++] = *r;
	return 0;
}

static int split(const struct sock_rec *r, void *arg)
{
	struct both *b = arg;

	if (r->family == AF_INET6_)
		return keep(b, r);
	b->passed++;
	return b->cb(r, b->arg);
}

int inet_dump_both(int table, uint32_t states, rec_cb cb, void *arg)
{
	struct both b = { cb, arg, NULL, 0, 0, 0, 0 };
	int rc = inet_dump_legacy(table, states, 0, split, &b);	/* want 0: kept records carry no detail */

	if (b.failed)
		rc = -12;
	if (rc < 0 && !b.passed && !b.n)
		return rc;	/* nothing shown: the two-pass dumps take over */
	if (rc < 0)
		rc = 0;	/* cut short: show what came, as a failed pass in 6.1 */
	for (size_t i = 0; i < b.n; i++)
		if (cb(&b.v6[i], arg) < 0)
			break;
	if (b.v6)
		munmap(b.v6, b.cap * sizeof(*b.v6));
	return rc;
}
