/* What the command line asked for, after option parsing and the selection
 * model of iproute2 6.1 (spec §1.3). */
#ifndef SS_OPTS_H
#define SS_OPTS_H
#include "record.h"

enum ss_flag {
	F_NUMERIC = 1 << 0,
	F_RESOLVE = 1 << 1,
	F_NOHEADER = 1 << 2,
	F_ONELINE = 1 << 3,
	F_PROCESS = 1 << 4,	/* -p or -T: users:(...) */
	F_THREADS = 1 << 5,	/* -T */
	F_SUMMARY = 1 << 6,	/* -s */
	F_TIMERS = 1 << 7,	/* -o */
	F_EXT = 1 << 8,		/* -e */
	F_MEM = 1 << 9,		/* -m */
};
#define F_DETAILS (F_TIMERS | F_EXT | F_MEM)
#define F_CGROUP (1 << 10)	/* --cgroup: inet rows only, as in 6.1 */
#define F_TOS (1 << 11)		/* --tos: inet rows only */
#define F_SOCKOPT (1 << 12)	/* --inet-sockopt: inet rows only */
#define F_INFO (1 << 16)	/* -i: TCP stats (SS_TCPINFO) */
#define F_BPF (1 << 20)		/* -b: packet filters */
#define F_TIPCINFO (1 << 21)	/* --tipcinfo */

#define ALL_STATES 0x0fffu
#define TCPF(s) (1u << (s))
#define CONN_STATES (ALL_STATES & ~(TCPF(SS_LISTEN) | TCPF(SS_CLOSE) | \
			TCPF(SS_TIME_WAIT) | TCPF(SS_SYN_RECV)))

struct ss_opts {
	unsigned tables;	/* bit per enum ss_table */
	unsigned families;	/* bit per enum ss_family */
	unsigned states;	/* the final state mask */
	unsigned state_filter;	/* -a, -l and state words; 0 = none */
	unsigned flags;		/* enum ss_flag */
	int preferred;		/* enum ss_family, -1 if none */
	int do_default;		/* no table or family option seen */
	int seen_query;		/* the first -A has reset the tables */
	int nwords;		/* words left after options: state words, filter */
	char **words;
	const char *filter_file;	/* -F FILE, "-..." for stdin */
	const char *dump_file;		/* -D FILE, "-..." for stdout */
};

/* Parses argv; exits on errors, -h and -V exactly as iproute2 does. */
void opts_parse(struct ss_opts *o, int argc, char **argv);

/* State words, defaults, merge and the empty-selection checks (§1.3 steps
 * 3-7).  Returns -1 to go on, else the exit status to end with. */
int opts_select(struct ss_opts *o);

/* Usage text to fd (1 for -h, 2 after an error). */
void opts_usage(int fd);

#endif
