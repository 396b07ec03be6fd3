/*
 * unit_tcpstats - applet/tcp_stats.c's own number paths against glibc:
 * "%g" of every u32 / 1000 below 10^6 (and random ones above, and the /proc
 * form ticks / 100), "%.0f" of -n rates (random doubles, 6.1's send
 * formula, the halves), and the longest output against TCP_STATS_MAX.
 * Prints PASS/FAIL lines; exit 1 on a failure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tcp_stats.h"

static uint64_t seed = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static char out[TCP_STATS_MAX + 1];

/* The text after word (e.g. " rtt:") up to the next blank or '/'. */
static const char *after(const char *word, char stop)
{
	static char v[400];
	const char *p = strstr(out, word);
	size_t n = 0;

	if (!p)
		return "(missing)";
	for (p += strlen(word); *p && *p != ' ' && *p != stop && n < sizeof(v) - 1; p++)
		v[n++] = *p;
	v[n] = 0;
	return v;
}

static int bad;

static void check(const char *what, const char *got, const char *want, double v)
{
	if (strcmp(got, want) && bad++ < 10)
		printf("FAIL unit tcpstats %s of %.17g: got %s, want %s\n", what, v, got, want);
}

static void one_g(double v)
{
	struct tcp_stat s = { .reordering = 3, .rtt = 1, .rttvar = v };
	char want[64];

	out[tcp_stats_put(out, &s, 0)] = 0;
	snprintf(want, sizeof(want), "%g", v);
	check("%g", after(" rtt:1/", ' '), want, v);
}

static void one_rate(double v)
{
	struct tcp_stat s = { .reordering = 3, .send_bps = v };
	char want[400];

	if (!v)
		return;
	out[tcp_stats_put(out, &s, TCPS_NUMERIC)] = 0;
	snprintf(want, sizeof(want), "%.0fbps", v);
	check("%.0f", after(" send ", ' '), want, v);
}

int main(void)
{
	uint32_t n;

	for (n = 0; n < 2000000; n++)
		one_g((double)n / 1000);
	for (n = 0; n < 1000000; n++)
		one_g((double)n / 100);	/* /proc: ticks / USER_HZ */
	for (int i = 0; i < 500000; i++) {
		one_g((double)(uint32_t)rnd() / 1000);
		one_g((double)(uint32_t)rnd() / 256.0);
	}
	for (int i = 0; i < 500000; i++) {
		uint32_t cwnd = (uint32_t)rnd() >> (rnd() % 32), mss = (uint32_t)rnd() >> (rnd() % 32);
		uint32_t rtt = (uint32_t)rnd() >> (rnd() % 32);
		uint64_t r = rnd() >> (rnd() % 64);

		if (rtt)
			one_rate((double)cwnd * (double)mss * 8000000. / (double)rtt);
		one_rate(r * 8.);
		one_rate((double)(r >> 11) + 0.5);
		one_rate((double)(r >> 12) + 0.25 * (double)(rnd() % 4));
	}
	printf("%s unit tcpstats %%g of u32/1000, u32/100, u32/256; %%.0f of rates\n", bad ? "FAIL" : "PASS");

	/* every word at its widest */
	struct tcp_stat m;
	memset(&m, 0xff, sizeof(m));
	memcpy(m.cong, "abcdefghijklmno", 16);
	m.rto = m.rtt = m.rttvar = m.ato = m.rcv_rtt = m.min_rtt = 4294967.295;
	m.send_bps = (double)UINT32_MAX * UINT32_MAX * 8000000.;
	m.pacing_rate = m.pacing_rate_max = m.delivery_rate = UINT64_MAX * 8.;
	m.qack = m.mss = m.rcv_mss = m.advmss = m.ssthresh = m.rcv_space = INT32_MIN;
	m.reordering = m.reord_seen = INT32_MIN;
	m.dctcp = TCPS_DCTCP_ON;
	m.has_bbr = 1;
	m.busy_time = 1;
	size_t len = tcp_stats_put(out, &m, TCPS_NUMERIC | TCPS_OPTIONS);
	int ok = len < TCP_STATS_MAX / 2;
	printf("%s unit tcpstats longest output %zu bytes (room %d)\n", ok ? "PASS" : "FAIL", len,
	       TCP_STATS_MAX);
	return bad || !ok;
}
