/* Number and word scanning with glibc scanf's semantics, for the text
 * files 6.1 reads with sscanf/fscanf (/proc/net, /proc/<pid>/stat,
 * /etc/iproute2): same fields, same values, same stopping points. */
#ifndef SS_SCAN_H
#define SS_SCAN_H
#include <stdint.h>

/* isspace() in the C locale. */
static inline int scan_blank(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* %d (base 10, strtol) or %x / %u / %llx (base 16 or 10 unsigned, strtoul):
 * skips blanks, an optional sign, "0x" for base 16, then digits.  *v gets
 * the 64-bit value strto[u]l would return (saturated on overflow, a '-'
 * negating); the caller truncates to the width the format stores.
 * Returns the end of the number, or NULL if there is no digit. */
const char *scan_num(const char *s, unsigned base, int is_signed, uint64_t *v);

/* %s: skips blanks; the word is [*w, return) (empty and *w at the end
 * when there is none). */
const char *scan_word(const char *s, const char **w);

#endif
