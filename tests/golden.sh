#!/bin/bash
# tests/golden.sh - live comparison of the binary under test ($SS) with
# iproute2 6.1 (/usr/bin/ss) on the sockmix fixture.
#
# In a private network namespace: lo up, tests/sockmix holding a fixed socket
# population, then every case of tests/golden-cases.txt through both binaries
# (env -i PATH=... LC_ALL=C plus the case's own NAME=value words, stdin
# /dev/null, stdout a file); stdout bytes and exit status must be identical,
# and the first stderr line in error cases (tests/lib.sh compare_run).
# Needs root and /usr/bin/ss from iproute2 6.1.0, else the group is skipped.
#
# Case lines: [@err] [@resolve] [@pty=COLS] [@noargs] [NAME=value ...] ARGS
#   @err      also compare stderr
#   @resolve  -r (reverse DNS): skipped when a nameserver is on loopback,
#             since a query would land in the fixture's UDP port 53 queue,
#             and when the binary says -r is not in this build (SS_RESOLVE)
#   @dgram    u_dgr rows read from /proc: state normalised (norm_dgram)
#   @pty=N    run both on a pseudo-terminal N columns wide (tests/ptyrun)
#   @mptcp    needs the fixture's MPTCP sockets (skipped when sockmix could
#             not make them: no MPTCP in the kernel or net.mptcp.enabled 0)
#   @quiet    the binary under test must also print nothing on stderr
#             (where 6.1 prints noise we leave out: README differences)
#   @mask     timer times become T, digit runs N, blank runs one space in both outputs
#             (timers, skmem and queues change between the two runs)
# ARGS use shell quoting ('...' "..."), nothing is expanded; # starts a comment line.
#
# Every output that lists netlink sockets holds the dumping process's own
# NETLINK_SOCK_DIAG socket ("tcpdiag:ss/PID", "4:PID" with -n), whose pid,
# queue and place in the kernel's hash differ from run to run: that one row
# is dropped from both outputs before they are compared (drop_own_nl).

. "$(dirname "$0")/lib.sh"
. "$TESTS/sockmix.sh"

CASES=${GOLDEN_CASES:-$TESTS/golden-cases.txt}

if [ "${GOLDEN_INNER:-}" != 1 ]; then
	mix_can_run golden || exit 0
	build_helper ptyrun || { fail golden-build "ptyrun: $(head -c 300 "$OUT/ptyrun.build.log")"; exit 0; }
	exec timeout -k 5 "${GOLDEN_TIMEOUT:-240}" unshare -n env GOLDEN_INNER=1 bash "$0"
fi

mix_begin golden
t0=$SECONDS

pty_ok=1
"$OUT/ptyrun" 80 5 true 2>"$W/pty-probe.err" || pty_ok=0

dns_on_lo=0
grep -Eq '^[[:space:]]*nameserver[[:space:]]+(127\.|::1|0\.0\.0\.0)' /etc/resolv.conf 2>/dev/null && dns_on_lo=1

# the own sock_diag socket's row: protocol 4 with a positive port id
drop_own_nl() {
	sed -i -E '/(^|[[:space:]])(tcpdiag|4):([^[:space:]/]+\/)?[1-9][0-9]*([[:space:]]|$)/d' "$1"
}

n=0
while IFS= read -r line || [ -n "$line" ]; do
	line=${line%$'\r'}
	case "$line" in '' | \#*) continue ;; esac
	split_args "$line"
	errcmp= pty= resolve=0 mptcp=0 quiet=0 dgram=0 mask=0
	while [ ${#ARGV[@]} -gt 0 ]; do
		case "${ARGV[0]}" in
		@err) errcmp=stderr ;;
		@mptcp) mptcp=1 ;;
		@quiet) quiet=1 ;;
		@mask) mask=1 ;;
		@resolve) resolve=1 ;;
		@pty=*) pty=${ARGV[0]#@pty=} ;;
		@noargs) ;;	# ss with no arguments: the default view
		@dgram) dgram=1 ;;	# unix datagram state from /proc: norm_dgram
		*) break ;;
		esac
		ARGV=("${ARGV[@]:1}")
	done
	split_env
	name="golden $line"
	if [ "$resolve" = 1 ] && [ "$dns_on_lo" = 1 ]; then
		skip "$name" "a nameserver is on loopback (would disturb the UDP fixture)"
		continue
	fi
	if [ "$mptcp" = 1 ] && ! grep -q '^mptcp [1-9]' "$W/mix.out"; then
		skip "$name" "no MPTCP sockets in the fixture (kernel without MPTCP or net.mptcp.enabled 0)"
		continue
	fi
	if [ -n "$pty" ] && [ "$pty_ok" = 0 ]; then
		skip "$name" "no pseudo-terminal: $(first_line "$W/pty-probe.err")"
		continue
	fi
	n=$((n + 1))
	p=$W/c$n
	if [ -n "$pty" ]; then
		ARGV=("$pty" "$SS_TIMEOUT" "$REF" "${ARGV[@]}")
		run_ss "$OUT/ptyrun" "$p.ref"
		ARGV[2]=$SS
		run_ss "$OUT/ptyrun" "$p.test"
	else
		run_ss "$REF" "$p.ref"
		run_ss "$SS" "$p.test"
	fi
	if [ "$resolve" = 1 ] && [ "$(cat "$p.test.rc")" = 255 ] && grep -q 'not supported in this build' "$p.test.err"; then
		skip "$name" "-r is not in this build (SS_RESOLVE)"
		continue
	fi
	if [ "$quiet" = 1 ] && [ -s "$p.test.err" ]; then
		fail "$name" "stderr is not empty: $(first_line "$p.test.err")"
		continue
	fi
	drop_own_nl "$p.ref.out"
	drop_own_nl "$p.test.out"
	[ "$dgram" = 1 ] && norm_dgram "$p.ref.out" "$p.test.out"
	# sockmix's hostile names as we escape them (README)
	if LC_ALL=C grep -qaE $'[\x01-\x09\x0b-\x1f\x7f]|/ne$' "$p.ref.out"; then
		python3 "$TESTS/shown.py" "$p.ref.out"
	fi
	if [ "$mask" = 1 ]; then	# timers, queues, memory move between the two runs
		sed -i -E 's/timer:\(([a-z]+),[^,]*,/timer:(\1,T,/g; s/[0-9]+/N/g; s/[[:space:]]+/ /g' \
			"$p.ref.out" "$p.test.out"
	fi
	compare_run "$name" "$p.ref" "$p.test" $errcmp
done <"$CASES"

el=$((SECONDS - t0))
if [ "$el" -gt 50 ]; then
	fail golden-duration "the cases took ${el}s; TIME-WAIT sockets expire 60s after setup"
fi
exit 0
