/* IEEE double arithmetic in integers, for soft-float MIPS (cross/): the
 * libgcc.a of Debian's mips-linux-gnu-gcc is built hard-float, so its
 * __divdf3 & co. are two instructions around an FPU one (div.d): SIGILL
 * on an FPU-less router CPU, and wrong anyway, since the soft-float ABI
 * passes doubles in integer registers.  The -i numbers (rtt/1000, rates,
 * spec §4.3, §4.4) need * / conversions and compares; these replace the
 * libgcc members, which then are not linked.  Round to nearest, ties to
 * even (C's default mode), subnormals, infinities, NaNs as the FPU does;
 * no exception flags.  The arithmetic follows Berkeley SoftFloat 3's
 * round-and-pack scheme (significand with its leading 1 at bit 62).
 *
 * Built only where the compiler does soft-float MIPS; SOFTFP_TEST builds
 * the same code as sf_* functions for tests/unit_softfp.c on any host. */
#if defined(__mips_soft_float) || defined(SOFTFP_TEST)
#include <stdint.h>
#include <string.h>

/* used: the calls to these appear only after link-time optimisation has
 * run (the compiler emits them for * and /), so LTO must not drop them */
#ifdef SOFTFP_TEST
#define SF(name) sf_##name
#else
#define SF(name) __attribute__((used)) __##name
#endif

typedef uint64_t u64;
#define SIGN (1ull << 63)
#define HIDDEN (1ull << 52)
#define FRAC (HIDDEN - 1)
#define INF 0x7ff0000000000000ull
/* 0/0, inf-inf, 0*inf: x86's default NaN (negative: glibc prints "-nan"),
 * so that the mips build prints what iproute2 prints on x86-64 */
#define DEFAULT_NAN 0xfff8000000000000ull

static u64 bits(double d)
{
	u64 b;

	memcpy(&b, &d, sizeof b);
	return b;
}

static double dbl(u64 b)
{
	double d;

	memcpy(&d, &b, sizeof d);
	return d;
}

static int is_nan(u64 a)
{
	return (a << 1) > (INF << 1);
}

/* a NaN operand, quieted, as the FPU returns it (the first one) */
static u64 nan_of(u64 a, u64 b)
{
	return (is_nan(a) ? a : b) | (1ull << 51);
}

/* m >> n, with a 1 in bit 0 when a 1 was shifted out */
static u64 jam(u64 m, int n)
{
	return n <= 0 ? m : n >= 63 ? m != 0 : m >> n | (m << (64 - n) != 0);
}

/* sign, biased exponent minus 1, significand with its leading 1 at bit 62
 * (or lower, when exp is below 1) and 10 bits to round off */
static u64 round_pack(u64 sign, int exp, u64 sig)
{
	unsigned rest;

	if (exp < 0) {
		sig = jam(sig, -exp);
		exp = 0;
	} else if (exp > 0x7fd || (exp == 0x7fd && sig + 0x200 >= SIGN)) {
		return sign | INF;
	}
	rest = sig & 0x3ff;
	sig = (sig + 0x200) >> 10;
	if (rest == 0x200)
		sig &= ~1ull;
	return sign | (((sig ? (u64)exp : 0) << 52) + sig);	/* a carry into bit 52 counts */
}

/* a finite non-zero a as exponent (1 for subnormals) and significand with
 * its leading 1 at bit 52 */
static int unpack(u64 a, u64 *sig)
{
	int e = (int)(a >> 52 & 0x7ff);

	*sig = a & FRAC;
	if (e)
		*sig |= HIDDEN;
	else
		for (e = 1; !(*sig & HIDDEN); e--)
			*sig <<= 1;
	return e;
}

static u64 mul(u64 a, u64 b)
{
	u64 sign = (a ^ b) & SIGN, sa, sb, hi, lo, mid1, mid2;
	int e;

	if (is_nan(a) || is_nan(b))
		return nan_of(a, b);
	if (!(a << 1) || !(b << 1))	/* a zero: 0 * inf is NaN */
		return ((a | b) << 1 >= INF << 1) ? DEFAULT_NAN : sign;
	if ((a << 1) == INF << 1 || (b << 1) == INF << 1)
		return sign | INF;
	e = unpack(a, &sa) + unpack(b, &sb) - 0x3ff;
	sa <<= 10;
	sb <<= 11;
	/* the top 64 bits of the 128-bit product, from 32-bit halves */
	lo = (sa & 0xffffffff) * (sb & 0xffffffff);
	mid1 = (sa >> 32) * (sb & 0xffffffff);
	mid2 = (sa & 0xffffffff) * (sb >> 32);
	hi = (sa >> 32) * (sb >> 32);
	mid1 += lo >> 32;
	mid1 += mid2;
	if (mid1 < mid2)
		hi += 1ull << 32;
	hi += mid1 >> 32;
	hi |= (mid1 << 32 | (lo & 0xffffffff)) != 0;
	if (hi < (1ull << 62)) {
		e--;
		hi <<= 1;
	}
	return round_pack(sign, e, hi);
}

static u64 div_(u64 a, u64 b)
{
	u64 sign = (a ^ b) & SIGN, sa, sb, q = 0;
	int e;

	if (is_nan(a) || is_nan(b))
		return nan_of(a, b);
	if ((a << 1) == INF << 1)	/* inf / inf is NaN */
		return (b << 1) == INF << 1 ? DEFAULT_NAN : sign | INF;
	if ((b << 1) == INF << 1)
		return sign;
	if (!(b << 1))			/* 0 / 0 is NaN */
		return a << 1 ? sign | INF : DEFAULT_NAN;
	if (!(a << 1))
		return sign;
	e = unpack(a, &sa) - unpack(b, &sb) + 0x3fe;
	if (sa < sb) {
		e--;
		sa <<= 1;
	}
	/* 63 quotient bits, the first one 1, then whether a remainder is left */
	for (int i = 0; i < 63; i++) {
		q <<= 1;
		if (sa >= sb) {
			sa -= sb;
			q |= 1;
		}
		sa <<= 1;
	}
	return round_pack(sign, e, q | (sa != 0));
}

