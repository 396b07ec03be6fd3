#include <sys/socket.h>
#include "config.h"
#include "filter.h"
#include "tables.h"

/* The kernel answers for every type of a family at once: unix sockets of
 * (and vsock) sockets of unselected types are dropped here (other types
 * never are, as in 6.1),
 * packet sockets never are (6.1 lists both tables for either). */
static int selected(const struct sock_rec *r, const struct ss_opts *o)
{
	if (r->origin == REC_REPLAY)
		return 1;
	/* another family in an inet dump (a legacy AF_UNSPEC answer): 6.1
	 * selects it by that family, which no inet table has */
	if ((TABLES_INET & (1u << r->table)) && r->family != AF_INET && r->family != AF_INET6)
		return 0;
	switch (r->family) {
	case AF_INET:
		return (o->families >> FAM_INET) & 1;
	case AF_INET6:
		return (o->families >> FAM_INET6) & 1;
	case AF_UNIX:
		return !CONFIG_SS_UNIX || (o->tables >> r->table) & 1 ||
		       (r->u.un.type != SOCKT_STREAM && r->u.un.type != SOCKT_DGRAM &&
			r->u.un.type != SOCKT_SEQPACKET);
	case 40:	/* AF_VSOCK */
		return !CONFIG_SS_VSOCK || (o->tables >> r->table) & 1 ||
		       (r->u.vs.type != SOCKT_STREAM && r->u.vs.type != SOCKT_DGRAM);
	default:
		return 1;
	}
}

int filter_match(const struct sock_rec *r, const struct ss_opts *o)
{
	return selected(r, o) && (!CONFIG_SS_FILTER || filter_eval(filter_root, r));
}
