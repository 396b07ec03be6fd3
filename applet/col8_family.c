/* Column-8 pieces of the packet, netlink, xdp, tipc and sctp rows (spec
 * §4.7, §5.2, §5.3, §5.5, §5.8, §5.9), word for word as 6.1's
 * packet_show_sock(), netlink_show_one(), xdp_show_sock(),
 * tipc_show_sock() and sctp_show_info() print them.  col8.c calls them
 * in the family's order; d is never NULL. */
#include <string.h>
#include <sys/socket.h>
#include "config.h"
#include "opts.h"
#include "names.h"
#include "col8.h"
#include "rows.h"

static void puti(struct c8 *b, int32_t v)	/* 6.1's %d of a u32 field */
{
	char t[24];

	put(b, t, fmt_i64(t, v));
}

/* "%0*x": at least width digits. */
static void putx0(struct c8 *b, uint32_t v, size_t width)
{
	char t[24];
	size_t n = fmt_hex(t, v);

	while (n < width--)
		put(b, "0", 1);
	put(b, t, n);
}

/* A continuation piece starts on a new line, or after a space with -O
 * (spec §5.9); then its name. */
static void piece(struct c8 *b, unsigned flags, const char *name)
{
	puts8(b, flags & F_ONELINE ? " " : "\n\t");
	puts8(b, name);
}

/* packet_show_ring(): the fields 6.1 prints, as %d but features. */
static void packet_ring(struct c8 *b, unsigned flags, const char *name, const struct det_ring *g)
{
	static const char k[] = "blk_size:\0,blk_nr:\0,frm_size:\0,frm_nr:\0,tmo:";
	const uint32_t v[5] = { g->block_size, g->block_nr, g->frame_size, g->frame_nr,
				g->retire_tmo };
	const char *s = k;

	piece(b, flags, name);
	for (int i = 0; i < 5; i++, s += strlen(s) + 1) {
		puts8(b, s);
		puti(b, (int32_t)v[i]);
	}
	puts8(b, ",features:0x");
	putx(b, g->features);
	puts8(b, ")");
}

static void packet_info(struct c8 *b, unsigned flags, const struct det_packet *p)
{
	static const char k[] = "running\0 auxdata\0 origdev\0 vnethdr\0 loss";
	const char *s = k;

	piece(b, flags, "ver:");
	puti(b, (int32_t)p->version);
	puts8(b, " cpy_thresh:");
	puti(b, (int32_t)p->copy_thresh);
	puts8(b, " flags( ");
	for (int i = 0; i < 5; i++, s += strlen(s) + 1)
		if (p->flags >> i & 1)
			puts8(b, s);
	if (!p->flags)
		puts8(b, "0");
	puts8(b, " )");
}

static void packet_fanout(struct c8 *b, unsigned flags, uint32_t fanout)
{
	static const char k[] = "hash\0lb\0cpu\0roll\0random\0qm";
	unsigned type = fanout >> 16;
	const char *s = k;

	piece(b, flags, "fanout(id:");
	putu(b, fanout & 0xffff);
	puts8(b, ",type:");
	if (type > 5) {
		puts8(b, "0x");
		putx(b, type);
	} else {
		while (type--)
			s += strlen(s) + 1;
		puts8(b, s);
	}
	puts8(b, ")");
}

/* The classic BPF program (spec §5.5): code, jt, jf, k per instruction. */
static void packet_bpf(struct c8 *b, unsigned flags, const struct det_packet *p)
{
	piece(b, flags, "bpf filter (");
	puti(b, (int32_t)p->filter_n);
	puts8(b, "): ");
	for (uint32_t i = 0; i < p->filter_n && b->p < b->end; i++) {
		const uint8_t *f = p->filter + 8 * i;
		uint16_t code;
		uint32_t k;

		memcpy(&code, f, 2);
		memcpy(&k, f + 4, 4);
		puts8(b, " 0x");
		putx0(b, code, 2);
		puts8(b, " ");
		putu(b, f[2]);
		puts8(b, " ");
		putu(b, f[3]);
		puts8(b, " ");
		putu(b, k);
		puts8(b, ",");
	}
}

