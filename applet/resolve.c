/* -r: reverse lookup as glibc 2.36's gethostbyaddr() does it with "hosts:
 * files dns": /etc/hosts first, then a DNS PTR query to the nameservers of
 * /etc/resolv.conf (spec §2.5).  A small resolver of our own, because musl's
 * getnameinfo() drags ~34 KB of stdio and resolver code into the binary and
 * does not apply glibc's rules.  Everything read here is hostile: names that
 * glibc would not accept, or that would put a control byte on the screen,
 * print as the number. */
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <time.h>
#include <unistd.h>
#include "config.h"
#include "names.h"
#include "env.h"
#include "fmt.h"

#define CACHE 256
#define POOL (1u << 18)
#define MAXNS 3			/* glibc's MAXNS */
#define NAME_CAP 65535u		/* the renderer's token cap */

/* Maps a whole file read-only; NULL (and *len 0) if unreadable or empty. */
static const char *map_file(const char *path, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	void *p = MAP_FAILED;

	*len = 0;
	if (fd < 0)
		return NULL;
	if (!fstat(fd, &st) && st.st_size > 0 && (uint64_t)st.st_size < SIZE_MAX / 2)
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
}

/* The line at *pp up to its '\n' (or NUL, as glibc's string functions stop
 * there); *pp moves past the '\n'.  Returns the content's end. */
static const char *next_line(const char **pp, const char *end, const char **line)
{
	const char *p = *pp, *nl = memchr(p, '\n', (size_t)(end - p)), *nul;

	if (!nl)
		nl = end;
	*line = p;
	*pp = nl + (nl < end);
	nul = memchr(p, 0, (size_t)(nl - p));
	return nul ? nul : nl;
}

/* isspace() in the C locale: the separators of /etc/hosts. */
static int is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int hexdig(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* inet_pton(AF_INET) of s[0..n): four decimal parts, no leading zero; 0 on success. */
static int parse_v4(const char *s, size_t n, uint8_t a[4])
{
	unsigned v = 0, parts = 0, digits = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] >= '0' && s[i] <= '9') {
			if (digits && !v)
				return -1;	/* leading zero */
			v = v * 10 + (unsigned)(s[i] - '0');
			if (v > 255)
				return -1;
			digits++;
		} else if ((i == n || s[i] == '.') && digits && parts < 4) {
			a[parts++] = (uint8_t)v;
			v = digits = 0;
		} else {
			return -1;
		}
	}
	return parts == 4 ? 0 : -1;
}

/* inet_pton(AF_INET6) of s[0..n), glibc's rules; 0 on success. */
static int parse_v6(const char *s, size_t n, uint8_t a[16])
{
	uint8_t w[16];
	size_t i = 0, len = 0, digits = 0;
	int gap = -1;
	unsigned v = 0;

	if (n && s[0] == ':' && (n < 2 || s[++i] != ':'))
		return -1;
	while (i < n) {
		char c = s[i++];
		if (hexdig(c) >= 0) {
			if (digits++ == 4)
				return -1;
			v = v << 4 | (unsigned)hexdig(c);
		} else if (c == ':') {
			if (!digits) {
				if (gap >= 0)
					return -1;
				gap = (int)len;
				continue;
			}
			if (i == n || len > 14)
				return -1;
			w[len++] = (uint8_t)(v >> 8);
			w[len++] = (uint8_t)v;
			v = digits = 0;
		} else {
			/* a dotted quad from the start of this group to the end */
			size_t t = i - 1 - digits;
			if (c != '.' || len > 12 || parse_v4(s + t, n - t, w + len))
				return -1;
			len += 4;
			digits = 0;
			break;
		}
	}
	if (digits) {
		if (len > 14)
			return -1;
		w[len++] = (uint8_t)(v >> 8);
		w[len++] = (uint8_t)v;
	}
	if (gap < 0 ? len != 16 : len == 16)
		return -1;
	memset(a, 0, 16);
	if (gap < 0)
		gap = (int)len;
	memcpy(a, w, (size_t)gap);
	memcpy(a + 16 - (len - (size_t)gap), w + gap, len - (size_t)gap);
	return 0;
}

/* inet_aton() of the whole of s[0..n) ("127.1", "0x7f.0.0.01"), as glibc
 * reads a nameserver line; 0 on success. */
