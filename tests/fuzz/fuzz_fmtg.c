/* libFuzzer target: applet/fmt_float.c on any 8 bytes as a double (native
 * byte order), against the C library's snprintf: "%.*g" for every precision
 * 0..17, "%.*f" for 0..9 and 6.1's sprint_bw() in both modes (the 9th input
 * byte, when there is one, also flips bits 0..7 of the mantissa to walk
 * neighbours).  A difference, or a write past the documented maximum,
 * aborts.  Built by tests/fuzz/run.sh. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../applet/fmt.h"
#include "../../applet/fmt_float.c"

static void same(const char *want, const char *buf, size_t len, size_t max)
{
	if (len > max || len != strlen(want) || memcmp(buf, want, len) != 0) {
		fprintf(stderr, "fmt_float: want \"%s\", got \"%.*s\"\n", want, (int)len, buf);
		abort();
	}
	for (size_t i = max; i < max + 16; i++)
		if ((unsigned char)buf[i] != 0xA5)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[FMT_F_MAX + 16], want[FMT_F_MAX + 16];
	uint64_t b = 0;
	double v;
	size_t n;

	memcpy(&b, data, size < 8 ? size : 8);
	if (size > 8)
		b ^= data[8];
	memcpy(&v, &b, sizeof v);
	for (int p = 0; p <= 17; p++) {
		memset(buf, 0xA5, sizeof buf);
		snprintf(want, sizeof want, "%.*g", p, v);
		same(want, buf, fmt_g(buf, v, p), FMT_G_MAX);
	}
	for (int p = 0; p <= 9; p++) {
		memset(buf, 0xA5, sizeof buf);
		snprintf(want, sizeof want, "%.*f", p, v);
		same(want, buf, fmt_f(buf, v, p), FMT_F_MAX);
	}
	for (int numeric = 0; numeric <= 1; numeric++) {
		/* 6.1's sprint_bw() (misc/ss.c), without its "bps" */
		if (numeric)
			snprintf(want, sizeof want, "%.0f", v);
		else if (v >= 1e12)
			snprintf(want, sizeof want, "%.3gT", v / 1e12);
		else if (v >= 1e9)
			snprintf(want, sizeof want, "%.3gG", v / 1e9);
		else if (v >= 1e6)
			snprintf(want, sizeof want, "%.3gM", v / 1e6);
		else if (v >= 1e3)
			snprintf(want, sizeof want, "%.3gk", v / 1e3);
		else
			snprintf(want, sizeof want, "%g", v);
		memset(buf, 0xA5, sizeof buf);
		n = fmt_rate(buf, v, numeric);
		same(want, buf, n, FMT_RATE_MAX);
	}
	return 0;
}
