/* INET_DIAG_INFO and the congestion attributes turned into the struct
 * tcp_stat -i prints (spec §4.3): tcp_show_info() of 6.1, without the
 * printing.  Every double is computed by 6.1's operations in 6.1's order
 * (an integer converted to double, then divided, multiplied, as there). */
#include <stddef.h>
#include <string.h>
#include "tcp_info.h"

/* struct tcp_info as 6.1 was built with it: 232 bytes (up to tcpi_snd_wnd).
 * A shorter one is zero-extended, a longer one read up to here. */
#define TCPI_LEN 232
#define BITFIELD_BE (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)

static uint32_t u32at(const uint8_t *p, size_t off)
{
	uint32_t v;

	memcpy(&v, p + off, 4);
	return v;
}

static uint64_t u64at(const uint8_t *p, size_t off)
{
	uint64_t v;

	memcpy(&v, p + off, 8);
	return v;
}

/* The attribute's payload copied into n zeroed bytes (6.1 reads a short
 * DCTCP or VEGAS payload past its end; zeros are what a kernel sends). */
static void payload(void *dst, size_t n, const void *src, uint16_t len)
{
	memset(dst, 0, n);
	memcpy(dst, src, len < n ? len : n);
}

/* The rtt send is computed with: Vegas' own when it has one (spec §4.3). */
static double send_rtt(const uint8_t *i, const void *vegas, uint16_t vlen)
{
	double rtt = (double)u32at(i, 68);
	uint32_t v[4];	/* enabled, rttcnt, rtt, minrtt */

	if (vegas) {
		payload(v, sizeof(v), vegas, vlen);
		if (v[0] && v[2] && v[2] != 0x7fffffff)
			rtt = v[2];
	}
	return rtt;
}

static void cong_extras(struct tcp_stat *s, const void *const tb[], const uint16_t tl[])
{
	if (tb[INET_DIAG_DCTCPINFO]) {
		uint8_t d[16];	/* u16 enabled, ce_state; u32 alpha, ab_ecn, ab_tot */
		uint16_t en, ce;

		payload(d, sizeof(d), tb[INET_DIAG_DCTCPINFO], tl[INET_DIAG_DCTCPINFO]);
		memcpy(&en, d, 2);
		memcpy(&ce, d + 2, 2);
		s->dctcp = en ? TCPS_DCTCP_ON : TCPS_DCTCP_FALLBACK;
		s->dctcp_ce_state = ce;
		s->dctcp_alpha = u32at(d, 4);
		s->dctcp_ab_ecn = u32at(d, 8);
		s->dctcp_ab_tot = u32at(d, 12);
	}
	if (tb[INET_DIAG_BBRINFO]) {
		uint32_t b[5];	/* bw_lo, bw_hi, min_rtt, pacing_gain, cwnd_gain */

		payload(b, sizeof(b), tb[INET_DIAG_BBRINFO], tl[INET_DIAG_BBRINFO]);
		s->has_bbr = 1;
		s->bbr_bw_lo = b[0];
		s->bbr_bw_hi = b[1];
		s->bbr_min_rtt = b[2];
		s->bbr_pacing_gain = b[3];
		s->bbr_cwnd_gain = b[4];
	}
}

/* The name as 6.1's strncpy() of 15 bytes takes it: up to a NUL. */
static void cong_name(char dst[16], const char *src, uint16_t len)
{
	size_t n = 0;

	while (n < 15 && n < len && src[n])
		n++;
	memcpy(dst, src, n);
	dst[n] = 0;
}

static void rates(struct tcp_stat *s, const uint8_t *i, double rtt)
{
	uint64_t pacing = u64at(i, 104), max = u64at(i, 112);
	uint32_t mss = u32at(i, 16), cwnd = u32at(i, 80);

	if (rtt > 0 && mss && cwnd)
		s->send_bps = (double)cwnd * (double)mss * 8000000. / rtt;
	if (pacing && pacing != ~0ULL) {
		s->pacing_rate = pacing * 8.;
		if (max && max != ~0ULL)
			s->pacing_rate_max = max * 8.;
	}
	s->delivery_rate = u64at(i, 160) * 8.;
}

