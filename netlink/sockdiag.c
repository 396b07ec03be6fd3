/* What the non-inet sock_diag dumps share: their two request layouts
 * ({family, protocol, ino, show, cookie} and {family, protocol, states,
 * ...}), and the common part of their records. */
#include <string.h>
#include "diag.h"
#include "nldump.h"

int diag_show_dump(uint8_t family, uint8_t protocol, uint32_t show, nl_msg_cb cb,
		   struct diag_ctx *c)
{
	struct {
		struct nl_hdr h;
		struct sdiag_show_req r;
	} req;

	memset(&req, 0, sizeof(req));
	req.h.type = SOCK_DIAG_BY_FAMILY;
	req.r.family = family;
	req.r.protocol = protocol;
	req.r.show = show;
	return nl_dump(&req, sizeof(req), cb, c);
}

int diag_states_dump(uint8_t family, uint32_t states, uint32_t show, size_t reqlen,
		     nl_msg_cb cb, struct diag_ctx *c)
{
	struct {
		struct nl_hdr h;
		struct unix_diag_req r;
	} req;

	memset(&req, 0, sizeof(req));
	req.h.type = SOCK_DIAG_BY_FAMILY;
	req.r.family = family;
	req.r.states = states;
	req.r.show = show;
	return nl_dump(&req, sizeof(req.h) + reqlen, cb, c);
}

void diag_rec_init(struct sock_rec *r, uint8_t family, uint8_t table, uint32_t ino,
		   const uint32_t cookie[2])
{
	memset(r, 0, sizeof(*r));
	r->family = family;
	r->table = table;
	r->state = SS_CLOSE;
	r->inode = ino;
	r->cookie = (uint64_t)cookie[1] << 32 | cookie[0];
}

void diag_skmem(struct sock_detail *d, const void *p, uint16_t len)
{
	size_t n = len / 4u > 9 ? 9 : len / 4u;

	memcpy(d->skmem, p, n * 4);
	d->skmem_n = (uint8_t)n;
	d->have |= DET_SKMEM;
}

int diag_copy(void *dst, size_t size, const void *p, uint16_t len)
{
	if (!p)
		return 0;
	memcpy(dst, p, len < size ? len : size);
	return 1;
}
