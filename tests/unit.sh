#!/bin/bash
# tests/unit.sh - C unit tests, built at test time into tests/out/.
#   unit_fmt: applet/fmt.c (fmt_u64 fmt_i64 fmt_hex fmt_ipv4 fmt_ipv6) against
#             snprintf and inet_ntop.  Skipped while applet/fmt.c does not exist.

. "$(dirname "$0")/lib.sh"

ROOT=$(cd "$TESTS/.." && pwd)
if [ ! -f "$ROOT/applet/fmt.c" ]; then
	skip "unit fmt" "applet/fmt.c does not exist yet"
	exit 0
fi
if ! cc -std=gnu11 -O2 -Wall -I"$ROOT/applet" -I"$ROOT/include" -I"$ROOT" \
	-o "$OUT/unit_fmt" "$TESTS/unit_fmt.c" "$ROOT/applet/fmt.c" >"$OUT/unit_fmt.build.log" 2>&1; then
	mapfile -t log < <(head -n 10 "$OUT/unit_fmt.build.log")
	fail "unit fmt (build)" "${log[@]}"
	exit 0
fi
timeout 60 "$OUT/unit_fmt"
rc=$?
[ "$rc" -le 1 ] || fail "unit fmt (run)" "unit_fmt exited with status $rc"
exit 0
