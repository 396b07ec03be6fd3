/* libFuzzer target: a TCPDIAG_FILE recording through nl_replay (header,
 * length checks, short reads, recorded errors), the inet_diag parser and the
 * row renderer.  The input is the file, given through a memfd.  Built by
 * tests/fuzz/run.sh. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../../netlink/nldump.c"
#include "../../netlink/inet_diag.c"
#include "render.h"
#include "rows.h"
#include "opts.h"

static int show(const struct sock_rec *r, void *arg)
{
	/* every column-8 piece a recording can fill but the cgroup walk (-e) */
	struct ss_opts o = { .flags = F_NUMERIC | F_TIMERS | F_MEM | F_TOS | F_SOCKOPT | F_INFO };

	(void)arg;
	row_render(r, &o);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init, fd = -1, null = -1, err = -1;
	char path[64];

	if (!init) {
		null = open("/dev/null", O_WRONLY);
		err = dup(2);
		dup2(null, 1);
		render_init(0, 0);
		fd = memfd_create("recording", 0);
		init = 1;
	}
	if (fd < 0 || ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	dup2(null, 2);	/* the replay's own messages, not libFuzzer's */
	inet_replay(path, ~0u, show, NULL);
	dup2(err, 2);
	render_finish();
	return 0;
}
