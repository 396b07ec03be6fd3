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

static const struct {
	const char *name;
	unsigned mask;
} groups[] = {
	{ "all", TABLES_INET | TB(TAB_UNIX_ST) | TB(TAB_UNIX_DG) | TB(TAB_UNIX_SQ) |
		 TB(TAB_PACKET_R) | TB(TAB_PACKET_DG) | TB(TAB_NETLINK) |
		 TB(TAB_VSOCK_ST) | TB(TAB_VSOCK_DG) | TB(TAB_XDP) },
	{ "inet", TABLES_INET },
	{ "udp", TB(TAB_UDP) }, { "tcp", TB(TAB_TCP) }, { "mptcp", TB(TAB_MPTCP) },
	{ "raw", TB(TAB_RAW) },
	{ "unix", TB(TAB_UNIX_ST) | TB(TAB_UNIX_DG) | TB(TAB_UNIX_SQ) },
	{ "unix_stream", TB(TAB_UNIX_ST) }, { "u_str", TB(TAB_UNIX_ST) },
	{ "unix_dgram", TB(TAB_UNIX_DG) }, { "u_dgr", TB(TAB_UNIX_DG) },
	{ "unix_seqpacket", TB(TAB_UNIX_SQ) }, { "u_seq", TB(TAB_UNIX_SQ) },
	{ "packet", TB(TAB_PACKET_R) | TB(TAB_PACKET_DG) },
	{ "packet_raw", TB(TAB_PACKET_R) }, { "p_raw", TB(TAB_PACKET_R) },
	{ "packet_dgram", TB(TAB_PACKET_DG) }, { "p_dgr", TB(TAB_PACKET_DG) },
	{ "netlink", TB(TAB_NETLINK) }, { "dccp", TB(TAB_DCCP) },
	{ "sctp", TB(TAB_SCTP) },
	{ "vsock", TB(TAB_VSOCK_ST) | TB(TAB_VSOCK_DG) },
	{ "vsock_stream", TB(TAB_VSOCK_ST) }, { "v_str", TB(TAB_VSOCK_ST) },
	{ "vsock_dgram", TB(TAB_VSOCK_DG) }, { "v_dgr", TB(TAB_VSOCK_DG) },
	{ "xdp", TB(TAB_XDP) }, { "tipc", TB(TAB_TIPC) },
};

unsigned table_group(const char *name)
{
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (!strcmp(groups[i].name, name))
			return groups[i].mask;
	return 0;
}

int table_is_group(const char *name)
{
	return !strcmp(name, "all") || !strcmp(name, "inet");
}

int family_built(int fam)
{
	return fam == FAM_INET || fam == FAM_INET6;
}