void c8_packet(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d, unsigned flags)
{
	const struct det_packet *p = &d->fam.pk;

	if (flags & F_EXT) {
		c8_sock_details(b, r, d);
		if (p->has & PKD_INFO)
			packet_info(b, flags, p);
		if (p->has & PKD_RX)
			packet_ring(b, flags, "ring_rx(", &p->rx);
		if (p->has & PKD_TX)
			packet_ring(b, flags, "ring_tx(", &p->tx);
		if (p->has & PKD_FANOUT)
			packet_fanout(b, flags, p->fanout);
	}
	if ((flags & F_BPF) && (p->has & PKD_FILTER))
		packet_bpf(b, flags, p);
	if (flags & F_MEM)	/* at the very end */
		c8_skmem(b, d);
}

void c8_netlink(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d, unsigned flags)
{
	if (flags & F_EXT) {	/* netlink_diag tells 6.1 neither sk nor cb, /proc does */
		puts8(b, " sk=");
		putx(b, r->origin == REC_PROC ? r->cookie : 0);
		puts8(b, " cb=");
		putx(b, r->u.nl.cb);
		puts8(b, " groups=0x");
		putx0(b, r->u.nl.groups, 8);
	}
	if (flags & F_MEM) {	/* a TAB, even without -O */
		puts8(b, "\t");
		c8_skmem(b, d);
	}
}

static void xdp_ring(struct c8 *b, unsigned flags, const char *name, uint32_t entries)
{
	piece(b, flags, name);
	puts8(b, "(entries:");
	putu(b, entries);
	puts8(b, ")");
}

static void xdp_umem(struct c8 *b, unsigned flags, const struct det_xdp *x)
{
	static const char k[] = ",num_pages:\0,chunk_size:\0,headroom:\0,ifindex:\0,qid:\0,zc:\0,refs:";
	const char *s = k;

	piece(b, flags, flags & F_ONELINE ? "tumem(id:" : "umem(id:");	/* 6.1's -O typo */
	putu(b, x->umem[0]);
	puts8(b, ",size:");
	putu(b, x->umem_size);
	for (int i = 1; i < 8; i++, s += strlen(s) + 1) {
		puts8(b, s);
		putu(b, i == 6 ? x->umem[i] & 1 : x->umem[i]);	/* zc: XDP_DU_F_ZEROCOPY */
	}
	puts8(b, ")");
	if (x->has & XDD_FR)
		xdp_ring(b, flags, "fr", x->fr);
	if (x->has & XDD_CR)
		xdp_ring(b, flags, "cr", x->cr);
}

static void xdp_stats(struct c8 *b, unsigned flags, const struct det_xdp *x)
{
	static const char k[] = "rx dropped:\0,rx invalid:\0,rx queue full:\0"
		",rx fill ring empty:\0,tx invalid:\0,tx ring empty:";
	const char *s = k;

	piece(b, flags, "stats(");
	for (int i = 0; i < 6; i++, s += strlen(s) + 1) {
		puts8(b, s);
		putu(b, x->stats[i]);
	}
	puts8(b, ")");
}

void c8_xdp(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d, unsigned flags)
{
	const struct det_xdp *x = &d->fam.xdp;

	if (flags & F_EXT) {
		c8_sock_details(b, r, d);
		if (x->has & XDD_RX)
			xdp_ring(b, flags, "rx", x->rx);
		if (x->has & XDD_TX)
			xdp_ring(b, flags, "tx", x->tx);
		if (x->has & XDD_UMEM)
			xdp_umem(b, flags, x);
		if (x->has & XDD_STATS)
			xdp_stats(b, flags, x);
	}
	if (flags & F_MEM)
		c8_skmem(b, d);
}

/* --tipcinfo: after users, "\n " (not "\n\t") before it; the trailing
 * blanks are 6.1's. */
void c8_tipc_info(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d, unsigned flags)
{
	static const char *const types[6] = { "UNKNOWN", "STREAM", "DGRAM", "(null)", "RDM", "SEQPACKET" };
	const struct det_tipc *t = &d->fam.tipc;

	if (!(flags & F_TIPCINFO))
		return;
	puts8(b, flags & F_ONELINE ? " type:" : "\n type:");
	puts8(b, types[r->u.tipc.type < 6 ? r->u.tipc.type : 0]);	/* 3: glibc's %s of NULL */
	puts8(b, t->has & TPD_LINK_CONG ? " cong:link " : t->has & TPD_CONN_CONG ? " cong:conn " :
	      " cong:none ");
	puts8(b, " drop:");
	puti(b, (int32_t)t->drop);
	puts8(b, " ");
	if (t->has & TPD_PUBL)
		puts8(b, " publ");
	if (t->has & TPD_VIA) {
		puts8(b, " via {");
		putu(b, t->via_type);
		puts8(b, ",");
		putu(b, t->via_inst);
		puts8(b, "} ");
	}
}

