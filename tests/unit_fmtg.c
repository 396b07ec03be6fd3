/*
 * unit_fmtg - applet/fmt_float.c (fmt_g, fmt_f, fmt_rate) against the C
 * library's snprintf ("%.*g", "%.*f", and 6.1's sprint_bw() written with
 * it), byte for byte, over about 10.3 million generated cases (at least
 * the 10 million issue 9 asks for).
 *
 * Build: cc -Iapplet -Ibuild -o unit_fmtg tests/unit_fmtg.c applet/fmt_float.c applet/fmt.c
 * Run:   unit_fmtg [PERCENT]   PERCENT scales the random sweeps (default
 *        75; 1000 with TEST_FULL=1 in the environment; cross/test.sh runs
 *        a few percent under qemu).  The fixed sets (powers, neighbours,
 *        edges, every prec) always run in full.
 * Prints one "PASS name" / "FAIL name" line per set (first few mismatches
 * indented below) in the format of tests/run.sh; exit 1 on failure.
 * Deterministic: the random cases come from a fixed-seed generator.
 */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "unit_check.h"

#define BUFSZ (FMT_F_MAX + 16)

enum { G, F, RATE, RATE_N };

static long scale = 75;	/* percent of the default random counts */

static long count(long n)
{
	n = n * scale / 100;
	return n > 0 ? n : 1;
}

static double from_bits(uint64_t b)
{
	double v;
	memcpy(&v, &b, sizeof v);
	return v;
}

/* 6.1's sprint_bw() (misc/ss.c), without its "bps" */
static void ref_bw(char *buf, size_t sz, double bw, int numeric)
{
	if (numeric)
		snprintf(buf, sz, "%.0f", bw);
	else if (bw >= 1e12)
		snprintf(buf, sz, "%.3gT", bw / 1e12);
	else if (bw >= 1e9)
		snprintf(buf, sz, "%.3gG", bw / 1e9);
	else if (bw >= 1e6)
		snprintf(buf, sz, "%.3gM", bw / 1e6);
	else if (bw >= 1e3)
		snprintf(buf, sz, "%.3gk", bw / 1e3);
	else
		snprintf(buf, sz, "%g", bw);
}

/* one value through one formatter against snprintf: text, length, and
 * nothing written past the documented maximum */
static void one(struct check *c, int kind, double v, int prec)
{
	unsigned char buf[BUFSZ];
	char want[BUFSZ], in[96];
	size_t len, max = kind == G ? FMT_G_MAX : kind == F ? FMT_F_MAX : FMT_RATE_MAX;

	memset(buf, SENTINEL, max + 16);
	switch (kind) {
	case G:
		snprintf(want, sizeof want, "%.*g", prec, v);
		len = fmt_g((char *)buf, v, prec);
		break;
	case F:
		snprintf(want, sizeof want, "%.*f", prec, v);
		len = fmt_f((char *)buf, v, prec);
		break;
	default:
		ref_bw(want, sizeof want, v, kind == RATE_N);
		len = fmt_rate((char *)buf, v, kind == RATE_N);
		break;
	}
	if (matches(want, buf, len, max, max + 16)) {
		c->n++;
		return;
	}
	snprintf(in, sizeof in, "%s %a (%.17g) prec %d", kind == G ? "fmt_g" : kind == F ?
		 "fmt_f" : kind == RATE ? "fmt_rate" : "fmt_rate -n", v, v, prec);
	verdict(c, in, want, buf, len, max, max + 16);
}

/* every precision of both formats, and the rate in both modes */
static void all_precs(struct check *c, double v)
{
	for (int p = 0; p <= 17; p++)
		one(c, G, v, p);
	for (int p = 0; p <= 9; p++)
		one(c, F, v, p);
	one(c, RATE, v, 0);
	one(c, RATE_N, v, 0);
}

/* v and its n neighbours on either side, both signs */
static void around(struct check *c, double v, int n)
{
	double lo = v, hi = v;

	all_precs(c, v);
	all_precs(c, -v);
	for (int i = 0; i < n; i++) {
		lo = nextafter(lo, -INFINITY);
		hi = nextafter(hi, INFINITY);
		all_precs(c, lo);
		all_precs(c, hi);
		all_precs(c, -lo);
		all_precs(c, -hi);
	}
}

