/* -s counters from /proc/net text, line by line with 6.1's fgets sizes
 * (256 for sockstat, 1024 for snmp: longer lines arrive in pieces and each
 * piece is parsed as a line) and its sscanf formats, emulated. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "sockstat.h"
#include "cscan.h"

long lines_next(struct linereader *r, char *dst, size_t cap)
{
	size_t n = 0;

	while (n + 1 < cap) {
		if (r->pos == r->len) {
			ssize_t got = read(r->fd, r->buf, sizeof(r->buf));
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0)
				return -1;
			if (got == 0)
				break;
			r->pos = 0;
			r->len = (size_t)got;
		}
		dst[n] = r->buf[r->pos++];
		if (dst[n++] == '\n')
			break;
	}
	dst[n] = 0;
	return (long)n;
}

/* "%*s%d%*s%d...": up to n words-then-numbers, stored until one fails. */
static void words_ints(const char *p, int32_t *const *out, int n)
{
	for (int i = 0; i < n; i++)
		if (!cscan_word(&p) || !cscan_int(&p, out[i]))
			return;
}

void sockstat_line(struct sockstat *s, const char *line)
{
	static const char keys[] =
		"sockets:\0UDP:\0UDP6:\0RAW:\0RAW6:\0TCP6:\0FRAG:\0FRAG6:\0TCP:\0";
	int32_t *const outs[][5] = {
		{ &s->socks }, { &s->udp4 }, { &s->udp6 }, { &s->raw4 }, { &s->raw6 },
		{ &s->tcp6_hashed }, { &s->frag4, &s->frag4_mem },
		{ &s->frag6, &s->frag6_mem },
		{ &s->tcp4_hashed, &s->tcp_orphans, &s->tcp_tws, &s->tcp_total, &s->tcp_mem },
	};
	static const unsigned char count[] = { 1, 1, 1, 1, 1, 1, 2, 2, 5 };
	const char *id = line, *rem;
	size_t idlen;
	int i = 0;

	/* "%[^ ] %[^\n]": a non-empty id up to a space, blanks, a non-empty rest */
	for (idlen = 0; id[idlen] && id[idlen] != ' '; idlen++)	/* no strcspn */
		;
	if (!idlen || !id[idlen])
		return;
	rem = id + idlen;
	while (cscan_space((unsigned char)*rem))
		rem++;
	if (!*rem || *rem == '\n')
		return;
	for (const char *k = keys; *k; k += strlen(k) + 1, i++)
		if (strlen(k) == idlen && !memcmp(k, id, idlen)) {
			words_ints(rem, outs[i], count[i]);
			return;
		}
}

void sockstat_read(struct sockstat *s, int fd)
{
	struct linereader r = { .fd = fd };
	char line[256];

	while (lines_next(&r, line, sizeof(line)) > 0)
		sockstat_line(s, line);
}

/* The byte after the next space of p, or NULL (strchr without musl's
 * word-at-a-time strchrnul: these lines are short). */
static const char *next_space(const char *p)
{
	for (; *p; p++)
		if (*p == ' ')
			return p + 1;
	return NULL;
}

/* The byte after the n-th space of line (n >= 1), or NULL. */
static const char *after_space(const char *p, long n)
{
	while ((p = next_space(p)))
		if (--n == 0)
			return p;
	return NULL;
}

int snmp_read_int(int fd, const char *proto, const char *key, int32_t *result)
{
	struct linereader r = { .fd = fd };
	char buf[1024];
	size_t plen = strlen(proto), klen = strlen(key);

	*result = 0;
	while (lines_next(&r, buf, sizeof(buf)) > 0) {
		const char *p = buf, *v;
		long pos = 0;

		/* 6.1 memcmp()s past the line's end; neither proto nor key
		 * holds a NUL, so strncmp() gives its answers without that */
		if (strncmp(buf, proto, plen))
			continue;
		/* the column of key, or past the last one when it is missing */
		while ((p = next_space(p))) {
			pos++;
			if (!strncmp(p, key, klen) && (p[klen] == ' ' || p[klen] == '\n'))
				break;
		}
		if (lines_next(&r, buf, sizeof(buf)) <= 0 || strncmp(buf, proto, plen))
			break;
		if (pos > 0 && (v = after_space(buf, pos))) {
			cscan_int(&v, result);
			return 0;
		}
	}
	return -1;
}
