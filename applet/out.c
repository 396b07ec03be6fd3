#include <errno.h>
#include <unistd.h>
#include "out.h"
#include "errmsg.h"

struct outbuf out_;

/* A reader that went away (ss | head) is a normal end, as with iproute2. */
void out_flush(void)
{
	const char *p = out_.buf;
	size_t n = out_.len;

	while (n) {
		ssize_t w = write(1, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {	/* 0 for n > 0 would never end */
			if (w < 0 && errno == EPIPE)
				_exit(0);
			errs("ss: write error on standard output");
			_exit(1);
		}
		p += w;
		n -= (size_t)w;
	}
	out_.len = 0;
}
