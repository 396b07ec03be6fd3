#!/bin/bash
# tests/fallback.sh - the automatic /proc/net fallback (ss-behaviour §7.4).
#
# 1. On the sockmix fixture in a private namespace, the binary under test
#    runs under tests/nonetlink (socket(AF_NETLINK) fails, as in a sandbox
#    or on a kernel without sock_diag) and must print, unprompted, exactly
#    what iproute2 6.1 prints when told to read /proc (PROC_ROOT=/proc), and
#    for unix, packet and netlink what 6.1 prints sandboxed the same way.
# 2. On tests/procpop.py (FALLBACK_N, default 1500: some 4 000 TCP and 3 500
#    unix sockets, UDP, RAW, packet, netlink) in another namespace: the same
#    against 6.1 sandboxed, and the same rows as our own netlink path once
#    the differences /proc cannot avoid are normalised (norm_proc).
# Unix datagram states are normalised against 6.1 (norm_dgram, README).
# Needs root and /usr/bin/ss 6.1, else skipped.

. "$(dirname "$0")/lib.sh"
. "$TESTS/sockmix.sh"

CASES=('-tan' '-ta' '-tn' '-tln' '-uan' '-ua' '-wan' '-4 -tan' '-6 -tan' '-6 -uan'
	'-tuwan' '-tan state established' '-tan state time-wait' '-Htan' '-A inet -an'
	'-f inet6 -ln' '-t exclude listening')

if [ -z "${FALLBACK_INNER:-}" ]; then
	mix_can_run fallback || exit 0
	build_helper nonetlink || { fail fallback-build "$(head -c 300 "$OUT/nonetlink.build.log")"; exit 0; }
	if ! "$OUT/nonetlink" true 2>/dev/null; then
		skip fallback "seccomp filters cannot be installed here (or not x86-64)"
		exit 0
	fi
	timeout -k 5 120 unshare -n env FALLBACK_INNER=1 bash "$0"
	timeout -k 5 150 unshare -n env FALLBACK_INNER=2 bash "$0"
	exit 0
fi
# mask_timers FILE...: what changes between two runs of -o -e -i hidden: the
# time left on volatile timers and their probe counts, the minutes of long
# keepalive ones, rto and retrans of sockets retransmitting or probing (-i),
# and the padding that follows (blanks collapsed).
mask_timers() {
	local f
	for f in "$@"; do
		sed -E -e '/timer:\((on|persist),/s/ (rto|retrans|backoff):[^ ]*//g' \
			-e 's/timer:\((on|timewait|persist|unknown),[^,]*,[0-9]+\)/timer:(\1,T,N)/g' \
			-e 's/timer:\(keepalive,[0-9]+min,/timer:(keepalive,Nmin,/g' "$f" |
			awk '{ $1 = $1; print }' >"$f.m" && mv "$f.m" "$f"
	done
}

[ "$FALLBACK_INNER" = 2 ] && { . "$TESTS/fallback-pop.sh"; exit 0; }

mix_begin fallback

n=0

# -o -e -m (spec §7.8) on the sockmix rows (SYN-SENT with a retransmit
# timer, TIME-WAIT, a zero-window pair, listeners, UDP, RAW, unix, packet,
# netlink) and tests/tcptimers.py's (keepalive and persist timers), first,
# while sockmix's TIME-WAIT sockets live: ours under nonetlink against 6.1
# told to read /proc and 6.1 sandboxed the same way (not packet: 6.1 needs
# rtnetlink for interface names); mask_timers above.
mkfifo "$W/timers.in"
python3 "$TESTS/tcptimers.py" "$W/timers.ready" <"$W/timers.in" >"$W/timers.log" 2>&1 &
TIMERS=$!
exec {TIMERSFD}>"$W/timers.in"
trap 'exec {TIMERSFD}>&-; wait $TIMERS; mix_stop' EXIT
for i in $(seq 100); do
	[ -f "$W/timers.ready" ] && break
	kill -0 "$TIMERS" 2>/dev/null || break
	sleep 0.1
