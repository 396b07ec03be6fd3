/*
 * sockmix - a fixed, deterministic population of TCP/UDP/RAW sockets for the
 * golden tests (tests/golden.sh) and for capturing fixtures
 * (tests/fixtures/record.sh --capture).
 *
 * Run it in a private network namespace whose lo is up and carries the extra
 * addresses added by tests/sockmix.sh (127.123.234.251, fd00::1,
 * fd00:1234:5678:9abc:def0:1234:5678:9abc, 2001:db8::1:0:0:1).  It creates
 * every socket, waits until the queues stop changing, prints "ready" on
 * stdout and holds everything until stdin reaches EOF, a signal arrives, or
 * --max-hold seconds pass.  All traffic stays on lo.
 *
 * What ss should see (ports chosen so that /etc/services names, ephemeral-range
 * numbers and unnamed numbers all appear):
 *   TCP LISTEN  127.0.0.1:22, [::1]:22 (implicit v6only), 0.0.0.0:80,
 *               [::]:80 (v6only), [::]:443 (dual-stack), 127.0.0.1:8080,
 *               0.0.0.0:53, 127.0.0.1:5432 (backlog 1, 2 unaccepted),
 *               127.0.0.1:33333 and [::1]:57000 (ephemeral range; 57000 has a
 *               name that must not be shown), 127.0.0.1:12345 (no name),
 *               [fd00::1]:7000, [2001:db8::1:0:0:1]:4000,
 *               0.0.0.0%lo:2000 and [::]%lo:9000 (SO_BINDTODEVICE)
 *   ESTAB       v4, v6, v4-mapped (v4 client to [::]:443), unread data,
 *               a zero-window pair (client Recv-Q > 0, server Send-Q > 0),
 *               long v6 / 15-char v4 addresses, a pair on the %lo listener,
 *               plus --bulk v4 pairs and --bulk/4 v6 pairs for alignment
 *   FIN-WAIT-2 / CLOSE-WAIT (client shutdown(SHUT_WR)), v4 and v6
 *   SYN-SENT    to the full 5432 accept queue (TCP_SYNCNT 127)
 *   TIME-WAIT   v4, v6, v4 client of the dual-stack listener, and a server
 *               side of [::]:443 (v4-mapped TIME-WAIT); they expire after 60 s
 *   UDP         bound v4/v6/dual-stack/v6only/%lo, connected v4/v6/mapped,
 *               unread datagrams, --bulk/4 more
 *   RAW         ICMP unbound and bound to 127.0.0.1, ICMPv6, protocol 253
 *               bound, connected (ESTAB) and on ::1; ICMP sockets filter out
 *               every type so stray ICMP cannot change their queues
 *   UNIX        in a fresh /tmp/sockmix.XXXXXX (removed at exit): stream
 *               listener with 2 pending connections and an accepted pair
 *               with unread bytes, dgram bound with 2 unread datagrams from a
 *               connected client, abstract seqpacket listener with a pair,
 *               autobind and unnamed sockets, socketpairs of every type with
 *               unread data, hostile names (blank, tab, newline, escape,
 *               non-UTF-8, 107-byte path, abstract with NUL and control bytes)
 *   PACKET      raw ETH_P_ALL unbound, dgram IP bound to lo, dgram protocol
 *               0, raw 0x88b5 on lo, raw ETH_P_ALL TPACKET_V2 with auxdata,
 *               rx and tx rings in a fanout group; all drop every packet (a
 *               BPF filter)
 *   NETLINK     route bound to a group, route connected to the kernel, generic
 *               unbound, usersock on a fixed port id, uevent, nflog bound to
 *               a negative port id
 *   MPTCP       listener on 127.0.0.1:8443 and [::]:8444 (v6only), a pair with
 *               unread bytes (left out when the kernel has no MPTCP)
 *   MPTCP       listeners 127.0.0.1:7010, [::1]:7011, one connection (for -M)
 *
 * Build: cc -O2 -o sockmix sockmix.c
 * Use:   sockmix [--bulk N] [--max-hold SECONDS]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/icmp.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAXWATCH 64

static long opt_bulk = 100, opt_max_hold = 300;
static int watch_fds[MAXWATCH], nwatch;
static int nsockets;
static volatile sig_atomic_t stop;

static void die(const char *fmt, ...)
{
	va_list ap;
	fputs("sockmix: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void set_int(int fd, int level, int name, int val)
{
	if (setsockopt(fd, level, name, &val, sizeof(val)) < 0)
		die("setsockopt(%d,%d): %s", level, name, strerror(errno));
}

/* "ip" may be IPv4 or IPv6 text; the family follows from it */
static socklen_t mk_addr(struct sockaddr_storage *sa, const char *ip, int port)
{
	memset(sa, 0, sizeof(*sa));
	if (strchr(ip, ':')) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)sa;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		if (inet_pton(AF_INET6, ip, &a->sin6_addr) != 1)
			die("bad address %s", ip);
		return sizeof(*a);
	}
	struct sockaddr_in *a = (struct sockaddr_in *)sa;
	a->sin_family = AF_INET;
	a->sin_port = htons(port);
	if (inet_pton(AF_INET, ip, &a->sin_addr) != 1)
		die("bad address %s", ip);
	return sizeof(*a);
}

