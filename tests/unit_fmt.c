/*
 * unit_fmt - applet/fmt.c against glibc: fmt_u64/fmt_i64/fmt_hex against
 * snprintf, fmt_ipv4/fmt_ipv6 against inet_ntop (whose text iproute2 prints).
 *
 * Build: cc -I applet -o unit_fmt tests/unit_fmt.c applet/fmt.c
 * Prints one "PASS name" / "FAIL name" line per function (with the first few
 * mismatches indented below) in the format of tests/run.sh; exit 1 on failure.
 * Deterministic: the random cases come from a fixed-seed generator.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "unit_check.h"

#define BUFSZ 96

enum { U64, I64, HEX };

/* one number through fmt_u64 / fmt_i64 / fmt_hex against snprintf */
static void one_num(struct check *c, int kind, uint64_t v)
{
	unsigned char buf[BUFSZ];
	char want[32], in[48];
	size_t len;
	memset(buf, SENTINEL, sizeof(buf));
	if (kind == U64) {
		snprintf(want, sizeof(want), "%" PRIu64, v);
		len = fmt_u64((char *)buf, v);
	} else if (kind == I64) {
		snprintf(want, sizeof(want), "%" PRId64, (int64_t)v);
		len = fmt_i64((char *)buf, (int64_t)v);
	} else {
		snprintf(want, sizeof(want), "%" PRIx64, v);
		len = fmt_hex((char *)buf, v);
	}
	snprintf(in, sizeof(in), "%s(%s%s)", c->name, kind == HEX ? "0x" : "", want);
	verdict(c, in, want, buf, len, kind == HEX ? 16 : 20, BUFSZ);
}

static void one_ipv4(struct check *c, const uint8_t a[4])
{
	unsigned char buf[BUFSZ];
	char want[INET_ADDRSTRLEN], in[40];
	memset(buf, SENTINEL, sizeof(buf));
	inet_ntop(AF_INET, a, want, sizeof(want));
	snprintf(in, sizeof(in), "ipv4 %02x%02x%02x%02x", a[0], a[1], a[2], a[3]);
	verdict(c, in, want, buf, fmt_ipv4((char *)buf, a), 15, BUFSZ);
}

static void one_ipv6(struct check *c, const uint8_t a[16])
{
	unsigned char buf[BUFSZ];
	char want[INET6_ADDRSTRLEN], in[64];
	memset(buf, SENTINEL, sizeof(buf));
	inet_ntop(AF_INET6, a, want, sizeof(want));
	int k = snprintf(in, sizeof(in), "ipv6 ");
	for (int i = 0; i < 16; i += 2)
		k += snprintf(in + k, sizeof(in) - k, "%02x%02x%s", a[i], a[i + 1], i < 14 ? ":" : "");
	verdict(c, in, want, buf, fmt_ipv6((char *)buf, a), 45, BUFSZ);
}

static void words_to_addr(const uint16_t w[8], uint8_t a[16])
{
	for (int i = 0; i < 8; i++) {
		a[2 * i] = (uint8_t)(w[i] >> 8);
		a[2 * i + 1] = (uint8_t)w[i];
	}
}

/* a random 16-bit word, biased toward the values that change the text */
static uint16_t rnd_word(void)
{
	switch (rnd() % 8) {
	case 0: case 1: case 2: return 0;
	case 3: return 0xffff;
	case 4: return (uint16_t)(rnd() % 16);
	case 5: return (uint16_t)(rnd() % 256);
	default: return (uint16_t)rnd();
	}
}

static int test_numbers(void)
{
	struct check cu = { "fmt_u64" }, ci = { "fmt_i64" }, ch = { "fmt_hex" };
	uint64_t p = 1;
	for (int i = 0; i < 20; i++, p *= 10) {
		for (int d = -1; d <= 1; d++) {
			one_num(&cu, U64, p + d);
			one_num(&ci, I64, p + d);
			one_num(&ci, I64, 0 - (p + d));
		}
	}
	for (int s = 0; s < 64; s++) {
		uint64_t v = 1ULL << s;
		for (int d = -1; d <= 1; d++) {
			one_num(&cu, U64, v + d);
			one_num(&ch, HEX, v + d);
			one_num(&ci, I64, v + d);
		}
	}
	const uint64_t edges[] = { 0, 1, 9, 10, 15, 16, 255, 256, 4294967295ULL, 4294967296ULL,
				   INT64_MAX, (uint64_t)INT64_MAX + 1, UINT64_MAX, UINT64_MAX - 1,
				   0xdeadbeefULL, 0x123456789abcdefULL, 0xfedcba9876543210ULL };
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		one_num(&cu, U64, edges[i]);
		one_num(&ch, HEX, edges[i]);
		one_num(&ci, I64, edges[i]);
		one_num(&ci, I64, 0 - edges[i]);
	}
	for (int i = 0; i < 100000; i++) {
		uint64_t v = rnd() >> (rnd() % 64);
		one_num(&cu, U64, v);
		one_num(&ch, HEX, v);
		v = rnd() >> (rnd() % 64);
		one_num(&ci, I64, rnd() % 2 ? v : 0 - v);
	}
	int bad = finish(&cu);
	bad |= finish(&ci);
	bad |= finish(&ch);
	return bad;
}

