/* inet_diag dumps (TCP, UDP, RAW, DCCP, MPTCP) turned into socket records. */
#ifndef SS_INET_DIAG_H
#define SS_INET_DIAG_H
#include <stddef.h>
#include <stdint.h>
#include "record.h"

/* One SOCK_DIAG_BY_FAMILY dump of table (TAB_TCP...) for family
 * (AF_INET/AF_INET6) with the kernel state mask, the details want
 * (DET_*) asks for in the record's detail block.  0 or -errno. */
int inet_dump(int table, int family, uint32_t states, unsigned want, rec_cb cb, void *arg);

/* Bytecode (spec §6.5) appended to every later inet_dump() request as
 * INET_DIAG_REQ_BYTECODE; len 0: none.  prog must outlive the dumps. */
void inet_diag_bytecode(const void *prog, size_t len);

/* Source and destination port (host order, 0: any) the TCP and DCCP
 * requests' socket id carries: a necessary condition of the filter. */
void inet_diag_ports(uint16_t sport, uint16_t dport);

/* Whether bytecode or ports are set. */
int inet_diag_filtered(void);

/* The pre-3.3 TCPDIAG_GETSOCK / DCCPDIAG_GETSOCK request; 0 or -errno. */
int inet_dump_legacy(int table, uint32_t states, unsigned want, rec_cb cb, void *arg);

/* Replays a recorded TCP dump ($TCPDIAG_FILE).  0 or -errno. */
int inet_replay(const char *path, unsigned want, rec_cb cb, void *arg);

#endif
