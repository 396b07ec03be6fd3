/* tests/unit_check.h - what the C unit tests (unit_fmt.c, unit_fmtg.c)
 * share: a named set of cases, its PASS line, and a fixed-seed generator
 * (xorshift64*), so that every run tests the same cases. */
#ifndef UNIT_CHECK_H
#define UNIT_CHECK_H
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SENTINEL 0xA5	/* what the buffers hold before the call */
#define SHOW 5		/* wrong cases shown per check */

struct check {
	const char *name;
	long n, bad;	/* cases run, cases wrong (the first prints "FAIL unit name") */
};

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

/* 1 when buf[0..len) is want, len <= max, and buf[max..end) still holds
 * SENTINEL (nothing written past the documented maximum) */
static int matches(const char *want, const unsigned char *buf, size_t len, size_t max, size_t end)
{
	int ok = len <= max && len == strlen(want) && memcmp(buf, want, len) == 0;

	for (size_t i = max; ok && i < end; i++)
		ok = buf[i] == SENTINEL;
	return ok;
}

/* counts one case, input its name; prints "FAIL unit name" at the first
 * wrong one and the first SHOW wrong ones below it */
static void verdict(struct check *c, const char *input, const char *want,
		    const unsigned char *buf, size_t len, size_t max, size_t end)
{
	c->n++;
	if (matches(want, buf, len, max, end))
		return;
	if (c->bad++ == 0)
		printf("FAIL unit %s\n", c->name);
	if (c->bad <= SHOW) {
		char got[512];
		size_t k = len < end ? len : end;

		k = k < sizeof got - 1 ? k : sizeof got - 1;
		memcpy(got, buf, k);
		got[k] = 0;
		printf("    %s: want \"%s\" (%zu), got \"%s\" (%zu)%s\n", input, want,
		       strlen(want), got, len, len <= max && len == strlen(want) &&
		       memcmp(buf, want, len) == 0 ? " but wrote past the maximum size" : "");
	}
}

/* "PASS unit name (N cases)", or the count of wrong ones under the FAIL
 * line the first one printed; returns 1 on failure */
static int finish(struct check *c)
{
	if (c->bad == 0)
		printf("PASS unit %s (%ld cases)\n", c->name, c->n);
	else
		printf("    %ld of %ld cases wrong\n", c->bad, c->n);
	return c->bad != 0;
}

#endif
