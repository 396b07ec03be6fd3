/* The netlink and sock_diag wire formats we use, written out by hand: no
 * kernel header is needed (Debian musl-gcc cannot see the linux headers).
 * Layouts follow include/uapi/linux/{netlink,sock_diag,inet_diag}.h. */
#ifndef SS_NLPROTO_H
#define SS_NLPROTO_H
#include <stddef.h>
#include <stdint.h>

#define NETLINK_SOCK_DIAG_PROTO 4
#define SOCK_DIAG_BY_FAMILY 20
#define TCPDIAG_GETSOCK 18
#define DCCPDIAG_GETSOCK 19
#define NLMSG_ERROR_TYPE 2
#define NLMSG_DONE_TYPE 3
#define NLM_F_REQ 0x1
#define NLM_F_DUMP_INTR_FLAG 0x10
#define NLM_F_DUMP_FLAGS 0x300	/* NLM_F_ROOT | NLM_F_MATCH */
#define SS_DUMP_SEQ 123456	/* what iproute2 uses; replies are matched on it */

struct nl_hdr {
	uint32_t len;
	uint16_t type;
	uint16_t flags;
	uint32_t seq;
	uint32_t pid;
};

struct nl_attr {
	uint16_t len;
	uint16_t type;
};

struct inet_sockid {
	uint16_t sport;		/* big endian */
	uint16_t dport;
	uint32_t src[4];	/* big endian */
	uint32_t dst[4];
	uint32_t ifindex;
	uint32_t cookie[2];
};

struct inet_req_v2 {
	uint8_t family;
	uint8_t protocol;
	uint8_t ext;
	uint8_t pad;
	uint32_t states;
	struct inet_sockid id;
};

struct inet_req_legacy {
	uint8_t family;
	uint8_t src_len;
	uint8_t dst_len;
	uint8_t ext;
	struct inet_sockid id;
	uint32_t states;
	uint32_t dbs;
};

struct inet_msg {
	uint8_t family;
	uint8_t state;
	uint8_t timer;
	uint8_t retrans;
	struct inet_sockid id;
	uint32_t expires;
	uint32_t rqueue;
	uint32_t wqueue;
	uint32_t uid;
	uint32_t inode;
};

enum {
	INET_ATTR_PROTOCOL = 10,
	INET_ATTR_SKV6ONLY = 11,
	INET_ATTR_MARK = 15,
	INET_ATTR_CGROUP_ID = 21,
	INET_REQ_ATTR_BYTECODE = 1,
	INET_REQ_ATTR_PROTOCOL = 3,
};

#define NL_ALIGN(n) (((n) + 3u) & ~3u)

_Static_assert(sizeof(struct nl_hdr) == 16, "nlmsghdr");
_Static_assert(sizeof(struct nl_attr) == 4, "rtattr");
_Static_assert(sizeof(struct inet_sockid) == 48, "inet_diag_sockid");
_Static_assert(offsetof(struct inet_sockid, ifindex) == 36, "sockid.if");
_Static_assert(offsetof(struct inet_sockid, cookie) == 40, "sockid.cookie");
_Static_assert(sizeof(struct inet_req_v2) == 56, "inet_diag_req_v2");
_Static_assert(offsetof(struct inet_req_v2, states) == 4, "req_v2.states");
_Static_assert(sizeof(struct inet_req_legacy) == 60, "inet_diag_req");
_Static_assert(offsetof(struct inet_req_legacy, states) == 52, "req.states");
_Static_assert(sizeof(struct inet_msg) == 72, "inet_diag_msg");
_Static_assert(offsetof(struct inet_msg, expires) == 52, "msg.expires");
_Static_assert(offsetof(struct inet_msg, inode) == 68, "msg.inode");

/* The other sock_diag families (linux/{unix,packet,netlink,vsock,xdp}_diag.h). */
struct unix_diag_req {
	uint8_t family;
	uint8_t protocol;
	uint16_t pad;
	uint32_t states;
	uint32_t ino;
	uint32_t show;
	uint32_t cookie[2];
};

struct unix_diag_msg {
	uint8_t family;
	uint8_t type;
	uint8_t state;
	uint8_t pad;
	uint32_t ino;
	uint32_t cookie[2];
};

/* packet_diag_req, netlink_diag_req and xdp_diag_req share this layout. */
struct sdiag_show_req {
	uint8_t family;
	uint8_t protocol;
	uint16_t pad;
	uint32_t ino;
	uint32_t show;
	uint32_t cookie[2];
};

struct packet_diag_msg {
	uint8_t family;
	uint8_t type;
	uint16_t num;		/* ethertype, host order */
	uint32_t ino;
	uint32_t cookie[2];
};

struct packet_diag_info {
	uint32_t index;
	uint32_t version;
	uint32_t reserve;
	uint32_t copy_thresh;
	uint32_t tstamp;
	uint32_t flags;
};

struct netlink_diag_msg {
	uint8_t family;
	uint8_t type;
	uint8_t protocol;
	uint8_t state;
	uint32_t portid;
	uint32_t dst_portid;
	uint32_t dst_group;
	uint32_t ino;
	uint32_t cookie[2];
};

