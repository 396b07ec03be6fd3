#!/bin/bash
# tests/tcpinfo.sh - -i (spec §4.1-4.5, §5.9): the binary under test against
# iproute2 6.1 (/usr/bin/ss), byte for byte.
#
# Replayed (TCPDIAG_FILE, tests/gen_tcpinfo.py):
#   cases   every tcp_info word present and absent, short, empty and long
#           tcp_info, every rate band and the %.3g rounding edges (1e+03),
#           vegas, dctcp (both forms), bbr, congestion names, old and new
#           meminfo, LISTEN sacked, signed fields
#   random  rows of random values in every field (fixed seed)
#   big     enough -i rows to cross 6.1's 5 MiB output batches (spec §2.4):
#           the whole output, widths changing between batches
#   short   attributes shorter than their struct and a congestion name
#           without NUL or with control bytes: 6.1 reads bytes of earlier
#           messages there, so we compare with what we print
#           (tests/fixtures/expected/tcpinfo-short.out: zero-extended,
#           escaped; README, differences)
# Live, in a private network namespace: TCP connections with cubic, reno
# and bbr, data queued both ways, a listener, UDP; digits of lastsnd,
# lastrcv, lastack and timer times masked (they move between the runs).
# Needs iproute2 6.1 and python3 (root for the live part), else skipped.

. "$(dirname "$0")/lib.sh"

W=$OUT/tcpinfo
GEN=$TESTS/gen_tcpinfo.py
ARGS_REPLAY=('-Htnoie' '-tni' '-tnie' '-tnm' '-tnmi' '-tnoiO' '-ti' '-tioe' '-tmi' '-tiO'
	'-tnoime' '-Htmio' '-tni dport = :80' '-tnoi state established')
ARGS_LIVE=('-tni' '-tnie' '-tnmi' '-tnoi' '-tnoiO' '-tani' '-tuani' '-ti' '-Htnoiem')

# replay_set SET ARGS...: each ARGS through both binaries on SET's dump
replay_set() {
	local set=$1 a n=0
	shift
	for a in "$@"; do
		n=$((n + 1))
		split_args "$a"
		ENVV=("TCPDIAG_FILE=$W/$set.dump" PROC_IP_LOCAL_PORT_RANGE=/dev/null)
		run_ss "$REF" "$W/$set.$n.ref"
		run_ss "$SS" "$W/$set.$n.test"
		if ! grep -q "10\.9\." "$W/$set.$n.ref.out"; then
			fail "tcpinfo $set $a" "the reference printed no socket: $(first_line "$W/$set.$n.ref.err")"
			continue
		fi
		compare_run "tcpinfo $set $a" "$W/$set.$n.ref" "$W/$set.$n.test"
	done
}

if [ "${TCPINFO_INNER:-}" != 1 ]; then
	why=$(ref_ok) || { skip tcpinfo "$why"; exit 0; }
	command -v python3 >/dev/null || { skip tcpinfo "python3 is not installed"; exit 0; }
	rm -rf "$W"
	mkdir -p "$W"
	python3 "$GEN" cases "$W/cases.dump" &&
		python3 "$GEN" random "$W/random.dump" 1500 9 &&
		python3 "$GEN" short "$W/short.dump" &&
		python3 "$GEN" big "$W/big.dump" 9000 2>"$W/gen.err" ||
		{ fail tcpinfo-gen "$(head -c 300 "$W/gen.err")"; exit 0; }
	if "$SS" -tni -H </dev/null 2>&1 | grep -q 'not supported in this build'; then
		skip tcpinfo "-i is not in this build (SS_TCPINFO)"
		exit 0
	fi
	replay_set cases "${ARGS_REPLAY[@]}"
	replay_set random '-Htnoie' '-tnmi' '-tio' '-tiO'
	# beyond 5 MiB: 6.1 re-aligns per batch, so every byte must agree
	replay_set big '-tni' '-tie'
	big=$(wc -c <"$W/big.1.ref.out")
	[ "$big" -gt 5242880 ] || fail "tcpinfo big output" "only $big bytes: not past 6.1's 5 MiB batch"
	# 6.1 reads past short attributes: compared with our recorded output
	ENVV=("TCPDIAG_FILE=$W/short.dump")
	ARGV=(-tni)
	run_ss "$SS" "$W/short"
	if cmp -s "$TESTS/fixtures/expected/tcpinfo-short.out" "$W/short.out"; then
		pass "tcpinfo short attributes (zero-extended, name escaped)"
	else
		fail "tcpinfo short attributes (zero-extended, name escaped)" \
			"$(short_diff "$TESTS/fixtures/expected/tcpinfo-short.out" "$W/short.out")"
	fi
	# the 1e+03 edges really are in the cases (a generator change cannot lose them)
	for t in '1e+03kbps' '1e+03Mbps' '1e+03Gbps' 'dctcp:fallback_mode' 'dctcp:(ce_state' \
		'bbr:(bw:' 'reordering:-1' 'rwnd_limited:' 'mem:(r' 'skmem:(r'; do
		grep -qF -- "$t" "$W/cases.7.ref.out" "$W/cases.4.ref.out" ||
			fail "tcpinfo cases cover $t" "no '$t' in the reference output"
	done
	[ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null ||
		{ skip "tcpinfo live" "needs root, unshare and ip"; exit 0; }
	exec timeout -k 5 60 unshare -n env TCPINFO_INNER=1 bash "$0"
fi

# live: a population whose numbers stay put between the two runs but for
# the times since the last send, receive and ack
ip link set lo up
start_live "tcpinfo live" "$W/live.out" <<'EOF' || exit 0
import socket, sys, time
TCP_CONGESTION = 13
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(('127.0.0.1', 7000)); l.listen(8)
l6 = socket.socket(socket.AF_INET6); l6.bind(('::1', 7001)); l6.listen(8)
keep = [l, l6]
for i, cc in enumerate([b'cubic', b'reno', b'bbr', b'cubic', b'bbr']):
    c = socket.socket()
    c.setsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, cc)
    if i == 3:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    c.connect(('127.0.0.1', 7000))
    a, _ = l.accept()
    if i >= 1:
        c.sendall(b'q' * (1000 * i))
        a.recv(100)
    if i == 2:
        a.sendall(b'r' * 50000)
    keep += [c, a]
c6 = socket.create_connection(('::1', 7001)); a6, _ = l6.accept()
c6.sendall(b'x' * 3000); keep += [c6, a6]
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 7002))
keep.append(u)
time.sleep(0.3)
print('ready', flush=True)
time.sleep(40)
EOF
n=0
for a in "${ARGS_LIVE[@]}"; do
	n=$((n + 1))
	split_args "$a"
	ENVV=()
	run_ss "$REF" "$W/live.$n.ref"
	run_ss "$SS" "$W/live.$n.test"
	mask_moving "$W/live.$n.ref.out" "$W/live.$n.test.out"
	grep -q 'cwnd:' "$W/live.$n.ref.out" ||
		{ fail "tcpinfo live $a" "no tcp_info in the reference output"; continue; }
	compare_run "tcpinfo live $a" "$W/live.$n.ref" "$W/live.$n.test"
done
kill "$LIVE_PID" 2>/dev/null
wait "$LIVE_PID" 2>/dev/null
exit 0
