#!/bin/bash
# tests/fallback.sh - the automatic /proc/net fallback (ss-behaviour §7.4).
#
# On the sockmix fixture in a private namespace, the binary under test runs
# under tests/nonetlink (socket(AF_NETLINK) fails, as in a sandbox or on a
# kernel without sock_diag) and must print, unprompted, exactly what
# iproute2 6.1 prints when told to read /proc (PROC_ROOT=/proc).
# Needs root and /usr/bin/ss 6.1, else skipped.

. "$(dirname "$0")/lib.sh"
. "$TESTS/sockmix.sh"

CASES=('-tan' '-ta' '-tn' '-tln' '-uan' '-ua' '-wan' '-4 -tan' '-6 -tan' '-6 -uan'
	'-tuwan' '-tan state established' '-tan state time-wait' '-Htan' '-A inet -an'
	'-f inet6 -ln' '-t exclude listening')

if [ "${FALLBACK_INNER:-}" != 1 ]; then
	mix_can_run fallback || exit 0
	build_helper nonetlink || { fail fallback-build "$(head -c 300 "$OUT/nonetlink.build.log")"; exit 0; }
	if ! "$OUT/nonetlink" true 2>/dev/null; then
		skip fallback "seccomp filters cannot be installed here (or not x86-64)"
		exit 0
	fi
	exec timeout -k 5 120 unshare -n env FALLBACK_INNER=1 bash "$0"
fi

mix_begin fallback

n=0
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

# and the reference itself, sandboxed the same way, agrees (the fixture is sound)
split_args "-tuwan"
ARGV=("$REF" "${ARGV[@]}")
run_ss "$OUT/nonetlink" "$W/ref-sandboxed"
split_args "-tuwan"
ENVV=(PROC_ROOT=/proc)
run_ss "$REF" "$W/ref-proc"
compare_run "fallback: iproute2 sandboxed = iproute2 PROC_ROOT" "$W/ref-proc" "$W/ref-sandboxed"
exit 0
