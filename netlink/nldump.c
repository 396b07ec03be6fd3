/* The dump loop: one socket and one receive buffer per dump, no allocation
 * per message.  The buffer lives on the caller's stack, not in a static, so
 * a message callback may start another request (-K will) while a dump is
 * walked.  The kernel hands out at most ~32 KiB per datagram for dumps, so
 * 64 KiB always holds one whole datagram.  Nothing here prints: results
 * and errors go back to the caller, which words them. */
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "nldump.h"
#include "replay.h"
#include "../lib/env.h"
#include "../lib/errmsg.h"

#define NL_BUF 65536

struct sockaddr_netlink {
	uint16_t family;
	uint16_t pad;
	uint32_t pid;
	uint32_t groups;
};

enum { WALK_MORE = 1, WALK_DONE = 0 };

/* Walks the messages of one datagram: WALK_MORE, WALK_DONE or -errno. */
static int nl_walk(const char *p, size_t n, nl_msg_cb cb, void *arg, int *intr)
{
	while (n >= sizeof(struct nl_hdr)) {
		const struct nl_hdr *h = (const void *)p;
		const int32_t *err = (const void *)(h + 1);
		size_t step;

		if (h->len < sizeof(*h) || h->len > n)
			return -EBADMSG;
		if (h->flags & NLM_F_DUMP_INTR_FLAG)
			*intr = 1;
		if (h->seq == SS_DUMP_SEQ) {
			if (h->type == NLMSG_DONE_TYPE)
				return h->len >= sizeof(*h) + 4 && *err < 0 ? *err : WALK_DONE;
			if (h->type == NLMSG_ERROR_TYPE)
				return h->len >= sizeof(*h) + 4 && *err < 0 ? *err : -EBADMSG;
			int rc = cb(h, arg);
			if (rc < 0)
				return rc;
		}
		step = NL_ALIGN(h->len);
		if (step >= n)
			break;
		p += step;
		n -= step;
	}
	return WALK_MORE;
}

int nl_tee_fd = -1;

/* -D: the datagram as received, padded to 4 bytes as 6.1 writes it. */
static void nl_tee_write(uint32_t *buf, size_t n)
{
	size_t len = NL_ALIGN(n);
	const char *p = (const char *)buf;

	memset((char *)buf + n, 0, len - n);
	while (len) {
		ssize_t w = write(nl_tee_fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		len -= (size_t)w;
	}
}

/* The test hook: the kernel's answer played from $SS_DIAG_DIR (replay.c). */
static int nl_dump_replayed(const char *dir, void *req, size_t len, uint32_t *buf,
			    nl_msg_cb cb, void *arg)
{
	struct replay rp;
	int rc = replay_open(&rp, dir, req, len, 0), intr = 0;

	if (rc)
		return rc;
	do {
		long n = replay_next(&rp, buf);
		if (CONFIG_SS_FILTER && n > 0 && nl_tee_fd >= 0)
			nl_tee_write(buf, (size_t)n);
		rc = n > 0 ? nl_walk((const char *)buf, (size_t)n, cb, arg, &intr) : -EBADMSG;
	} while (rc == WALK_MORE);
	replay_close(&rp);
	return intr && rc == WALK_DONE ? NL_DUMP_INTR : rc;
}

int nl_dump(void *req, size_t len, nl_msg_cb cb, void *arg)
{
	struct nl_hdr *h = req;
	struct sockaddr_netlink kernel = { .family = 16 /* AF_NETLINK */ };
	uint32_t nl_buf[NL_BUF / 4];
	int fd, rc, intr = 0;
	int rcvbuf = 1 << 20;
	const char *dir = CONFIG_SS_DIAG_REPLAY ? env_get("SS_DIAG_DIR") : NULL;

	_Static_assert(sizeof(nl_buf) >= REPLAY_DGRAM, "a replayed datagram fits");

	h->len = (uint32_t)len;
	h->flags = NLM_F_REQ | NLM_F_DUMP_FLAGS;
	h->seq = SS_DUMP_SEQ;
	if (dir && *dir)
		return nl_dump_replayed(dir, req, len, nl_buf, cb, arg);
	fd = socket(16, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG_PROTO);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (sendto(fd, req, len, 0, (void *)&kernel, sizeof(kernel)) < 0) {
		rc = -errno;
		goto out;
	}
	for (;;) {
		ssize_t n = recv(fd, nl_buf, sizeof(nl_buf), MSG_TRUNC);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			rc = -errno;
			break;
		}
		if (n == 0 || (size_t)n > sizeof(nl_buf)) {
			rc = -EBADMSG;
			break;
		}
		if (CONFIG_SS_FILTER && nl_tee_fd >= 0)
			nl_tee_write(nl_buf, (size_t)n);
		rc = nl_walk((const char *)nl_buf, (size_t)n, cb, arg, &intr);
		if (rc != WALK_MORE)
			break;
	}
	if (intr && rc == WALK_DONE)
		rc = NL_DUMP_INTR;
out:
	close(fd);
	return rc;
}

