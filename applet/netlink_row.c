/* Columns 0-7 of an AF_NETLINK socket (spec §2.2, §2.8): the protocol name
 * (built in, or /etc/iproute2/nl_protos read as 6.1 reads it) and the
 * owner's "comm/pid" from /proc/<pid>/stat. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "rows.h"
#include "render.h"
#include "tables.h"
#include "env.h"
#include "errmsg.h"
#include "scan.h"
#include "fmt.h"

#define NL_PROTOS "/etc/iproute2/nl_protos"

static const char nl_builtin[] =
	"rtnl\0unused\0usersock\0fw\0tcpdiag\0nflog\0xfrm\0selinux\0iscsi\0audit\0"
	"fiblookup\0connector\0nft\0ip6fw\0dec-rt\0uevent\0genl\0\0scsi-trans\0"
	"ecryptfs\0rdma\0crypto\0";

static struct {
	int loaded;
	const char *name[256];
	char pool[65536];	/* names read from the file */
	size_t used;
} P;

/* scanf's "%d" or "%x" into an int, then "%s", NUL-terminated in place. */
static char *scan_id_name(char *p, unsigned base, int *id)
{
	uint64_t v;
	const char *w, *e;

	p = (char *)scan_num(p, base, base == 10, &v);
	if (!p)
		return NULL;
	*id = (int)(uint32_t)v;
	e = scan_word(p, &w);
	if (e == w)
		return NULL;
	*(char *)e = 0;
	return (char *)w;
}

/* One line as 6.1 takes it: "0x%x %s" or "%d %s".  NULL when it is taken
 * or skipped, else where 6.1's "corrupted" message quotes it from. */
static const char *nl_protos_line(char *p)
{
	char *name;
	int id;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '#' || *p == '\n' || !*p)
		return NULL;
	name = p[0] == '0' && p[1] == 'x' ? scan_id_name(p + 2, 16, &id) : NULL;
	if (!name)
		name = scan_id_name(p, 10, &id);
	if (!name)
		return p;
	if (id < 0 || id >= 256)
		return NULL;
	size_t l = strlen(name) + 1;
	if (l <= sizeof(P.pool) - P.used) {
		memcpy(P.pool + P.used, name, l);
		P.name[id] = P.pool + P.used;
		P.used += l;
	}
	return NULL;
}

static void nl_protos_load(void)
{
	char buf[4096], line[512];
	size_t have = 0, ln = 0;
	int fd = open(NL_PROTOS, O_RDONLY | O_CLOEXEC), eof = 0;
	const char *s = nl_builtin;

	P.loaded = 1;
	for (int i = 0; i < 22; i++, s += strlen(s) + 1)
		P.name[i] = *s ? s : NULL;
	if (fd < 0)
		return;
	/* fgets(512) chunks: a line, or 511 bytes of a longer one */
	for (;;) {
		if (!have && !eof) {
			ssize_t n = read(fd, buf, sizeof(buf));
			if (n <= 0)
				eof = 1;
			else
				have = (size_t)n, s = buf;
		}
		if (have) {
			line[ln++] = *s++;
			have--;
			if (line[ln - 1] != '\n' && ln < sizeof(line) - 1)
				continue;
		} else if (!ln) {
			break;
		}
		line[ln] = 0;
		ln = 0;
		const char *bad = nl_protos_line(line);
		if (bad) {
			/* the file's own bytes, quoted as 6.1 quotes them (its
			 * newline kept), control bytes escaped */
			char e[4 * sizeof(line)];
			size_t l = strlen(bad), nl = l && bad[l - 1] == '\n';

			l = fmt_esc(e, bad, l - nl, sizeof(e) - 2);
			e[l] = '\n';
			e[l + nl] = 0;
			errs("Database " NL_PROTOS " is corrupted at ", e);
			break;
		}
	}
	close(fd);
}

/* "NAME:" or "N:" into b. */
static size_t proto_token(char *b, int32_t proto, unsigned flags)
{
	const char *name = NULL;
	size_t n;

	if (!(flags & F_NUMERIC) && proto >= 0 && proto < 256) {
		if (!P.loaded)
			nl_protos_load();
		name = P.name[proto];
	}
	if (name) {	/* 6.1 cuts at 500 bytes; ours escaped (fmt_esc()) */
		n = fmt_esc(b, name, strlen(name), 500);
	} else {
		n = fmt_i64(b, proto);
	}
	b[n++] = ':';
	return n;
}

/* "comm/pid" from $PROC_ROOT/<pid>/stat as 6.1's fscanf("%*d (%[^)])")
 * reads it (its 64-byte buffer bounds the path and the result); 0 if none. */
static size_t proc_comm(char *b, int pid)
{
	const char *root = env_get("PROC_ROOT");
	char path[64], st[128];
	size_t n = 0, l = strlen(root ? root : (root = "/proc"));
	ssize_t got;
	int fd;
	uint64_t v;
	const char *p, *e;

	if (l > sizeof(path) - 1)
		l = sizeof(path) - 1;
	memcpy(path, root, l);
	n = l;
	if (n < sizeof(path) - 1)
		path[n++] = '/';
	char num[16];
	size_t k = fmt_u64(num, (unsigned)pid);
	memcpy(num + k, "/stat", 6);
	for (size_t i = 0; num[i] && n < sizeof(path) - 1; i++)
		path[n++] = num[i];
	path[n] = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	got = read(fd, st, sizeof(st) - 1);
	close(fd);
	if (got <= 0)
		return 0;
	st[got] = 0;
	p = scan_num(st, 10, 1, &v);
	if (!p)
		return 0;
	while (scan_blank((unsigned char)*p))
		p++;
	if (*p++ != '(')
		return 0;
	for (e = p; *e && *e != ')'; e++)
		;
	if (e == p)
		return 0;
	n = fmt_esc(b, p, (size_t)(e - p), 63);	/* comm escaped */
	b[n++] = '/';
	n += fmt_u64(b + n, (unsigned)pid);
	return n < 64 ? n : 63;
}

void netlink_row(const struct sock_rec *r, unsigned flags)
{
	const struct rec_netlink *nl = &r->u.nl;
	const char *s = table_info[r->table].netid;
	char b[520];
	size_t n = 0;

	row_head(s, strlen(s), r->state, r->rq, r->wq);
	row_put(COL_LADDR, b, proto_token(b, nl->protocol, flags));
	if (nl->portid == -1) {
		b[n++] = '*';
	} else if (!(flags & F_NUMERIC) && nl->portid == 0) {
		memcpy(b, "kernel", 6);
		n = 6;
	} else if (!(flags & F_NUMERIC) && nl->portid > 0) {
		n = proc_comm(b, nl->portid);
	}
	if (!n)
		n = fmt_i64(b, nl->portid);
	row_put(COL_LPORT, b, n);
	if (nl->connected) {
		n = fmt_i64(b, (int32_t)nl->dst_group);
		b[n++] = ':';
		row_put(COL_RADDR, b, n);
		row_put(COL_RPORT, b, fmt_i64(b, (int32_t)nl->dst_portid));
	} else {
		row_put(COL_RADDR, "*", 1);
		row_put(COL_RPORT, b, 0);
	}
}
