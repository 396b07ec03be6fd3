/* Where records come from: one table, one row per socket table in 6.1's
 * dump order (spec §1.3 step 10), each with its dump, its /proc/net file and
 * the variable that forces it, its Kconfig switch (spec §7.4, §8.6).  main()
 * asks this table; nothing else knows where a record came from. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include "config.h"
#include "source.h"
#include "tables.h"
#include "env.h"
#include "errmsg.h"
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
	char env[17];		/* PROC_NET_X: read /proc/net/x (or the file it names)
				 * instead of asking the kernel; TCPDIAG_FILE: replay;
				 * "": none */
	unsigned char kind;	/* enum src_kind */
	unsigned char flags;	/* enum src_flag */
	unsigned char diag;	/* SRC_DIAG: its index in diag_fns[] */
	unsigned short tables;	/* the tables this row answers for */
};

enum src_flag {
	SF_PROC = 1,	/* has /proc/net/x: "PROC_NET_X" lower-cased (inet: x6 too) */
	SF_CLOSE = 2,	/* dumped only when CLOSE is asked for, as in 6.1 */
};

#define FB(f) (1u << (f))
#define INET_FAMS (FB(FAM_INET) | FB(FAM_INET6))

/* The /proc/net text readers exist only with SS_PROCFS; without it the
 * variables that force them are ignored and a table that would fall back
 * is an error (SRC_LOST). */
#define TEXT(on, f) (CONFIG_SS_PROCFS && (on) ? (f) : NULL)
#define SRC_LOST (-4096)	/* below every -errno a dump returns */

static int forced(const char *env)
{
	return CONFIG_SS_PROCFS && procnet_forced(env);
}

/* Whether a dump's -errno says sock_diag cannot serve the table at all
 * (spec §7.4): no socket (EPROTONOSUPPORT, EAFNOSUPPORT, EACCES, EPERM:
 * old kernel, seccomp, LSM) or no handler (ENOENT, EOPNOTSUPP, EINVAL:
 * module missing).  Any other failure (ENOBUFS, EIO...) may come after
 * rows were shown: reading /proc then would show them twice. */
static int unavailable(int r)
{
	static const unsigned char e[] = { EPERM, ENOENT, EACCES, EINVAL,
					   EPROTONOSUPPORT, EOPNOTSUPP, EAFNOSUPPORT };

	return r > -256 && memchr(e, -r, sizeof(e)) != NULL;
}

/* Whether any SRC_DIAG row is compiled in. */
#define DIAG_BUILT (CONFIG_SS_UNIX || CONFIG_SS_PACKET || CONFIG_SS_NETLINK || \
		    CONFIG_SS_VSOCK || CONFIG_SS_XDP || CONFIG_SS_TIPC)

/* The dump and /proc reader of each SRC_DIAG row (apart: the inet rows,
 * all of allnoconfig's, need no pointers). */
static const struct {
	int (*dump)(const struct sock_query *q, rec_cb cb, void *arg);
	int (*text)(const char *path, const struct sock_query *q, rec_cb cb, void *arg);
} diag_fns[] = {
	[0] = { CONFIG_SS_NETLINK ? netlink_dump : NULL,
		TEXT(CONFIG_SS_NETLINK, procnet_read_netlink) },
	[1] = { CONFIG_SS_PACKET ? packet_dump : NULL, TEXT(CONFIG_SS_PACKET, procnet_read_packet) },
	[2] = { CONFIG_SS_UNIX ? unix_dump : NULL, TEXT(CONFIG_SS_UNIX, procnet_read_unix) },
	[3] = { CONFIG_SS_VSOCK ? vsock_dump : NULL, NULL },
	[4] = { CONFIG_SS_TIPC ? tipc_dump : NULL, NULL },
	[5] = { CONFIG_SS_XDP ? xdp_dump : NULL, NULL },
};

/* A row per table; rows of switched-off families are not compiled in. */
static const struct source sources[] = {
#if CONFIG_SS_NETLINK
	{ "PROC_NET_NETLINK", SRC_DIAG, SF_PROC | SF_CLOSE, 0, TB(TAB_NETLINK) },
#endif
#if CONFIG_SS_PACKET
	{ "PROC_NET_PACKET", SRC_DIAG, SF_PROC | SF_CLOSE, 1, TB(TAB_PACKET_R) | TB(TAB_PACKET_DG) },
#endif
#if CONFIG_SS_UNIX
	{ "PROC_NET_UNIX", SRC_DIAG, SF_PROC, 2, TB(TAB_UNIX_ST) | TB(TAB_UNIX_DG) | TB(TAB_UNIX_SQ) },
#endif
	{ "PROC_NET_RAW", SRC_INET, SF_PROC, 0, TB(TAB_RAW) },
	{ "PROC_NET_UDP", SRC_INET, SF_PROC, 0, TB(TAB_UDP) },
	{ "TCPDIAG_FILE", SRC_REPLAY, 0, 0, TB(TAB_TCP) },
	{ "PROC_NET_TCP", SRC_INET, SF_PROC, 0, TB(TAB_TCP) },
	{ "PROC_NET_DCCP", SRC_INET, 0, 0, TB(TAB_DCCP) },
#if CONFIG_SS_SCTP
	{ "PROC_NET_SCTP", SRC_INET, 0, 0, TB(TAB_SCTP) },
#endif
#if CONFIG_SS_VSOCK
	{ "", SRC_DIAG, 0, 3, TB(TAB_VSOCK_ST) | TB(TAB_VSOCK_DG) },
#endif
#if CONFIG_SS_TIPC
	{ "", SRC_DIAG, 0, 4, TB(TAB_TIPC) },
#endif
#if CONFIG_SS_XDP
	{ "", SRC_DIAG, SF_CLOSE, 5, TB(TAB_XDP) },
#endif
#if CONFIG_SS_MPTCP
	{ "PROC_NET_MPTCP", SRC_INET, 0, 0, TB(TAB_MPTCP) },
#endif
};

