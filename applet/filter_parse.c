/* The filter language of iproute2 6.1 (spec §6.1-6.3): words and -F lines
 * split into tokens, a recursive-descent parser that accepts what 6.1's
 * bison grammar accepts and fails at the same token with the same words,
 * and the operands (hosts, ports, devices, marks, cgroups). */
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "config.h"
#include "filter.h"
#include "filter_names.h"
#include "opts.h"
#include "errmsg.h"
#include "env.h"
#include "../netlink/inet_diag.h"


enum tok {
	T_EOF, T_NOT, T_AND, T_OR, T_LP, T_RP, T_DST, T_SRC, T_DPORT, T_SPORT,
	T_DEV, T_FWMARK, T_CGROUP, T_AUTO, T_GEQ, T_LEQ, T_NEQ, T_EQ, T_GT, T_LT,
	T_HOST, T_DEVCOND, T_MARK, T_CGCOND
};

/* Keyword spellings, each list NUL-separated, in the order 6.1 tests them. */
static const struct {
	char words[14];
	unsigned char tok;
} keywords[] = {
	{ "!\0not", T_NOT }, { "&\0&&\0and", T_AND }, { "|\0||\0or", T_OR },
	{ "(", T_LP }, { ")", T_RP }, { "dst", T_DST }, { "src", T_SRC },
	{ "dport", T_DPORT }, { "sport", T_SPORT }, { "dev", T_DEV },
	{ "fwmark", T_FWMARK }, { "cgroup", T_CGROUP }, { ">=\0ge\0geq", T_GEQ },
	{ "<=\0le\0leq", T_LEQ }, { "!=\0ne\0neq", T_NEQ }, { "=\0==\0eq", T_EQ },
	{ ">\0gt", T_GT }, { "<\0lt", T_LT }, { "autobound", T_AUTO },
};

#define LINE_MAX_ 1024		/* 6.1's fgets() buffer */
#define STACK_MAX 10000		/* bison's YYMAXDEPTH */

static struct {
	struct filter_env *env;
	char **words;
	int nwords;
	int fd;			/* -F file, -1 when none or done */
	char *cur;		/* rest of the word or line being split */
	int sticky;		/* last keyword token seen: how operands read */
	int tok;		/* lookahead, -1 when none */
	struct fnode *val;	/* the lookahead operand's node */
	int depth;		/* entries on bison's stack */
	char line[LINE_MAX_];
	char rbuf[4096];	/* read buffer of the -F file */
	size_t rpos, rlen;
	char *arena, *arena_end;
} P;

struct fnode *filter_root;
unsigned filter_nodes;

static _Noreturn void bellow(const char *what)
{
	/* one line: 6.1 prints " Sorry." after its yyerror() text */
	errs("ss: bison bellows (while parsing filter): \"", what, "!\" Sorry.");
	opts_usage(2);
	_exit(255);
}