static int family_of(const char *ip)
{
	return strchr(ip, ':') ? AF_INET6 : AF_INET;
}

/* Open a socket of the family of ip; bind to ip:port unless ip is NULL.
 * v6only: -1 = kernel default, else IPV6_V6ONLY value; dev: bind to "lo". */
static int open_sock(int family, int type, int proto, const char *ip, int port,
		     int v6only, int dev)
{
	struct sockaddr_storage sa;
	int fd = socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
	if (fd < 0)
		die("socket(%d,%d,%d): %s", family, type, proto, strerror(errno));
	nsockets++;
	set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1);
	if (family == AF_INET6 && v6only >= 0)
		set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, v6only);
	if (dev && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3) < 0)
		die("SO_BINDTODEVICE: %s", strerror(errno));
	if (ip) {
		socklen_t len = mk_addr(&sa, ip, port);
		if (bind(fd, (struct sockaddr *)&sa, len) < 0)
			die("bind %s port %d: %s%s", ip, port, strerror(errno),
			    errno == EADDRNOTAVAIL ? " (run via tests/sockmix.sh, which adds the addresses)" : "");
	}
	return fd;
}

static int wait_fd(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	return poll(&p, 1, ms) > 0 ? p.revents : 0;
}

static int tcp_listen(const char *ip, int port, int backlog, int v6only, int dev)
{
	int fd = open_sock(family_of(ip), SOCK_STREAM, 0, ip, port, v6only, dev);
	if (listen(fd, backlog) < 0)
		die("listen %s:%d: %s", ip, port, strerror(errno));
	return fd;
}

/* start a connection from sip:sport to dip:dport; returns the client fd */
static int tcp_connect(const char *sip, int sport, const char *dip, int dport,
		       int rcvbuf, int syncnt)
{
	struct sockaddr_storage da;
	socklen_t dl = mk_addr(&da, dip, dport);
	int fd = socket(da.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket: %s", strerror(errno));
	nsockets++;
	set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1);
	if (rcvbuf)
		set_int(fd, SOL_SOCKET, SO_RCVBUF, rcvbuf);
	if (syncnt)
		set_int(fd, IPPROTO_TCP, TCP_SYNCNT, syncnt);
	struct sockaddr_storage sa;
	socklen_t sl = mk_addr(&sa, sip, sport);
	if (bind(fd, (struct sockaddr *)&sa, sl) < 0)
		die("bind client %s:%d: %s", sip, sport, strerror(errno));
	if (connect(fd, (struct sockaddr *)&da, dl) < 0 && errno != EINPROGRESS)
		die("connect %s:%d -> %s:%d: %s", sip, sport, dip, dport, strerror(errno));
	return fd;
}

static int accept_one(int lfd)
{
	double end = now() + 3;
	for (;;) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd >= 0) {
			nsockets++;
			return fd;
		}
		if (errno != EAGAIN && errno != EINTR)
			die("accept: %s", strerror(errno));
		if (now() > end)
			die("accept timed out");
		wait_fd(lfd, POLLIN, 100);
	}
}

