/* Columns 0-7 of an AF_VSOCK socket (spec §2.2): CID:port pairs, '*' for
 * VMADDR_CID_ANY / VMADDR_PORT_ANY; any type but stream and dgram is "???". */
#include <string.h>
#include "rows.h"
#include "render.h"
#include "fmt.h"

static void vsock_pair(int col, uint32_t cid, uint32_t port)
{
	char b[16];
	size_t n = cid == ~0u ? (b[0] = '*', 1) : fmt_u64(b, cid);

	b[n++] = ':';
	row_put(col, b, n);
	if (port == ~0u)
		row_put(col + 1, "*", 1);
	else
		row_put(col + 1, b, fmt_u64(b, port));
}

void vsock_row(const struct sock_rec *r, unsigned flags)
{
	const struct rec_vsock *v = &r->u.vs;
	const char *netid = v->type == SOCKT_STREAM ? "v_str" : v->type == SOCKT_DGRAM ? "v_dgr" : "???";

	(void)flags;
	row_head(netid, strlen(netid), r->state, r->rq, r->wq);
	vsock_pair(COL_LADDR, v->src_cid, v->src_port);
	vsock_pair(COL_RADDR, v->dst_cid, v->dst_port);
}