/* Reads up to n bytes as fread() would: the count read; *err is set to
 * errno on a read error, left alone at end of file. */
static size_t read_full(int fd, void *p, size_t n, int *err)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			*err = errno;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* 6.1's messages for a short read: perror() on a read error, else the
 * end-of-file line (without a newline, as 6.1 prints it). */
static int replay_short(int err, const char *what)
{
	if (err)
		err_errno(what, err);
	else
		err_raw("Unexpected EOF reading $TCPDIAG_FILE");
	return -EIO;
}

/* Message by message, as iproute2 reads the file: a 16-byte header, then
 * align4(len - 16) bytes.  A message longer than the buffer ends the replay
 * (6.1 writes past its own 16 KiB and aborts).  Only the first family pass
 * of a -D file is shown.  0 at DONE, else -errno after 6.1's message. */
int nl_replay(const char *path, nl_msg_cb cb, void *arg)
{
	uint32_t nl_buf[NL_BUF / 4];
	struct nl_hdr *h = (struct nl_hdr *)nl_buf;
	const size_t room = sizeof(nl_buf) - sizeof(*h);
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0, intr = 0, err = 0;

	if (fd < 0) {
		err_errno("fopen($TCPDIAG_FILE)", errno);
		return -ENOENT;
	}
	for (;;) {
		if (read_full(fd, h, sizeof(*h), &err) != sizeof(*h)) {
			rc = replay_short(err, "Reading header from $TCPDIAG_FILE");
			break;
		}
		/* 6.1 reads NLMSG_ALIGN(len - 16) bytes into 16 KiB and aborts
		 * (buffer overflow detected) when that is more, as for a len
		 * below 16; here a message the buffer cannot hold ends the replay. */
		size_t want = NL_ALIGN((size_t)h->len - sizeof(*h));
		if (h->len < sizeof(*h) || want > room) {
			rc = replay_short(EMSGSIZE, "Reading $TCPDIAG_FILE");
			break;
		}
		if (read_full(fd, h + 1, want, &err) != want) {
			rc = replay_short(err, "Reading $TCPDIAG_FILE");
			break;
		}
		if (h->type == NLMSG_DONE_TYPE)
			break;
		if (h->type == NLMSG_ERROR_TYPE) {
			if (h->len < sizeof(*h) + 20)	/* struct nlmsgerr */
				errs("ERROR truncated");
			else
				err_errno("TCPDIAG answered", (int)(0u - *(const uint32_t *)(h + 1)));
			rc = -EBADMSG;
			break;
		}
		h->seq = SS_DUMP_SEQ;	/* a recording carries its own sequence */
		rc = nl_walk((const char *)h, sizeof(*h) + want, cb, arg, &intr);
		if (rc < 0)
			break;
		rc = 0;
	}
	close(fd);
	return rc;
}

static void attr_walk(const void *start, long len, const void *tb[], uint16_t tl[], int max,
		      uint16_t mask)
{
	const char *p = start, *end = p;

	for (int i = 0; i <= max; i++) {
		tb[i] = NULL;
		tl[i] = 0;
	}
	if (p && len > 0)	/* an absent nested attribute: start NULL, len 0 */
		end = p + len;
	while (end - p >= (long)sizeof(struct nl_attr)) {
		const struct nl_attr *a = (const void *)p;

		if (a->len < sizeof(*a) || a->len > end - p)
			break;
		uint16_t type = a->type & mask;

		if (type <= max && !tb[type]) {	/* the first one, as parse_rtattr() */
			tb[type] = a + 1;
			tl[type] = (uint16_t)(a->len - sizeof(*a));
		}
		p += NL_ALIGN(a->len);
	}
}

void nl_attr_parse(const void *start, long len, const void *tb[], uint16_t tl[], int max)
{
	attr_walk(start, len, tb, tl, max, 0xffff);
}

void nl_attr_parse_nested(const void *start, long len, const void *tb[], uint16_t tl[], int max)
{
	attr_walk(start, len, tb, tl, max, 0x7fff);
}

void nl_attrs(const struct nl_hdr *h, size_t hlen, const void *tb[], uint16_t tl[], int max)
{
	long off = (long)(sizeof(*h) + NL_ALIGN(hlen));

	nl_attr_parse((const char *)h + off, (long)h->len - off, tb, tl, max);
}