/* connected and accepted pair; *c client, *s server side */
static void tcp_pair(int lfd, const char *sip, int sport, const char *dip, int dport,
		     int rcvbuf, int *c, int *s)
{
	*c = tcp_connect(sip, sport, dip, dport, rcvbuf, 0);
	*s = accept_one(lfd);
	if (!(wait_fd(*c, POLLOUT, 3000) & POLLOUT))
		die("connect %s:%d -> %s:%d did not complete", sip, sport, dip, dport);
}

static void send_all(int fd, size_t n, int ch)
{
	char buf[1024];
	memset(buf, ch, sizeof(buf));
	for (int tries = 0; n > 0 && tries < 1000; tries++) {
		ssize_t w = send(fd, buf, n < sizeof(buf) ? n : sizeof(buf), MSG_NOSIGNAL);
		if (w > 0) {
			n -= (size_t)w;
		} else if (w < 0 && errno != EAGAIN && errno != EINTR) {
			die("send: %s", strerror(errno));
		} else {
			wait_fd(fd, POLLOUT, 100);
		}
	}
	if (n)
		die("send did not complete");
}

static void watch(int fd)
{
	if (nwatch < MAXWATCH)
		watch_fds[nwatch++] = fd;
}

/* client closes first: the client ends in TIME-WAIT (server_first: the server) */
static void make_timewait(int lfd, const char *sip, int sport, const char *dip, int dport,
			  int server_first)
{
	int c, s;
	char ch;
	tcp_pair(lfd, sip, sport, dip, dport, 0, &c, &s);
	int first = server_first ? s : c, second = server_first ? c : s;
	close(first);
	for (int t = 0; t < 100 && recv(second, &ch, 1, 0) != 0; t++)
		wait_fd(second, POLLIN | POLLRDHUP, 20);
	close(second);
	nsockets -= 2;
}

static int is_listen_port(int p)
{
	static const int used[] = { 22, 53, 80, 443, 2000, 4000, 5432, 7000, 7010, 7011,
				    8080, 9000, 12345, 33333, 57000 };
	for (size_t i = 0; i < sizeof(used) / sizeof(used[0]); i++)
		if (used[i] == p)
			return 1;
	return p >= 40000 && p < 40100; /* fixed fixture client ports */
}

static int bulk_port(long i)
{
	int p = 1024 + (int)((i * 6007 + 17) % 64000);
	while (is_listen_port(p))
		p++;
	return p;
}

static int udp_sock(const char *ip, int port, int v6only, int dev)
{
	return open_sock(family_of(ip), SOCK_DGRAM, 0, ip, port, v6only, dev);
}

static void sock_connect(int fd, const char *ip, int port)
{
	struct sockaddr_storage sa;
	socklen_t len = mk_addr(&sa, ip, port);
	if (connect(fd, (struct sockaddr *)&sa, len) < 0)
		die("connect %s:%d: %s", ip, port, strerror(errno));
}

/* raw socket; ICMP ones block every ICMP type so their queues never change */
static int raw_sock(int family, int proto, const char *bind_ip, const char *peer)
{
	int fd = socket(family, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (fd < 0)
		die("raw socket(%d,%d): %s", family, proto, strerror(errno));
	nsockets++;
	if (proto == IPPROTO_ICMP) {
		struct icmp_filter f = { .data = ~0u };
		if (setsockopt(fd, SOL_RAW, ICMP_FILTER, &f, sizeof(f)) < 0)
			die("ICMP_FILTER: %s", strerror(errno));
	} else if (proto == IPPROTO_ICMPV6) {
		struct icmp6_filter f;
		ICMP6_FILTER_SETBLOCKALL(&f);
		if (setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f)) < 0)
			die("ICMP6_FILTER: %s", strerror(errno));
	}
	if (bind_ip) {
		struct sockaddr_storage sa;
		socklen_t len = mk_addr(&sa, bind_ip, 0);
		if (bind(fd, (struct sockaddr *)&sa, len) < 0)
			die("bind raw %s: %s", bind_ip, strerror(errno));
	}
	if (peer)
		sock_connect(fd, peer, 0);
	return fd;
}

