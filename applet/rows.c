#include <string.h>
#include <sys/socket.h>
#include "config.h"
#include "rows.h"
#include "tables.h"
#include "render.h"
#include "fmt.h"

static const char *const state_text[SS_MAX] = {
	"UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2",
	"TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING",
};
static const unsigned char state_len[SS_MAX] = { 7, 5, 8, 8, 10, 10, 9, 6, 10, 8, 6, 7 };

void row_queues(int32_t rq, int32_t wq)
{
	row_num(COL_RECVQ, rq);
	row_num(COL_SENDQ, wq);
}

void row_head(const char *netid, size_t n, unsigned state, int32_t rq, int32_t wq)
{
	unsigned st = state < SS_MAX ? state : 0;

	row_put(COL_NETID, netid, n);
	row_put(COL_STATE, state_text[st], state_len[st]);
	row_queues(rq, wq);
}

void row_render(const struct sock_rec *r, const struct ss_opts *o)
{
	void (*cols)(const struct sock_rec *, unsigned);

	/* by table first: an inet dump (or a recording) may carry any family
	 * byte, and its record is inet whatever that byte says (a recording's
	 * other family in the tcp table: 6.1 prints it, netid ???) */
	switch (TABLES_INET & TB(r->table) ? AF_INET : r->family) {
	case AF_INET:
	case AF_INET6:
		cols = inet_row;
		break;
	case AF_UNIX:
		cols = CONFIG_SS_UNIX ? unix_row : NULL;
		break;
	case AF_PACKET:
		cols = CONFIG_SS_PACKET ? packet_row : NULL;
		break;
	case AF_NETLINK:
		cols = CONFIG_SS_NETLINK ? netlink_row : NULL;
		break;
	case 40:	/* AF_VSOCK */
		cols = CONFIG_SS_VSOCK ? vsock_row : NULL;
		break;
	case 44:	/* AF_XDP */
		cols = CONFIG_SS_XDP ? xdp_row : NULL;
		break;
	case 30:	/* AF_TIPC */
		cols = CONFIG_SS_TIPC ? tipc_row : NULL;
		break;
	default:
		cols = NULL;
	}
	if (!cols)
		return;
	row_begin();
	cols(r, o->flags);
	col8_put(r, o);
}
