#include <sys/socket.h>
#include "filter.h"
#include "tables.h"

static int selected(const struct sock_rec *r, const struct ss_opts *o)
{
	if (r->origin == REC_REPLAY)
		return 1;
	if (!(o->tables & (1u << r->table)))
		return 0;
	if (r->family == AF_INET)
		return (o->families >> FAM_INET) & 1;
	if (r->family == AF_INET6)
		return (o->families >> FAM_INET6) & 1;
	/* another family in an inet dump (a legacy AF_UNSPEC answer): 6.1
	 * selects it by that family, which no inet table has */
	return !(TABLES_INET & (1u << r->table));
}

int filter_match(const struct sock_rec *r, const struct ss_opts *o)
{
	return selected(r, o);
}
