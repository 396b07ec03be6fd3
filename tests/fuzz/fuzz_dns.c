/* libFuzzer target: the -r resolver's parsers of outside text (applet/resolve.c).
 * The first byte picks the parser, the rest is its input:
 *   0  a DNS reply to a PTR query for the address in the reply's own
 *      question (UDP and TCP readings)
 *   1  /etc/resolv.conf text (and the same text as RES_OPTIONS)
 *   2  /etc/hosts text, looked up for 127.0.0.1, ::1 and 10.0.0.1
 *   3  one address through inet_pton4/6 and inet_aton
 * Built by tests/fuzz/run.sh. */
#include <stdint.h>
#include <string.h>
#include "../../applet/resolve.c"

static void reply(const uint8_t *m, size_t n)
{
	uint8_t q[12 + 80];
	char out[256];
	size_t ql;

	if (n < 12)
		return;
	/* a question of ours: the address bytes come from the input */
	memcpy(q, m, 12);
	ql = ptr_qname(q + 12, n & 1 ? AF_INET6 : AF_INET, n >= 28 ? m + 12 : (const uint8_t *)"\177\0\0\1\0\0\0\0\0\0\0\0\0\0\0\1");
	memcpy(q + 12 + ql, "\0\14\0\1", 4);
	parse_reply(m, n, q, ql + 4, 1, out);
	parse_reply(m, n, q, ql + 4, 0, out);
	/* and the question the reply carries, when it is a name that fits */
	uint8_t w[255];
	if (unpack_name(m, n, 12, w) && (ql = name_len(w)) <= 76) {
		memcpy(q + 12, w, ql);
		memcpy(q + 12 + ql, "\0\14\0\1", 4);
		parse_reply(m, n, q, ql + 4, 1, out);
		parse_reply(m, n, q, ql + 4, 0, out);
	}
}

static void hosts(const char *t, size_t n)
{
	static const uint8_t a4[] = { 127, 0, 0, 1 }, b4[] = { 10, 0, 0, 1 };
	const char *name;
	size_t len;

	for (const char *p = t, *end = t + n, *line; p < end;) {
		const char *e = next_line(&p, end, &line);
		hosts_line(line, e, AF_INET, a4, &name, &len);
		hosts_line(line, e, AF_INET, b4, &name, &len);
		hosts_line(line, e, AF_INET6, loop6, &name, &len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *t = (const char *)data + 1;
	uint8_t a[16];
	struct resolv r;
	char env[256];

	if (!size--)
		return 0;
	switch (data[0] & 3) {
	case 0:
		reply(data + 1, size);
		break;
	case 1:
		memcpy(env, t, size < 255 ? size : 255);
		env[size < 255 ? size : 255] = 0;
		conf_parse(&r, t, size, env);
		break;
	case 2:
		hosts(t, size);
		break;
	default:
		parse_v4(t, size, a);
		parse_v6(t, size, a);
		parse_aton(t, size, a);
		break;
	}
	return 0;
}