/* Bump allocation from one lazily committed mapping: nodes live until exit. */
static void *alloc(size_t n)
{
	enum { ARENA = 64 << 20 };
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (!P.arena) {
		P.arena = mmap(NULL, ARENA, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (P.arena == MAP_FAILED)
			P.arena = NULL;
		P.arena_end = P.arena ? P.arena + ARENA : NULL;
	}
	if (!P.arena || (size_t)(P.arena_end - P.arena) < n) {
		errs("ss: filter too long");
		_exit(255);
	}
	p = P.arena;
	P.arena += n;
	return p;
}

static struct fnode *node(int type, size_t naddr)
{
	struct fnode *n = alloc(sizeof(*n) + naddr * sizeof(struct fn_addr));

	memset(n, 0, sizeof(*n) + naddr * sizeof(struct fn_addr));
	filter_nodes++;
	n->type = (uint8_t)type;
	n->port = -1;
	return n;
}

/* ---- lexer (§6.1) ---- */

/* fgets() into P.line from the -F file: at most LINE_MAX_-1 bytes, up to
 * and including a newline.  Returns the byte count, -1 at end of file. */
static long file_line(void)
{
	size_t n = 0;

	while (n < LINE_MAX_ - 1) {
		if (P.rpos == P.rlen) {
			ssize_t r = read(P.fd, P.rbuf, sizeof(P.rbuf));
			if (r <= 0)
				break;
			P.rpos = 0;
			P.rlen = (size_t)r;
		}
		char c = P.rbuf[P.rpos++];
		P.line[n++] = c;
		if (c == '\n')
			break;
	}
	P.line[n] = 0;
	return n ? (long)n : -1;
}

/* The next line of the -F file that is not skipped, or NULL at its end. */
static char *next_line(void)
{
	for (;;) {
		long got = file_line();
		size_t len;

		if (got < 0)
			return NULL;
		len = strnlen(P.line, LINE_MAX_);
		if (len == 0) {
			errs("Invalid line");
			_exit(255);
		}
		if (len >= LINE_MAX_ - 1) {
			errs("Too long line in filter");
			_exit(255);
		}
		if (P.line[len - 1] == '\n')
			P.line[len - 1] = 0;
		/* '0': 6.1 compares with the digit where it meant NUL */
		if (P.line[0] != '#' && P.line[0] != '0')
			return P.line;
	}
}

/* One blank-separated word of P.cur, backslashes removed (each escapes
 * the next byte, blanks included); NULL when only blanks are left. */
static char *next_word(void)
{
	char *cp = P.cur, *tok, *out;

	while (*cp == ' ' || *cp == '\t')
		cp++;
	if (!*cp) {
		P.cur = cp;
		return NULL;
	}
	tok = out = cp;
	while (*cp && *cp != ' ' && *cp != '\t') {
		if (*cp == '\\' && !*++cp)
			break;
		*out++ = *cp++;
	}
	if (*cp)
		cp++;
	*out = 0;
	P.cur = cp;
	return tok;
}

static char *next_token_text(void)
{
	char *w;

	for (;;) {
		if (P.cur && (w = next_word()))
			return w;
		if (P.nwords > 0) {
			P.cur = *P.words++;
			P.nwords--;
		} else if (P.fd >= 0 && (P.cur = next_line())) {
			continue;
		} else {
			return NULL;
		}
	}
}

static int keyword(const char *w)
{
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		const char *k = keywords[i].words, *end = k + sizeof(keywords[i].words);
		for (; k < end && *k; k += strlen(k) + 1)
			if (!strcmp(k, w))
				return keywords[i].tok;
	}
	return -1;
}

static struct fnode *parse_host(char *addr, int is_port);
static struct fnode *parse_dev(const char *s);
static struct fnode *parse_mark(const char *s);
static struct fnode *parse_cgroup(const char *s);

/* The next token; an operand is parsed here, as 6.1's lexer does, so its
 * errors come before any syntax error later in the expression. */
static int lex(void)
{
	char *w = next_token_text();
	int k;

	if (!w)
		return T_EOF;
	k = keyword(w);
	if (k >= 0) {
		if (k >= T_DST && k <= T_AUTO)
			P.sticky = k;
		return k;
	}
	switch (P.sticky) {
	case T_DEV:
		if (!(P.val = parse_dev(w))) {
			errs("Cannot parse device.");
			_exit(1);
		}
		return T_DEVCOND;
	case T_FWMARK:
		if (!(P.val = parse_mark(w))) {
			errs("Cannot parse mark ", w, ".");
			_exit(1);
		}
		return T_MARK;
	case T_CGROUP:
		if (!(P.val = parse_cgroup(w))) {
			errs("Cannot parse cgroup ", w, ".");
			_exit(1);
		}
		return T_CGCOND;
	}
	if (!(P.val = parse_host(w, P.sticky == T_SPORT || P.sticky == T_DPORT))) {
		errs("Cannot parse dst/src address.");
		_exit(1);
	}
	return T_HOST;
}

/* ---- grammar (§6.2), with bison's stack depth ---- */

static int peek(void)
{
	if (P.tok < 0)
		P.tok = lex();
	return P.tok;
}

static void push(void)
{
	if (++P.depth >= STACK_MAX)
		bellow("memory exhausted");
}

/* Shifts the lookahead (which must be t) onto the stack. */
static void shift(int t)
{
	if (peek() != t)
		bellow("syntax error");
	P.tok = -1;
	push();
}

static struct fnode *unary(int type, struct fnode *kid)
{
	struct fnode *n = node(type, 0);

	n->u.kid[0] = kid;
	return n;
}

static struct fnode *binary(int type, struct fnode *a, struct fnode *b)
{
	struct fnode *n = unary(type, a);

	n->u.kid[1] = b;
	return n;
}

/* eq := '=' | nothing: one stack entry either way. */
static void opt_eq(void)
{
	if (peek() == T_EQ)
		shift(T_EQ);
	else
		push();
}

/* The operand token t after keyword and operator: its node. */
static struct fnode *operand(int t)
{
	struct fnode *v;

