/*
 * unit_filter - the filter stage on its own (spec §6): the 14 bytecode
 * vectors of §6.5 (request attribute bytes as 6.1 sends them), precedence
 * (and/or equal, left to right), user-space evaluation on synthetic
 * records, the two evaluators agreeing, and every error message and exit
 * status of §6.1-6.3 (each parse of an error runs in a child process).
 *
 * Built by tests/unit.sh with every applet/netlink/procnet file but main.c.
 * Prints "PASS unit filter ..." / "FAIL unit filter ..." lines; exit 1 on
 * any failure.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <unistd.h>

#include "config.h"
#include "filter.h"
#include "filter_names.h"
#include "opts.h"

static int failed;

static void result(int ok, const char *what, const char *detail)
{
	printf("%s unit filter %s\n", ok ? "PASS" : "FAIL", what);
	if (!ok) {
		failed = 1;
		if (detail)
			printf("    %s\n", detail);
	}
}

/* Splits s on blanks into argv-like words (in place, static storage). */
static int split(char *s, char **w)
{
	int n = 0;

	for (char *t = strtok(s, " "); t; t = strtok(NULL, " "))
		w[n++] = t;
	return n;
}

static struct fnode *parse(const char *text, unsigned *families, int preferred)
{
	static char buf[65536];
	static char *w[20000];
	unsigned fams = families ? *families : (1u << FAM_INET) | (1u << FAM_INET6);
	struct filter_env env = { (1u << TAB_TCP) | (1u << TAB_UDP), &fams, preferred };
	struct fnode *f;

	snprintf(buf, sizeof(buf), "%s", text);
	f = filter_parse(&env, w, split(buf, w), NULL);
	if (families)
		*families = fams;
	return f;
}

/* "14000100 07101400 ..." -> bytes; returns the count. */
static size_t unhex(const char *s, uint8_t *out)
{
	size_t n = 0;
	unsigned v;

	while (*s) {
		if (*s == ' ' || *s == '\n') {
			s++;
			continue;
		}
		sscanf(s, "%2x", &v);
		out[n++] = (uint8_t)v;
		s += 2;
	}
	return n;
}

static void vector(const char *expr, const char *hex)
{
	uint8_t want[512], got[600], prog[512];
	size_t wn = unhex(hex, want), len;
	char name[300], detail[1200];
	struct fnode *f = parse(expr, NULL, -1);

	len = filter_compile(f, prog, sizeof(prog));
	snprintf(name, sizeof(name), "bytecode '%s'", expr);
	if (!CONFIG_SS_BYTECODE) {
		result(len == 0, name, "compiled although SS_BYTECODE is off");
		return;
	}
	if (wn == 0) {
		result(len == 0, name, "compiled to a program; 6.1 sends none");
		return;
	}
	/* the attribute as sent: rta_len, rta_type 1 (INET_DIAG_REQ_BYTECODE) */
	got[0] = (uint8_t)(len + 4), got[1] = (uint8_t)((len + 4) >> 8), got[2] = 1, got[3] = 0;
	memcpy(got + 4, prog, len);
	size_t o = 0;
	o += (size_t)snprintf(detail + o, sizeof(detail) - o, "got ");
	for (size_t i = 0; i < len + 4 && o < sizeof(detail) - 3; i++)
		o += (size_t)snprintf(detail + o, sizeof(detail) - o, "%02x%s", got[i], i % 4 == 3 ? " " : "");
	result(len + 4 == wn && !memcmp(got, want, wn), name, detail);
}

static struct sock_rec rec4(const char *src, int sport, const char *dst, int dport)
{
	struct sock_rec r;

	memset(&r, 0, sizeof(r));
	r.family = AF_INET;
	r.table = TAB_TCP;
	r.state = SS_ESTABLISHED;
	inet_pton(AF_INET, src, r.u.in.laddr);
	inet_pton(AF_INET, dst, r.u.in.raddr);
	r.u.in.lport = (uint16_t)sport;
	r.u.in.rport = (uint16_t)dport;
	return r;
}

static struct sock_rec rec6(const char *src, int sport, const char *dst, int dport)
{
	struct sock_rec r = rec4("0.0.0.0", sport, "0.0.0.0", dport);

	r.family = AF_INET6;
	inet_pton(AF_INET6, src, r.u.in.laddr);
	inet_pton(AF_INET6, dst, r.u.in.raddr);
	return r;
}

