/*
 * unit_softfp - lib/softfp.c (the soft-float MIPS build's double
 * arithmetic) built as sf_* functions on this host and compared, bit for
 * bit, with the hardware's IEEE doubles (round to nearest, ties to even):
 * * / + -, conversions from and to integers, compares; random bit patterns
 * weighted toward subnormals, infinities, NaNs, zeros, the ends of the
 * exponent range, short significands (ties) and near-equal pairs
 * (cancellation), and the values -i computes (u32 / 1000, u64 * 8,
 * cwnd * mss * 8e6 / rtt, 100 * x / busy).
 *
 * Build: cc -o unit_softfp tests/unit_softfp.c (it includes lib/softfp.c)
 * Run:   unit_softfp [PERCENT]  (default 100: ~21 million checks)
 * Needs a host whose double arithmetic is IEEE binary64 in hardware
 * (x86-64 SSE2, arm64); cross/test.sh runs it on mips against this code
 * itself only through unit_fmtg.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_check.h"

/* the code under test, its functions named sf_muldf3 ... */
#define SOFTFP_TEST
#include "../lib/softfp.c"

static long scale = 100;

/* a double whose class and shape the generator picks: specials, both ends
 * of the exponent range, short significands */
static double rnd_double(void)
{
	uint64_t r = rnd(), s = r & (1ull << 63), m = rnd() & ((1ull << 52) - 1);
	int e;

	switch (r >> 1 & 15) {
	case 0: e = 0; break;					/* subnormal or zero */
	case 1: e = 0x7ff; m = r & 4 ? 0 : m; break;		/* inf, NaN */
	case 2: e = 1 + (int)(r >> 8 & 63); break;		/* bottom of the range */
	case 3: e = 0x7fe - (int)(r >> 8 & 63); break;		/* top of the range */
	case 4: return dbl(s);					/* zero */
	default: e = 0x3ff - 80 + (int)((r >> 8) % 160); break;	/* ordinary */
	}
	if (r >> 20 & 1)	/* a short significand: exact results, ties */
		m &= ~0ull << (r >> 21 & 63) | ~((1ull << 52) - 1);
	return dbl(s | (uint64_t)e << 52 | m);
}

static void check_bits(struct check *c, const char *op, double a, double b, double want, double got)
{
	char in[160], w[64], g[64];

	/* two NaN operands: which one comes back depends on the order the
	 * compiler gave the hardware's operands, so either will do */
	if (bits(want) == bits(got) || (a != a && b != b && (bits(got) == (bits(a) | 1ull << 51) ||
							    bits(got) == (bits(b) | 1ull << 51)))) {
		c->n++;
		return;
	}
	snprintf(in, sizeof in, "%s(%a, %a)", op, a, b);
	snprintf(w, sizeof w, "%a [%016" PRIx64 "]", want, bits(want));
	snprintf(g, sizeof g, "%a [%016" PRIx64 "]", got, bits(got));
	verdict(c, in, w, (unsigned char *)g, strlen(g), strlen(g), strlen(g));
}

static void one_pair(struct check *c, double a, double b)
{
	volatile double x = a, y = b;	/* the hardware's own operations, at run time */
	check_bits(c, "mul", a, b, x * y, sf_muldf3(a, b));
	check_bits(c, "div", a, b, x / y, sf_divdf3(a, b));
	check_bits(c, "add", a, b, x + y, sf_adddf3(a, b));
	check_bits(c, "sub", a, b, x - y, sf_subdf3(a, b));
	check_bits(c, "neg", a, b, -x, sf_negdf2(a));
	int ok = ((sf_eqdf2(a, b) == 0) == (x == y)) && ((sf_nedf2(a, b) != 0) == (x != y)) &&
		 ((sf_ltdf2(a, b) < 0) == (x < y)) && ((sf_ledf2(a, b) <= 0) == (x <= y)) &&
		 ((sf_gtdf2(a, b) > 0) == (x > y)) && ((sf_gedf2(a, b) >= 0) == (x >= y)) &&
		 ((sf_unorddf2(a, b) != 0) == (x != x || y != y));
	check_bits(c, "compare", a, b, 0, ok ? 0 : 1);
}

