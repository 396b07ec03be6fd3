/* -r: reverse DNS through the libc resolver, one lookup per address. */
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include "config.h"
#include "names.h"

#define CACHE 64

struct hit {
	uint8_t family;
	uint8_t addr[16];
	char name[NI_MAXHOST];
};

size_t host_name(char *dst, size_t n, int family, const uint8_t *addr)
{
	static struct hit cache[CACHE];
	static unsigned next;
	size_t alen = family == AF_INET ? 4 : 16;
	struct hit *h = NULL;

	if (!CONFIG_SS_RESOLVE)
		return 0;
	for (unsigned i = 0; i < CACHE && i < next; i++)
		if (cache[i].family == family && !memcmp(cache[i].addr, addr, alen))
			h = &cache[i];
	if (!h) {
		union {
			struct sockaddr_in v4;
			struct sockaddr_in6 v6;
		} sa;
		socklen_t sl;
		h = &cache[next++ % CACHE];
		h->family = (uint8_t)family;
		memcpy(h->addr, addr, alen);
		memset(&sa, 0, sizeof(sa));
		if (family == AF_INET) {
			sa.v4.sin_family = AF_INET;
			memcpy(&sa.v4.sin_addr, addr, 4);
			sl = sizeof(sa.v4);
		} else {
			sa.v6.sin6_family = AF_INET6;
			memcpy(&sa.v6.sin6_addr, addr, 16);
			sl = sizeof(sa.v6);
		}
		if (getnameinfo((struct sockaddr *)&sa, sl, h->name, sizeof(h->name),
				NULL, 0, NI_NAMEREQD))
			h->name[0] = 0;
	}
	size_t l = strlen(h->name);
	if (l >= n)
		l = n - 1;
	memcpy(dst, h->name, l);
	return l;
}