/* Runs the kernel's inet_diag bytecode semantics (§6.5) on a record. */
static int run_bc(const uint8_t *bc, size_t len, const struct sock_rec *r)
{
	size_t pc = 0;

	while (pc < len) {
		uint8_t code = bc[pc], yes = bc[pc + 1];
		uint16_t no;
		int ok = 0;
		memcpy(&no, bc + pc + 2, 2);
		switch (code) {
		case 1: ok = 0; break;	/* JMP: always "no" */
		case 2: case 3: case 4: case 5: {
			uint16_t port, p;
			memcpy(&port, bc + pc + 6, 2);
			p = code < 4 ? r->u.in.lport : r->u.in.rport;
			ok = code % 2 == 0 ? p >= port : p <= port;
			break;
		}
		case 6: ok = r->u.in.lport >= 32768 && r->u.in.lport <= 60999; break;
		case 7: case 8: {
			int fam = bc[pc + 4], plen = bc[pc + 5];
			int32_t port;
			const uint8_t *a = code == 7 ? r->u.in.laddr : r->u.in.raddr;
			const uint8_t *c = bc + pc + 12;
			memcpy(&port, bc + pc + 8, 4);
			ok = port == -1 || port == (code == 7 ? r->u.in.lport : r->u.in.rport);
			if (ok && fam && plen) {
				const uint8_t *sa = a;
				if (fam == AF_INET && r->family == AF_INET6) {
					static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
					if (memcmp(a, mapped, 12))
						ok = 0;
					sa = a + 12;
				} else if (fam != r->family) {
					ok = 0;
				}
				for (int b = 0; ok && b < plen; b++)
					if (((sa[b / 8] ^ c[b / 8]) >> (7 - b % 8)) & 1)
						ok = 0;
			}
			break;
		}
		default: return -1;
		}
		pc += ok ? yes : no;
	}
	return pc == len;
}

/* The user-space evaluator and the kernel program agree on records. */
static void agree(const char *expr, const struct sock_rec *recs, int n, const char *want)
{
	uint8_t bc[4096];
	struct fnode *f = parse(expr, NULL, -1);
	size_t len = filter_compile(f, bc, sizeof(bc));
	char got[64], name[300], detail[300];

	for (int i = 0; i < n; i++) {
		int u = filter_eval(f, &recs[i]);
		int k = len ? run_bc(bc, len, &recs[i]) : u;
		got[i] = u == k ? (char)('0' + u) : 'x';
	}
	got[n] = 0;
	snprintf(name, sizeof(name), "eval '%s'", expr);
	snprintf(detail, sizeof(detail), "want %s, got %s (x: kernel and user space disagree)", want, got);
	result(!strcmp(got, want), name, detail);
}