static int test_pairs(void)
{
	struct check c = { "softfp * / + - compare" };
	for (long i = 1000000 * scale / 100; i-- > 0;) {
		double a = rnd_double(), b = rnd_double();
		uint64_t r = rnd();
		if ((r & 7) == 0)	/* near-equal: cancellation */
			b = dbl(bits(a) ^ (r >> 8 & 0xff) ^ (r & 8 ? 1ull << 63 : 0));
		one_pair(&c, a, b);
	}
	return finish(&c);
}

static int test_conversions(void)
{
	struct check c = { "softfp conversions" };
	for (long i = 1000000 * scale / 100; i-- > 0;) {
		uint64_t r = rnd() >> (rnd() % 64);
		volatile int64_t si = (int64_t)(rnd() & 1 ? r : -r);
		volatile uint64_t ui = r;
		volatile int32_t si32 = (int32_t)si;
		volatile uint32_t ui32 = (uint32_t)ui;
		check_bits(&c, "floatundidf", (double)r, 0, (double)ui, sf_floatundidf(ui));
		check_bits(&c, "floatdidf", (double)r, 0, (double)si, sf_floatdidf(si));
		check_bits(&c, "floatunsidf", (double)r, 0, (double)ui32, sf_floatunsidf(ui32));
		check_bits(&c, "floatsidf", (double)r, 0, (double)si32, sf_floatsidf(si32));
		/* double -> integer where C defines it: in range, truncated */
		volatile double d = rnd_double();
		if (d > -9.2e18 && d < 9.2e18)
			check_bits(&c, "fixdfdi", d, 0, (double)(int64_t)d, (double)sf_fixdfdi(d));
		if (d > -1 && d < 1.8e19)
			check_bits(&c, "fixunsdfdi", d, 0, (double)(uint64_t)d, (double)sf_fixunsdfdi(d));
		if (d > -2147483649.0 && d < 2147483648.0)
			check_bits(&c, "fixdfsi", d, 0, (double)(int32_t)d, (double)sf_fixdfsi(d));
		if (d > -1 && d < 4294967296.0)
			check_bits(&c, "fixunsdfsi", d, 0, (double)(uint32_t)d, (double)sf_fixunsdfsi(d));
	}
	return finish(&c);
}

/* the shapes of -i (spec §4.3): what 6.1's C computes there */
static int test_product(void)
{
	struct check c = { "softfp -i shapes" };
	for (long i = 1000000 * scale / 100; i-- > 0;) {
		uint64_t r = rnd();
		volatile uint32_t u = (uint32_t)(r >> (r % 32)), cwnd = (uint32_t)rnd() % 100000 + 1,
				  mss = (uint32_t)rnd() % 65535 + 1, rtt = (uint32_t)rnd() % 10000000 + 1;
		volatile uint64_t rate = rnd() >> (r % 64), busy = (rnd() >> (r % 64)) | 1;
		volatile uint64_t part = rnd() % busy;
		volatile double k1000 = 1000, k8 = 8., k8e6 = 8000000., k100 = 100.0;
		double a = sf_floatunsidf(u);
		check_bits(&c, "u32/1000", a, 1000, (double)u / k1000, sf_divdf3(a, 1000));
		a = sf_floatundidf(rate);
		check_bits(&c, "u64*8", a, 8, rate * k8, sf_muldf3(a, 8));
		double send = sf_divdf3(sf_muldf3(sf_muldf3(sf_floatunsidf(cwnd), sf_floatunsidf(mss)),
						  8000000.), sf_floatunsidf(rtt));
		check_bits(&c, "cwnd*mss*8e6/rtt", cwnd, rtt,
			   (double)cwnd * (double)mss * k8e6 / (double)rtt, send);
		double pct = sf_divdf3(sf_muldf3(100.0, sf_floatundidf(part)), sf_floatundidf(busy));
		check_bits(&c, "100*x/busy", (double)part, (double)busy, k100 * part / busy, pct);
		for (double lim = 1e12; lim >= 1e3; lim /= 1000)
			check_bits(&c, "rate/lim", a, lim, (double)(rate * k8) / lim,
				   sf_divdf3(sf_muldf3(sf_floatundidf(rate), 8), lim));
	}
	return finish(&c);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1)
		scale = atol(argv[1]);
	int bad = test_pairs();
	bad |= test_conversions();
	bad |= test_product();
	return bad;
}
