/* Where records come from: one table, one row per socket table in 6.1's
 * dump order (spec §1.3 step 10), each with its dump, its /proc/net file and
 * the variable that forces it, its Kconfig switch (spec §7.4, §8.6).  main()
 * asks this table; nothing else knows where a record came from. */
#include <string.h>
#include <sys/socket.h>
#include "config.h"
#include "source.h"
#include "tables.h"
#include "env.h"
#include "../netlink/inet_diag.h"
#include "../netlink/nldump.h"
#include "../netlink/diag.h"
#include "../procnet/procnet.h"

enum src_kind {
	SRC_INET,	/* inet_diag per family, legacy retry, /proc text per family */
	SRC_REPLAY,	/* a recorded dump named by the variable, instead of the kernel */
	SRC_DIAG,	/* one sock_diag dump for the family, else its /proc text */
};

struct source {
	unsigned short tables;	/* the tables this row answers for */
	unsigned char kind;	/* enum src_kind */
	unsigned char built;	/* its Kconfig switch */
	const char *env;	/* PROC_NET_X: read this file instead of asking the kernel */
	const char *proc;	/* the /proc file ("net/tcp"; IPv6 twin + "6"), NULL: none */
	int (*dump)(const struct sock_query *q, rec_cb cb, void *arg);		/* SRC_DIAG */
	int (*text)(const char *path, const struct sock_query *q, rec_cb cb, void *arg);
	unsigned short need;	/* states one of which must be asked for (6.1) */
};

#define FB(f) (1u << (f))
#define INET_FAMS (FB(FAM_INET) | FB(FAM_INET6))

#define UNIX_TABS (TB(TAB_UNIX_ST) | TB(TAB_UNIX_DG) | TB(TAB_UNIX_SQ))
#define PACKET_TABS (TB(TAB_PACKET_R) | TB(TAB_PACKET_DG))
#define VSOCK_TABS (TB(TAB_VSOCK_ST) | TB(TAB_VSOCK_DG))
#define DIAG(on, f) (on ? f : NULL)

static const struct source sources[] = {
	{ TB(TAB_NETLINK), SRC_DIAG, CONFIG_SS_NETLINK, "PROC_NET_NETLINK", "net/netlink",
	  DIAG(CONFIG_SS_NETLINK, netlink_dump), DIAG(CONFIG_SS_NETLINK, procnet_read_netlink),
	  TCPF(SS_CLOSE) },
	{ PACKET_TABS, SRC_DIAG, CONFIG_SS_PACKET, "PROC_NET_PACKET", "net/packet",
	  DIAG(CONFIG_SS_PACKET, packet_dump), DIAG(CONFIG_SS_PACKET, procnet_read_packet),
	  TCPF(SS_CLOSE) },
	{ UNIX_TABS, SRC_DIAG, CONFIG_SS_UNIX, "PROC_NET_UNIX", "net/unix",
	  DIAG(CONFIG_SS_UNIX, unix_dump), DIAG(CONFIG_SS_UNIX, procnet_read_unix), 0 },
	{ TB(TAB_RAW), SRC_INET, 1, "PROC_NET_RAW", "net/raw", NULL, NULL, 0 },
	{ TB(TAB_UDP), SRC_INET, 1, "PROC_NET_UDP", "net/udp", NULL, NULL, 0 },
	{ TB(TAB_TCP), SRC_REPLAY, 1, "TCPDIAG_FILE", NULL, NULL, NULL, 0 },
	{ TB(TAB_TCP), SRC_INET, 1, "PROC_NET_TCP", "net/tcp", NULL, NULL, 0 },
	{ TB(TAB_DCCP), SRC_INET, 1, "PROC_NET_DCCP", NULL, NULL, NULL, 0 },
	{ TB(TAB_SCTP), SRC_INET, CONFIG_SS_SCTP, "PROC_NET_SCTP", NULL, NULL, NULL, 0 },
	{ VSOCK_TABS, SRC_DIAG, CONFIG_SS_VSOCK, NULL, NULL, DIAG(CONFIG_SS_VSOCK, vsock_dump),
	  NULL, 0 },
	{ TB(TAB_TIPC), SRC_DIAG, CONFIG_SS_TIPC, NULL, NULL, DIAG(CONFIG_SS_TIPC, tipc_dump),
	  NULL, 0 },
	{ TB(TAB_XDP), SRC_DIAG, CONFIG_SS_XDP, NULL, NULL, DIAG(CONFIG_SS_XDP, xdp_dump),
	  NULL, TCPF(SS_CLOSE) },
	{ TB(TAB_MPTCP), SRC_INET, CONFIG_SS_MPTCP, "PROC_NET_MPTCP", NULL, NULL, NULL, 0 },
};

