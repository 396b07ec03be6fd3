/* /proc/net/sockstat, sockstat6 and snmp, parsed as iproute2 6.1 parses
 * them for -s (spec §3).  No printing: the applet words the result. */
#ifndef SS_SOCKSTAT_H
#define SS_SOCKSTAT_H
#include <stddef.h>
#include <stdint.h>

/* The counters 6.1 keeps, in its (C int) arithmetic. */
struct sockstat {
	int32_t socks, tcp_mem, tcp_total, tcp_orphans, tcp_tws;
	int32_t tcp4_hashed, udp4, raw4, frag4, frag4_mem;
	int32_t tcp6_hashed, udp6, raw6, frag6, frag6_mem;
};

/* fgets() on a file descriptor: the next line into dst (size cap), cut
 * after cap - 1 bytes as fgets cuts it, NUL-terminated.  Returns its length
 * in bytes (it may hold NUL bytes), 0 at the end, -1 on a read error. */
struct linereader {
	int fd;
	size_t pos, len;
	char buf[4096];
};
long lines_next(struct linereader *r, char *dst, size_t cap);

/* One fgets(256) line of sockstat or sockstat6 (a C string) into s. */
void sockstat_line(struct sockstat *s, const char *line);

/* Every line of an open sockstat file (fd) into s. */
void sockstat_read(struct sockstat *s, int fd);

/* The value of column key (e.g. "CurrEstab") of the proto (e.g. "Tcp:")
 * header/value line pair of an open snmp file, as 6.1's get_snmp_int():
 * *result is 0 unless found.  Returns 0, or -1 when there was no such pair
 * (6.1 then reports ESRCH). */
int snmp_read_int(int fd, const char *proto, const char *key, int32_t *result);

#endif
