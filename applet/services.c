/* /etc/services, /etc/protocols and ip_local_port_range, each read once with
 * our own parsers: getservbyport() would re-read the file for every port.
 * The files are parsed as glibc 2.36 nss_files parses them (files-parse.c,
 * files-service.c, files-proto.c), the port range as 6.1's
 * fscanf("%d %d") reads it.  Spec section 2.5. */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config.h"
#include "names.h"
#include "../procnet/procnet.h"

/* One file's usable lines as sorted keys: id << 47 | offset of the name in
 * buf.  id is port * 2 + udp for services, the number for protocols; the
 * offset keeps file order within an id, so the first key of an id is the
 * first matching line, as glibc answers. */
struct etc_tab {
	int loaded;
	size_t n;
	uint64_t *v;
	char *buf;
};

#define OFF_BITS 47

/* Reads a whole file into an anonymous mapping with a NUL after it, so
 * lines and names can be cut in place. */
static char *slurp(const char *path, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *p = MAP_FAILED;
	size_t n = 0;

	if (fd < 0)
		return NULL;
	/* small enough that lines * 8 and the 47-bit name offsets cannot wrap */
	if (!fstat(fd, &st) && st.st_size > 0 &&
	    (uint64_t)st.st_size < (SIZE_MAX / 16 < (1ull << 44) ? SIZE_MAX / 16 : (1ull << 44)))
		p = mmap(NULL, (size_t)st.st_size + 1, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	while (p != MAP_FAILED && n < (size_t)st.st_size) {
		ssize_t r = read(fd, p + n, (size_t)st.st_size - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = n;
	return p;
}

/* isspace() in the C locale */
static int is_space(int c)
{
	return c == ' ' || (unsigned)(c - '\t') < 5;
}

/* glibc's STRING_FIELD(var, isspace, 1): the word at *pp, cut, blanks after
 * it swallowed. */
static char *word(char **pp)
{
	char *w = *pp, *p = w;

	while (*p && !is_space(*p))
		p++;
	if (*p) {
		*p++ = 0;
		while (is_space(*p))
			p++;
	}
	*pp = p;
	return w;
}

/* strtoul(s, &end, base) as glibc 2.36's nss_files reads a number: a sign,
 * base 0 (0x hex, 0 octal) or 10, ULONG_MAX on overflow, and a value over
 * 32 bits rejects the line.  NULL if there is no number.  The long is LP64's
 * on every target, so 32-bit builds read the file as x86-64 does. */
static char *number(char *s, unsigned base, uint32_t *out)
{
	uint64_t v = 0;
	int neg = *s == '-', ovf = 0;
	char *d;

	s += neg || *s == '+';
	if (!base) {
		base = 10;
		if (*s == '0') {
			base = 8;
			if ((s[1] | 32) == 'x' && ((unsigned)(s[2] - '0') < 10 ||
						    (unsigned)((s[2] | 32) - 'a') < 6))
				base = 16, s += 2;
		}
	}
	for (d = s;; s++) {
		unsigned dg = (unsigned)(*s - '0');
		if (dg >= 10)
			dg = (unsigned)((*s | 32) - 'a') < 6 ? (unsigned)((*s | 32) - 'a') + 10 : 99;
		if (dg >= base)
			break;
		if (v > (UINT64_MAX - dg) / base)
			ovf = 1;
		v = v * base + dg;
	}
	if (s == d)
		return NULL;
	if (ovf)
		v = UINT64_MAX;
	else if (neg)
		v = -v;
	if (v > 0xffffffffu)
		return NULL;
	*out = (uint32_t)v;
	return s;
}

/* One line (a C string, cut here at '#') as files-service.c (services != 0) or
 * files-proto.c parses it (services: port, any number of '/', protocol;
 * protocols: number, then a blank or the end); the key id, or -1 if glibc skips the line or no
 * lookup of ours can match it. */
static long parse_line(char *p, int services, char **name)
{
	uint32_t v;
	char *proto;

	char *q = p;

	while (*q && *q != '#')	/* files-parse.c: the line ends at '#' */
		q++;
	*q = 0;
	while (is_space(*p))
		p++;
	if (!*p)
		return -1;
	*name = word(&p);
	p = number(p, services ? 0 : 10, &v);
	if (!p)
		return -1;
	if (services) {
		if (*p != '/' && *p)
			return -1;
		while (*p == '/')
			p++;
		proto = word(&p);
		if (strcmp(proto, "tcp") && strcmp(proto, "udp"))
			return -1;
		return (long)(v & 0xffff) * 2 + (proto[0] == 'u');
	}
	if (*p && !is_space(*p))
		return -1;
	return v > 0xffff ? -1 : (long)v;
}

/* Heapsort: O(n log n) whatever the order; keys are unique (offsets). */
static void sift(uint64_t *a, size_t i, size_t n)
{
	uint64_t t = a[i];

	for (size_t c; (c = 2 * i + 1) < n; i = c) {
		c += c + 1 < n && a[c + 1] > a[c];
		if (a[c] <= t)
			break;
		a[i] = a[c];
	}
	a[i] = t;
}

/* Parses buf (len bytes and a NUL, cut in place) into t. */
static void tab_parse(struct etc_tab *t, char *buf, size_t len, int services)
{
	size_t lines = 1;
	char *p, *end = buf + len;

	for (p = buf; p < end; p++)
		lines += *p == '\n';
	t->v = mmap(NULL, lines * sizeof(*t->v), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (t->v == MAP_FAILED) {
		t->v = NULL;
		return;
	}
	t->buf = buf;
	for (p = buf; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *name;
		long id;
		if (!nl)
			nl = end;
		*nl = 0;	/* buf[len] is the NUL after the file */
		id = parse_line(p, services, &name);
		if (id >= 0)
			t->v[t->n++] = (uint64_t)id << OFF_BITS | (uint64_t)(name - buf);
		p = nl + 1;
	}
	for (size_t i = t->n / 2; i--;)
		sift(t->v, i, t->n);
	for (size_t n = t->n; n > 1;) {
		uint64_t x = t->v[--n];
		t->v[n] = t->v[0];
		t->v[0] = x;
		sift(t->v, 0, n);
	}
}

static void tab_load(struct etc_tab *t, const char *path, int services)
{
	size_t len;
	char *buf = slurp(path, &len);

	t->loaded = 1;
	if (buf)
		tab_parse(t, buf, len, services);
}

/* The name of the first line with this id, NULL if none. */
static const char *tab_find(const struct etc_tab *t, uint64_t id)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid] >> OFF_BITS < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->n && t->v[lo] >> OFF_BITS == id)
		return t->buf + (t->v[lo] & ((1ull << OFF_BITS) - 1));
	return NULL;
}

const char *service_name(unsigned port, int udp)
{
	static struct etc_tab S;

	if (!CONFIG_SS_SERVICES)
		return NULL;
	if (!S.loaded)
		tab_load(&S, "/etc/services", 1);
	return tab_find(&S, (uint64_t)port * 2 + !!udp);
}

/* 6.1's inet_proto_n2a() copies a name into a 128-byte buffer the first
 * time a protocol is found (127 bytes shown) and returns its whole cached
 * copy while the next found protocol is the same one. */
const char *protocol_name(unsigned proto, size_t *len)
{
	static struct etc_tab P;
	static unsigned shown = ~0u;
	const char *name;

	if (!CONFIG_SS_SERVICES)
		return NULL;
	if (!P.loaded)
		tab_load(&P, "/etc/protocols", 0);
	name = tab_find(&P, proto);
	if (!name)
		return NULL;
	*len = strlen(name);
	if (proto != shown && *len > 127)
		*len = 127;
	shown = proto;
	return name;
}

/* fscanf's %d on a file read through a buffer (one read() takes a sysctl
 * file whole: the kernel answers EOF to reads at an offset; blanks before a
 * number can be any number of them): blanks skipped, a sign, digits as
 * strtol reads them (LONG_MIN/LONG_MAX on overflow, LP64's on every
 * target), the long then cut to int as glibc stores it.  0 if there is no
 * number. */
struct rd {
	int fd, c;
	unsigned pos, len;
	char b[128];
};

static void rd_next(struct rd *r)
{
	if (r->pos == r->len) {
		ssize_t n = read(r->fd, r->b, sizeof(r->b));
		if (n <= 0) {
			r->c = -1;
			return;
		}
		r->len = (unsigned)n;
		r->pos = 0;
	}
	r->c = (unsigned char)r->b[r->pos++];
}

static int scan_int(struct rd *r, int *out)
{
	uint64_t v = 0, lim = INT64_MAX;
	int neg = 0, any = 0;

	while (is_space(r->c))
		rd_next(r);
	if (r->c == '-' || r->c == '+') {
		neg = r->c == '-';
		rd_next(r);
	}
	lim += (unsigned)neg;
	for (; (unsigned)(r->c - '0') < 10; rd_next(r), any = 1)
		v = v > (lim - (unsigned)(r->c - '0')) / 10 ? lim : v * 10 + (unsigned)(r->c - '0');
	*out = (int)(unsigned)(neg ? -v : v);
	return any;
}

int port_ephemeral(unsigned port)
{
	static int lo, hi, read_once;
	char path[PROCNET_PATH];

	if (!read_once) {
		const char *f = procnet_path(path, sizeof(path), "PROC_IP_LOCAL_PORT_RANGE",
					     "sys/net/ipv4/ip_local_port_range");
		struct rd r = { open(f, O_RDONLY | O_CLOEXEC), 0, 0, 0, { 0 } };
		int a, b;

		rd_next(&r);
		if (scan_int(&r, &a) && scan_int(&r, &b))
			lo = a, hi = b;
		else
			lo = 1024, hi = 4999;	/* iproute2's fallback */
		if (r.fd >= 0)
			close(r.fd);
		read_once = 1;
	}
	return (int)port >= lo && (int)port <= hi;
}
