#!/bin/bash
# tests/fuzz.sh - every fuzz target (tests/fuzz/fuzz_*.c) under ASan/UBSan.
#
#   make test               replays the seed corpus (tests/fuzz/run.sh 0)
#   CI=true make test       fuzzes each target FUZZ_SECONDS (default 20) s
#   make test-full          fuzzes each target FUZZ_SECONDS (default 120) s
# One PASS/FAIL per target.  Needs clang with its sanitizer runtimes
# (libFuzzer too when fuzzing: Debian libclang-rt-dev); skipped without.

. "$(dirname "$0")/lib.sh"

W=$OUT/fuzz-probe
mkdir -p "$W"
secs=${FUZZ_SECONDS:-}
if [ -z "$secs" ]; then
	secs=0
	[ "${CI:-}" = true ] && secs=20
	[ "${TEST_FULL:-}" = 1 ] && secs=120
fi
command -v clang >/dev/null || { skip fuzz "clang is not installed"; exit 0; }
san=address,undefined
[ "$secs" = 0 ] || san=fuzzer,$san
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }\n%s\n' \
	"$([ "$secs" = 0 ] && echo 'int main(void) { return 0; }')" >"$W/probe.c"
if ! clang -fsanitize=$san -o "$W/probe" "$W/probe.c" >"$W/probe.log" 2>&1; then
	skip fuzz "clang cannot link -fsanitize=$san (Debian: libclang-rt-dev): $(head -c 160 "$W/probe.log")"
	exit 0
fi

targets=$(cd "$TESTS/fuzz" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')
for t in $targets; do
	if [ "$secs" = 0 ]; then
		name="fuzz replay $t"
		limit=120
	else
		name="fuzz $t ${secs}s"
		limit=$((secs + 120))
	fi
	timeout -k 5 "$limit" sh "$TESTS/fuzz/run.sh" "$secs" "$t" >"$OUT/fuzz-$t.log" 2>&1
	rc=$?
	done_line=$(grep -E '^(replayed|fuzzed) ' "$OUT/fuzz-$t.log" | tail -n 1)
	if [ "$rc" = 0 ] && [ -n "$done_line" ]; then
		pass "$name (${done_line%%:*})"
	else
		mapfile -t log < <(grep -E 'ERROR|SUMMARY|runtime error|error:|Test unit written' \
			"$OUT/fuzz-$t.log" | head -n 8)
		[ ${#log[@]} -eq 0 ] && mapfile -t log < <(tail -n 8 "$OUT/fuzz-$t.log")
		fail "$name" "tests/fuzz/run.sh $secs $t exited with status $rc (log: tests/out/fuzz-$t.log)" "${log[@]}"
	fi
done
exit 0