static int parse_aton(const char *s, size_t n, uint8_t a[4])
{
	uint32_t x = 0;
	unsigned np = 0, d;
	size_t i = 0;

	for (;;) {
		uint64_t v = 0;
		unsigned base = 10;
		if (i >= n || (unsigned)(s[i] - '0') > 9)
			return -1;
		if (s[i] == '0') {
			base = 8;
			if (i + 2 < n && (s[i + 1] | 0x20) == 'x' && hexdig(s[i + 2]) >= 0)
				base = 16, i += 2;
		}
		for (; i < n && (d = (unsigned)hexdig(s[i])) < base; i++)
			if ((v = v * base + d) > 0xffffffffu)
				return -1;
		if (i == n) {
			/* the last part fills the bytes the others left */
			if (np && v >> (8 * (4 - np)))
				return -1;
			x = htonl(x | (uint32_t)v);
			memcpy(a, &x, 4);
			return 0;
		}
		if (s[i++] != '.' || np == 3 || v > 255)
			return -1;
		x |= (uint32_t)v << (24 - 8 * np++);
	}
}

static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
static const uint8_t loop6[16] = { [15] = 1 };

/* One /etc/hosts line as glibc's files-hosts.c reads it for a lookup of addr
 * (4 or 16 bytes): 1 with its first name in [*name, *name + *nlen) if the
 * line is for addr, else 0.  A v4-mapped line answers IPv4, and so does ::1
 * for 127.0.0.1; an address glibc's inet_pton refuses voids the line. */
static int hosts_line(const char *p, const char *e, int family, const uint8_t *addr,
		      const char **name, size_t *nlen)
{
	const char *a, *h = memchr(p, '#', (size_t)(e - p));
	uint8_t v[16];
	size_t al;

	if (h)
		e = h;
	while (p < e && is_space(*p))
		p++;
	for (a = p; p < e && !is_space(*p); p++)
		;
	al = (size_t)(p - a);
	while (p < e && is_space(*p))
		p++;
	for (*name = p; p < e && !is_space(*p); p++)
		;
	*nlen = (size_t)(p - *name);
	if (family == AF_INET6)
		return !parse_v6(a, al, v) && !memcmp(v, addr, 16);
	if (!parse_v4(a, al, v))
		return !memcmp(v, addr, 4);
	if (parse_v6(a, al, v))
		return 0;
	if (!memcmp(v, v4mapped, 12))
		return !memcmp(v + 12, addr, 4);
	return !memcmp(v, loop6, 16) && !memcmp(addr, "\177\0\0\1", 4);
}

/* The first /etc/hosts line for addr: 1 and its name (maybe empty), or 0. */
static int from_hosts(int family, const uint8_t *addr, const char **name, size_t *nlen)
{
	static const char *buf;
	static size_t len;
	static int loaded;

	if (!loaded++)
		buf = map_file("/etc/hosts", &len);
	for (const char *p = buf, *end = buf + len, *line; p < end;) {
		const char *e = next_line(&p, end, &line);
		if (hosts_line(line, e, family, addr, name, nlen))
			return 1;
	}
	return 0;
}

/* --- /etc/resolv.conf ------------------------------------------------- */

union sa {
	struct sockaddr sa;
	struct sockaddr_in v4;
	struct sockaddr_in6 v6;
};

enum { OPT_ROTATE = 1, OPT_USEVC = 2 };

struct resolv {
	int nns;
	union sa ns[MAXNS];
	int retrans, retry;	/* seconds and attempts, as glibc's res_state */
	unsigned opts;
};

/* atoi() as glibc's res_setoptions uses it: strtol saturating at the long
 * range, then converted to int (wrapping, as glibc on LP64 does). The range
 * is LP64's on every target, so that a 32-bit build (mips, arm) reads the
 * file as the x86-64 reference does. */
