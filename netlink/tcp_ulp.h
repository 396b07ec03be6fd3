/* What comes after the TCP stats (md5 keys, ULP info: tls, mptcp subflow),
 * an MPTCP socket's struct mptcp_info, and INET_DIAG_SOCKOPT, decoded from
 * an inet_diag message's attributes into the record's detail block. */
#ifndef SS_TCP_ULP_H
#define SS_TCP_ULP_H
#include <stdint.h>
#include "record.h"

/* Fills d's DET_ULP, DET_MPTCP and DET_SOCKOPT parts that want asks for
 * from tb/tl (attribute payloads and lengths by type, up to INET_DIAG_SOCKOPT, 22) of
 * a message of table (enum ss_table): INFO is a struct mptcp_info only for
 * TAB_MPTCP; md5 keys and ULP info are read for the tables whose rows 6.1
 * prints them for (not MPTCP, not SCTP).  Every length is checked; a short
 * mptcp_info is zero-extended, a numeric attribute shorter than its type
 * is read as the smaller unsigned it holds, an empty one is absent.
 * The md5 entries and the ULP name point into the message.  DET_ULP and
 * DET_MPTCP come with INFO (-i), so they are built with SS_TCPINFO. */
void tcp_ulp_decode(const void *const tb[], const uint16_t tl[], int table, unsigned want,
		    struct sock_detail *d);

#endif