/* Parses in a child: its exit status and first stderr line. */
static void error_case(const char *expr, int preferred, int status, const char *msg)
{
	int p[2], st;
	char err[512] = "", name[300], detail[800];
	ssize_t n;
	pid_t pid;

	fflush(stdout);
	if (pipe(p))
		exit(2);
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 2);
		close(p[0]);
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		parse(expr, NULL, preferred);
		_exit(0);
	}
	close(p[1]);
	size_t got = 0;
	char sink[4096];
	while ((n = read(p[0], got < sizeof(err) - 1 ? err + got : sink,
			 got < sizeof(err) - 1 ? sizeof(err) - 1 - got : sizeof(sink))) > 0)
		if (got < sizeof(err) - 1)
			got += (size_t)n;
	err[got] = 0;
	close(p[0]);
	waitpid(pid, &st, 0);
	char *nl = strchr(err, '\n');
	if (nl)
		*nl = 0;
	if (strlen(expr) > 60)
		snprintf(name, sizeof(name), "error '%.20s...' (%zu bytes)", expr, strlen(expr));
	else
		snprintf(name, sizeof(name), "error '%s'", expr);
	snprintf(detail, sizeof(detail), "want %d '%s', got %d '%s'", status, msg,
		 WIFEXITED(st) ? WEXITSTATUS(st) : -1, err);
	result(WIFEXITED(st) && WEXITSTATUS(st) == status && !strcmp(err, msg), name, detail);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	static const char *const vectors[][2] = {
		{ "sport = :22", "14000100 07101400 00000000 16000000 00000000" },
		{ "dport = :22", "14000100 08101400 00000000 16000000 00000000" },
		{ "src 10.0.0.0/8", "14000100 07101400 02080000 ffffffff 0a000000" },
		{ "dst 10.0.0.1:22", "14000100 08101400 02200000 16000000 0a000001" },
		{ "src [fd00::1]:8080", "20000100 071c2000 0a800000 901f0000 fd000000 00000000 00000000 00000001" },
		{ "dport > :1000", "10000100 05080c00 0000e803 01040800" },
		{ "dport < :1000", "10000100 04080c00 0000e803 01040800" },
		{ "sport >= :1000", "0c000100 02080c00 0000e803" },
		{ "not sport = :22", "18000100 07101400 00000000 16000000 00000000 01040800" },
		{ "sport != :22", "18000100 07101400 00000000 16000000 00000000 01040800" },
		{ "sport = :22 or dport = :22", "28000100 07101400 00000000 16000000 00000000 01041400 08101400 00000000 16000000 00000000" },
		{ "sport = :22 and dport = :22", "24000100 07102400 00000000 16000000 00000000 08101400 00000000 16000000 00000000" },
		{ "autobound", "08000100 06040800" },
		{ "fwmark = 0x42/0xff", "10000100 0a0c1000 42000000 ff000000" },
		{ "( sport = :22 or sport = :8080 ) and dport = :48022",
		  "38000100 07101400 00000000 16000000 00000000 01041400 07102400 00000000 901f0000 00000000 08101400 00000000 96bb0000 00000000" },
		/* precedence: and/or equal, left to right: the same program */
		{ "sport = :22 or sport = :8080 and dport = :48022",
		  "38000100 07101400 00000000 16000000 00000000 01041400 07102400 00000000 901f0000 00000000 08101400 00000000 96bb0000 00000000" },
		{ "sport = :22 || sport = :8080 && dport = :48022",
		  "38000100 07101400 00000000 16000000 00000000 01041400 07102400 00000000 901f0000 00000000 08101400 00000000 96bb0000 00000000" },
		{ "dev lo", "" },
		{ "src 10.0.0.1 and dev lo", "" },
		{ "dev 1 or sport = :22", "" },
		{ "not dev 1", "" },
	};
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++)
		vector(vectors[i][0], vectors[i][1]);

	/* two addresses, each its own condition (6.1 repeats the first) */
	{
		unsigned fams = 1u << FAM_INET;
		struct fnode *f = parse("src 10.0.0.1", &fams, -1);
		struct fnode *g = malloc(sizeof(*f) + 2 * sizeof(struct fn_addr));
		uint8_t bc[256];
		memcpy(g, f, sizeof(*f) + sizeof(struct fn_addr));
		g->naddr = 2;
		g->addr[1] = g->addr[0];
		g->addr[1].w[0] = htonl(0x0a000002);
		size_t len = filter_compile(g, bc, sizeof(bc));
		struct sock_rec r[3] = { rec4("10.0.0.1", 1, "1.1.1.1", 2),
					 rec4("10.0.0.2", 1, "1.1.1.1", 2),
					 rec4("10.0.0.3", 1, "1.1.1.1", 2) };
		int ok = !CONFIG_SS_BYTECODE || (len == 36 && run_bc(bc, len, &r[0]) == 1 &&
			  run_bc(bc, len, &r[1]) == 1 && run_bc(bc, len, &r[2]) == 0);
		ok = ok && filter_eval(g, &r[0]) && filter_eval(g, &r[1]) && !filter_eval(g, &r[2]);
		result(ok, "bytecode two resolved addresses", "the second address is not matched");
		free(g);
	}

	/* ports every passing socket has, for the request's socket id */
	{
		static const struct { const char *e; int sp, dp; } pc[] = {
			{ "dport = :443", 0, 443 }, { "sport = :22 and dport = :1", 22, 1 },
			{ "sport = :22 or dport = :1", 0, 0 }, { "not dport = :1", 0, 0 },
			{ "src 10.0.0.1:80 and dev lo", 80, 0 }, { "dport = :70000", 0, 0 },
			{ "( sport = :1 and dst 1.2.3.4 ) and dport = :2", 1, 2 },
			{ "sport >= :5", 0, 0 }, { "dst *:22 autobound", 0, 22 },
		};
		int ok = 1;
		char detail[200] = "";
		for (size_t i = 0; i < sizeof(pc) / sizeof(pc[0]); i++) {
			uint16_t sp, dp;
			filter_ports(parse(pc[i].e, NULL, -1), &sp, &dp);
			if (!CONFIG_SS_BYTECODE ? sp || dp : sp != pc[i].sp || dp != pc[i].dp) {
				ok = 0;
				snprintf(detail, sizeof(detail), "%s: %u %u", pc[i].e, sp, dp);
			}
		}
		result(ok, "ports for the request's socket id", detail);
	}

	struct sock_rec r[] = {
		rec4("10.0.0.1", 22, "10.0.0.2", 48022),
		rec4("10.0.0.1", 8080, "10.0.0.2", 48022),
		rec4("10.0.0.1", 22, "10.0.0.2", 1),
		rec6("::ffff:10.0.0.1", 80, "::1", 40000),
		rec6("fd00::1", 8080, "fd00::2", 443),
		rec4("192.168.1.1", 40000, "10.1.2.3", 22),
	};
	int n = sizeof(r) / sizeof(r[0]);
	agree("sport = :22 or sport = :8080 and dport = :48022", r, n, "110000");
	agree("sport = :22 or ( sport = :8080 and dport = :48022 )", r, n, "111000");
	agree("src 10.0.0.0/8", r, n, "111100");
	agree("src 10.0.0.1", r, n, "111100");
	agree("dst 10/8", r, n, "111001");
	agree("src fd00::/16", r, n, "000010");
	agree("not src 10.0.0.1", r, n, "000011");
	agree("dport >= :443 and dport <= :40000", r, n, "000110");
	agree("dport > :443 dport < :48022", r, n, "000100");
	agree("! ( sport = :22 or dport = :22 )", r, n, "010110");
	agree("src any", r, n, "111111");
	agree("sport = :22 and not dport = :1 or dst 10.1.2.3", r, n, "100001");

	/* unix names: glob, case-insensitive, empty when unnamed */
	{
		const char *pats[] = { "/tmp/*", "/TMP/S?CK", "*[0-9]", "[!/]*", "@*", "*" };
		const char *names[] = { "/tmp/sock", "/tmp/sock1", "@abc", NULL };
		const char *want[] = { "1100", "1000", "0100", "0010", "0010", "1111" };
		int ok = 1;
		char detail[256] = "";
		unsigned fams = 1u << FAM_UNIX;
		for (size_t i = 0; i < 6; i++) {
			char expr[64];
			snprintf(expr, sizeof(expr), "src %s", pats[i]);
			struct fnode *f = parse(expr, &fams, FAM_UNIX);
			for (int j = 0; j < 4; j++) {
				int m = glob_match(f->u.pattern, names[j] ? names[j] : "");
				if (m != want[i][j] - '0') {
					ok = 0;
					snprintf(detail, sizeof(detail), "pattern %s name %s: %d", pats[i],
						 names[j] ? names[j] : "(none)", m);
				}
			}
		}
		result(ok, "unix name patterns", detail);
	}

	/* a family prefix narrows the family mask and the preferred family */
	{
		unsigned fams = (1u << FAM_INET) | (1u << FAM_INET6) | (1u << FAM_UNIX);
		parse("src inet6:[::1]", &fams, -1);
		int ok = fams == 1u << FAM_INET6;
		fams = (1u << FAM_INET) | (1u << FAM_UNIX);
		parse("src unix:/x or sport = :1", &fams, -1);
		ok = ok && fams == 1u << FAM_UNIX;
		fams = 3;
		parse("sport = :22", &fams, -1);
		ok = ok && fams == 3;
		result(ok, "family prefixes narrow the family mask", NULL);
	}

	error_case("dst", -1, 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.");
	error_case("( sport = :22", -1, 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.");
	error_case("sport = 22 or", -1, 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.");
	error_case("10.0.0.1", -1, 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.");
	error_case("dst != 1.2.3.4", -1, 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.");
	error_case("sport = :22 )", -1, 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.");
	error_case("sport = :nosuchservice", -1, 1, "Error: \"nosuchservice\" does not look like a port.");
	error_case("src ::1", -1, 1, "Error: an inet prefix is expected rather than \":\".");
	error_case("src 10.0.0.1", FAM_INET6, 1, "Error: an inet prefix is expected rather than \"10.0.0.1\".");
	error_case("src [::1", -1, 1, "Cannot parse dst/src address.");
	error_case("dev nosuchdevice0", -1, 1, "Cannot parse device.");
	error_case("fwmark = abc", -1, 1, "Cannot parse mark abc.");
	error_case("fwmark = 1/", -1, 1, "Cannot parse mark 1/.");
	error_case("src link:nosuchproto", -1, 1, "Cannot parse dst/src address.");
	error_case("src netlink:nosuchproto", -1, 1, "Cannot parse dst/src address.");
	error_case("src netlink:rtnl:x", -1, 1, "Cannot parse dst/src address.");
	error_case("src vsock:x", -1, 1, "Cannot parse dst/src address.");
	error_case("src vsock:1:", -1, 1, "Cannot parse dst/src address.");
	/* operand errors come before a later syntax error, as 6.1's lexer */
	error_case("( dport = :nosuch", -1, 1, "Error: \"nosuch\" does not look like a port.");
	{
		char deep[40100];
		size_t o = 0;
		for (int i = 0; i < 9998; i++)
			o += (size_t)snprintf(deep + o, sizeof(deep) - o, "! ");
		snprintf(deep + o, sizeof(deep) - o, "autobound");
		error_case(deep, -1, 255, "ss: bison bellows (while parsing filter): \"memory exhausted!\" Sorry.");
		error_case(deep + 2, -1, 0, "");
	}
	return failed;
}
