/* libFuzzer target: filter expressions (spec §6) through the lexer, the
 * parser, the user-space evaluator and the bytecode compiler; every program
 * compiled must pass the kernel's own audit (inet_diag_bc_audit), or the
 * dump would fail with EINVAL.  Built by tests/fuzz/run.sh.
 * Input: byte 0 picks the preferred family and tables, the rest is the
 * argument words, one per line. */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf fuzz_jb;

/* The parser ends the process on a bad expression, as 6.1 does; here an
 * error returns to the harness instead. */
_Noreturn void fuzz_exit(int status)
{
	(void)status;
	longjmp(fuzz_jb, 1);
}

#define _exit fuzz_exit
#include "../../applet/filter_parse.c"
#undef _exit

/* valid_cc(): an op starts exactly cc bytes before the end. */
static int valid_cc(const uint8_t *bc, int len, int cc)
{
	while (len >= 0) {
		uint8_t yes = bc[1];
		if (cc > len)
			return 0;
		if (cc == len)
			return 1;
		if (yes < 4 || yes & 3)
			return 0;
		len -= yes;
		bc += yes;
	}
	return 0;
}

/* The kernel's inet_diag_bc_audit() for the ops we emit. */
static int audit(const uint8_t *prog, int plen)
{
	const uint8_t *bc = prog;
	int len = plen;

	while (len > 0) {
		int min_len = 4;
		uint8_t code = bc[0], yes = bc[1];
		uint16_t no;

		memcpy(&no, bc + 2, 2);
		switch (code) {
		case 7: case 8: {	/* S_COND, D_COND */
			int alen;
			if (len < 12)
				return 0;
			alen = bc[4] == 0 ? 0 : bc[4] == 2 ? 4 : bc[4] == 10 ? 16 : -1;
			if (alen < 0)
				return 0;
			min_len += 8 + alen;
			if (len < min_len || bc[5] > 8 * alen)
				return 0;
			break;
		}
		case 2: case 3: case 4: case 5:	/* port comparisons */
			if (len < 8)
				return 0;
			min_len += 4;
			break;
		case 10: min_len += 8; break;	/* MARK_COND */
		case 13: min_len += 8; break;	/* CGROUP_COND */
		case 0: case 1: case 6: break;
		default: return 0;
		}
		if (code != 0) {
			if (no < min_len || no > len + 4 || no & 3)
				return 0;
			if (no < len && !valid_cc(prog, plen, len - no))
				return 0;
		}
		if (yes < min_len || yes > len + 4 || yes & 3)
			return 0;
		bc += yes;
		len -= yes;
	}
	return len == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[8192];
	static char *words[1024];
	static uint8_t prog[65536];
	unsigned fams = 0xff;
	struct filter_env env = { 0xffff, &fams, -1 };
	int n = 0;
	struct fnode *volatile f = NULL;

	if (size < 1 || size > sizeof(buf) - 1)
		return 0;
	env.preferred = data[0] % 9 - 1;
	env.tables = data[0] & 0x80 ? 1u << TAB_UDP : 0xffff;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = 0;
	for (char *p = buf; p && n < 1024;) {
		words[n++] = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = 0;
	}
	/* a fresh arena for every input */
	if (P.arena_end)
		P.arena = P.arena_end - (64 << 20);
	filter_nodes = 0;
	if (setjmp(fuzz_jb) == 0)
		f = filter_parse(&env, words, n, NULL);
	if (f) {
		struct sock_rec r;
		size_t len = filter_compile(f, prog, sizeof(prog));
		if (len && !audit(prog, (int)len))
			abort();	/* the kernel would refuse this program */
		static const uint8_t fams[] = { 2, 10, 1, 17, 16, 40, 44, 30 };
		static const char name[] = "\0abcde/x";
		for (size_t i = 0; i < sizeof(fams); i++) {
			memset(&r, 0, sizeof(r));
			r.family = fams[i];
			if (fams[i] == 1) {
				r.u.un.name = data[0] & 1 ? name : name + 1;
				r.u.un.name_len = (uint16_t)(data[0] & 1 ? 6 : 8);
			} else if (fams[i] == 2 || fams[i] == 10) {
				r.u.in.lport = (uint16_t)(data[0] * 257);
				r.u.in.laddr[0] = data[0];
				r.u.in.raddr[15] = 1;
			} else {
				r.u.pk.protocol = data[0];
			}
			filter_eval(f, &r);
		}
	}
	return 0;
}
