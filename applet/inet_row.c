/* One inet socket record as a row of tokens (spec §2.2, §2.5). */
#include <string.h>
#include <sys/socket.h>
#include "config.h"
#include "inet_row.h"
#include "render.h"
#include "tables.h"
#include "names.h"
#include "fmt.h"

static const char *const state_text[SS_MAX] = {
	"UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2",
	"TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING",
};

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

	if (r->family == AF_INET6 && !r->v6only && all_zero(a, 16)) {
		b[n++] = '*';
	} else {
		if (flags & F_RESOLVE) {
			int v4 = r->family == AF_INET || !memcmp(a, v4mapped, 12);
			n = host_name(b + 1, 256, v4 ? AF_INET : AF_INET6,
				      v4 && r->family != AF_INET ? a + 12 : a);
		}
		if (n) {
			if (memchr(b + 1, ':', n)) {
				b[0] = '[';
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

static size_t port_token(char *b, const struct sock_rec *r, unsigned port, unsigned flags)
{
	const char *name = NULL;

	if (!port) {
		b[0] = '*';
		return 1;
	}
	if (CONFIG_SS_SERVICES && !(flags & F_NUMERIC)) {
		if (r->table == TAB_RAW) {
			name = protocol_name(port);
			if (!name) {
				memcpy(b, "ipproto-", 8);
				return 8 + fmt_u64(b + 8, port);
			}
		} else if (!port_ephemeral(port)) {
			name = service_name(port, r->table == TAB_UDP);
		}
	}
	if (name) {
		size_t n = strlen(name);
		if (n > 200)
			n = 200;
		memcpy(b, name, n);
		return n;
	}
	return fmt_u64(b, port);
}

int inet_row(const struct sock_rec *r, unsigned flags)
{
	static const unsigned char state_len[SS_MAX] = { 7, 5, 8, 8, 10, 10, 9, 6, 10, 8, 6, 7 };
	char b[320];
	const char *s;
	size_t n;
	unsigned st;

	row_begin();
	s = table_info[r->table].netid;
	row_put(COL_NETID, s, strlen(s));
	st = r->state < SS_MAX ? r->state : 0;
	row_put(COL_STATE, state_text[st], state_len[st]);
	row_put(COL_RECVQ, b, fmt_i64(b, r->rq));
	row_put(COL_SENDQ, b, fmt_i64(b, r->wq));
	n = host_token(b, r, r->laddr, r->ifindex, flags);
	row_put(COL_LADDR, b, n);
	row_put(COL_LPORT, b, port_token(b, r, r->lport, flags));
	n = host_token(b, r, r->raddr, 0, flags);
	row_put(COL_RADDR, b, n);
	row_put(COL_RPORT, b, port_token(b, r, r->rport, flags));
	row_put(COL_PROC, b, 0);
	return 0;
}
