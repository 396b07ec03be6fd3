#include <stdint.h>
#include "config.h"
#include "render.h"
#include "out.h"
#include "fmt.h"

/* Our token store: a length byte (0xff: two more length bytes follow) and
 * the text.  Never larger than 6.1's chunks for the same tokens, so one
 * batch always fits. */
#define ARENA_SIZE (8u << 20)
#define CHUNK_CAP (1048576u - 16u)	/* 6.1: 1 MiB chunks, 16-byte header */
#define BATCH_CHUNKS 5u
#define TOKEN_MAX 65535u

enum row_state { RS_FRESH, RS_AFTER_HEADER, RS_AFTER_ROW };

static const char delim_len[COL_MAX] = { 0, 1, 1, 1, 1, 0, 1, 0, 0, 0 };
static const char min_len[COL_MAX] = { 0, 0, 6, 6 };	/* "%-6d" queues */
#define RIGHT_COLS ((1u << COL_LADDR) | (1u << COL_RADDR))

/* Untouched pages cost nothing: a batch of 6.1 "-tan" rows uses ~3.5 MiB. */
static char arena_[ARENA_SIZE];

static struct {
	size_t used;
	unsigned enabled;	/* columns 0-8 that print */
	int screen;
	enum row_state state;
	unsigned max_len[COL_MAX];	/* over the whole run, as in 6.1 */
	unsigned pending8;	/* last row's column 8: measured when the next row starts */
	unsigned chunks;	/* 6.1's chunk accounting */
	size_t cused;
} R;

static void model_write(size_t n)
{
	if (n < CHUNK_CAP - R.cused) {
		R.cused += n;
	} else {
		R.chunks++;
		R.cused = 2 + n;
	}
}

static void model_close(size_t len)
{
	size_t pad = len & 1;

	if (CHUNK_CAP - R.cused < pad + 2) {
		R.chunks++;
		R.cused = 2;
	} else {
		R.cused += pad + 2;
	}
}

static void measure(int col, unsigned len)
{
	if (len > R.max_len[col])
		R.max_len[col] = len;
}

void render_init(unsigned disabled, int screen)
{
	R.enabled = ((1u << COL_EXT) - 1) & ~disabled;
	R.screen = CONFIG_SS_TTY_LAYOUT ? screen : 0;
	R.chunks = 1;
	R.cused = 2;
}

static void store(const char *s, size_t n)
{
	char *p = arena_ + R.used;

	if (n < 255) {
		*p++ = (char)n;
	} else {
		*p++ = (char)0xff;
		*p++ = (char)(n >> 8);
		*p++ = (char)n;
	}
	if (s && n <= 16) {	/* most tokens: a call to memcpy costs more */
		for (size_t i = 0; i < n; i++)
			p[i] = s[i];
	} else if (s) {
		memcpy(p, s, n);
	}
	R.used = (size_t)(p + n - arena_);
}

/* Accounts a token of n bytes just stored (spec §2.4). */
static void account(int col, size_t n)
{
	unsigned len = (unsigned)n < (unsigned)min_len[col] ? (unsigned)min_len[col] : (unsigned)n;

	if (CONFIG_SS_UNIX && (col != COL_PROC || R.state == RS_FRESH) &&
	    CHUNK_CAP - R.cused > len + 3) {
		/* model_write() and model_close() in one step, neither at a
		 * chunk's end: the hot path of 100 000-row dumps (issue 7) */
		R.cused += len + (len & 1) + 2;
		measure(col, len);
		return;
	}
	model_write(len);
	if (col == COL_PROC && R.state != RS_FRESH) {	/* closed by the next row */
		R.pending8 = len;
		return;
	}
	model_close(len);
	measure(col, len);
}

void row_put(int col, const char *s, size_t n)
{
	if (!(R.enabled & (1u << col)))
		return;
	if (n > TOKEN_MAX)
		n = TOKEN_MAX;
	store(s, n);
	account(col, n);
}

/* The unix rows' speed path (issue 7: -xa lists 100 000 sockets); tiny
 * builds without unix keep the plain copy through a stack buffer. */
void row_num(int col, int64_t v)
{
	char *p = arena_ + R.used;
	size_t n;

	if (!CONFIG_SS_UNIX) {
		char b[24];
		row_put(col, b, fmt_i64(b, v));
		return;
	}
	if (!(R.enabled & (1u << col)))
		return;
	n = fmt_i64(p + 1, v);	/* at most 20 bytes: no long length form */
	*p = (char)n;
	R.used += n + 1;
	account(col, n);
}

char *row_token(int col, size_t n)
{
	static char scratch[1024];

	if (!(R.enabled & (1u << col)))
		return scratch;	/* n <= 1024: a disabled column's token goes nowhere */
	store(NULL, n);
	account(col, n);
	return arena_ + R.used - n;
}

char *row_open(void)
{
	/* row_begin() left room for 10 tokens of TOKEN_MAX + 5: columns 0-7,
	 * then this one with ROW_OPEN_SLACK more */
	_Static_assert(2 * 65540u >= 3 + 65536 + ROW_OPEN_SLACK, "column 8 fits");
	return arena_ + R.used + 3;
}

void row_close(size_t n)
{
	unsigned char *p = (unsigned char *)arena_ + R.used;

	if (!(R.enabled & (1u << COL_PROC)))
		return;
	if (n > TOKEN_MAX)
		n = TOKEN_MAX;
	p[0] = 0xff;	/* the long length form, whatever n: written after the text */
	p[1] = (unsigned char)(n >> 8);
	p[2] = (unsigned char)n;
	R.used += 3 + n;
	account(COL_PROC, n);
}

