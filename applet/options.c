/* The 6.1 command line: GNU getopt_long semantics (permutation, clusters,
 * unique long prefixes, glibc's messages) hand-rolled, because musl's
 * getopt words its errors differently and we print glibc's. */
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "opts.h"
#include "errmsg.h"
#include "out.h"
#include "tables.h"
#include "env.h"
#include "filter_names.h"

#define SS_VERSION "ss utility, ss-tiny-0.1.0"

enum {	/* long-only options, above any char */
	O_TIPC = 256, O_VSOCK, O_XDP, O_TIPCINFO, O_TOS, O_CGROUP, O_SOCKOPT
};

struct longopt {
	const char *name;
	unsigned char has_arg;
	short code;
};

/* In 6.1's order: ambiguity messages list candidates in this order. */
static const struct longopt longopts[] = {
	{ "numeric", 0, 'n' }, { "resolve", 0, 'r' }, { "options", 0, 'o' },
	{ "extended", 0, 'e' }, { "memory", 0, 'm' }, { "info", 0, 'i' },
	{ "processes", 0, 'p' }, { "threads", 0, 'T' }, { "bpf", 0, 'b' },
	{ "events", 0, 'E' }, { "dccp", 0, 'd' }, { "tcp", 0, 't' },
	{ "sctp", 0, 'S' }, { "udp", 0, 'u' }, { "raw", 0, 'w' },
	{ "unix", 0, 'x' }, { "tipc", 0, O_TIPC }, { "vsock", 0, O_VSOCK },
	{ "all", 0, 'a' }, { "listening", 0, 'l' }, { "ipv4", 0, '4' },
	{ "ipv6", 0, '6' }, { "packet", 0, '0' }, { "family", 1, 'f' },
	{ "socket", 1, 'A' }, { "query", 1, 'A' }, { "summary", 0, 's' },
	{ "diag", 1, 'D' }, { "filter", 1, 'F' }, { "version", 0, 'V' },
	{ "help", 0, 'h' }, { "context", 0, 'Z' }, { "contexts", 0, 'z' },
	{ "net", 1, 'N' }, { "tipcinfo", 0, O_TIPCINFO }, { "tos", 0, O_TOS },
	{ "cgroup", 0, O_CGROUP }, { "kill", 0, 'K' }, { "no-header", 0, 'H' },
	{ "xdp", 0, O_XDP }, { "mptcp", 0, 'M' }, { "oneline", 0, 'O' },
	{ "inet-sockopt", 0, O_SOCKOPT },
};
#define NLONG (sizeof(longopts) / sizeof(longopts[0]))

static const char shortopts[] = "dhaletuwxnro460spTbEf:mMiA:D:F:vVzZN:KHSO";

static const char *prog = "ss";

/* strchr() without musl's word-at-a-time strchrnul: these strings are short. */
static char *find(const char *s, int c)
{
	for (; *s; s++)
		if (*s == c)
			return (char *)s;
	return NULL;
}

static const char help_text[] =
#if !CONFIG_SS_HELP
	"Usage: ss [ -hVnalHO46tudw"
#if CONFIG_SS_MPTCP
	"M"
#endif
#if CONFIG_SS_UNIX
	"x"
#endif
#if CONFIG_SS_PACKET
	"0"
#endif
#if CONFIG_SS_SCTP
	"S"
#endif
	" ]"
#if CONFIG_SS_RESOLVE
	" [ -r ]"
#endif
#if CONFIG_SS_PROCESS
	" [ -pT ]"
#endif
#if CONFIG_SS_SUMMARY
	" [ -s ]"
#endif
#if CONFIG_SS_DETAILS
	" [ -oemb ] [ --tos ] [ --cgroup ] [ --inet-sockopt ]"
#endif
	" [ -f FAMILY ] [ -A QUERY ]"
#if CONFIG_SS_FILTER
	" [ -D FILE ] [ -F FILE ] [ state STATE ] [ EXPRESSION ]\n";
#else
	" [ state STATE ]\n";
