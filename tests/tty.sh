#!/bin/bash
# tests/tty.sh - the terminal-width layout (ss-behaviour §2.3 pass 2)
# against /usr/bin/ss on the same recorded input (TCPDIAG_FILE and /proc
# fixtures: no kernel sockets, no root). One PASS/FAIL per argument set; a
# failure names the first width that differs.
#
# make test: the widths where the layout changes (tests/ttywidths.awk: both
# sides of every boundary where a column is capped, a screen line ends or
# the spare space spreads differently, evenly and unevenly divided) plus
# 80, 132 and a few beyond 240.  TEST_FULL=1 (make test-full): every width
# 1..240 as well.  Needs a pseudo-terminal; skipped without one.

. "$(dirname "$0")/lib.sh"

W=$OUT/tty
rm -rf "$W"
mkdir -p "$W"
why=$(ref_ok) || { skip tty "$why"; exit 0; }
build_helper ptyrun || { fail tty-build "ptyrun: $(head -c 300 "$OUT/ptyrun.build.log")"; exit 0; }
if ! "$OUT/ptyrun" 80 5 true 2>"$W/probe.err"; then
	skip tty "no pseudo-terminal: $(head -c 200 "$W/probe.err")"
	exit 0
fi

FX=$TESTS/fixtures
BASE=("TCPDIAG_FILE=$FX/dumps/mix-tan.dump" "PROC_IP_LOCAL_PORT_RANGE=$FX/range/default"
	"PROC_NET_UDP=$FX/proc/mix/net/udp" "PROC_NET_UDP6=$FX/proc/mix/net/udp6"
	"PROC_NET_RAW=/dev/null" "PROC_NET_RAW6=/dev/null")
CASES=('-tan' '-tn' '-tanH' '-tuan' '-tua' '-uan state established' '-tuanH')
EXTRA="80 132 241 1000 4096"

# segment FILE COLS -> the output of the run COLS wide and its marker line
segment() {
	awk -v m="@@ cols=$2 " '
		index($0, "@@ cols=") == 1 {
			if (index($0, m) == 1) {
				for (i = 0; i < n; i++)
					print buf[i]
				print
				exit
			}
			n = 0
			next
		}
		{ buf[n++] = $0 }' "$1"
}

for c in "${CASES[@]}"; do
	split_args "$c"
	args=("${ARGV[@]}")
	env -i PATH=$CLEAN_PATH LC_ALL=C "${BASE[@]}" timeout -k 2 "$SS_TIMEOUT" \
		"$REF" "${args[@]}" >"$W/compact.out" 2>/dev/null </dev/null
	if [ "${TEST_FULL:-}" = 1 ]; then
		name="tty 1..240 columns: $c"
		widths="$(seq 1 240) $EXTRA"
	else
		name="tty sampled widths: $c"
		widths="$(awk -v maxw=240 -f "$TESTS/ttywidths.awk" "$W/compact.out") $EXTRA"
	fi
	list=$(echo $widths | tr ' ' '\n' | sort -nu | paste -sd, -)
	nw=$(echo "$list" | tr ',' '\n' | wc -l)
	for who in ref test; do
		bin=$REF
		[ "$who" = test ] && bin=$SS
		env -i PATH=$CLEAN_PATH LC_ALL=C "${BASE[@]}" timeout -k 2 120 \
			"$OUT/ptyrun" "$list" 5 "$bin" "${args[@]}" \
			>"$W/$who.out" 2>"$W/$who.err" </dev/null
		echo $? >"$W/$who.rc"
	done
	# the reference must have run at every width, exit 0, with output
	nok=$(grep -c '^@@ cols=[0-9]* status=0$' "$W/ref.out")
	if [ "$(cat "$W/ref.rc")" != 0 ] || [ "$nok" != "$nw" ] || ! grep -qv '^@@ cols=' "$W/ref.out"; then
		fail "$name" "reference run failed (ptyrun status $(cat "$W/ref.rc"), $nok of $nw widths ran with status 0):" \
			"$(head -c 200 "$W/ref.err")"
		continue
	fi
	if cmp -s "$W/ref.out" "$W/test.out" && [ "$(cat "$W/test.rc")" = 0 ]; then
		pass "$name ($nw widths)"
		continue
	fi
	bad=
	for cols in ${list//,/ }; do
		segment "$W/ref.out" "$cols" >"$W/ref.one"
		segment "$W/test.out" "$cols" >"$W/test.one"
		if ! cmp -s "$W/ref.one" "$W/test.one"; then
			bad=$cols
			break
		fi
	done
	mapfile -t d < <(short_diff "$W/ref.one" "$W/test.one")
	fail "$name ($nw widths)" "first difference at ${bad:-?} columns (ptyrun status $(cat "$W/test.rc")):" "${d[@]}"
done
exit 0
