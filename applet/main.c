/* ss: options → selection → the source table (netlink, a recording, else
 * /proc/net) → filter → one formatter per family → renderer → stdout. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>
#include "config.h"
#include "opts.h"
#include "tables.h"
#include "render.h"
#include "rows.h"
#include "filter.h"
#include "errmsg.h"
#include "source.h"
#include "../netlink/nldump.h"
#include "../procnet/procnet.h"
#include "summary.h"
#include "out.h"

/* Every record of every source: the filter stage, then its row. */
static int show(const struct sock_rec *r, void *arg)
{
	const struct ss_opts *o = arg;

	if (filter_match(r, o))
		row_render(r, o);
	return 0;
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

/* Words of spaces and tabs only are no filter ("$FILTER" left empty), as
 * 6.1's lexer skips them; the count of the others. */
static int filter_words(const struct ss_opts *o)
{
	int n = 0;

	for (int i = 0; i < o->nwords; i++) {
		const char *w = o->words[i];
		while (*w == ' ' || *w == '\t')
			w++;
		n += *w != 0;
	}
	return n;
}

static int screen_width(void)
{
	struct winsize ws;

	if (CONFIG_SS_TTY_LAYOUT && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* A closed stdin, stdout or stderr is held by a read-only descriptor of
 * "/", so none of our sockets becomes fd 1 or 2 (the table would be sent
 * to the kernel) and writes to it fail: a closed stdout is a write error. */
static void reserve_std_fds(void)
{
	int fd;

	while ((fd = open("/", O_RDONLY | O_CLOEXEC)) >= 0 && fd <= 2)
		;
	if (fd > 2)
		close(fd);
}

/* The detail block parts the options need (spec §4.1). */
static unsigned details_want(unsigned flags)
{
	unsigned w = 0;

	if (!CONFIG_SS_DETAILS)
		return 0;
	if (flags & F_EXT)
		w |= DET_SHUTDOWN | DET_MARK | DET_CGROUP | DET_V6ONLY | DET_VFS | DET_ICONS |
			DET_PROC_OPT | DET_FAMILY;
	if (flags & F_MEM)
		w |= DET_SKMEM | DET_FAMILY;	/* sctp: locals, peers */
	/* 6.1 prints md5 keys, ULP and mptcp_info with the memory too: a
	 * recording can carry them without -i */
	if (CONFIG_SS_TCPINFO && (flags & (F_MEM | F_INFO)))
		w |= DET_ULP | DET_MPTCP;
	if (flags & F_SOCKOPT)
		w |= DET_SOCKOPT;
	if (flags & F_TIPCINFO)
		w |= DET_FAMILY;
	if (flags & F_BPF)
		w |= DET_BPF;
	if (flags & F_CGROUP)
		w |= DET_CGROUP;
	if (flags & F_TOS)
		w |= DET_TOS;
	if (CONFIG_SS_TCPINFO && (flags & F_INFO))
		w |= DET_TCPINFO | DET_FAMILY;	/* sctp: its own info, locals, peers */
	return w;
}

int main(int argc, char **argv)
{
	struct ss_opts o;
	unsigned disabled = 0;
	int rc;

	reserve_std_fds();
	opts_parse(&o, argc, argv);
	/* 6.1 prints the summary before it looks at state words or filters,
	 * and stdout keeps it whatever error ends the run after that */
	if (CONFIG_SS_SUMMARY && (o.flags & F_SUMMARY)) {
		summary_print();
		out_flush();
		if (o.do_default && !o.nwords)
			return 0;
	}
	rc = opts_select(&o);
	if (rc >= 0)
		return rc;
	if (!CONFIG_SS_FILTER && filter_words(&o)) {
		errs("ss: filter expressions are not supported in this build");
		return 255;
	}
	rc = filter_setup(&o);
	if (rc >= 0)
		return rc;
	if (!procnet_root_ok()) {
		errs("ss: PROC_ROOT: File name too long");
		return 1;
	}
	note_unbuilt(o.tables);
	if (popcount(o.tables) == 1)
		disabled |= 1u << COL_NETID;
	if (popcount(o.states) == 1)
		disabled |= 1u << COL_STATE;
	render_init(disabled, screen_width());
	if (!(o.flags & F_NOHEADER))
		render_header();
	struct sock_query q = { o.tables, o.states, o.families, details_want(o.flags) };
	rc = sources_run(&q, show, &o);
	if (rc == NL_DUMP_INTR)
		errs("Dump was interrupted and may be inconsistent.");
	render_finish();
	return rc < 0;
}