#endif
#else
	"Usage: ss [ OPTIONS ]\n"
	"       ss [ OPTIONS ] [ FILTER ]\n"
	"   -h, --help          this message\n"
	"   -V, --version       output version information\n"
	"   -n, --numeric       don't resolve service names\n"
#if CONFIG_SS_RESOLVE
	"   -r, --resolve       resolve host names\n"
#endif
	"   -a, --all           display all sockets\n"
	"   -l, --listening     display listening sockets\n"
#if CONFIG_SS_DETAILS
	"   -o, --options       show timer information\n"
	"   -e, --extended      show detailed socket information\n"
	"   -m, --memory        show socket memory usage\n"
#endif
#if CONFIG_SS_PROCESS
	"   -p, --processes     show process using socket\n"
	"   -T, --threads       show thread using socket\n"
#endif
#if CONFIG_SS_TCPINFO
	"   -i, --info          show internal TCP information\n"
#endif
#if CONFIG_SS_DETAILS && CONFIG_SS_TIPC
	"       --tipcinfo      show internal tipc socket information\n"
#endif
#if CONFIG_SS_SUMMARY
	"   -s, --summary       show socket usage summary\n"
#endif
#if CONFIG_SS_DETAILS
	"       --tos           show tos and priority information\n"
	"       --cgroup        show cgroup information\n"
	"   -b, --bpf           show bpf filter socket information\n"
#endif
	"\n"
	"   -4, --ipv4          display only IP version 4 sockets\n"
	"   -6, --ipv6          display only IP version 6 sockets\n"
#if CONFIG_SS_PACKET
	"   -0, --packet        display PACKET sockets\n"
#endif
	"   -t, --tcp           display only TCP sockets\n"
#if CONFIG_SS_MPTCP
	"   -M, --mptcp         display only MPTCP sockets\n"
#endif
#if CONFIG_SS_SCTP
	"   -S, --sctp          display only SCTP sockets\n"
#endif
	"   -u, --udp           display only UDP sockets\n"
	"   -d, --dccp          display only DCCP sockets\n"
	"   -w, --raw           display only RAW sockets\n"
#if CONFIG_SS_UNIX
	"   -x, --unix          display only Unix domain sockets\n"
#endif
#if CONFIG_SS_TIPC
	"       --tipc          display only TIPC sockets\n"
#endif
#if CONFIG_SS_VSOCK
	"       --vsock         display only vsock sockets\n"
#endif
#if CONFIG_SS_XDP
	"       --xdp           display only XDP sockets\n"
#endif
	"   -f, --family=FAMILY display sockets of type FAMILY\n"
	"       FAMILY := {inet|inet6"
#if CONFIG_SS_PACKET
	"|link"
#endif
#if CONFIG_SS_UNIX
	"|unix"
#endif
#if CONFIG_SS_NETLINK
	"|netlink"
#endif
#if CONFIG_SS_VSOCK
	"|vsock"
#endif
#if CONFIG_SS_TIPC
	"|tipc"
#endif
#if CONFIG_SS_XDP
	"|xdp"
#endif
	"|help}\n"
	"\n"
	"   -H, --no-header     Suppress header line\n"
	"   -O, --oneline       socket's data printed on a single line\n"
#if CONFIG_SS_DETAILS
	"       --inet-sockopt  show various inet socket options\n"
#endif
	"\n"
	"   -A, --query=QUERY, --socket=QUERY\n"
	"       QUERY := {all|inet|tcp"
#if CONFIG_SS_MPTCP
	"|mptcp"
#endif
	"|udp|raw"
#if CONFIG_SS_UNIX
	"|unix|unix_dgram|unix_stream|unix_seqpacket"
#endif
#if CONFIG_SS_PACKET
	"|packet|packet_raw|packet_dgram"
#endif
#if CONFIG_SS_NETLINK
	"|netlink"
#endif
	"|dccp"
#if CONFIG_SS_SCTP
	"|sctp"
#endif
#if CONFIG_SS_VSOCK
	"|vsock_stream|vsock_dgram"
#endif
#if CONFIG_SS_TIPC
	"|tipc"
