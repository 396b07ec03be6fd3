/* tcp_stats_print() of iproute2 6.1 (spec §4.3, §4.4): the -i words of a
 * decoded struct tcp_stat, in 6.1's order, each under its condition.  One
 * table walk; the words that are not "name:number when not 0" are kinds of
 * their own.  Doubles go through our formatters (applet/fmt_float.c),
 * never libc's printf. */
#include <stddef.h>
#include <string.h>
#include "fmt.h"
#include "tcp_stats.h"

enum kind {
	K_U8, K_U32, K_I32, K_U64, K_G,	/* " name:%u|%d|%llu|%g" when not 0 */
	K_OPTS, K_CONG, K_WSCALE, K_RTT, K_QACK, K_DCTCP, K_BBR, K_SEND,
	K_PACING, K_DELIVERY, K_APPLIM, K_BUSY, K_RETRANS, K_REORDER
};

#define W(name, kind, field) { name, sizeof(name) - 1, kind, offsetof(struct tcp_stat, field) }
#define X(kind) { "", 0, kind, 0 }

static const struct word {
	char name[17];
	uint8_t len, kind;
	uint16_t off;
} words[] = {
	X(K_OPTS), X(K_CONG), X(K_WSCALE),
	W(" rto:", K_G, rto), W(" backoff:", K_U8, backoff), X(K_RTT),
	W(" ato:", K_G, ato), X(K_QACK),
	W(" mss:", K_I32, mss), W(" pmtu:", K_U32, pmtu), W(" rcvmss:", K_I32, rcv_mss),
	W(" advmss:", K_I32, advmss), W(" cwnd:", K_U32, cwnd),
	W(" ssthresh:", K_I32, ssthresh),
	W(" bytes_sent:", K_U64, bytes_sent), W(" bytes_retrans:", K_U64, bytes_retrans),
	W(" bytes_acked:", K_U64, bytes_acked),
	W(" bytes_received:", K_U64, bytes_received),
	W(" segs_out:", K_U32, segs_out), W(" segs_in:", K_U32, segs_in),
	W(" data_segs_out:", K_U32, data_segs_out),
	W(" data_segs_in:", K_U32, data_segs_in),
	X(K_DCTCP), X(K_BBR), X(K_SEND),
	W(" lastsnd:", K_U32, lastsnd), W(" lastrcv:", K_U32, lastrcv),
	W(" lastack:", K_U32, lastack),
	X(K_PACING), X(K_DELIVERY),
	W(" delivered:", K_U32, delivered), W(" delivered_ce:", K_U32, delivered_ce),
	X(K_APPLIM), X(K_BUSY),
	W(" unacked:", K_U32, unacked), X(K_RETRANS), W(" lost:", K_U32, lost),
	W(" sacked:", K_U32, sacked), W(" dsack_dups:", K_U32, dsack_dups),
	W(" fackets:", K_U32, fackets), X(K_REORDER),
	W(" reord_seen:", K_I32, reord_seen), W(" rcv_rtt:", K_G, rcv_rtt),
	W(" rcv_space:", K_I32, rcv_space), W(" rcv_ssthresh:", K_U32, rcv_ssthresh),
	W(" notsent:", K_U32, not_sent), W(" minrtt:", K_G, min_rtt),
	W(" rcv_ooopack:", K_U32, rcv_ooopack), W(" snd_wnd:", K_U32, snd_wnd),
};
/* The longest name above: every entry's fits its array with room to spare. */
_Static_assert(sizeof(" bytes_received:") <= sizeof(words[0].name), "word name too long");

