/* Column 8 (spec §2.2, §5, §5.8): users:(...) then the extension texts,
 * each starting with its own separator, in 6.1's per-family order.  Built
 * here, in one place, into one token: the process map (-p) and the
 * details (-e -o -m -i ...) add their pieces below. */
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "rows.h"
#include "render.h"
#include "fmt.h"
#include "tables.h"
#include "procmap.h"
#include "tcp_ulp.h"
#include "tcp_stats.h"
#include "col8.h"

static void puti(struct c8 *b, int64_t v)
{
	char t[24];

	put(b, t, fmt_i64(t, v));
}

/* print_ms_timer() of 6.1 (spec §5.1), but a fraction after whole seconds
 * ends in "sec" as later iproute2 prints it (6.1: "1.500ms"; README
 * "Differences from iproute2"). */
static void put_ms(struct c8 *b, uint32_t ms)
{
	uint32_t m = ms / 60000, s = ms / 1000 % 60, r = ms % 1000;

	if (m) {
		putu(b, m);
		puts8(b, "min");
		r = 0;
		if (m > 9)
			s = 0;
	}
	if (s) {
		if (s > 9)
			r = 0;
		putu(b, s);
		puts8(b, r ? "." : "sec");
	}
	if (r) {
		char t[3] = { (char)('0' + r / 100), (char)('0' + r / 10 % 10), (char)('0' + r % 10) };
		put(b, t, 3);
		puts8(b, s ? "sec" : "ms");
	}
}

static void put_timer(struct c8 *b, const struct rec_inet *in)
{
	static const char names[] = "on\0keepalive\0timewait\0persist\0unknown";
	const char *n = names;

	if (!in->timer)
		return;
	for (int i = 1; i < in->timer && i < 5; i++)
		n += strlen(n) + 1;
	if (in->protocol == 132)
		n = "T3_RTX";	/* sctp_timer_print(), any code */
	puts8(b, " timer:(");
	puts8(b, n);
	puts8(b, ",");
	put_ms(b, in->expires);
	puts8(b, ",");
	puti(b, in->retrans);
	puts8(b, ")");
}

/* The fixed pieces (skmem, uid/ino/sk) are written at a cursor without a
 * check at each byte and without memcpy calls: the token has PIECE_ROOM
 * bytes of slack past its cap (row_open(); col8.h), far more than one such
 * piece, and the cursor is cut back to the cap after each, keeping what
 * put() would have kept. */
#define LIT(p, s) ((char *)memcpy(p, s, sizeof(s) - 1) + sizeof(s) - 1)

static void piece_end(struct c8 *b, char *p)
{
	b->p = p < b->end ? p : b->end;
}

static char *dec(char *p, uint64_t v)
{
	return p + fmt_u64(p, v);
}

static char *hex(char *p, uint64_t v)
{
	return p + fmt_hex(p, v);
}

/* Names of 2 or 3 bytes, each with the separator before it, copied 4 bytes
 * at a time; n values from v. */
static char *named(char *p, const char (*k)[4], const uint32_t *v, int n)
{
	for (int i = 0; i < n; i++) {
		memcpy(p, k[i], 4);
		p += 2 + (k[i][2] != 0);
		p = dec(p, v[i]);
	}
	*p++ = ')';
	return p;
}

/* print_skmeminfo() (spec §5.3); inet falls back to the old mem:(). */
void c8_skmem(struct c8 *b, const struct sock_detail *d)
{
	static const char mem[4][4] = { ":(r", ",w", ",f", ",t" };
	static const char sk[9][4] = { ":(r", ",rb", ",t", ",tb", ",f", ",w", ",o", ",bl", ",d" };
	char *p = b->p;

	if (d->have & DET_MEM)
		p = named(LIT(p, " mem"), mem, d->mem, 4);
	if (d->have & DET_SKMEM)	/* bl and d only when the kernel sent them */
		p = named(LIT(p, " skmem"), sk, d->skmem, d->skmem_n > 9 ? 9 : d->skmem_n > 7 ? d->skmem_n : 7);
	piece_end(b, p);
}

/* -i (spec §4.3): written in place when the token has room for the
 * longest, else through a copy cut at the token's end. */
static void put_tcp_stats(struct c8 *b, const struct tcp_stat *s, unsigned flags)
{
	unsigned f = (flags & F_NUMERIC ? TCPS_NUMERIC : 0) | (flags & F_TIMERS ? TCPS_OPTIONS : 0);
	char t[TCP_STATS_MAX];

	if (b->end - b->p >= TCP_STATS_MAX)
		b->p += tcp_stats_put(b->p, s, f);
	else
		put(b, t, tcp_stats_put(t, s, f));
}

