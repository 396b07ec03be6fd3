#!/bin/bash
# tests/configs.sh - the router build works too: allnoconfig (no long
# options, no /etc/services names, no -r, no terminal layout, short help)
# plus SS_PROCFS (the /proc/net fallback a router without inet_diag needs) is
# built in a copy of the tree and must print what /usr/bin/ss prints for
# numeric output on recorded input (no root needed); what allnoconfig leaves
# out must fail cleanly, a missing sock_diag included.

. "$(dirname "$0")/lib.sh"

W=$OUT/configs
rm -rf "$W"
mkdir -p "$W/tree"
why=$(ref_ok) || { skip configs "$why"; exit 0; }
top=$(cd "$TESTS/.." && pwd)
( cd "$top" && git ls-files -co --exclude-standard 2>/dev/null || find . -type f ) |
	grep -v '^tests/out/' | (cd "$top" && tar -cf - -T -) | tar -xf - -C "$W/tree"
if ! make -s -C "$W/tree" allnoconfig >"$W/build.log" 2>&1 ||
   ! make -s -C "$W/tree" ss >>"$W/build.log" 2>&1; then
	fail "configs allnoconfig (build)" "$(tail -n 5 "$W/build.log")"
	exit 0
fi
cp "$W/tree/ss" "$W/ss-allno"
if ! (cd "$W/tree" && sh config/kconf.sh only SS_PROCFS) >>"$W/build.log" 2>&1 ||
   ! make -s -C "$W/tree" ss >>"$W/build.log" 2>&1; then
	fail "configs allnoconfig+SS_PROCFS (build)" "$(tail -n 5 "$W/build.log")"
	exit 0
fi
BIN=$W/tree/ss
FX=$TESTS/fixtures
BASE=("TCPDIAG_FILE=$FX/dumps/mix-tan.dump" "PROC_IP_LOCAL_PORT_RANGE=$FX/range/default"
	"PROC_NET_UDP=$FX/proc/mix/net/udp" "PROC_NET_UDP6=$FX/proc/mix/net/udp6"
	"PROC_NET_RAW=$FX/proc/mix/net/raw" "PROC_NET_RAW6=$FX/proc/mix/net/raw6")

n=0
for c in '-tan' '-tn' '-Htan' '-tuan' '-tuwan' '-4 -uan' '-6 -uan' '-wn -a' \
	'-A tcp,udp -n state listening' '-n -t exclude established' '-ua -n -O'; do
	split_args "$c"
	ENVV=("${BASE[@]}")
	n=$((n + 1))
	run_ss "$REF" "$W/r$n"
	run_ss "$BIN" "$W/t$n"
	compare_run "configs allnoconfig+SS_PROCFS $c" "$W/r$n" "$W/t$n"
done
BIN=$W/ss-allno

# without SS_PROCFS a table sock_diag cannot dump is an error, not silence
if build_helper nonetlink && "$OUT/nonetlink" true 2>/dev/null; then
	for c in '-uan' '-tan' '-wn -a'; do
		split_args "$c"
		ENVV=()
		ARGV=("$BIN" "${ARGV[@]}")
		n=$((n + 1))
		run_ss "$OUT/nonetlink" "$W/t$n"
		if [ "$(cat "$W/t$n.rc")" = 1 ] && grep -q '^ss: .*SS_PROCFS' "$W/t$n.err" &&
		   [ "$(wc -l <"$W/t$n.out")" = 1 ]; then
			pass "configs allnoconfig without netlink: error for $c"
		else
			fail "configs allnoconfig without netlink: error for $c" \
				"exit $(cat "$W/t$n.rc"), $(wc -l <"$W/t$n.out") lines, stderr $(head -c 200 "$W/t$n.err")"
		fi
	done
else
	skip "configs allnoconfig without netlink" "seccomp filters cannot be installed here"
fi

# left out of this build: must say so and exit 255, printing nothing
for c in '--tcp' '-r' '-x' '-tp' '-0' '-S' '-M' '-f unix' '-f link' '-f netlink' '-A unix' \
	'-A u_str' '-A packet' '-A netlink' '-A vsock' '-A tipc' '-A xdp' '-A sctp' '-tT' '-s' \
	'-t dport = :22' '-t -F /dev/null' '-D - -t' \
	'-te' '-to' '-tm' '-t --tos' '-ti' '-t --info'; do
	split_args "$c"
	ENVV=()
	n=$((n + 1))
	run_ss "$BIN" "$W/t$n"
	if [ "$(cat "$W/t$n.rc")" = 255 ] && [ ! -s "$W/t$n.out" ] && [ -s "$W/t$n.err" ]; then
		pass "configs allnoconfig refuses $c"
	else
		fail "configs allnoconfig refuses $c" "exit $(cat "$W/t$n.rc"), stdout $(wc -c <"$W/t$n.out") bytes"
	fi
done

# families compiled out are absent from the help text
"$BIN" -h >"$W/help.out" 2>&1
if grep -qE -- '-x, --unix|-0, --packet|-S, --sctp|-M, --mptcp|[|{](unix|netlink|link|vsock|xdp|tipc|sctp|mptcp)[|}]' "$W/help.out"; then
	fail "configs allnoconfig -h lists no switched-off family" "$(head -c 300 "$W/help.out")"
else
	pass "configs allnoconfig -h lists no switched-off family"
fi
