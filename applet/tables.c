#include <string.h>
#include "tables.h"

#define FB(f) (1u << (f))
#define INET_FAMS (FB(FAM_INET) | FB(FAM_INET6))
#define ESTAB TCPF(SS_ESTABLISHED)
#define CLOSE TCPF(SS_CLOSE)

const struct table_info table_info[TAB_MAX] = {
	[TAB_TCP] = { "tcp", CONN_STATES, INET_FAMS },
	[TAB_DCCP] = { "dccp", CONN_STATES, INET_FAMS },
	[TAB_UDP] = { "udp", ESTAB, INET_FAMS },
	[TAB_RAW] = { "raw", ESTAB, INET_FAMS },
	[TAB_UNIX_DG] = { "u_dgr", CLOSE, FB(FAM_UNIX) },
	[TAB_UNIX_ST] = { "u_str", CONN_STATES, FB(FAM_UNIX) },
	[TAB_UNIX_SQ] = { "u_seq", CONN_STATES, FB(FAM_UNIX) },
	[TAB_PACKET_DG] = { "p_dgr", CLOSE, FB(FAM_PACKET) },
	[TAB_PACKET_R] = { "p_raw", CLOSE, FB(FAM_PACKET) },
	[TAB_NETLINK] = { "nl", CLOSE, FB(FAM_NETLINK) },
	[TAB_SCTP] = { "sctp", CONN_STATES, INET_FAMS },
	[TAB_VSOCK_ST] = { "v_str", CONN_STATES, FB(FAM_VSOCK) },
	[TAB_VSOCK_DG] = { "v_dgr", CONN_STATES, FB(FAM_VSOCK) },
	[TAB_TIPC] = { "tipc", ESTAB | TCPF(SS_LISTEN) | CLOSE, FB(FAM_TIPC) },
	[TAB_XDP] = { "xdp", CLOSE, FB(FAM_XDP) },
	[TAB_MPTCP] = { "mptcp", CONN_STATES, INET_FAMS },
};

const struct family_info family_info[FAM_MAX] = {
	[FAM_INET] = { CONN_STATES, TABLES_INET },
	[FAM_INET6] = { CONN_STATES, TABLES_INET },
	[FAM_UNIX] = { CONN_STATES, TB(TAB_UNIX_ST) | TB(TAB_UNIX_DG) | TB(TAB_UNIX_SQ) },
	[FAM_PACKET] = { CLOSE, TB(TAB_PACKET_R) | TB(TAB_PACKET_DG) },
	[FAM_NETLINK] = { CLOSE, TB(TAB_NETLINK) },
	[FAM_VSOCK] = { CONN_STATES, TB(TAB_VSOCK_ST) | TB(TAB_VSOCK_DG) },
	[FAM_TIPC] = { ESTAB | TCPF(SS_LISTEN) | CLOSE, TB(TAB_TIPC) },
	[FAM_XDP] = { CLOSE, TB(TAB_XDP) },
};

/* -A names: NUL-separated, each followed by its mask in the same order. */
static const char group_names[] =
	"all\0inet\0udp\0tcp\0mptcp\0raw\0unix\0unix_stream\0u_str\0"
	"unix_dgram\0u_dgr\0unix_seqpacket\0u_seq\0packet\0packet_raw\0p_raw\0"
	"packet_dgram\0p_dgr\0netlink\0dccp\0sctp\0vsock\0vsock_stream\0v_str\0"
	"vsock_dgram\0v_dgr\0xdp\0tipc\0";
#define UNIX_TABS (TB(TAB_UNIX_ST) | TB(TAB_UNIX_DG) | TB(TAB_UNIX_SQ))
#define PACKET_TABS (TB(TAB_PACKET_R) | TB(TAB_PACKET_DG))
#define VSOCK_TABS (TB(TAB_VSOCK_ST) | TB(TAB_VSOCK_DG))
static const unsigned short group_masks[] = {
	TABLES_INET | UNIX_TABS | PACKET_TABS | TB(TAB_NETLINK) | VSOCK_TABS | TB(TAB_XDP),
	TABLES_INET, TB(TAB_UDP), TB(TAB_TCP), TB(TAB_MPTCP), TB(TAB_RAW),
	UNIX_TABS, TB(TAB_UNIX_ST), TB(TAB_UNIX_ST), TB(TAB_UNIX_DG), TB(TAB_UNIX_DG),
	TB(TAB_UNIX_SQ), TB(TAB_UNIX_SQ), PACKET_TABS, TB(TAB_PACKET_R), TB(TAB_PACKET_R),
	TB(TAB_PACKET_DG), TB(TAB_PACKET_DG), TB(TAB_NETLINK), TB(TAB_DCCP), TB(TAB_SCTP),
	VSOCK_TABS, TB(TAB_VSOCK_ST), TB(TAB_VSOCK_ST), TB(TAB_VSOCK_DG), TB(TAB_VSOCK_DG),
	TB(TAB_XDP), TB(TAB_TIPC),
};

unsigned table_group(const char *name)
{
	const char *g = group_names;

	for (size_t i = 0; i < sizeof(group_masks) / sizeof(group_masks[0]); i++) {
		if (!strcmp(g, name))
			return group_masks[i];
		g += strlen(g) + 1;
	}
	return 0;
}

int table_is_group(const char *name)
{
	return !strcmp(name, "all") || !strcmp(name, "inet");
}

int family_built(int fam)
{
	return (family_info[fam].tables & TABLES_BUILT) != 0;
}
