/* One socket, as every source (netlink, /proc/net, a replayed recording)
 * hands it downstream.  Plain data: nothing after the source sees kernel
 * bytes or /proc text.  A common part every family has, then one part per
 * family (selected by `family`), never one field doing two jobs; details
 * only some options need come as a typed block, decoded only when asked. */
#ifndef SS_RECORD_H
#define SS_RECORD_H
#include <stdint.h>
#include "famdetail.h"

/* Socket tables ("dbs"), numbered as iproute2 6.1 numbers them. */
enum ss_table {
	TAB_TCP, TAB_DCCP, TAB_UDP, TAB_RAW, TAB_UNIX_DG, TAB_UNIX_ST,
	TAB_UNIX_SQ, TAB_PACKET_DG, TAB_PACKET_R, TAB_NETLINK, TAB_SCTP,
	TAB_VSOCK_ST, TAB_VSOCK_DG, TAB_TIPC, TAB_XDP, TAB_MPTCP, TAB_MAX
};

/* Address families of the selection model (spec §1.3), bit n in masks. */
enum ss_family {
	FAM_INET, FAM_INET6, FAM_UNIX, FAM_PACKET, FAM_NETLINK, FAM_VSOCK,
	FAM_TIPC, FAM_XDP, FAM_MAX
};

/* Kernel TCP state numbers (state masks have bit n for state n). */
enum ss_state {
	SS_UNKNOWN, SS_ESTABLISHED, SS_SYN_SENT, SS_SYN_RECV, SS_FIN_WAIT1,
	SS_FIN_WAIT2, SS_TIME_WAIT, SS_CLOSE, SS_CLOSE_WAIT, SS_LAST_ACK,
	SS_LISTEN, SS_CLOSING, SS_MAX
};

/* Linux socket types, as the diag messages carry them. */
enum { SOCKT_STREAM = 1, SOCKT_DGRAM = 2, SOCKT_RAW = 3, SOCKT_RDM = 4, SOCKT_SEQPACKET = 5 };

/* TCP, UDP, RAW, DCCP, MPTCP, SCTP (an SCTP association follows its
 * endpoint, with the endpoint's inode, spec §2.2). */
struct rec_inet {
	uint8_t v6only;		/* 1 only when the kernel said so (LISTEN/CLOSE v6) */
	uint8_t timer;		/* idiag_timer: 1 on, 2 keepalive, 3 timewait, 4 persist */
	int32_t retrans;	/* idiag_retrans; /proc: retrnsmt or probes (6.1 prints %d) */
	uint16_t protocol;	/* IP protocol naming the netid (spec §2.6) */
	uint16_t lport, rport;	/* host order; for raw, the raw protocol */
	uint32_t ifindex;	/* bound device, 0 if none */
	uint32_t expires;	/* timer expiry, ms */
	uint8_t laddr[16];	/* network order; IPv4 uses the first 4 bytes */
	uint8_t raddr[16];
	uint32_t mark;		/* INET_DIAG_MARK (sent to CAP_NET_ADMIN), else 0 */
	uint64_t cgroup;	/* INET_DIAG_CGROUP_ID, else 0 */
};

/* AF_UNIX.  The name points into the source's buffer: valid only during
 * the callback (a formatter copies it once, into the token store). */
struct rec_unix {
	const char *name;	/* sun_path bytes as the kernel gave them; NULL: unnamed */
	uint16_t name_len;	/* an abstract name starts with a NUL byte */
	uint8_t type;		/* SOCKT_STREAM, SOCKT_DGRAM, SOCKT_SEQPACKET */
	uint32_t peer;		/* peer inode, 0 if none */
	const char *peer_name;	/* the peer's name where a source knows it (old
				 * /proc "Peer" format; "?": not found), else NULL */
};

/* AF_PACKET. */
struct rec_packet {
	uint8_t type;		/* SOCKT_RAW or SOCKT_DGRAM */
	uint16_t protocol;	/* ethertype, host order; 3 = ETH_P_ALL */
	uint32_t ifindex;	/* 0: any interface */
};

/* AF_NETLINK. */
struct rec_netlink {
	uint8_t connected;	/* ndiag_state == NETLINK_CONNECTED */
	int32_t protocol;	/* NETLINK_ROUTE, NETLINK_SOCK_DIAG...; /proc text may say anything */
	int32_t portid;		/* -1 unbound, 0 kernel, often negative when autobound */
	uint32_t dst_portid, dst_group;
	uint32_t groups;	/* first word of the group bitmap */
	uint64_t cb;		/* /proc "Dump" (cb_running) as 6.1 reads it (%llx); 0 from netlink */
};

/* AF_VSOCK; 0xffffffff is VMADDR_CID_ANY / VMADDR_PORT_ANY. */
struct rec_vsock {
	uint8_t type;
	uint32_t src_cid, src_port, dst_cid, dst_port;
};

/* AF_XDP. */
struct rec_xdp {
	uint32_t ifindex;	/* 0: not bound */
	uint32_t queue_id;
};

