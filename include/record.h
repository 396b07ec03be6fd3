/* One socket, as every source (netlink, /proc/net) hands it downstream.
 * Plain data: nothing after the source sees kernel bytes or /proc text. */
#ifndef SS_RECORD_H
#define SS_RECORD_H
#include <stdint.h>

/* Socket tables ("dbs"), numbered as iproute2 6.1 numbers them. */
enum ss_table {
	TAB_TCP, TAB_DCCP, TAB_UDP, TAB_RAW, TAB_UNIX_DG, TAB_UNIX_ST,
	TAB_UNIX_SQ, TAB_PACKET_DG, TAB_PACKET_R, TAB_NETLINK, TAB_SCTP,
	TAB_VSOCK_ST, TAB_VSOCK_DG, TAB_TIPC, TAB_XDP, TAB_MPTCP, TAB_MAX
};

/* Kernel TCP state numbers (state masks have bit n for state n). */
enum ss_state {
	SS_UNKNOWN, SS_ESTABLISHED, SS_SYN_SENT, SS_SYN_RECV, SS_FIN_WAIT1,
	SS_FIN_WAIT2, SS_TIME_WAIT, SS_CLOSE, SS_CLOSE_WAIT, SS_LAST_ACK,
	SS_LISTEN, SS_CLOSING, SS_MAX
};

struct sock_rec {
	uint8_t family;		/* AF_INET or AF_INET6 */
	uint8_t table;		/* enum ss_table */
	uint8_t state;		/* enum ss_state */
	uint8_t v6only;		/* 1 only when the kernel said so (LISTEN/CLOSE v6) */
	uint8_t timer;		/* idiag_timer: 1 on, 2 keepalive, 3 timewait, 4 persist */
	uint8_t retrans;
	uint16_t protocol;	/* IP protocol naming the netid; for raw the raw protocol */
	uint16_t lport, rport;	/* host order; for raw /proc rows, the protocol */
	uint32_t ifindex;	/* bound device, 0 if none */
	uint8_t laddr[16];	/* network order; IPv4 uses the first 4 bytes */
	uint8_t raddr[16];
	int32_t rq, wq;		/* Recv-Q, Send-Q (6.1 prints them signed) */
	uint32_t uid, inode;
	uint32_t expires;	/* timer expiry, ms */
	uint64_t cookie;	/* socket cookie (netlink) or kernel pointer (/proc) */
};

/* A source hands each record to one of these; a negative return stops it. */
typedef int (*rec_cb)(const struct sock_rec *r, void *arg);

#endif
