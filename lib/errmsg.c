#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include "config.h"
#include "errmsg.h"

/* One writev: a message of any length arrives whole and in one piece. */
void err5(const char *a, const char *b, const char *c, const char *d, const char *e)
{
	const char *v[5] = { a, b, c, d, e };
	struct iovec iov[6];
	int n = 0;

	for (; n < 5 && v[n]; n++)
		iov[n] = (struct iovec){ (void *)v[n], strlen(v[n]) };
	iov[n++] = (struct iovec){ "\n", 1 };
	if (writev(2, iov, n) < 0)
		return;
}

void err_raw(const char *s)
{
	if (CONFIG_SS_ERRTEXT && write(2, s, strlen(s)) < 0)
		return;
}

/* glibc's texts where musl has none: "Success", "Unknown error N". */
void err_errno(const char *what, int e)
{
	char num[16], *p = num + sizeof(num);
	unsigned v = e < 0 ? 0u - (unsigned)e : (unsigned)e;
	const char *s;

	if (!CONFIG_SS_ERRTEXT)
		return;
	s = e ? strerror(e) : "Success";
	if (strcmp(s, "No error information")) {
		errs(what, ": ", s);
		return;
	}
	*--p = 0;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	if (e < 0)
		*--p = '-';
	errs(what, ": Unknown error ", p);
}
