/* Names and numbers inside filter operands, read as iproute2 6.1 and
 * glibc read them (spec §6.3).  Used only while the filter is parsed. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <unistd.h>
#include "config.h"
#include "filter_names.h"
#include "errmsg.h"
#include "fmt.h"


static int is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int digit(int c, int base)
{
	int d = c >= '0' && c <= '9' ? c - '0' :
		(c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10 : 99;

	return d < base ? d : -1;
}

/* The strto*() core, base 0: blanks, sign, "0x" or "0" prefix, digits.
 * Returns the end (s itself when there are no digits); the magnitude
 * saturates at UINT64_MAX with *ovf set. */
static const char *scan(const char *s, uint64_t *mag, int *neg, int *ovf)
{
	const char *p = s, *start;
	int base = 10, d;

	*mag = 0, *neg = 0, *ovf = 0;
	while (is_space(*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if (p[0] == '0' && (p[1] | 0x20) == 'x' && digit(p[2], 16) >= 0)
		base = 16, p += 2;
	else if (p[0] == '0')
		base = 8;
	start = p;
	for (; (d = digit(*p, base)) >= 0; p++) {
		if (*mag > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			*ovf = 1, *mag = UINT64_MAX;
		else
			*mag = *mag * (uint64_t)base + (uint64_t)d;
	}
	return p == start ? s : p;
}

int num_int(const char *s, long *v)
{
	uint64_t m;
	int neg, ovf;
	const char *e = scan(s, &m, &neg, &ovf);

	if (!*s || e == s || *e || ovf || m > (neg ? 0x80000000u : 0x7fffffffu))
		return -1;
	*v = neg ? -(long)m : (long)m;
	return 0;
}

int num_ul(const char *s, uint64_t *v)
{
	uint64_t m;
	int neg, ovf;
	const char *e = scan(s, &m, &neg, &ovf);

	if (e == s || *e || ovf)
		return -1;
	*v = neg ? -m : m;
	return 0;
}

int num_u32(const char *s, uint32_t *v)
{
	uint64_t u;

	if (!*s || num_ul(s, &u) || u > 0xffffffffu)
		return -1;
	*v = (uint32_t)u;
	return 0;
}

int scan_i(const char *s, uint32_t *v, const char **rest)
{
	uint64_t m;
	int neg, ovf;
	const char *e = scan(s, &m, &neg, &ovf);

	if (e == s)
		return -1;
	if (ovf || m > (neg ? 1ull << 63 : (1ull << 63) - 1))	/* strtol saturates */
		m = neg ? 1ull << 63 : (1ull << 63) - 1;
	*v = (uint32_t)(neg ? -m : m);
	*rest = e;
	return 0;
}

/* ---- small text files, line by line ---- */

typedef int (*line_fn)(char *line, void *ctx);

/* Calls fn for each line of path (at most 1023 bytes kept; longer lines
 * are cut); stops when fn returns non-zero and returns that, else 0. */
static int each_line(const char *path, line_fn fn, void *ctx)
{
	char buf[4096], line[1024];
	size_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
	ssize_t r;

	if (fd < 0)
		return 0;
	while (!rc && (r = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < r && !rc; i++) {
			if (buf[i] != '\n') {
				if (n < sizeof(line) - 1)
					line[n++] = buf[i];
				continue;
			}
			line[n] = 0;
			n = 0;
			rc = fn(line, ctx);
		}
	}
	if (!rc && n) {
		line[n] = 0;
		rc = fn(line, ctx);
	}
	close(fd);
	return rc;
}

/* Splits a line into blank-separated words up to a '#'; returns the count. */
static int words(char *line, char **w, int max)
{
	int n = 0;

	for (char *p = line; *p && *p != '#' && n < max;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			break;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '#')
			p++;
		if (*p == '#') {
			*p = 0;
			break;
		}
		if (*p)
			*p++ = 0;
	}
	return n;
}

struct serv_q {
	const char *name, *proto;
	int port;
};

static int serv_line(char *line, void *ctx)
{
	struct serv_q *q = ctx;
	char *w[64], *slash;
	int n = words(line, w, 64);
	long port;

	if (n < 2 || !(slash = strchr(w[1], '/')) || strcmp(slash + 1, q->proto))
		return 0;
	*slash = 0;
	if (num_int(w[1], &port) || port < 0 || port > 65535)
		return 0;
	for (int i = 0; i < n; i++) {
		if (i != 1 && !strcmp(w[i], q->name)) {
			q->port = (int)port;
			return 1;
		}
	}
	return 0;
}

int service_port(const char *name, int udp)
{
	struct serv_q q = { name, udp ? "udp" : "tcp", -1 };

	each_line("/etc/services", serv_line, &q);
	return q.port;
}

long dev_index(const char *name)
{
	struct {
		char name[16];
		int ifindex;
		char pad[20];
	} r;
	size_t len = strlen(name);
	int fd;
	long idx = 0;

	if (len && len < sizeof(r.name)) {
		memset(&r, 0, sizeof(r));
		memcpy(r.name, name, len);
		fd = socket(AF_INET_, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && ioctl(fd, 0x8933 /* SIOCGIFINDEX */, &r) == 0)
			idx = r.ifindex;
		if (fd >= 0)
			close(fd);
	}
	if (idx <= 0 && !strncmp(name, "if", 2)) {	/* sscanf("if%u") */
		const char *p = name + 2;
		uint32_t v = 0;
		int neg = 0;
		while (is_space(*p))
			p++;
		if (*p == '+' || *p == '-')
			neg = *p++ == '-';
		if (*p >= '0' && *p <= '9') {
			while (*p >= '0' && *p <= '9')
				v = v * 10 + (uint32_t)(*p++ - '0');
			idx = (uint32_t)(neg ? -v : v);
		}
	}
	return idx;
}

/* iproute2 6.1's ll_proto table (spec §2.9), first match wins. */
static const char eth_names[] =
	"loop\0pup\0pupat\0ip\0x25\0arp\0bpq\0ieeepup\0ieeepupat\0dec\0dna_dl\0"
	"dna_rc\0dna_rt\0lat\0diag\0cust\0sca\0rarp\0atalk\0aarp\0ipx\0ipv6\0"
	"ppp_disc\0ppp_ses\0atmmpoa\0atmfate\0802_3\0ax25\0all\0802_2\0snap\0"
	"ddcmp\0wan_ppp\0ppp_mp\0localtalk\0can\0ppptalk\0tr_802_2\0mobitex\0"
	"control\0irda\0econet\0tipc\0profinet\0aoe\0ethercat\0802.1Q\0802.1ad\0"
	"mpls_uc\0mpls_mc\0teb\0LLDP\0";
static const uint16_t eth_ids[] = {
	0x0060, 0x0200, 0x0201, 0x0800, 0x0805, 0x0806, 0x08ff, 0x0a00, 0x0a01,
	0x6000, 0x6001, 0x6002, 0x6003, 0x6004, 0x6005, 0x6006, 0x6007, 0x8035,
	0x809b, 0x80f3, 0x8137, 0x86dd, 0x8863, 0x8864, 0x884c, 0x8884, 0x0001,
	0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008, 0x0009, 0x000c,
	0x0010, 0x0011, 0x0015, 0x0016, 0x0017, 0x0018, 0x88ca, 0x8892, 0x88a2,
	0x88a4, 0x8100, 0x88a8, 0x8847, 0x8848, 0x6558, 0x88cc,
};

int ethertype_number(const char *name)
{
	const char *k = eth_names;
	uint64_t v;

	for (size_t i = 0; i < sizeof(eth_ids) / sizeof(eth_ids[0]); i++, k += strlen(k) + 1)
		if (!strcasecmp(k, name))
			return eth_ids[i];
	if (!*name || num_ul(name, &v) || v > 0xffff)
		return -1;
	return (int)v;
}

/* iproute2 6.1's netlink protocol names (spec §2.8), by number. */
static const char nl_names[] =
	"rtnl\0unused\0usersock\0fw\0tcpdiag\0nflog\0xfrm\0selinux\0iscsi\0audit\0"
	"fiblookup\0connector\0nft\0ip6fw\0dec-rt\0uevent\0genl\0\0scsi-trans\0"
	"ecryptfs\0rdma\0crypto\0";

int netlink_proto_number(const char *name)
{
	const char *k = nl_names;
	uint32_t v;

	for (int i = 0; i < 22; i++, k += strlen(k) + 1)
		if (*k && !strcmp(k, name))
			return i;
	if (num_u32(name, &v) || v > 0x7fffffff)
		return -1;
	return (int)v;
}

/* ---- inet prefixes and host names ---- */

/* get_addr_ipv4(): 1 to 4 dot-separated base-0 bytes, the rest zero. */
static int ipv4_partial(const char *s, uint8_t *ap)
{
	for (int i = 0; i < 4; i++) {
		uint64_t m;
		int neg, ovf;
		const char *e = scan(s, &m, &neg, &ovf);

		if (neg && m)
			m = UINT64_MAX;	/* strtoul("-1") wraps */
		if (e == s || m > 255)
			return -1;
		ap[i] = (uint8_t)m;
		if (!*e)
			return 0;
		if (i == 3 || *e != '.')
			return -1;
		s = e + 1;
	}
	return 0;
}

/* mask2bits(): 255.255.0.0 -> 16; -1 if not contiguous. */
static int mask_bits(const uint8_t *m)
{
	uint32_t mask = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3];
	uint32_t host = ~mask;
	int bits = 0;

	if (host & (host + 1))
		return -1;
	for (; mask; mask <<= 1)
		bits++;
	return bits;
}

/* get_addr_1() for inet families; any/all/default give bitlen 255 (-2). */
static int addr_1(const char *s, int fam, struct fn_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (!strcmp(s, "default") || !strcmp(s, "all") || !strcmp(s, "any")) {
		a->family = (uint8_t)fam;
		a->bitlen = 255;
		return 0;
	}
	if (strchr(s, ':')) {
		a->family = AF_INET6_;
		if ((fam != AF_UNSPEC_ && fam != AF_INET6_) || inet_pton(AF_INET6_, s, a->w) <= 0)
			return -1;
		return 0;
	}
	a->family = AF_INET_;
	if ((fam != AF_UNSPEC_ && fam != AF_INET_) || ipv4_partial(s, (uint8_t *)a->w))
		return -1;
	return 0;
}

int inet_prefix(char *addr, int fam, struct fn_addr *a)
{
	char *slash = strchr(addr, '/');
	int err, bits, any;
	uint64_t plen;

	if (slash)
		*slash = 0;
	err = addr_1(addr, fam, a);
	if (slash)
		*slash = '/';
	if (err)
		return -1;
	any = a->bitlen == 255;
	bits = a->family == AF_INET_ ? 32 : a->family == AF_INET6_ ? 128 : 0;
	if (slash) {
		struct fn_addr m;
		if (any)
			return -1;
		if (num_ul(slash + 1, &plen) || plen > 0xffffffffu) {	/* get_netmask() */
			int b;
			if (addr_1(slash + 1, AF_INET_, &m) || m.family != AF_INET_ ||
			    (b = mask_bits((uint8_t *)m.w)) < 0)
				return -1;
			plen = (uint64_t)b;
		}
		if (plen > (uint64_t)bits)
			return -1;
		bits = (int)plen;
	} else if (any) {
		bits = 0;
	}
	a->bitlen = (uint8_t)bits;
	return 1;
}

/* glibc's numeric shortcut for AF_INET names of digits and dots: inet_aton()
 * forms a, a.b, a.b.c, a.b.c.d (leading 0 octal).  1 when it applies. */
static int aton_digits(const char *s, struct fn_addr *a)
{
	uint32_t part[4], v;
	int n = 0;
	const char *p = s;

	if (*s < '0' || *s > '9' || s[strlen(s) - 1] == '.')
		return 0;
	for (; *p; p++)
		if ((*p < '0' || *p > '9') && *p != '.')
			return 0;
	for (p = s;;) {
		int base = *p == '0' ? 8 : 10;
		uint64_t val = 0;
		if (*p < '0' || *p > '9' || n == 4)
			return 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (*p - '0' >= base)
				return 0;
			val = val * (uint64_t)base + (uint64_t)(*p - '0');
			if (val > 0xffffffffu)
				return 0;
		}
		part[n++] = (uint32_t)val;
		if (!*p)
			break;
		p++;
	}
	v = part[n - 1];
	for (int i = 0; i < n - 1; i++) {
		if (part[i] > 255)
			return 0;
		v |= part[i] << (24 - 8 * i);
	}
	if (n > 1 && part[n - 1] > (0xffffffffu >> (8 * (n - 1))))
		return 0;
	memset(a, 0, sizeof(*a));
	a->family = AF_INET_;
	a->bitlen = 32;
	a->w[0] = htonl(v);
	return 1;
}

