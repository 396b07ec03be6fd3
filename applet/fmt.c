/* Hand-rolled formatters: musl's printf family and inet_ntop would pull
 * several KB into a static binary for the few shapes we print. */
#include <string.h>
#include "config.h"
#include "fmt.h"

/* 32-bit w / 10 with a multiply (exact for every 32-bit value): -Os would
 * otherwise emit a div instruction per digit, and these are the inode and
 * queue numbers of every row. */
static uint32_t div10(uint32_t w)
{
	return (uint32_t)(((uint64_t)w * 0xCCCCCCCDu) >> 35);
}

char *digits32(char *p, uint32_t w)
{
	/* -i prints ~20 numbers a row: two digits a step from a table */
	static const char pairs[200] = "0001020304050607080910111213141516171819202122232425262728293031323334"
		"3536373839404142434445464748495051525354555657585960616263646566676869"
		"707172737475767778798081828384858687888990919293949596979899";

	while (CONFIG_SS_TCPINFO && w >= 100) {
		uint32_t q = (uint32_t)(((uint64_t)w * 0x51EB851Fu) >> 37);

		p -= 2;
		memcpy(p, pairs + 2 * (w - q * 100), 2);
		w = q;
	}
	if (CONFIG_SS_TCPINFO && w >= 10) {
		p -= 2;
		memcpy(p, pairs + 2 * w, 2);
		return p;
	}
	/* two digits a step where unix rows print 100 000 inode pairs (issue 7);
	 * both multiplies are exact: w / 100 for every 32-bit w, r / 10 for r < 100 */
	while (CONFIG_SS_UNIX && w >= 100) {
		uint32_t q = (uint32_t)(((uint64_t)w * 0x51EB851Fu) >> 37);
		uint32_t r = w - q * 100, d = (r * 205) >> 11;
		*--p = (char)('0' + (r - d * 10));
		*--p = (char)('0' + d);
		w = q;
	}
	do {
		uint32_t q = div10(w);
		*--p = (char)('0' + (w - q * 10));
		w = q;
	} while (w);
	return p;
}

size_t fmt_u64(char *dst, uint64_t v)
{
	char t[20], *p = t + sizeof(t);
	size_t n = 1;

	if (CONFIG_SS_TCPINFO) {	/* counted, then written in place: -i prints ~20 a row */
		if (v > 0xffffffffu) {	/* one 64-bit division: the last nine digits */
			n = fmt_u64(dst, v / 1000000000);
			for (p = digits32(dst + n + 9, (uint32_t)(v % 1000000000)); p > dst + n;)
				*--p = '0';
			return n + 9;
		}
		static const uint32_t p10[10] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
			10000000, 100000000, 1000000000 };
		uint32_t w = (uint32_t)v | 1;	/* 0 has one digit, as 1 */
		/* digits without a branch (a loop's exit is mispredicted on about
		 * every number): log10 from the bit length (1233 / 4096 ~ log10 2),
		 * one less when below that power of ten */
		uint32_t t = (uint32_t)(32 - __builtin_clz(w)) * 1233 >> 12;

		n = t + 1 - (w < p10[t]);
		digits32(dst + n, (uint32_t)v);
		return n;
	}
	for (; v > 0xffffffffu; v /= 10)	/* written backwards, then copied */
		*--p = (char)('0' + v % 10);
	p = digits32(p, (uint32_t)v);
	n = (size_t)(t + sizeof(t) - p);
	for (size_t i = 0; i < n; i++)
		dst[i] = p[i];
	return n;
}

size_t fmt_i64(char *dst, int64_t v)
{
	if (v >= 0)
		return fmt_u64(dst, (uint64_t)v);
	dst[0] = '-';
	return 1 + fmt_u64(dst + 1, -(uint64_t)v);
}

size_t fmt_hex(char *dst, uint64_t v)
{
	char tmp[16];
	size_t n = 0, i;

	do {
		tmp[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	for (i = 0; i < n; i++)
		dst[i] = tmp[n - 1 - i];
	return n;
}

size_t fmt_ipv4(char *dst, const uint8_t a[4])
{
	char *p = dst;

	for (int i = 0; i < 4; i++) {
		unsigned v = a[i];
		if (i)
			*p++ = '.';
		if (v >= 100) {
			*p++ = (char)('0' + v / 100);
			v %= 100;
			*p++ = (char)('0' + v / 10);
		} else if (v >= 10) {
			*p++ = (char)('0' + v / 10);
		}
		*p++ = (char)('0' + v % 10);
	}
	return (size_t)(p - dst);
}

/* Same text as glibc inet_ntop: the first longest run of two or more zero
 * words becomes "::", and ::ffff:a.b.c.d / ::a.b.c.d keep the IPv4 tail. */
size_t fmt_ipv6(char *dst, const uint8_t a[16])
{
	unsigned w[8];
	int best = -1, blen = 0, cur = -1, clen = 0;
	size_t n = 0;

	for (int i = 0; i < 8; i++) {
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
		if (w[i] == 0) {
			if (cur < 0)
				cur = i, clen = 0;
			if (++clen > blen)
				best = cur, blen = clen;
		} else {
			cur = -1;
		}
	}
	if (blen < 2)
		best = -1;
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			dst[n++] = ':';
			i += blen - 1;
			if (i == 7)
				dst[n++] = ':';
			continue;
		}
		if (i)
			dst[n++] = ':';
		if (i == 6 && best == 0 &&
		    (blen == 6 || (blen == 5 && w[5] == 0xffff)))
			return n + fmt_ipv4(dst + n, a + 12);
		n += fmt_hex(dst + n, w[i]);
	}
	return n;
}

/* One scheme for all outside text (unix names, interface, service, protocol
 * and process names): a control byte shows as \ooo, so no byte read from
 * outside can split a row or reach the terminal as a control. */
size_t fmt_esc(char *dst, const char *s, size_t n, size_t cap)
{
	size_t o = 0;

	while (n--) {
		unsigned c = (unsigned char)*s++;
		size_t k = (c && c < 0x20) || c == 0x7f ? 4 : 1;

		if (cap - o < k)
			break;
		if (dst && k == 1) {
			dst[o] = c ? (char)c : '@';
		} else if (dst) {
			dst[o] = '\\';
			dst[o + 1] = (char)('0' + (c >> 6));
			dst[o + 2] = (char)('0' + (c >> 3 & 7));
			dst[o + 3] = (char)('0' + (c & 7));
		}
		o += k;
	}
	return o;
}
