/* One sock_diag dump: send a request, walk every reply message. */
#ifndef SS_NLDUMP_H
#define SS_NLDUMP_H
#include <stddef.h>
#include "nlproto.h"

/* Called for each reply message that is neither DONE nor ERROR;
 * a negative return aborts the dump with that value. */
typedef int (*nl_msg_cb)(const struct nl_hdr *h, void *arg);

/* req starts with a struct nl_hdr; its len, seq and flags are filled here.
 * Returns 0 when the dump ended with DONE, NL_DUMP_INTR when it did but the
 * kernel flagged it interrupted (NLM_F_DUMP_INTR: the caller says "Dump was
 * interrupted and may be inconsistent."), a negative errno otherwise.
 * Reentrant: cb may call nl_dump() again. */
#define NL_DUMP_INTR 1
int nl_dump(void *req, size_t len, nl_msg_cb cb, void *arg);

/* When >= 0, every datagram nl_dump() receives is also written here (-D). */
extern int nl_tee_fd;

/* Replays a recorded dump (ss -D output, $TCPDIAG_FILE) up to its first DONE. */
int nl_replay(const char *path, nl_msg_cb cb, void *arg);

/* The attributes after a fixed header of hlen bytes: tb[type] points at
 * the payload of the first attribute of each type <= max, tl[type] is its
 * length; absent ones are NULL / 0.  Malformed tails are ignored. */
void nl_attrs(const struct nl_hdr *h, size_t hlen, const void *tb[], uint16_t tl[], int max);
/* The same over the len bytes at p (a nested attribute's payload). */
void nl_attr_parse(const void *p, long len, const void *tb[], uint16_t tl[], int max);
/* The same with NLA_F_NESTED (0x8000) cleared from each type, as
 * iproute2's parse_rtattr_nested() reads a nest. */
void nl_attr_parse_nested(const void *p, long len, const void *tb[], uint16_t tl[], int max);

#endif
