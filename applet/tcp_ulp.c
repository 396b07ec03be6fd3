/* md5 keys, ULP (tls, mptcp subflow), MPTCP socket and inet socket option
 * words, in iproute2 6.1's order and formats (spec §4.3, §4.6, §5.4).
 * One deliberate difference: 6.1 writes the md5 key bytes straight to
 * stdout, ahead of the table; we print them where 6.1 meant to (README). */
#include <string.h>
#include <sys/socket.h>
#include "config.h"
#include "fmt.h"
#include "names.h"
#include "opts.h"
#include "tcp_ulp.h"
#include "c8.h"

/* s then v in decimal, or in hex (base 16) zero-padded to width digits. */
static void w_num(struct c8 *w, const char *s, uint64_t v, int base, size_t width)
{
	char t[24] = "0000";
	size_t n = base == 16 ? fmt_hex(t + 4, v) : fmt_u64(t + 4, v);

	puts8(w, s);
	if (n < width)
		put(w, t + 4 + n - width, width);
	else
		put(w, t + 4, n);
}

/* " NAME" for each set bit of v, names NUL-separated in bit order. */
static void w_bits(struct c8 *w, const char *names, unsigned v, int count)
{
	for (int i = 0; i < count; i++, names += strlen(names) + 1)
		if (v >> i & 1) {
			puts8(w, " ");
			puts8(w, names);
		}
}

/* s then "unknown(V)". */
static void w_unknown(struct c8 *w, const char *s, uint64_t v)
{
	puts8(w, s);
	w_num(w, "unknown(", v, 10, 0);
	puts8(w, ")");
}

/* print_escape_buf(key, len, " ,") of 6.1: bytes that are printable in the
 * C locale and not '\', ' ' or ',' as they are, the others as \ooo. */
static void w_key(struct c8 *w, const uint8_t *k, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = k[i];
		char o[4] = { '\\', (char)('0' + (c >> 6)), (char)('0' + (c >> 3 & 7)),
			      (char)('0' + (c & 7)) };

		if (c > ' ' && c < 0x7f && c != '\\' && c != ',')
			put(w, (const char *)&k[i], 1);
		else
			put(w, o, 4);
	}
}

/* format_host() of the entry's address: a name with -r, else inet_ntop()'s
 * text; 6.1 prints families other than inet and inet6 (never sent) as ???. */
static void w_md5(struct c8 *w, const struct md5sig *m, unsigned flags)
{
	static const uint8_t v4mapped[12] = { [10] = 0xff, [11] = 0xff };
	char t[64];
	size_t n = 0, room = (size_t)(w->end - w->p);
	int v4 = m->family == AF_INET || !memcmp(m->addr, v4mapped, 12);

	if ((flags & F_RESOLVE) && (m->family == AF_INET || m->family == AF_INET6))
		n = host_name(w->p, room, v4 ? AF_INET : AF_INET6,
			      v4 && m->family != AF_INET ? m->addr + 12 : m->addr);
	if (n)
		w->p += n;
	else if (m->family == AF_INET)
		put(w, t, fmt_ipv4(t, m->addr));
	else if (m->family == AF_INET6)
		put(w, t, fmt_ipv6(t, m->addr));
	else
		puts8(w, "???");
	w_num(w, "/", m->prefixlen, 10, 0);
	puts8(w, "=");
	w_key(w, m->key, m->keylen < sizeof(m->key) ? m->keylen : sizeof(m->key));
}

/* tcp_tls_version(), _cipher(), _conf() of 6.1. */
static void w_tls(struct c8 *w, const struct ulp_detail *u)
{
	static const char *const conf[] = { " rxconf: ", " txconf: " };
	static const char confs[] = "none\0sw\0hw\0hw-record";
	const uint64_t *v = u->v;

	if (u->have & 1u << ULP_TLS_VERSION) {
		if (v[ULP_TLS_VERSION] == 0x0303 || v[ULP_TLS_VERSION] == 0x0304)
			puts8(w, v[ULP_TLS_VERSION] == 0x0303 ? " version: 1.2" : " version: 1.3");
		else
			w_unknown(w, " version: ", v[ULP_TLS_VERSION]);
	}
	if ((u->have & 1u << ULP_TLS_CIPHER) && (v[ULP_TLS_CIPHER] == 51 || v[ULP_TLS_CIPHER] == 52))
		puts8(w, v[ULP_TLS_CIPHER] == 51 ? " cipher: aes-gcm-128" : " cipher: aes-gcm-256");
	for (int i = 0; i < 2; i++) {
		uint64_t c = v[ULP_TLS_RXCONF + i];
		const char *s = confs;

		if (!(u->have & 1u << (ULP_TLS_RXCONF + i)))
			continue;
		if (c < 1 || c > 4) {
			w_unknown(w, conf[i], c);
			continue;
		}
		while (--c)
			s += strlen(s) + 1;
		puts8(w, conf[i]);
		puts8(w, s);
	}
	if (u->have & 1u << ULP_HAVE_ZC_RO_TX)
		puts8(w, " zc_ro_tx");
}

