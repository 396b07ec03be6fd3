/*
 * sockfarm - create a population of sockets and hold them.
 *
 * Build:  gcc -O2 -o sockfarm sockfarm.c
 * Use:    unshare -n ./sockfarm --lo-up --tcp-estab 1000 ...
 *         (copied from /work/shared/tools/sockfarm.c; this copy adds --lo-up so
 *         the bench needs no `ip` binary)
 *
 * Creates sockets in the *current* network namespace, prints "ready" on
 * stdout once every socket exists (and queues have settled), then holds them
 * until stdin reaches EOF, SIGTERM/SIGINT/SIGHUP arrives, or --max-hold
 * seconds pass.  All traffic is loopback only (127.0.0.0/8 and ::1).
 *
 * Address plan (see README.md):
 *   listeners            127.0.0.1:<base-port ...>   (and [::1] for tcp6)
 *   estab clients  v4    127.1.a.b:<port>  (a.b = source-address index + 1)
 *   timewait clients     127.2.a.b:<port>
 *   hot-port clients     127.4.a.b:<port>
 *   estab clients  v6    [::1]:<port>  (SO_REUSEADDR, several dest ports)
 *   --deterministic      fixed fixture, see make_fixture()
 * Client ports come from 1024..65535 minus every TCP listener port, permuted
 * by --seed.  If the process is NOT in the initial network namespace it
 * raises net.core.somaxconn and net.ipv4.tcp_max_tw_buckets *inside* the
 * namespace (never on the host); --no-sysctl disables that.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/if_packet.h>
#include <linux/sockios.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NPORTS_MAX 65536
#define BATCH 1024

static struct {
	long tcp_listen, tcp_estab, tcp6_estab, tcp_timewait;
	long udp, udp6, unix_stream, unix_dgram, raw, packet;
	unsigned long seed;
	int base_port;
	int deterministic;
	const char *dir;
	int hot_port;
	long hot_pairs;
	int estab_ports;
	long max_hold;
	long max_setup;
	int no_sysctl;
	int lo_up;
	int quiet;
} O = {
	.base_port = 10000,
	.hot_pairs = 10,
	.estab_ports = 4,
	.max_hold = 3600,
	.max_setup = 900,
};

static long n_sockets;          /* sockets created and still held */
static int max_fd = 2;
static double t_start, setup_deadline;
static volatile sig_atomic_t stop_flag;

/* filesystem paths to unlink at exit */
static char **paths;
static size_t npaths, cap_paths;
static char made_dir[PATH_MAX];
static char dirbuf[PATH_MAX];

/* TCP ports that must not be used as client source ports (any listener) */
static unsigned char tcp_reserved[NPORTS_MAX];
static unsigned char udp_reserved[NPORTS_MAX];
static int *cports;             /* usable client ports */
static long ncports;
static uint64_t perm_a = 1, perm_b;

/* bulk plan state (set up in the parent, inherited by workers) */
static int *listen_ports;
static int L4, L6;
static int *lfd4, *lp4, *lfd6, *lp6, lfdhot = -1;
static int is_worker;
static pid_t *workers;
static int nworkers;
static long worker_sockets;
static int hold_rfd = -1, hold_wfd = -1;
static void stop_workers(void);

/* fds whose queues must settle before "ready" (fixture) */
static int watch_fds[64];
static int nwatch;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void cleanup(void)
{
	if (!is_worker)
		stop_workers();
	for (size_t i = 0; i < npaths; i++)
		unlink(paths[i]);
	if (made_dir[0])
		rmdir(made_dir);
}

static void die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "sockfarm: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cleanup();
	exit(1);
}

static void note(const char *fmt, ...)
{
	va_list ap;
	if (O.quiet)
		return;
	fprintf(stderr, "sockfarm: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void check_deadline(const char *what)
{
	if (stop_flag)
		die("interrupted while creating %s", what);
	if (now() > setup_deadline)
		die("setup exceeded --max-setup=%ld s while creating %s", O.max_setup, what);
}

static int track(int fd)
{
	if (fd > max_fd)
		max_fd = fd;
	n_sockets++;
	return fd;
}

static void add_path(const char *p)
{
	if (npaths == cap_paths) {
		cap_paths = cap_paths ? cap_paths * 2 : 64;
		paths = realloc(paths, cap_paths * sizeof(*paths));
		if (!paths)
			die("out of memory");
	}
	paths[npaths++] = strdup(p);
}

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* ------------------------------------------------------------------ */
/* address helpers                                                      */

static socklen_t mk_addr(struct sockaddr_storage *ss, int family, const char *ip, int port)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		if (inet_pton(AF_INET, ip, &a->sin_addr) != 1)
			die("bad IPv4 address %s", ip);
		return sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		if (inet_pton(AF_INET6, ip, &a->sin6_addr) != 1)
			die("bad IPv6 address %s", ip);
		return sizeof(*a);
	}
}

static socklen_t mk_addr4(struct sockaddr_storage *ss, uint32_t ip_host, int port)
{
	struct sockaddr_in *a = (struct sockaddr_in *)ss;
	memset(ss, 0, sizeof(*ss));
	a->sin_family = AF_INET;
	a->sin_port = htons(port);
	a->sin_addr.s_addr = htonl(ip_host);
	return sizeof(*a);
}

static const char *fmt_addr(const struct sockaddr_storage *ss, char *buf, size_t n)
{
	char ip[INET6_ADDRSTRLEN];
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *a = (const void *)ss;
		inet_ntop(AF_INET, &a->sin_addr, ip, sizeof(ip));
		snprintf(buf, n, "%s:%d", ip, ntohs(a->sin_port));
	} else {
		const struct sockaddr_in6 *a = (const void *)ss;
		inet_ntop(AF_INET6, &a->sin6_addr, ip, sizeof(ip));
		snprintf(buf, n, "[%s]:%d", ip, ntohs(a->sin6_port));
	}
	return buf;
}

static void set_int(int fd, int level, int opt, int val, const char *name)
{
	if (setsockopt(fd, level, opt, &val, sizeof(val)) < 0)
		die("setsockopt(%s): %s", name, strerror(errno));
}

static int new_socket(int family, int type, int proto)
{
	int fd = socket(family, type, proto);
	if (fd < 0) {
		if (errno == EMFILE || errno == ENFILE)
			die("socket(): %s after %ld sockets (RLIMIT_NOFILE / fs.file-max)",
			    strerror(errno), n_sockets);
		die("socket(%d,%d,%d): %s", family, type, proto, strerror(errno));
	}
	return track(fd);
}

/* ------------------------------------------------------------------ */
/* TCP building blocks                                                  */

