/* /proc/net/{tcp,udp,raw}{,6}: one large read buffer, hand-rolled hex, no
 * sscanf.  A garbled line is skipped; nothing in a line can make us read
 * past it. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "procnet.h"

#define LINE_MAX_ 255	/* iproute2 reads lines with fgets(256): longer ones end the file */
#define RD_BUF 65536

#define NTOK 16

struct tok {
	const char *s;
	unsigned len;
};

/* Splits a line on blanks and colons: sl, laddr, lport, raddr, rport, st,
 * tx, rx, tr, when, retrnsmt, uid, probes|timeout, inode, refcnt, sk.
 * The layout is the same in the tcp, udp and raw files. */
static int split(const char *p, const char *end, struct tok t[NTOK])
{
	int n = 0;

	while (p < end && n < NTOK) {
		while (p < end && (*p == ' ' || *p == ':'))
			p++;
		if (p == end)
			break;
		t[n].s = p;
		while (p < end && *p != ' ' && *p != ':')
			p++;
		t[n].len = (unsigned)(p - t[n].s);
		n++;
	}
	return n;
}

/* The whole token as a number in base 16 or 10; -1 if it is not one.
 * Hex digits by arithmetic: (c & 15) + 9 for letters, no table. */
static int num(const struct tok *t, unsigned base, uint64_t *out)
{
	const char *p = t->s, *e = p + t->len;
	uint64_t v = 0;

	if (!t->len || t->len > 16)
		return -1;
	if (base == 16) {
		for (; p < e; p++) {
			unsigned c = (unsigned char)*p;
			if (c - '0' >= 10 && (c | 0x20) - 'a' >= 6)
				return -1;
			v = v << 4 | ((c & 15) + 9 * (c >> 6));
		}
	} else {
		for (; p < e; p++) {
			unsigned d = (unsigned char)*p - '0';
			if (d >= 10)
				return -1;
			v = v * 10 + d;
		}
	}
	*out = v;
	return 0;
}

/* 8 or 32 hex digits, each 8 one 32-bit word in host order as the kernel
 * printed it: copying the word's bytes gives network order. */
static int addr(const struct tok *t, uint8_t a[16])
{
	unsigned words = t->len / 8;

	if (t->len != 8 && t->len != 32)
		return -1;
	for (unsigned i = 0; i < words; i++) {
		struct tok w = { t->s + 8 * i, 8 };
		uint64_t v;
		uint32_t u;
		if (num(&w, 16, &v))
			return -1;
		u = (uint32_t)v;
		memcpy(a + 4 * i, &u, 4);
	}
	return (int)words;
}

/* What one file read needs: the file is IPv4 or IPv6 whole (tcp vs tcp6). */
struct pn_ctx {
	int table, family;
	uint32_t states;
	rec_cb cb;
	void *arg;
	int header, stop;
};

static int parse_line(const char *p, const char *end, const struct pn_ctx *c,
		      struct sock_rec *r)
{
	/* 0: not a number we use (sl, the addresses, refcnt) */
	static const unsigned char base[NTOK] = {
		0, 0, 16, 0, 16, 16, 16, 16, 16, 16, 16, 10, 10, 10, 0, 16
	};
	struct tok t[NTOK];
	uint64_t v[NTOK] = { 0 };
	int n = split(p, end, t), lw;

	if (n < 14)
		return -1;
	for (int i = 0; i < n; i++)
		if (base[i] && num(&t[i], base[i], &v[i]) && i < 14)
			return -1;
	memset(r, 0, sizeof(*r));
	lw = addr(&t[1], r->u.in.laddr);
	if (lw != (c->family == AF_INET ? 1 : 4) || addr(&t[3], r->u.in.raddr) != lw || v[5] >= 16 ||
	    t[2].len != 4 || t[4].len != 4)
		return -1;
	r->family = (uint8_t)c->family;
	r->table = (uint8_t)c->table;
	r->origin = REC_PROC;
	r->u.in.lport = (uint16_t)v[2];
	r->u.in.rport = (uint16_t)v[4];
	r->state = (uint8_t)v[5];
	r->wq = (int32_t)v[6];
	r->rq = (int32_t)v[7];
	r->u.in.timer = (uint8_t)v[8];
	/* USER_HZ ticks to ms, rounded up, as iproute2 does (USER_HZ is 100) */
	r->u.in.expires = (uint32_t)((v[9] * 1000 + 99) / 100);
	r->u.in.retrans = (uint8_t)(v[8] == 1 ? v[10] : v[12]);
	r->uid = (uint32_t)v[11];
	r->inode = (uint32_t)v[13];
	r->cookie = n > 15 ? v[15] : 0;
	r->u.in.protocol = c->table == TAB_RAW ? 255 : c->table == TAB_UDP ? 17 : 6;
	return 0;
}

/* Calls cb for each complete line in [p, end); returns bytes consumed or
 * -1 when a line is too long (which ends the file, as in iproute2). */
static long feed_lines(const char *p, const char *end, struct pn_ctx *c)
{
	const char *start = p;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *line = p;
		struct sock_rec r;

		if (!nl)
			break;
		if (nl - p >= LINE_MAX_)
			return -1;
		p = nl + 1;
		if (c->header) {
			c->header = 0;
			continue;
		}
		if (parse_line(line, nl, c, &r) || !(c->states & (1u << r.state)))
			continue;
		if (c->cb(&r, c->arg) < 0) {
			c->stop = 1;
			break;
		}
	}
	return p - start;
}

int procnet_read_inet(const char *path, int table, int family, uint32_t states,
		      rec_cb cb, void *arg)
{
	static char buf[RD_BUF];
	struct pn_ctx c = { table, family, states, cb, arg, 1, 0 };
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t have = 0;

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, buf + have, sizeof(buf) - have);
		long used;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
		used = feed_lines(buf, buf + have, &c);
		if (used < 0 || c.stop)
			goto cut;
		have -= (size_t)used;
		memmove(buf, buf + used, have);
		if (have >= LINE_MAX_)
			goto cut;
	}
	close(fd);
	return have ? -1 : 0;	/* a last line without newline ends the file */
cut:
	close(fd);
	return c.stop ? 0 : -1;
}