static int test_ipv4(void)
{
	struct check c = { "fmt_ipv4" };
	const uint8_t fixed[][4] = { { 0, 0, 0, 0 }, { 255, 255, 255, 255 }, { 127, 0, 0, 1 },
				     { 10, 0, 0, 1 }, { 1, 2, 3, 4 }, { 192, 168, 100, 200 },
				     { 100, 10, 1, 0 }, { 9, 99, 199, 200 } };
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		one_ipv4(&c, fixed[i]);
	for (int v = 0; v < 256; v++) {
		uint8_t a[4] = { (uint8_t)v, (uint8_t)(255 - v), (uint8_t)(v * 7), (uint8_t)v };
		one_ipv4(&c, a);
	}
	for (int i = 0; i < 200000; i++) {
		uint64_t r = rnd();
		uint8_t a[4];
		for (int k = 0; k < 4; k++) {
			int kind = (int)((r >> (8 + k * 2)) & 3);
			uint8_t b = (uint8_t)(r >> (16 + k * 8));
			a[k] = kind == 0 ? b % 10 : kind == 1 ? b % 100 : b;
		}
		one_ipv4(&c, a);
	}
	return finish(&c);
}

static int test_ipv6(void)
{
	struct check c = { "fmt_ipv6" };
	static const char *fixed[] = {
		"::", "::1", "::2", "1::", "1::1", "::ffff:0.0.0.0", "::ffff:127.0.0.1",
		"::ffff:255.255.255.255", "::1.2.3.4", "::0.0.1.0", "::0.1.0.0", "::255.255.255.255",
		"::ffff:0:1", "::ffff:1:0", "0:0:0:0:0:fffe:1.2.3.4", "::fffe:102:304",
		"0:0:0:0:1:ffff:1.2.3.4", "64:ff9b::192.0.2.33", "2001:db8::1",
		"2001:db8:0:1:1:1:1:1", "2001:0:1:1:1:1:1:1", "1:1:1:1:1:1:1:0", "0:1:1:1:1:1:1:1",
		"1:0:1:0:1:0:1:0", "1:0:0:2:0:0:3:4", "1:2:0:0:3:0:0:4", "1:0:0:2:0:0:0:3",
		"1:0:0:0:2:0:0:0", "0:0:1:0:0:0:1:0", "0:0:0:1:0:0:0:0", "fe80::1",
		"fe80::abcd:ef01:2345:6789", "ff02::1", "ff02::1:ff00:1",
		"fd00:1234:5678:9abc:def0:1234:5678:9abc", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		"8000::", "::8000", "a:b:c:d:e:f:a:b", "0:0:0:0:0:0:1:0", "0:0:0:0:0:1:0:0",
		"0:0:0:0:0:0:0:ffff", "::ffff", "::ffff:0", "::1:ffff:0:0",
	};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		uint8_t a[16];
		if (inet_pton(AF_INET6, fixed[i], a) != 1) {
			printf("FAIL unit fmt_ipv6 (bad test vector %s)\n", fixed[i]);
			return 1;
		}
		one_ipv6(&c, a);
	}
	/* every pattern of zero / non-zero words, with two word values */
	for (int mask = 0; mask < 256; mask++) {
		for (int v = 0; v < 2; v++) {
			uint16_t w[8];
			uint8_t a[16];
			for (int k = 0; k < 8; k++)
				w[k] = (mask >> k) & 1 ? (v ? 0xffff : (uint16_t)(k + 1)) : 0;
			words_to_addr(w, a);
			one_ipv6(&c, a);
		}
	}
	/* random words with random zero runs, and v4-mapped / compatible forms */
	for (int i = 0; i < 200000; i++) {
		uint16_t w[8];
		uint8_t a[16];
		for (int k = 0; k < 8; k++)
			w[k] = rnd_word();
		switch (rnd() % 4) {
		case 0: {
			int start = (int)(rnd() % 8), len = 1 + (int)(rnd() % (8 - start));
			for (int k = start; k < start + len; k++)
				w[k] = 0;
			break;
		}
		case 1:
			for (int k = 0; k < 5; k++)
				w[k] = 0;
			w[5] = rnd() % 2 ? 0xffff : 0;
			break;
		default:
			break;
		}
		words_to_addr(w, a);
		one_ipv6(&c, a);
	}
	return finish(&c);
}

/* fmt_esc: every byte against the README's scheme, a counting pass that
 * agrees, and caps that never cut a \ooo in half */
static int test_esc(void)
{
	struct check c = { "fmt_esc" };
	unsigned char buf[BUFSZ];
	char in[2], want[8];

	for (int b = 0; b < 256; b++) {
		in[0] = (char)b;
		if (b == 0)
			strcpy(want, "@");
		else if (b < 0x20 || b == 0x7f)
			snprintf(want, sizeof(want), "\\%03o", b);
		else
			want[0] = (char)b, want[1] = 0;
		memset(buf, SENTINEL, sizeof(buf));
		size_t n = fmt_esc((char *)buf, in, 1, 4);
		verdict(&c, "one byte", want, buf, n, 4, BUFSZ);
		c.n++;
		if (fmt_esc(NULL, in, 1, 4) != n && c.bad++ == 0)
			printf("FAIL unit fmt_esc\n    counting pass differs for byte %d\n", b);
	}
	static const struct { const char *s; size_t n, cap; const char *want; } t[] = {
		{ "ab\ncd\033[31mred", 13, 64, "ab\\012cd\\033[31mred" },
		{ "a\033b", 3, 4, "a" },		/* \033 does not fit: stops before it */
		{ "a\033b", 3, 5, "a\\033" },
		{ "\"\\ \xff", 4, 64, "\"\\ \xff" },	/* quotes, backslash, blank, high: as they are */
		{ "\0ab\0", 4, 64, "@ab@" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(buf, SENTINEL, sizeof(buf));
		verdict(&c, t[i].want, t[i].want, buf, fmt_esc((char *)buf, t[i].s, t[i].n, t[i].cap),
			t[i].cap, BUFSZ);
	}
	return finish(&c);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	int bad = test_numbers();
	bad |= test_ipv4();
	bad |= test_ipv6();
	bad |= test_esc();
	return bad;
}
