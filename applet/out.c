#include <errno.h>
#include <unistd.h>
#include "out.h"
#include "errmsg.h"

struct outbuf out_;

/* A reader that went away (ss | head) is a normal end, as with iproute2. */
void out_write(const char *p, size_t n)
{
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
}

void out_flush(void)
{
	out_write(out_.buf, out_.len);
	out_.len = 0;
}