/* a u32 biased toward the sizes the kernel reports */
static uint32_t rnd_u32(void)
{
	uint64_t r = rnd();
	switch (r & 3) {
	case 0: return (uint32_t)(r >> 8) % 1000;
	case 1: return (uint32_t)(r >> 8) % 1000000;
	case 2: return (uint32_t)(r >> 32) >> (r >> 2 & 31);
	default: return (uint32_t)(r >> 32);
	}
}

static uint64_t rnd_u64(void)
{
	uint64_t r = rnd();
	return r >> (rnd() % 64);
}

/* The values 6.1 prints with -i (spec §4.3): rto/rtt/ato/minrtt in ms
 * (u32/1000, %g), bbr gains (u32/256, %g), byte rates *8 and the send rate
 * through sprint_bw, rwnd/sndbuf_limited percentages (%.1f). */
static int test_product(void)
{
	struct check cg = { "fmt_g u32/1000 u32/256" }, cr = { "fmt_rate rates" },
		     cf = { "fmt_f %.1f percentages" };

	for (uint32_t x = 0; x < (uint32_t)count(1000000); x++) {	/* every rtt below 1 s */
		one(&cg, G, (double)x / 1000, 6);
		if (x < 70000)
			one(&cg, G, (double)x / 256, 6);
	}
	for (long i = count(1000000); i-- > 0;) {
		uint32_t x = rnd_u32();
		one(&cg, G, (double)x / 1000, 6);
		one(&cg, G, (double)x / 256, 6);
	}
	for (long i = count(1000000); i-- > 0;) {
		uint64_t r = rnd_u64();
		double v = i & 1 ? (double)(r * 8) : (double)r * 8;

		one(&cr, RATE, v, 0);
		one(&cr, RATE_N, v, 0);
		/* send: cwnd * mss * 8e6 / rtt */
		double cwnd = rnd_u32() % 100000 + 1, mss = rnd() % 65535 + 1, rtt = rnd_u32() % 10000000 + 1;
		v = cwnd * mss * 8000000. / rtt;
		one(&cr, RATE, v, 0);
		one(&cr, RATE_N, v, 0);
	}
	/* every integer rate around the band edges and the %.3g carries */
	static const double edges[] = { 1e3, 1e6, 1e9, 1e12, 999.5e3, 999.5e6, 999.5e9, 999.5e12 };
	for (size_t e = 0; e < sizeof edges / sizeof edges[0]; e++)
		for (double v = edges[e] - 2000; v <= edges[e] + 2000; v++) {
			one(&cr, RATE, v, 0);
			one(&cr, RATE_N, v, 0);
		}
	for (long i = count(1000000); i-- > 0;) {
		uint64_t busy = rnd_u64() | 1, x = rnd() % (busy + 1);
		if (i & 1) {	/* small busy times: many exact .x5 ties */
			busy = rnd() % 4000 + 1;
			x = rnd() % (busy + 1);
		}
		one(&cf, F, 100.0 * x / busy, 1);
		one(&cf, F, (double)x / busy * 100, 1);
	}
	int bad = finish(&cg);
	bad |= finish(&cr);
	bad |= finish(&cf);
	return bad;
}

/* Random bit patterns over the whole double range (inf and nan included),
 * random magnitudes, denormals; a random precision each. */