static void compute_widths(unsigned w[COL_MAX])
{
	int first = 1;

	for (int c = 0; c < COL_MAX; c++) {
		w[c] = 0;
		if (!(R.enabled & (1u << c)))
			continue;
		w[c] = R.max_len[c] + (!first && R.max_len[c] ? (unsigned)delim_len[c] : 0);
		if (R.screen && w[c] > (unsigned)R.screen)
			w[c] = (unsigned)R.screen;
		if (w[c])
			first = 0;
	}
}

/* tty mode: split columns into screen lines and spread the spare space,
 * the rightmost columns of a line getting the remainder. */
static void spread(unsigned w[COL_MAX], unsigned screen)
{
	unsigned line_len = 0, line_cols = 0;
	int line_end = -1;

	for (int c = 0; c < COL_MAX; c++) {
		int last = 1;

		if (!w[c])
			continue;
		line_cols++;
		line_len += w[c];
		for (int k = c + 1; k < COL_MAX; k++)
			if (w[k])
				last = 0;
		if (!last && line_len < screen)
			continue;
		if (line_len == screen) {
			line_end = c;
			line_len = line_cols = 0;
			continue;
		}
		if (line_len > screen) {
			line_len -= w[c];
			line_cols--;
			c--;
		}
		if (line_cols) {
			unsigned pad = screen - line_len;
			unsigned each = pad / line_cols, extra = pad % line_cols;
			for (int k = c; k > line_end; k--) {
				if (!w[k])
					continue;
				w[k] += each;
				if (extra) {
					w[k]++;
					extra--;
				}
			}
		}
		line_end = c;
		line_len = line_cols = 0;
	}
}

/* Short copies and pads in 8-byte words: musl's memcpy/memset calls cost
 * more than the bytes of a typical token.  Both may write up to 7 bytes past
 * n (the caller's room has slack) and the copy may read up to 7 past the
 * token (still inside the arena). */
#define SLACK 32

static char *copy_words(char *o, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i += 8)
		memcpy(o + i, p + i, 8);
	return o + n;
}

static char *spaces(char *o, size_t n)
{
	const uint64_t sp = 0x2020202020202020ull;

	for (size_t i = 0; i < n; i += 8)
		memcpy(o + i, &sp, 8);
	return o + n;
}

/* One token with its delimiter and padding (spec §2.3), written at o; the
 * caller has made room for delimiter, width, text and SLACK. */
static char *emit_token(char *o, const unsigned char *p, size_t n, int col, int first,
			unsigned w)
{
	size_t len = n < (size_t)min_len[col] ? (size_t)min_len[col] : n, printed = 0;

	if (!first) {
		printed = (size_t)delim_len[col];
		if (printed)
			*o++ = ' ';
	}
	if ((RIGHT_COLS & (1u << col)) && w > len + printed) {
		o = spaces(o, w - len - printed);
		printed = w - len;
	}
	o = copy_words(o, p, n);
	printed += len;
	if (!(RIGHT_COLS & (1u << col)) && w > printed)
		len += w - printed;
	return spaces(o, len - n);
}

static void render_batch(void)
{
	unsigned w[COL_MAX];
	const unsigned char *p = (const unsigned char *)arena_;
	const unsigned char *end = p + R.used;

	compute_widths(w);
	if (CONFIG_SS_TTY_LAYOUT && R.screen)
		spread(w, (unsigned)R.screen);
	while (p < end) {
		int first = 1;
		for (int c = 0; c < COL_EXT && p < end; c++) {
			size_t n = *p++, need;
			if (!(R.enabled & (1u << c))) {
				p--;
				continue;
			}
			if (n == 255) {
				n = (size_t)p[0] << 8 | p[1];
				p += 2;
			}
			/* room for this token with its delimiter and padding: at
			 * most max(width, text + 7) + 9 bytes, which OUT_BUF holds
			 * for any width and text up to 65 535 (out.h) */
			need = (n > w[c] ? n : w[c]) + SLACK;
			if (need > OUT_BUF - out_.len)
				out_flush();
			char *o = out_.buf + out_.len;
			o = emit_token(o, p, n, c, first, w[c]);
			out_.len = (size_t)(o - out_.buf);
			p += n;
			first = 0;
		}
		*out_room(1) = '\n';
		out_.len++;
	}
	R.used = 0;
}

void render_header(void)
{
	static const char *const text[COL_EXT] = {
		"Netid", "State", "Recv-Q", "Send-Q", "Local Address:", "Port",
		"Peer Address:", "Port", "Process"
	};

	for (int c = 0; c < COL_EXT; c++)
		row_put(c, text[c], strlen(text[c]));
	R.state = RS_AFTER_HEADER;
}

void row_begin(void)
{
	if (R.state == RS_AFTER_ROW) {
		model_close(R.pending8);
		measure(COL_PROC, R.pending8);
	}
	if (R.state != RS_FRESH) {
		/* 6.1 checks here, with the empty column-9 token still open */
		if (R.chunks >= BATCH_CHUNKS || R.used > ARENA_SIZE - 10 * 65540u - SLACK) {
			render_batch();
			R.chunks = 1;
			R.cused = 2;
		} else {
			model_close(0);
		}
	}
	R.state = RS_AFTER_ROW;
}

void render_finish(void)
{
	render_batch();	/* the last row's column 8 stays unmeasured, as in 6.1 */
	out_flush();
}
