/* nlshim.so: LD_PRELOAD into a dynamic (glibc) ss, such as iproute2's
 * /usr/bin/ss, to answer its NETLINK_SOCK_DIAG (= NETLINK_INET_DIAG)
 * requests from the dump files of $SS_DIAG_DIR, with the same kernel
 * emulation ./ss uses for that variable (netlink/replay.c).
 *
 *   cc -shared -fPIC -O2 -o nlshim.so tests/nlshim.c -ldl
 *   SS_DIAG_DIR=dir LD_PRELOAD=./nlshim.so /usr/bin/ss -wa
 *
 * Without SS_DIAG_DIR every call passes through.  A faked socket is a real
 * AF_UNIX datagram socket (so the descriptor exists and close/getsockopt
 * work) that never carries data: socket, bind, getsockname, setsockopt,
 * send/sendto/sendmsg (the request: the first message of the datagram
 * starts a new reply, dropping what is left of the last one),
 * recv/recvfrom/recvmsg (MSG_PEEK and MSG_TRUNC as on netlink; the sender
 * address is the kernel's, portid 0) and close are answered here.  Reading
 * past the end of a reply fails with EAGAIN (the kernel would block).
 * Other netlink protocols (NETLINK_ROUTE for interface names) and every
 * other socket pass through. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include "../netlink/replay.c"

#define MAX_FAKE 32

struct nl_sockaddr {		/* struct sockaddr_nl */
	uint16_t family;
	uint16_t pad;
	uint32_t pid;
	uint32_t groups;
};

struct fake {
	int fd;			/* -1: free slot */
	uint32_t portid;
	int have;		/* a datagram is waiting in dgram */
	size_t dlen;
	struct replay rp;
	uint32_t dgram[REPLAY_DGRAM / 4];
};

static struct fake fakes[MAX_FAKE];
static int fakes_init;
static uint32_t next_portid;