static void put_shutdown(struct c8 *b, const struct sock_detail *d)
{
	char t[4] = { ' ', d->shutdown & 1 ? '-' : '<', '-', d->shutdown & 2 ? '-' : '>' };

	if (d->have & DET_SHUTDOWN)
		put(b, t, 4);
}

/* --tos (spec §5.4): "%#x", so 0 prints as 0. */
static void put_tos(struct c8 *b, const struct sock_detail *d)
{
	static const char k[] = " tos:\0 tclass:\0 class_id:";
	const uint32_t v[3] = { d->tos, d->tclass, d->class_id };
	const char *s = k;

	for (int i = 0; i < 3; i++, s += strlen(s) + 1) {
		if (!(d->have & (DET_TOS << i)))
			continue;
		puts8(b, s);
		if (v[i])
			puts8(b, "0x");
		putx(b, v[i]);
	}
}

static void put_cgroup(struct c8 *b, uint64_t id)
{
	puts8(b, " cgroup:");
	b->p += cgroup_path(b->p, (size_t)(b->end - b->p), id);
}

void c8_sock_details(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d)
{
	char *p = b->p;

	if (r->uid)
		p = dec(LIT(p, " uid:"), r->uid);
	p = dec(LIT(p, " ino:"), r->inode);
	p = hex(LIT(p, " sk:"), r->cookie);
	if (d && (d->have & DET_MARK) && d->mark)
		p = hex(LIT(p, " fwmark:0x"), d->mark);
	piece_end(b, p);
	if (d && (d->have & DET_CGROUP) && d->cgroup)
		put_cgroup(b, d->cgroup);
}

/* What 6.1's /proc readers print (spec §7.8): tcp_show_line() the timer,
 * sock_details_print() and the text after the fields as opt:"..." (its
 * control bytes escaped: README), then -i's few words without a
 * continuation, nothing for -m --tos --cgroup --inet-sockopt;
 * packet_show_line() sock_details_print() with sk 0 (it never copies the
 * pointer), no filter for -b; netlink_show_one() sk, cb, groups (no
 * skmem); dgram_show_line() (whose opt sscanf never reaches) and
 * unix_show() nothing. */
static void proc_details(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d,
			 unsigned flags)
{
	if (r->table == TAB_TCP) {
		if (flags & F_TIMERS)
			put_timer(b, &r->u.in);
		if (flags & F_EXT)
			c8_sock_details(b, r, NULL);
		if ((flags & F_EXT) && (d->have & DET_PROC_OPT)) {
			size_t room = (size_t)(b->end - b->p);
			puts8(b, " opt:\"");
			b->p += fmt_esc(b->p, d->opt, d->opt_len, room > 8 ? room - 8 : 0);
			puts8(b, "\"");
		}
		if (CONFIG_SS_TCPINFO && (flags & F_INFO) && (d->have & DET_TCPINFO))
			put_tcp_stats(b, d->tcp, flags);	/* no continuation (spec §7.8) */
	} else if (CONFIG_SS_PACKET && (TB(r->table) & (TB(TAB_PACKET_R) | TB(TAB_PACKET_DG)))) {
		struct sock_rec t = *r;

		t.cookie = 0;
		if (flags & F_EXT)
			c8_sock_details(b, &t, NULL);
	} else if (CONFIG_SS_NETLINK && r->table == TAB_NETLINK) {
		c8_netlink(b, r, d, flags & ~F_MEM);
	}
}

/* sock_details_print() then v6only and shutdown (spec §5.2). */
static void put_inet_ext(struct c8 *b, const struct sock_rec *r, const struct sock_detail *d)
{
	c8_sock_details(b, r, d);
	if (d && (d->have & DET_V6ONLY)) {
		puts8(b, " v6only:");
		putu(b, r->u.in.v6only);
	}
	if (d)
		put_shutdown(b, d);
}

static void put_unix_ext(struct c8 *b, const struct sock_detail *d)
{
	put_shutdown(b, d);
	if (d->have & DET_VFS) {
		uint64_t dev = d->vfs_dev;	/* glibc major()/minor() of the u32 */

		puts8(b, " ino:");
		putu(b, d->vfs_ino);
		puts8(b, " dev:");
		putu(b, (dev >> 8 & 0xfff) | (dev >> 32 & ~0xfffull));
		puts8(b, "/");
		putu(b, (dev & 0xff) | (dev >> 12 & ~0xffull));
	}
	if (d->have & DET_ICONS) {
		puts8(b, " peers:");
		for (uint32_t i = 0; i < d->icons_n; i++) {
			puts8(b, " ");
			putu(b, d->icons[i]);
		}
	}
}