static void make_tcp(void)
{
	int c, s;
	int l22 = tcp_listen("127.0.0.1", 22, 128, -1, 0);
	int l6_22 = tcp_listen("::1", 22, 128, -1, 0);
	int l80 = tcp_listen("0.0.0.0", 80, 128, -1, 0);
	tcp_listen("::", 80, 128, 1, 0);
	int l443 = tcp_listen("::", 443, 128, 0, 0);
	int l8080 = tcp_listen("127.0.0.1", 8080, 128, -1, 0);
	tcp_listen("0.0.0.0", 53, 16, -1, 0);
	tcp_listen("127.0.0.1", 5432, 1, -1, 0);
	int l33333 = tcp_listen("127.0.0.1", 33333, 128, -1, 0);
	tcp_listen("::1", 57000, 7, -1, 0);
	int l12345 = tcp_listen("127.0.0.1", 12345, 128, -1, 0);
	int l7000 = tcp_listen("fd00::1", 7000, 64, -1, 0);
	tcp_listen("2001:db8::1:0:0:1", 4000, 10, -1, 0);
	int l2000 = tcp_listen("0.0.0.0", 2000, 128, -1, 1);
	tcp_listen("::", 9000, 128, 0, 1);

	/* established pairs with unread data */
	tcp_pair(l22, "127.0.0.2", 40001, "127.0.0.1", 22, 0, &c, &s);
	send_all(c, 1000, 'a');
	watch(s);
	tcp_pair(l6_22, "::1", 40010, "::1", 22, 0, &c, &s);
	send_all(c, 500, 'b');
	watch(s);
	/* v4 client of a dual-stack listener: the server side is v4-mapped */
	tcp_pair(l443, "127.0.0.3", 40003, "127.0.0.1", 443, 0, &c, &s);
	send_all(s, 77, 'm');
	watch(c);
	/* zero window: tiny client receive buffer, server writes until blocked */
	tcp_pair(l8080, "127.0.0.4", 40004, "127.0.0.1", 8080, 4096, &c, &s);
	set_int(s, SOL_SOCKET, SO_SNDBUF, 16384);
	{
		char buf[4096];
		memset(buf, 'z', sizeof(buf));
		for (int k = 0; k < 256; k++) {
			if (send(s, buf, sizeof(buf), MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
				break;
			if (k % 8 == 7)
				usleep(2000);
		}
	}
	watch(c);
	watch(s);
	tcp_pair(l7000, "fd00:1234:5678:9abc:def0:1234:5678:9abc", 50000, "fd00::1", 7000, 0, &c, &s);
	tcp_pair(l80, "127.123.234.251", 1023, "127.123.234.251", 80, 0, &c, &s);
	tcp_pair(l2000, "127.0.0.5", 40005, "127.0.0.1", 2000, 0, &c, &s);
	tcp_pair(l33333, "127.0.0.9", 40009, "127.0.0.1", 33333, 0, &c, &s);

	/* FIN-WAIT-2 (client) / CLOSE-WAIT (server) */
	tcp_pair(l8080, "127.0.0.7", 40030, "127.0.0.1", 8080, 0, &c, &s);
	shutdown(c, SHUT_WR);
	wait_fd(s, POLLRDHUP, 1000);
	tcp_pair(l6_22, "::1", 40031, "::1", 22, 0, &c, &s);
	shutdown(c, SHUT_WR);
	wait_fd(s, POLLRDHUP, 1000);

	/* SYN-SENT: two connections fill the accept queue of 5432 (backlog 1,
	 * never accepted: listener Recv-Q 2); the next SYN is dropped */
	{
		int got = 0;
		for (int k = 0; k < 6 && !got; k++) {
			int fd = tcp_connect("127.0.0.8", 40040 + k, "127.0.0.1", 5432, 0, 127);
			struct tcp_info ti;
			socklen_t tl = sizeof(ti);
			if (wait_fd(fd, POLLOUT, 300) & POLLOUT)
				continue;
			got = getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &tl) == 0 &&
			      ti.tcpi_state == TCP_SYN_SENT;
		}
		if (!got)
			die("could not produce a SYN-SENT socket");
	}

	/* bulk v4 pairs: source 127.1.x.y with varying widths, several listeners */
	{
		int lf[] = { l80, l8080, l12345, l33333, l443 };
		int lp[] = { 80, 8080, 12345, 33333, 443 };
		for (long i = 0; i < opt_bulk; i++) {
			char sip[32];
			snprintf(sip, sizeof(sip), "127.1.%ld.%ld", i / 40, 1 + (i % 40) * 6);
			int k = (int)(i % 5);
			tcp_pair(lf[k], sip, bulk_port(i), "127.0.0.1", lp[k], 0, &c, &s);
		}
		int lf6[] = { l6_22, l7000, l443 };
		int lp6[] = { 22, 7000, 443 };
		const char *dst6[] = { "::1", "fd00::1", "::1" };
		for (long i = 0; i < opt_bulk / 4; i++) {
			int k = (int)(i % 3);
			tcp_pair(lf6[k], i % 2 ? "::1" : "fd00::1", bulk_port(1000 + i), dst6[k], lp6[k],
				 0, &c, &s);
		}
	}
}

static void make_udp(void)
{
	int u53 = udp_sock("127.0.0.1", 53, -1, 0);
	int u6_53 = udp_sock("::1", 53, -1, 0);
	udp_sock("0.0.0.0", 5353, -1, 0);
	udp_sock("0.0.0.0", 6000, -1, 1);
	udp_sock("::", 123, 0, 0);
	udp_sock("::", 6001, 1, 0);
	udp_sock("127.0.0.1", 45000, -1, 0);
	int c = udp_sock("127.0.0.1", 40050, -1, 0);
	sock_connect(c, "127.0.0.1", 53);
	for (int k = 1; k <= 3; k++)
		send_all(c, 10 * k, 'q');
	watch(u53);
	c = udp_sock("::1", 40051, -1, 0);
	sock_connect(c, "::1", 53);
	send_all(c, 42, 'r');
	watch(u6_53);
	c = udp_sock("::", 40052, 0, 0);
	sock_connect(c, "::ffff:127.0.0.1", 5353);
	for (long i = 0; i < opt_bulk / 4; i++) {
		const char *ip = i % 4 == 3 ? "::1" : "127.0.0.1";
		c = udp_sock(ip, 20000 + (int)i * 37, -1, 0);
		if (i % 3 == 0)
			sock_connect(c, ip, 53);
	}
}

static void make_raw(void)
{
	raw_sock(AF_INET, IPPROTO_ICMP, NULL, NULL);
	raw_sock(AF_INET, IPPROTO_ICMP, "127.0.0.1", NULL);
	raw_sock(AF_INET6, IPPROTO_ICMPV6, NULL, NULL);
	raw_sock(AF_INET, 253, "127.0.0.1", NULL);
	raw_sock(AF_INET, 253, "127.0.0.1", "127.0.0.2");
	raw_sock(AF_INET6, 253, "::1", NULL);
}

/* TIME-WAIT last: they expire 60 s after creation */
/* MPTCP (IPPROTO_MPTCP 262, for -M): listeners on 127.0.0.1:7010 and
 * [::1]:7011 and one connection to the first from 127.0.0.1:40060; its subflows are TCP sockets
 * and show in -t as well.  Prints "mptcp N" (0: no MPTCP in this kernel or
 * namespace, net.mptcp.enabled = 0). */
static void make_mptcp(void)
{
	static const struct { const char *ip; int port; } l[] = {
		{ "127.0.0.1", 7010 }, { "::1", 7011 },
	};
	int n = 0;

	for (size_t i = 0; i < sizeof(l) / sizeof(l[0]); i++) {
		struct sockaddr_storage sa;
		socklen_t len = mk_addr(&sa, l[i].ip, l[i].port);
		int fd = socket(family_of(l[i].ip), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 262);
		if (fd < 0)
			break;
		nsockets++;
		set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1);
		if (bind(fd, (struct sockaddr *)&sa, len) < 0 || listen(fd, 8) < 0)
			die("mptcp listen %s:%d: %s", l[i].ip, l[i].port, strerror(errno));
		n++;
		if (i == 0) {
			struct sockaddr_storage da;
			socklen_t dl = mk_addr(&da, l[i].ip, l[i].port);
			int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 262);
			if (c < 0)
				die("mptcp socket: %s", strerror(errno));
			nsockets++;
			struct sockaddr_storage ca;
			socklen_t cl = mk_addr(&ca, "127.0.0.1", 40060);
			if (bind(c, (struct sockaddr *)&ca, cl) < 0)
				die("mptcp bind 127.0.0.1:40060: %s", strerror(errno));
			if (connect(c, (struct sockaddr *)&da, dl) < 0 && errno != EINPROGRESS)
				die("mptcp connect: %s", strerror(errno));
			accept_one(fd);
			if (!(wait_fd(c, POLLOUT, 3000) & POLLOUT))
				die("mptcp connect did not complete");
			n += 2;
		}
	}
	printf("mptcp %d\n", n);
}