#endif
#if CONFIG_SS_XDP
	"|xdp"
#endif
	"}[,QUERY]\n"
	"\n"
#if CONFIG_SS_FILTER
	"   -D, --diag=FILE     Dump raw information about TCP sockets to FILE\n"
	"   -F, --filter=FILE   read filter information from FILE\n"
	"       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]\n"
#else
	"       FILTER := [ state STATE-FILTER ]\n"
#endif
	"       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}\n"
	"         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}\n"
	"          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n"
	"       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n"
	"             bucket := {syn-recv|time-wait}\n"
	"                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}\n"
	"\n"
	"Options of iproute2 ss not listed here are not supported by this build.\n"
#if !CONFIG_SS_LONGOPTS
	"Long option names (--tcp ...) are not supported by this build either.\n"
#endif
	;
#endif

void opts_usage(int fd)
{
	if (fd == 1)	/* stdout's write errors are reported as the table's */
		out_write(help_text, sizeof(help_text) - 1);
	else if (write(fd, help_text, sizeof(help_text) - 1) < 0)
		return;
}

static _Noreturn void usage_fail(void)
{
	opts_usage(2);
	_exit(255);
}

static _Noreturn void unsupported(const char *kind, const char *what)
{
	errs("ss: ", kind, what, " is not supported in this build");
	_exit(255);
}

static void add_table(struct ss_opts *o, int t)
{
	o->tables |= 1u << t;
	o->states |= table_info[t].states;
	o->do_default = 0;
}

static void add_family(struct ss_opts *o, int f)
{
	o->families |= 1u << f;
	o->states |= family_info[f].states;
	o->do_default = 0;
	o->preferred = f;
}

static void opt_family(struct ss_opts *o, const char *arg)
{
	static const char *const names[FAM_MAX] = {
		"inet", "inet6", "unix", "link", "netlink", "vsock", "tipc", "xdp"
	};

	if (!strcmp(arg, "help")) {
		opts_usage(1);
		_exit(0);
	}
	for (int f = 0; f < FAM_MAX; f++) {
		if (strcmp(arg, names[f]))
			continue;
		if (!family_built(f))
			unsupported("family ", arg);
		add_family(o, f);
		return;
	}
	errs("ss: \"", arg, "\" is invalid family");
	usage_fail();
}

/* One -A item, maybe "!"-prefixed; a group or table name. */
static int query_item(struct ss_opts *o, const char *s)
{
	int enable = 1;
	unsigned mask;

	if (*s == '!')
		enable = 0, s++;
	mask = table_group(s);
	if (!mask)
		return -1;
	if (enable && !(mask & TABLES_BUILT) && !table_is_group(s))
		unsupported("socket table ", s);
	for (int t = 0; t < TAB_MAX; t++) {
		if (!(mask & (1u << t)))
			continue;
		if (enable)
			add_table(o, t);
		else
			o->tables &= ~(1u << t);
	}
	o->do_default = 0;
	return 0;
}

static void opt_query(struct ss_opts *o, char *arg)
{
	if (!o->seen_query) {
		o->tables = 0;
		if (!o->state_filter)
			o->state_filter = CONN_STATES;
		o->seen_query = 1;
		o->do_default = 0;
	}
	for (char *p = arg, *comma;; p = comma + 1) {
		comma = find(p, ',');
		if (comma)
			*comma = 0;
		if (query_item(o, p)) {
			errs("ss: \"", p, "\" is illegal socket table id");
			usage_fail();
		}
		if (!comma)
			break;
	}
}

/* -F: opened now, as 6.1 does while it reads the options. */
static void opt_filter_file(struct ss_opts *o, const char *arg)
{
	if (o->filter_file) {
		errs("More than one filter file");
		_exit(255);
	}
	if (arg[0] != '-' && access(arg, R_OK)) {
		errs("fopen filter file: ", filter_strerror());
		_exit(255);
	}
	o->filter_file = arg;
}