#define C(from, field) { from, sizeof(((struct tcp_stat *)0)->field), offsetof(struct tcp_stat, field) }

/* The fields 6.1 takes as they are: tcp_info offset, size, tcp_stat field. */
static const struct copy {
	uint8_t from, size;
	uint16_t to;
} copies[] = {
	C(4, backoff), C(16, mss), C(20, rcv_mss), C(24, unacked), C(28, sacked),
	C(32, lost), C(36, retrans), C(40, fackets), C(44, lastsnd), C(52, lastrcv),
	C(56, lastack), C(60, pmtu), C(64, rcv_ssthresh), C(80, cwnd), C(84, advmss),
	C(88, reordering), C(96, rcv_space), C(100, retrans_total),
	C(120, bytes_acked), C(128, bytes_received), C(136, segs_out), C(140, segs_in),
	C(144, not_sent), C(152, data_segs_in), C(156, data_segs_out),
	C(168, busy_time), C(176, rwnd_limited), C(184, sndbuf_limited),
	C(192, delivered), C(196, delivered_ce), C(200, bytes_sent), C(208, bytes_retrans),
	C(216, dsack_dups), C(220, reord_seen), C(224, rcv_ooopack), C(228, snd_wnd),
};

int tcp_info_decode(struct tcp_stat *s, const void *const tb[], const uint16_t tl[], int state)
{
	uint8_t buf[TCPI_LEN];
	const uint8_t *i = tb[INET_DIAG_INFO];
	uint32_t rto, ssthresh, min_rtt;

	if (!tb[INET_DIAG_INFO])
		return 0;
	memset(s, 0, sizeof(*s));
	if (tl[INET_DIAG_INFO] < TCPI_LEN) {	/* an older kernel's: zero-extended */
		payload(buf, sizeof(buf), i, tl[INET_DIAG_INFO]);
		i = buf;
	}
	min_rtt = u32at(i, 148);
	s->options = i[5];
	if (tb[INET_DIAG_CONG])
		cong_name(s->cong, tb[INET_DIAG_CONG], tl[INET_DIAG_CONG]);
	/* tcpi_snd_wscale:4, tcpi_rcv_wscale:4 and, in byte 7,
	 * tcpi_delivery_rate_app_limited:1 are bitfields: a big-endian ABI
	 * fills them from the high bits */
	s->snd_wscale = BITFIELD_BE ? i[6] >> 4 : i[6] & 15;
	s->rcv_wscale = BITFIELD_BE ? i[6] & 15 : i[6] >> 4;
	rto = u32at(i, 8);
	if (rto && rto != 3000000)
		s->rto = (double)rto / 1000;
	s->rtt = (double)u32at(i, 68) / 1000;
	s->rttvar = (double)u32at(i, 72) / 1000;
	s->ato = (double)u32at(i, 12) / 1000;
	s->rcv_rtt = (double)u32at(i, 92) / 1000;
	ssthresh = u32at(i, 76);
	if (ssthresh < 0xFFFF)
		s->ssthresh = (int32_t)ssthresh;
	/* unrolled, the table folds into one load and store a field (+220
	 * bytes): the loop cost ~500 instructions a row */
#pragma GCC unroll 40
	for (size_t k = 0; k < sizeof(copies) / sizeof(copies[0]); k++) {
		const struct copy *c = &copies[k];	/* fixed sizes: no memcpy call */

		if (c->size == 8)
			memcpy((char *)s + c->to, i + c->from, 8);
		else if (c->size == 4)
			memcpy((char *)s + c->to, i + c->from, 4);
		else
			*((uint8_t *)s + c->to) = i[c->from];
	}
	if (state == 10)	/* LISTEN: 6.1 hides sacked (the backlog there) */
		s->sacked = 0;
	if (min_rtt && min_rtt != ~0U)
		s->min_rtt = (double)min_rtt / 1000;
	s->app_limited = BITFIELD_BE ? i[7] >> 7 : i[7] & 1;
	cong_extras(s, tb, tl);
	rates(s, i, send_rtt(i, tb[INET_DIAG_VEGASINFO], tl[INET_DIAG_VEGASINFO]));
	return 1;
}
