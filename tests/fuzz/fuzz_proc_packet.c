/* libFuzzer target: /proc/net/packet text through procnet_read_packet() and the
 * row renderer (tests/fuzz/proctext.h). */
#define PROCTEXT packet
#include "proctext.h"
