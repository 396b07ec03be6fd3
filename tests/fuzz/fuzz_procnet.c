/* libFuzzer target: /proc/net/{tcp,udp,raw}{,6} text through the parser
 * and the row renderer.  Built by tests/fuzz/run.sh. */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "../../procnet/inet.c"
#include "render.h"
#include "rows.h"

static int show(const struct sock_rec *r, void *arg)
{
	struct ss_opts o = { .flags = *(const uint8_t *)arg & 1 ? F_NUMERIC : 0 };

	row_render(r, &o);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	uint8_t flags = size ? data[0] : 0;
	struct pn_ctx c = { flags >> 4 & 1 ? TAB_UDP : flags >> 5 & 1 ? TAB_RAW : TAB_TCP,
			    flags >> 6 & 1 ? AF_INET6 : AF_INET, 0xffffffffu, show, &flags, 1, 0 };

	if (!init) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		render_init(0, 0);
		init = 1;
	}
	/* the first byte picks the table, the rest is the file */
	if (size)
		data++, size--;
	feed_lines((const char *)data, (const char *)data + size, &c);
	render_finish();
	return 0;
}