static int tcp_listener_sa(const struct sockaddr_storage *sa, socklen_t len, int backlog, int v6only)
{
	char b[80];
	int fd = new_socket(sa->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
	if (sa->ss_family == AF_INET6 && v6only >= 0)
		set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, v6only, "IPV6_V6ONLY");
	if (bind(fd, (const struct sockaddr *)sa, len) < 0)
		die("bind listener %s: %s", fmt_addr(sa, b, sizeof(b)), strerror(errno));
	if (listen(fd, backlog) < 0)
		die("listen %s: %s", fmt_addr(sa, b, sizeof(b)), strerror(errno));
	if (sa->ss_family == AF_INET)
		tcp_reserved[ntohs(((const struct sockaddr_in *)sa)->sin_port)] = 1;
	else
		tcp_reserved[ntohs(((const struct sockaddr_in6 *)sa)->sin6_port)] = 1;
	return fd;
}

static int tcp_listener(int family, const char *ip, int port, int backlog)
{
	struct sockaddr_storage sa;
	socklen_t len = mk_addr(&sa, family, ip, port);
	return tcp_listener_sa(&sa, len, backlog, family == AF_INET6 ? 1 : -1);
}

/* non-blocking connect from a bound source; returns fd */
static int tcp_connect_sa(const struct sockaddr_storage *src, socklen_t slen,
			  const struct sockaddr_storage *dst, socklen_t dlen,
			  int rcvbuf, int syncnt)
{
	char b1[80], b2[80];
	int fd = new_socket(dst->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
	if (rcvbuf > 0)
		set_int(fd, SOL_SOCKET, SO_RCVBUF, rcvbuf, "SO_RCVBUF");
	if (syncnt > 0)
		set_int(fd, IPPROTO_TCP, TCP_SYNCNT, syncnt, "TCP_SYNCNT");
	if (src && bind(fd, (const struct sockaddr *)src, slen) < 0)
		die("bind client %s: %s", fmt_addr(src, b1, sizeof(b1)), strerror(errno));
	if (connect(fd, (const struct sockaddr *)dst, dlen) < 0 && errno != EINPROGRESS)
		die("connect %s -> %s: %s", src ? fmt_addr(src, b1, sizeof(b1)) : "*",
		    fmt_addr(dst, b2, sizeof(b2)), strerror(errno));
	return fd;
}

static int wait_fd(int fd, short events, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r = poll(&p, 1, timeout_ms);
	return r > 0 ? p.revents : 0;
}

static int accept_one(int lfd, int timeout_ms)
{
	double end = now() + timeout_ms / 1000.0;
	for (;;) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd >= 0)
			return track(fd);
		if (errno != EAGAIN && errno != EINTR)
			die("accept: %s", strerror(errno));
		double left = end - now();
		if (left <= 0)
			die("accept timed out");
		wait_fd(lfd, POLLIN, (int)(left * 1000) + 1);
	}
}

static int tcp_state(int fd)
{
	struct tcp_info ti;
	socklen_t l = sizeof(ti);
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &l) < 0)
		return -1;
	return ti.tcpi_state;
}

/* fixture pair: connect from src to a listener and accept it */
static void fx_pair(int lfd, int family, const char *sip, int sport,
		    const char *dip, int dport, int rcvbuf, int *cfd, int *sfd)
{
	struct sockaddr_storage s, d;
	socklen_t sl = mk_addr(&s, family, sip, sport);
	socklen_t dl = mk_addr(&d, family, dip, dport);
	*cfd = tcp_connect_sa(&s, sl, &d, dl, rcvbuf, 0);
	*sfd = accept_one(lfd, 3000);
	if (!(wait_fd(*cfd, POLLOUT, 3000) & POLLOUT))
		die("fixture connect %s:%d did not complete", sip, sport);
}

static void write_bytes(int fd, size_t n, int ch)
{
	char buf[4096];
	memset(buf, ch, sizeof(buf));
	while (n > 0) {
		size_t k = n < sizeof(buf) ? n : sizeof(buf);
		ssize_t w = send(fd, buf, k, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EAGAIN || errno == EINTR) {
				wait_fd(fd, POLLOUT, 1000);
				continue;
			}
			die("write: %s", strerror(errno));
		}
		n -= (size_t)w;
	}
}

/* ------------------------------------------------------------------ */
/* bulk TCP pairs                                                       */

static int port_alloc_next;

static int alloc_listen_port(void)
{
	while (port_alloc_next <= 65535 && tcp_reserved[port_alloc_next])
		port_alloc_next++;
	if (port_alloc_next > 65535)
		die("ran out of listener ports above --base-port=%d", O.base_port);
	return port_alloc_next++;
}

static void build_client_ports(void)
{
	cports = malloc(sizeof(int) * NPORTS_MAX);
	if (!cports)
		die("out of memory");
	ncports = 0;
	for (int p = 1024; p <= 65535; p++)
		if (!tcp_reserved[p])
			cports[ncports++] = p;
	if (ncports == 0)
		die("no client ports left");
	uint64_t s = O.seed;
	if (O.seed) {
		perm_a = (splitmix(&s) % ncports) | 1;
		while (gcd(perm_a, ncports) != 1)
			perm_a += 2;
		perm_b = splitmix(&s) % ncports;
	}
}

static int client_port(long j)
{
	return cports[(perm_a * (uint64_t)j + perm_b) % (uint64_t)ncports];
}

enum { PAIR_ESTAB, PAIR_TIMEWAIT };

/*
 * Create n pairs towards L listeners (listening fds lfd[], ports lport[]).
 * v4: source address 127.<grp>.x.y (one address per ncports*L pairs).
 * v6: source ::1, SO_REUSEADDR lets one source port serve L destinations.
 */
