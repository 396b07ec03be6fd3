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

static char mnt[512];
static int mnt_state;	/* 0 unread, 1 found, -1 none */

/* The mount point of line l (NUL-ended), \ooo escapes decoded as
 * getmntent() decodes them; 1 when it is a cgroup2 mount that fits mnt. */
static int cgroup2_line(const char *l)
{
	const char *f1 = strchr(l, ' '), *f2 = f1 ? strchr(f1 + 1, ' ') : NULL;
	size_t o = 0;

	if (!f2 || strncmp(f2 + 1, "cgroup2 ", 8))
		return 0;
	for (const char *c = f1 + 1; c < f2; c++) {
		if (o + 1 >= sizeof(mnt))
			return 0;
		if (c[0] == '\\' && f2 - c > 3 && c[1] >= '0' && c[1] <= '3' &&
		    c[2] >= '0' && c[2] <= '7' && c[3] >= '0' && c[3] <= '7') {
			mnt[o++] = (char)((c[1] - '0') << 6 | (c[2] - '0') << 3 | (c[3] - '0'));
			c += 3;
		} else {
			mnt[o++] = *c;
		}
	}
	mnt[o] = 0;
	return 1;
}

/* /proc/mounts line by line, however long the file: a line longer than
 * the buffer is skipped. */
static void find_mount(void)
{
	static char buf[4096];
	int fd = open("/proc/mounts", O_RDONLY | O_CLOEXEC), skip = 0;
	size_t have = 0;
	ssize_t n;

	mnt_state = -1;
	while (fd >= 0 && (n = read(fd, buf + have, sizeof(buf) - 1 - have)) > 0) {
		char *l = buf, *e;

		have += (size_t)n;
		while ((e = memchr(l, '\n', have - (size_t)(l - buf)))) {
			*e = 0;
			if (!skip && cgroup2_line(l)) {
				mnt_state = 1;
				close(fd);
				return;
			}
			skip = 0;
			l = e + 1;
		}
		have -= (size_t)(l - buf);
		memmove(buf, l, have);
		if (have == sizeof(buf) - 1) {
			have = 0;
			skip = 1;
		}
	}
	if (fd >= 0)
		close(fd);
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

/* Directory names are outside text: escaped as fmt_esc() does (6.1
 * prints them raw: a newline in a cgroup name would split the row). */
static size_t copy(char *dst, size_t room, const char *s, size_t n)
{
	return fmt_esc(dst, s, n, room);
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