	if (peek() != t)
		bellow("syntax error");
	v = P.val;
	shift(t);
	P.depth -= 2;	/* KEYWORD OP OPERAND reduced to expr */
	return v;
}

static struct fnode *list(void);

static struct fnode *expr(void)
{
	int t = peek(), op;
	struct fnode *n;

	switch (t) {
	case T_LP:
		shift(T_LP);
		n = list();
		shift(T_RP);
		P.depth -= 2;
		return n;
	case T_NOT:
		shift(T_NOT);
		n = expr();
		P.depth -= 1;
		return unary(FN_NOT, n);
	case T_AUTO:
		shift(T_AUTO);
		return node(FN_AUTO, 0);
	case T_DST:
	case T_SRC:
		shift(t);
		opt_eq();
		n = operand(T_HOST);
		n->type = t == T_DST ? FN_DCOND : FN_SCOND;
		return n;
	case T_DEV:
	case T_FWMARK:
	case T_CGROUP:
		shift(t);
		op = peek();
		if (op == T_NEQ)
			shift(T_NEQ);
		else
			opt_eq();
		n = operand(t == T_DEV ? T_DEVCOND : t == T_FWMARK ? T_MARK : T_CGCOND);
		return op == T_NEQ ? unary(FN_NOT, n) : n;
	case T_DPORT:
	case T_SPORT: {
		int d = t == T_DPORT;
		shift(t);
		op = peek();
		if (op == T_GEQ || op == T_LEQ || op == T_GT || op == T_LT || op == T_NEQ)
			shift(op);
		else
			opt_eq();
		n = operand(T_HOST);
		switch (op) {
		case T_GEQ: n->type = d ? FN_D_GE : FN_S_GE; return n;
		case T_LEQ: n->type = d ? FN_D_LE : FN_S_LE; return n;
		case T_GT: n->type = d ? FN_D_LE : FN_S_LE; return unary(FN_NOT, n);
		case T_LT: n->type = d ? FN_D_GE : FN_S_GE; return unary(FN_NOT, n);
		}
		n->type = d ? FN_DCOND : FN_SCOND;
		return op == T_NEQ ? unary(FN_NOT, n) : n;
	}
	}
	bellow("syntax error");
}

static int starts_expr(int t)
{
	return t == T_LP || t == T_NOT || (t >= T_DST && t <= T_AUTO);
}

/* list := expr | list '|' expr | list '&' expr | list expr: left to right,
 * and/or of equal precedence (§6.2). */
static struct fnode *list(void)
{
	struct fnode *n = expr();

	for (;;) {
		int t = peek(), type = FN_AND;

		if (t == T_OR || t == T_AND) {
			type = t == T_OR ? FN_OR : FN_AND;
			shift(t);
			n = binary(type, n, expr());
			P.depth -= 2;
		} else if (starts_expr(t)) {
			n = binary(FN_AND, n, expr());
			P.depth -= 1;
		} else {
			return n;
		}
	}
}

static int open_filter_file(const char *file)
{
	int fd;

	if (!file)
		return -1;
	if (file[0] == '-')
		return 0;
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		errs("fopen filter file: ", filter_strerror());
		_exit(255);
	}
	return fd;
}

struct fnode *filter_parse(struct filter_env *env, char **words, int nwords, const char *file)
{
	struct fnode *f = NULL;

	P.env = env;
	P.words = words;
	P.nwords = nwords;
	P.fd = open_filter_file(file);
	P.cur = NULL;
	P.sticky = -1;
	P.tok = -1;
	P.depth = 1;
	if (peek() != T_EOF) {
		f = list();
		if (peek() != T_EOF)
			bellow("syntax error");
	}
	filter_root = f;
	return f;
}

/* ---- operands (§6.3) ---- */

static int prefix(char **s, const char *p)
{
	size_t n = strlen(p);

	if (strncmp(*s, p, n))
		return 0;
	*s += n;
	return 1;
}

static char *find(const char *s, int c)
{
	for (; *s; s++)
		if (*s == c)
			return (char *)s;
	return NULL;
}

static char *find_last(const char *s, int c)
{
	char *hit = NULL;

	for (; *s; s++)
		if (*s == c)
			hit = (char *)s;
	return hit;
}

/* The port part as 6.1's find_port() cuts it: the whole operand for
 * sport/dport, else what follows the first ':' (NULL if none). */
static char *cut_port(char *addr, int is_port)
{
	char *port = is_port ? addr : find(addr, ':');

	if (port && *port == ':')
		*port++ = 0;
	return port;
}