/* AF_TIPC. */
struct rec_tipc {
	uint8_t type;		/* SOCKT_STREAM, SOCKT_DGRAM, SOCKT_RDM, SOCKT_SEQPACKET */
	uint8_t connected;	/* a TIPC_NLA_SOCK_CON was present */
	uint32_t node, ref;	/* own address: node and port reference */
	uint32_t peer_node, peer_sock;
};

/* Details that only some options show (-e -m -i -o --tos --cgroup -b ...),
 * decoded, not raw kernel bytes.  A source fills a part only when the
 * query's want bit asks for it and marks it in have. */
enum {
	DET_SKMEM = 1 << 0,	/* skmem (sock_diag meminfo, u32[9]); inet: or mem */
	DET_SHUTDOWN = 1 << 1,
	DET_MARK = 1 << 2,	/* -e: fwmark (inet, root only) */
	DET_CGROUP = 1 << 3,	/* -e --cgroup: cgroup v2 id */
	DET_VFS = 1 << 4,	/* unix -e: vfs inode and device */
	DET_ICONS = 1 << 5,	/* unix -e: pending connections */
	DET_MEM = 1 << 6,	/* inet: the old INET_DIAG_MEMINFO (r, w, f, t) */
	DET_V6ONLY = 1 << 7,	/* inet -e: the kernel sent SKV6ONLY (value in rec_inet) */
	DET_TOS = 1 << 8,	/* --tos: tos (v4), tclass (v6), class_id; each with its have bit */
	DET_TCLASS = 1 << 9,
	DET_CLASS_ID = 1 << 10,
	DET_TCPINFO = 1 << 11,	/* -i: tcp (struct tcp_stat below), SS_TCPINFO */
	DET_PROC_OPT = 1 << 12,	/* /proc tcp -e: the text after the fields (opt below) */
	/* after the TCP stats (spec §4.3, §4.6), sent with INFO (or replayed);
	 * built with SS_TCPINFO */
	DET_ULP = 1 << 16,	/* md5 keys and INET_DIAG_ULP_INFO (tls, mptcp subflow) */
	DET_MPTCP = 1 << 17,	/* an MPTCP socket's INFO: struct mptcp_info */
	DET_SOCKOPT = 1 << 18,	/* --inet-sockopt */
	DET_FAMILY = 1 << 20,	/* -e -m --tipcinfo: the family's own parts (famdetail.h) */
	DET_BPF = 1 << 21,	/* -b: packet filter */
};

/* -i (spec §4.3, §7.8): what 6.1's tcp_stats_print() prints, decoded, the
 * doubles computed by 6.1's operations in 6.1's order (so formatting them
 * as it does gives its bytes).  A word is printed when its field is not 0,
 * except reordering (printed when not 3) and as noted.  netlink/tcp_info.c
 * fills it from INET_DIAG_INFO, CONG, VEGASINFO, DCTCPINFO and BBRINFO;
 * procnet from /proc/net/tcp (rto, ato in seconds, qack, cwnd, ssthresh;
 * reordering 0, options 0).  applet/tcp_stats.c prints it. */
enum {	/* tcpi_options bits (linux/tcp.h TCPI_OPT_*) */
	TCPI_TS = 1, TCPI_SACK = 2, TCPI_WSCALE = 4, TCPI_ECN = 8,
	TCPI_ECN_SEEN = 16, TCPI_SYN_DATA = 32
};
enum { TCPS_DCTCP_NONE, TCPS_DCTCP_FALLBACK, TCPS_DCTCP_ON };	/* tcp_stat.dctcp */
struct tcp_stat {
	char cong[16];		/* INET_DIAG_CONG: at most 15 bytes, NUL-ended; "" none */
	uint8_t options;	/* TCPI_OPT_*: ts sack ecn ecnseen fastopen (shown with -o -e -b), wscale */
	uint8_t snd_wscale, rcv_wscale;
	uint8_t backoff;
	uint8_t app_limited;	/* tcpi_delivery_rate_app_limited */
	uint8_t dctcp;		/* TCPS_DCTCP_*: DCTCPINFO absent, not enabled, enabled */
	uint8_t has_bbr;	/* BBRINFO present (zero-extended into bbr_*) */
	double rto, rtt, rttvar, ato, rcv_rtt, min_rtt;	/* ms; /proc: rto, ato in s */
	double send_bps, pacing_rate, pacing_rate_max, delivery_rate;	/* bits/s */
	int32_t qack;		/* /proc only: qack:%d, bidir when odd */
	int32_t mss, rcv_mss, advmss, ssthresh, rcv_space;	/* 6.1 prints these %d */
	int32_t reordering, reord_seen;
	uint32_t pmtu, cwnd, lastsnd, lastrcv, lastack;
	uint32_t segs_out, segs_in, data_segs_out, data_segs_in;
	uint32_t delivered, delivered_ce, unacked, retrans, retrans_total, lost;
	uint32_t sacked;	/* 0 for LISTEN (6.1 hides it there) */
	uint32_t dsack_dups, fackets, rcv_ssthresh, not_sent, rcv_ooopack, snd_wnd;
	uint64_t bytes_sent, bytes_retrans, bytes_acked, bytes_received;
	uint64_t busy_time, rwnd_limited, sndbuf_limited;	/* µs */
	uint32_t dctcp_ce_state, dctcp_alpha, dctcp_ab_ecn, dctcp_ab_tot;
	uint32_t bbr_bw_lo, bbr_bw_hi, bbr_min_rtt, bbr_pacing_gain, bbr_cwnd_gain;
};