done
if [ ! -f "$W/timers.ready" ]; then
	fail fallback-details-setup "tests/tcptimers.py: $(head -c 300 "$W/timers.log")"
else
	for c in '-tno' '-tne' '-tnm' '-tnoe' '-tnoO' '-tanoe' '-tanoem' '-6 -tnoe' '-tnoe state time-wait' \
		'-tanoi' '-tanoeiO' \
		'-tne --tos --cgroup' '-une' '-uaneom' '-wane' '-xae' '-xam' '-xaeo' '-0ae' '-0aem' \
		'-f netlink -ae' '-f netlink -aem' '-f netlink -aeO' '-A tcp,udp,raw,unix,packet,netlink -aeo'; do
		for how in proc sandboxed; do
			case "$how $c" in
			sandboxed*-0* | sandboxed*packet*) continue ;;
			esac
			n=$((n + 1))
			sandboxed_pair $how "$c" $n
			norm_dgram "$W/r$n.out" "$W/t$n.out"
			python3 "$TESTS/shown.py" "$W/r$n.out"	# sockmix's hostile names, escaped
			mask_timers "$W/r$n.out" "$W/t$n.out"
			compare_run "fallback details (no netlink; 6.1 $how) $c" "$W/r$n" "$W/t$n"
		done
	done
fi
exec {TIMERSFD}>&-
wait $TIMERS
trap mix_stop EXIT

for c in "${CASES[@]}"; do
	n=$((n + 1))
	split_args "$c"
	ENVV=(PROC_ROOT=/proc)
	run_ss "$REF" "$W/r$n"
	ENVV=()
	ARGV=("$SS" "${ARGV[@]}")
	run_ss "$OUT/nonetlink" "$W/t$n"
	compare_run "fallback (no netlink) $c" "$W/r$n" "$W/t$n"
done

# a cgroup filter needs the kernel's CGROUP_COND: both sandboxed refuse it
# (the /proc text has no cgroup ids), stderr and status compared
split_args "-tan cgroup /"
ARGV=("$REF" "${ARGV[@]}")
run_ss "$OUT/nonetlink" "$W/ref-cg"
split_args "-tan cgroup /"
ARGV=("$SS" "${ARGV[@]}")
run_ss "$OUT/nonetlink" "$W/t-cg"
compare_run "fallback (no netlink) -tan cgroup / refused" "$W/ref-cg" "$W/t-cg" stderr

# and the reference itself, sandboxed the same way, agrees (the fixture is sound)
split_args "-tuwan"
ARGV=("$REF" "${ARGV[@]}")
run_ss "$OUT/nonetlink" "$W/ref-sandboxed"
split_args "-tuwan"
ENVV=(PROC_ROOT=/proc)
run_ss "$REF" "$W/ref-proc"
compare_run "fallback: iproute2 sandboxed = iproute2 PROC_ROOT" "$W/ref-proc" "$W/ref-sandboxed"

# unix, packet, netlink (hostile unix names among them) against 6.1 told to
# read /proc; sandboxed too where 6.1 can run so (it cannot name a packet
# socket's interface without rtnetlink: "Cannot open netlink socket", exit
# 1).  With a state filter the u_dgr rows are dropped: the states differ.
for c in '-xa' '-xan' '-x' '-0a' '-0' '-an' '-a' '-f netlink -a' '-A unix -l' '-xaH'; do
	for how in proc sandboxed; do
		case "$how $c" in
		sandboxed*-0* | sandboxed*-a | sandboxed*-an) continue ;;
		esac
		n=$((n + 1))
		sandboxed_pair $how "$c" $n
		case "$c" in
		-x | -A*-l) sed -i '/^u_dgr /d' "$W/r$n.out" "$W/t$n.out" ;;
		esac
		norm_dgram "$W/r$n.out" "$W/t$n.out"
		python3 "$TESTS/shown.py" "$W/r$n.out"	# sockmix's hostile names, escaped
		compare_run "fallback (no netlink; 6.1 $how) $c" "$W/r$n" "$W/t$n"
	done
done
exit 0
