#!/bin/bash
# tests/fixtures.sh - recorded inputs -> recorded iproute2 6.1 output.
#
# Runs every case of tests/fixtures/cases.txt through the binary under test
# (cwd tests/fixtures, env -i PATH=... LC_ALL=C plus the case's variables) and
# compares stdout and exit status with expected/, all of stderr for "err"
# cases and its first line for errors (exit status not 0).
# Needs neither root nor /usr/bin/ss; tests/fixtures/record.sh re-records.
# Inputs with a FILE.clean twin encode an intentional difference from 6.1
# (garbled /proc/net lines are skipped): skipped when testing iproute2 itself.

. "$(dirname "$0")/lib.sh"

FIX=${FIXTURES_DIR:-$TESTS/fixtures}	# cross/test.sh: big-endian twins
W=$OUT/fixtures
rm -rf "$W"
mkdir -p "$W"
cd "$FIX" || exit 1

while IFS= read -r line || [ -n "$line" ]; do
	case "$line" in '' | \#*) continue ;; esac
	fixture_case "$line"
	name="fixture $FX_NAME"
	clean=
	for v in "${ENVV[@]}"; do
		[ -f "${v#*=}.clean" ] && clean=${v#*=}
	done
	if [ -n "$clean" ] && cmp -s "$SS" "$REF"; then
		skip "$name" "intentional difference: $clean has lines we skip (expected is 6.1 on $clean.clean)"
		continue
	fi
	rc=$(awk -v n="$FX_NAME" '$1 == n { print $2 }' expected/rc.txt)
	if [ -z "$rc" ] || [ ! -f "expected/$FX_NAME.out" ]; then
		fail "$name" "no expected output recorded (run tests/fixtures/record.sh)"
		continue
	fi
	errcmp=
	[[ ",$FX_FLAGS," == *,err,* ]] && errcmp=stderr
	if [ -f "expected/$FX_NAME.err" ]; then
		cp "expected/$FX_NAME.err" "$W/$FX_NAME.exp.err"
	elif [ -n "$errcmp" ] || [ "$rc" != 0 ]; then
		fail "$name" "no expected stderr recorded (run tests/fixtures/record.sh)"
		continue
	else
		: >"$W/$FX_NAME.exp.err"
	fi
	cp "expected/$FX_NAME.out" "$W/$FX_NAME.exp.out"
	echo "$rc" >"$W/$FX_NAME.exp.rc"
	run_ss "$SS" "$W/$FX_NAME"
	if [[ ",$FX_FLAGS," == *,dgram,* ]]; then
		norm_dgram "$W/$FX_NAME.exp.out" "$W/$FX_NAME.out"
	fi
	compare_run "$name" "$W/$FX_NAME.exp" "$W/$FX_NAME" $errcmp
done <cases.txt
exit 0
