#ifndef SS_SOURCE_H
#define SS_SOURCE_H
#include "record.h"

/* Every socket of an inet table (TAB_TCP...) in the states (mask) and
 * families (bits of enum ss_family), from netlink or /proc/net, to cb. */
void source_inet(int table, unsigned states, unsigned families, rec_cb cb, void *arg);

#endif
