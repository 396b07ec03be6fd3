/* libFuzzer target: a DNS reply through the -r resolver's parser.
 * Built by tests/fuzz/run.sh. */
#include <stdint.h>
#include <string.h>
#include "../../applet/resolve.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char name[NAME_MAX_];
	uint16_t id = size >= 2 ? (uint16_t)(data[0] << 8 | data[1]) : 0;
	uint8_t a[16];

	parse_reply(data, size, id, name);
	parse_v6((const char *)data, size, a);
	parse_v4((const char *)data, size, a);
	return 0;
}