static void apply(struct ss_opts *o, int c, char *arg, const char *longname)
{
	switch (c) {
	case 'n': o->flags |= F_NUMERIC; return;
	case 'r':
		if (!CONFIG_SS_RESOLVE)
			break;
		o->flags |= F_RESOLVE;
		return;
	case 'p': case 'T':
		if (!CONFIG_SS_PROCESS)
			break;
		o->flags |= F_PROCESS | (c == 'T' ? F_THREADS : 0);
		return;
	case 's':
		if (!CONFIG_SS_SUMMARY)
			break;
		o->flags |= F_SUMMARY;
		return;
	case 'a': o->state_filter = ALL_STATES; return;
	case 'l': o->state_filter = TCPF(SS_LISTEN) | TCPF(SS_CLOSE); return;
	case 'H': o->flags |= F_NOHEADER; return;
	case 'O': o->flags |= F_ONELINE; return;
	case 'o': if (CONFIG_SS_DETAILS) { o->flags |= F_TIMERS; return; } break;
	case 'e': if (CONFIG_SS_DETAILS) { o->flags |= F_EXT | F_TIMERS; return; } break;	/* 6.1: -e implies -o */
	case 'm': if (CONFIG_SS_DETAILS) { o->flags |= F_MEM; return; } break;
	case 'i': if (CONFIG_SS_TCPINFO) { o->flags |= F_INFO; return; } break;
	case O_TOS: if (CONFIG_SS_DETAILS) { o->flags |= F_TOS; return; } break;
	case O_CGROUP: if (CONFIG_SS_DETAILS) { o->flags |= F_CGROUP; return; } break;
	case O_SOCKOPT: if (CONFIG_SS_DETAILS) { o->flags |= F_SOCKOPT; return; } break;
	case 'b': if (CONFIG_SS_DETAILS) { o->flags |= F_BPF | F_TIMERS; return; } break;	/* 6.1: -b implies -o */
	case O_TIPCINFO: if (CONFIG_SS_DETAILS && CONFIG_SS_TIPC) { o->flags |= F_TIPCINFO; return; } break;
	case 'h':
		opts_usage(1);
		_exit(0);
	case 'v': case 'V':
		out_write(SS_VERSION "\n", sizeof(SS_VERSION));
		_exit(0);
	case 't': add_table(o, TAB_TCP); return;
	case 'u': add_table(o, TAB_UDP); return;
	case 'w': add_table(o, TAB_RAW); return;
	case 'd': add_table(o, TAB_DCCP); return;
	case 'M': if (CONFIG_SS_MPTCP) { add_table(o, TAB_MPTCP); return; } break;
	/* a family compiled out falls through to "not supported" */
	case 'x': if (CONFIG_SS_UNIX) { add_family(o, FAM_UNIX); return; } break;
	case '0': if (CONFIG_SS_PACKET) { add_family(o, FAM_PACKET); return; } break;
	case 'S': if (CONFIG_SS_SCTP) { add_table(o, TAB_SCTP); return; } break;
	case O_VSOCK: if (CONFIG_SS_VSOCK) { add_family(o, FAM_VSOCK); return; } break;
	case O_TIPC: if (CONFIG_SS_TIPC) { add_family(o, FAM_TIPC); return; } break;
	case O_XDP: if (CONFIG_SS_XDP) { add_family(o, FAM_XDP); return; } break;
	case '4': add_family(o, FAM_INET); return;
	case '6': add_family(o, FAM_INET6); return;
	case 'f': opt_family(o, arg); return;
	case 'A': opt_query(o, arg); return;
	case 'F':
		if (!CONFIG_SS_FILTER)
			break;
		opt_filter_file(o, arg);
		return;
	case 'D':
		if (!CONFIG_SS_FILTER)
			break;
		o->dump_file = arg;
		return;
	}
	if (longname)
		unsupported("option --", longname);
	char one[2] = { (char)c, 0 };
	unsupported("option -", one);
}

static _Noreturn void long_error(const char *fmt1, const char *name, const char *fmt2)
{
	errs(prog, fmt1, name, fmt2);
	usage_fail();
}