#define REAL(ret, name, ...) \
	static ret (*real_##name)(__VA_ARGS__); \
	if (!real_##name) \
		real_##name = (ret (*)(__VA_ARGS__))dlsym(RTLD_NEXT, #name)

static struct fake *fake_of(int fd)
{
	if (fd < 0 || !fakes_init)
		return NULL;
	for (int i = 0; i < MAX_FAKE; i++)
		if (fakes[i].fd == fd)
			return &fakes[i];
	return NULL;
}

static const char *diag_dir(void)
{
	const char *d = getenv("SS_DIAG_DIR");

	return d && *d ? d : NULL;
}

int socket(int domain, int type, int protocol)
{
	REAL(int, socket, int, int, int);
	struct fake *f = NULL;
	int fd;

	if (domain != AF_NETLINK || protocol != NETLINK_SOCK_DIAG_PROTO || !diag_dir())
		return real_socket(domain, type, protocol);
	if (!fakes_init) {
		for (int i = 0; i < MAX_FAKE; i++)
			fakes[i].fd = -1;
		fakes_init = 1;
	}
	for (int i = 0; i < MAX_FAKE && !f; i++)
		if (fakes[i].fd < 0)
			f = &fakes[i];
	if (!f) {
		errno = EMFILE;
		return -1;
	}
	fd = real_socket(AF_UNIX, SOCK_DGRAM | (type & (SOCK_CLOEXEC | SOCK_NONBLOCK)), 0);
	if (fd < 0)
		return -1;
	memset(f, 0, offsetof(struct fake, dgram));
	f->fd = fd;
	f->rp.fd = -1;
	/* the kernel gives the first socket the pid, later ones other ids */
	f->portid = next_portid++ ? (uint32_t)-4096 - next_portid : (uint32_t)getpid();
	return fd;
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	REAL(int, bind, int, const struct sockaddr *, socklen_t);
	struct fake *f = fake_of(fd);
	struct nl_sockaddr sa;

	if (!f)
		return real_bind(fd, addr, len);
	if (len >= sizeof(sa)) {
		memcpy(&sa, addr, sizeof(sa));
		if (sa.pid)
			f->portid = sa.pid;
	}
	return 0;
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	REAL(int, getsockname, int, struct sockaddr *, socklen_t *);
	struct fake *f = fake_of(fd);
	struct nl_sockaddr sa = { .family = AF_NETLINK };

	if (!f)
		return real_getsockname(fd, addr, len);
	sa.pid = f->portid;
	memcpy(addr, &sa, *len < sizeof(sa) ? *len : sizeof(sa));
	*len = sizeof(sa);
	return 0;
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	REAL(int, setsockopt, int, int, int, const void *, socklen_t);

	if (!fake_of(fd))
		return real_setsockopt(fd, level, name, val, len);
	return 0;
}

/* One request: the reply to its first message replaces any earlier one. */
static ssize_t fake_send(struct fake *f, const struct iovec *iov, size_t n)
{
	static unsigned char req[65536];
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		size_t c = iov[i].iov_len;
		if (c > sizeof(req) - len) {
			errno = EMSGSIZE;
			return -1;
		}
		memcpy(req + len, iov[i].iov_base, c);
		len += c;
	}
	replay_close(&f->rp);
	f->have = 0;
	if (replay_open(&f->rp, diag_dir(), req, len, f->portid) < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return (ssize_t)len;
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	REAL(ssize_t, sendmsg, int, const struct msghdr *, int);
	struct fake *f = fake_of(fd);

	return f ? fake_send(f, msg->msg_iov, msg->msg_iovlen) : real_sendmsg(fd, msg, flags);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	REAL(ssize_t, sendto, int, const void *, size_t, int, const struct sockaddr *, socklen_t);
	struct fake *f = fake_of(fd);
	struct iovec v = { (void *)buf, len };

	return f ? fake_send(f, &v, 1) : real_sendto(fd, buf, len, flags, to, tolen);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	REAL(ssize_t, send, int, const void *, size_t, int);
	struct fake *f = fake_of(fd);
	struct iovec v = { (void *)buf, len };

	return f ? fake_send(f, &v, 1) : real_send(fd, buf, len, flags);
}

static ssize_t fake_recv(struct fake *f, struct msghdr *msg, int flags)
{
	size_t total = 0, done = 0;
	const unsigned char *p = (const unsigned char *)f->dgram;

	if (!f->have) {
		long n = replay_next(&f->rp, f->dgram);
		if (n <= 0) {
			errno = EAGAIN;
			return -1;
		}
		f->dlen = (size_t)n;
		f->have = 1;
	}
	for (size_t i = 0; i < (size_t)msg->msg_iovlen; i++) {
		size_t c = msg->msg_iov[i].iov_len;
		if (c > f->dlen - done)
			c = f->dlen - done;
		memcpy(msg->msg_iov[i].iov_base, p + done, c);
		done += c;
		total += msg->msg_iov[i].iov_len;
	}
	if (msg->msg_name && msg->msg_namelen >= sizeof(struct nl_sockaddr)) {
		struct nl_sockaddr k = { .family = AF_NETLINK };
		memcpy(msg->msg_name, &k, sizeof(k));
	}
	if (msg->msg_name)
		msg->msg_namelen = sizeof(struct nl_sockaddr);
	msg->msg_controllen = 0;
	msg->msg_flags = f->dlen > total ? MSG_TRUNC : 0;
	if (!(flags & MSG_PEEK))
		f->have = 0;
	return (ssize_t)((flags & MSG_TRUNC) ? f->dlen : done);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	REAL(ssize_t, recvmsg, int, struct msghdr *, int);
	struct fake *f = fake_of(fd);

	return f ? fake_recv(f, msg, flags) : real_recvmsg(fd, msg, flags);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen)
{
	REAL(ssize_t, recvfrom, int, void *, size_t, int, struct sockaddr *, socklen_t *);
	struct fake *f = fake_of(fd);
	struct iovec v = { buf, len };
	struct msghdr m = { .msg_name = from, .msg_namelen = fromlen ? *fromlen : 0,
			    .msg_iov = &v, .msg_iovlen = 1 };
	ssize_t n;

	if (!f)
		return real_recvfrom(fd, buf, len, flags, from, fromlen);
	if (!from)
		m.msg_namelen = 0;
	n = fake_recv(f, &m, flags);
	if (n >= 0 && fromlen && from)
		*fromlen = m.msg_namelen;
	return n;
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	REAL(ssize_t, recv, int, void *, size_t, int);
	struct fake *f = fake_of(fd);
	struct iovec v = { buf, len };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1 };

	return f ? fake_recv(f, &m, flags) : real_recv(fd, buf, len, flags);
}

int close(int fd)
{
	REAL(int, close, int);
	struct fake *f = fake_of(fd);

	if (f) {
		replay_close(&f->rp);
		f->fd = -1;
	}
	return real_close(fd);
}
