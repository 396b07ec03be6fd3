/* md5 keys, ULP info, mptcp_info and inet socket options out of an
 * inet_diag message (spec §4.3 after the stats, §4.6, §5.4).  Kernel bytes
 * stop here: the record gets typed fields, each read only after its
 * attribute's length is checked (iproute2 6.1 reads most of them blind). */
#include <stddef.h>
#include <string.h>
#include "config.h"
#include "nldump.h"
#include "tcp_ulp.h"

_Static_assert(sizeof(struct md5sig) == 100, "tcp_diag_md5sig");
_Static_assert(offsetof(struct md5sig, addr) == 4, "md5sig.tcpm_addr");
_Static_assert(offsetof(struct md5sig, key) == 20, "md5sig.tcpm_key");

enum {	/* INET_DIAG_* attribute types (linux/inet_diag.h) read here */
	IA_INFO = 2, IA_MD5SIG = 18, IA_ULP_INFO = 19, IA_SOCKOPT = 22
};
enum {	/* INET_ULP_INFO_* (linux/inet_diag.h) */
	ULP_ATTR_NAME = 1, ULP_ATTR_TLS = 2, ULP_ATTR_MPTCP = 3, ULP_ATTR_MAX = 3
};
enum {	/* TLS_INFO_* (linux/tls.h) */
	TLS_ATTR_VERSION = 1, TLS_ATTR_CIPHER = 2, TLS_ATTR_TXCONF = 3, TLS_ATTR_RXCONF = 4,
	TLS_ATTR_ZC_RO_TX = 5
};
enum {	/* MPTCP_SUBFLOW_ATTR_* (linux/mptcp.h) */
	SF_TOKEN_REM = 1, SF_TOKEN_LOC = 2, SF_MAP_SEQ = 4, SF_MAP_SFSEQ = 5, SF_SSN_OFFSET = 6,
	SF_MAP_DATALEN = 7, SF_FLAGS = 8, SF_ID_REM = 9, SF_ID_LOC = 10, SF_MAX = 10
};
/* struct mptcp_info (linux/mptcp.h): the part 6.1 prints, by offset */
enum { MI_FLAGS = 8, MI_TOKEN = 12, MI_SEQ = 16, MI_LEN = 40 };

/* The unsigned value of a numeric attribute of size bytes (1, 2, 4, 8) with
 * len payload bytes: a shorter payload holds the largest smaller type that
 * fits (the kernel sends MAP_DATALEN as u16, 6.1 reads u32).  Returns 0 and
 * leaves *v alone when the payload is empty or absent. */
static int attr_uint(const void *p, uint16_t len, unsigned size, uint64_t *v)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;

	if (!p || !len)
		return 0;
	while (size > len)
		size /= 2;
	switch (size) {
	case 1: memcpy(&u8, p, 1); *v = u8; break;
	case 2: memcpy(&u16, p, 2); *v = u16; break;
	case 4: memcpy(&u32, p, 4); *v = u32; break;
	default: memcpy(v, p, 8); break;
	}
	return 1;
}

/* The value ulp_detail.v[i] holds: its nest (TLS 0, MPTCP subflow 1), its
 * attribute type and its size in bytes. */
static const uint8_t field[ULP_NV][3] = {
	{ 0, TLS_ATTR_VERSION, 2 }, { 0, TLS_ATTR_CIPHER, 2 }, { 0, TLS_ATTR_RXCONF, 2 },
	{ 0, TLS_ATTR_TXCONF, 2 }, { 1, SF_FLAGS, 4 }, { 1, SF_TOKEN_REM, 4 }, { 1, SF_ID_REM, 1 },
	{ 1, SF_TOKEN_LOC, 4 }, { 1, SF_ID_LOC, 1 }, { 1, SF_MAP_SEQ, 8 },
	{ 1, SF_MAP_SFSEQ, 4 }, { 1, SF_SSN_OFFSET, 4 }, { 1, SF_MAP_DATALEN, 4 },
};

