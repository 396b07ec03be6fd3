/* Names and numbers inside filter operands (spec §6.3), each read the way
 * iproute2 6.1 reads it (strtol/strtoul base 0, sscanf %i, getservbyname,
 * if_nametoindex, ll_proto_a2n, nl_proto_a2n, get_prefix_1...). */
#ifndef SS_FILTER_NAMES_H
#define SS_FILTER_NAMES_H
#include <stdint.h>
#include "filter.h"

#define FILTER_MAX_ADDRS 64	/* addresses kept per resolved host name */

/* get_integer(): the whole string a base-0 long within int range; 0 ok. */
int num_int(const char *s, long *v);
/* get_u32(): the whole string a base-0 unsigned within 32 bits; 0 ok. */
int num_u32(const char *s, uint32_t *v);
/* strtoul(s, &end, 0) that must consume s whole, without overflow; 0 ok. */
int num_ul(const char *s, uint64_t *v);
/* sscanf("%i"): leading blanks, sign, base prefix; low 32 bits kept in *v,
 * *rest after the digits.  0 ok, -1 when there are no digits. */
int scan_i(const char *s, uint32_t *v, const char **rest);

/* Port of an /etc/services name or alias for "udp" (udp != 0) or "tcp",
 * first entry in file order; -1 when there is none. */
int service_port(const char *name, int udp);
/* Interface index of a name (or "ifN"); 0 if there is none. */
long dev_index(const char *name);
/* Ethertype of a name (case-insensitive, spec §2.9) or number; -1 if none. */
int ethertype_number(const char *name);
/* Netlink protocol of a name (spec §2.8) or number; -1 if none. */
int netlink_proto_number(const char *name);

/* A numeric inet prefix (get_prefix_1 for AF_UNSPEC/AF_INET/AF_INET6 fam):
 * 1 with a[0] filled, -1 if addr is not one. */
int inet_prefix(char *addr, int fam, struct fn_addr *a);
/* Addresses of a host name (gethostbyname2, v4 then v6 for AF_UNSPEC):
 * their count (at most max), 0 when none, -1 after printing why not. */
int host_addrs(const char *name, int fam, struct fn_addr *a, int max);

/* cgroup2 id of a path under the cgroup2 mount; 0 after printing why not. */
uint64_t cgroup_id(const char *path);

/* fnmatch(pat, s, FNM_CASEFOLD) of glibc in the C locale: 1 on a match. */
int glob_match(const char *pat, const char *s);

/* strerror(errno) as glibc words it. */
const char *filter_strerror(void);

#endif
