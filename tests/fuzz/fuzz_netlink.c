/* libFuzzer target: a sock_diag reply datagram through the message walk,
 * the inet_diag parser and the row renderer.  Built by tests/fuzz/run.sh. */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "../../netlink/nldump.c"
#include "../../netlink/inet_diag.c"
#include "render.h"
#include "rows.h"

static int show(const struct sock_rec *r, void *arg)
{
	struct ss_opts o = { .flags = *(const unsigned *)arg };

	row_render(r, &o);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	static uint32_t buf[65536 / 4];
	unsigned flags = 0;
	struct inet_ctx c = { TAB_TCP, 6, REC_NETLINK, ~0u, show, &flags };	/* every detail part */
	int intr = 0;

	if (!init) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		render_init(0, 0);
		init = 1;
	}
	if (size > sizeof(buf))
		size = sizeof(buf);
	memcpy(buf, data, size);	/* the kernel's datagrams are 4-byte aligned */
	if (size && data[0] & 1)
		c.table = TAB_RAW;
	if (size && data[0] & 2)	/* sctp: locals, peers, T3_RTX */
		c.table = TAB_SCTP, c.protocol = 132;
	if (size && data[0] & 4)	/* -e -m -o -b --tos, -O by bit 3 */
		flags = F_EXT | F_MEM | F_TIMERS | F_BPF | F_TOS | (data[0] & 8 ? F_ONELINE : 0);
	nl_walk((const char *)buf, size, inet_msg_cb, &c, &intr);
	render_finish();
	return 0;
}
