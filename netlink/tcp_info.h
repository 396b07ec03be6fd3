/* -i: tcp_info and the congestion control attributes, decoded (spec §4.3). */
#ifndef SS_TCP_INFO_H
#define SS_TCP_INFO_H
#include <stdint.h>
#include "record.h"

enum {	/* INET_DIAG_* attribute types tcp_info_decode() reads */
	INET_DIAG_INFO = 2, INET_DIAG_VEGASINFO = 3, INET_DIAG_CONG = 4,
	INET_DIAG_DCTCPINFO = 9, INET_DIAG_BBRINFO = 16
};

/* Fills s from an inet_diag message's attributes (tb[type] the payload of
 * the first attribute of each type, tl[type] its length, as nl_attrs()
 * gives them, at least up to INET_DIAG_BBRINFO) and the socket's state.
 * Returns 1, or 0 without INET_DIAG_INFO (s is then untouched). */
int tcp_info_decode(struct tcp_stat *s, const void *const tb[], const uint16_t tl[], int state);

#endif
