/*
 * bigdump - write a large synthetic TCPDIAG_FILE dump (SOCK_DIAG_BY_FAMILY
 * messages + NLMSG_DONE) for the output-batching tests (ss-behaviour §2.4):
 * iproute2 6.1 renders every ~5 MiB of buffered tokens with the widths seen
 * so far, so a wide row late in a big output widens only the rows after the
 * last batch boundary.
 *
 *   bigdump N FILE   N narrow IPv4 rows, then one IPv6 row with long
 *                    addresses and large queues, then DONE
 * Deterministic: the same N gives the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct nlhdr {
	uint32_t len;
	uint16_t type, flags;
	uint32_t seq, pid;
};

struct diag_msg {	/* inet_diag_msg, 72 bytes */
	uint8_t family, state, timer, retrans;
	uint16_t sport, dport;	/* network byte order */
	uint8_t src[16], dst[16];
	uint32_t ifindex, cookie[2];
	uint32_t expires, rqueue, wqueue, uid, inode;
};

_Static_assert(sizeof(struct diag_msg) == 72, "inet_diag_msg is 72 bytes");

static void put(FILE *f, int family, int state, unsigned sport, unsigned dport,
		const uint8_t *src, const uint8_t *dst, int alen, uint32_t rq, uint32_t wq,
		uint32_t ino)
{
	struct nlhdr h = { sizeof(h) + sizeof(struct diag_msg), 20, 2, 123456, 0 };
	struct diag_msg m;
	memset(&m, 0, sizeof(m));
	m.family = (uint8_t)family;
	m.state = (uint8_t)state;
	m.sport = (uint16_t)(sport >> 8 | (sport & 0xff) << 8);
	m.dport = (uint16_t)(dport >> 8 | (dport & 0xff) << 8);
	memcpy(m.src, src, alen);
	memcpy(m.dst, dst, alen);
	m.rqueue = rq;
	m.wqueue = wq;
	m.inode = ino;
	fwrite(&h, sizeof(h), 1, f);
	fwrite(&m, sizeof(m), 1, f);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bigdump N FILE\n");
		return 2;
	}
	long n = atol(argv[1]);
	FILE *f = fopen(argv[2], "wb");
	if (!f || n < 0 || n > 10000000) {
		perror(argv[2]);
		return 1;
	}
	for (long i = 0; i < n; i++) {
		uint8_t s[4] = { 10, 0, (uint8_t)(i >> 8 & 7), (uint8_t)i };
		uint8_t d[4] = { 10, 1, 0, (uint8_t)(i % 7) };
		put(f, 2, i % 3 ? 1 : 10, 1024 + (unsigned)(i % 50000), 80, s, d, 4,
		    (uint32_t)(i % 10), 0, (uint32_t)(1000 + i));
	}
	static const uint8_t s6[16] = { 0xfd, 0x00, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc,
					0xde, 0xf0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc };
	static const uint8_t d6[16] = { 0xfd, 0x00, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45,
					0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45 };
	put(f, 10, 1, 65535, 65534, s6, d6, 16, 123456789, 987654321, 1);
	struct nlhdr done = { sizeof(done) + 4, 3, 2, 123456, 0 };
	int32_t zero = 0;
	fwrite(&done, sizeof(done), 1, f);
	fwrite(&zero, sizeof(zero), 1, f);
	if (fclose(f) != 0) {
		perror(argv[2]);
		return 1;
	}
	return 0;
}
