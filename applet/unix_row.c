/* Columns 0-7 of an AF_UNIX socket (spec §2.2, §2.7). */
#include <string.h>
#include "rows.h"
#include "render.h"
#include "tables.h"
#include "fmt.h"

/* 6.1 copies the name into a 128-byte buffer and prints it with %s: an
 * abstract name has every NUL shown as '@', a path ends at its first NUL.
 * Other bytes (blanks, newlines, escapes, invalid UTF-8) go out as they are,
 * as in 6.1 (spec §2.7).  A name read from /proc/net/unix is not cut: 6.1
 * sscanf()s it whole (up to the 255 bytes of its fgets piece; the kernel
 * never writes more than 108). */
#define UNIX_NAME_MAX 127
#define UNIX_PROC_NAME_MAX 255

void unix_row(const struct sock_rec *r, unsigned flags)
{
	const struct rec_unix *u = &r->u.un;
	const char *s = table_info[r->table].netid;
	char *t;
	size_t n = 1, len, max = r->origin == REC_PROC ? UNIX_PROC_NAME_MAX : UNIX_NAME_MAX;

	(void)flags;
	row_head(s, strlen(s), r->state, r->rq, r->wq);
	if (u->name) {
		len = u->name_len < max ? u->name_len : max;
		if (len && u->name[0] == 0) {
			/* abstract: copied once, the NULs made '@' in place */
			t = row_token(COL_LADDR, len + 1);
			for (size_t i = 0; i < len; i++)
				t[i] = u->name[i] ? u->name[i] : '@';
			t[len] = ' ';
		} else {
			const char *z = memchr(u->name, 0, len);
			n = z ? (size_t)(z - u->name) : len;
			t = row_token(COL_LADDR, n + 1);
			memcpy(t, u->name, n);
			t[n] = ' ';
		}
	} else {
		row_put(COL_LADDR, "* ", 2);
	}
	row_num(COL_LPORT, (int32_t)r->inode);
	if (u->peer_name) {
		n = strlen(u->peer_name);
		n = n < UNIX_NAME_MAX ? n : UNIX_NAME_MAX;
		t = row_token(COL_RADDR, n + 1);
		memcpy(t, u->peer_name, n);
		t[n] = ' ';
	} else {
		row_put(COL_RADDR, "* ", 2);
	}
	row_num(COL_RPORT, (int32_t)u->peer);
}