/* "PROC_NET_TCP" -> "net/tcp" (+ suffix) into b (16 bytes). */
static const char *proc_name(char *b, const char *env, const char *suffix)
{
	size_t n = 4;

	memcpy(b, "net/", 4);
	for (env += 9; *env; env++)
		b[n++] = (char)(*env | 0x20);
	memcpy(b + n, suffix, strlen(suffix) + 1);
	return b;
}

static int table_of(unsigned tables)
{
	int t = 0;

	while (!(tables & 1u << t))
		t++;
	return t;
}

/* /proc/net/<file> then <file>6; a failed IPv4 file ends the table, as in 6.1. */
static int proc_inet(const struct source *s, int table, unsigned fams,
		     const struct sock_query *q, rec_cb cb, void *arg)
{
	char path[PROCNET_PATH], name[16], env6[24];
	size_t e;

	if (!(s->flags & SF_PROC) || !fams)
		return 0;
	if (!CONFIG_SS_PROCFS)
		return SRC_LOST;
	if (fams & FB(FAM_INET)) {
		if (procnet_read_inet(procnet_path(path, sizeof(path), s->env,
						   proc_name(name, s->env, "")),
				      table, AF_INET, q->states, q->want, cb, arg))
			return 0;
	}
	if (fams & FB(FAM_INET6)) {
		e = strlen(s->env);
		memcpy(env6, s->env, e);
		memcpy(env6 + e, "6", 2);
		procnet_read_inet(procnet_path(path, sizeof(path), env6,
					       proc_name(name, s->env, "6")),
				  table, AF_INET6, q->states, q->want, cb, arg);
	}
	return 0;
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
	if (!forced(s->env)) {
		/* a filtered query: one walk for both families (source_both.c) */
		if (CONFIG_SS_BYTECODE && fams == INET_FAMS && !q->want && inet_diag_filtered() &&
		    (table == TAB_TCP || table == TAB_DCCP) &&
		    (rc = inet_dump_both(table, req, cb, arg)) >= 0)
			return rc;
		if (fams & FB(FAM_INET)) {
			int r4 = rc = inet_dump(table, AF_INET, req, q->want, cb, arg);
			if (rc >= 0)
				fams &= ~FB(FAM_INET);
			else if ((rc = inet_dump_legacy(table, q->states, q->want, cb, arg)) >= 0)
				return rc;	/* the legacy request answers for both families */
			else if (!unavailable(r4))
				fams &= ~FB(FAM_INET);	/* no /proc after rows; IPv6 next */
		}
		if ((fams & FB(FAM_INET6)) && !(fams & FB(FAM_INET))) {
			int r6 = inet_dump(table, AF_INET6, req, q->want, cb, arg), rl = -1;
			if (r6 >= 0)
				fams &= ~FB(FAM_INET6);
			else if (!(q->families & FB(FAM_INET)) &&
				 (rl = inet_dump_legacy(table, q->states, q->want, cb, arg)) >= 0)
				return rl;	/* -6 alone: 6.1 retries the legacy request too */
			else if (!unavailable(r6))
				fams &= ~FB(FAM_INET6);
			rc = r6 > rc ? r6 : rc;
		}
	}
	if (proc_inet(s, table, fams, q, cb, arg) == SRC_LOST)
		return SRC_LOST;
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

		if (!(q->tables & s->tables & ~done) ||
		    !(q->families & table_info[table_of(s->tables)].families))
			continue;
		switch (s->kind) {
		case SRC_REPLAY:
			file = env_get(s->env);
			if (!file)
				continue;
			inet_replay(file, q->want, cb, arg);
			break;
		case SRC_DIAG:
			if (!DIAG_BUILT)
				break;
			if ((s->flags & SF_CLOSE) && !(q->states & TCPF(SS_CLOSE)))
				continue;
			r = -1;
			if (!s->env[0] || !forced(s->env))
				r = diag_fns[s->diag].dump(q, cb, arg);
			if (r < 0 && !diag_fns[s->diag].text && (s->flags & SF_PROC))
				r = SRC_LOST;
			else if (r < 0 && diag_fns[s->diag].text && unavailable(r)) {
				char path[PROCNET_PATH], name[16];
				r = diag_fns[s->diag].text(procnet_path(path, sizeof(path), s->env,
							 proc_name(name, s->env, "")), q, cb, arg);
			}
			break;
		case SRC_INET:
			r = run_inet(s, q, cb, arg);
			break;
		}
		done |= s->tables;
		if (r == NL_DUMP_INTR && rc == 0)
			rc = r;
		if (r == SRC_LOST && rc != SRC_LOST) {
			errs("ss: sock_diag netlink failed and this build has no /proc/net "
			     "fallback (SS_PROCFS): some sockets are not listed");
			rc = SRC_LOST;
		}
	}
	return rc;
}