static void make_pairs(int family, long first, long n, int grp, const int *lfd,
		       const int *lport, int L, int mode, const char *what)
{
	int *cfd = malloc(sizeof(int) * BATCH), *sfd = malloc(sizeof(int) * BATCH);
	struct pollfd *pfd = calloc(L, sizeof(*pfd));
	if (!cfd || !sfd || !pfd)
		die("out of memory");
	for (int k = 0; k < L; k++)
		pfd[k] = (struct pollfd){ .fd = lfd[k], .events = POLLIN };

	for (long start = 0; start < n; start += BATCH) {
		long cnt = n - start < BATCH ? n - start : BATCH;
		check_deadline(what);
		for (long k = 0; k < cnt; k++) {
			long i = first + start + k;
			long d = i % L, j = i / L;
			struct sockaddr_storage s, dst;
			socklen_t sl, dl;
			if (family == AF_INET) {
				long ipidx = j / ncports + 1;
				if (ipidx > 65534)
					die("%s: too many pairs", what);
				sl = mk_addr4(&s, (127u << 24) | ((uint32_t)grp << 16) | (uint32_t)ipidx,
					      client_port(j % ncports));
				dl = mk_addr4(&dst, 0x7f000001u, lport[d]);
			} else {
				if (j >= ncports)
					die("%s: too many IPv6 pairs for %d destination ports", what, L);
				sl = mk_addr(&s, AF_INET6, "::1", client_port(j));
				dl = mk_addr(&dst, AF_INET6, "::1", lport[d]);
			}
			cfd[k] = tcp_connect_sa(&s, sl, &dst, dl, 0, 0);
		}
		long got = 0;
		double end = now() + 30;
		while (got < cnt) {
			int r = poll(pfd, L, 200);
			if (r < 0 && errno != EINTR)
				die("poll: %s", strerror(errno));
			for (int k = 0; k < L && got < cnt; k++) {
				if (!(pfd[k].revents & POLLIN))
					continue;
				while (got < cnt) {
					int fd = accept4(lfd[k], NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
					if (fd < 0) {
						if (errno == EAGAIN || errno == EINTR)
							break;
						die("accept: %s", strerror(errno));
					}
					sfd[got++] = track(fd);
				}
			}
			if (got < cnt && now() > end)
				die("%s: accept stalled (%ld of %ld in batch at %ld)", what, got, cnt, start);
		}
		if (mode == PAIR_TIMEWAIT) {
			/* active close on the client: it ends in TIME-WAIT */
			for (long k = 0; k < cnt; k++) {
				close(cfd[k]);
				n_sockets--;
			}
			for (long k = 0; k < got; k++) {
				char c;
				/* make sure the server saw the FIN (CLOSE-WAIT) first */
				for (int tries = 0; tries < 50; tries++) {
					ssize_t r = recv(sfd[k], &c, 1, MSG_DONTWAIT);
					if (r == 0 || (r < 0 && errno != EAGAIN))
						break;
					wait_fd(sfd[k], POLLIN | POLLRDHUP, 20);
				}
				close(sfd[k]);
				n_sockets--;
			}
		}
	}
	free(cfd);
	free(sfd);
	free(pfd);
}

/* ------------------------------------------------------------------ */
/* UDP, raw, packet                                                     */

static int udp_bound(int family, const char *ip, int port, int reuse)
{
	struct sockaddr_storage sa;
	char b[80];
	socklen_t len = mk_addr(&sa, family, ip, port);
	int fd = new_socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (reuse)
		set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
	if (family == AF_INET6 && strcmp(ip, "::") == 0)
		set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
	if (bind(fd, (struct sockaddr *)&sa, len) < 0)
		die("bind udp %s: %s", fmt_addr(&sa, b, sizeof(b)), strerror(errno));
	return fd;
}

static void udp_connect(int fd, int family, const char *ip, int port)
{
	struct sockaddr_storage sa;
	socklen_t len = mk_addr(&sa, family, ip, port);
	if (connect(fd, (struct sockaddr *)&sa, len) < 0)
		die("connect udp: %s", strerror(errno));
}

static void make_udp(int family, long first, long n)
{
	const char *ip = family == AF_INET ? "127.0.0.1" : "::1";
	int *ports = malloc(sizeof(int) * NPORTS_MAX);
	long np = 0;
	if (!ports)
		die("out of memory");
	for (int p = O.base_port; p <= 65535; p++)
		if (!udp_reserved[p])
			ports[np++] = p;
	if (np == 0)
		die("no UDP ports above --base-port");
	for (long i = first; i < first + n; i++) {
		if ((i & 1023) == 0)
			check_deadline("udp");
		int port = ports[i % np];
		int fd = udp_bound(family, ip, port, 1);
		/* every 4th socket is connected to the previous one */
		if (i % 4 == 3)
			udp_connect(fd, family, ip, ports[(i - 1) % np]);
	}
	free(ports);
}

static void make_raw(long first, long n)
{
	for (long i = first; i < first + n; i++) {
		int fd;
		switch (i % 3) {
		case 0:
			new_socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
			break;
		case 1: {
			struct sockaddr_storage sa;
			socklen_t l = mk_addr(&sa, AF_INET, "127.0.0.1", 0);
			fd = new_socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
			if (bind(fd, (struct sockaddr *)&sa, l) < 0)
				die("bind raw: %s", strerror(errno));
			break;
		}
		default:
			new_socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
		}
	}
}

static void packet_bind(int fd, int ifindex, int proto)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_ifindex = ifindex,
				   .sll_protocol = htons(proto) };
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		die("bind packet: %s", strerror(errno));
}

/* Packet sockets use protocol 0 or local-experimental ethertypes so they
 * receive no traffic (their queues stay deterministic and cheap). */
static void make_packet(long first, long n)
{
	int lo = if_nametoindex("lo");
	if (!lo)
		die("no loopback interface");
	for (long i = first; i < first + n; i++) {
		int fd;
		switch (i % 3) {
		case 0:
			new_socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
			break;
		case 1:
			fd = new_socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
			packet_bind(fd, lo, 0x88b5);
			break;
		default:
			fd = new_socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
			packet_bind(fd, lo, 0x88b6);
		}
	}
}

/* ------------------------------------------------------------------ */
/* UNIX                                                                 */

static const char *sock_dir(void)
{
	if (O.dir)
		return O.dir;
	if (!dirbuf[0]) {
		snprintf(dirbuf, sizeof(dirbuf), "/tmp/sockfarm.XXXXXX");
		if (!mkdtemp(dirbuf))
			die("mkdtemp: %s", strerror(errno));
		snprintf(made_dir, sizeof(made_dir), "%s", dirbuf);
	}
	return dirbuf;
}

/* name starting with '@' = abstract */
static socklen_t mk_un(struct sockaddr_un *un, const char *name)
{
	size_t l = strlen(name);
	memset(un, 0, sizeof(*un));
	un->sun_family = AF_UNIX;
	if (l >= sizeof(un->sun_path))
		die("unix path too long: %s", name);
	if (name[0] == '@') {
		memcpy(un->sun_path + 1, name + 1, l - 1);
		return offsetof(struct sockaddr_un, sun_path) + l;
	}
	memcpy(un->sun_path, name, l);
	return offsetof(struct sockaddr_un, sun_path) + l + 1;
}

static int unix_bound(int type, const char *name)
{
	struct sockaddr_un un;
	socklen_t l = mk_un(&un, name);
	int fd = new_socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (name[0] != '@') {
		unlink(name);
		add_path(name);
	}
	if (bind(fd, (struct sockaddr *)&un, l) < 0)
		die("bind unix %s: %s", name, strerror(errno));
	return fd;
}

