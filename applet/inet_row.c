/* Columns 0-7 of a TCP, UDP, RAW, DCCP or MPTCP socket (spec §2.2, §2.5). */
#include <string.h>
#include <sys/socket.h>
#include "config.h"
#include "rows.h"
#include "render.h"
#include "tables.h"
#include "names.h"
#include "fmt.h"

#define HOST_MAX 65535	/* the renderer's token cap */

static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

static int all_zero(const uint8_t *a, size_t n)
{
	while (n--)
		if (*a++)
			return 0;
	return 1;
}

/* HOST[%IF]: with the separator, as 6.1 puts it into one token. */
static size_t host_token(char *b, const struct sock_rec *r, const uint8_t *a,
			 unsigned ifindex, unsigned flags)
{
	size_t n = 0;

	if (r->family != AF_INET && !r->u.in.v6only && all_zero(a, 16)) {
		b[n++] = '*';
	} else {
		if (r->family != AF_INET && r->family != AF_INET6) {
			memcpy(b + 1, "???", 3);	/* a recording's other family */
			n = 3;
		} else if (flags & F_RESOLVE) {
			int v4 = r->family == AF_INET || !memcmp(a, v4mapped, 12);
			n = host_name(b + 1, HOST_MAX, v4 ? AF_INET : AF_INET6,
				      v4 && r->family != AF_INET ? a + 12 : a);
		}
		if (n) {
			/* 6.1 brackets an IPv6 socket's name with a ':' in its
			 * 1024-byte buffer; an IPv4 name is never bracketed */
			if (r->family == AF_INET6 && memchr(b + 1, ':', n)) {
				b[0] = '[';
				if (n > 1021)
					n = 1022;
				else
					b[++n] = ']';
				n++;
			} else {
				memmove(b, b + 1, n);
			}
		} else if (r->family == AF_INET) {
			n = fmt_ipv4(b, a);
		} else {
			b[0] = '[';
			n = 1 + fmt_ipv6(b + 1, a);
			b[n++] = ']';
		}
	}
	if (ifindex) {
		b[n++] = '%';
		n += if_name(b + n, ifindex);
	}
	b[n++] = ':';
	return n;
}

/* The port as text written into b: a name (whole up to the token cap,
 * escaped) or digits. */
static char *port_token(char *b, const struct sock_rec *r, unsigned port,
			      unsigned flags, size_t *n)
{
	const char *name = NULL;

	if (!port) {
		*n = 1;
		return "*";
	}
	if (CONFIG_SS_SERVICES && !(flags & F_NUMERIC)) {
		if (r->table == TAB_RAW) {
			name = protocol_name(port, n);
			if (!name) {
				memcpy(b, "ipproto-", 8);
				*n = 8 + fmt_u64(b + 8, port);
				return b;
			}
		} else if (!port_ephemeral(port)) {
			name = service_name(port, r->table == TAB_UDP);
			*n = name ? strlen(name) : 0;
		}
	}
	if (name) {	/* /etc text: escaped, cut at the token cap */
		*n = fmt_esc(b, name, *n, HOST_MAX);
		return b;
	}
	*n = fmt_u64(b, port);
	return b;
}

/* An SCTP association row follows its endpoint and has its inode: 6.1
 * compares with the inode of the last inet socket it printed from a dump
 * (its sctp_ino), leaves the netid empty and names the SCTP state. */
const char *const sctp_state_name[8] = {
	"CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "ESTAB", "SHUTDOWN_PENDING",
	"SHUTDOWN_SENT", "SHUTDOWN_RECEIVED", "ACK_SENT",
};

static int sctp_assoc(const struct sock_rec *r)
{
	static uint32_t last_ino;
	int assoc = CONFIG_SS_SCTP && r->table == TAB_SCTP && last_ino && last_ino == r->inode;

	if (CONFIG_SS_SCTP && r->origin != REC_PROC)
		last_ino = r->inode;
	if (assoc) {
		char b[24] = "`- ";
		const char *s = r->state < 8 ? sctp_state_name[r->state] : "UNKNOWN";
		size_t n = strlen(s);
		memcpy(b + 3, s, n);
		row_put(COL_NETID, b, 0);
		row_put(COL_STATE, b, 3 + n);
		row_queues(r->rq, r->wq);
	}
	return assoc;
}

void inet_row(const struct sock_rec *r, unsigned flags)
{
	const struct rec_inet *in = &r->u.in;
	const char *s = table_info[r->table].netid;
	static char b[HOST_MAX + 64];	/* name, brackets, %ifname, ':' */

	size_t n;

	if (!sctp_assoc(r))
		row_head(s, strlen(s), r->state, r->rq, r->wq);
	row_put(COL_LADDR, b, host_token(b, r, in->laddr, in->ifindex, flags));
	s = port_token(b, r, in->lport, flags, &n);
	row_put(COL_LPORT, s, n);
	row_put(COL_RADDR, b, host_token(b, r, in->raddr, 0, flags));
	s = port_token(b, r, in->rport, flags, &n);
	row_put(COL_RPORT, s, n);
}
