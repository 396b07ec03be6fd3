#!/bin/bash
# tests/fuzz.sh - replay the fuzz seed corpus (tests/fuzz/corpus) through the
# /proc/net and netlink parsers under ASan/UBSan (tests/fuzz/run.sh 0).
# Needs clang; skipped without it.

. "$(dirname "$0")/lib.sh"

command -v clang >/dev/null || { skip fuzz "clang is not installed"; exit 0; }
[ -f "$TESTS/fuzz/run.sh" ] || { skip fuzz "tests/fuzz/run.sh does not exist"; exit 0; }
timeout -k 5 120 sh "$TESTS/fuzz/run.sh" 0 >"$OUT/fuzz.log" 2>&1
rc=$?
# one PASS per target that reported "replayed N inputs: TARGET"
while read -r _ k _ t; do
	pass "fuzz replay $t ($k inputs)"
done < <(grep '^replayed [0-9]* inputs: ' "$OUT/fuzz.log")
if [ "$rc" != 0 ] || ! grep -q '^replayed ' "$OUT/fuzz.log"; then
	mapfile -t log < <(grep -v '^replayed' "$OUT/fuzz.log" | head -n 12)
	fail "fuzz replay" "tests/fuzz/run.sh 0 exited with status $rc" "${log[@]}"
fi
exit 0
