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

struct cursor {
	const char *p, *end;
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void skip_spaces(struct cursor *c)
{
	while (c->p < c->end && *c->p == ' ')
		c->p++;
}

/* Up to max hex digits (at least one); 0 on success. */
static int get_hex(struct cursor *c, int max, uint64_t *out)
{
	uint64_t v = 0;
	int n = 0, d;

	while (n < max && c->p < c->end && (d = hexval(*c->p)) >= 0) {
		v = v << 4 | (uint64_t)d;
		c->p++;
		n++;
	}
	*out = v;
	return n ? 0 : -1;
}

/* A decimal field, possibly negative (uid, timeout are printed with %d/%u). */
static int get_dec(struct cursor *c, uint64_t *out)
{
	uint64_t v = 0;
	int n = 0, neg = 0;

	skip_spaces(c);
	if (c->p < c->end && *c->p == '-')
		neg = 1, c->p++;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		v = v * 10 + (uint64_t)(*c->p - '0');
		c->p++;
		n++;
	}
	*out = neg ? -v : v;
	return n ? 0 : -1;
}

static int expect(struct cursor *c, char ch)
{
	if (c->p >= c->end || *c->p != ch)
		return -1;
	c->p++;
	return 0;
}

/* ADDR:PORT where ADDR is 8 or 32 hex digits, each group of 8 one 32-bit
 * word in host order as the kernel printed it. */
static int get_endpoint(struct cursor *c, uint8_t addr[16], uint16_t *port, int *words)
{
	uint64_t v;
	int n = 0;

	while (n < 4 && c->p < c->end && *c->p != ':') {
		uint32_t w;
		const char *s = c->p;
		if (get_hex(c, 8, &v) || c->p - s != 8)
			return -1;
		w = (uint32_t)v;
		memcpy(addr + 4 * n++, &w, 4);
	}
	if ((n != 1 && n != 4) || expect(c, ':') || get_hex(c, 4, &v))
		return -1;
	*port = (uint16_t)v;
	*words = n;
	return 0;
}

/* Fields after the addresses, identical in tcp, udp and raw files:
 * st tx:rx tr:when retrnsmt uid probes|timeout inode refcnt sk ... */
static int parse_line(struct cursor *c, int table, struct sock_rec *r)
{
	uint64_t st, tx, rx, tr, when, retr, uid, probes, ino, ref, sk;
	int lw, rw;

	memset(r, 0, sizeof(*r));
	while (c->p < c->end && *c->p != ':')	/* the "sl" column */
		c->p++;
	if (expect(c, ':'))
		return -1;
	skip_spaces(c);
	if (get_endpoint(c, r->laddr, &r->lport, &lw) || expect(c, ' ') ||
	    get_endpoint(c, r->raddr, &r->rport, &rw) || lw != rw)
		return -1;
	skip_spaces(c);
	if (get_hex(c, 2, &st) || (skip_spaces(c), get_hex(c, 8, &tx)) ||
	    expect(c, ':') || get_hex(c, 8, &rx) ||
	    (skip_spaces(c), get_hex(c, 2, &tr)) || expect(c, ':') ||
	    get_hex(c, 8, &when) || (skip_spaces(c), get_hex(c, 8, &retr)) ||
	    get_dec(c, &uid) || get_dec(c, &probes) || get_dec(c, &ino))
		return -1;
	if (get_dec(c, &ref) || (skip_spaces(c), get_hex(c, 16, &sk)))
		sk = 0;
	if (st >= 16)
		return -1;
	r->family = lw == 1 ? AF_INET : AF_INET6;
	r->table = (uint8_t)table;
	r->state = (uint8_t)st;
	r->wq = (int32_t)tx;
	r->rq = (int32_t)rx;
	r->timer = (uint8_t)tr;
	/* USER_HZ ticks to ms, rounded up, as iproute2 does (USER_HZ is 100) */
	r->expires = (uint32_t)((when * 1000 + 99) / 100);
	r->retrans = (uint8_t)(tr == 1 ? retr : probes);
	r->uid = (uint32_t)uid;
	r->inode = (uint32_t)ino;
	r->cookie = sk;
	r->protocol = table == TAB_RAW ? 255 : table == TAB_UDP ? 17 : 6;
	return 0;
}

/* Calls cb for each complete line in [p, end); returns bytes consumed or
 * -1 when a line is too long (which ends the file, as in iproute2). */
static long feed_lines(const char *p, const char *end, int *header, int table,
		       uint32_t states, rec_cb cb, void *arg, int *stop)
{
	const char *start = p;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct cursor c;
		struct sock_rec r;

		if (!nl)
			break;
		if (nl - p >= LINE_MAX_)
			return -1;
		c.p = p;
		c.end = nl;
		p = nl + 1;
		if (*header) {
			*header = 0;
			continue;
		}
		if (parse_line(&c, table, &r) || !(states & (1u << r.state)))
			continue;
		if (cb(&r, arg) < 0) {
			*stop = 1;
			break;
		}
	}
	return p - start;
}

int procnet_read_inet(const char *path, int table, uint32_t states,
		      rec_cb cb, void *arg)
{
	static char buf[RD_BUF];
	int fd = open(path, O_RDONLY | O_CLOEXEC), header = 1, stop = 0;
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
		used = feed_lines(buf, buf + have, &header, table, states, cb, arg, &stop);
		if (used < 0 || stop)
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
	return stop ? 0 : -1;
}
