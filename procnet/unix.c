/* /proc/net/unix as 6.1 reads it (spec §7.8): fgets(256) pieces through
 * sscanf("%x: %x %x %x %x %x %d %s") (a path ends at its first blank, as
 * there; a newline in a path splits the line, and the rest is garbled), the
 * state from the flags and st fields, and the records sorted by (type, inode) in batches of 1681 (6.1
 * keeps 1 MiB / sizeof(struct sockstat) = 1680 and prints when one more
 * arrives).  Buffers are static: no allocation per socket. */
#include <string.h>
#include "procnet.h"
#include "scan.h"

#define UNIX_BATCH 1681
#define UNIX_NAME 256

static struct {
	struct sock_rec r[UNIX_BATCH];
	char name[UNIX_BATCH][UNIX_NAME];
	uint16_t order[UNIX_BATCH];	/* sorted indexes into r */
	unsigned n;
} U;

struct unix_text {
	int header, newformat, stop;
	uint32_t flags;		/* 6.1's uninitialised local keeps the last value */
	const struct sock_query *q;
	rec_cb cb;
	void *arg;
};

static void flush(struct unix_text *c)
{
	for (unsigned i = 0; i < U.n && !c->stop; i++)
		if (c->cb(&U.r[U.order[i]], c->arg) < 0)
			c->stop = 1;
	U.n = 0;
}

static uint8_t unix_table(unsigned type)
{
	return type == SOCKT_STREAM ? TAB_UNIX_ST : type == SOCKT_SEQPACKET ? TAB_UNIX_SQ
									  : TAB_UNIX_DG;
}

/* The peer's name in the batch so far (the old "Peer" format only). */
static const char *peer_name(uint32_t peer)
{
	for (unsigned i = 0; i < U.n; i++)
		if (U.r[U.order[i]].inode == peer)
			return U.r[U.order[i]].u.un.name ? U.r[U.order[i]].u.un.name : "*";
	return "?";
}

static int unix_line(char *line, size_t len, void *arg)
{
	static const unsigned char map[4] = { SS_CLOSE, SS_SYN_SENT, SS_ESTABLISHED, SS_CLOSING };
	struct unix_text *c = arg;
	uint64_t v[7] = { 0 };
	const char *p = line, *w = NULL, *e = NULL;
	int got = 0;
	unsigned slot = U.n, state, type;
	struct sock_rec *r = &U.r[slot];

	(void)len;
	if (c->header) {
		c->header = 0;
		c->newformat = !memcmp(line, "Peer", 4);
		return 0;
	}
	for (; got < 7; got++) {
		p = scan_num(p, got == 6 ? 10 : 16, got == 6, &v[got]);
		if (!p || (got == 0 && *p++ != ':'))
			break;
	}
	if (got == 7 && p) {
		e = scan_word(p, &w);
		got += e > w;
	}
	if (got > 3)
		c->flags = (uint32_t)v[3];
	type = (uint32_t)v[4];
	state = (uint32_t)v[5];
	if (c->flags & (1u << 16)) {
		state = SS_LISTEN;
	} else if (state - 1 < 4) {
		/* st is the socket's SS_* state: a datagram socket is
		 * ESTAB when connected (st 3), UNCONN otherwise, as unix_diag
		 * says.  6.1 shows every datagram socket ESTAB here (it tests
		 * the Num pointer): a difference in the README. */
		state = map[state - 1];
	}
	if (!(c->q->tables & (1u << unix_table(type))) && (type == SOCKT_STREAM ||
	    type == SOCKT_DGRAM || type == SOCKT_SEQPACKET))
		return 0;
	if (!(c->q->states & (1u << (state & 31))))
		return 0;
	memset(r, 0, sizeof(*r));
	r->family = 1;	/* AF_UNIX */
	r->origin = REC_PROC;
	r->table = unix_table(type);
	r->state = (uint8_t)(state < 256 ? state : SS_UNKNOWN);
	r->inode = (uint32_t)v[6];
	r->u.un.type = (uint8_t)type;
	if (c->newformat) {
		r->u.un.peer = (uint32_t)v[0];
		r->rq = (int32_t)v[1];
		r->wq = (int32_t)v[2];
	}
	if (got == 8) {
		size_t n = (size_t)(e - w) < UNIX_NAME - 1 ? (size_t)(e - w) : UNIX_NAME - 1;
		memcpy(U.name[slot], w, n);
		U.name[slot][n] = 0;
		r->u.un.name = U.name[slot];
		r->u.un.name_len = (uint16_t)n;
	}
	if (r->u.un.peer)
		r->u.un.peer_name = peer_name(r->u.un.peer);
	/* insert after every record with a key <= ours, as 6.1's list walk does */
	unsigned lo = 0, hi = U.n;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const struct sock_rec *m = &U.r[U.order[mid]];
		if (m->u.un.type < r->u.un.type ||
		    (m->u.un.type == r->u.un.type && m->inode <= r->inode))
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(&U.order[lo + 1], &U.order[lo], (U.n - lo) * sizeof(U.order[0]));
	U.order[lo] = (uint16_t)slot;
	if (++U.n == UNIX_BATCH)
		flush(c);
	return c->stop;
}

int procnet_read_unix(const char *path, const struct sock_query *q, rec_cb cb, void *arg)
{
	struct unix_text c = { 1, 0, 0, 0, q, cb, arg };
	int rc;

	U.n = 0;
	rc = procnet_lines(path, 256, unix_line, &c);
	if (rc < 0 || c.header)
		return -1;
	flush(&c);
	return 0;
}
