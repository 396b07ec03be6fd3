/* libFuzzer target: a sock_diag reply datagram of the other families
 * (unix, packet, netlink, vsock, xdp, tipc) through the message walk, the
 * family's parser and its row formatter.  The first byte picks the family
 * (low 3 bits), -n (bit 3), every detail part and -e -m -o -b --tipcinfo
 * (bit 4), -O (bit 5); the rest is the datagram.  Built by
 * tests/fuzz/run.sh. */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "../../netlink/nldump.c"
#include "../../netlink/sockdiag.c"
#include "../../netlink/unix_diag.c"
#include "../../netlink/packet_diag.c"
#include "../../netlink/netlink_diag.c"
#include "../../netlink/vsock_diag.c"
#include "../../netlink/xdp_diag.c"
#include "../../netlink/tipc_diag.c"
#include "render.h"
#include "rows.h"

static int show(const struct sock_rec *r, void *arg)
{
	uint8_t sel = *(const uint8_t *)arg;
	struct ss_opts o = { .flags = (sel & 8 ? F_NUMERIC : 0) | (sel & 32 ? F_ONELINE : 0) |
		(sel & 16 ? F_EXT | F_MEM | F_TIMERS | F_BPF | F_TIPCINFO : 0) };

	row_render(r, &o);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const nl_msg_cb cbs[8] = {
		unix_msg_cb, packet_msg_cb, netlink_msg_cb, vsock_msg_cb, xdp_msg_cb,
		tipc_msg_cb, unix_msg_cb, netlink_msg_cb,
	};
	static int init;
	static uint32_t buf[65536 / 4];
	uint8_t sel;
	int intr = 0;

	if (!init) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		render_init(0, 0);
		init = 1;
	}
	if (!size)
		return 0;
	sel = data[0];
	data++, size--;
	if (size > sizeof(buf))
		size = sizeof(buf);
	memcpy(buf, data, size);	/* the kernel's datagrams are 4-byte aligned */
	struct diag_ctx c = { sel & 16 ? ~0u : 0, show, &sel };	/* every detail part */
	nl_walk((const char *)buf, size, cbs[sel & 7], &c, &intr);
	render_finish();
	return 0;
}