static void details(struct c8 *b, const struct sock_rec *r, unsigned flags)
{
	const struct sock_detail *d = r->detail;
	static struct sock_detail none;	/* in .bss: the block is large */

	if (!d)
		d = &none;
	if (CONFIG_SS_PROCFS && r->origin == REC_PROC) {
		proc_details(b, r, d, flags);
		return;
	}
	if (TB(r->table) & (TB(TAB_UNIX_DG) | TB(TAB_UNIX_ST) | TB(TAB_UNIX_SQ))) {
		if (flags & F_MEM)
			c8_skmem(b, d);
		if (flags & F_EXT)
			put_unix_ext(b, d);
		return;
	}
	if (CONFIG_SS_PACKET && (TB(r->table) & (TB(TAB_PACKET_R) | TB(TAB_PACKET_DG))))
		c8_packet(b, r, d, flags);
	else if (CONFIG_SS_NETLINK && r->table == TAB_NETLINK)
		c8_netlink(b, r, d, flags);
	else if (CONFIG_SS_XDP && r->table == TAB_XDP)
		c8_xdp(b, r, d, flags);
	else if (CONFIG_SS_TIPC && r->table == TAB_TIPC)
		c8_tipc_info(b, r, d, flags);	/* -e came before users */
	if (!(TABLES_INET & TB(r->table)))
		return;	/* vsock: users only */
	if (flags & F_TIMERS)
		put_timer(b, &r->u.in);
	if (flags & F_EXT)
		put_inet_ext(b, r, d);
	if (flags & F_TOS)
		put_tos(b, d);
	if ((flags & F_CGROUP) && (d->have & DET_CGROUP))	/* 6.1 prints id 0 too */
		put_cgroup(b, d->cgroup);
	if (flags & F_SOCKOPT)
		b->p += sockopt_text(b->p, (size_t)(b->end - b->p), d, flags);
	/* 6.1's inet_show_sock(): -m, or -i but for UDP (spec §4.2), UDP by the
	 * protocol that names the row (a recording's PROTOCOL attribute too) */
	if ((flags & F_MEM) || ((flags & F_INFO) && r->u.in.protocol != 17)) {
		puts8(b, flags & F_ONELINE ? "" : "\n\t");
		c8_skmem(b, d);
		if (CONFIG_SS_SCTP && r->u.in.protocol == 132) {
			c8_sctp(b, d, flags);	/* sctp_show_info(): no md5, no ULP */
		} else {
			if (CONFIG_SS_TCPINFO && (d->have & DET_TCPINFO))
				put_tcp_stats(b, d->tcp, flags);
			b->p += tcp_ulp_text(b->p, (size_t)(b->end - b->p), r, flags);
		}
	}
}

void col8_put(const struct sock_rec *r, const struct ss_opts *o)
{
	/* 6.1's longest pieces (unix peers:) are bounded by a netlink
	 * attribute (64 KiB), as the token store is; written in place */
	struct c8 b;
	char *start;
	const char *s = "";
	size_t n = 0;

	/* netlink rows never show users (spec §2.8); by table, as rows.c
	 * picks the formatter */
	if (CONFIG_SS_PROCESS && (o->flags & F_PROCESS) && r->table != TAB_NETLINK)
		n = procmap_users(r->inode, o->flags & F_THREADS, &s);
	if (!CONFIG_SS_DETAILS || !(o->flags & (F_DETAILS | F_CGROUP | F_TOS | F_INFO | F_SOCKOPT |
						F_BPF | F_TIPCINFO))) {
		row_put(COL_PROC, s, n);
		return;
	}
	_Static_assert(ROW_OPEN_SLACK >= PIECE_ROOM, "a piece fits past the cap");
	start = row_open();
	b.p = start;
	b.end = start + 65536;	/* as the 64 KiB buffer it was: row_close() cuts */
	if (CONFIG_SS_TIPC && r->table == TAB_TIPC && (o->flags & F_EXT))
		c8_sock_details(&b, r, r->detail);	/* tipc: -e before users (spec §5.8) */
	put(&b, s, n);
	details(&b, r, o->flags);
	row_close((size_t)(b.p - start));
}
