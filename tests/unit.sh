#!/bin/bash
# tests/unit.sh - C unit tests, built at test time into tests/out/.
#   unit_filter: the filter stage (tests/unit_filter.c), see below.
#   unit_fmt: applet/fmt.c (fmt_u64 fmt_i64 fmt_hex fmt_ipv4 fmt_ipv6) against
#             snprintf and inet_ntop.  Skipped while applet/fmt.c does not exist.
#   unit_fmtg: applet/fmt_float.c (fmt_g fmt_f fmt_rate) against glibc's
#             snprintf over ~10.3 million values (~130 million with TEST_FULL=1).
#   unit_softfp: lib/softfp.c (double arithmetic of the soft-float mips
#             build) against this host's hardware doubles, bit for bit.
#   unit_tcpstats: applet/tcp_stats.c's %g and %.0f paths against glibc.

. "$(dirname "$0")/lib.sh"

ROOT=$(cd "$TESTS/.." && pwd)
if [ ! -f "$ROOT/applet/fmt.c" ]; then
	skip "unit fmt" "applet/fmt.c does not exist yet"
	exit 0
fi
if ! cc -std=gnu11 -O2 -Wall -I"$ROOT/applet" -I"$ROOT/include" -I"$ROOT" -I"$ROOT/build" \
	-o "$OUT/unit_fmt" "$TESTS/unit_fmt.c" "$ROOT/applet/fmt.c" >"$OUT/unit_fmt.build.log" 2>&1; then
	mapfile -t log < <(head -n 10 "$OUT/unit_fmt.build.log")
	fail "unit fmt (build)" "${log[@]}"
	exit 0
fi
timeout 60 "$OUT/unit_fmt"
rc=$?
[ "$rc" -le 1 ] || fail "unit fmt (run)" "unit_fmt exited with status $rc"

if ! cc -std=gnu11 -O2 -Wall -I"$ROOT/applet" -I"$ROOT/include" -I"$ROOT" -I"$ROOT/build" \
	-o "$OUT/unit_fmtg" "$TESTS/unit_fmtg.c" "$ROOT/applet/fmt_float.c" "$ROOT/applet/fmt.c" -lm \
	>"$OUT/unit_fmtg.build.log" 2>&1; then
	mapfile -t log < <(head -n 10 "$OUT/unit_fmtg.build.log")
	fail "unit fmtg (build)" "${log[@]}"
else
	timeout 600 "$OUT/unit_fmtg"
	rc=$?
	[ "$rc" -le 1 ] || fail "unit fmtg (run)" "unit_fmtg exited with status $rc"
fi

if ! cc -std=gnu11 -O2 -Wall -o "$OUT/unit_softfp" "$TESTS/unit_softfp.c" \
	>"$OUT/unit_softfp.build.log" 2>&1; then
	mapfile -t log < <(head -n 10 "$OUT/unit_softfp.build.log")
	fail "unit softfp (build)" "${log[@]}"
else
	timeout 300 "$OUT/unit_softfp" $([ "${TEST_FULL:-}" = 1 ] && echo 1000 || echo 50)
	rc=$?
	[ "$rc" -le 1 ] || fail "unit softfp (run)" "unit_softfp exited with status $rc"
fi

# unit_build_run NAME CC-ARGS...: cc CC-ARGS (in the source tree) into
# tests/out/NAME, its log appended to NAME.build.log, then run it (120 s)
unit_build_run() {
	local name=$1 rc log
	shift
	if (cd "$ROOT" && cc "$@" -o "$OUT/$name") >>"$OUT/$name.build.log" 2>&1; then
		timeout 120 "$OUT/$name"
		rc=$?
		[ "$rc" -le 1 ] || fail "unit ${name#unit_} (run)" "$name exited with status $rc"
	else
		mapfile -t log < <(head -n 10 "$OUT/$name.build.log")
		fail "unit ${name#unit_} (build)" "${log[@]}"
	fi
}

# unit_filter: the filter stage (applet/filter_*.c) with every other file but
# main.c: the bytecode vectors of spec §6.5, precedence, evaluation, errors.
# Built at -O0: the sanitizer build of every source at -O1 took 10 s.
if [ -f "$ROOT/applet/filter.h" ]; then
	( cd "$ROOT" && [ -f build/config.h ] || make -s build/config.h ) >"$OUT/unit_filter.build.log" 2>&1
	srcs=$(cd "$ROOT" && ls lib/*.c applet/*.c netlink/*.c procnet/*.c 2>/dev/null | grep -v '^applet/main.c$')
	san=
	echo 'int main(void){return 0;}' | cc -x c - -fsanitize=address,undefined -o "$OUT/.san-probe" 2>/dev/null && san=-fsanitize=address,undefined
	rm -f "$OUT/.san-probe"
	# shellcheck disable=SC2086
	unit_build_run unit_filter -std=gnu11 -O0 -g -Wall -D_GNU_SOURCE -Iinclude -Ilib -Iapplet -I. \
		-Ibuild $san tests/unit_filter.c $srcs
fi
# unit_tcpstats: applet/tcp_stats.c's direct number paths against glibc.
if [ -f "$ROOT/applet/tcp_stats.c" ] && grep -q 'CONFIG_SS_TCPINFO 1' "$ROOT/build/config.h" 2>/dev/null; then
	: >"$OUT/unit_tcpstats.build.log"
	unit_build_run unit_tcpstats -std=gnu11 -O2 -Wall -D_GNU_SOURCE -Iinclude -Ilib -Iapplet -I. \
		-Ibuild tests/unit_tcpstats.c applet/tcp_stats.c applet/fmt.c applet/fmt_float.c
fi
exit 0
