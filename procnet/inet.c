/* /proc/net/{tcp,udp,raw}{,6}: one large read buffer, hand-rolled hex, no
 * sscanf.  A garbled line is skipped; nothing in a line can make us read
 * past it. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "config.h"
#include "procnet.h"
#include "cscan.h"

#define LINE_MAX_ 255	/* iproute2 reads lines with fgets(256): longer ones end the file */
#define RD_BUF 65536

#define NTOK 16

struct tok {
	const char *s;
	unsigned len;
};

/* Splits a line on blanks (sscanf's: tabs too) and colons: sl, laddr, lport, raddr, rport, st,
 * tx, rx, tr, when, retrnsmt, uid, probes|timeout, inode, refcnt, sk.
 * The layout is the same in the tcp, udp and raw files. */
static int split(const char *p, const char *end, struct tok t[NTOK])
{
	int n = 0;

	while (p < end && n < NTOK) {
		while (p < end && (cscan_space((unsigned char)*p) || *p == ':'))
			p++;
		if (p == end)
			break;
		t[n].s = p;
		while (p < end && !cscan_space((unsigned char)*p) && *p != ':')
			p++;
		t[n].len = (unsigned)(p - t[n].s);
		n++;
	}
	return n;
}

/* The whole token as a number; -1 if it is not one.  Base 16: up to 16 hex
 * digits, by arithmetic ((c & 15) + 9 for letters, no table).  Base 10 and
 * 11: digits of any length as 6.1's sscanf reads them with %d (strtol) and
 * %u (strtoul), the overflow value (LONG_MAX, ULONG_MAX) then the low 32
 * bits it stores; a sign (never printed by the kernel) is refused. */
static int num(const struct tok *t, unsigned base, uint64_t *out)
{
	const char *p = t->s, *e = p + t->len;
	uint64_t v = 0;
	int ovf = 0;

	if (base == 16) {
		if (t->len > 16)
			return -1;
		for (; p < e; p++) {
			unsigned c = (unsigned char)*p;
			if (c - '0' >= 10 && (c | 0x20) - 'a' >= 6)
				return -1;
			v = v << 4 | ((c & 15) + 9 * (c >> 6));
		}
		*out = v;
		return 0;
	}
	for (; p < e; p++) {
		unsigned d = (unsigned char)*p - '0';
		if (d >= 10)
			return -1;
		ovf |= (int)__builtin_mul_overflow(v, 10, &v) | (int)__builtin_add_overflow(v, d, &v);
	}
	*out = ovf || (base == 10 && v > INT64_MAX) ? ~0u : (uint32_t)v;
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
	unsigned want;		/* DET_PROC_OPT, DET_TCPINFO: the tcp fields after sk too */
	rec_cb cb;
	void *arg;
	int header, stop;
	struct sock_detail det;	/* one per read, refilled for each row */
	struct tcp_stat ts;
};

/* tcp_show_line() of 6.1 on the tcp fields after sk (spec §7.8): sscanf's
 * " %d %d %d %u %d %[^\n]" (rto ato qack cwnd ssthresh opt) on the
 * NUL-terminated rest p.  -e: the text after the five numbers, for
 * opt:"...".  -i: 6.1's tcpstat, rto and ato from USER_HZ ticks to seconds
 * (rto 3 s hidden), qack halved, ssthresh -1 as 0, TIME-WAIT's defaults
 * (cwnd 2) when rto is missing, retrans as in the timer, reordering 0. */
static void tcp_tail(const char *p, const struct sock_rec *r, struct pn_ctx *c)
{
	enum { HZ = 100 };	/* sysconf(_SC_CLK_TCK) on Linux */
	int32_t v[5] = { 0 };
	int n = 0;

	while (n < 5 && (n == 3 ? cscan_uint(&p, (uint32_t *)&v[3]) : cscan_int(&p, &v[n])))
		n++;
	c->det.have = 0;
	if (n == 5 && (c->want & DET_PROC_OPT)) {
		while (cscan_space((unsigned char)*p))
			p++;
		if (*p) {
			c->det.opt = p;
			c->det.opt_len = (uint16_t)strlen(p);	/* under LINE_MAX_ */
			c->det.have |= DET_PROC_OPT;
		}
	}
	if (CONFIG_SS_TCPINFO && (c->want & DET_TCPINFO)) {
		struct tcp_stat *s = &c->ts;

		memset(s, 0, sizeof(*s));
		if (!n) {
			v[3] = 2;
			v[4] = -1;
		}
		s->rto = v[0] != 3 * HZ ? (double)v[0] / HZ : 0;
		s->ato = (double)v[1] / HZ;
		s->qack = v[2] / 2;
		s->cwnd = (uint32_t)v[3];
		s->ssthresh = v[4] == -1 ? 0 : v[4];
		s->retrans = (uint32_t)r->u.in.retrans;
		c->det.tcp = s;
		c->det.have |= DET_TCPINFO;
	}
}