/* mptcp_subflow_info() of 6.1: flags letters, tokens, then the map in hex. */
static void w_subflow(struct c8 *w, const struct ulp_detail *u)
{
	static const char letters[] = "MmJjBbecv";
	static const char *const k[] = { " seq:", " sfseq:", " ssnoff:", " maplen:" };
	const uint32_t tokens = 1u << ULP_SF_TOKEN_REM | 1u << ULP_SF_ID_REM |
				1u << ULP_SF_TOKEN_LOC | 1u << ULP_SF_ID_LOC;
	const uint64_t *v = u->v;

	if ((u->have & 1u << ULP_SF_FLAGS) && (uint32_t)v[ULP_SF_FLAGS]) {
		puts8(w, " flags:");
		for (int i = 0; i < 9; i++)
			if (v[ULP_SF_FLAGS] >> i & 1)
				put(w, letters + i, 1);
	}
	if ((u->have & tokens) == tokens) {
		for (int i = 0; i < 2; i++) {
			w_num(w, i ? ")/" : " token:", v[ULP_SF_TOKEN_REM + 2 * i], 16, 4);
			w_num(w, "(id:", v[ULP_SF_ID_REM + 2 * i], 10, 0);
		}
		puts8(w, ")");
	}
	for (int i = 0; i < 4; i++)
		if (u->have & 1u << (ULP_SF_SEQ + i))
			w_num(w, k[i], v[ULP_SF_SEQ + i], 16, 0);
}

/* mptcp_stats_print() of 6.1: each word when not 0. */
static void w_mptcp(struct c8 *w, const struct mptcp_detail *m)
{
	static const char counts[] = " subflows:\0 add_addr_signal:\0 add_addr_accepted:\0"
		" subflows_max:\0 add_addr_signal_max:\0 add_addr_accepted_max:";
	static const char *const seqs[] = { " write_seq:", " snd_una:", " rcv_nxt:" };
	const char *s = counts;

	for (int i = 0; i < 6; i++, s += strlen(s) + 1)
		if (m->counts[i])
			w_num(w, s, m->counts[i], 10, 0);
	w_bits(w, "fallback\0remote_key", m->flags, 2);
	if (m->token)
		w_num(w, " token:", m->token, 16, 0);
	for (int i = 0; i < 3; i++)
		if (m->seq[i])
			w_num(w, seqs[i], m->seq[i], 16, 0);
}

size_t tcp_ulp_text(char *dst, size_t room, const struct sock_rec *r, unsigned flags)
{
	const struct sock_detail *d = r->detail;
	struct c8 w = { dst, dst + room };

	if (!CONFIG_SS_TCPINFO || !d)
		return 0;
	if (d->have & DET_MPTCP)
		w_mptcp(&w, &d->mptcp);
	if (!(d->have & DET_ULP))
		return (size_t)(w.p - dst);
	for (uint32_t i = 0; i < d->ulp.md5_n; i++) {
		puts8(&w, i ? "," : " md5keys:");
		w_md5(&w, &d->ulp.md5[i], flags);
	}
	if (d->ulp.have & 1u << ULP_HAVE_NAME) {
		puts8(&w, " tcp-ulp-");
		w.p += fmt_esc(w.p, d->ulp.name, d->ulp.name_len, (size_t)(w.end - w.p));
	}
	w_tls(&w, &d->ulp);
	w_subflow(&w, &d->ulp);
	return (size_t)(w.p - dst);
}

size_t sockopt_text(char *dst, size_t room, const struct sock_detail *d, unsigned flags)
{
	struct c8 w = { dst, dst + room };

	if (!CONFIG_SS_DETAILS || !(d->have & DET_SOCKOPT))
		return 0;
	puts8(&w, flags & F_ONELINE ? " inet-sockopt: (" : "\n\tinet-sockopt: (");
	w_bits(&w, "recverr\0is_icsk\0freebind\0hdrincl\0mc_loop\0transparent\0mc_all\0"
	       "nodefrag\0bind_addr_no_port\0recverr_rfc4884\0defer_connect", d->sockopt, 11);
	puts8(&w, ")");
	return (size_t)(w.p - dst);
}