/* A selected family replaces the mask; it also becomes the preferred one. */
static void narrow(int af)
{
	static const struct { unsigned char af, fam; } map[] = {
		{ AF_INET_, FAM_INET }, { AF_INET6_, FAM_INET6 }, { AF_UNIX_, FAM_UNIX },
		{ AF_PACKET_, FAM_PACKET }, { AF_NETLINK_, FAM_NETLINK },
		{ AF_VSOCK_, FAM_VSOCK }, { AF_TIPC_, FAM_TIPC }, { AF_XDP_, FAM_XDP },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (map[i].af != af)
			continue;
		*P.env->families = 1u << map[i].fam;
		P.env->preferred = map[i].fam;
	}
}

static int preferred_af(void)
{
	static const unsigned char afs[FAM_MAX] = {
		AF_INET_, AF_INET6_, AF_UNIX_, AF_PACKET_, AF_NETLINK_, AF_VSOCK_,
		AF_TIPC_, AF_XDP_
	};
	int p = P.env->preferred;

	return p >= 0 && p < FAM_MAX ? afs[p] : AF_UNSPEC_;
}

static char *copy(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = alloc(n);

	memcpy(d, s, n);
	return d;
}

/* An inet port: a number (strtol base 0, any int), else a service name of
 * the selected tcp/udp tables.  -1 any; 0 on error (printed). */
static int inet_port(const char *port, int32_t *out)
{
	long v;
	int udp = -1, tcp = -1;

	if (!*port || *port == '*')
		return 1;
	if (!num_int(port, &v)) {
		*out = (int32_t)v;
		return 1;
	}
	if (P.env->tables & (1u << TAB_UDP))
		udp = service_port(port, 1);
	if (P.env->tables & (1u << TAB_TCP))
		tcp = service_port(port, 0);
	if (udp >= 0 && tcp >= 0 && udp != tcp) {
		errs("Error: ambiguous port \"", port, "\".");
		return 0;
	}
	if (udp < 0)
		udp = tcp;
	if (udp <= 0) {
		errs("Error: \"", port, "\" does not look like a port.");
		return 0;
	}
	*out = udp;
	return 1;
}

/* [ADDR][:PORT] of inet, inet6 or no family (§6.3). */
static struct fnode *inet_host(char *addr, int is_port, int fam)
{
	struct fn_addr a[FILTER_MAX_ADDRS];
	int n = 0;
	int32_t port = -1;
	char *p;
	struct fnode *f;

	if (addr[0] == '[') {
		addr++;
		if (!(p = find(addr, ']')))
			return NULL;
		*p++ = 0;
	} else if (addr[0] == '*') {
		p = addr + 1;
	} else {
		char *slash = find(addr, '/');
		p = find_last(slash ? slash : addr, ':');
	}
	if (is_port)
		p = addr;
	if (p && *p) {
		if (*p == ':')
			*p++ = 0;
		if (!inet_port(p, &port))
			return NULL;
	}
	if (!is_port && *addr && *addr != '*') {
		n = inet_prefix(addr, fam, a);
		if (n < 0)
			n = host_addrs(addr, fam, a, FILTER_MAX_ADDRS);
		if (n <= 0) {
			if (n == 0)
				errs("Error: an inet prefix is expected rather than \"", addr, "\".");
			return NULL;
		}
	}
	f = node(FN_SCOND, (size_t)n);
	/* the bytecode's family: none without an address, the address's else */
	f->fam = n ? a[0].family : AF_UNSPEC_;
	if (n == 1 && !a[0].bitlen)	/* any, all: no address to compare */
		n = 0;
	f->port = port;
	f->naddr = (uint16_t)n;
	memcpy(f->addr, a, (size_t)n * sizeof(a[0]));
	return f;
}

/* link:[PROTO][:IFACE], netlink:[PROTO][:PORTID], vsock:[CID][:PORT]. */
static struct fnode *other_host(char *addr, int is_port, int fam)
{
	struct fnode *f = node(FN_SCOND, 1);
	char *port = cut_port(addr, is_port);
	long v;
	uint32_t u;