static u64 add(u64 a, u64 b)
{
	u64 sa, sb, t;
	int ea, eb;

	if (is_nan(a) || is_nan(b))
		return nan_of(a, b);
	if ((a << 1) == INF << 1)	/* inf - inf is NaN */
		return (b << 1) == INF << 1 && (a ^ b) & SIGN ? DEFAULT_NAN : a;
	if ((b << 1) == INF << 1)
		return b;
	if (!(a << 1))			/* -0 + -0 is -0, +0 + -0 is +0 */
		return b << 1 ? b : a & b;
	if (!(b << 1))
		return a;
	if ((a << 1) < (b << 1)) {	/* a the larger magnitude */
		t = a;
		a = b;
		b = t;
	}
	ea = unpack(a, &sa);
	eb = unpack(b, &sb);
	sa <<= 10;
	sb = jam(sb << 10, ea - eb);
	if ((a ^ b) & SIGN) {
		sa -= sb;
		if (!sa)
			return 0;	/* x - x is +0 */
	} else {
		sa += sb;
	}
	if (sa >= SIGN) {
		sa = jam(sa, 1);
		ea++;
	}
	while (sa < (1ull << 62)) {
		sa <<= 1;
		ea--;
	}
	return round_pack(a & SIGN, ea - 1, sa);
}

/* a u64 magnitude with a sign */
static u64 from_int(u64 sign, u64 m)
{
	int e = 0x43c;

	if (!m)
		return 0;
	if (m >= SIGN) {
		m = jam(m, 1);
		e++;
	}
	while (m < (1ull << 62)) {
		m <<= 1;
		e--;
	}
	return round_pack(sign, e, m);
}

/* truncated toward zero; out of range (undefined in C) saturates */
static u64 to_int(u64 a, int bits_, int is_signed)
{
	u64 m, lim = is_signed ? (1ull << (bits_ - 1)) - 1 : bits_ == 64 ? ~0ull : (1ull << bits_) - 1;
	int e = (int)(a >> 52 & 0x7ff) - 0x3ff;

	if (is_nan(a) || e < 0 || (!is_signed && a >> 63))
		return 0;
	if (e >= bits_)
		m = ~0ull;
	else if (e > 52)
		m = ((a & FRAC) | HIDDEN) << (e - 52);
	else
		m = ((a & FRAC) | HIDDEN) >> (52 - e);
	if (m > lim)
		m = lim + (is_signed && a >> 63);
	return a >> 63 ? -m : m;
}

/* <0, 0, >0 as a < = > b; unord when either is a NaN; +0 == -0 */
static int cmp(u64 a, u64 b, int unord)
{
	int64_t x, y;

	if (is_nan(a) || is_nan(b))
		return unord;
	x = a >> 63 ? -(int64_t)(a & ~SIGN) : (int64_t)a;
	y = b >> 63 ? -(int64_t)(b & ~SIGN) : (int64_t)b;
	return (x > y) - (x < y);
}

double SF(muldf3)(double a, double b) { return dbl(mul(bits(a), bits(b))); }
double SF(divdf3)(double a, double b) { return dbl(div_(bits(a), bits(b))); }
double SF(adddf3)(double a, double b) { return dbl(add(bits(a), bits(b))); }
double SF(subdf3)(double a, double b)
{
	return dbl(add(bits(a), is_nan(bits(b)) ? bits(b) : bits(b) ^ SIGN));	/* a NaN keeps its sign */
}
double SF(negdf2)(double a) { return dbl(bits(a) ^ SIGN); }
double SF(floatsidf)(int32_t i) { return dbl(from_int(i < 0 ? SIGN : 0, i < 0 ? -(u64)i : (u64)i)); }
double SF(floatunsidf)(uint32_t i) { return dbl(from_int(0, i)); }
double SF(floatdidf)(int64_t i) { return dbl(from_int(i < 0 ? SIGN : 0, i < 0 ? -(u64)i : (u64)i)); }
double SF(floatundidf)(uint64_t i) { return dbl(from_int(0, i)); }
int32_t SF(fixdfsi)(double a) { return (int32_t)to_int(bits(a), 32, 1); }
uint32_t SF(fixunsdfsi)(double a) { return (uint32_t)to_int(bits(a), 32, 0); }
int64_t SF(fixdfdi)(double a) { return (int64_t)to_int(bits(a), 64, 1); }
uint64_t SF(fixunsdfdi)(double a) { return to_int(bits(a), 64, 0); }
int SF(eqdf2)(double a, double b) { return cmp(bits(a), bits(b), 1); }
int SF(nedf2)(double a, double b) { return cmp(bits(a), bits(b), 1); }
int SF(ltdf2)(double a, double b) { return cmp(bits(a), bits(b), 1); }
int SF(ledf2)(double a, double b) { return cmp(bits(a), bits(b), 1); }
int SF(gtdf2)(double a, double b) { return cmp(bits(a), bits(b), -1); }
int SF(gedf2)(double a, double b) { return cmp(bits(a), bits(b), -1); }
int SF(unorddf2)(double a, double b) { return is_nan(bits(a)) || is_nan(bits(b)); }
#else
typedef int softfp_unused;	/* hardware floating point: nothing to build */
#endif
