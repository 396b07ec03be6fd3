/* Small number and address formatters: no stdio, no locale.
 * Each writes into dst (which the caller sizes), returns bytes written, adds no NUL. */
#ifndef SS_FMT_H
#define SS_FMT_H
#include <stddef.h>
#include <stdint.h>

size_t fmt_u64(char *dst, uint64_t v);		/* decimal */
size_t fmt_i64(char *dst, int64_t v);		/* decimal with '-' */
size_t fmt_hex(char *dst, uint64_t v);		/* lowercase hex, no prefix */
size_t fmt_ipv4(char *dst, const uint8_t a[4]);	/* dotted quad, max 15 */
size_t fmt_ipv6(char *dst, const uint8_t a[16]); /* glibc inet_ntop text, max 45 */
/* Outside text s[0..n) as we print it: a control byte (below 0x20 but NUL,
 * and 0x7f) as \ooo octal (\033 for ESC), a NUL as '@' (6.1's abstract unix
 * names), other bytes as they are.  Writes at most cap bytes and never half
 * a \ooo; with dst NULL only counts.  Returns the bytes written. */
size_t fmt_esc(char *dst, const char *s, size_t n, size_t cap);

#endif