static int unix_listener(int type, const char *name, int backlog)
{
	int fd = unix_bound(type, name);
	if (listen(fd, backlog) < 0)
		die("listen unix %s: %s", name, strerror(errno));
	return fd;
}

static int unix_connect(int type, const char *name)
{
	struct sockaddr_un un;
	socklen_t l = mk_un(&un, name);
	int fd = new_socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (connect(fd, (struct sockaddr *)&un, l) < 0)
		die("connect unix %s: %s", name, strerror(errno));
	return fd;
}

static void unix_pair(int type, int *a, int *b)
{
	int sv[2];
	if (socketpair(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) < 0) {
		if (errno == EMFILE || errno == ENFILE)
			die("socketpair: %s after %ld sockets", strerror(errno), n_sockets);
		die("socketpair: %s", strerror(errno));
	}
	track(sv[0]);
	track(sv[1]);
	if (a)
		*a = sv[0];
	if (b)
		*b = sv[1];
}

static void unix_name(char *buf, size_t n, const char *kind, long i)
{
	if (i % 2 == 0)
		snprintf(buf, n, "%s/sf%lu-%s%ld.sock", sock_dir(), O.seed, kind, i);
	else
		snprintf(buf, n, "@sockfarm-%lu-%s%ld", O.seed, kind, i);
}

static void make_unix_stream(long first, long n)
{
	if (n <= 0)
		return;
	long nl = (n + 19) / 20;
	long rest = n - nl;
	long nconn = rest / 5 / 2;                 /* accepted pairs */
	long nsp = (rest - 2 * nconn) / 2;         /* socketpairs */
	long odd = rest - 2 * nconn - 2 * nsp;     /* 0 or 1 lone socket */
	int *lfd = malloc(sizeof(int) * nl);
	char (*names)[108] = malloc(108 * nl);
	if (!lfd || !names)
		die("out of memory");
	for (long i = 0; i < nl; i++) {
		unix_name(names[i], sizeof(names[i]), "s", first + i);
		lfd[i] = unix_listener(SOCK_STREAM, names[i], 4096);
	}
	for (long k = 0; k < nconn; k++) {
		if ((k & 1023) == 0)
			check_deadline("unix stream");
		unix_connect(SOCK_STREAM, names[k % nl]);
		accept_one(lfd[k % nl], 3000);
	}
	for (long k = 0; k < nsp; k++) {
		if ((k & 1023) == 0)
			check_deadline("unix stream");
		unix_pair(SOCK_STREAM, NULL, NULL);
	}
	if (odd)
		new_socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	free(lfd);
	free(names);
}

static void make_unix_dgram(long first, long n)
{
	if (n <= 0)
		return;
	long nb = (n + 9) / 10;
	long nc = (n - nb) / 5;
	long nsp = (n - nb - nc) / 2;
	long odd = n - nb - nc - 2 * nsp;
	char (*names)[108] = malloc(108 * nb);
	if (!names)
		die("out of memory");
	for (long i = 0; i < nb; i++) {
		unix_name(names[i], sizeof(names[i]), "d", first + i);
		unix_bound(SOCK_DGRAM, names[i]);
	}
	for (long k = 0; k < nc; k++) {
		if ((k & 1023) == 0)
			check_deadline("unix dgram");
		unix_connect(SOCK_DGRAM, names[k % nb]);
	}
	for (long k = 0; k < nsp; k++) {
		if ((k & 1023) == 0)
			check_deadline("unix dgram");
		unix_pair(SOCK_DGRAM, NULL, NULL);
	}
	if (odd)
		new_socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	free(names);
}

/* ------------------------------------------------------------------ */
/* deterministic fixture                                                */

static void watch(int fd)
{
	if (nwatch < (int)(sizeof(watch_fds) / sizeof(watch_fds[0])))
		watch_fds[nwatch++] = fd;
}

static int syn_sent_fd = -1, last_syn_fd = -1;

static const int fixture_tcp_ports[] = { 22, 80, 443, 2222, 2223, 5432, 8080,
	40001, 40002, 40003, 40004, 40005, 40010, 40011, 40020, 40021, 40030, 40031,
	40040, 40041, 40042, 40043, 40044 };
static const int fixture_udp_ports[] = { 53, 5353, 6000, 6001, 40050, 40051 };

