/* The user-space filter stage (spec §6.4): every record of every source
 * passes here, once, before it is formatted.  Filter expressions (spec §6):
 * the parsed tree, its user-space evaluation and its compilation to
 * inet_diag bytecode. */
#ifndef SS_FILTER_H
#define SS_FILTER_H
#include <stddef.h>
#include <stdint.h>
#include "record.h"
#include "opts.h"

/* 1 if r is to be shown: its table and family are selected (the parts of
 * the selection a dump cannot apply: unix and vsock types share one dump,
 * a legacy TCP dump answers for both families; a TCPDIAG_FILE recording is
 * shown whole, spec §8.4) and it matches the filter expression. */
int filter_match(const struct sock_rec *r, const struct ss_opts *o);

/* Address family numbers (Linux), without <sys/socket.h>'s namespace. */
#define AF_UNSPEC_ 0
#define AF_UNIX_ 1
#define AF_INET_ 2
#define AF_INET6_ 10
#define AF_NETLINK_ 16
#define AF_PACKET_ 17
#define AF_TIPC_ 30
#define AF_VSOCK_ 40
#define AF_XDP_ 44

/* Node types; > / < / != are desugared into NOT (§6.2). */
enum fn_type {
	FN_AND, FN_OR, FN_NOT, FN_SCOND, FN_DCOND, FN_S_GE, FN_S_LE,
	FN_D_GE, FN_D_LE, FN_AUTO, FN_DEV, FN_MARK, FN_CGROUP
};

/* One address of a host condition.  inet: network-order bytes; packet,
 * netlink, vsock: one host-order word (ethertype, protocol, cid). */
struct fn_addr {
	uint8_t family;		/* AF_INET, AF_INET6, or the condition's family */
	uint8_t bitlen;		/* leading bits compared; 0: any address */
	uint8_t pad[2];
	uint32_t w[4];
};

struct fnode {
	uint8_t type;		/* enum fn_type */
	uint8_t fam;		/* host conditions: AF_UNSPEC, AF_INET, ... AF_UNIX */
	uint16_t naddr;		/* host conditions: entries of addr[] */
	int32_t port;		/* host and port conditions; -1: any */
	union {
		struct fnode *kid[2];	/* AND, OR: both; NOT: kid[0] */
		uint32_t ifindex;	/* DEV */
		uint32_t mark[2];	/* MARK: value, mask */
		uint64_t cgroup;	/* CGROUP */
		const char *pattern;	/* host condition of family AF_UNIX */
	} u;
	struct fn_addr addr[];	/* host conditions: each resolved address */
};

/* What the parser needs from the selection and may change in it (§6.3). */
struct filter_env {
	unsigned tables;	/* bit per enum ss_table: which services to look up */
	unsigned *families;	/* narrowed to one family by a prefixed operand */
	int preferred;		/* enum ss_family, -1: none (AF_UNSPEC) */
};

/* Parses words (each split on blanks) then the lines of file (NULL: none;
 * "-..." is stdin) into the filter (§6.1-6.3).  Exits as 6.1 does on
 * errors: operand errors 1, syntax and -F errors 255.  Returns the tree,
 * NULL for an empty expression. */
struct fnode *filter_parse(struct filter_env *env, char **words, int nwords, const char *file);

/* The run's filter, NULL if none (set by filter_parse), and the number
 * of nodes parsed. */
extern struct fnode *filter_root;
extern unsigned filter_nodes;

/* Whether record r passes tree f (§6.4); 1 when f is NULL. */
int filter_eval(const struct fnode *f, const struct sock_rec *r);

/* Compiles f into inet_diag bytecode (§6.5) in buf (size cap): the
 * program length in bytes, 0 when f cannot be compiled (a dev condition,
 * a non-inet operand) or does not fit: then nothing is sent. */
size_t filter_compile(const struct fnode *f, uint8_t *buf, size_t cap);

/* A source port and a destination port (host order, 0: none) that every
 * socket passing f has: the kernel's TCP walk skips other sockets before it
 * even runs the bytecode (the request's socket id, spec §6.5). */
void filter_ports(const struct fnode *f, uint16_t *sport, uint16_t *dport);

/* The run's filter compiled once, for every inet dump; length 0 if none. */
size_t filter_bytecode(const uint8_t **prog);

/* -D, then the expression words and -F file of the options (§1.3 steps
 * 8-9): -1 to go on, else the exit status to end with. */
int filter_setup(struct ss_opts *o);

#endif
