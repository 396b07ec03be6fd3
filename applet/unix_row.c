/* Columns 0-7 of an AF_UNIX socket (spec §2.2, §2.7). */
#include <string.h>
#include "rows.h"
#include "render.h"
#include "tables.h"
#include "fmt.h"

/* 6.1 copies the name into a 128-byte buffer and prints it with %s: an
 * abstract name has every NUL shown as '@', a path ends at its first NUL.
 * Blanks and bytes >= 0x80 go out as they are, as in 6.1; control bytes
 * (newline, ESC...) as \ooo, unlike 6.1 (spec §2.7, fmt_esc()).  A name
 * read from /proc/net/unix is not cut: 6.1 sscanf()s it whole (up to the
 * 255 bytes of its fgets piece; the kernel never writes more than 108). */
#define UNIX_NAME_MAX 127
#define UNIX_PROC_NAME_MAX 255
#define UNIX_TOKEN_MAX (4 * UNIX_PROC_NAME_MAX)

/* The name escaped straight into the column's token, with the blank after it. */
static void name_token(int col, const char *s, size_t n)
{
	size_t m = fmt_esc(NULL, s, n, UNIX_TOKEN_MAX);
	char *t = row_token(col, m + 1);

	fmt_esc(t, s, n, UNIX_TOKEN_MAX);
	t[m] = ' ';
}

void unix_row(const struct sock_rec *r, unsigned flags)
{
	const struct rec_unix *u = &r->u.un;
	const char *s = table_info[r->table].netid;
	size_t n, len, max = r->origin == REC_PROC ? UNIX_PROC_NAME_MAX : UNIX_NAME_MAX;

	(void)flags;
	row_head(s, strlen(s), r->state, r->rq, r->wq);
	if (u->name) {
		len = u->name_len < max ? u->name_len : max;
		n = len;
		if (len && u->name[0]) {	/* a path ends at its first NUL */
			const char *z = memchr(u->name, 0, len);
			n = z ? (size_t)(z - u->name) : len;
		}
		name_token(COL_LADDR, u->name, n);
	} else {
		row_put(COL_LADDR, "* ", 2);
	}
	row_num(COL_LPORT, (int32_t)r->inode);
	if (u->peer_name) {
		n = strlen(u->peer_name);
		name_token(COL_RADDR, u->peer_name, n < UNIX_NAME_MAX ? n : UNIX_NAME_MAX);
	} else {
		row_put(COL_RADDR, "* ", 2);
	}
	row_num(COL_RPORT, (int32_t)u->peer);
}
