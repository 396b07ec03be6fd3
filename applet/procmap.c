/* Which processes hold each socket: one scan of $PROC_ROOT/PID/fd (and with
 * -T $PROC_ROOT/TID/fd for every other thread) with getdents64 and
 * readlinkat relative to directory descriptors, then an open-addressing
 * table over the holders, sized to what was found.  6.1 pushes every holder
 * at the head of a 256-bucket chain and walks the chain per socket (n^2);
 * we keep its order, newest holder first, through a per-inode prev link.
 * Names and numbers are parsed with 6.1's scanf formats ("%d%*c",
 * "socket:[%u]", "%*d (%[^)])"). */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "procmap.h"
#include "fmt.h"
#include "errmsg.h"
#include "env.h"
#include "../procnet/cscan.h"

#define NAME_MAX_ 64		/* a kernel comm is at most 15 bytes; fakes are cut */
#define ESC_MAX (4 * NAME_MAX_)
#define ENTRY_MAX (ESC_MAX + 64)
#define USERS_MAX 65535u	/* the renderer's longest token */
#define DIRBUF 32768

struct holder {
	uint32_t ino;
	uint32_t prev;		/* 1 + index of the inode's previous holder, 0: none */
	uint32_t name;		/* offset into names; 0 is "" */
	int32_t pid, tid, fd;
};

struct dirit {
	int fd;
	long pos, len;
	char buf[DIRBUF];
};

struct dent64 {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
	char name[];
};

static struct {
	int built, threads, root;
	struct holder *h;
	size_t n, cap;
	char *names;
	size_t nlen, ncap;
	uint32_t *slot, mask;
	unsigned shift;		/* 32 - log2(slots): the hash is the product's top bits */
	struct dirit top, task, fds;
	char text[USERS_MAX];
} P;

