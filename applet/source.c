/* Where each inet table's records come from: the sock_diag dump, the
 * legacy request on pre-3.3 kernels, else the /proc/net text (spec §7.4). */
#include <string.h>
#include <sys/socket.h>
#include "source.h"
#include "tables.h"
#include "../netlink/inet_diag.h"
#include "../procnet/procnet.h"

/* Per table: the variable that forces /proc text, and the /proc/net file
 * (its IPv6 twin adds "6"); dccp and mptcp have no text fallback. */
static const char *source_env(int table)
{
	switch (table) {
	case TAB_TCP: return "PROC_NET_TCP";
	case TAB_UDP: return "PROC_NET_UDP";
	case TAB_RAW: return "PROC_NET_RAW";
	case TAB_DCCP: return "PROC_NET_DCCP";
	default: return "PROC_NET_MPTCP";
	}
}

/* /proc/net/<file> then <file>6; a failed IPv4 file ends the table, as in 6.1. */
static void proc_inet(int table, unsigned states, unsigned fams, rec_cb cb, void *arg)
{
	const char *env = source_env(table);
	char path[256], name[16] = "net/", env6[16];
	size_t l = strlen(env);

	if (table != TAB_TCP && table != TAB_UDP && table != TAB_RAW)
		return;
	/* "PROC_NET_TCP" -> "net/tcp", "PROC_NET_TCP6" */
	for (size_t i = 9; i < l; i++)
		name[i - 5] = (char)(env[i] | 0x20);
	name[l - 5] = 0;
	if (fams & (1 << FAM_INET)) {
		if (procnet_read_inet(procnet_path(path, sizeof(path), env, name),
				      table, AF_INET, states, cb, arg))
			return;
	}
	if (fams & (1 << FAM_INET6)) {
		memcpy(env6, env, l);
		env6[l] = '6';
		env6[l + 1] = 0;
		name[l - 5] = '6';
		name[l - 4] = 0;
		procnet_read_inet(procnet_path(path, sizeof(path), env6, name),
				  table, AF_INET6, states, cb, arg);
	}
}

void source_inet(int table, unsigned states, unsigned families, rec_cb cb, void *arg)
{
	unsigned req = states, fams = families & ((1u << FAM_INET) | (1u << FAM_INET6));

	/* Hashed TCP sockets are never in CLOSE: dropping the bit lets the
	 * kernel skip the shared established hash under -l (spec §10). */
	if (table == TAB_TCP || table == TAB_MPTCP)
		req &= ~TCPF(SS_CLOSE);
	if (!procnet_forced(source_env(table))) {
		if (fams & (1u << FAM_INET)) {
			if (inet_dump(table, AF_INET, req, cb, arg) == 0)
				fams &= ~(1u << FAM_INET);
			else if (inet_dump_legacy(table, states, cb, arg) == 0)
				return;	/* the legacy request answers for both families */
		}
		if ((fams & (1u << FAM_INET6)) && !(fams & (1u << FAM_INET)) &&
		    inet_dump(table, AF_INET6, req, cb, arg) == 0)
			fams &= ~(1u << FAM_INET6);
	}
	proc_inet(table, states, fams, cb, arg);
}
