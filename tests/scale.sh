#!/bin/bash
# tests/scale.sh - output batching at scale (ss-behaviour §2.4).
#
# tests/bigdump writes a TCPDIAG_FILE of 250 000 narrow IPv4 rows and one
# wide IPv6 row (26 MB, in tests/out/).  iproute2 6.1 renders every ~5 MiB of
# tokens with the widths seen so far, so only the rows after the last batch
# boundary are as wide as the last row.  Each case's stdout must match 6.1:
# compared with /usr/bin/ss when it is iproute2 6.1, else with the SHA-256
# and line count recorded in fixtures/expected/scale.txt.
#   bash tests/scale.sh --record   re-records scale.txt from /usr/bin/ss

. "$(dirname "$0")/lib.sh"

ROWS=250000
SUMS=$TESTS/fixtures/expected/scale.txt
CASES=('-tan' '-tanH' '-tn state established'
	'PROC_NET_UDP=/dev/null PROC_NET_UDP6=/dev/null -tuan')
W=$OUT/scale
rm -rf "$W"
mkdir -p "$W"

build_helper bigdump || { fail "scale (build)" "$(head -c 300 "$OUT/bigdump.build.log")"; exit 0; }
"$OUT/bigdump" $ROWS "$W/big.dump" || { fail "scale (dump)" "bigdump failed"; exit 0; }
BASE_ENV=("TCPDIAG_FILE=$W/big.dump" PROC_IP_LOCAL_PORT_RANGE=/dev/null)

# case_args CASE -> ARGV, ENVV (the case's NAME=value words + the dump)
case_args() {
	split_args "$1"
	split_env
	ENVV+=("${BASE_ENV[@]}")
}

# widths LIST: "count x width" runs of line lengths, for failure messages
widths() { awk '{ print length }' "$1" | uniq -c | awk '{ printf "%s%sx%s", (NR > 1 ? ", " : ""), $1, $2 }'; }

if [ "${1:-}" = --record ]; then
	why=$(ref_ok) || { echo "scale: $why" >&2; exit 1; }
	: >"$SUMS"
	for c in "${CASES[@]}"; do
		case_args "$c"
		run_ss "$REF" "$W/rec"
		echo "$(sha256sum <"$W/rec.out" | cut -d' ' -f1) $(wc -l <"$W/rec.out") $(cat "$W/rec.rc") $c" >>"$SUMS"
	done
	exit 0
fi

have_ref=0
ref_ok >/dev/null && have_ref=1
n=0
for c in "${CASES[@]}"; do
	n=$((n + 1))
	name="scale $ROWS rows $c"
	case_args "$c"
	run_ss "$SS" "$W/c$n"
	if [ "$have_ref" = 1 ]; then
		run_ss "$REF" "$W/c$n.ref"
		if ref_failed "$(cat "$W/c$n.ref.rc")" || [ ! -s "$W/c$n.ref.out" ]; then
			fail "$name" "the reference run failed (status $(cat "$W/c$n.ref.rc"), $(wc -l <"$W/c$n.ref.out") lines): $(first_line "$W/c$n.ref.err")"
			continue
		fi
		if cmp -s "$W/c$n.ref.out" "$W/c$n.out" && [ "$(cat "$W/c$n.ref.rc")" = "$(cat "$W/c$n.rc")" ]; then
			pass "$name"
		else
			fail "$name" "exit status: ref $(cat "$W/c$n.ref.rc"), test $(cat "$W/c$n.rc")" \
				"line widths ref:  $(widths "$W/c$n.ref.out")" \
				"line widths test: $(widths "$W/c$n.out")"
		fi
		continue
	fi
	want=$(awk -v c="$c" '{ s = $1; l = $2; r = $3; $1 = $2 = $3 = ""; sub(/^ +/, "") } $0 == c { print s, l, r }' "$SUMS")
	if [ -z "$want" ]; then
		fail "$name" "nothing recorded in $SUMS (bash tests/scale.sh --record)"
		continue
	fi
	got="$(sha256sum <"$W/c$n.out" | cut -d' ' -f1) $(wc -l <"$W/c$n.out") $(cat "$W/c$n.rc")"
	if [ "$got" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "sha256 lines status: want $want" "got $got" "line widths: $(widths "$W/c$n.out")"
	fi
done
exit 0
