/* /etc/services and /etc/protocols, read once with our own parser:
 * getservbyport() would re-read the file for every port. */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config.h"
#include "names.h"
#include "../procnet/procnet.h"

struct serv {
	uint16_t port;
	uint8_t udp;	/* 1 udp, 0 tcp, 2 other */
	const char *name;
};

static struct {
	int loaded;
	size_t n;
	struct serv *v;		/* sorted by port, file order kept within a port */
} S;

/* Reads a whole file into an anonymous mapping with a NUL after it, so
 * names can be cut in place. */
static char *slurp(const char *path, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *p = MAP_FAILED;
	size_t n = 0;

	if (fd < 0)
		return NULL;
	if (!fstat(fd, &st) && st.st_size > 0)
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

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == 0;	/* NUL: a word we cut before */
}

/* Next field of a line: skips blanks, NUL-terminates the word in place. */
static char *field(char **pp, char *end)
{
	char *p = *pp, *w;

	while (p < end && is_space(*p))
		p++;
	if (p >= end || *p == '#')
		return NULL;
	w = p;
	while (p < end && !is_space(*p) && *p != '#')
		p++;
	*pp = p + (p < end && *p != '#');
	*p = 0;
	return w;
}

static unsigned parse_num(const char *s, const char **rest)
{
	unsigned v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned)(*s++ - '0');
	*rest = s;
	return v;
}

static void add_serv(char *line, char *end)
{
	char *name = field(&line, end), *pp = name ? field(&line, end) : NULL;
	const char *rest;
	unsigned port;

	if (!pp || *pp < '0' || *pp > '9')
		return;
	port = parse_num(pp, &rest);
	if (*rest != '/' || port > 65535)
		return;
	rest++;
	S.v[S.n].port = (uint16_t)port;
	S.v[S.n].udp = !strcmp(rest, "udp") ? 1 : !strcmp(rest, "tcp") ? 0 : 2;
	S.v[S.n].name = name;
	S.n++;
}

static void load_services(void)
{
	size_t len, lines = 1;
	char *buf = slurp("/etc/services", &len), *p, *end;

	S.loaded = 1;
	if (!buf)
		return;
	end = buf + len;
	for (p = buf; p < end; p++)
		lines += *p == '\n';
	S.v = mmap(NULL, lines * sizeof(*S.v), PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (S.v == MAP_FAILED) {
		S.v = NULL;
		return;
	}
	for (p = buf; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		add_serv(p, nl);
		p = nl + 1;
	}
	/* insertion sort: stable, and the file is nearly sorted already */
	for (size_t i = 1; i < S.n; i++) {
		struct serv t = S.v[i];
		size_t j = i;
		while (j && S.v[j - 1].port > t.port) {
			S.v[j] = S.v[j - 1];
			j--;
		}
		S.v[j] = t;
	}
}

const char *service_name(unsigned port, int udp)
{
	size_t lo = 0, hi;

	if (!CONFIG_SS_SERVICES)
		return NULL;
	if (!S.loaded)
		load_services();
	hi = S.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (S.v[mid].port < port)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < S.n && S.v[lo].port == port; lo++)
		if (S.v[lo].udp == udp)
			return S.v[lo].name;
	return NULL;
}

/* Scans /etc/protocols; raw rows mostly share a protocol, so the last
 * answer is kept and the file is not walked again for it. */
const char *protocol_name(unsigned proto)
{
	static char *buf;
	static size_t len;
	static int loaded;
	static unsigned last = ~0u;
	static const char *last_name;
	char *p, *end;

	if (!CONFIG_SS_SERVICES)
		return NULL;
	if (proto == last)
		return last_name;
	if (!loaded) {
		loaded = 1;
		buf = slurp("/etc/protocols", &len);
	}
	last = proto;
	last_name = NULL;
	if (!buf)
		return NULL;
	end = buf + len;
	for (p = buf; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *line = p, *name, *num;
		const char *rest;
		if (!nl)
			nl = end;
		p = nl + 1;
		name = field(&line, nl);
		num = name ? field(&line, nl) : NULL;
		if (num && *num >= '0' && *num <= '9' && parse_num(num, &rest) == proto && !*rest)
			return last_name = name;
	}
	return NULL;
}

int port_ephemeral(unsigned port)
{
	static unsigned lo = 1, hi;	/* lo > hi: not read yet */
	char path[256], buf[64];

	if (lo > hi) {
		const char *f = procnet_path(path, sizeof(path), "PROC_IP_LOCAL_PORT_RANGE",
					     "sys/net/ipv4/ip_local_port_range");
		int fd = open(f, O_RDONLY | O_CLOEXEC);
		ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
		const char *s = buf;

		if (fd >= 0)
			close(fd);
		lo = 1024, hi = 4999;	/* iproute2's fallback */
		if (n > 0) {
			unsigned a, b;
			buf[n] = 0;
			a = parse_num(s, &s);
			while (is_space(*s))
				s++;
			b = parse_num(s, &s);
			if (a && b)
				lo = a, hi = b;
		}
	}
	return port >= lo && port <= hi;
}
