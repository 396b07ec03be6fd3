/* Interface index to name with one ioctl, cached: if_indextoname() is the
 * same thing without the cache.  The kernel's dev_valid_name() refuses
 * blanks, '/' and ':' but lets ESC and other control bytes through: they are
 * escaped (fmt_esc()) in every build. */
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "names.h"
#include "config.h"
#include "fmt.h"

#define SIOCGIFNAME_ 0x8910

struct ifreq_ {
	char name[16];
	int ifindex;
	char pad[20];
};
_Static_assert(sizeof(struct ifreq_) == 40, "struct ifreq");

size_t if_name(char *dst, unsigned ifindex)
{
	static unsigned last;
	static char name[IF_NAME_MAX + 1];
	struct ifreq_ r;

	if (ifindex != last) {
		int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		memset(&r, 0, sizeof(r));
		r.ifindex = (int)ifindex;
		if (fd >= 0 && ioctl(fd, SIOCGIFNAME_, &r) == 0) {
			name[fmt_esc(name, r.name, strnlen(r.name, 16), IF_NAME_MAX)] = 0;
		} else {
			memcpy(name, "if", 2);
			name[2 + fmt_u64(name + 2, ifindex)] = 0;
		}
		if (fd >= 0)
			close(fd);
		last = ifindex;
	}
	size_t n = strlen(name);
	memcpy(dst, name, n);
	return n;
}
