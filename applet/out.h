/* One large output buffer, written to stdout with write(2). */
#ifndef SS_OUT_H
#define SS_OUT_H
#include <stddef.h>
#include <string.h>

/* The renderer writes one padded token at a time: up to 65 535 bytes of
 * text or width (6.1's token cap; a terminal is at most 65 535 wide) plus
 * its slack must fit after a flush. */
#define OUT_BUF (65536 + 64)

struct outbuf {
	size_t len;
	char buf[OUT_BUF];
};
/* The one global: the inline helpers below and the renderer's row loop
 * write into it directly, without a call per token. */
extern struct outbuf out_;

/* Writes n bytes to stdout now; a write error ends ss (status 1, or 0 for
 * a closed pipe). */
void out_write(const char *p, size_t n);
void out_flush(void);

/* Makes room for n bytes (n <= OUT_BUF) and returns where they go. */
static inline char *out_room(size_t n)
{
	if (out_.len + n > OUT_BUF)
		out_flush();
	return out_.buf + out_.len;
}

static inline void out_bytes(const char *s, size_t n)
{
	while (n) {
		size_t k = n < OUT_BUF ? n : OUT_BUF;
		memcpy(out_room(k), s, k);
		out_.len += k;
		s += k;
		n -= k;
	}
}

static inline void out_spaces(size_t n)
{
	while (n) {
		size_t k = n < OUT_BUF ? n : OUT_BUF;
		memset(out_room(k), ' ', k);
		out_.len += k;
		n -= k;
	}
}

#endif
