/* Doubles as glibc's printf writes them ("%.*g", "%.*f") and 6.1's
 * sprint_bw() (spec §4.3, §4.4), without libc's float printf, which costs
 * a static binary about 5 KB.
 *
 * A finite double is m * 2^e2 (m < 2^53).  We make it an exact decimal
 * integer D with D * 10^-f == v: m * 2^e2 when e2 >= 0, m * 5^-e2 with
 * f = -e2 otherwise, in base-1e9 limbs, one multiply loop for both (at most
 * 767 digits, for the smallest denormals).  Rounding then works on the
 * digit text: it sees the exact value, so it rounds ties to even as glibc
 * does in the default rounding mode. */
#include <string.h>

#include "fmt.h"

#define BASE 1000000000u
#define LIMBS 86	/* ceil(log10(2^53 * 5^1074) / 9) */

struct dec {
	char *s;	/* digits, most significant first; s[-1] is '0' */
	int n;		/* digits in s */
	int e;		/* the value is 0.s * 10^e */
	char buf[LIMBS * 9 + 1];
};

/* Writes '-' for a negative v (-0 and -nan too, as glibc) and "inf" or
 * "nan" for those; returns 0 then, else 1 with v's exact digits in d. */
static int conv(char **pp, double v, struct dec *d)
{
	uint64_t b, m;
	uint32_t l[LIMBS];
	int nl = 0, i, e2, ex;
	char *p;

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
	for (; m && !(m & 1); m >>= 1)	/* fewer multiplies below */
		e2++;
	d->e = e2 < 0 ? e2 : 0;
	for (; m; m /= BASE)
		l[nl++] = (uint32_t)(m % BASE);
	while (e2) {
		uint32_t f = 1, c = 0;

		/* f < 1e9, so each carry is one limb */
		for (; e2 && f < 100000000; e2 += e2 > 0 ? -1 : 1)
			f *= e2 > 0 ? 2 : 5;
		for (i = 0; i < nl; i++) {
			uint64_t x = (uint64_t)l[i] * f + c;

			l[i] = (uint32_t)(x % BASE);
			c = (uint32_t)(x / BASE);
		}
		if (c)
			l[nl++] = c;
	}
	p = d->buf + sizeof d->buf;
	for (i = 0; i < nl; i++)
		for (int k = 0; k < 9; k++, l[i] /= 10)
			*--p = (char)('0' + l[i] % 10);
	*--p = '0';
	while (p < d->buf + sizeof d->buf && *p == '0')
		p++;
	d->s = p;
	d->n = (int)(d->buf + sizeof d->buf - p);
	d->e += d->n;
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
