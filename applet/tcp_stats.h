/* -i: the TCP stats words of 6.1 (spec §4.3), from a decoded tcp_stat. */
#ifndef SS_TCP_STATS_H
#define SS_TCP_STATS_H
#include <stddef.h>
#include "record.h"

/* The most bytes tcp_stats_put() writes. */
#define TCP_STATS_MAX 4096

enum {
	TCPS_NUMERIC = 1,	/* -n: rates as %.0f (spec §4.4) */
	TCPS_OPTIONS = 2,	/* -o -e -b: ts sack ecn ecnseen fastopen */
};

/* tcp_stats_print() of 6.1 (spec §4.3): every word of s under its
 * condition, each with its leading space, into dst (TCP_STATS_MAX bytes
 * of room), no NUL.  flags: TCPS_*.  Returns the bytes written. */
size_t tcp_stats_put(char *dst, const struct tcp_stat *s, unsigned flags);

#endif