static void make_timewait_set(void)
{
	int l80 = tcp_listen("127.0.0.1", 40080, 16, -1, 0);
	int l6 = tcp_listen("::1", 40081, 16, -1, 0);
	int ld = tcp_listen("::", 40082, 16, 0, 0);
	make_timewait(l80, "127.0.0.6", 40020, "127.0.0.1", 40080, 0);
	make_timewait(l6, "::1", 40021, "::1", 40081, 0);
	make_timewait(ld, "127.0.0.6", 40022, "127.0.0.1", 40082, 0);
	make_timewait(ld, "127.0.0.6", 40023, "127.0.0.1", 40082, 1);
	close(l80);
	close(l6);
	close(ld);
	nsockets -= 3;
}

static char unix_dir[64];

static void unix_cleanup(void)
{
	char cmd[128];

	if (unix_dir[0] && snprintf(cmd, sizeof(cmd), "rm -rf '%s'", unix_dir) < (int)sizeof(cmd))
		if (system(cmd) != 0)
			return;
}

/* A unix socket bound to name (len bytes; len 0: unbound, -1: autobind). */
static int unix_sock(int type, const char *name, int len)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die("unix socket: %s", strerror(errno));
	nsockets++;
	if (len > (int)sizeof(a.sun_path))
		die("unix name too long");
	if (len) {
		socklen_t al = sizeof(sa_family_t);
		if (len > 0) {
			memcpy(a.sun_path, name, (size_t)len);
			al += (socklen_t)len;
		}
		if (bind(fd, (struct sockaddr *)&a, al) < 0)
			die("unix bind: %s", strerror(errno));
	}
	return fd;
}