/* "--name[=value]" at argv[*i]; consumes its argument. */
static void parse_long(struct ss_opts *o, int argc, char **argv, int *i)
{
	char *s = argv[*i] + 2, *eq = find(s, '=');
	size_t len = eq ? (size_t)(eq - s) : strlen(s);
	const struct longopt *hit = NULL;
	int ambiguous = 0;

	if (!CONFIG_SS_LONGOPTS) {
		errs("ss: long options are not supported in this build: '", argv[*i], "'");
		usage_fail();
	}
	for (size_t k = 0; k < NLONG; k++) {
		const struct longopt *l = &longopts[k];
		if (strncmp(l->name, s, len))
			continue;
		if (strlen(l->name) == len) {
			hit = l;
			ambiguous = 0;
			break;
		}
		if (!hit)
			hit = l;
		else if (hit->code != l->code || hit->has_arg != l->has_arg)
			ambiguous = 1;
	}
	if (ambiguous) {
		/* glibc lists the first match and each that differs from it */
		char buf[NLONG * 20];	/* " '--" name "'", names are at most 12 */
		size_t n = 0;
		for (size_t k = 0; k < NLONG; k++) {
			const struct longopt *l = &longopts[k];
			size_t nl = strlen(l->name);
			if (strncmp(l->name, s, len) ||
			    (l != hit && l->code == hit->code && l->has_arg == hit->has_arg))
				continue;
			memcpy(buf + n, " '--", 4);
			memcpy(buf + n + 4, l->name, nl);
			n += 4 + nl;
			buf[n++] = '\'';
		}
		buf[n] = 0;
		errs(prog, ": option '--", s, "' is ambiguous; possibilities:", buf);
		usage_fail();
	}
	if (!hit)
		long_error(": unrecognized option '--", s, "'");
	char *arg = NULL;
	if (hit->has_arg) {
		if (eq)
			arg = eq + 1;
		else if (*i + 1 < argc)
			arg = argv[++*i];
		else
			long_error(": option '--", hit->name, "' requires an argument");
	} else if (eq) {
		long_error(": option '--", hit->name, "' doesn't allow an argument");
	}
	apply(o, hit->code, arg, hit->name);
}

/* A cluster "-abc" or "-fARG" / "-f ARG" at argv[*i]. */
static void parse_short(struct ss_opts *o, int argc, char **argv, int *i)
{
	char *s = argv[*i] + 1;

	while (*s) {
		char c = *s++, one[2] = { c, 0 };
		const char *spec = c == ':' ? NULL : find(shortopts, c);
		if (!spec) {
			errs(prog, ": invalid option -- '", one, "'");
			usage_fail();
		}
		if (spec[1] != ':') {
			apply(o, c, NULL, NULL);
			continue;
		}
		char *arg = s;
		if (!*arg) {
			if (*i + 1 >= argc) {
				errs(prog, ": option requires an argument -- '", one, "'");
				usage_fail();
			}
			arg = argv[++*i];
		}
		apply(o, c, arg, NULL);
		return;
	}
}

void opts_parse(struct ss_opts *o, int argc, char **argv)
{
	/* GNU: options end at the first word if so asked */
	int posix = CONFIG_SS_LONGOPTS && env_get("POSIXLY_CORRECT") != NULL;

	memset(o, 0, sizeof(*o));
	o->preferred = -1;
	o->do_default = 1;
	if (argc > 0 && argv[0])
		prog = argv[0];
	/* Non-option words are kept in order in argv's own slots: permutation. */
	o->words = argv + 1;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if ((a[0] != '-' || !a[1]) && posix) {
			while (i < argc)
				o->words[o->nwords++] = argv[i++];
		} else if (a[0] != '-' || !a[1]) {
			o->words[o->nwords++] = a;
		} else if (a[1] == '-' && !a[2]) {
			while (++i < argc)
				o->words[o->nwords++] = argv[i];
		} else if (a[1] == '-') {
			parse_long(o, argc, argv, &i);
		} else {
			parse_short(o, argc, argv, &i);
		}
	}
}