/* One INET_DIAG_MD5SIG entry, the kernel's struct tcp_diag_md5sig (host
 * order, address in network order; pinned in netlink/tcp_ulp.c). */
struct md5sig {
	uint8_t family, prefixlen;
	uint16_t keylen;	/* as sent: the printer stops at key's end */
	uint8_t addr[16];
	uint8_t key[80];
};

/* ULP_INFO (spec §4.3): the TLS and MPTCP subflow values, ulp_detail.v[]
 * by index; have bit 1 << index marks one that came. */
enum {
	ULP_TLS_VERSION, ULP_TLS_CIPHER, ULP_TLS_RXCONF, ULP_TLS_TXCONF,
	ULP_SF_FLAGS, ULP_SF_TOKEN_REM, ULP_SF_ID_REM, ULP_SF_TOKEN_LOC, ULP_SF_ID_LOC,
	ULP_SF_SEQ, ULP_SF_SFSEQ, ULP_SF_SSNOFF, ULP_SF_MAPLEN, ULP_NV,
	ULP_HAVE_NAME = ULP_NV, ULP_HAVE_ZC_RO_TX	/* have bits of the name, the zc_ro_tx flag */
};
struct ulp_detail {
	uint32_t have;		/* 1 << ULP_* */
	const struct md5sig *md5;	/* into the source's buffer, md5_n whole entries */
	uint32_t md5_n;
	const char *name;	/* the ULP's name (up to its NUL), not escaped */
	uint16_t name_len;
	uint64_t v[ULP_NV];
};

/* struct mptcp_info of an MPTCP socket, zero-extended (spec §4.6). */
struct mptcp_detail {
	uint8_t counts[6];	/* subflows, add_addr_signal, add_addr_accepted and their _max */
	uint32_t flags, token;
	uint64_t seq[3];	/* write_seq, snd_una, rcv_nxt */
};

struct sock_detail {
	uint32_t have;		/* DET_* bits filled */
	uint32_t skmem[9];	/* zero-extended */
	uint8_t skmem_n;	/* words the kernel sent: bl from 8, d from 9 */
	uint8_t shutdown;	/* bit 0: no more receives, bit 1: no more sends */
	uint32_t mem[4];	/* rmem, wmem, fmem, tmem */
	uint32_t mark;
	uint8_t tos, tclass;
	uint32_t class_id;
	uint64_t cgroup;
	uint32_t vfs_ino, vfs_dev;	/* vfs_dev: the kernel's encoding */
	uint32_t icons_n;
	const uint32_t *icons;	/* into the source's buffer: valid during the callback */
	const struct tcp_stat *tcp;	/* DET_TCPINFO: valid during the callback */
	const char *opt;	/* DET_PROC_OPT: /proc tcp text after ssthresh, */
	uint16_t opt_len;	/* into the reader's buffer (spec §7.8) */
	uint16_t sockopt;	/* DET_SOCKOPT: bit n = word n of 6.1's list (§5.4) */
	struct ulp_detail ulp;	/* DET_ULP */
	struct mptcp_detail mptcp;	/* DET_MPTCP */
	union fam_detail fam;	/* by the record's family, under DET_FAMILY / DET_BPF */
};

enum rec_origin { REC_NETLINK, REC_PROC, REC_REPLAY };

struct sock_rec {
	/* common */
	uint8_t table;		/* enum ss_table */
	uint8_t family;		/* AF_INET, AF_INET6, AF_UNIX, AF_PACKET, ... */
	uint8_t state;		/* enum ss_state */
	uint8_t origin;		/* enum rec_origin */
	int32_t rq, wq;		/* Recv-Q, Send-Q (6.1 prints them signed) */
	uint32_t uid, inode;
	uint64_t cookie;	/* socket cookie (netlink) or kernel pointer (/proc) */
	const struct sock_detail *detail;	/* NULL unless asked and known */
	/* per family */
	union {
		struct rec_inet in;
		struct rec_unix un;
		struct rec_packet pk;
		struct rec_netlink nl;
		struct rec_vsock vs;
		struct rec_xdp xdp;
		struct rec_tipc tipc;
	} u;
};

/* What a source is asked for: the selection after §1.3 (tables, states,
 * families as bit masks of the enums above) and the detail parts wanted. */
struct sock_query {
	unsigned tables, states, families;
	unsigned want;		/* DET_* */
};

/* A source hands each record to one of these; a negative return stops it. */
typedef int (*rec_cb)(const struct sock_rec *r, void *arg);

#endif
