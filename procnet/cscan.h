/* The few scanf conversions iproute2 6.1 parses /proc text with, done the
 * way glibc does them, so odd input (signs, blanks, overflow, trailing
 * junk) gives 6.1's numbers.  No locale: isspace() is the C one. */
#ifndef SS_CSCAN_H
#define SS_CSCAN_H
#include <stdint.h>

/* C-locale isspace(). */
static inline int cscan_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* "%d" at *p (a NUL-terminated string): blanks, an optional sign, digits;
 * strtol() saturation, then the conversion to int.  Advances *p past the
 * digits and returns 1, or returns 0 (nothing stored) when no digit came. */
int cscan_int(const char **p, int32_t *out);

/* "%u": the same with strtoul() (a '-' negates modulo 2^64), then unsigned int. */
int cscan_uint(const char **p, uint32_t *out);

/* "%*s": blanks, then one or more non-blanks.  0 when the string ended. */
int cscan_word(const char **p);

#endif
