/* -r: reverse lookup as glibc's gethostbyaddr() does it with "hosts: files
 * dns": /etc/hosts first, then a DNS PTR query to the nameservers of
 * /etc/resolv.conf.  A small resolver of our own, because musl's
 * getnameinfo() drags ~34 KB of stdio and resolver code into the binary. */
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>
#include "config.h"
#include "names.h"
#include "fmt.h"

#define CACHE 64
#define NAME_MAX_ 256
#define MAX_NS 3

struct hit {
	uint8_t family;
	uint8_t addr[16];
	char name[NAME_MAX_];
};

/* Reads a small text file whole (NUL-terminated); 0 if unreadable. */
static size_t read_text(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;

	if (fd < 0)
		return 0;
	while (len < n - 1) {
		ssize_t r = read(fd, buf + len, n - 1 - len);
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	buf[len] = 0;
	return len;
}

static int hexdig(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Dotted quad into a[4]; the whole of s[0..n) must be one. */
static int parse_v4(const char *s, size_t n, uint8_t a[4])
{
	unsigned part = 0, v = 0, digits = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] >= '0' && s[i] <= '9' && digits < 3) {
			v = v * 10 + (unsigned)(s[i] - '0');
			digits++;
		} else if ((i == n || s[i] == '.') && digits && v < 256 && part < 4) {
			a[part++] = (uint8_t)v;
			v = digits = 0;
		} else {
			return -1;
		}
	}
	return part == 4 ? 0 : -1;
}

