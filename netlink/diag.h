/* sock_diag dumps of the non-inet families, turned into socket records.
 * Each sends one request for every table of its family (the tables are
 * told apart downstream, by socket type), and returns 0 when the dump
 * ended with DONE, NL_DUMP_INTR, or a negative errno (spec §7.3, §7.7). */
#ifndef SS_DIAG_H
#define SS_DIAG_H
#include "record.h"
#include "nldump.h"

/* The context every family's message callback gets. */
struct diag_ctx {
	unsigned want;		/* DET_* parts of the detail block to fill */
	rec_cb cb;
	void *arg;
};

int unix_dump(const struct sock_query *q, rec_cb cb, void *arg);
/* Fails (-ENODATA) on the first reply without PACKET_DIAG_MEMINFO: 6.1
 * then lists the whole table from /proc/net/packet (spec §2.9). */
int packet_dump(const struct sock_query *q, rec_cb cb, void *arg);
int netlink_dump(const struct sock_query *q, rec_cb cb, void *arg);
int vsock_dump(const struct sock_query *q, rec_cb cb, void *arg);
int xdp_dump(const struct sock_query *q, rec_cb cb, void *arg);
int tipc_dump(const struct sock_query *q, rec_cb cb, void *arg);

/* Sends {family, protocol, show} (packet, netlink and xdp requests share
 * this layout) and walks the dump with cb(c). */
int diag_show_dump(uint8_t family, uint8_t protocol, uint32_t show, nl_msg_cb cb,
		   struct diag_ctx *c);
/* Sends {family, 0, states, ino 0, show} cut to reqlen bytes (unix 24,
 * vsock 24 with show 0, tipc 8) and walks the dump with cb(c). */
int diag_states_dump(uint8_t family, uint32_t states, uint32_t show, size_t reqlen,
		     nl_msg_cb cb, struct diag_ctx *c);
/* Zeroes r and sets its common part; state CLOSE (the default of families
 * without states).  family is the dump's, never the message's: a garbled
 * reply must not make a unix record out of vsock bytes. */
void diag_rec_init(struct sock_rec *r, uint8_t family, uint8_t table, uint32_t ino,
		   const uint32_t cookie[2]);
/* Copies a sock_diag meminfo payload of len bytes into d (zero-extended,
 * words counted) and marks DET_SKMEM. */
void diag_skmem(struct sock_detail *d, const void *p, uint16_t len);
/* Copies an attribute payload of len bytes into a struct of size bytes,
 * zero-extended (6.1 reads a short one past its end); 1 if p is there. */
int diag_copy(void *dst, size_t size, const void *p, uint16_t len);

#endif
