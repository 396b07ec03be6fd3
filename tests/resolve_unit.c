/* Unit checks of the -r parsers (applet/resolve.c): resolv.conf options as
 * glibc 2.36 caps and wraps them, inet_pton/inet_aton forms.  Prints one
 * line per check ("ok ..." or "FAIL ..."); exit status 1 on any failure.
 * Built and run by tests/resolve.sh. */
#include <stdio.h>
#include "../applet/resolve.c"

static int fails;

static void check(int ok, const char *what, const char *in)
{
	printf("%s %s: ", ok ? "ok" : "FAIL", what);
	for (; *in; in++)
		putchar(*in == '\n' ? '|' : *in == '\r' ? '^' : *in);
	putchar('\n');
	fails += !ok;
}

static void conf(const char *text, const char *env, int nns, int retrans, int retry, unsigned opts)
{
	struct resolv r;

	conf_parse(&r, text, strlen(text), env);
	check(r.nns == nns && r.retrans == retrans && r.retry == retry && r.opts == opts,
	      "resolv.conf", text);
}

static void scope(const char *text, unsigned want)
{
	struct resolv r;

	conf_parse(&r, text, strlen(text), NULL);
	check(r.ns[0].sa.sa_family == AF_INET6 && r.ns[0].v6.sin6_scope_id == want, "scope", text);
}

static void v4(const char *s, int ok)
{
	uint8_t a[4];

	check((!parse_v4(s, strlen(s), a)) == ok, "inet_pton4", s);
}

static void v6(const char *s, int ok)
{
	uint8_t a[16];

	check((!parse_v6(s, strlen(s), a)) == ok, "inet_pton6", s);
}

static void aton(const char *s, uint32_t want)
{
	uint8_t a[4];
	int rc = parse_aton(s, strlen(s), a);
	uint32_t got = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];

	check(want ? !rc && got == want : rc != 0, "inet_aton", s);
}

int main(void)
{
	conf("", NULL, 1, 5, 2, 0);
	conf("options timeout:999 attempts:99\n", NULL, 1, 30, 5, 0);
	conf("options timeout:30 attempts:5\n", NULL, 1, 30, 5, 0);
	conf("options timeout:4294967297\n", NULL, 1, 1, 2, 0);
	conf("options timeout:99999999999999999999999999 attempts:-3\n", NULL, 1, -1, -3, 0);
	conf("options timeout:-99999999999999999999999999\n", NULL, 1, 0, 2, 0);
	conf("options timeout: attempts:\n", NULL, 1, 0, 0, 0);
	conf("options rotate use-vc edns0 ndots:3\n", NULL, 1, 5, 2, OPT_ROTATE | OPT_USEVC);
	conf(" options timeout:1\noptions\n", NULL, 1, 5, 2, 0);
	conf("options attempts:1\n", "timeout:3 attempts:4", 1, 3, 4, 0);
	conf("nameserver 1.1.1.1\nnameserver 1.1.1.2\nnameserver ::1\nnameserver 1.1.1.4\n", NULL, 3, 5, 2, 0);
	conf("nameserver 1.1.1.1\r\nnameserver\t1.2 x\nnameserver fe80::1%eth0\n", NULL, 2, 5, 2, 0);
	conf("nameserver 1.1.1.256\nnameserver 1.1.1.1.1\nnameserver\n", NULL, 1, 5, 2, 0);
	scope("nameserver fe80::1%lo\n", 1);
	scope("nameserver fe80::1%7\n", 7);
	scope("nameserver fe80::1%4294967296\n", 0);
	scope("nameserver fe80::1%no-such-if\n", 0);
	scope("nameserver fd00::1%7\n", 0);
	scope("nameserver ff02::1%7 x\n", 7);
	v4("127.0.0.1", 1);
	v4("0.0.0.0", 1);
	v4("127.0.0.01", 0);
	v4("127.0.0.256", 0);
	v4("127.0.0", 0);
	v4("127.0.0.1.", 0);
	v4("127..0.1", 0);
	v4("1.2.3.4 ", 0);
	v6("::", 1);
	v6("::1", 1);
	v6("1::", 1);
	v6("::ffff:1.2.3.4", 1);
	v6("1:2:3:4:5:6:7:8", 1);
	v6("1:2:3:4:5:6:1.2.3.4", 1);
	v6("0001:2:3:4:5:6:7:8", 1);
	v6("1:2:3:4:5:6:7:8:9", 0);
	v6("1:2:3:4:5:6:7::8", 0);
	v6("::1:2:3:4:5:6:7:8", 0);
	v6("1:2:3:4:5:6:7:1.2.3.4", 0);
	v6(":1::", 0);
	v6("1:", 0);
	v6("1::2::3", 0);
	v6("12345::", 0);
	v6("::1.2.3.04", 0);
	v6("::ab.1.2.3", 0);
	v6("", 0);
	v6(":", 0);
	aton("127.0.0.1", 0x7f000001);
	aton("127.1", 0x7f000001);
	aton("0x7f.1", 0x7f000001);
	aton("0177.0.0.01", 0x7f000001);
	aton("2130706433", 0x7f000001);
	aton("127.0.0.08", 0);
	aton("127.0.0.1\r", 0);
	aton("127.0.0.1.", 0);
	aton("127.256.1", 0);
	aton("127.16777216", 0);
	aton("1.2.3.4.5", 0);
	aton("0x", 0);
	aton("4294967296", 0);
	return fails != 0;
}
