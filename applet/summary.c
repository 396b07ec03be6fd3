/* ss -s: 6.1's print_summary() text from the sockstat counters. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "summary.h"
#include "out.h"
#include "fmt.h"
#include "errmsg.h"
#include "../procnet/procnet.h"
#include "../procnet/sockstat.h"

static int open_proc(const char *env, const char *name)
{
	char path[256];

	return open(procnet_path(path, sizeof(path), env, name), O_RDONLY | O_CLOEXEC);
}

static void put(const char *s)
{
	out_bytes(s, strlen(s));
}

/* "%d" (width 0) or "%-9d" then the byte after it; 6.1 sums in int. */
static void num(uint32_t v, size_t width, const char *after)
{
	char b[16];
	size_t n = fmt_i64(b, (int32_t)v);

	out_bytes(b, n);
	out_spaces(n < width ? width - n : 0);
	put(after);
}

static void row(const char *name, uint32_t v4, uint32_t v6)
{
	put(name);
	put("\t  ");
	num(v4 + v6, 9, " ");
	num(v4, 9, " ");
	num(v6, 9, "\n");
}

void summary_print(void)
{
	struct sockstat s;
	int32_t estab;
	int fd;

	memset(&s, 0, sizeof(s));
	fd = open_proc("PROC_NET_SOCKSTAT", "net/sockstat");
	if (fd < 0) {
		err_errno("ss: get_sockstat", errno);
	} else {
		sockstat_read(&s, fd);
		close(fd);
		fd = open_proc("PROC_NET_SOCKSTAT6", "net/sockstat6");
		if (fd >= 0) {
			sockstat_read(&s, fd);
			close(fd);
		}
	}
	estab = 0;
	fd = open_proc("PROC_NET_SNMP", "net/snmp");
	if (fd < 0) {
		err_errno("ss: get_snmpstat", errno);
	} else {
		if (snmp_read_int(fd, "Tcp:", "CurrEstab", &estab))
			err_errno("ss: get_snmpstat", ESRCH);
		close(fd);
	}

	uint32_t tw = (uint32_t)s.tcp_tws, t4 = (uint32_t)s.tcp4_hashed, t6 = (uint32_t)s.tcp6_hashed;
	uint32_t u4 = (uint32_t)s.udp4, u6 = (uint32_t)s.udp6, r4 = (uint32_t)s.raw4, r6 = (uint32_t)s.raw6;

	put("Total: ");
	num((uint32_t)s.socks, 0, "\nTCP:   ");
	num((uint32_t)s.tcp_total + tw, 0, " (estab ");
	num((uint32_t)estab, 0, ", closed ");
	num((uint32_t)s.tcp_total - (t4 + t6 - tw), 0, ", orphaned ");
	num((uint32_t)s.tcp_orphans, 0, ", timewait ");
	num(tw, 0, ")\n\nTransport Total     IP        IPv6\n");
	row("RAW", r4, r6);
	row("UDP", u4, u6);
	row("TCP", t4, t6);
	row("INET", r4 + u4 + t4, r6 + u6 + t6);
	row("FRAG", (uint32_t)s.frag4, (uint32_t)s.frag6);
	put("\n");
}
