#include <string.h>
#include "procnet.h"
#include "env.h"

static size_t put(char *buf, size_t at, size_t n, const char *s)
{
	size_t l = strlen(s);

	if (at + l >= n)
		l = at < n ? n - 1 - at : 0;
	memcpy(buf + at, s, l);
	return at + l;
}

const char *procnet_path(char *buf, size_t n, const char *env, const char *name)
{
	const char *p = env ? env_get(env) : NULL;
	size_t at = 0;

	if (p)
		return p;
	p = env_get("PROC_ROOT");
	at = put(buf, at, n, p ? p : "/proc");
	at = put(buf, at, n, "/");
	at = put(buf, at, n, name);
	buf[at] = 0;
	return buf;
}

int procnet_forced(const char *env)
{
	return env_get("PROC_ROOT") || (env && env_get(env));
}

int procnet_root_ok(void)
{
	const char *p = env_get("PROC_ROOT");

	return !p || strlen(p) < PROCNET_PATH - sizeof("/sys/net/ipv4/ip_local_port_range");
}
