/* Small number and address formatters: no stdio, no locale.
 * Each writes into dst (which the caller sizes), returns bytes written, adds no NUL. */
#ifndef SS_FMT_H
#define SS_FMT_H
#include <stddef.h>
#include <stdint.h>

size_t fmt_u64(char *dst, uint64_t v);		/* decimal */
/* The decimal digits of w written backwards, ending just before end;
 * returns the first digit (no counting, no copy: for callers that copy). */
char *digits32(char *end, uint32_t w);
size_t fmt_i64(char *dst, int64_t v);		/* decimal with '-' */
size_t fmt_hex(char *dst, uint64_t v);		/* lowercase hex, no prefix */
size_t fmt_ipv4(char *dst, const uint8_t a[4]);	/* dotted quad, max 15 */
size_t fmt_ipv6(char *dst, const uint8_t a[16]); /* glibc inet_ntop text, max 45 */
/* Outside text s[0..n) as we print it: a control byte (below 0x20 but NUL,
 * and 0x7f) as \ooo octal (\033 for ESC), a NUL as '@' (6.1's abstract unix
 * names), other bytes as they are.  Writes at most cap bytes and never half
 * a \ooo; with dst NULL only counts.  Returns the bytes written. */
size_t fmt_esc(char *dst, const char *s, size_t n, size_t cap);

/* Doubles, without libc's float printf (applet/fmt_float.c; spec §4.3, §4.4).
 * Each rounds the exact binary value, ties to even, as glibc does, and prints
 * inf, nan, -nan and -0 as glibc prints them. */
#define FMT_G_MAX 32
#define FMT_F_MAX 330
#define FMT_RATE_MAX FMT_F_MAX
/* Like snprintf(buf, .., "%.*g", prec, v) in glibc: prec 0 is taken as 1. Returns the length; buf holds FMT_G_MAX bytes. */
size_t fmt_g(char *buf, double v, int prec);
/* Like "%.*f" (prec 0..9). Returns the length; buf holds FMT_F_MAX bytes (any finite double: 309 integer digits + sign + point + prec). */
size_t fmt_f(char *buf, double v, int prec);
/* sprint_bw() of 6.1 (spec §4.4) without the "bps" suffix: numeric (-n) -> "%.0f"; else >=1e12 "%.3g"T of x/1e12, >=1e9 G, >=1e6 M, >=1e3 k (lower case), else "%g". Returns the length; buf holds FMT_RATE_MAX bytes. */
size_t fmt_rate(char *buf, double bps, int numeric);

#endif
