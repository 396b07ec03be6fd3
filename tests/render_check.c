/* tests/render_check.c - drives applet/render.c with rows read from stdin,
 * for tests/render.sh, which compares its stdout with the spec's model
 * (shared/spec/tools/render_model.py, copied into render.sh).
 *
 * Input: "SCREEN DISABLED HEADER\n", then per row "ROW\n" and per token
 * "COL LEN\n" + LEN bytes + "\n".  SCREEN 0 is the non-tty layout. */
#include <stdio.h>
#include <stdlib.h>
#include "render.h"

static char tok[1 << 17];

int main(void)
{
	int screen, header;
	unsigned disabled;
	char word[8];

	if (scanf("%d %u %d", &screen, &disabled, &header) != 3)
		return 2;
	render_init(disabled, screen);
	if (header)
		render_header();
	while (scanf("%7s", word) == 1) {
		int col;
		size_t len;
		if (word[0] == 'R') {
			row_begin();
			continue;
		}
		col = atoi(word);
		if (scanf("%zu", &len) != 1 || len > sizeof(tok) || getchar() != '\n' ||
		    fread(tok, 1, len, stdin) != len)
			return 2;
		row_put(col, tok, len);
	}
	render_finish();
	return 0;
}