static void make_fixture(void)
{
	char path[PATH_MAX];
	const char *dir = sock_dir();
	int c, s;

	/* --- TCP listeners --- */
	int l22 = tcp_listener(AF_INET, "127.0.0.1", 22, 128);
	int l80 = tcp_listener(AF_INET, "127.0.0.1", 80, 128);
	int l443 = tcp_listener(AF_INET, "127.0.0.1", 443, 128);
	int l8080 = tcp_listener(AF_INET, "127.0.0.1", 8080, 128);
	int l5432 = tcp_listener(AF_INET, "127.0.0.1", 5432, 1);
	int l2222 = tcp_listener(AF_INET, "0.0.0.0", 2222, 16);
	int l6_22 = tcp_listener(AF_INET6, "::1", 22, 128);
	int l6_443 = tcp_listener(AF_INET6, "::1", 443, 128);
	tcp_listener(AF_INET6, "::", 2223, 16);

	/* --- ESTAB pairs --- */
	fx_pair(l22, AF_INET, "127.0.0.2", 40001, "127.0.0.1", 22, 0, &c, &s);
	write_bytes(c, 1000, 'a');                  /* server Recv-Q 1000 */
	watch(c);
	watch(s);
	fx_pair(l80, AF_INET, "127.0.0.3", 40002, "127.0.0.1", 80, 0, &c, &s);
	/* client with a tiny receive buffer; server fills it: client Recv-Q>0,
	 * server Send-Q>0 */
	fx_pair(l443, AF_INET, "127.0.0.4", 40003, "127.0.0.1", 443, 4096, &c, &s);
	set_int(s, SOL_SOCKET, SO_SNDBUF, 16384, "SO_SNDBUF");
	{
		char buf[4096];
		memset(buf, 'z', sizeof(buf));
		for (int k = 0; k < 256; k++) {
			ssize_t w = send(s, buf, sizeof(buf), MSG_NOSIGNAL | MSG_DONTWAIT);
			if (w < 0)
				break;
			if (k % 8 == 7)
				usleep(2000);
		}
	}
	watch(c);
	watch(s);
	fx_pair(l8080, AF_INET, "127.0.0.5", 40004, "127.0.0.1", 8080, 0, &c, &s);
	set_int(c, SOL_SOCKET, SO_KEEPALIVE, 1, "SO_KEEPALIVE");
	fx_pair(l2222, AF_INET, "127.0.0.9", 40005, "127.0.0.1", 2222, 0, &c, &s);
	fx_pair(l6_22, AF_INET6, "::1", 40010, "::1", 22, 0, &c, &s);
	write_bytes(c, 500, 'b');
	watch(c);
	watch(s);
	fx_pair(l6_443, AF_INET6, "::1", 40011, "::1", 443, 0, &c, &s);

	/* --- TIME-WAIT (client side), v4 and v6 --- */
	{
		const struct { int fam; const char *sip; int sp; int lfd; const char *dip; int dp; } tw[] = {
			{ AF_INET, "127.0.0.6", 40020, l80, "127.0.0.1", 80 },
			{ AF_INET6, "::1", 40021, l6_443, "::1", 443 },
		};
		for (int k = 0; k < 2; k++) {
			char ch;
			fx_pair(tw[k].lfd, tw[k].fam, tw[k].sip, tw[k].sp, tw[k].dip, tw[k].dp, 0, &c, &s);
			close(c);
			n_sockets--;
			for (int t = 0; t < 100; t++) {
				ssize_t r = recv(s, &ch, 1, MSG_DONTWAIT);
				if (r == 0)
					break;
				wait_fd(s, POLLIN | POLLRDHUP, 20);
			}
			close(s);
			n_sockets--;
		}
	}

	/* --- FIN-WAIT-2 (client, shutdown SHUT_WR) / CLOSE-WAIT (server) --- */
	fx_pair(l8080, AF_INET, "127.0.0.7", 40030, "127.0.0.1", 8080, 0, &c, &s);
	shutdown(c, SHUT_WR);
	wait_fd(s, POLLRDHUP, 1000);
	fx_pair(l6_22, AF_INET6, "::1", 40031, "::1", 22, 0, &c, &s);
	shutdown(c, SHUT_WR);
	wait_fd(s, POLLRDHUP, 1000);

	/* --- SYN-SENT: fill the accept queue of 127.0.0.1:5432 (backlog 1, never
	 * accepted); the next SYN is dropped and its sender stays in SYN-SENT
	 * (TCP_SYNCNT=127 keeps it retrying for hours) --- */
	{
		int syn_sent = 0;
		for (int k = 0; k < 5 && !syn_sent; k++) {
			struct sockaddr_storage sa, da;
			socklen_t sl = mk_addr(&sa, AF_INET, "127.0.0.8", 40040 + k);
			socklen_t dl = mk_addr(&da, AF_INET, "127.0.0.1", 5432);
			int fd = tcp_connect_sa(&sa, sl, &da, dl, 0, 127);
			if (wait_fd(fd, POLLOUT, 300) & POLLOUT)
				continue;       /* completed: sits unaccepted in the queue */
			if (tcp_state(fd) == TCP_SYN_SENT) {
				syn_sent = 40040 + k;
				last_syn_fd = fd;
			}
		}
		if (!syn_sent)
			note("warning: could not produce a SYN-SENT socket");
		else
			syn_sent_fd = last_syn_fd;
		(void)l5432;
	}

	/* --- UDP --- */
	{
		int u53 = udp_bound(AF_INET, "127.0.0.1", 53, 0);
		udp_bound(AF_INET, "127.0.0.1", 5353, 0);
		udp_bound(AF_INET, "0.0.0.0", 6000, 0);
		int uc = udp_bound(AF_INET, "127.0.0.1", 40050, 0);
		udp_connect(uc, AF_INET, "127.0.0.1", 53);
		for (int k = 1; k <= 3; k++)
			write_bytes(uc, 10 * k, 'q');           /* 3 datagrams */
		watch(u53);
		int u6 = udp_bound(AF_INET6, "::1", 53, 0);
		udp_bound(AF_INET6, "::", 6001, 0);
		int uc6 = udp_bound(AF_INET6, "::1", 40051, 0);
		udp_connect(uc6, AF_INET6, "::1", 53);
		write_bytes(uc6, 42, 'r');
		watch(u6);
	}

	/* --- raw --- */
	{
		struct sockaddr_storage sa;
		socklen_t l;
		new_socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
		int r = new_socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
		l = mk_addr(&sa, AF_INET, "127.0.0.1", 0);
		if (bind(r, (struct sockaddr *)&sa, l) < 0)
			die("bind raw: %s", strerror(errno));
		new_socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
		r = new_socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, 253);
		if (bind(r, (struct sockaddr *)&sa, l) < 0)
			die("bind raw: %s", strerror(errno));
	}

	/* --- packet --- */
	make_packet(0, 3);

	/* --- UNIX stream --- */
	{
		snprintf(path, sizeof(path), "%s/stream.sock", dir);
		unix_listener(SOCK_STREAM, path, 8);
		unix_connect(SOCK_STREAM, path);                /* pending, never accepted */
		int la = unix_listener(SOCK_STREAM, "@sockfarm-fixture.stream", 8);
		unix_connect(SOCK_STREAM, "@sockfarm-fixture.stream");
		accept_one(la, 1000);
		snprintf(path, sizeof(path), "%s/stream2.sock", dir);
		int l2 = unix_listener(SOCK_STREAM, path, 8);
		int uc = unix_connect(SOCK_STREAM, path);
		int us = accept_one(l2, 1000);
		write_bytes(uc, 200, 'u');                    /* server Recv-Q 200 */
		watch(uc);
		watch(us);
		int a, b;
		unix_pair(SOCK_STREAM, &a, &b);
		write_bytes(a, 100, 'p');
		watch(a);
		watch(b);
		unix_pair(SOCK_STREAM, NULL, NULL);
	}
	/* --- UNIX dgram --- */
	{
		snprintf(path, sizeof(path), "%s/dgram.sock", dir);
		int d = unix_bound(SOCK_DGRAM, path);
		int dc = unix_connect(SOCK_DGRAM, path);
		write_bytes(dc, 30, 'd');
		write_bytes(dc, 40, 'e');
		watch(d);
		watch(dc);
		unix_bound(SOCK_DGRAM, "@sockfarm-fixture.dgram");
		unix_pair(SOCK_DGRAM, NULL, NULL);
	}
	/* --- UNIX seqpacket --- */
	{
		snprintf(path, sizeof(path), "%s/seq.sock", dir);
		int ls = unix_listener(SOCK_SEQPACKET, path, 8);
		unix_connect(SOCK_SEQPACKET, path);
		accept_one(ls, 1000);
	}
}