/* Doubles an anonymous mapping; running out of memory ends ss, as in 6.1. */
static void *grow(void *p, size_t *cap, size_t elem, size_t need)
{
	size_t ncap = *cap ? *cap : 4096;
	void *q;

	while (ncap < need)
		ncap *= 2;
	if (p)
		q = mremap(p, *cap * elem, ncap * elem, MREMAP_MAYMOVE);
	else
		q = mmap(NULL, ncap * elem, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (q == MAP_FAILED) {
		errs("ss: failed to malloc buffer");
		_exit(1);
	}
	*cap = ncap;
	return q;
}

static const char *dir_next(struct dirit *d)
{
	const struct dent64 *e;

	if (d->pos >= d->len) {
		d->len = syscall(SYS_getdents64, d->fd, d->buf, sizeof(d->buf));
		d->pos = 0;
		if (d->len <= 0)
			return NULL;
	}
	e = (const struct dent64 *)(d->buf + d->pos);
	d->pos += e->reclen;
	return e->name;
}

static int dir_open(struct dirit *d, int at, const char *path)
{
	d->fd = openat(at, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d->pos = d->len = 0;
	return d->fd;
}

/* "ID" + suffix, as 6.1 prints the number it parsed ("%d/"). */
static const char *id_path(char *b, int32_t id, const char *suffix)
{
	size_t n = fmt_i64(b, id);

	memcpy(b + n, suffix, strlen(suffix) + 1);
	return b;
}

/* Names are outside text: control bytes as everywhere (fmt_esc()), and
 * quotes and backslashes after a '\\' so that a name can neither end its
 * ("...") nor be read back wrong.  A comm holds no NUL. */
static size_t escape(char *o, const char *s, size_t n)
{
	char *start = o;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			*o++ = '\\';
		o += fmt_esc(o, s + i, 1, 4);
	}
	return (size_t)(o - start);
}

/* The task name of ID/stat, "%*d (%[^)])", escaped into names; 0 ("") when
 * there is none, and 6.1 then reads it again at the task's next socket. */
static uint32_t read_name(int32_t id)
{
	char path[24], buf[NAME_MAX_ + 32];
	const char *p = buf, *name;
	ssize_t got;
	int32_t skip;
	size_t n;
	int fd = openat(P.root, id_path(path, id, "/stat"), O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	got = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (got <= 0)
		return 0;
	buf[got] = 0;
	if (!cscan_int(&p, &skip))
		return 0;
	while (cscan_space((unsigned char)*p))
		p++;
	if (*p++ != '(')
		return 0;
	name = p;
	for (n = 0; name[n] && name[n] != ')'; n++)	/* no strcspn: -400 bytes */
		;
	if (!n)
		return 0;
	if (n > NAME_MAX_)
		n = NAME_MAX_;
	if (P.nlen + ESC_MAX + 1 > P.ncap)
		P.names = grow(P.names, &P.ncap, 1, P.nlen + ESC_MAX + 1);
	uint32_t at = (uint32_t)P.nlen;
	P.nlen += escape(P.names + at, name, n);
	P.names[P.nlen++] = 0;
	return at;
}

static void add(uint32_t ino, uint32_t name, int32_t pid, int32_t tid, int32_t fd)
{
	if (P.n == P.cap)
		P.h = grow(P.h, &P.cap, sizeof(*P.h), P.n + 1);
	P.h[P.n++] = (struct holder){ ino, 0, name, pid, tid, fd };
}

/* The socket descriptors of one task: ID/fd/N -> "socket:[INODE]". */
static void scan_task(int32_t pid, int32_t tid)
{
	char path[24], fdname[16], lnk[64];
	uint32_t name = 0;
	const char *d;

	if (dir_open(&P.fds, P.root, id_path(path, tid, "/fd")) < 0)
		return;
	while ((d = dir_next(&P.fds))) {
		int32_t fd;
		uint32_t ino;
		ssize_t l;

		if (!cscan_int(&d, &fd))
			continue;
		fdname[fmt_i64(fdname, fd)] = 0;
		l = readlinkat(P.fds.fd, fdname, lnk, sizeof(lnk) - 1);
		if (l < 8 || memcmp(lnk, "socket:[", 8))
			continue;
		lnk[l] = 0;
		d = lnk + 8;
		if (!cscan_uint(&d, &ino))
			continue;
		if (!name)
			name = read_name(tid);
		add(ino, name, pid, tid, fd);
	}
	close(P.fds.fd);
}

static void scan_threads(int32_t pid)
{
	char path[24];
	const char *d;

	if (dir_open(&P.task, P.root, id_path(path, pid, "/task")) < 0)
		return;
	while ((d = dir_next(&P.task))) {
		int32_t tid;
		if (cscan_int(&d, &tid) && tid != pid)
			scan_task(pid, tid);
	}
	close(P.task.fd);
}

static uint32_t slot_of(uint32_t ino)
{
	uint32_t i = (ino * 0x9e3779b1u) >> P.shift;

	while (P.slot[i] && P.h[P.slot[i] - 1].ino != ino)
		i = (i + 1) & P.mask;
	return i;
}

static void build(int threads)
{
	const char *root = env_get("PROC_ROOT"), *d;
	size_t size = 16, unused = 0;
	unsigned shift = 28;

	P.built = 1;
	P.threads = threads;
	P.names = grow(NULL, &P.ncap, 1, 1);
	P.names[P.nlen++] = 0;
	P.root = open(root && *root ? root : root ? "/" : "/proc/",
		      O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (P.root < 0 || dir_open(&P.top, P.root, ".") < 0)
		return;
	while ((d = dir_next(&P.top))) {
		int32_t pid;
		if (!cscan_int(&d, &pid))
			continue;
		scan_task(pid, pid);
		if (threads)
			scan_threads(pid);
	}
	close(P.top.fd);
	close(P.root);
	if (!P.n)
		return;
	while (size < 2 * P.n)
		size *= 2, shift--;
	P.shift = shift;
	P.slot = grow(NULL, &unused, sizeof(*P.slot), size);
	P.mask = (uint32_t)size - 1;
	for (size_t i = 0; i < P.n; i++) {
		uint32_t s = slot_of(P.h[i].ino);
		P.h[i].prev = P.slot[s];
		P.slot[s] = (uint32_t)i + 1;
	}
}

static size_t put(size_t at, const char *s, size_t n)
{
	memcpy(P.text + at, s, n);
	return at + n;
}

static size_t put_num(size_t at, const char *key, int32_t v)
{
	at = put(at, key, strlen(key));
	return at + fmt_i64(P.text + at, v);
}

size_t procmap_users(uint32_t inode, int threads, const char **text)
{
	size_t n;

	if (!P.built)
		build(threads);
	if (!inode || !P.n)
		return 0;
	uint32_t i = P.slot[slot_of(inode)];
	if (!i)
		return 0;
	n = put(0, " users:(", 8);
	for (; i; i = P.h[i - 1].prev) {
		const struct holder *h = &P.h[i - 1];
		const char *name = P.names + h->name;
		if (n + ENTRY_MAX + 8 > USERS_MAX) {	/* thousands of holders */
			n = put(n, "...,", 4);
			break;
		}
		n = put(n, "(\"", 2);
		n = put(n, name, strlen(name));
		n = put_num(n, "\",pid=", h->pid);
		if (P.threads)
			n = put_num(n, ",tid=", h->tid);
		n = put_num(n, ",fd=", h->fd);
		n = put(n, "),", 2);
	}
	P.text[n - 1] = ')';
	*text = P.text;
	return n;
}
