/* Column 8 (spec §2.2, §5, §5.8): users:(...) then the extension texts,
 * each starting with its own separator, in 6.1's per-family order.  Built
 * here, in one place, into one token: the process map (-p) and the
 * details (-e -o -m -i ...) add their pieces below. */
#include "config.h"
#include "rows.h"
#include "render.h"
#include "procmap.h"

void col8_put(const struct sock_rec *r, const struct ss_opts *o)
{
	const char *s = "";
	size_t n = 0;

	/* netlink rows never show users (spec §2.8); by table, as rows.c
	 * picks the formatter */
	if (CONFIG_SS_PROCESS && (o->flags & F_PROCESS) && r->table != TAB_NETLINK)
		n = procmap_users(r->inode, o->flags & F_THREADS, &s);
	row_put(COL_PROC, s, n);
}