/* wait until SIOCINQ/SIOCOUTQ of the watched fds stop changing, and until
 * the SYN-SENT socket has retransmitted once (so `ss -i` shows its
 * retrans:/lost: fields from the start instead of growing them mid-run) */
static void settle(void)
{
	long prev[64][2], cur[64][2];
	int stable = 0;
	if (syn_sent_fd >= 0) {
		for (int it = 0; it < 300; it++) {
			struct tcp_info ti;
			socklen_t l = sizeof(ti);
			if (getsockopt(syn_sent_fd, IPPROTO_TCP, TCP_INFO, &ti, &l) < 0 ||
			    ti.tcpi_total_retrans >= 1)
				break;
			usleep(10000);
		}
	}
	if (nwatch == 0)
		return;
	memset(prev, 0xff, sizeof(prev));
	for (int it = 0; it < 100 && stable < 3; it++) {
		usleep(30000);
		for (int k = 0; k < nwatch; k++) {
			int a = -1, b = -1;
			ioctl(watch_fds[k], SIOCINQ, &a);
			ioctl(watch_fds[k], SIOCOUTQ, &b);
			cur[k][0] = a;
			cur[k][1] = b;
		}
		if (memcmp(prev, cur, sizeof(long) * 2 * nwatch) == 0)
			stable++;
		else
			stable = 0;
		memcpy(prev, cur, sizeof(long) * 2 * nwatch);
	}
}

/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* worker processes                                                     */

enum { K_LISTEN, K_EST4, K_EST6, K_HOT, K_UDP4, K_UDP6, K_USTREAM, K_UDGRAM, K_RAW,
       K_PACKET, K_MAX };
static const int kind_cost[K_MAX] = { 1, 2, 2, 2, 1, 1, 1, 1, 1, 1 };
struct chunk {
	int kind;
	long start, count;
};

static void hold(int fd)
{
	double end = now() + O.max_hold;
	char buf[4096];
	while (!stop_flag && now() < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int r = poll(&p, 1, 1000);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (r == 0)
			continue;
		if (p.revents & POLLNVAL)
			break;
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t n = read(fd, buf, sizeof(buf));
			if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
				break;
		}
	}
}

/* abortive close: RST instead of FIN, so no TIME-WAIT storm at exit */
static void abort_close_all(void)
{
	struct linger lg = { 1, 0 };
	for (int fd = 3; fd <= max_fd; fd++)
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
}

static void run_chunk(const struct chunk *c)
{
	switch (c->kind) {
	case K_LISTEN:
		for (long i = c->start; i < c->start + c->count; i++) {
			if ((i & 1023) == 0)
				check_deadline("tcp listeners");
			tcp_listener(AF_INET, "127.0.0.1", listen_ports[i], 128);
		}
		break;
	case K_EST4:
		make_pairs(AF_INET, c->start, c->count, 1, lfd4, lp4, L4, PAIR_ESTAB, "tcp-estab");
		break;
	case K_EST6:
		make_pairs(AF_INET6, c->start, c->count, 0, lfd6, lp6, L6, PAIR_ESTAB, "tcp6-estab");
		break;
	case K_HOT:
		make_pairs(AF_INET, c->start, c->count, 4, &lfdhot, &O.hot_port, 1, PAIR_ESTAB,
			   "hot-port");
		break;
	case K_UDP4:
		make_udp(AF_INET, c->start, c->count);
		break;
	case K_UDP6:
		make_udp(AF_INET6, c->start, c->count);
		break;
	case K_USTREAM:
		make_unix_stream(c->start, c->count);
		break;
	case K_UDGRAM:
		make_unix_dgram(c->start, c->count);
		break;
	case K_RAW:
		make_raw(c->start, c->count);
		break;
	case K_PACKET:
		make_packet(c->start, c->count);
		break;
	}
}

static int is_kept(int fd, int repfd)
{
	if (fd == repfd || fd == hold_rfd || fd == lfdhot)
		return 1;
	for (int k = 0; lfd4 && k < L4; k++)
		if (fd == lfd4[k])
			return 1;
	for (int k = 0; lfd6 && k < L6; k++)
		if (fd == lfd6[k])
			return 1;
	return 0;
}

static void worker_main(const struct chunk *cs, int nc, int repfd)
{
	is_worker = 1;
	paths = NULL;
	npaths = cap_paths = 0;
	made_dir[0] = 0;
	n_sockets = 0;
	nwatch = 0;
	nworkers = 0;
	/* drop the parent's sockets (they stay alive in the parent) */
	for (int fd = 3; fd <= max_fd; fd++)
		if (!is_kept(fd, repfd))
			close(fd);
	int dn = open("/dev/null", O_RDWR);
	if (dn >= 0) {
		dup2(dn, 0);
		dup2(dn, 1);
		if (dn > 2)
			close(dn);
	}
	for (int k = 0; k < nc; k++)
		run_chunk(&cs[k]);
	/* the shared listeners belong to the parent */
	for (int fd = 3; fd <= max_fd; fd++)
		if (fd != repfd && fd != hold_rfd && is_kept(fd, repfd))
			close(fd);
	dprintf(repfd, "ok %ld\n", n_sockets);
	close(repfd);
	hold(hold_rfd);
	abort_close_all();
	cleanup();
	_exit(0);
}

static void spawn_worker(const struct chunk *cs, int nc)
{
	int rep[2];
	char line[64];
	size_t got = 0;

	if (pipe2(rep, O_CLOEXEC) < 0)
		die("pipe: %s", strerror(errno));
	if (rep[1] > max_fd)
		max_fd = rep[1];
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0)
		worker_main(cs, nc, rep[1]);
	close(rep[1]);
	workers = realloc(workers, sizeof(pid_t) * (nworkers + 1));
	if (!workers)
		die("out of memory");
	workers[nworkers++] = pid;
	for (;;) {
		check_deadline("worker sockets");
		if (!(wait_fd(rep[0], POLLIN, 1000) & (POLLIN | POLLHUP)))
			continue;
		ssize_t r = read(rep[0], line + got, sizeof(line) - 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
		if (memchr(line, '\n', got) || got >= sizeof(line) - 1)
			break;
	}
	line[got] = 0;
	close(rep[0]);
	long n = 0;
	if (sscanf(line, "ok %ld", &n) != 1)
		die("worker %d (pid %d) failed", nworkers, (int)pid);
	worker_sockets += n;
}

