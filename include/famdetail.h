/* The per-family parts of the detail block (struct sock_detail, record.h):
 * packet -e/-b (spec §5.2, §5.5), xdp -e, tipc --tipcinfo, sctp -m/-i
 * (§4.7).  Decoded, length-checked copies of the kernel's attributes; the
 * two variable-length arrays point into the source's buffer and are valid
 * only during the record callback, as unix icons are. */
#ifndef SS_FAMDETAIL_H
#define SS_FAMDETAIL_H
#include <stdint.h>

/* packet_diag_ring as 6.1 prints it (pdr_sizeof_priv is not shown). */
struct det_ring {
	uint32_t block_size, block_nr, frame_size, frame_nr, retire_tmo, sizeof_priv, features;
};

enum { PKD_INFO = 1, PKD_RX = 2, PKD_TX = 4, PKD_FANOUT = 8, PKD_FILTER = 16 };
struct det_packet {
	uint8_t has;		/* PKD_* */
	uint32_t version, copy_thresh, flags;	/* packet_diag_info */
	uint32_t fanout;	/* id | type << 16 */
	struct det_ring rx, tx;
	const uint8_t *filter;	/* filter_n classic BPF instructions, 8 bytes each */
	uint32_t filter_n;
};

enum { XDD_RX = 1, XDD_TX = 2, XDD_UMEM = 4, XDD_FR = 8, XDD_CR = 16, XDD_STATS = 32 };
struct det_xdp {
	uint8_t has;		/* XDD_* */
	uint32_t rx, tx, fr, cr;	/* ring entries */
	uint64_t umem_size;
	uint32_t umem[8];	/* id num_pages chunk_size headroom ifindex queue_id flags refs */
	uint64_t stats[6];	/* rx dropped, rx invalid, rx full, fill empty, tx invalid, tx empty */
};

enum { TPD_LINK_CONG = 1, TPD_CONN_CONG = 2, TPD_PUBL = 4, TPD_VIA = 8 };
struct det_tipc {
	uint8_t has;		/* TPD_* */
	uint32_t drop, via_type, via_inst;
};

struct det_sctp {
	const uint8_t *locals, *peers;	/* arrays of 128-byte sockaddr_storage */
	uint32_t locals_len, peers_len;	/* bytes; 0 with a non-NULL pointer: an empty attribute */
	const uint8_t *info;	/* struct sctp_info (-i), info_len bytes of it */
	uint32_t info_len;
};

union fam_detail {
	struct det_packet pk;
	struct det_xdp xdp;
	struct det_tipc tipc;
	struct det_sctp sctp;
};

#endif
