/* Runs a fuzz target over files given on the command line, without
 * libFuzzer: make test replays the seed corpus under ASan/UBSan with it. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	static uint8_t buf[1 << 20];

	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf));
		if (n < 0) {
			fprintf(stderr, "cannot read %s\n", argv[i]);
			return 2;
		}
		close(fd);
		LLVMFuzzerTestOneInput(buf, (size_t)n);
	}
	return 0;
}