enum {
	UNIX_DIAG_NAME = 0, UNIX_DIAG_VFS, UNIX_DIAG_PEER, UNIX_DIAG_ICONS,
	UNIX_DIAG_RQLEN, UNIX_DIAG_MEMINFO, UNIX_DIAG_SHUTDOWN, UNIX_DIAG_UID,
	UDIAG_SHOW_NAME = 0x1, UDIAG_SHOW_VFS = 0x2, UDIAG_SHOW_PEER = 0x4,
	UDIAG_SHOW_ICONS = 0x8, UDIAG_SHOW_RQLEN = 0x10,
	UDIAG_SHOW_MEMINFO = 0x20,
	PACKET_DIAG_INFO = 0, PACKET_DIAG_RX_RING = 2, PACKET_DIAG_TX_RING = 3,
	PACKET_DIAG_FANOUT = 4, PACKET_DIAG_UID = 5, PACKET_DIAG_MEMINFO = 6, PACKET_DIAG_FILTER = 7,
	PACKET_SHOW_ALL6_1 = 0x3d,	/* INFO|RING_CFG|FANOUT|MEMINFO|FILTER, as 6.1 asks */
	NETLINK_DIAG_MEMINFO = 0, NETLINK_DIAG_GROUPS = 1,
	NDIAG_SHOW_MEMINFO_GROUPS = 0x3,
	NDIAG_PROTO_ALL = 255,
	SK_MEMINFO_RMEM_ALLOC = 0, SK_MEMINFO_WMEM_ALLOC = 2,
};

_Static_assert(sizeof(struct unix_diag_req) == 24, "unix_diag_req");
_Static_assert(sizeof(struct unix_diag_msg) == 16, "unix_diag_msg");
_Static_assert(sizeof(struct sdiag_show_req) == 20, "packet/netlink/xdp_diag_req");
_Static_assert(sizeof(struct packet_diag_msg) == 16, "packet_diag_msg");
_Static_assert(sizeof(struct packet_diag_info) == 24, "packet_diag_info");
_Static_assert(sizeof(struct netlink_diag_msg) == 28, "netlink_diag_msg");

struct vsock_diag_req {
	uint8_t family;
	uint8_t protocol;
	uint16_t pad;
	uint32_t states;
	uint32_t ino;
	uint32_t show;
	uint32_t cookie[2];
};

struct vsock_diag_msg {
	uint8_t family;
	uint8_t type;
	uint8_t state;
	uint8_t shutdown;
	uint32_t src_cid;
	uint32_t src_port;
	uint32_t dst_cid;
	uint32_t dst_port;
	uint32_t ino;
	uint32_t cookie[2];
};

struct xdp_diag_msg {
	uint8_t family;
	uint8_t type;
	uint16_t pad;
	uint32_t ino;
	uint32_t cookie[2];
};

struct tipc_diag_req {
	uint8_t family;
	uint8_t protocol;
	uint16_t pad;
	uint32_t states;
};

enum {
	XDP_DIAG_INFO = 1, XDP_DIAG_UID = 2, XDP_DIAG_RX_RING = 3, XDP_DIAG_TX_RING = 4,
	XDP_DIAG_UMEM = 5, XDP_DIAG_UMEM_FILL_RING = 6, XDP_DIAG_UMEM_COMPLETION_RING = 7,
	XDP_DIAG_MEMINFO = 8, XDP_DIAG_STATS = 9,
	XDP_SHOW_ALL6_1 = 0x1f,	/* INFO|RING_CFG|UMEM|MEMINFO|STATS, as 6.1 asks */
	/* linux/tipc_netlink.h */
	TIPC_NLA_SOCK = 2,
	TIPC_NLA_SOCK_ADDR = 1, TIPC_NLA_SOCK_REF = 2, TIPC_NLA_SOCK_CON = 3,
	TIPC_NLA_SOCK_HAS_PUBL = 4,
	TIPC_NLA_SOCK_STAT = 5, TIPC_NLA_SOCK_TYPE = 6, TIPC_NLA_SOCK_INO = 7,
	TIPC_NLA_SOCK_UID = 8, TIPC_NLA_SOCK_TIPC_STATE = 9, TIPC_NLA_SOCK_COOKIE = 10,
	TIPC_NLA_SOCK_MAX_ = 12,
	TIPC_NLA_CON_FLAG = 1, TIPC_NLA_CON_NODE = 2, TIPC_NLA_CON_SOCK = 3,
	TIPC_NLA_CON_TYPE = 4, TIPC_NLA_CON_INST = 5, TIPC_NLA_CON_MAX_ = 5,
	TIPC_NLA_SOCK_STAT_RCVQ = 0, TIPC_NLA_SOCK_STAT_SENDQ = 1,
	TIPC_NLA_SOCK_STAT_LINK_CONG = 2, TIPC_NLA_SOCK_STAT_CONN_CONG = 3,
	TIPC_NLA_SOCK_STAT_DROP = 4, TIPC_NLA_SOCK_STAT_MAX_ = 4,
};

_Static_assert(sizeof(struct vsock_diag_req) == 24, "vsock_diag_req");
_Static_assert(sizeof(struct vsock_diag_msg) == 32, "vsock_diag_msg");
_Static_assert(sizeof(struct xdp_diag_msg) == 16, "xdp_diag_msg");
_Static_assert(sizeof(struct tipc_diag_req) == 8, "tipc_sock_diag_req");

#endif
