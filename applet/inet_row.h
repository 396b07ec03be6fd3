#ifndef SS_INET_ROW_H
#define SS_INET_ROW_H
#include "record.h"
#include "opts.h"

/* Renders one TCP/UDP/RAW/DCCP/MPTCP socket; flags are enum ss_flag. */
int inet_row(const struct sock_rec *r, unsigned flags);

#endif