static void unix_connect(int fd, const char *name, int len)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	memcpy(a.sun_path, name, (size_t)len);
	if (connect(fd, (struct sockaddr *)&a, sizeof(sa_family_t) + (socklen_t)len) < 0 &&
	    errno != EINPROGRESS && errno != EAGAIN)
		die("unix connect: %s", strerror(errno));
}

static int unix_path(char *b, const char *leaf)
{
	return snprintf(b, 108, "%s/%s", unix_dir, leaf) + 1;	/* with the NUL */
}

static void make_unix(void)
{
	/* tests/shown.py escapes these in 6.1's output as we print them; escaped,
	 * none is wider than "bad...(utf", so no column width changes */
	static const char *const hostile[] = {
		"sp ace", "t\tab", "ne\nline", "esc\x1b[31mred\x1b[0m", "bad\xff\xfe\xc3(utf",
	};
	char p[108];
	int n, l, c, s, sp[2];

	if (!mkdtemp(strcpy(unix_dir, "/tmp/sockmix.XXXXXX")))
		die("mkdtemp: %s", strerror(errno));
	atexit(unix_cleanup);
	n = unix_path(p, "stream");
	l = unix_sock(SOCK_STREAM, p, n);
	if (listen(l, 8) < 0)
		die("unix listen: %s", strerror(errno));
	for (int i = 0; i < 2; i++)	/* pending: never accepted */
		unix_connect(unix_sock(SOCK_STREAM, NULL, 0), p, n);
	c = unix_sock(SOCK_STREAM, NULL, 0);
	unix_connect(c, p, n);
	s = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	if (s < 0)
		die("unix accept: %s", strerror(errno));
	nsockets++;
	send_all(c, 300, 'u');
	send_all(s, 7, 'v');

	n = unix_path(p, "dgram");
	l = unix_sock(SOCK_DGRAM, p, n);
	c = unix_sock(SOCK_DGRAM, NULL, 0);
	unix_connect(c, p, n);
	send_all(c, 11, 'd');
	send_all(c, 13, 'e');

	l = unix_sock(SOCK_SEQPACKET, "\0sockmix-seq", 12);
	if (listen(l, 4) < 0)
		die("unix listen: %s", strerror(errno));
	c = unix_sock(SOCK_SEQPACKET, NULL, 0);
	unix_connect(c, "\0sockmix-seq", 12);
	s = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	if (s < 0)
		die("unix accept: %s", strerror(errno));
	nsockets++;
	send_all(s, 5, 'q');

	unix_sock(SOCK_DGRAM, NULL, -1);	/* autobind: @xxxxx */
	unix_sock(SOCK_STREAM, NULL, -1);
	unix_sock(SOCK_DGRAM, NULL, 0);	/* unnamed */
	for (int t = 0; t < 3; t++) {
		static const int types[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET };
		if (socketpair(AF_UNIX, types[t] | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sp) < 0)
			die("socketpair: %s", strerror(errno));
		nsockets += 2;
		send_all(sp[0], 3 + (size_t)t, 'p');
	}
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		n = unix_path(p, hostile[i]);
		l = unix_sock(i % 2 ? SOCK_DGRAM : SOCK_STREAM, p, n);
		if (!(i % 2) && listen(l, 1) < 0)
			die("unix listen: %s", strerror(errno));
	}
	memset(p, 0, sizeof(p));
	n = snprintf(p, sizeof(p), "%s/", unix_dir);
	memset(p + n, 'L', sizeof(p) - 1 - (size_t)n);	/* 107 bytes and the NUL */
	unix_sock(SOCK_DGRAM, p, sizeof(p));
	unix_sock(SOCK_DGRAM, "\0ab\0c\x01\x7f\xff d", 10);	/* abstract, hostile */
}