/* format_host_sa(): an IPv4 or IPv6 sockaddr, else nothing; avail bytes
 * of it are there (6.1 reads a short array past its end: zeros here). */
static void sctp_addr(struct c8 *b, const uint8_t *sa, long avail, unsigned flags)
{
	uint8_t s[24] = { 0 };	/* family, port, then sin_addr at 4 or sin6_addr at 8 */
	uint16_t fam;
	char t[1025];
	size_t n = 0;

	if (avail > 0)
		memcpy(s, sa, avail < (long)sizeof(s) ? (size_t)avail : sizeof(s));
	memcpy(&fam, s, 2);
	if (fam != AF_INET && fam != AF_INET6)
		return;
	if (CONFIG_SS_RESOLVE && (flags & F_RESOLVE))
		n = host_name(t, sizeof(t), fam, fam == AF_INET ? s + 4 : s + 8);
	if (!n)
		n = fam == AF_INET ? fmt_ipv4(t, s + 4) : fmt_ipv6(t, s + 8);
	put(b, t, n);
}

static void sctp_addrs(struct c8 *b, const char *name, const uint8_t *p, uint32_t len, unsigned flags)
{
	if (!p)
		return;
	puts8(b, name);
	sctp_addr(b, p, len, flags);	/* the first one even from an empty attribute */
	for (uint32_t off = 128; off < len && b->p < b->end; off += 128) {	/* sockaddr_storage */
		puts8(b, ",");
		sctp_addr(b, p + off, len - off, flags);
	}
}

/* sctp_stats_print(): each struct sctp_info field that is not 0, %d (of
 * a u8, u16 or u32) but tag and ptag (%x) and state (its name). */
static void sctp_info(struct c8 *b, const uint8_t *p, uint32_t len)
{
	static const char k[] = "tag\0state\0rwnd\0unackdata\0penddata\0instrms\0outstrms\0"
		"inqueue\0outqueue\0overerr\0maxburst\0maxseg\0prwnd\0ptag\0pcapable\0psack\0"
		"autoclose\0adapind\0pdpoint\0nodelay\0nofrag\0v4mapped\0fraginl";
	static const uint16_t at[23] = {	/* offsetof(struct sctp_info, ...) */
		0, 4, 8, 12, 14, 16, 18, 24, 28, 32, 36, 40, 44, 48, 52, 53, 344, 348, 352,
		356, 357, 358, 359,
	};
	static const uint32_t size2 = 0xfu << 3, size1 = 3u << 14 | 0xfu << 19;	/* u16, u8 fields */
	uint8_t s[360] = { 0 };	/* the printed part of the 368-byte struct, zero-extended */
	const char *name = k;

	memcpy(s, p, len < sizeof(s) ? len : sizeof(s));
	for (int i = 0; i < 23; i++, name += strlen(name) + 1) {
		uint32_t v = s[at[i]];
		uint16_t h;

		if (size2 >> i & 1) {
			memcpy(&h, s + at[i], 2);
			v = h;
		} else if (!(size1 >> i & 1)) {
			memcpy(&v, s + at[i], 4);
		}
		if (!v)
			continue;
		puts8(b, " ");
		puts8(b, name);
		puts8(b, ":");
		if (i == 1)
			puts8(b, v < 8 ? sctp_state_name[v] : "UNKNOWN");
		else if (i == 0 || i == 13)
			putx(b, v);
		else
			puti(b, (int32_t)v);
	}
}

void c8_sctp(struct c8 *b, const struct sock_detail *d, unsigned flags)
{
	sctp_addrs(b, " locals:", d->fam.sctp.locals, d->fam.sctp.locals_len, flags);
	sctp_addrs(b, " peers:", d->fam.sctp.peers, d->fam.sctp.peers_len, flags);
	if (d->fam.sctp.info)
		sctp_info(b, d->fam.sctp.info, d->fam.sctp.info_len);
}
