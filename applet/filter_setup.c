/* Steps 8 and 9 of the selection (spec §1.3): -D FILE (§8.3), then the
 * filter expression (§6), whose bytecode goes with every inet dump. */
#include <fcntl.h>
#include <unistd.h>
#include "config.h"
#include "opts.h"
#include "filter.h"
#include "errmsg.h"
#include "../netlink/inet_diag.h"
#include "../netlink/nldump.h"


static int discard(const struct sock_rec *r, void *arg)
{
	(void)r, (void)arg;
	return 0;
}

/* The TCP dump of the options' states written raw, datagram by datagram,
 * one pass per family as 6.1 does; the expression is not even parsed. */
static int raw_dump(const struct ss_opts *o)
{
	int fd = 1, fam = o->preferred == FAM_INET6 ? AF_INET6_ : AF_INET_;

	if (!(o->tables & (1u << TAB_TCP))) {
		errs("ss: tcpdiag dump requested and no tcp in filter.");
		return 0;
	}
	if (o->dump_file[0] != '-') {
		fd = open(o->dump_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fd < 0)
			return 0;	/* 6.1 tests the wrong variable: silent, status 0 */
	}
	nl_tee_fd = fd;
	for (;;) {
		if (inet_dump(TAB_TCP, fam, o->states, 0, discard, NULL) < 0)
			break;
		if (fam != AF_INET_ || o->preferred == FAM_INET)
			break;
		fam = AF_INET6_;
	}
	nl_tee_fd = -1;
	if (fd != 1)
		close(fd);
	return 0;
}

int filter_setup(struct ss_opts *o)
{
	struct filter_env env = { o->tables, &o->families, o->preferred };
	const uint8_t *bc;
	size_t len;
	uint16_t sport, dport;

	if (!CONFIG_SS_FILTER)
		return -1;	/* main() refused the words already */
	if (o->dump_file)
		return raw_dump(o);
	if (!o->nwords && !o->filter_file)
		return -1;
	filter_parse(&env, o->words, o->nwords, o->filter_file);
	o->preferred = env.preferred;
	len = filter_bytecode(&bc);
	inet_diag_bytecode(bc, len);
	filter_ports(filter_root, &sport, &dport);
	inet_diag_ports(sport, dport);
	return -1;
}
