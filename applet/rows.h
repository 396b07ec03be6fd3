/* Records to rows (spec §2.2): one formatter per family writes columns
 * 0-7, col8_put() writes column 8, row_render() picks and calls them. */
#ifndef SS_ROWS_H
#define SS_ROWS_H
#include <stddef.h>
#include "record.h"
#include "opts.h"

/* Renders one record as one row; o says how (numeric, resolve, ...). */
void row_render(const struct sock_rec *r, const struct ss_opts *o);

/* Columns 0-3: netid (n bytes), the state name of state (any value),
 * Recv-Q and Send-Q. */
void row_head(const char *netid, size_t n, unsigned state, int32_t rq, int32_t wq);
/* Columns 2-3 alone. */
void row_queues(int32_t rq, int32_t wq);

/* Column 8: users:(...) and every extension text in 6.1's order (§2.2, §5). */
void col8_put(const struct sock_rec *r, const struct ss_opts *o);
/* The path of cgroup v2 id (spec §5.2) into dst, at most room bytes;
 * "unreachable:<hex>" when not found.  Returns the bytes written. */
size_t cgroup_path(char *dst, size_t room, uint64_t id);

/* 6.1's SCTP association state names (sctp_sstate_name), by state. */
extern const char *const sctp_state_name[8];

/* Columns 0-7 of one family; flags are enum ss_flag. */
void inet_row(const struct sock_rec *r, unsigned flags);
void unix_row(const struct sock_rec *r, unsigned flags);
void packet_row(const struct sock_rec *r, unsigned flags);
void netlink_row(const struct sock_rec *r, unsigned flags);
void vsock_row(const struct sock_rec *r, unsigned flags);
void xdp_row(const struct sock_rec *r, unsigned flags);
void tipc_row(const struct sock_rec *r, unsigned flags);

#endif