static int parse_line(char *p, char *end, struct pn_ctx *c, struct sock_rec *r)
{
	/* 0: not a number we use (sl, the addresses, refcnt) */
	static const unsigned char base[NTOK] = {
		0, 0, 16, 0, 16, 16, 16, 16, 16, 16, 16, 10, 10, 11, 0, 16
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
	/* 6.1: "%x" into an unsigned int, above 4 named "unknown" */
	r->u.in.timer = (uint32_t)v[8] > 5 ? 5 : (uint8_t)v[8];
	/* USER_HZ (100) ticks to ms; 6.1 wraps at 2^32 ms, we saturate */
	r->u.in.expires = v[9] > UINT32_MAX / 10 ? UINT32_MAX : (uint32_t)v[9] * 10;
	r->u.in.retrans = (int32_t)(uint32_t)((uint32_t)v[8] == 1 ? v[10] : v[12]);
	r->uid = (uint32_t)v[11];	/* sscanf %d and %u: cut to 32 bits */
	r->inode = (uint32_t)v[13];
	r->cookie = n > 15 ? v[15] : 0;
	r->u.in.protocol = c->table == TAB_RAW ? 255 : c->table == TAB_UDP ? 17 : 6;
	if (CONFIG_SS_DETAILS && (c->want & (DET_PROC_OPT | DET_TCPINFO)) && c->table == TAB_TCP) {
		/* after sk when "%llx" took it whole and no ':' stops the
		 * next "%d"; else nothing converts */
		const char *sk_end = n > 15 && !num(&t[15], 16, &v[15]) ? t[15].s + t[15].len : end;
		*end = 0;
		tcp_tail(*sk_end == ':' ? end : sk_end, r, c);
		r->detail = &c->det;
	}
	return 0;
}

/* Calls cb for each complete line in [p, end); returns bytes consumed or
 * -1 where 6.1's fgets(256) loop fails: a line of 255 bytes or more, or one
 * holding a NUL.  The header is one fgets: at most 255 bytes, the rest of a
 * longer header is read as a line. */
static long feed_lines(char *p, char *end, struct pn_ctx *c)
{
	const char *start = p;

	while (p < end) {
		size_t lim = (size_t)(end - p) < LINE_MAX_ ? (size_t)(end - p) : LINE_MAX_;
		char *nl = memchr(p, '\n', lim), *line = p;
		struct sock_rec r;

		if (!nl && lim < LINE_MAX_)
			break;	/* the rest of the line is not read yet */
		p = nl ? nl + 1 : p + LINE_MAX_;
		if (c->header) {
			c->header = 0;
			continue;
		}
		if (!nl || memchr(line, 0, (size_t)(nl - line)))
			return -1;
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
		      unsigned want, rec_cb cb, void *arg)
{
	static char buf[RD_BUF];
	static struct pn_ctx c;

	c = (struct pn_ctx){ .table = table, .family = family, .states = states, .want = want,
			     .cb = cb, .arg = arg, .header = 1 };
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t have = 0;

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, buf + have, sizeof(buf) - have);
		long used;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)	/* EISDIR, EIO: 6.1's fgets fails, ferror() */
			goto cut;
		if (!n)
			break;
		have += (size_t)n;
		used = feed_lines(buf, buf + have, &c);
		if (used < 0 || c.stop)
			goto cut;
		have -= (size_t)used;
		memmove(buf, buf + used, have);	/* under LINE_MAX_ bytes */
	}
	close(fd);
	return have && !c.header ? -1 : 0;	/* a last line without newline ends the file */
cut:
	close(fd);
	return c.stop ? 0 : -1;
}
