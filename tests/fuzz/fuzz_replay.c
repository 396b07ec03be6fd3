/* libFuzzer target: netlink/replay.c, the kernel emulation behind
 * SS_DIAG_DIR and tests/nlshim.c.  Input: u16 request length, the request
 * (nlmsghdr + sock_diag request, as an ss would send it), then the bytes of
 * the dump file it is answered from.  Every reply datagram must be framed
 * as the kernel frames it: whole messages of at least a header, 4-byte
 * aligned, at most REPLAY_DGRAM bytes, ending once.  Built by
 * tests/fuzz/run.sh. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../netlink/replay.c"

static const char *const names[] = {
	"tcp", "udp", "raw", "dccp", "sctp", "mptcp", "udplite", "unix", "packet",
	"netlink", "vsock", "xdp", "tipc", "legacy-tcp", "legacy-dccp",
};
static char dir[64];

/* every dump name is a link to one data file, rewritten per input */
static void setup(void)
{
	char link[128];

	snprintf(dir, sizeof(dir), "/tmp/fuzz_replay.%d", (int)getpid());
	mkdir(dir, 0700);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(link, sizeof(link), "%s/%s.dump", dir, names[i]);
		unlink(link);
		if (symlink("data", link))
			abort();
	}
}

static void check_dgram(const unsigned char *p, long n)
{
	if (n < 0 || n > REPLAY_DGRAM || n % 4)
		abort();
	while (n > 0) {
		struct nl_hdr h;

		if (n < (long)sizeof(h))
			abort();
		memcpy(&h, p, sizeof(h));
		if (h.len < sizeof(h) || NL_ALIGN(h.len) > (unsigned long)n)
			abort();
		p += NL_ALIGN(h.len);
		n -= NL_ALIGN(h.len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint32_t buf[REPLAY_DGRAM / 4];
	static unsigned char req[4096];
	char path[128];
	struct replay r;
	size_t rlen;
	int fd;

	if (!dir[0])
		setup();
	if (size < 2)
		return 0;
	rlen = (size_t)(data[0] | data[1] << 8) % sizeof(req);
	if (rlen > size - 2)
		rlen = size - 2;
	memcpy(req, data + 2, rlen);
	snprintf(path, sizeof(path), "%s/data", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data + 2 + rlen, size - 2 - rlen) != (ssize_t)(size - 2 - rlen))
		abort();
	close(fd);
	if (replay_open(&r, dir, req, rlen, 42) == 0) {
		/* each call takes at least one message or ends: bounded by the size */
		for (size_t i = 0; i < 2 * size + 4; i++) {
			long n = replay_next(&r, buf);
			check_dgram((const unsigned char *)buf, n);
			if (n == 0)
				break;
		}
		if (replay_next(&r, buf) != 0)
			abort();	/* the reply has ended */
	}
	replay_close(&r);
	return 0;
}