static void run_workers(void)
{
	long totals[K_MAX] = { O.tcp_listen, O.tcp_estab, O.tcp6_estab,
		O.hot_port ? O.hot_pairs : 0, O.udp, O.udp6, O.unix_stream, O.unix_dgram,
		O.raw, O.packet };
	struct rlimit rl;
	struct chunk cur[K_MAX];
	int nc = 0;
	long any = 0;
	for (int k = 0; k < K_MAX; k++)
		any += totals[k];
	if (!any)
		return;
	getrlimit(RLIMIT_NOFILE, &rl);
	long cap = (long)(rl.rlim_cur > 100000000 ? 100000000 : rl.rlim_cur) - 64 - L4 - L6;
	if (cap < 2 * BATCH + 64)
		die("RLIMIT_NOFILE (%ld) too small", (long)rl.rlim_cur);
	int hp[2];
	if (pipe2(hp, O_CLOEXEC) < 0)
		die("pipe: %s", strerror(errno));
	hold_rfd = hp[0];
	hold_wfd = hp[1];
	if (hp[1] > max_fd)
		max_fd = hp[1];

	double t0 = now();
	long R = cap;
	for (int k = 0; k < K_MAX; k++) {
		long pos = 0;
		while (pos < totals[k]) {
			long take = R / kind_cost[k];
			if (take > totals[k] - pos)
				take = totals[k] - pos;
			if (take == 0) {
				spawn_worker(cur, nc);
				nc = 0;
				R = cap;
				continue;
			}
			cur[nc++] = (struct chunk){ k, pos, take };
			pos += take;
			R -= take * kind_cost[k];
		}
	}
	if (nc)
		spawn_worker(cur, nc);
	note("%ld bulk sockets in %d worker process(es) (<= %ld fds each) in %.2f s",
	     worker_sockets, nworkers, cap, now() - t0);
}

static void stop_workers(void)
{
	if (is_worker || nworkers == 0)
		return;
	if (hold_wfd >= 0) {
		close(hold_wfd);        /* EOF tells every worker to exit */
		hold_wfd = -1;
	}
	/* wait (bounded) for our own children; escalate to SIGTERM, SIGKILL */
	int left = nworkers, sent = 0;
	double t0 = now();
	while (left > 0) {
		for (int k = 0; k < nworkers; k++) {
			if (workers[k] <= 0)
				continue;
			pid_t r = waitpid(workers[k], NULL, WNOHANG);
			if (r == workers[k] || (r < 0 && errno == ECHILD)) {
				workers[k] = 0;
				left--;
			}
		}
		if (left == 0)
			break;
		double el = now() - t0;
		int sig = el > 40 ? SIGKILL : el > 30 ? SIGTERM : 0;
		if (sig && sent != sig) {
			for (int k = 0; k < nworkers; k++)
				if (workers[k] > 0)
					kill(workers[k], sig);
			sent = sig;
		}
		if (el > 50)
			break;
		usleep(10000);
	}
	nworkers = 0;
}