/* A packet socket that drops every packet: its queue never changes. */
/* on_lo: bind to lo, ifindex 1 in a fresh namespace */
static int packet_sock(int type, int proto, int on_lo)
{
	struct sock_filter drop = BPF_STMT(BPF_RET | BPF_K, 0);
	struct sock_fprog prog = { 1, &drop };
	int fd = socket(AF_PACKET, type | SOCK_CLOEXEC, htons(proto));

	if (fd < 0)
		die("packet socket: %s", strerror(errno));
	nsockets++;
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) < 0)
		die("SO_ATTACH_FILTER: %s", strerror(errno));
	if (on_lo) {
		struct sockaddr_ll a = { .sll_family = AF_PACKET, .sll_protocol = htons(proto),
					 .sll_ifindex = 1 };
		if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
			die("packet bind: %s", strerror(errno));
	}
	return fd;
}

/* -e words (ver, flags, rings, fanout): TPACKET_V2 with auxdata, both
 * rings and a load-balancing fanout group. */
static void packet_ring_sock(void)
{
	struct tpacket_req req = { 4096, 2, 2048, 4 };
	int fd = packet_sock(SOCK_RAW, ETH_P_ALL, 0), v = TPACKET_V2, on = 1;
	int fanout = 42 | PACKET_FANOUT_LB << 16;

	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &v, sizeof(v)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &on, sizeof(on)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &req, sizeof(req)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &fanout, sizeof(fanout)) < 0)
		die("packet ring/fanout: %s", strerror(errno));
}

static void make_packet(void)
{
	packet_sock(SOCK_RAW, ETH_P_ALL, 0);
	packet_sock(SOCK_DGRAM, ETH_P_IP, 1);
	packet_sock(SOCK_DGRAM, 0, 0);
	packet_sock(SOCK_RAW, 0x88b5, 1);
	packet_ring_sock();
}

/* bind: 0 no bind, 1 bind to (portid, groups); conn: connect to the kernel */
static void netlink_sock(int proto, int bind_it, uint32_t portid, uint32_t groups, int conn)
{
	struct sockaddr_nl a = { .nl_family = AF_NETLINK, .nl_pid = portid, .nl_groups = groups };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);

	if (fd < 0)
		return;	/* a protocol this kernel lacks */
	nsockets++;
	if (bind_it && bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("netlink bind %d: %s", proto, strerror(errno));
	if (conn) {
		struct sockaddr_nl k = { .nl_family = AF_NETLINK };
		if (connect(fd, (struct sockaddr *)&k, sizeof(k)) < 0)
			die("netlink connect: %s", strerror(errno));
	}
}

