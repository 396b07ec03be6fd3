/* The user-space filter stage (spec §6.4): every record of every source
 * passes here, once, before it is formatted. */
#ifndef SS_FILTER_H
#define SS_FILTER_H
#include "record.h"
#include "opts.h"

/* 1 if r is to be shown: its table and family are selected (the parts of
 * the selection a dump cannot apply: unix and vsock types share one dump,
 * a legacy TCP dump answers for both families; a TCPDIAG_FILE recording is
 * shown whole, spec §8.4) and it matches the filter expression. */
int filter_match(const struct sock_rec *r, const struct ss_opts *o);

#endif