struct hosts_q {
	const char *name;
	int fam;
	struct fn_addr *a;
	int n, max;
};

/* /etc/hosts, every matching line ("multi on", Debian's host.conf). */
static int hosts_line(char *line, void *ctx)
{
	struct hosts_q *q = ctx;
	char *w[64];
	int n = words(line, w, 64);
	struct fn_addr a;

	if (n < 2 || q->n >= q->max)
		return 0;
	memset(&a, 0, sizeof(a));
	if (inet_pton(q->fam, w[0], a.w) <= 0)
		return 0;
	for (int i = 1; i < n; i++) {
		if (strcasecmp(w[i], q->name))
			continue;
		a.family = (uint8_t)q->fam;
		a.bitlen = q->fam == AF_INET_ ? 32 : 128;
		q->a[q->n++] = a;
		break;
	}
	return 0;
}

static int lookup(const char *name, int fam, struct fn_addr *a, int max)
{
	struct hosts_q q = { name, fam, a, 0, max };

	if (max <= 0)
		return 0;
	if (fam == AF_INET_ && aton_digits(name, a))
		return 1;
	if (!CONFIG_SS_RESOLVE)
		return -1;
	each_line("/etc/hosts", hosts_line, &q);
	return q.n;
}

int host_addrs(const char *name, int fam, struct fn_addr *a, int max)
{
	int n = 0, k;

	if (fam != AF_UNSPEC_ && fam != AF_INET_ && fam != AF_INET6_)
		return 0;
	k = lookup(name, fam == AF_UNSPEC_ ? AF_INET_ : fam, a, max);
	if (k > 0)
		n = k;
	if (fam == AF_UNSPEC_ && k >= 0) {
		k = lookup(name, AF_INET6_, a + n, max - n);
		if (k > 0)
			n += k;
	}
	if (k < 0 && !n) {
		errs("ss: host name \"", name, "\" in a filter: name lookup is not in this build");
		return -1;
	}
	return n;
}

