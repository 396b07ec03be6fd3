/* The body of the libFuzzer targets fuzz_proc_{unix,packet,netlink}.c:
 * /proc/net/unix, packet or netlink text (PROCTEXT=
 * unix|packet|netlink at build time) through its reader and the row
 * renderer.  The reader takes a path, so the input goes to a memfd read
 * back through /proc/self/fd.  Built by tests/fuzz/run.sh. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../../procnet/procnet.h"
#include "render.h"
#include "rows.h"

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define READER CAT(procnet_read_, PROCTEXT)

static int show(const struct sock_rec *r, void *arg)
{
	uint8_t f = *(const uint8_t *)arg;
	struct ss_opts o = { .flags = (f & 1 ? F_NUMERIC : 0) |
				      (f & 0x80 ? F_TIMERS | F_EXT | F_MEM | F_INFO : 0) };

	row_render(r, &o);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init, fd = -1;
	static char path[64];
	uint8_t flags = size ? data[0] : 0;
	/* the first byte picks the options and the states, the rest is the file */
	struct sock_query q = { .tables = ~0u, .families = ~0u,
				.states = flags & 2 ? ~0u : 1u << (flags >> 2 & 15) };

	if (!init) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		render_init(0, 0);
		fd = memfd_create("proctext", 0);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		init = 1;
	}
	if (size)
		data++, size--;
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		return 0;
	READER(path, &q, show, &flags);
	render_finish();
	return 0;
}
