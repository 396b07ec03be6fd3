/* /proc/net/packet as 6.1 reads it (spec §7.8): whole lines of at most
 * 255 bytes (a longer or unterminated one ends the file) through
 * sscanf("%llx %*d %d %x %d %d %u %u %u"); fields a garbled line does not
 * set keep the previous line's values.  Both packet tables are listed
 * whichever is selected, as in 6.1. */
#include <string.h>
#include "procnet.h"
#include "scan.h"

struct pk_text {
	int header;
	uint64_t v[9];		/* sk refcnt type proto iface running rmem uid inode */
	rec_cb cb;
	void *arg;
};

static int packet_line(char *line, size_t n, void *arg)
{
	static const unsigned char base[9] = { 16, 10, 10, 16, 10, 10, 10, 10, 10 };
	struct pk_text *c = arg;
	const char *p = line;
	struct sock_rec r;

	if (c->header) {
		c->header = 0;
		return 0;
	}
	if (!n || line[n - 1] != '\n')
		return 1;
	for (int i = 0; i < 9 && p; i++) {
		uint64_t v;
		p = scan_num(p, base[i], i == 1 || i == 2 || i == 4 || i == 5, &v);
		if (p)
			c->v[i] = v;
	}
	memset(&r, 0, sizeof(r));
	r.family = 17;	/* AF_PACKET */
	r.origin = REC_PROC;
	r.state = SS_CLOSE;
	r.cookie = c->v[0];
	r.u.pk.type = (uint8_t)c->v[2];
	r.table = r.u.pk.type == SOCKT_RAW ? TAB_PACKET_R : TAB_PACKET_DG;
	r.u.pk.protocol = (uint16_t)c->v[3];
	r.u.pk.ifindex = (uint32_t)c->v[4];
	r.rq = (int32_t)c->v[6];
	r.uid = (uint32_t)c->v[7];
	r.inode = (uint32_t)c->v[8];
	return c->cb(&r, c->arg) < 0;
}

int procnet_read_packet(const char *path, const struct sock_query *q, rec_cb cb, void *arg)
{
	struct pk_text c = { 1, { 0 }, cb, arg };

	(void)q;
	return procnet_lines(path, 256, packet_line, &c) < 0 ? -1 : 0;
}
