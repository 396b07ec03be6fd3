#ifndef SS_SOURCE_H
#define SS_SOURCE_H
#include "record.h"

/* Every socket the query selects, table by table in 6.1's dump order, from
 * the kernel (sock_diag), a recording or /proc/net text, to cb.  Returns
 * NL_DUMP_INTR when a dump was flagged interrupted, else 0: a table that
 * cannot be listed is silently empty, as in 6.1 (spec §1.3 step 11) --
 * except, in a build without SS_PROCFS, one that 6.1 would have read from
 * /proc/net: then a message is on stderr and the return is negative. */
int sources_run(const struct sock_query *q, rec_cb cb, void *arg);

/* Both inet families of table (TAB_TCP, TAB_DCCP) in one kernel walk, IPv4
 * records first as 6.1 lists them: 0, or -errno when nothing was passed
 * on (the request failed: the caller dumps each family itself). */
int inet_dump_both(int table, uint32_t states, rec_cb cb, void *arg);

#endif
