/* libFuzzer target: /etc/services, /etc/protocols (applet/services.c, parsed
 * as glibc's nss_files does) and the ip_local_port_range reader.  The first
 * byte picks the parser: 0 services, 1 protocols, 2 port range.  For the
 * files, every looked-up id must name the first line of that id in file
 * order, checked against a plain line-by-line scan.  Built by
 * tests/fuzz/run.sh. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../../applet/services.c"

/* The first line (offset of its name) with this id, by a linear scan. */
static long first_line(char *buf, size_t len, int services, long id)
{
	char *p = buf, *end = buf + len;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *name;
		if (!nl)
			nl = end;
		*nl = 0;
		if (parse_line(p, services, &name) == id)
			return name - buf;
		p = nl + 1;
	}
	return -1;
}

static void files(const uint8_t *data, size_t size, int services)
{
	struct etc_tab t = { 0 };
	char *a = malloc(size + 1), *b = malloc(size + 1);
	size_t lines = 1;

	memcpy(a, data, size);
	memcpy(b, data, size);
	a[size] = b[size] = 0;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	tab_parse(&t, a, size, services);
	for (size_t i = 1; i < t.n; i++)
		if (t.v[i - 1] >= t.v[i])
			abort();	/* not sorted */
	/* ids: up to 32 the table holds, spread over it, and 4 others */
	for (size_t k = 0, m = t.n < 32 ? t.n : 32; k < m + 4; k++) {
		size_t i = k < m ? k * t.n / m : k;
		long id = k < m ? (long)(t.v[i] >> OFF_BITS) : (long)i * 7919 % 131072;
		const char *got = tab_find(&t, (uint64_t)id);
		char *c = malloc(size + 1);
		long want;
		memcpy(c, data, size);
		c[size] = 0;
		want = first_line(c, size, services, id);
		free(c);
		if ((got ? got - a : -1) != want)
			abort();
	}
	if (t.v)
		munmap(t.v, lines * sizeof(*t.v));
	free(a);
	free(b);
}

static void range(const uint8_t *data, size_t size)
{
	int fd = memfd_create("range", 0), x, y;
	struct rd r;

	if (fd < 0)
		return;
	if (write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET))
		goto out;
	memset(&r, 0, sizeof(r));
	r.fd = fd;
	rd_next(&r);
	if (scan_int(&r, &x))
		scan_int(&r, &y);
out:
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] % 3 == 2)
		range(data + 1, size - 1);
	else
		files(data + 1, size - 1, data[0] % 3 == 0);
	return 0;
}
