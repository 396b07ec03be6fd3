/* libFuzzer target: /proc/net/unix text through procnet_read_unix() and the
 * row renderer (tests/fuzz/proctext.h). */
#define PROCTEXT unix
#include "proctext.h"
