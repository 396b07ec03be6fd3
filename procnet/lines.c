/* fgets() over a /proc file without stdio: the same pieces 6.1's
 * fgets(buf, size) loop sees (a line, or size-1 bytes of a longer one),
 * each NUL-terminated for its parser. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "procnet.h"

int procnet_lines(const char *path, size_t size, procnet_line_cb cb, void *arg)
{
	char buf[8192], line[PROCNET_LINE_MAX];
	size_t have = 0, at = 0, n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC), eof = 0, rc = 0;

	if (fd < 0)
		return -1;
	if (size > sizeof(line))
		size = sizeof(line);
	while (rc == 0) {
		if (at == have && !eof) {
			ssize_t got = read(fd, buf, sizeof(buf));
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0)
				eof = 1;
			have = got > 0 ? (size_t)got : 0;
			at = 0;
		}
		if (at < have) {
			/* copy up to the newline or until the piece is full */
			size_t k = have - at, room = size - 1 - n;
			const char *nl = memchr(buf + at, '\n', k);
			if (nl)
				k = (size_t)(nl - (buf + at)) + 1;
			if (k > room)
				k = room;
			memcpy(line + n, buf + at, k);
			at += k;
			n += k;
			if (line[n - 1] != '\n' && n < size - 1)
				continue;
		} else if (!n) {
			break;
		}
		line[n] = 0;
		rc = cb(line, n, arg);
		n = 0;
	}
	close(fd);
	return rc < 0 ? rc : 0;
}
