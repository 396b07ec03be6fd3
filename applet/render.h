/* The column renderer of iproute2 6.1 (spec §2.1-2.4): rows of tokens are
 * buffered, measured and printed in batches whose boundaries reproduce
 * 6.1's 5 x 1 MiB chunk accounting, so large outputs align the same way. */
#ifndef SS_RENDER_H
#define SS_RENDER_H
#include <stddef.h>
#include <stdint.h>

enum col {
	COL_NETID, COL_STATE, COL_RECVQ, COL_SENDQ, COL_LADDR, COL_LPORT,
	COL_RADDR, COL_RPORT, COL_PROC, COL_EXT, COL_MAX
};

/* disabled: bit per column that has no header and no tokens.
 * screen: terminal width, or 0 for the compact non-tty layout. */
void render_init(unsigned disabled, int screen);
void render_header(void);
/* A row is row_begin() then row_put() for columns in increasing order;
 * tokens of disabled columns are dropped. */
void row_begin(void);
void row_put(int col, const char *s, size_t n);
/* The same for a decimal number: formatted straight into the token store. */
void row_num(int col, int64_t v);
/* The same for a token of n (<= 1024) bytes the caller writes at the place
 * returned, straight into the token store: no copy on the way. */
char *row_token(int col, size_t n);
/* Column 8 (COL_PROC) written in place, with no copy: row_open() returns
 * where its text goes, with room for 65536 + ROW_OPEN_SLACK bytes (the
 * slack is scratch); row_close(n) keeps the first n (cut at 65535). */
#define ROW_OPEN_SLACK 4096
char *row_open(void);
void row_close(size_t n);
/* Renders what is buffered and flushes stdout. */
void render_finish(void);

#endif
