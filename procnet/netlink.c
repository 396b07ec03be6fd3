/* /proc/net/netlink as 6.1 reads it (spec §7.8): fgets(256) pieces and
 * sscanf("%llx %d %d %x %d %d %llx %d"); fields a garbled line does not
 * set keep the previous line's values, as 6.1's variables do. */
#include <string.h>
#include "procnet.h"
#include "scan.h"

struct nl_text {
	int header;
	uint64_t v[8];		/* sk prot pid groups rmem wmem cb locks */
	rec_cb cb;
	void *arg;
};

static int netlink_line(char *line, size_t n, void *arg)
{
	static const unsigned char base[8] = { 16, 10, 10, 16, 10, 10, 16, 10 };
	struct nl_text *c = arg;
	const char *p = line;
	struct sock_rec r;

	(void)n;
	if (c->header) {
		c->header = 0;
		return 0;
	}
	for (int i = 0; i < 8 && p; i++) {
		uint64_t v;
		p = scan_num(p, base[i], base[i] == 10, &v);
		if (p)
			c->v[i] = v;
	}
	memset(&r, 0, sizeof(r));
	r.family = 16;	/* AF_NETLINK */
	r.table = TAB_NETLINK;
	r.origin = REC_PROC;
	r.state = SS_CLOSE;
	r.cookie = c->v[0];
	r.u.nl.protocol = (int32_t)c->v[1];
	r.u.nl.portid = (int32_t)c->v[2];
	r.u.nl.groups = (uint32_t)c->v[3];
	r.u.nl.cb = c->v[6];
	r.rq = (int32_t)c->v[4];
	r.wq = (int32_t)c->v[5];
	return c->cb(&r, c->arg) < 0;
}

int procnet_read_netlink(const char *path, const struct sock_query *q, rec_cb cb, void *arg)
{
	struct nl_text c = { 1, { 0 }, cb, arg };

	(void)q;
	return procnet_lines(path, 256, netlink_line, &c) < 0 || c.header ? -1 : 0;
}
