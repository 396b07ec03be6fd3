/* The kernel's side of a NETLINK_SOCK_DIAG conversation, played from
 * synthetic dump files: a test hook shared by ./ss (SS_DIAG_DIR, see
 * nldump.c) and tests/nlshim.c (LD_PRELOAD into iproute2's ss), so both
 * read the same bytes.  libc only, prints nothing.
 *
 * Dump files live in one directory, one per kernel table:
 *   tcp udp raw dccp sctp mptcp udplite inet-N  (AF_INET/AF_INET6 by protocol N)
 *   unix packet netlink vsock xdp tipc family-N (SOCK_DIAG_BY_FAMILY by family N)
 *   legacy-tcp legacy-dccp                      (TCPDIAG_GETSOCK, DCCPDIAG_GETSOCK)
 * each NAME.dump: the netlink messages the kernel holds for that table, one
 * after another, every one padded to 4 bytes (the TCPDIAG_FILE / ss -D
 * format).  The format and the kernel rules played are in replay.c. */
#ifndef SS_REPLAY_H
#define SS_REPLAY_H
#include <stddef.h>
#include <stdint.h>

#define REPLAY_DGRAM 32768	/* largest reply datagram handed out */

struct replay {
	int fd;			/* the dump file, -1 when none is read */
	uint8_t kind;		/* which kernel rules filter the messages */
	uint8_t phase;		/* streaming, final message due, ended */
	uint8_t pass;		/* sctp: 0 endpoints, 1 associations */
	uint8_t family;		/* request's family (AF_UNSPEC for legacy) */
	uint8_t protocol;	/* netlink: the protocol asked for */
	uint8_t group;		/* sctp: the current association group is shown */
	uint16_t type;		/* request type, given to every data message */
	uint32_t states;	/* state mask of the request */
	uint32_t show;		/* idiag_ext or the family's show bits */
	uint32_t seq, pid;	/* copied into every reply message */
	int32_t err;		/* the final message's error */
	uint16_t final;		/* its type: NLMSG_DONE or NLMSG_ERROR */
	uint64_t off;		/* file offset of the next message */
	uint32_t echo_len;	/* request bytes echoed by NLMSG_ERROR */
	unsigned char echo[256];
};

/* Starts the reply to one request (req: len bytes as sent, nlmsghdr first)
 * for the socket with portid pid, from the dump files of dir.  Any request
 * gets the kernel's answer, errors included; returns 0, or -ENAMETOOLONG
 * when dir does not fit a path. */
int replay_open(struct replay *r, const char *dir, const void *req, size_t len, uint32_t pid);

/* Writes the next reply datagram into buf (REPLAY_DGRAM bytes, 4-byte
 * aligned).  Returns its length, 0 once the reply is over. */
long replay_next(struct replay *r, void *buf);

void replay_close(struct replay *r);

#endif
