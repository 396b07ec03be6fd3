#!/bin/bash
# tests/tty.sh - the terminal-width layout (ss-behaviour §2.3 pass 2) at
# every width from 1 to 240 columns, against /usr/bin/ss on the same
# recorded input (TCPDIAG_FILE and /proc fixtures: no kernel sockets, no
# root). One PASS/FAIL per argument set; a failure names the first width.

. "$(dirname "$0")/lib.sh"

W=$OUT/tty
rm -rf "$W"
mkdir -p "$W"
why=$(ref_ok) || { skip tty "$why"; exit 0; }
build_helper ptyrun || { fail tty-build "ptyrun: $(head -c 300 "$OUT/ptyrun.build.log")"; exit 0; }

FX=$TESTS/fixtures
BASE=("TCPDIAG_FILE=$FX/dumps/mix-tan.dump" "PROC_IP_LOCAL_PORT_RANGE=$FX/range/default"
	"PROC_NET_UDP=$FX/proc/mix/net/udp" "PROC_NET_UDP6=$FX/proc/mix/net/udp6"
	"PROC_NET_RAW=/dev/null" "PROC_NET_RAW6=/dev/null")
CASES=('-tan' '-tn' '-tanH' '-tuan' '-tua' '-uan state established' '-tuanH')

for c in "${CASES[@]}"; do
	bad=
	for cols in $(seq 1 240); do
		split_args "$c"
		ARGV=("$cols" "$SS_TIMEOUT" "$REF" "${ARGV[@]}")
		ENVV=("${BASE[@]}")
		run_ss "$OUT/ptyrun" "$W/ref"
		ARGV[2]=$SS
		run_ss "$OUT/ptyrun" "$W/test"
		if ! cmp -s "$W/ref.out" "$W/test.out" || ! cmp -s "$W/ref.rc" "$W/test.rc"; then
			bad=$cols
			break
		fi
	done
	if [ -z "$bad" ]; then
		pass "tty 1..240 columns: $c"
	else
		mapfile -t d < <(short_diff "$W/ref.out" "$W/test.out")
		fail "tty 1..240 columns: $c" "first difference at $bad columns:" "${d[@]}"
	fi
done
