/* The socket tables and families of iproute2 6.1 (spec §1.3), and which of
 * them this build can show. */
#ifndef SS_TABLES_H
#define SS_TABLES_H
#include "record.h"
#include "opts.h"
#include "config.h"

struct table_info {
	char netid[6];		/* column 0 text */
	unsigned short states;	/* default states */
	unsigned char families;	/* default families */
};

struct family_info {
	unsigned short states;	/* OR-ed in when the family is selected */
	unsigned short tables;	/* pulled in at merge */
};

extern const struct table_info table_info[TAB_MAX];
extern const struct family_info family_info[FAM_MAX];

#define TB(t) (1u << (t))
#define TABLES_INET (TB(TAB_TCP) | TB(TAB_MPTCP) | TB(TAB_UDP) | TB(TAB_DCCP) | \
		     TB(TAB_SCTP) | TB(TAB_RAW))
/* Tables this build can list (bit per enum ss_table): the tables of the
 * source table rows (applet/source.c) whose switch is on. */
#define TABLES_BUILT (TB(TAB_TCP) | TB(TAB_UDP) | TB(TAB_DCCP) | TB(TAB_RAW) | \
	(CONFIG_SS_MPTCP ? TB(TAB_MPTCP) : 0) | \
	(CONFIG_SS_UNIX ? TB(TAB_UNIX_ST) | TB(TAB_UNIX_DG) | TB(TAB_UNIX_SQ) : 0) | \
	(CONFIG_SS_PACKET ? TB(TAB_PACKET_R) | TB(TAB_PACKET_DG) : 0) | \
	(CONFIG_SS_NETLINK ? TB(TAB_NETLINK) : 0) | \
	(CONFIG_SS_SCTP ? TB(TAB_SCTP) : 0) | \
	(CONFIG_SS_VSOCK ? TB(TAB_VSOCK_ST) | TB(TAB_VSOCK_DG) : 0) | \
	(CONFIG_SS_TIPC ? TB(TAB_TIPC) : 0) | (CONFIG_SS_XDP ? TB(TAB_XDP) : 0))

/* -A name (table or group) to a table mask; 0 if unknown. */
unsigned table_group(const char *name);
int table_is_group(const char *name);
int family_built(int fam);

#endif
