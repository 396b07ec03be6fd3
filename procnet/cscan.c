#include "cscan.h"

/* Blanks, sign, digits into a magnitude that saturates at 2^64-1.
 * Returns the number of digits (0: no conversion). */
static int digits(const char **p, int *neg, uint64_t *mag, int *over)
{
	const char *s = *p;
	uint64_t v = 0;
	int n = 0;

	while (cscan_space((unsigned char)*s))
		s++;
	*neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	*over = 0;
	for (; *s >= '0' && *s <= '9'; s++, n++) {
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			*over = 1;
		else
			v = v * 10 + d;
	}
	if (n)
		*p = s;
	*mag = v;
	return n;
}

int cscan_int(const char **p, int32_t *out)
{
	uint64_t m;
	int neg, over;
	int64_t v;

	if (!digits(p, &neg, &m, &over))
		return 0;
	if (neg)
		v = over || m > (uint64_t)INT64_MAX + 1 ? INT64_MIN : (int64_t)(0 - m);
	else
		v = over || m > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)m;
	*out = (int32_t)(uint32_t)(uint64_t)v;	/* glibc stores the long into an int */
	return 1;
}

int cscan_uint(const char **p, uint32_t *out)
{
	uint64_t m;
	int neg, over;

	if (!digits(p, &neg, &m, &over))
		return 0;
	if (over)
		m = UINT64_MAX;
	else if (neg)
		m = 0 - m;
	*out = (uint32_t)m;
	return 1;
}

int cscan_word(const char **p)
{
	const char *s = *p;

	while (cscan_space((unsigned char)*s))
		s++;
	if (!*s)
		return 0;
	while (*s && !cscan_space((unsigned char)*s))
		s++;
	*p = s;
	return 1;
}
