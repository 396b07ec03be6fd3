/* Doubles as glibc's printf writes them ("%.*g", "%.*f") and 6.1's
 * sprint_bw() (spec §4.3, §4.4), without libc's float printf, which costs
 * a static binary about 5 KB.
 *
 * A finite double is m * 2^e2 (m < 2^53).  As musl's fmt_fp does, we hold
 * it in decimal, base-1e9 limbs, most significant first, and multiply by
 * 2^29 or divide by 2^9 until e2 is 0: both steps are exact.  Division
 * stops at a limb fixed in advance, three past the point and past where
 * the first non-zero limb can end up (27 digits, more than %.17g and %.9f
 * need), and notes whether what it drops there is non-zero: the digits it
 * hands on are exact and know whether anything follows them.  Rounding
 * then works on the digit text and rounds ties to even, as glibc does in
 * the default rounding mode. */
#include <string.h>

#include "fmt.h"

#define BASE 1000000000u
/* 2^1024 has 35 limbs; division ends at most 2 + 1074 / 29 + 3 */
#define LIMBS 42

struct dec {
	char *s;	/* digits, most significant first; s[-1] is '0' */
	int n;		/* digits in s */
	int e;		/* the value is 0.s * 10^e */
	char buf[LIMBS * 9 + 2];
};

/* Writes '-' for a negative v (-0 and -nan too, as glibc) and "inf" or
 * "nan" for those; returns 0 then, else 1 with v's digits in d: exact, and
 * a last '1' when non-zero digits were dropped. */
static int conv(char **pp, double v, struct dec *d)
{
	uint64_t b, m;
	uint32_t big[LIMBS], *a, *z, *r, *q, *stop, more = 0;
	int e2, ex;
	char *p = d->buf, *end;

	memcpy(&b, &v, sizeof b);
	if (b >> 63)
		*(*pp)++ = '-';
	m = b & ((1ull << 52) - 1);
	ex = (int)(b >> 52 & 0x7ff);
	if (ex == 0x7ff) {
		memcpy(*pp, m ? "nan" : "inf", 3);
		*pp += 3;
		return 0;
	}
	e2 = ex ? ex - 1075 : -1074;
	if (ex)
		m |= 1ull << 52;
	if (!m)
		e2 = 0;
	for (; m && !(m & 1); m >>= 1)	/* fewer steps below */
		e2++;
	a = z = big + (e2 < 0 ? 0 : LIMBS - 2);
	*z++ = (uint32_t)(m / BASE);
	*z++ = (uint32_t)(m % BASE);
	r = z;
	/* 29 < 9 / log10(2): no fewer zero limbs after the point than this */
	stop = r + 3 + (e2 < 0 ? -e2 / 29 : 0);
	while (e2 > 0) {
		uint32_t c = 0, sh = e2 < 29 ? (uint32_t)e2 : 29;

		for (q = z; q-- > a;) {
			uint64_t x = ((uint64_t)*q << sh) + c;

			c = (uint32_t)(x / BASE);
			*q = (uint32_t)(x - (uint64_t)c * BASE);
		}
		if (c)
			*--a = c;
		e2 -= (int)sh;
	}
	while (e2 < 0) {
		uint32_t c = 0, sh = -e2 < 9 ? (uint32_t)-e2 : 9;

		for (q = a; q < z; q++) {
			uint32_t rem = *q & ((1u << sh) - 1);

			*q = (*q >> sh) + c;
			c = (BASE >> sh) * rem;
		}
		if (z < stop)
			*z++ = c;
		else
			more |= c;
		while (!*a)
			a++;
		e2 += (int)sh;
	}
	*p++ = '0';
	for (q = a; q < z; q++, p += 9)
		for (uint32_t i = 9, x = *q; i-- > 0; x /= 10)
			p[i] = (char)('0' + x % 10);
	end = p;
	if (more)
		*end++ = '1';
	for (p = d->buf + 1; p < end && *p == '0';)
		p++;
	d->s = p;
	d->n = (int)(end - p);
	d->e = (int)(r - a) * 9 - (int)(p - d->buf - 1);
	return 1;
}

/* Keeps k digits, rounding the rest off, ties to even. */
static void round_to(struct dec *d, int k)
{
	char *s = d->s;
	int i, up;

	if (k >= d->n)
		return;
	if (k < 0) {	/* below half a unit of the last place kept */
		d->n = 0;
		return;
	}
	up = s[k] - '5';
	for (i = k; !up && ++i < d->n;)
		up = s[i] - '0';
	if (!up)
		up = s[k - 1] & 1;
	d->n = k;
	if (up > 0) {
		for (i = k - 1; s[i] == '9'; i--)
			s[i] = '0';
		s[i]++;
		if (i < 0) {	/* carried into s[-1]: one digit more */
			d->s--;
			d->n++;
			d->e++;
		}
	}
}

/* The digits as "%.*f" lays them out, prec digits after the point. */
static char *put_fixed(char *p, const struct dec *d, int prec)
{
	for (int i = d->e > 0 ? 0 : d->e - 1; i < d->e + prec; i++) {
		if (i == d->e)
			*p++ = '.';
		*p++ = i >= 0 && i < d->n ? d->s[i] : '0';
	}
	return p;
}

/* A precision above 17 is taken as 17 (FMT_G_MAX holds no more; glibc
 * would print more of the exact digits), a negative one as 6 (glibc's). */
size_t fmt_g(char *buf, double v, int prec)
{
	struct dec d;
	char *p = buf;

	prec = prec < 0 ? 6 : prec < 1 ? 1 : prec > 17 ? 17 : prec;
	if (conv(&p, v, &d)) {
		round_to(&d, prec);
		int x = d.e - 1, sci = x < -4 || x >= prec;
		int frac = prec - 1 - (sci ? 0 : x);

		if (sci)
			d.e = 1;
		p = put_fixed(p, &d, frac);
		if (frac > 0) {
			while (p[-1] == '0')
				p--;
			if (p[-1] == '.')
				p--;
		}
		if (sci) {
			*p++ = 'e';
			*p++ = x < 0 ? '-' : '+';
			if (x < 0)
				x = -x;
			if (x < 10)
				*p++ = '0';
			p += fmt_u64(p, (uint64_t)x);
		}
	}
	return (size_t)(p - buf);
}

/* A precision above 9 is taken as 9, a negative one as 6 (glibc's). */
size_t fmt_f(char *buf, double v, int prec)
{
	struct dec d;
	char *p = buf;

	prec = prec < 0 ? 6 : prec > 9 ? 9 : prec;
	if (conv(&p, v, &d)) {
		round_to(&d, d.e + prec);
		p = put_fixed(p, &d, prec);
	}
	return (size_t)(p - buf);
}

/* The quotients are 6.1's own double divisions, so they round the same. */
size_t fmt_rate(char *buf, double bps, int numeric)
{
	double lim = 1e12;

	if (numeric)
		return fmt_f(buf, bps, 0);
	for (int i = 0; i < 4; i++, lim /= 1000)
		if (bps >= lim) {
			size_t n = fmt_g(buf, bps / lim, 3);

			buf[n] = "TGMk"[i];
			return n + 1;
		}
	return fmt_g(buf, bps, 6);
}