static int table_of(unsigned tables)
{
	int t = 0;

	while (!(tables & 1u << t))
		t++;
	return t;
}

/* /proc/net/<file> then <file>6; a failed IPv4 file ends the table, as in 6.1. */
static void proc_inet(const struct source *s, int table, unsigned fams, unsigned states,
		      rec_cb cb, void *arg)
{
	char path[PROCNET_PATH], name[16], env6[24];
	size_t l, e;

	if (!s->proc)
		return;
	l = strlen(s->proc);
	e = strlen(s->env);
	memcpy(name, s->proc, l + 1);
	if (fams & FB(FAM_INET)) {
		if (procnet_read_inet(procnet_path(path, sizeof(path), s->env, name),
				      table, AF_INET, states, cb, arg))
			return;
	}
	if (fams & FB(FAM_INET6)) {
		memcpy(env6, s->env, e);
		memcpy(env6 + e, "6", 2);
		memcpy(name + l, "6", 2);
		procnet_read_inet(procnet_path(path, sizeof(path), env6, name),
				  table, AF_INET6, states, cb, arg);
	}
}

/* spec §7.4: AF_INET then AF_INET6 (or the preferred one), the legacy
 * request when the first pass fails, then /proc for what is left. */
static int run_inet(const struct source *s, const struct sock_query *q, rec_cb cb, void *arg)
{
	int table = table_of(s->tables), rc = 0;
	unsigned req = q->states, fams = q->families & INET_FAMS;

	/* Hashed TCP sockets are never in CLOSE: dropping the bit lets the
	 * kernel skip the shared established hash under -l (spec §10). */
	if (table == TAB_TCP || table == TAB_MPTCP)
		req &= ~TCPF(SS_CLOSE);
	if (!procnet_forced(s->env)) {
		if (fams & FB(FAM_INET)) {
			rc = inet_dump(table, AF_INET, req, cb, arg);
			if (rc >= 0)
				fams &= ~FB(FAM_INET);
			else if ((rc = inet_dump_legacy(table, q->states, cb, arg)) >= 0)
				return rc;	/* the legacy request answers for both families */
		}
		if ((fams & FB(FAM_INET6)) && !(fams & FB(FAM_INET))) {
			int r6 = inet_dump(table, AF_INET6, req, cb, arg);
			if (r6 >= 0)
				fams &= ~FB(FAM_INET6);
			else if (!(q->families & FB(FAM_INET)) &&
				 (r6 = inet_dump_legacy(table, q->states, cb, arg)) >= 0)
				return r6;	/* -6 alone: 6.1 retries the legacy request too */
			rc = r6 > rc ? r6 : rc;
		}
	}
	proc_inet(s, table, fams, q->states, cb, arg);
	return rc > 0 ? rc : 0;
}

int sources_run(const struct sock_query *q, rec_cb cb, void *arg)
{
	unsigned done = 0;
	int rc = 0;

	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		const struct source *s = &sources[i];
		const char *file;
		int r = 0;

		if (!s->built || !(q->tables & s->tables & ~done) ||
		    !(q->families & table_info[table_of(s->tables)].families))
			continue;
		switch (s->kind) {
		case SRC_REPLAY:
			file = env_get(s->env);
			if (!file)
				continue;
			inet_replay(file, cb, arg);
			break;
		case SRC_DIAG:
			if (s->need && !(q->states & s->need))
				continue;
			r = -1;
			if (!s->env || !procnet_forced(s->env))
				r = s->dump(q, cb, arg);
			if (r < 0 && s->text) {
				char path[256];
				r = s->text(procnet_path(path, sizeof(path), s->env, s->proc), q, cb, arg);
			}
			break;
		case SRC_INET:
			r = run_inet(s, q, cb, arg);
			break;
		}
		done |= s->tables;
		if (r == NL_DUMP_INTR)
			rc = r;
	}
	return rc;
}