static void make_netlink(void)
{
	netlink_sock(NETLINK_ROUTE, 1, 0, 1 /* RTMGRP_LINK */, 0);
	netlink_sock(NETLINK_ROUTE, 1, 0, 0, 1);
	netlink_sock(NETLINK_GENERIC, 0, 0, 0, 0);
	netlink_sock(NETLINK_USERSOCK, 1, 424242, 0, 0);
	netlink_sock(NETLINK_KOBJECT_UEVENT, 1, 0, 0, 0);
	netlink_sock(NETLINK_NETFILTER, 1, 0x80001234u, 0, 0);
}

static void make_mptcp_pair(void)
{
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 262), l6, c, s;
	struct sockaddr_storage sa;
	socklen_t len;

	if (l < 0)
		return;	/* no MPTCP in this kernel */
	nsockets++;
	set_int(l, SOL_SOCKET, SO_REUSEADDR, 1);
	len = mk_addr(&sa, "127.0.0.1", 8443);
	if (bind(l, (struct sockaddr *)&sa, len) < 0 || listen(l, 4) < 0)
		die("mptcp listen: %s", strerror(errno));
	l6 = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 262);
	if (l6 >= 0) {
		nsockets++;
		set_int(l6, IPPROTO_IPV6, IPV6_V6ONLY, 1);
		len = mk_addr(&sa, "::", 8444);
		if (bind(l6, (struct sockaddr *)&sa, len) < 0 || listen(l6, 4) < 0)
			die("mptcp listen v6: %s", strerror(errno));
	}
	c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 262);
	if (c < 0)
		die("mptcp socket: %s", strerror(errno));
	nsockets++;
	len = mk_addr(&sa, "127.0.0.1", 8443);
	if (connect(c, (struct sockaddr *)&sa, len) < 0)
		die("mptcp connect: %s", strerror(errno));
	s = accept_one(l);
	send_all(c, 10, 'm');
	watch(s);
	watch(c);
}

/* one number that changes whenever a watched queue length changes */
static unsigned long queue_signature(void)
{
	unsigned long sig = 0;
	for (int k = 0; k < nwatch; k++) {
		int in = -1, out = -1;
		ioctl(watch_fds[k], SIOCINQ, &in);
		ioctl(watch_fds[k], SIOCOUTQ, &out);
		sig = (sig * 1000003u) ^ (unsigned)in;
		sig = (sig * 1000003u) ^ (unsigned)out;
	}
	return sig;
}

/* wait until the watched queues have stayed the same for 5 looks */
static void settle(void)
{
	unsigned long last = queue_signature();
	for (int it = 0, same = 0; it < 200 && same < 5; it++) {
		usleep(40000);
		unsigned long sig = queue_signature();
		same = sig == last ? same + 1 : 0;
		last = sig;
	}
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--bulk") && i + 1 < argc)
			opt_bulk = atol(argv[++i]);
		else if (!strcmp(argv[i], "--max-hold") && i + 1 < argc)
			opt_max_hold = atol(argv[++i]);
		else
			die("usage: sockmix [--bulk N] [--max-hold SECONDS]");
	}
	if (opt_bulk < 0 || opt_bulk > 2000)
		die("--bulk must be 0..2000");
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGPIPE, SIG_IGN);

	make_tcp();
	make_udp();
	make_raw();
	make_unix();
	make_packet();
	make_netlink();
	make_mptcp();
	make_mptcp_pair();
	make_timewait_set();
	settle();
	printf("ready %d\n", nsockets);
	fflush(stdout);

	double end = now() + opt_max_hold;
	char buf[256];
	while (!stop && now() < end) {
		if (!(wait_fd(0, POLLIN, 500) & (POLLIN | POLLHUP)))
			continue;
		ssize_t r = read(0, buf, sizeof(buf));
		if (r <= 0 && !(r < 0 && errno == EINTR))
			break;
	}
	return 0;
}