/* IPv6 text (with :: and an optional IPv4 tail) into a[16]. */
static int parse_v6(const char *s, size_t n, uint8_t a[16])
{
	uint8_t w[16];
	int len = 0, gap = -1;
	size_t i = 0;

	if (n >= 2 && s[0] == ':' && s[1] == ':')
		gap = 0, i = 2;
	else if (n && s[0] == ':')
		return -1;
	while (i < n) {
		size_t j = i;
		unsigned v = 0;
		while (j < n && j - i < 4 && hexdig(s[j]) >= 0)
			v = v << 4 | (unsigned)hexdig(s[j++]);
		if (j < n && s[j] == '.' && len <= 12) {
			if (parse_v4(s + i, n - i, w + len))
				return -1;
			len += 4;
			break;
		}
		if (j == i || len > 14)
			return -1;
		w[len++] = (uint8_t)(v >> 8);
		w[len++] = (uint8_t)v;
		if (j == n)
			break;
		if (s[j] != ':')
			return -1;
		if (j + 1 < n && s[j + 1] == ':') {
			if (gap >= 0)
				return -1;
			gap = len;
			j++;
		}
		i = j + 1;
	}
	if (gap < 0 ? len != 16 : len > 14)
		return -1;
	memset(a, 0, 16);
	if (gap < 0)
		gap = len;
	memcpy(a, w, (size_t)gap);
	memcpy(a + 16 - (len - gap), w + gap, (size_t)(len - gap));
	return 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* First /etc/hosts line naming addr: its canonical name into out. */
static int from_hosts(int family, const uint8_t *addr, char *out)
{
	static char buf[65536];
	size_t len = read_text("/etc/hosts", buf, sizeof(buf));
	size_t alen = family == AF_INET ? 4 : 16;

	for (char *p = buf, *end = buf + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *a, *name;
		uint8_t v[16];
		size_t al, nlen;
		if (!nl)
			nl = end;
		while (p < nl && is_blank(*p))
			p++;
		for (a = p; p < nl && !is_blank(*p) && *p != '#'; p++)
			;
		al = (size_t)(p - a);
		while (p < nl && is_blank(*p))
			p++;
		for (name = p; p < nl && !is_blank(*p) && *p != '#'; p++)
			;
		nlen = (size_t)(p - name);
		p = nl + 1;
		if (!nlen || nlen >= NAME_MAX_)
			continue;
		if (family == AF_INET ? parse_v4(a, al, v) : parse_v6(a, al, v))
			continue;
		if (!memcmp(v, addr, alen)) {
			memcpy(out, name, nlen);
			out[nlen] = 0;
			return 1;
		}
	}
	return 0;
}

/* The PTR query name: d.c.b.a.in-addr.arpa or the ip6.arpa nibbles, as labels. */
static size_t ptr_qname(uint8_t *q, int family, const uint8_t *addr)
{
	size_t n = 0;

	if (family == AF_INET) {
		for (int i = 3; i >= 0; i--) {
			char d[4];
			size_t l = fmt_u64(d, addr[i]);
			q[n++] = (uint8_t)l;
			memcpy(q + n, d, l);
			n += l;
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

/* Skips a possibly compressed name at off; returns the offset after it or 0. */
static size_t skip_name(const uint8_t *m, size_t len, size_t off)
{
	while (off < len) {
		uint8_t l = m[off];
		if (l >= 0xc0)
			return off + 2 <= len ? off + 2 : 0;
		if (l > 63)
			return 0;
		off += 1u + l;
		if (!l)
			return off;
	}
	return 0;
}

/* Expands the name at off, following compression pointers, into out. */
static int read_name(const uint8_t *m, size_t len, size_t off, char *out)
{
	size_t n = 0;
	int jumps = 0;

	while (off < len) {
		uint8_t l = m[off];
		if (l >= 0xc0) {
			if (off + 1 >= len || ++jumps > 32)
				return 0;
			off = (size_t)(l & 0x3f) << 8 | m[off + 1];
			continue;
		}
		if (!l) {
			if (!n)
				return 0;
			out[n - 1] = 0;	/* the dot after the last label */
			return 1;
		}
		if (l > 63 || off + 1 + l > len || n + l + 1 >= NAME_MAX_)
			return 0;
		memcpy(out + n, m + off + 1, l);
		n += l;
		out[n++] = '.';
		off += 1u + l;
	}
	return 0;
}

/* The first PTR answer of a reply to query id; -1 if not a reply to it,
 * 0 if it has no name, 1 with the name in out. */
static int parse_reply(const uint8_t *m, size_t len, uint16_t id, char *out)
{
	size_t off, an;

	if (len < 12 || (m[0] << 8 | m[1]) != id || !(m[2] & 0x80))
		return -1;
	if ((m[3] & 15) || !(an = (size_t)(m[6] << 8 | m[7])))
		return 0;
	off = skip_name(m, len, 12);
	if (!off || (off += 4) > len)
		return 0;
	while (an--) {
		size_t rd;
		off = skip_name(m, len, off);
		if (!off || off + 10 > len)
			return 0;
		rd = (size_t)(m[off + 8] << 8 | m[off + 9]);
		if ((m[off] << 8 | m[off + 1]) == 12 && off + 10 + rd <= len)
			return read_name(m, len, off + 10, out);
		off += 10 + rd;
	}
	return 0;
}

union sa {
	struct sockaddr_in v4;
	struct sockaddr_in6 v6;
};

struct resolv {
	int nns;
	union sa ns[MAX_NS];
	int timeout_ms, attempts;
};

static unsigned conf_num(const char *p)
{
	unsigned v = 0;

	while (*p >= '0' && *p <= '9')
		v = v * 10 + (unsigned)(*p++ - '0');
	return v;
}

/* A server address (IPv4 or IPv6 text) on port 53; 0 on success. */
static int set_ns(union sa *s, const char *p, size_t n)
{
	memset(s, 0, sizeof(*s));
	if (!parse_v4(p, n, (uint8_t *)&s->v4.sin_addr)) {
		s->v4.sin_family = AF_INET;
		s->v4.sin_port = htons(53);
		return 0;
	}
	s->v6.sin6_family = AF_INET6;
	s->v6.sin6_port = htons(53);
	return parse_v6(p, n, (uint8_t *)&s->v6.sin6_addr);
}

/* The number after "word:" anywhere in an options line, or -1. */
static int conf_opt(const char *p, const char *word)
{
	size_t l = strlen(word);

	for (; *p; p++)
		if (!strncmp(p, word, l) && p[l] == ':')
			return (int)conf_num(p + l + 1);
	return -1;
}

/* nameserver lines and "options timeout:N attempts:N", glibc's defaults. */
static void read_resolv(struct resolv *r)
{
	static char buf[4096];
	size_t len = read_text("/etc/resolv.conf", buf, sizeof(buf));

	r->nns = 0;
	r->timeout_ms = 5000;
	r->attempts = 2;
	for (char *p = buf, *end = buf + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *w;
		int v;
		if (!nl)
			nl = end;
		*nl = 0;
		if (!strncmp(p, "nameserver", 10) && is_blank(p[10]) && r->nns < MAX_NS) {
			for (p += 10; is_blank(*p); p++)
				;
			for (w = p; *w && !is_blank(*w) && *w != '%'; w++)
				;
			if (!set_ns(&r->ns[r->nns], p, (size_t)(w - p)))
				r->nns++;
		} else if (!strncmp(p, "options", 7)) {
			if ((v = conf_opt(p, "timeout")) >= 0)
				r->timeout_ms = 1000 * v;
			if ((v = conf_opt(p, "attempts")) >= 0)
				r->attempts = v;
		}
		p = nl + 1;
	}
	if (!r->nns)	/* no nameserver line: the local one, as glibc */
		r->nns = !set_ns(&r->ns[0], "127.0.0.1", 9);
	if (r->timeout_ms <= 0)
		r->timeout_ms = 1000;
	if (r->attempts <= 0)
		r->attempts = 1;
}

static int from_dns(int family, const uint8_t *addr, char *out)
{
	static struct resolv r;
	static int loaded;
	uint8_t q[128], m[1500];
	uint16_t id;
	size_t qlen;

	if (!loaded) {
		read_resolv(&r);
		loaded = 1;
	}
	/* a query id nobody off-path can guess easily: ASLR'd stack and the pid */
	id = (uint16_t)((uintptr_t)&id >> 4 ^ (unsigned)getpid());
	memset(q, 0, 12);
	q[0] = (uint8_t)(id >> 8);
	q[1] = (uint8_t)id;
	q[2] = 1;	/* recursion desired */
	q[5] = 1;	/* one question */
	qlen = 12 + ptr_qname(q + 12, family, addr);
	memcpy(q + qlen, "\0\0\14\0\1", 5);	/* root, type PTR, class IN */
	qlen += 5;
	for (int t = 0; t < r.attempts; t++) {
		for (int i = 0; i < r.nns; i++) {
			int fam = r.ns[i].v4.sin_family, rc = -1;
			int fd = socket(fam, SOCK_DGRAM | SOCK_CLOEXEC, 0);
			struct pollfd pfd = { fd, POLLIN, 0 };
			if (fd < 0)
				continue;
			if (!connect(fd, (struct sockaddr *)&r.ns[i],
				     fam == AF_INET ? sizeof(r.ns[i].v4) : sizeof(r.ns[i].v6)) &&
			    send(fd, q, qlen, 0) == (ssize_t)qlen) {
				while (rc < 0 && poll(&pfd, 1, r.timeout_ms) == 1) {
					ssize_t n = recv(fd, m, sizeof(m), 0);
					if (n < 0)
						break;
					rc = parse_reply(m, (size_t)n, id, out);
				}
			}
			close(fd);
			if (rc >= 0)
				return rc;
		}
	}
	return 0;
}

size_t host_name(char *dst, size_t n, int family, const uint8_t *addr)
{
	static struct hit cache[CACHE];
	static unsigned next;
	size_t alen = family == AF_INET ? 4 : 16, l;
	struct hit *h = NULL;

	if (!CONFIG_SS_RESOLVE)
		return 0;
	for (unsigned i = 0; i < CACHE && i < next; i++)
		if (cache[i].family == family && !memcmp(cache[i].addr, addr, alen))
			h = &cache[i];
	if (!h) {
		h = &cache[next++ % CACHE];
		h->family = (uint8_t)family;
		memcpy(h->addr, addr, alen);
		if (!from_hosts(family, addr, h->name) && !from_dns(family, addr, h->name))
			h->name[0] = 0;
	}
	l = strlen(h->name);
	if (l >= n)
		l = n - 1;
	memcpy(dst, h->name, l);
	return l;
}
