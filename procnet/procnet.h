/* The /proc/net text fallback: the same socket records as netlink/. */
#ifndef SS_PROCNET_H
#define SS_PROCNET_H
#include <stddef.h>
#include <stdint.h>
#include "record.h"

/* The file to read for /proc/NAME (NAME like "net/tcp"): $ENV if set, else
 * $PROC_ROOT/NAME, else /proc/NAME.  Writes into buf (size n), returns it. */
const char *procnet_path(char *buf, size_t n, const char *env, const char *name);

/* Size of the path buffers given to procnet_path(). */
#define PROCNET_PATH 256

/* Whether $PROC_ROOT leaves room in a PROCNET_PATH buffer for the longest
 * /proc name we read; 6.1 silently cut it at 126 bytes and opened another
 * file. */
int procnet_root_ok(void);

/* Whether $ENV or $PROC_ROOT is set, which means netlink is skipped. */
int procnet_forced(const char *env);

/* Reads one /proc/net/{tcp,udp,raw}{,6} text file of family (AF_INET for
 * tcp, AF_INET6 for tcp6: a line of the other size is garbled), calling cb for every
 * socket whose state is in states; with DET_PROC_OPT or DET_TCPINFO in want,
 * tcp records carry what the fields after sk give as their detail block.  0, or -1
 * when the file could not be opened or was cut short (iproute2 then skips
 * the table's IPv6 file too). */
int procnet_read_inet(const char *path, int table, int family, uint32_t states,
		      unsigned want, rec_cb cb, void *arg);

/* Each piece 6.1's fgets(buf, size) loop would see in the file, in order,
 * NUL-terminated (n bytes, a '\n' at the end unless cut or at EOF), to cb;
 * a non-zero return from cb stops the walk and is returned if negative.
 * -1 when the file cannot be opened. */
#define PROCNET_LINE_MAX 512
typedef int (*procnet_line_cb)(char *line, size_t n, void *arg);
int procnet_lines(const char *path, size_t size, procnet_line_cb cb, void *arg);

/* /proc/net/unix, packet and netlink as 6.1 reads them (spec §7.8): the
 * records of the tables and states of q, to cb.  0, or -1 when the file
 * cannot be read. */
int procnet_read_unix(const char *path, const struct sock_query *q, rec_cb cb, void *arg);
int procnet_read_packet(const char *path, const struct sock_query *q, rec_cb cb, void *arg);
int procnet_read_netlink(const char *path, const struct sock_query *q, rec_cb cb, void *arg);

#endif