/* ---- cgroup ---- */

struct mnt_q {
	char path[512];
};

/* /proc/mounts: "SOURCE TARGET TYPE ...", TARGET with octal escapes. */
static int mount_line(char *line, void *ctx)
{
	struct mnt_q *q = ctx;
	char *w[4], *s, *d;

	if (words(line, w, 4) < 3 || strcmp(w[2], "cgroup2"))
		return 0;
	for (s = w[1], d = q->path; *s && d < q->path + sizeof(q->path) - 1; d++) {
		if (s[0] == '\\' && digit(s[1], 8) >= 0 && digit(s[2], 8) >= 0 && digit(s[3], 8) >= 0) {
			*d = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 4;
		} else {
			*d = *s++;
		}
	}
	*d = 0;
	return 1;
}

/* As 6.1: the path itself (absolute, or relative to the working directory),
 * else relative to the cgroup2 mount. */
uint64_t cgroup_id(const char *path)
{
	struct mnt_q q;
	struct {
		unsigned int bytes;
		int type;
		uint64_t id;
	} fh;
	int mnt_id, rc, fd;

	fh.bytes = sizeof(fh.id);
	rc = name_to_handle_at(AT_FDCWD, path, (void *)&fh, &mnt_id, 0);
	if (rc && each_line("/proc/mounts", mount_line, &q)) {
		fd = open(q.path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			fh.bytes = sizeof(fh.id);
			rc = name_to_handle_at(fd, path, (void *)&fh, &mnt_id, 0);
			close(fd);
		}
	}
	if (rc) {
		errs("Failed to get cgroup2 ID: ", filter_strerror());
		return 0;
	}
	if (fh.bytes != sizeof(fh.id)) {
		errs("Invalid size of cgroup2 ID");
		return 0;
	}
	return fh.id;
}

/* glibc's words for the errors opening a filter file or a cgroup path can
 * meet; musl's strerror() table would cost 2 KB and words some differently. */
const char *filter_strerror(void)
{
	static const unsigned char nums[] = { 1, 2, 5, 12, 13, 20, 22, 24, 36, 40, 75, 95 };
	static const char texts[] =
		"Operation not permitted\0No such file or directory\0Input/output error\0"
		"Cannot allocate memory\0Permission denied\0Not a directory\0"
		"Invalid argument\0Too many open files\0File name too long\0"
		"Too many levels of symbolic links\0Value too large for defined data type\0"
		"Operation not supported\0";
	static char unknown[40] = "Unknown error ";
	const char *t = texts;

	for (size_t i = 0; i < sizeof(nums); i++, t += strlen(t) + 1)
		if (nums[i] == errno)
			return t;
	unknown[14 + fmt_i64(unknown + 14, errno)] = 0;
	return unknown;
}
