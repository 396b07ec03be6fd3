/* libFuzzer target: the -s parsers (procnet/sockstat.c, procnet/cscan.c) on
 * any bytes as /proc/net/sockstat{,6} and /proc/net/snmp, through a memfd
 * so the fgets-style line reader is exercised too.  Built by
 * tests/fuzz/run.sh. */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../../procnet/sockstat.h"

static int memfd(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz", 0);

	if (fd < 0)
		return -1;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockstat s;
	int32_t v;
	int fd;

	memset(&s, 0, sizeof(s));
	fd = memfd(data, size);
	if (fd < 0)
		return 0;
	sockstat_read(&s, fd);
	lseek(fd, 0, SEEK_SET);
	snmp_read_int(fd, "Tcp:", "CurrEstab", &v);
	close(fd);
	/* one line as a C string, as a 256-byte fgets chunk would hold it */
	char line[256];
	size_t n = size < sizeof(line) - 1 ? size : sizeof(line) - 1;
	memcpy(line, data, n);
	line[n] = 0;
	sockstat_line(&s, line);
	return 0;
}
