/* ss: options → selection → for each table a source (netlink, else
 * /proc/net) → rows → renderer → stdout. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include "config.h"
#include "opts.h"
#include "tables.h"
#include "render.h"
#include "inet_row.h"
#include "errmsg.h"
#include "source.h"
#include "../netlink/inet_diag.h"
#include "../procnet/procnet.h"

/* The filter stage: records of unselected families are dropped here (the
 * legacy dump answers for both), then formatted. */
static int show_inet(const struct sock_rec *r, void *arg)
{
	const struct ss_opts *o = arg;
	int fam = r->family == AF_INET6 ? FAM_INET6 : FAM_INET;

	if (!(o->families & (1u << fam)))
		return 0;
	return inet_row(r, o->flags);
}

/* A recording is shown whole: no state or family filter (as 6.1). */
static int show_replay(const struct sock_rec *r, void *arg)
{
	const struct ss_opts *o = arg;

	return inet_row(r, o->flags);
}

/* Tables the selection asks for but this build cannot list are named once. */
static void note_unbuilt(unsigned tables)
{
	static const char kinds[] = "unix\0packet\0netlink\0sctp\0vsock\0tipc\0xdp";
	static const unsigned masks[] = {
		TB(TAB_UNIX_DG) | TB(TAB_UNIX_ST) | TB(TAB_UNIX_SQ),
		TB(TAB_PACKET_DG) | TB(TAB_PACKET_R), TB(TAB_NETLINK), TB(TAB_SCTP),
		TB(TAB_VSOCK_ST) | TB(TAB_VSOCK_DG), TB(TAB_TIPC), TB(TAB_XDP),
	};
	char buf[64];
	size_t n = 0;
	const char *k = kinds;

	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++, k += strlen(k) + 1) {
		if (!(tables & masks[i] & ~TABLES_BUILT))
			continue;
		buf[n++] = ' ';
		memcpy(buf + n, k, strlen(k));
		n += strlen(k);
	}
	buf[n] = 0;
	if (n)
		errs("ss: not shown, not supported in this build:", buf);
}

static int popcount(unsigned v)
{
	int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

static int screen_width(void)
{
	struct winsize ws;

	if (CONFIG_SS_TTY_LAYOUT && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

int main(int argc, char **argv)
{
	/* dumped in 6.1's fixed order: netlink, packet, unix, raw, udp, tcp, dccp, ... mptcp */
	static const unsigned char order[] = { TAB_RAW, TAB_UDP, TAB_TCP, TAB_DCCP, TAB_MPTCP };
	struct ss_opts o;
	unsigned disabled = 0;
	int rc;

	opts_parse(&o, argc, argv);
	rc = opts_select(&o);
	if (rc >= 0)
		return rc;
	if (o.nwords) {
		errs("ss: filter expressions are not supported in this build");
		return 255;
	}
	note_unbuilt(o.tables);
	if (popcount(o.tables) == 1)
		disabled |= 1u << COL_NETID;
	if (popcount(o.states) == 1)
		disabled |= 1u << COL_STATE;
	render_init(disabled, screen_width());
	if (!(o.flags & F_NOHEADER))
		render_header();
	for (size_t i = 0; i < sizeof(order); i++) {
		const char *replay = env_get("TCPDIAG_FILE");
		if (!(o.tables & (1u << order[i])))
			continue;
		if (order[i] == TAB_TCP && replay)
			inet_replay(replay, show_replay, &o);
		else
			source_inet(order[i], o.states, o.families, show_inet, &o);
	}
	render_finish();
	return 0;
}