	f->fam = (uint8_t)fam;
	f->addr[0].family = (uint8_t)fam;
	if (fam == AF_VSOCK_ && port && strcmp(port, "*")) {
		if (num_u32(port, &u))	/* "" too: 6.1 does not test it */
			return NULL;
		f->port = (int32_t)u;
	} else if (fam != AF_VSOCK_ && port && *port && strcmp(port, "*")) {
		if (!num_int(port, &v)) {
			f->port = (int32_t)v;
		} else if (fam == AF_NETLINK_ && !strcmp(port, "kernel")) {
			f->port = 0;
		} else if (fam != AF_PACKET_ || (f->port = (int32_t)dev_index(port)) <= 0) {
			return NULL;
		}
	}
	if (!is_port && *addr && strcmp(addr, "*")) {
		int w = fam == AF_PACKET_ ? ethertype_number(addr) :
			fam == AF_NETLINK_ ? netlink_proto_number(addr) :
			num_u32(addr, &u) ? -1 : 0;
		if (w < 0)
			return NULL;
		f->addr[0].bitlen = 32;
		f->addr[0].w[0] = fam == AF_VSOCK_ ? u : (uint32_t)w;
		f->naddr = 1;
	}
	return f;
}

static struct fnode *parse_host(char *addr, int is_port)
{
	static const char *const prefixes[] = {
		"unix:", "link:", "netlink:", "vsock:", "inet:", "inet6:"
	};
	static const unsigned char afs[] = {
		AF_UNIX_, AF_PACKET_, AF_NETLINK_, AF_VSOCK_, AF_INET_, AF_INET6_
	};
	int fam = preferred_af();
	struct fnode *f;

	for (size_t i = 0; i < sizeof(afs); i++) {
		if (prefix(&addr, prefixes[i])) {
			fam = afs[i];
			break;
		}
	}
	if (fam == AF_UNIX_) {
		f = node(FN_SCOND, 0);
		f->fam = AF_UNIX_;
		f->u.pattern = copy(addr);
	} else if (fam == AF_PACKET_ || fam == AF_NETLINK_ || fam == AF_VSOCK_) {
		f = other_host(addr, is_port, fam);
	} else {
		f = inet_host(addr, is_port, fam);
	}
	if (f)
		narrow(fam);
	return f;
}

static struct fnode *parse_dev(const char *s)
{
	struct fnode *f;
	long idx = dev_index(s);
	uint64_t v;

	if (idx <= 0) {
		if (num_ul(s, &v) || v > 0xffffffffu)
			return NULL;
		idx = (long)v;
	}
	f = node(FN_DEV, 0);
	f->u.ifindex = (uint32_t)idx;
	return f;
}

static struct fnode *parse_mark(const char *s)
{
	struct fnode *f = node(FN_MARK, 0);
	const char *rest;

	f->u.mark[1] = 0xffffffffu;
	if (scan_i(s, &f->u.mark[0], &rest))
		return NULL;
	if (find(s, '/') && (*rest != '/' || scan_i(rest + 1, &f->u.mark[1], &rest)))
		return NULL;
	return f;
}

static int discard(const struct sock_rec *r, void *arg)
{
	(void)r, (void)arg;
	return 0;
}

static _Noreturn void cgroup_unsupported(void)
{
	errs("It looks like such filter is not supported! Too old kernel?");
	_exit(255);
}

/* 6.1 asks the kernel once whether it knows CGROUP_COND: a TCP dump
 * carrying one, for no state at all; EINVAL means it does not.  Without
 * a sock_diag socket (a sandbox, no netlink) it is not known either: the
 * /proc fallback has no cgroup ids, so an empty list would be wrong data. */
static void cgroup_probe(void)
{
	static const uint8_t prog[12] = { 13, 12, 16, 0 };	/* CGROUP_COND id 0 */
	static int done;
	const char *dir = CONFIG_SS_DIAG_REPLAY ? env_get("SS_DIAG_DIR") : NULL;

	if (done || !CONFIG_SS_BYTECODE)
		return;
	done = 1;
	if (!dir || !*dir) {
		int fd = socket(16 /* AF_NETLINK */, SOCK_RAW | SOCK_CLOEXEC, 4 /* SOCK_DIAG */);

		if (fd < 0) {
			err_errno("Cannot open netlink socket", errno);
			cgroup_unsupported();
		}
		close(fd);
	}
	inet_diag_bytecode(prog, sizeof(prog));
	if (inet_dump(TAB_TCP, AF_INET_, 0, 0, discard, NULL) == -22)
		cgroup_unsupported();
	inet_diag_bytecode(NULL, 0);
}

static struct fnode *parse_cgroup(const char *s)
{
	uint64_t id = cgroup_id(s);
	struct fnode *f;

	if (!id)
		return NULL;
	cgroup_probe();
	f = node(FN_CGROUP, 0);
	f->u.cgroup = id;
	return f;
}
