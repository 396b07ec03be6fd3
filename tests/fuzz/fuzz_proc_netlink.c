/* libFuzzer target: /proc/net/netlink text through procnet_read_netlink() and the
 * row renderer (tests/fuzz/proctext.h). */
#define PROCTEXT netlink
#include "proctext.h"
