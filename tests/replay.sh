#!/bin/bash
# tests/replay.sh - families and kernel paths this kernel lacks, through
# synthetic dumps: iproute2 6.1 (/usr/bin/ss) under tests/nlshim.so and the
# binary under test read the same $SS_DIAG_DIR (netlink/replay.c plays the
# kernel for both), and must print the same bytes.
#
# Cases: tests/replay-cases.txt, one per line:
#   SET [@err] [@netid-raw] [@expect=TEXT] [NAME=value ...] ARGS
# SET names tests/replay/SET.spec (written to dumps by tests/gendump.py).
#   @err        compare stderr too
#   @netid-raw  6.1 names raw_diag rows by their raw protocol (`???` for
#               most); README lists it: `???` at a line start of the
#               reference becomes `raw`, nothing else is changed
#   @expect=T   the reference output must contain T (proves the path taken)
#   @escaped    the reference reads the set written with its names escaped
#               (gendump.py GENDUMP_ESCAPED=1: control bytes as \ooo, as
#               README says ./ss prints them), ./ss the raw set
#   @tcpfile    both read the set's tcp.dump as $TCPDIAG_FILE (spec §8.4)
#   @md5moved   6.1 prints md5 keys ahead of the table (README, differences):
#               ./ss's output is compared as tests/md5moved.py moves its
#               keys there, trailing blanks dropped on both sides
#   @refset=S   the reference reads set S instead (hostile input that 6.1
#               misreads, e.g. attributes shorter than their struct, which
#               6.1 reads past their end: S holds them zero-extended, as
#               ./ss reads them)
# The reference must exit 0 and print at least one socket row, else the
# case FAILs.  Runs in a private network namespace holding a few live
# sockets (127.0.0.1:4000 tcp listener, 127.0.0.1:4001 udp, a raw icmp
# socket), so that a /proc fallback is visible.  Needs root, unshare,
# python3, cc and iproute2 6.1, else skipped.

. "$(dirname "$0")/lib.sh"

CASES=${REPLAY_CASES:-$TESTS/replay-cases.txt}
SHIM=$OUT/nlshim.so
RW=$OUT/replay

if [ "${REPLAY_INNER:-}" != 1 ]; then
	why=$(ref_ok) || { skip replay "$why"; exit 0; }
	[ "$(id -u)" = 0 ] || { skip replay "needs root (unshare -n)"; exit 0; }
	for t in unshare python3 cc ip; do
		command -v $t >/dev/null || { skip replay "$t is not installed"; exit 0; }
	done
	if [ ! -f "$SHIM" ] || [ "$TESTS/nlshim.c" -nt "$SHIM" ] ||
	   [ "$TESTS/../netlink/replay.c" -nt "$SHIM" ]; then
		cc -shared -fPIC -O2 -Wall -o "$SHIM" "$TESTS/nlshim.c" -ldl \
			2>"$OUT/nlshim.build.log" ||
			{ fail replay-build "nlshim: $(head -c 300 "$OUT/nlshim.build.log")"; exit 0; }
	fi
	rm -rf "$RW"
	mkdir -p "$RW"
	for spec in "$TESTS"/replay/*.spec; do
		set=$(basename "$spec" .spec)
		mkdir -p "$RW/$set"
		python3 "$TESTS/gendump.py" "$spec" "$RW/$set" 2>"$RW/$set.log" ||
			fail "replay-gen $set" "$(head -c 300 "$RW/$set.log")"
		mkdir -p "$RW/$set.esc"
		GENDUMP_ESCAPED=1 python3 "$TESTS/gendump.py" "$spec" "$RW/$set.esc" \
			2>>"$RW/$set.log" || fail "replay-gen $set.esc" "$(head -c 300 "$RW/$set.log")"
	done
	exec timeout -k 5 120 unshare -n env REPLAY_INNER=1 bash "$0"
fi

ip link set lo up
python3 - >"$RW/live.out" 2>&1 <<'EOF' &
import socket, sys, time
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(('127.0.0.1', 4000)); t.listen(5)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 4001))
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, 1)
print('ready', flush=True)
time.sleep(100)
EOF
live=$!
wait_ready "$RW/live.out" || fail replay-live "live sockets not ready: $(head -c 200 "$RW/live.out")"

n=0
while IFS= read -r line || [ -n "$line" ]; do
	line=${line%$'\r'}
	case "$line" in '' | \#*) continue ;; esac
	split_args "$line"
	set=${ARGV[0]}
	ARGV=("${ARGV[@]:1}")
	errcmp= netid=0 expect= refdir= tcpfile= md5= refset=
	while [ ${#ARGV[@]} -gt 0 ]; do
		case "${ARGV[0]}" in
		@err) errcmp=stderr ;;
		@netid-raw) netid=1 ;;
		@expect=*) expect=${ARGV[0]#@expect=} ;;
		@escaped) refdir=.esc ;;
		@tcpfile) tcpfile=1 ;;
		@md5moved) md5=1 ;;
		@refset=*) refset=${ARGV[0]#@refset=} ;;
		*) break ;;
		esac
		ARGV=("${ARGV[@]:1}")
	done
	split_env
	name="replay $line"
	n=$((n + 1))
	p=$RW/c$n
	if [ ! -d "$RW/$set" ]; then
		fail "$name" "no dump set tests/replay/$set.spec"
		continue
	fi
	base=("${ENVV[@]}")
	ENVV=("${base[@]}" "SS_DIAG_DIR=$RW/${refset:-$set}$refdir" "LD_PRELOAD=$SHIM")
	[ -n "$tcpfile" ] && ENVV+=("TCPDIAG_FILE=$RW/${refset:-$set}$refdir/tcp.dump")
	run_ss "$REF" "$p.ref"
	ENVV=("${base[@]}" "SS_DIAG_DIR=$RW/$set" "LD_PRELOAD=$SHIM")
	[ -n "$tcpfile" ] && ENVV+=("TCPDIAG_FILE=$RW/$set/tcp.dump")
	run_ss "$SS" "$p.test"
	if [ -n "$md5" ]; then
		sed -i 's/ *$//' "$p.ref.out"
		python3 "$TESTS/md5moved.py" "$p.test.out" >"$p.test.md5" && mv "$p.test.md5" "$p.test.out"
	fi
	rows=$(grep -cvE '^(Netid|State|Recv-Q) ' "$p.ref.out")
	if [ "$(cat "$p.ref.rc")" != 0 ] || [ "$rows" = 0 ]; then
		fail "$name" "the reference run failed (exit $(cat "$p.ref.rc"), $rows rows):" \
			"$(head -c 200 "$p.ref.err")"
		continue
	fi
	if [ -n "$expect" ] && ! grep -qF -- "$expect" "$p.ref.out"; then
		fail "$name" "the reference output lacks '$expect' (the dump was not used as meant)"
		continue
	fi
	[ "$netid" = 1 ] && sed -i 's/^???/raw/' "$p.ref.out"
	compare_run "$name" "$p.ref" "$p.test" $errcmp
done <"$CASES"
[ "$n" -gt 0 ] || fail replay "no cases in $CASES"

kill "$live" 2>/dev/null
wait "$live" 2>/dev/null
exit 0
