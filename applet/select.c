/* Steps 3-7 of iproute2 6.1's selection model (spec §1.3): state words,
 * defaults, the table/family merge and the empty-selection messages. */
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "opts.h"
#include "tables.h"
#include "errmsg.h"

static const char *const state_names[SS_MAX] = {
	"unknown", "established", "syn-sent", "syn-recv", "fin-wait-1",
	"fin-wait-2", "time-wait", "unconnected", "close-wait", "last-ack",
	"listening", "closing",
};

static const struct {
	const char *name;
	unsigned mask;
} state_groups[] = {
	{ "close", TCPF(SS_CLOSE) },
	{ "closed", TCPF(SS_CLOSE) },
	{ "syn-rcv", TCPF(SS_SYN_RECV) },
	{ "all", ALL_STATES },
	{ "connected", ALL_STATES & ~(TCPF(SS_CLOSE) | TCPF(SS_LISTEN)) },
	{ "synchronized", ALL_STATES & ~(TCPF(SS_CLOSE) | TCPF(SS_LISTEN) |
					 TCPF(SS_SYN_SENT)) },
	{ "bucket", TCPF(SS_SYN_RECV) | TCPF(SS_TIME_WAIT) },
	{ "big", ALL_STATES & ~(TCPF(SS_SYN_RECV) | TCPF(SS_TIME_WAIT)) },
};

static unsigned state_mask(const char *s)
{
	for (size_t i = 0; i < sizeof(state_groups) / sizeof(state_groups[0]); i++)
		if (!strcasecmp(s, state_groups[i].name))
			return state_groups[i].mask;
	for (int i = 0; i < SS_MAX; i++)
		if (!strcasecmp(s, state_names[i]))
			return 1u << i;
	errs("ss: wrong state name: ", s);
	_exit(255);
}

/* Leading "state X" / "exclude X" words; the first resets the filter. */
static void state_words(struct ss_opts *o)
{
	int saw = 0;

	while (o->nwords > 0) {
		const char *w = o->words[0];
		int excl = !strcmp(w, "exclude") || !strcmp(w, "excl");

		if (!excl && strcmp(w, "state"))
			break;
		if (o->nwords < 2) {
			errs("Command line is not complete. Try option \"help\"");
			_exit(255);
		}
		if (!saw)
			o->state_filter = excl ? ALL_STATES : 0;
		saw = 1;
		if (excl)
			o->state_filter &= ~state_mask(o->words[1]);
		else
			o->state_filter |= state_mask(o->words[1]);
		o->words += 2;
		o->nwords -= 2;
	}
}

static void merge_defaults(struct ss_opts *o)
{
	for (int t = 0; t < TAB_MAX; t++)
		if ((o->tables & (1u << t)) && !(table_info[t].families & o->families))
			o->families |= table_info[t].families;
	for (int f = 0; f < FAM_MAX; f++)
		if ((o->families & (1u << f)) && !(family_info[f].tables & o->tables))
			o->tables |= family_info[f].tables;
}

int opts_select(struct ss_opts *o)
{
	const char *empty = NULL;

	state_words(o);
	if (o->do_default) {
		if (!o->state_filter)
			o->state_filter = CONN_STATES;
		for (int t = 0; t < TAB_MAX; t++) {
			if (table_group("all") & (1u << t)) {
				o->tables |= 1u << t;
				o->states |= table_info[t].states;
			}
		}
	}
	if (o->state_filter)
		o->states = o->state_filter;
	merge_defaults(o);
	if (!o->tables)
		empty = "tables";
	else if (!o->families)
		empty = "families";
	else if (!o->states)
		empty = "states";
	if (empty) {
		errs("ss: no socket ", empty, " to show with such filter.");
		return 0;
	}
	return -1;
}
