#include <string.h>
#include <unistd.h>
#include "errmsg.h"

void err5(const char *a, const char *b, const char *c, const char *d, const char *e)
{
	const char *v[5] = { a, b, c, d, e };
	char buf[512];
	size_t n = 0;

	for (int i = 0; i < 5 && v[i]; i++) {
		size_t l = strlen(v[i]);
		if (l > sizeof(buf) - 1 - n)
			l = sizeof(buf) - 1 - n;
		memcpy(buf + n, v[i], l);
		n += l;
	}
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		return;
}
