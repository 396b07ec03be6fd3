/* Columns 0-7 of an AF_TIPC socket (spec §2.2): "NODE:" and the port
 * reference, the peer's when connected, else "-". */
#include <string.h>
#include "rows.h"
#include "render.h"
#include "fmt.h"

static const char *tipc_netid(unsigned type)
{
	switch (type) {
	case SOCKT_STREAM: return "ti_st";
	case SOCKT_DGRAM: return "ti_dg";
	case SOCKT_RDM: return "ti_rd";
	case SOCKT_SEQPACKET: return "ti_sq";
	default: return "???";
	}
}

static void tipc_pair(int col, uint32_t node, uint32_t ref)
{
	char b[16];
	size_t n = fmt_u64(b, node);

	b[n++] = ':';
	row_put(col, b, n);
	row_put(col + 1, b, fmt_u64(b, ref));
}

void tipc_row(const struct sock_rec *r, unsigned flags)
{
	const struct rec_tipc *t = &r->u.tipc;
	const char *netid = tipc_netid(t->type);

	(void)flags;
	row_head(netid, strlen(netid), r->state, r->rq, r->wq);
	tipc_pair(COL_LADDR, t->node, t->ref);
	if (t->connected) {
		tipc_pair(COL_RADDR, t->peer_node, t->peer_sock);
	} else {
		row_put(COL_RADDR, "-", 1);
		row_put(COL_RPORT, "", 0);
	}
}