static char *lit(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

#define LIT(p, s) lit(p, s, sizeof(s) - 1)

/* A table word: a fixed 16-byte copy (two moves, no memcpy call), then
 * the cursor moves by its length; dst has TCP_STATS_MAX bytes of room, far
 * more than the longest output (tests/unit_tcpstats.c), so the bytes past
 * the word are scratch. */
static char *name(char *p, const struct word *w)
{
	memcpy(p, w->name, 16);
	return p + w->len;
}

/* Decimal, written in place (fmt_u64 counts the digits first): a copy
 * from a scratch array would read 8 and 16 bytes just written 2 at a
 * time, a store-forwarding stall on every one of ~20 numbers a row. */
static char *num(char *p, uint64_t v)
{
	return p + fmt_u64(p, v);
}

static char *inum(char *p, int32_t v)
{
	return v >= 0 ? num(p, (uint32_t)v) : p + fmt_i64(p, v);
}

/* "%g".  Most values are 6.1's u32 / 1000 (ms from µs).  When v * 1000
 * rounds to an integer n below 10^6, v is within a relative 2^-52 of
 * n / 1000 (0.5 ulp for the product, as much again for v's own rounding),
 * and n / 1000 has at most 6 significant digits: rounding v to 6 digits
 * gives exactly n / 1000 (fixed notation: 0.001 <= v < 1000), which "%g"
 * prints without trailing zeros.  Written directly, with no division to
 * check v; any other v goes to fmt_g(), which does the general rounding. */
static char *g(char *p, double v)
{
	double t = v * 1000;

	if (t >= 0 && t < 1e6 && (double)(uint32_t)t == t) {
		uint32_t n = (uint32_t)t, f = n % 1000;

		p = num(p, n / 1000);
		if (f) {
			*p++ = '.';
			*p++ = (char)('0' + f / 100);
			if (f % 100)
				*p++ = (char)('0' + f / 10 % 10);
			if (f % 10)
				*p++ = (char)('0' + f % 10);
		}
		return p;
	}
	return p + fmt_g(p, v, 6);
}

/* " name %sbps" (spec §4.4).  With -n "%.0f": below 2^53 the integer part
 * and the fraction are exact doubles, so rounding them half to even here is
 * what glibc prints; larger ones go to fmt_rate(). */
static char *rate(char *p, double bps, unsigned flags)
{
	if ((flags & TCPS_NUMERIC) && bps >= 0 && bps < 9007199254740992.0) {
		uint64_t i = (uint64_t)bps;
		double f = bps - (double)i;

		p = num(p, i + (f > 0.5 || (f == 0.5 && (i & 1))));
	} else {
		p += fmt_rate(p, bps, flags & TCPS_NUMERIC);
	}
	return LIT(p, "bps");
}

/* Outside bytes (a recording's congestion name) escaped as every name we
 * print from outside (fmt_esc); 15 bytes at most, so 60 written. */
static char *cong(char *p, const char *s)
{
	*p++ = ' ';
	return p + fmt_esc(p, s, strlen(s), 60);
}

static char *opts(char *p, uint8_t o)
{
	static const char name[][10] = { " ts", " sack", " ecn", " ecnseen", " fastopen" };
	static const uint8_t bit[] = { TCPI_TS, TCPI_SACK, TCPI_ECN, TCPI_ECN_SEEN, TCPI_SYN_DATA };

	for (int i = 0; i < 5; i++)
		if (o & bit[i])
			p = lit(p, name[i], strlen(name[i]));
	return p;
}

static char *dctcp(char *p, const struct tcp_stat *s)
{
	if (s->dctcp == TCPS_DCTCP_FALLBACK)
		return LIT(p, " dctcp:fallback_mode");
	p = num(LIT(p, " dctcp:(ce_state:"), s->dctcp_ce_state);
	p = num(LIT(p, ",alpha:"), s->dctcp_alpha);
	p = num(LIT(p, ",ab_ecn:"), s->dctcp_ab_ecn);
	p = num(LIT(p, ",ab_tot:"), s->dctcp_ab_tot);
	return LIT(p, ")");
}

static char *bbr(char *p, const struct tcp_stat *s, unsigned flags)
{
	uint64_t bw = (uint64_t)s->bbr_bw_hi << 32 | s->bbr_bw_lo;

	p = rate(LIT(p, " bbr:(bw:"), bw * 8.0, flags);
	p = g(LIT(p, ",mrtt:"), (double)s->bbr_min_rtt / 1000.0);
	if (s->bbr_pacing_gain)
		p = g(LIT(p, ",pacing_gain:"), (double)s->bbr_pacing_gain / 256.0);
	if (s->bbr_cwnd_gain)
		p = g(LIT(p, ",cwnd_gain:"), (double)s->bbr_cwnd_gain / 256.0);
	return LIT(p, ")");
}

/* " name:%llums(%.1f%%)": the share of busy time, 6.1's double. */
static char *limited(char *p, const char *name, size_t n, uint64_t v, uint64_t busy)
{
	p = num(lit(p, name, n), v / 1000);
	p = LIT(p, "ms(");
	p += fmt_f(p, 100.0 * v / busy, 1);
	return LIT(p, "%)");
}

static char *busy(char *p, const struct tcp_stat *s)
{
	p = num(LIT(p, " busy:"), s->busy_time / 1000);
	p = LIT(p, "ms");
	if (s->rwnd_limited)
		p = limited(p, " rwnd_limited:", 14, s->rwnd_limited, s->busy_time);
	if (s->sndbuf_limited)
		p = limited(p, " sndbuf_limited:", 16, s->sndbuf_limited, s->busy_time);
	return p;
}

/* The words that are not a plain number. */
static char *special(char *p, int kind, const struct tcp_stat *s, unsigned flags)
{
	switch (kind) {
	case K_OPTS: return flags & TCPS_OPTIONS ? opts(p, s->options) : p;
	case K_CONG: return s->cong[0] ? cong(p, s->cong) : p;
	case K_WSCALE:
		if (!(s->options & TCPI_WSCALE))
			return p;
		p = inum(LIT(p, " wscale:"), s->snd_wscale);
		return inum(LIT(p, ","), s->rcv_wscale);
	case K_RTT:
		if (!s->rtt)
			return p;
		p = g(LIT(p, " rtt:"), s->rtt);
		return g(LIT(p, "/"), s->rttvar);
	case K_QACK:
		if (s->qack)
			p = inum(LIT(p, " qack:"), s->qack);
		return s->qack & 1 ? LIT(p, " bidir") : p;
	case K_DCTCP: return s->dctcp ? dctcp(p, s) : p;
	case K_BBR: return s->has_bbr ? bbr(p, s, flags) : p;
	case K_SEND: return s->send_bps ? rate(LIT(p, " send "), s->send_bps, flags) : p;
	case K_PACING:
		if (!s->pacing_rate)
			return p;
		p = rate(LIT(p, " pacing_rate "), s->pacing_rate, flags);
		return s->pacing_rate_max ? rate(LIT(p, "/"), s->pacing_rate_max, flags) : p;
	case K_DELIVERY:
		return s->delivery_rate ? rate(LIT(p, " delivery_rate "), s->delivery_rate, flags) : p;
	case K_APPLIM: return s->app_limited ? LIT(p, " app_limited") : p;
	case K_BUSY: return s->busy_time ? busy(p, s) : p;
	case K_RETRANS:
		if (!s->retrans && !s->retrans_total)
			return p;
		p = num(LIT(p, " retrans:"), s->retrans);
		return num(LIT(p, "/"), s->retrans_total);
	case K_REORDER:
		return s->reordering != 3 ? inum(LIT(p, " reordering:"), s->reordering) : p;
	}
	return p;
}

size_t tcp_stats_put(char *dst, const struct tcp_stat *s, unsigned flags)
{
	const char *base = (const char *)s;
	char *p = dst;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const struct word *w = &words[i];
		const void *f = base + w->off;
		uint64_t v = 0;
		double d;

		switch (w->kind) {
		case K_U8: v = *(const uint8_t *)f; break;
		case K_U32: case K_I32: v = *(const uint32_t *)f; break;
		case K_U64: v = *(const uint64_t *)f; break;
		case K_G:
			d = *(const double *)f;
			if (d)
				p = g(name(p, w), d);
			continue;
		default:
			p = special(p, w->kind, s, flags);
			continue;
		}
		if (!v)
			continue;
		p = name(p, w);
		p = w->kind == K_I32 ? inum(p, (int32_t)v) : num(p, v);
	}
	return (size_t)(p - dst);
}
