/* What the column-8 builders share beyond c8.h: col8.c (users, inet and
 * unix pieces, the order) and col8_family.c (packet, netlink, xdp, tipc
 * and sctp pieces).  Every write is cut at the buffer's end. */
#ifndef SS_COL8_H
#define SS_COL8_H
#include "record.h"
#include "fmt.h"
#include "c8.h"

static inline void putu(struct c8 *b, uint64_t v)
{
	char t[24];

	put(b, t, fmt_u64(t, v));
}

static inline void putx(struct c8 *b, uint64_t v)
{
	char t[24];

	put(b, t, fmt_hex(t, v));
}

/* print_skmeminfo() (spec §5.3): skmem:(...), inet's old mem:(...).
 * These two write their fixed words at a cursor and cut it at b->end
 * after: b must have PIECE_ROOM bytes of scratch past b->end, as
 * col8_put()'s token (row_open()) has. */
#define PIECE_ROOM 512
void c8_skmem(struct c8 *b, const struct sock_detail *d);
/* sock_details_print() (spec §5.2): uid, ino, sk, fwmark, cgroup. */
void c8_sock_details(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d);

/* A family's pieces in 6.1's order (spec §5.8); flags are enum ss_flag.
 * c8_tipc_ext() comes before users:(...), c8_tipc_info() after. */
void c8_packet(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d, unsigned flags);
void c8_netlink(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d, unsigned flags);
void c8_xdp(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d, unsigned flags);
void c8_tipc_info(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d, unsigned flags);
/* The sctp -m block after skmem: locals, peers (spec §4.7). */
void c8_sctp(struct c8 *b, const struct sock_detail *d, unsigned flags);

#endif
