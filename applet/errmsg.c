#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include "errmsg.h"

void errs(const char *s, ...)
{
	char buf[512];
	size_t n = 0;
	va_list ap;

	va_start(ap, s);
	for (; s; s = va_arg(ap, const char *)) {
		size_t l = strlen(s);
		if (l > sizeof(buf) - 1 - n)
			l = sizeof(buf) - 1 - n;
		memcpy(buf + n, s, l);
		n += l;
	}
	va_end(ap);
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		return;
}
