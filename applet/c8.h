/* The column-8 token under construction (spec §5): the piece printers of
 * col8.c and of the detail files write through these; writes stop at end. */
#ifndef SS_C8_H
#define SS_C8_H
#include <stddef.h>
#include <string.h>

struct c8 {
	char *p, *end;
};

static inline void put(struct c8 *b, const char *s, size_t n)
{
	if (n > (size_t)(b->end - b->p))
		n = (size_t)(b->end - b->p);
	if (n <= 16) {	/* most pieces: memcpy's "rep movsb" costs more */
		for (size_t i = 0; i < n; i++)
			b->p[i] = s[i];
	} else {
		memcpy(b->p, s, n);
	}
	b->p += n;
}

static inline void puts8(struct c8 *b, const char *s)
{
	put(b, s, strlen(s));
}

#endif
