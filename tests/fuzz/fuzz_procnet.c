/* libFuzzer target: /proc/net/{tcp,udp,raw}{,6} text through the parser
 * and the row renderer, with the /proc details (-o -e -m -i) too.  Built by tests/fuzz/run.sh. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../procnet/inet.c"
#include "render.h"
#include "rows.h"

static int show(const struct sock_rec *r, void *arg)
{
	uint8_t f = *(const uint8_t *)arg;
	struct ss_opts o = { .flags = (f & 1 ? F_NUMERIC : 0) | (f & 2 ? F_ONELINE : 0) |
				      (f & 0x80 ? F_TIMERS | F_EXT | F_MEM | F_INFO : 0) };

	row_render(r, &o);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	uint8_t flags = size ? data[0] : 0;
	struct pn_ctx c = { .table = flags >> 4 & 1 ? TAB_UDP : flags >> 5 & 1 ? TAB_RAW : TAB_TCP,
			    .family = flags >> 6 & 1 ? AF_INET6 : AF_INET, .states = 0xffffffffu,
			    .want = flags & 0x80 ? DET_PROC_OPT | DET_TCPINFO : 0,
			    .cb = show, .arg = &flags, .header = 1 };
	char *text;

	if (!init) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		render_init(0, 0);
		init = 1;
	}
	/* the first byte picks the table and the options (0x80: -o -e -m
	 * -i, the fields after sk), the rest is the file; the reader writes
	 * into its buffer (a NUL over each newline it parses) */
	if (size)
		data++, size--;
	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	feed_lines(text, text + size, &c);
	free(text);
	render_finish();
	return 0;
}
