/* Column-8 pieces of the detail block's DET_ULP, DET_MPTCP and DET_SOCKOPT
 * parts.  Each writes at most room bytes at dst and returns the bytes
 * written; a part the record lacks writes nothing. */
#ifndef SS_APPLET_TCP_ULP_H
#define SS_APPLET_TCP_ULP_H
#include <stddef.h>
#include "record.h"

/* What follows the stats in 6.1's -i/-m block (spec §4.3, §4.6): an MPTCP
 * socket's mptcp_info words; for other rows md5keys:ADDR/PLEN=KEY,...
 * (KEY escaped as 6.1 escapes it, printed in place), tcp-ulp-NAME (NAME
 * escaped by fmt_esc()), the TLS words and the MPTCP subflow words.
 * flags: enum ss_flag (F_RESOLVE names the md5 addresses). */
size_t tcp_ulp_text(char *dst, size_t room, const struct sock_rec *r, unsigned flags);

/* --inet-sockopt (spec §5.4): "\n\tinet-sockopt: ( WORD...)", with -O
 * (F_ONELINE) a space instead of "\n\t". */
size_t sockopt_text(char *dst, size_t room, const struct sock_detail *d, unsigned flags);

#endif
