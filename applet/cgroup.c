/* cgroup v2 id -> path (spec §5.2): 6.1 walks the first cgroup2 mount of
 * /proc/mounts and takes each directory's 8-byte file handle as its id.
 * We walk for each id not seen last (sockets of one cgroup come together). */
#include <dirent.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "rows.h"
#include "fmt.h"
#include "errmsg.h"
#include "c8.h"

static char mnt[512];
static int mnt_state;	/* 0 unread, 1 found, -1 none */

static void find_mount(void)
{
	static char buf[16384];
	int fd = open("/proc/mounts", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	mnt_state = -1;
	for (char *l = buf; n > 0 && l < buf + n;) {
		char *e = memchr(l, '\n', (size_t)(buf + n - l)), *f1, *f2;

		if (!e)
			break;
		*e = 0;
		f1 = memchr(l, ' ', (size_t)(e - l));
		f2 = f1 ? memchr(f1 + 1, ' ', (size_t)(e - f1 - 1)) : NULL;
		if (f2 && !strncmp(f2 + 1, "cgroup2 ", 8) && (size_t)(f2 - f1) < sizeof(mnt)) {
			memcpy(mnt, f1 + 1, (size_t)(f2 - f1 - 1));
			mnt[f2 - f1 - 1] = 0;
			mnt_state = 1;
			return;
		}
		l = e + 1;
	}
}

static int handle_id(int dirfd, const char *name, uint64_t *id)
{
	struct {
		struct file_handle h;
		unsigned char b[8];
	} fh;
	int mid;

	fh.h.handle_bytes = 8;
	if (name_to_handle_at(dirfd, name, &fh.h, &mid, 0) < 0 || fh.h.handle_bytes != 8)
		return -1;
	memcpy(id, fh.h.f_handle, 8);
	return 0;
}

/* Depth-first below the directory path names (len bytes, room for 4096),
 * by getdents64 on one small buffer per level (no opendir: no malloc in
 * the binary); 1 when found, path then names it. */
static int walk(char *path, size_t len, uint64_t want, int depth)
{
	char buf[1024];
	long n;
	int fd, hit = 0;

	if (depth > 32 || (fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return 0;
	while (!hit && (n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; !hit && off < n;) {
			const char *e = buf + off;
			const char *name = e + 19;	/* d_ino 8, d_off 8, d_reclen 2, d_type 1 */
			unsigned short reclen;
			size_t nl = strlen(name);
			uint64_t id;

			memcpy(&reclen, e + 16, 2);
			off += reclen ? reclen : n;
			if (e[18] != DT_DIR || name[0] == '.' || len + nl + 2 > 4096)
				continue;
			path[len] = '/';
			memcpy(path + len + 1, name, nl + 1);
			hit = (handle_id(fd, name, &id) == 0 && id == want) ||
			      walk(path, len + 1 + nl, want, depth + 1);
			if (!hit)
				path[len] = 0;
		}
	}
	close(fd);
	return hit;
}

/* Through put(): a path of a few bytes (most are "/") copied without a
 * memcpy call, once a -e row. */
static size_t copy(char *dst, size_t room, const char *s, size_t n)
{
	struct c8 w = { dst, dst + room };

	put(&w, s, n);
	return (size_t)(w.p - dst);
}

size_t cgroup_path(char *dst, size_t room, uint64_t id)
{
	static char path[4097];
	static uint64_t last_id;
	static size_t last_len, mlen;
	static int last_ok;
	uint64_t root;
	size_t n;

	if (!mnt_state)
		find_mount();
	if (mnt_state < 0)
		errs("Failed to find cgroup2 mount");
	if (id != last_id || !last_ok) {
		last_id = id;
		last_ok = 0;
		if (mnt_state > 0) {
			mlen = strlen(mnt);
			memcpy(path, mnt, mlen + 1);
			last_ok = (handle_id(AT_FDCWD, path, &root) == 0 && root == id) ||
				  walk(path, mlen == 1 ? 0 : mlen, id, 0);
			last_len = strlen(path);
		}
	}
	if (!last_ok) {
		static const char u[] = "unreachable:";
		char t[40];

		memcpy(t, u, sizeof(u) - 1);
		n = sizeof(u) - 1 + fmt_hex(t + sizeof(u) - 1, id);
		return copy(dst, room, t, n);
	}
	if (last_len > mlen)	/* below the mount; mounted at "/" keeps it all */
		return copy(dst, room, mlen == 1 ? path : path + mlen, last_len - (mlen == 1 ? 0 : mlen));
	return copy(dst, room, "/", 1);
}
