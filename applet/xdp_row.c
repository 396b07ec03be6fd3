/* Columns 0-7 of an AF_XDP socket (spec §2.2): "IFNAME:" and "q<queue>"
 * when bound, else "*". */
#include "rows.h"
#include "render.h"
#include "names.h"
#include "fmt.h"

void xdp_row(const struct sock_rec *r, unsigned flags)
{
	char b[IF_NAME_MAX + 8];	/* an escaped name and ':' */
	size_t n;

	(void)flags;
	row_head("xdp", 3, r->state, r->rq, r->wq);
	if (r->u.xdp.ifindex) {
		n = if_name(b, r->u.xdp.ifindex);
		b[n++] = ':';
		row_put(COL_LADDR, b, n);
		b[0] = 'q';
		row_put(COL_LPORT, b, 1 + fmt_i64(b + 1, (int32_t)r->u.xdp.queue_id));
	} else {
		row_put(COL_LADDR, "*", 1);
		row_put(COL_LPORT, b, 0);
	}
	row_put(COL_RADDR, "*", 1);
	row_put(COL_RPORT, b, 0);
}
