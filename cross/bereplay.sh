#!/bin/bash
# cross/bereplay.sh QEMU-SS NATIVE-SS: the replay cases (tests/replay-cases.txt)
# on a big-endian binary. Each dump set is written twice, as a little-endian
# kernel answers (tests/gendump.py) and as a big-endian one
# (cross/gendump-be.py); the native x86-64 ss reads the first, the big-endian
# binary under qemu the second, and stdout, exit status (and stderr for @err
# cases) must be byte-identical. Runs in an empty private network namespace:
# a case that falls back to /proc then shows the same (empty) tables on both,
# instead of this little-endian host's /proc text, which a big-endian binary
# is right to misread. Prints PASS/FAIL/SKIP lines (tests/lib.sh).
. "$(dirname "$0")/../tests/lib.sh"
TOP=$(cd "$TESTS/.." && pwd)
BE_SS=$1 LE_SS=$2
RW=$OUT/bereplay

if [ "${BEREPLAY_INNER:-}" != 1 ]; then
	[ "$(id -u)" = 0 ] || { skip be-replay "needs root (unshare -n)"; exit 0; }
	for t in unshare python3 ip; do
		command -v $t >/dev/null || { skip be-replay "$t is not installed"; exit 0; }
	done
	rm -rf "$RW"
	mkdir -p "$RW"
	for spec in "$TESTS"/replay/*.spec; do
		set=$(basename "$spec" .spec)
		mkdir -p "$RW/le/$set" "$RW/be/$set"
		python3 "$TESTS/gendump.py" "$spec" "$RW/le/$set" 2>"$RW/$set.log" &&
		python3 "$TOP/cross/gendump-be.py" "$spec" "$RW/be/$set" 2>>"$RW/$set.log" ||
			fail "be-replay-gen $set" "$(head -c 300 "$RW/$set.log")"
	done
	exec timeout -k 5 300 unshare -n env BEREPLAY_INNER=1 bash "$0" "$@"
fi

ip link set lo up
n=0
while IFS= read -r line || [ -n "$line" ]; do
	line=${line%$'\r'}
	case "$line" in '' | \#*) continue ;; esac
	split_args "$line"
	set=${ARGV[0]}
	ARGV=("${ARGV[@]:1}")
	errcmp= tcpfile=
	while [ ${#ARGV[@]} -gt 0 ]; do
		case "${ARGV[0]}" in
		@err) errcmp=stderr ;;
		@tcpfile) tcpfile=1 ;;
		@*) ;;
		*) break ;;
		esac
		ARGV=("${ARGV[@]:1}")
	done
	split_env
	n=$((n + 1))
	p=$RW/c$n
	base=("${ENVV[@]}")
	ENVV=("${base[@]}" "SS_DIAG_DIR=$RW/le/$set")
	[ -n "$tcpfile" ] && ENVV+=("TCPDIAG_FILE=$RW/le/$set/tcp.dump")
	run_ss "$LE_SS" "$p.le"
	ENVV=("${base[@]}" "SS_DIAG_DIR=$RW/be/$set")
	[ -n "$tcpfile" ] && ENVV+=("TCPDIAG_FILE=$RW/be/$set/tcp.dump")
	run_ss "$BE_SS" "$p.be"
	if [ "$(cat "$p.le.rc")" != 0 ] && [ "$(cat "$p.le.rc")" != 1 ]; then
		fail "be-replay $line" "the little-endian run failed (exit $(cat "$p.le.rc")): $(head -c 200 "$p.le.err")"
		continue
	fi
	compare_run "be-replay $line" "$p.le" "$p.be" $errcmp
done <"$TESTS/replay-cases.txt"
[ "$n" -gt 0 ] || fail be-replay "no cases in $TESTS/replay-cases.txt"
exit 0