static int test_random(void)
{
	struct check cb = { "fmt_g fmt_f random bits" }, cm = { "fmt_g fmt_f random magnitudes" },
		     cd = { "fmt_g fmt_f denormals" };

	for (long i = count(400000); i-- > 0;) {
		uint64_t r = rnd();
		double v = from_bits(r);
		one(&cb, G, v, (int)(r % 18));
		one(&cb, F, v, (int)(r >> 5) % 10);
	}
	for (long i = count(600000); i-- > 0;) {
		/* short mantissas make ties and long runs of 0 or 9 digits */
		uint64_t r = rnd(), m = rnd() >> (r % 64 < 32 ? 12 : 12 + r % 52);
		int e = (int)(r >> 8 & 0xff) - 150;	/* 2^-150 .. 2^105 */
		double v = ldexp((double)m, e - 52 + 52 * (r % 64 < 32));
		if (r >> 16 & 1)
			v = -v;
		one(&cm, G, v, (int)(r >> 20) % 18);
		one(&cm, G, v, r >> 40 & 1 ? 3 : 6);
		one(&cm, F, v, (int)(r >> 25) % 10);
	}
	for (long i = count(100000); i-- > 0;) {
		uint64_t r = rnd();
		double v = from_bits((r & 0x8000000000000000ULL) |
				    (r & 0xfffffffffffffULL) >> (r >> 50 & 7 ? 0 : r % 52));
		one(&cd, G, v, (int)(r >> 53) % 18);
		one(&cd, F, v, (int)(r >> 57) % 10);
	}
	int bad = finish(&cb);
	bad |= finish(&cm);
	bad |= finish(&cd);
	return bad;
}

/* Powers of 2 and 10 and their neighbours, ties, the %.3g carry edges,
 * the ends of the range and the specials, each in every precision. */
static int test_fixed(void)
{
	struct check cp = { "fmt_g fmt_f powers of 2 and 10 +-2 ulp" },
		     ct = { "fmt_g fmt_f ties k+0.5, k*2^-n" },
		     ce = { "fmt_g fmt_f edges and specials" };

	for (int e = -1074; e <= 1023; e++)
		around(&cp, ldexp(1, e), 2);
	for (int e = -323; e <= 308; e++) {
		char t[16];
		snprintf(t, sizeof t, "1e%d", e);
		around(&cp, strtod(t, NULL), 2);
	}
	/* k+0.5 (the %.0f ties), odd k * 2^-n (a 5 at every last place) */
	for (int k = 0; k < 2000; k++)
		all_precs(&ct, k + 0.5);
	for (long i = count(10000); i-- > 0;) {
		uint64_t r = rnd();
		all_precs(&ct, (double)(r >> 12) + 0.5);
		all_precs(&ct, ldexp((double)((r >> (11 + r % 40)) | 1), -(int)(r >> 58) - 1));
	}
	static const double v[] = {
		0.5, 1.5, 2.5, 1.125, 0.125, 0.375, 9.5, 99.5, 999.5, 9995, 99950, 999500, 999499,
		999999, 999999999, 9.995, 99.95, 0.9995, 0.09995, 1e-4, 1e-5, 1.5e-5, 0.0001,
		0.00001, 123456789012345678.0, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 9007199254740993.0,
		4503599627370495.5, DBL_MAX, DBL_MIN, DBL_TRUE_MIN, DBL_EPSILON, 0.1, 0.2, 0.3,
		1.0 / 3, 2.0 / 3, M_PI, 100, 1000, 1e3 - 0.5, 5e-324, 2.2250738585072009e-308,
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		around(&ce, v[i], 3);
	/* zero, -0, inf, nan with and without sign and payloads */
	static const uint64_t sp[] = { 0, 0x8000000000000000ULL, 0x7ff0000000000000ULL,
				       0xfff0000000000000ULL, 0x7ff8000000000000ULL,
				       0xfff8000000000000ULL, 0x7ff0000000000001ULL,
				       0xfff4000000000000ULL, 0x7fffffffffffffffULL,
				       0xffffffffffffffffULL };
	for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++)
		all_precs(&ce, from_bits(sp[i]));
	/* glibc's "%.*g" and "%.*f" with a negative precision: as if none, 6 */
	one(&ce, G, M_PI, -1);
	one(&ce, F, M_PI, -3);
	int bad = finish(&cp);
	bad |= finish(&ct);
	bad |= finish(&ce);
	return bad;
}

int main(int argc, char **argv)
{
	const char *full = getenv("TEST_FULL");

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (full && strcmp(full, "1") == 0)
		scale = 1000;
	if (argc > 1)
		scale = atol(argv[1]);
	int bad = test_product();
	bad |= test_random();
	bad |= test_fixed();
	return bad;
}