static int conf_atoi(const char *p, const char *e)
{
	uint64_t v = 0, max;
	int neg = 0;

	while (p < e && is_space(*p))
		p++;
	if (p < e && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	max = (uint64_t)INT64_MAX + (unsigned)neg;
	for (; p < e && *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		v = v > (max - d) / 10 ? max : v * 10 + d;
	}
	return (int)(uint32_t)(neg ? 0 - v : v);
}

/* glibc's res_setoptions(): "timeout:N" (<= 30), "attempts:N" (<= 5) and
 * the flags that change what a PTR lookup asks (rotate, use-vc), each a
 * prefix match at the start of a blank-separated word. */
static void conf_options(struct resolv *r, const char *p, const char *e)
{
	while (p < e) {
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		size_t n = (size_t)(e - p);
		if (n >= 8 && !memcmp(p, "timeout:", 8)) {
			int v = conf_atoi(p + 8, e);
			r->retrans = v > 30 ? 30 : v;
		} else if (n >= 9 && !memcmp(p, "attempts:", 9)) {
			int v = conf_atoi(p + 9, e);
			r->retry = v > 5 ? 5 : v;
		} else if (n >= 6 && !memcmp(p, "rotate", 6)) {
			r->opts |= OPT_ROTATE;
		} else if (n >= 6 && !memcmp(p, "use-vc", 6)) {
			r->opts |= OPT_USEVC;
		}
		while (p < e && *p != ' ' && *p != '\t')
			p++;
	}
}

/* "KEYWORD" and a blank at the start of a line, as glibc's MATCH(). */
static const char *keyword(const char *p, const char *e, const char *kw, size_t n)
{
	return (size_t)(e - p) > n && !memcmp(p, kw, n) && (p[n] == ' ' || p[n] == '\t') ? p + n : NULL;
}

/* One nameserver address on port 53: inet_aton, else inet_pton6 with an
 * optional %scope (an interface name or number) for a link-local address. */
static int conf_ns(union sa *s, const char *p, const char *e)
{
	uint8_t *a = (uint8_t *)&s->v6.sin6_addr;
	const char *w;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	for (w = p; w < e && *w != ' ' && *w != '\t'; w++)
		;
	memset(s, 0, sizeof(*s));
	s->v4.sin_port = htons(53);
	if (!parse_aton(p, (size_t)(w - p), (uint8_t *)&s->v4.sin_addr)) {
		s->v4.sin_family = AF_INET;
		return 0;
	}
	e = memchr(p, '%', (size_t)(w - p));
	s->v6.sin6_family = AF_INET6;
	if (parse_v6(p, (size_t)((e ? e : w) - p), a))
		return -1;
	/* fe80::/10 and ff02::/16-style link-local: %IFNAME, else %NUMBER */
	if (e && ((a[0] == 0xfe && (a[1] & 0xc0) == 0x80) || (a[0] == 0xff && (a[1] & 15) == 2))) {
		struct ifreq ifr;
		uint64_t v = 0;
		size_t l = (size_t)(w - ++e);
		int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		memset(&ifr, 0, sizeof(ifr));
		memcpy(ifr.ifr_name, e, l < IFNAMSIZ ? l : 0);	/* if_nametoindex() */
		if (fd >= 0 && !ioctl(fd, SIOCGIFINDEX, &ifr))
			s->v6.sin6_scope_id = (uint32_t)ifr.ifr_ifindex;
		if (fd >= 0)
			close(fd);
		if (s->v6.sin6_scope_id)
			return 0;
		while (e < w && *e >= '0' && *e <= '9' && v <= UINT32_MAX)
			v = v * 10 + (unsigned)(*e++ - '0');
		if (e == w && v <= UINT32_MAX)
			s->v6.sin6_scope_id = (uint32_t)v;
	}
	return 0;
}

/* glibc's reading of resolv.conf text plus RES_OPTIONS (may be NULL). */
static void conf_parse(struct resolv *r, const char *buf, size_t len, const char *env)
{
	static const char local[] = "127.0.0.1";

	r->nns = 0;
	r->retrans = 5;
	r->retry = 2;
	r->opts = 0;
	for (const char *p = buf, *end = buf + len, *line, *e, *v; p < end;) {
		e = next_line(&p, end, &line);
		if ((v = keyword(line, e, "nameserver", 10)) && r->nns < MAXNS)
			r->nns += !conf_ns(&r->ns[r->nns], v, e);
		else if ((v = keyword(line, e, "options", 7)))
			conf_options(r, v, e);
	}
	if (env)
		conf_options(r, env, env + strlen(env));
	if (!r->nns)	/* no nameserver line: the local one, as glibc */
		conf_ns(&r->ns[r->nns++], local, local + 9);
}

/* --- DNS messages ----------------------------------------------------- */

/* The PTR question name: d.c.b.a.in-addr.arpa or the ip6.arpa nibbles. */
static size_t ptr_qname(uint8_t *q, int family, const uint8_t *addr)
{
	size_t n = 0;

	if (family == AF_INET) {
		for (int i = 3; i >= 0; i--) {
			size_t l = fmt_u64((char *)q + n + 1, addr[i]);
			q[n] = (uint8_t)l;
			n += 1 + l;
		}
		memcpy(q + n, "\7in-addr\4arpa", 14);
		return n + 14;
	}
	for (int i = 15; i >= 0; i--) {
		for (int sh = 0; sh <= 4; sh += 4) {
			q[n++] = 1;
			q[n++] = (uint8_t)"0123456789abcdef"[addr[i] >> sh & 15];
		}
	}
	memcpy(q + n, "\3ip6\4arpa", 10);
	return n + 10;
}

/* ns_name_unpack(): the name at off of m[0..len), pointers followed, into
 * out (uncompressed wire form, <= 255 bytes); the bytes it takes at off,
 * or 0 if malformed. */
static size_t unpack_name(const uint8_t *m, size_t len, size_t off, uint8_t out[255])
{
	size_t n = 0, used = 0, hops = 0;

	while (off < len) {
		uint8_t l = m[off];
		if (l >= 0xc0) {
			if (off + 1 >= len || ++hops > len)
				return 0;
			if (!used)
				used = off + 2;
			off = (size_t)(l & 0x3f) << 8 | m[off + 1];
			continue;
		}
		if (l > 63 || off + 1 + l > len || n + 1 + l > 255)
			return 0;
		memcpy(out + n, m + off, 1u + l);
		n += 1u + l;
		off += 1u + l;
		if (!l)
			return used ? used : off;
	}
	return 0;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

/* Same name (or question) bytes, ASCII case ignored; length bytes are < 64
 * so lower() leaves them alone. */
static int same(const uint8_t *a, const uint8_t *b, size_t n)
{
	while (n--)
		if (lower(*a++) != lower(*b++))
			return 0;
	return 1;
}

static size_t name_len(const uint8_t *w)
{
	size_t n = 0;

	while (w[n])
		n += 1u + w[n];
	return n + 1;
}

/* res_binary_hnok(): labels of [0-9A-Za-z_-], the first not starting with '-'.
 * Then ns_name_ntop() into out ("." for the root); returns its length. */
static size_t host_text(const uint8_t *w, char *out)
{
	size_t n = 0;

	if (w[0] && w[1] == '-')
		return 0;
	for (; *w; w += 1u + *w) {
		for (unsigned i = 1; i <= *w; i++) {
			int c = w[i];
			if (!(c == '-' || c == '_' || (c >= '0' && c <= '9') || (lower(c) >= 'a' && lower(c) <= 'z')))
				return 0;
		}
		memcpy(out + n, w + 1, *w);
		n += *w;
		out[n++] = '.';
	}
	if (n > 1)
		n--;
	else
		out[n++] = '.';
	return n;
}

enum { R_IGNORE = -1, R_NEXT = -2, R_TC = -3 };

/* A reply m[0..len) to the query q (header and qlen bytes of question),
 * read as glibc's send_dg/res_query/getanswer_ptr do: R_IGNORE if it is not
 * an answer to q (ID, question), R_NEXT for SERVFAIL/NOTIMP/REFUSED and R_TC
 * for truncation (UDP only), else the length of the host name put in out
 * (<= 253 bytes), 0 if none or not a valid host name. */
static int parse_reply(const uint8_t *m, size_t len, const uint8_t *q, size_t qlen, int udp, char *out)
{
	uint8_t expect[255], owner[255], target[255];
	size_t off = 12 + qlen, an;
	unsigned rcode;

	if (len < off || m[0] != q[0] || m[1] != q[1] || m[4] || m[5] != 1 || !same(m + 12, q + 12, qlen))
		return R_IGNORE;
	rcode = m[3] & 15;
	if (udp && (rcode == 2 || rcode == 4 || rcode == 5))
		return R_NEXT;
	if (udp && m[2] & 2)
		return R_TC;
	an = (size_t)(m[6] << 8 | m[7]);
	memcpy(expect, q + 12, qlen - 4);
	for (; !rcode && an; an--) {
		size_t o = unpack_name(m, len, off, owner), rd;
		if (!o || (off = o + 10) > len || (rd = (size_t)(m[o + 8] << 8 | m[o + 9])) > len - off)
			return 0;
		off += rd;
		if (m[o + 2] || m[o + 3] != 1)	/* class IN only */
			continue;
		if (m[o] || (m[o + 1] != 5 && m[o + 1] != 12))
			continue;
		if (!unpack_name(m, len, o + 10, target))
			return 0;
		if (m[o + 1] == 5)	/* CNAME: its target is the name now asked for */
			memcpy(expect, target, 255);
		else if (name_len(owner) == name_len(expect) && same(owner, expect, name_len(owner)))
			return (int)host_text(target, out);
	}
	return 0;
}

/* --- talking to the servers ------------------------------------------- */

/* Milliseconds of CLOCK_MONOTONIC; by syscall, as musl's clock_gettime()
 * brings its vDSO lookup (~1 KB) along. */
static long long now_ms(void)
{
	struct timespec t = { 0, 0 };

#ifdef SYS_clock_gettime64
	syscall(SYS_clock_gettime64, CLOCK_MONOTONIC, &t);
#else
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
#endif
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Waits until fd has ev or the deadline passes; 1 when ready. */
static int wait_fd(int fd, short ev, long long deadline)
{
	struct pollfd p = { fd, ev, 0 };
	long long left = deadline - now_ms();

	return left > 0 && poll(&p, 1, (int)left) == 1 && (p.revents & ev);
}

/* Exactly n bytes of a TCP stream before the deadline; 0 on success. */
static int recv_full(int fd, uint8_t *b, size_t n, long long deadline)
{
	while (n) {
		ssize_t r;
		if (!wait_fd(fd, POLLIN, deadline) || (r = recv(fd, b, n, 0)) <= 0)
			return -1;
		b += r;
		n -= (size_t)r;
	}
	return 0;
}

static void random_id(uint8_t *id)
{
	if (getrandom(id, 2, 0) != 2) {
		int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
		if (fd < 0 || read(fd, id, 2) != 2)
			id[0] ^= (uint8_t)now_ms(), id[1] ^= (uint8_t)getpid();
		if (fd >= 0)
			close(fd);
	}
}

/* One query to server s over UDP or TCP (vc) within secs seconds; q has
 * two bytes of room before it for the TCP length.  Replies with a wrong ID
 * or question are dropped without extending the deadline.  Returns as
 * parse_reply, R_NEXT on timeout or error. */
static int exchange(const union sa *s, uint8_t *q, size_t qlen, int vc, int secs, char *out)
{
	static uint8_t m[65536];
	long long deadline = now_ms() + 1000LL * secs;
	int fd = socket(s->sa.sa_family, (vc ? SOCK_STREAM | SOCK_NONBLOCK : SOCK_DGRAM) | SOCK_CLOEXEC, 0);
	int rc = R_IGNORE;
	size_t n = 12 + qlen;

	if (fd < 0)
		return R_NEXT;
	random_id(q);
	q[-2] = (uint8_t)(n >> 8);
	q[-1] = (uint8_t)n;
	if (connect(fd, &s->sa, s->sa.sa_family == AF_INET ? sizeof(s->v4) : sizeof(s->v6)) &&
	    !(vc && wait_fd(fd, POLLOUT, deadline)))
		goto out;
	if (send(fd, vc ? q - 2 : q, n + 2 * !!vc, MSG_NOSIGNAL) != (ssize_t)(n + 2 * !!vc))
		goto out;
	while (rc == R_IGNORE) {
		ssize_t r;
		if (vc) {
			if (recv_full(fd, m, 2, deadline) || recv_full(fd, m, r = m[0] << 8 | m[1], deadline))
				break;
		} else if (!wait_fd(fd, POLLIN, deadline) || (r = recv(fd, m, sizeof(m), 0)) < 0) {
			break;
		}
		rc = parse_reply(m, (size_t)r, q, qlen, !vc, out);
	}
out:
	close(fd);
	return rc == R_IGNORE ? R_NEXT : rc;
}

/* glibc's res_send(): every server in turn (from a rotating start with
 * "rotate"), "attempts" rounds, server i waiting (timeout << i) / count
 * seconds (i > 0), at least 1; a truncated UDP reply moves to TCP for the
 * rest of the lookup.  The host name into out; its length, 0 if none. */
static size_t from_dns(int family, const uint8_t *addr, char *out)
{
	static struct resolv r;
	static unsigned rot;
	uint8_t buf[2 + 12 + 80], *q = buf + 2;
	size_t qlen;
	int vc;

	if (!r.nns) {
		size_t len;
		const char *conf = map_file("/etc/resolv.conf", &len);
		conf_parse(&r, conf, len, env_get("RES_OPTIONS"));
		random_id((uint8_t *)&rot);
	}
	memset(q, 0, 12);
	q[2] = 1;	/* recursion desired */
	q[5] = 1;	/* one question */
	qlen = ptr_qname(q + 12, family, addr);
	memcpy(q + 12 + qlen, "\0\14\0\1", 4);	/* type PTR, class IN */
	qlen += 4;
	vc = r.opts & OPT_USEVC;
	unsigned first = r.opts & OPT_ROTATE ? rot++ % (unsigned)r.nns : 0;
	for (int t = 0; t < r.retry; t++) {
		for (int k = 0; k < r.nns; k++) {
			int i = (int)((first + (unsigned)k) % (unsigned)r.nns);
			int secs = r.retrans > 0 ? (r.retrans << i) / (i ? r.nns : 1) : 0, rc;
			if (secs <= 0)
				secs = 1;
			if (vc)
				t = r.retry;	/* one TCP attempt per server */
			rc = exchange(&r.ns[i], q, qlen, vc, secs, out);
			if (rc == R_TC) {
				vc = 1;
				t = r.retry;
				rc = exchange(&r.ns[i], q, qlen, vc, secs, out);
			}
			if (rc >= 0)
				return (size_t)rc;
		}
	}
	return 0;
}

/* --- the cache -------------------------------------------------------- */

struct hit {
	uint8_t family;
	uint8_t addr[16];
	uint32_t off, len;	/* name in pool */
};

/* Whether a name can be printed: no control byte (DEL included). */
static int printable(const char *s, size_t n)
{
	while (n--)
		if ((unsigned char)*s < 0x20 || *s++ == 0x7f)
			return 0;
	return 1;
}

size_t host_name(char *dst, size_t n, int family, const uint8_t *addr)
{
	static struct hit cache[CACHE];
	static char pool[POOL];
	static size_t used;
	static unsigned next;
	size_t alen = family == AF_INET ? 4 : 16, l;
	struct hit *h = NULL;
	const char *name = NULL;
	char dns[256];

	if (!CONFIG_SS_RESOLVE)
		return 0;
	for (unsigned i = 0; i < CACHE && i < next; i++)
		if (cache[i].family == family && !memcmp(cache[i].addr, addr, alen))
			h = &cache[i];
	if (!h) {
		l = 0;
		/* the unspecified address is never looked up */
		if (memcmp(addr, loop6, alen - 1) || addr[alen - 1]) {
			if (!from_hosts(family, addr, &name, &l)) {
				/* glibc asks DNS for ::a.b.c.d as for a.b.c.d */
				int compat = family == AF_INET6 && !memcmp(addr, loop6, 12) && memcmp(addr, loop6, 16);
				name = dns;
				l = compat ? from_dns(AF_INET, addr + 12, dns) : from_dns(family, addr, dns);
			}
		}
		if (!printable(name, l))
			l = 0;
		if (l > NAME_CAP)
			l = NAME_CAP;
		if (l > POOL - used) {
			used = next = 0;	/* full: start the cache afresh */
		}
		h = &cache[next++ % CACHE];
		h->family = (uint8_t)family;
		memcpy(h->addr, addr, alen);
		if (l)	/* name is NULL when nothing was found */
			memcpy(pool + used, name, l);
		h->off = (uint32_t)used;
		h->len = (uint32_t)l;
		used += l;
	}
	l = h->len < n ? h->len : n;
	memcpy(dst, pool + h->off, l);
	return l;
}