static int in_init_netns(void)
{
	struct stat a, b;
	if (stat("/proc/self/ns/net", &a) < 0 || stat("/proc/1/ns/net", &b) < 0)
		return 1;       /* cannot tell: be safe */
	return a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

static void sysctl_raise(const char *path, long want)
{
	FILE *f = fopen(path, "r");
	long cur = 0;
	if (!f)
		return;
	if (fscanf(f, "%ld", &cur) != 1)
		cur = 0;
	fclose(f);
	if (cur >= want)
		return;
	f = fopen(path, "w");
	if (!f) {
		note("cannot raise %s to %ld: %s", path, want, strerror(errno));
		return;
	}
	fprintf(f, "%ld\n", want);
	if (fclose(f) != 0)
		note("cannot raise %s to %ld", path, want);
}

static void raise_nofile(long need)
{
	struct rlimit rl;
	long nr_open = 1048576;
	FILE *f = fopen("/proc/sys/fs/nr_open", "r");
	if (f) {
		if (fscanf(f, "%ld", &nr_open) != 1)
			nr_open = 1048576;
		fclose(f);
	}
	getrlimit(RLIMIT_NOFILE, &rl);
	rlim_t want = (rlim_t)nr_open;
	if (rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max = want;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
		getrlimit(RLIMIT_NOFILE, &rl);
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	getrlimit(RLIMIT_NOFILE, &rl);
	if ((long)rl.rlim_cur < need + 16)
		note("RLIMIT_NOFILE is %ld (hard limit not raisable here); about %ld fds "
		     "are needed, so bulk sockets are spread over worker processes",
		     (long)rl.rlim_cur, need + 16);
}

/* bring the loopback interface up (a fresh network namespace starts with lo down) */
static void loopback_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket: %s", strerror(errno));
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		die("SIOCGIFFLAGS lo: %s", strerror(errno));
	if (!(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			die("cannot bring lo up: %s", strerror(errno));
	}
	close(fd);
}

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void usage(int code)
{
	fprintf(code ? stderr : stdout,
		"usage: sockfarm [options]   (all counts default 0)\n"
		"  --tcp-listen N     TCP listeners on 127.0.0.1, ports from --base-port\n"
		"  --tcp-estab N      N established IPv4 pairs (2N sockets) over --estab-ports listeners\n"
		"  --tcp6-estab N     N established pairs on ::1\n"
		"  --tcp-timewait N   N pairs closed so the client side is in TIME-WAIT (expires after 60 s)\n"
		"  --udp N / --udp6 N bound UDP sockets (every 4th connected)\n"
		"  --unix-stream N    ~N unix stream sockets (listeners fs+abstract, accepted pairs, socketpairs)\n"
		"  --unix-dgram N     ~N unix dgram sockets (bound fs+abstract, connected clients, socketpairs)\n"
		"  --raw N            raw ICMP/ICMPv6 sockets\n"
		"  --packet N         AF_PACKET sockets (no traffic-matching protocol)\n"
		"  --hot-port P       extra listener 127.0.0.1:P with --hot-pairs K established pairs (default 10)\n"
		"  --estab-ports L    listener ports used by --tcp-estab (default 4; v6 uses more if needed)\n"
		"  --seed S           permutes client ports and names unix sockets (default 0)\n"
		"  --base-port P      first listener / UDP port (default 10000)\n"
		"  --deterministic    also build the fixed fixture (fixed ports, unix paths under --dir)\n"
		"  --dir D            directory for filesystem unix sockets (default: mkdtemp in /tmp)\n"
		"  --max-hold SEC     exit after SEC seconds of holding (default 3600)\n"
		"  --max-setup SEC    give up if creating takes longer (default 900)\n"
		"  --no-sysctl        never write sysctls (default: raise somaxconn/tw_buckets only\n"
		"                     when not in the initial network namespace)\n"
		"  --lo-up            bring the loopback interface up first (fresh namespace)\n"
		"  --quiet            no progress notes on stderr\n");
	exit(code);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NUMOPT(name, field) \
	if (!strcmp(a, name)) { if (!v) usage(2); O.field = strtol(v, NULL, 0); i++; continue; }
		NUMOPT("--tcp-listen", tcp_listen);
		NUMOPT("--tcp-estab", tcp_estab);
		NUMOPT("--tcp6-estab", tcp6_estab);
		NUMOPT("--tcp-timewait", tcp_timewait);
		NUMOPT("--udp", udp);
		NUMOPT("--udp6", udp6);
		NUMOPT("--unix-stream", unix_stream);
		NUMOPT("--unix-dgram", unix_dgram);
		NUMOPT("--raw", raw);
		NUMOPT("--packet", packet);
		NUMOPT("--base-port", base_port);
		NUMOPT("--hot-port", hot_port);
		NUMOPT("--hot-pairs", hot_pairs);
		NUMOPT("--estab-ports", estab_ports);
		NUMOPT("--max-hold", max_hold);
		NUMOPT("--max-setup", max_setup);
#undef NUMOPT
		if (!strcmp(a, "--seed")) {
			if (!v)
				usage(2);
			O.seed = strtoul(v, NULL, 0);
			i++;
		} else if (!strcmp(a, "--dir")) {
			if (!v)
				usage(2);
			O.dir = v;
			i++;
		} else if (!strcmp(a, "--deterministic")) {
			O.deterministic = 1;
		} else if (!strcmp(a, "--lo-up")) {
			O.lo_up = 1;
		} else if (!strcmp(a, "--no-sysctl")) {
			O.no_sysctl = 1;
		} else if (!strcmp(a, "--quiet")) {
			O.quiet = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(0);
		} else {
			fprintf(stderr, "sockfarm: unknown option %s\n", a);
			usage(2);
		}
	}
	if (O.base_port < 1024 || O.base_port > 65535)
		die("--base-port must be in 1024..65535");
	if (O.estab_ports < 1)
		O.estab_ports = 1;
	if (O.dir) {
		if (mkdir(O.dir, 0755) == 0)
			snprintf(made_dir, sizeof(made_dir), "%s", O.dir);
		else if (errno != EEXIST)
			die("mkdir %s: %s", O.dir, strerror(errno));
	}

	signal(SIGPIPE, SIG_IGN);
	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	t_start = now();
	setup_deadline = t_start + O.max_setup;

	long need = O.tcp_listen + 2 * (O.tcp_estab + O.tcp6_estab) + O.udp + O.udp6 +
		    O.unix_stream + O.unix_dgram + O.raw + O.packet + 2 * O.hot_pairs + 256;
	raise_nofile(need);

	if (O.lo_up)
		loopback_up();
	if (!O.no_sysctl && !in_init_netns()) {
		sysctl_raise("/proc/sys/net/core/somaxconn", 65535);
		sysctl_raise("/proc/sys/net/ipv4/tcp_max_syn_backlog", 65535);
		sysctl_raise("/proc/sys/net/ipv4/tcp_max_tw_buckets", O.tcp_timewait + 4096);
	}

	/* reserve fixture ports so bulk sockets never collide with them */
	if (O.deterministic) {
		for (size_t k = 0; k < sizeof(fixture_tcp_ports) / sizeof(int); k++)
			tcp_reserved[fixture_tcp_ports[k]] = 1;
		for (size_t k = 0; k < sizeof(fixture_udp_ports) / sizeof(int); k++)
			udp_reserved[fixture_udp_ports[k]] = 1;
		make_fixture();
		note("fixture built (%ld sockets)", n_sockets);
	}
	if (O.hot_port)
		tcp_reserved[O.hot_port] = 1;

	/* ports: --tcp-listen listeners first, then estab/timewait listeners */
	port_alloc_next = O.base_port;
	listen_ports = malloc(sizeof(int) * (O.tcp_listen + 1));
	if (!listen_ports)
		die("out of memory");
	for (long i = 0; i < O.tcp_listen; i++) {
		listen_ports[i] = alloc_listen_port();
		tcp_reserved[listen_ports[i]] = 1;
	}
	L4 = O.estab_ports;
	L6 = O.estab_ports;
	if (O.tcp6_estab > 0) {
		/* each v6 client port may serve every destination port once */
		long min_l6 = (O.tcp6_estab + 50000 - 1) / 50000;
		if (L6 < min_l6)
			L6 = (int)min_l6;
	}
	int lfdtw = -1, lptw = 0;
	if (O.tcp_estab > 0) {
		lfd4 = malloc(sizeof(int) * L4);
		lp4 = malloc(sizeof(int) * L4);
		for (int k = 0; k < L4; k++) {
			lp4[k] = alloc_listen_port();
			lfd4[k] = tcp_listener(AF_INET, "127.0.0.1", lp4[k], 65535);
		}
	}
	if (O.tcp6_estab > 0) {
		lfd6 = malloc(sizeof(int) * L6);
		lp6 = malloc(sizeof(int) * L6);
		for (int k = 0; k < L6; k++) {
			lp6[k] = alloc_listen_port();
			lfd6[k] = tcp_listener(AF_INET6, "::1", lp6[k], 65535);
		}
	}
	if (O.tcp_timewait > 0) {
		lptw = alloc_listen_port();
		lfdtw = tcp_listener(AF_INET, "127.0.0.1", lptw, 65535);
	}
	if (O.hot_port && O.hot_pairs > 0)
		lfdhot = tcp_listener(AF_INET, "127.0.0.1", O.hot_port, 65535);
	build_client_ports();
	if (O.unix_stream > 0 || O.unix_dgram > 0)
		sock_dir();     /* create the shared directory before forking */

	/* TIME-WAIT pairs hold no fds afterwards: build them here */
	if (O.tcp_timewait > 0) {
		double t0 = now();
		make_pairs(AF_INET, 0, O.tcp_timewait, 2, &lfdtw, &lptw, 1, PAIR_TIMEWAIT,
			   "tcp-timewait");
		note("%ld TIME-WAIT pairs in %.2f s", O.tcp_timewait, now() - t0);
		close(lfdtw);   /* the listener itself is not part of the fixture */
		n_sockets--;
	}

	/* everything else is built by worker processes, each within its own
	 * RLIMIT_NOFILE (the hard limit may be unraisable without
	 * CAP_SYS_RESOURCE) */
	run_workers();

	settle();
	long total = n_sockets + worker_sockets;
	note("%ld sockets held in %d process(es) (+%ld TIME-WAIT) after %.2f s", total,
	     1 + nworkers, O.tcp_timewait, now() - t_start);
	printf("ready\n");
	fflush(stdout);

	hold(0);
	stop_workers();
	abort_close_all();
	cleanup();
	return 0;
}
