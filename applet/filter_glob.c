/* fnmatch(pattern, name, FNM_CASEFOLD) as glibc does it in the C locale,
 * for unix socket names (spec §6.3).  musl's fnmatch() folds case through
 * its wide-character tables: 12 KB we do not need for bytes. */
#include <string.h>
#include "filter_names.h"

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int in_class(const char *name, size_t len, int c)
{
	static const char names[] =
		"alnum\0alpha\0blank\0cntrl\0digit\0graph\0lower\0print\0punct\0space\0upper\0xdigit\0";
	int k = 0, d = c >= '0' && c <= '9', up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';

	for (const char *p = names; *p; p += strlen(p) + 1, k++) {
		if (strlen(p) != len || memcmp(p, name, len))
			continue;
		switch (k) {
		case 0: return d || up || lo;
		case 1: return up || lo;
		case 2: return c == ' ' || c == '\t';
		case 3: return c < 32 || c == 127;
		case 4: return d;
		case 5: return c > 32 && c < 127;
		case 6: return lo;
		case 7: return c >= 32 && c < 127;
		case 8: return c > 32 && c < 127 && !d && !up && !lo;
		case 9: return c == ' ' || (c >= '\t' && c <= '\r');
		case 10: return up;
		default: return d || ((c | 32) >= 'a' && (c | 32) <= 'f');
		}
	}
	return -1;	/* unknown class: the bracket is invalid */
}

/* One bracket expression at p (after '['), against byte c.  Returns the
 * pattern after the closing ']', or NULL when the bracket is not closed
 * (then '[' is an ordinary character); *hit says whether c matched. */
static const char *bracket(const char *p, int c, int *hit)
{
	int neg = *p == '!' || *p == '^', first = 1;
	int fc = fold(c);

	*hit = 0;
	if (neg)
		p++;
	for (;; first = 0) {
		int lo, hi;

		if (!*p)
			return NULL;
		if (*p == ']' && !first)
			break;
		if (p[0] == '[' && p[1] == ':') {
			const char *end = p + 2;
			int r;
			while (*end && !(end[0] == ':' && end[1] == ']'))
				end++;
			if (!*end)
				end = NULL;
			if (!end || (r = in_class(p + 2, (size_t)(end - p - 2), c)) < 0)
				return NULL;
			*hit |= r;
			p = end + 2;
			continue;
		}
		if (p[0] == '[' && (p[1] == '.' || p[1] == '=') && p[2] && p[3] == p[1] && p[4] == ']') {
			lo = (unsigned char)p[2];	/* [.c.] [=c=]: one byte */
			p += 5;
		} else {
			if (*p == '\\' && p[1])
				p++;
			lo = (unsigned char)*p++;
		}
		hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '\\' && p[1])
				p++;
			hi = (unsigned char)*p++;
		}
		if ((fc >= fold(lo) && fc <= fold(hi)) || (c >= lo && c <= hi))
			*hit = 1;
	}
	if (neg)
		*hit = !*hit;
	return p + 1;
}

/* The usual backtracking to the last '*': every other element matches
 * exactly one byte, so that is enough. */
int glob_match(const char *pat, const char *s)
{
	const char *star = NULL, *mark = NULL;

	for (;;) {
		int c = (unsigned char)*s, hit;
		const char *next;

		if (*pat == '*') {
			while (*pat == '*')
				pat++;
			star = pat, mark = s;
			continue;
		}
		if (!c) {
			if (!*pat)
				return 1;
			goto back;
		}
		switch (*pat) {
		case 0:
			goto back;
		case '?':
			pat++, s++;
			continue;
		case '[':
			next = bracket(pat + 1, c, &hit);
			if (next) {
				if (!hit)
					goto back;
				pat = next, s++;
				continue;
			}
			break;
		case '\\':
			if (!pat[1])
				return 0;	/* a trailing backslash never matches */
			pat++;
			break;
		}
		if (fold((unsigned char)*pat) != fold(c))
			goto back;
		pat++, s++;
		continue;
back:
		if (!star || !*mark)
			return 0;
		pat = star, s = ++mark;
	}
}