/* INET_DIAG_ULP_INFO: the name, the TLS nest, the MPTCP subflow nest. */
static void ulp_info(struct ulp_detail *u, const void *p, uint16_t len)
{
	const void *tb[ULP_ATTR_MAX + 1], *nt[2][SF_MAX + 1];
	uint16_t tl[ULP_ATTR_MAX + 1], nl[2][SF_MAX + 1];

	nl_attr_parse_nested(p, len, tb, tl, ULP_ATTR_MAX);
	if (tb[ULP_ATTR_NAME]) {	/* a C string: up to its NUL */
		const char *n = tb[ULP_ATTR_NAME], *z = memchr(n, 0, tl[ULP_ATTR_NAME]);

		u->name = n;
		u->name_len = (uint16_t)(z ? z - n : tl[ULP_ATTR_NAME]);
		u->have |= 1u << ULP_HAVE_NAME;
	}
	nl_attr_parse_nested(tb[ULP_ATTR_TLS], tl[ULP_ATTR_TLS], nt[0], nl[0], SF_MAX);
	nl_attr_parse_nested(tb[ULP_ATTR_MPTCP], tl[ULP_ATTR_MPTCP], nt[1], nl[1], SF_MAX);
	for (int i = 0; i < ULP_NV; i++) {
		int n = field[i][0], t = field[i][1];

		if (attr_uint(nt[n][t], nl[n][t], field[i][2], &u->v[i]))
			u->have |= 1u << i;
	}
	if (nt[0][TLS_ATTR_ZC_RO_TX])	/* a flag: present or not */
		u->have |= 1u << ULP_HAVE_ZC_RO_TX;
}

static void mptcp_info(struct mptcp_detail *m, const void *p, uint16_t len)
{
	uint8_t b[MI_LEN] = { 0 };

	memcpy(b, p, len < MI_LEN ? len : MI_LEN);
	memcpy(m->counts, b, sizeof(m->counts));
	memcpy(&m->flags, b + MI_FLAGS, 4);
	memcpy(&m->token, b + MI_TOKEN, 4);
	memcpy(m->seq, b + MI_SEQ, sizeof(m->seq));
}

/* struct inet_diag_sockopt is two bytes of 1-bit fields, which the ABI lays
 * out from the low bit on little-endian hosts, from the high bit on
 * big-endian ones; bit n of the result is the n-th field. */
static uint16_t sockopt_bits(const uint8_t *p)
{
	uint16_t v = 0;

	for (int i = 0; i < 11; i++) {
		int bit = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 7 - i % 8 : i % 8;

		v |= (uint16_t)((p[i / 8] >> bit & 1) << i);
	}
	return v;
}

void tcp_ulp_decode(const void *const tb[], const uint16_t tl[], int table, unsigned want,
		    struct sock_detail *d)
{
	if ((want & DET_SOCKOPT) && tl[IA_SOCKOPT] >= 2) {	/* 6.1 wants the whole struct */
		d->sockopt = sockopt_bits(tb[IA_SOCKOPT]);
		d->have |= DET_SOCKOPT;
	}
	if (!CONFIG_SS_TCPINFO)	/* sent with INFO (-i) only: its switch */
		return;
	if (table == TAB_MPTCP) {
		if ((want & DET_MPTCP) && tb[IA_INFO]) {
			mptcp_info(&d->mptcp, tb[IA_INFO], tl[IA_INFO]);
			d->have |= DET_MPTCP;
		}
		return;
	}
	if (!(want & DET_ULP) || table == TAB_SCTP)
		return;
	if (tl[IA_MD5SIG] >= sizeof(struct md5sig)) {
		d->ulp.md5 = tb[IA_MD5SIG];
		d->ulp.md5_n = tl[IA_MD5SIG] / sizeof(struct md5sig);
		d->have |= DET_ULP;
	}
	if (tb[IA_ULP_INFO]) {
		ulp_info(&d->ulp, tb[IA_ULP_INFO], tl[IA_ULP_INFO]);
		d->have |= DET_ULP;
	}
}
