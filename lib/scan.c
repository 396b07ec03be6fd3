#include "scan.h"

const char *scan_num(const char *s, unsigned base, int is_signed, uint64_t *v)
{
	uint64_t acc = 0, lim = is_signed ? 0x7fffffffffffffffull : ~0ull;
	int neg = 0, any = 0, over = 0;

	while (scan_blank((unsigned char)*s))
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2, any = 1;	/* "0x" alone reads as 0, as in strtoul() */
	for (;; s++, any = 1) {
		unsigned c = (unsigned char)*s, d = c - '0';
		if (base == 16 && d >= 10)
			d = (c | 0x20) - 'a' < 6 ? (c | 0x20) - 'a' + 10 : 99;
		if (d >= base)
			break;
		if (acc > (lim - d) / base)
			over = 1;
		else
			acc = acc * base + d;
	}
	if (!any)
		return 0;
	if (over)
		*v = is_signed ? (neg ? 0x8000000000000000ull : lim) : ~0ull;
	else
		*v = neg ? 0 - acc : acc;
	return s;
}

const char *scan_word(const char *s, const char **w)
{
	while (scan_blank((unsigned char)*s))
		s++;
	*w = s;
	while (*s && !scan_blank((unsigned char)*s))
		s++;
	return s;
}
