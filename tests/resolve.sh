#!/bin/bash
# tests/resolve.sh - -r (SS_RESOLVE): /etc/hosts, /etc/resolv.conf and DNS
# answers read as glibc 2.36 "hosts: files dns" reads them, compared with
# iproute2 6.1 (/usr/bin/ss -r) byte for byte.
#
# In a private network and mount namespace: lo up, tests/dnsfake.py serving
# PTR answers from a table on 127.0.0.1-3 port 53 (hostile names, wrong
# owners, wrong IDs, SERVFAIL, silence, truncation, NXDOMAIN...), test copies
# bind-mounted over /etc/hosts and /etc/resolv.conf, and tests/sockhold.py
# holding UDP sockets on the addresses a case asks about.  Each case runs
# both binaries (-rnua, bounded by a timeout) and compares stdout, status and
# the queries the server saw (the reference's query for 0.0.0.0 aside: we
# never look the unspecified address up).  Needs root, iproute2 6.1, unshare,
# ip and /usr/bin/python3, else SKIP.

. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
if [ "${RESOLVE_INNER:-}" != 1 ]; then
	[ "$(id -u)" = 0 ] || { skip resolve "needs root for namespaces"; exit 0; }
	why=$(ref_ok) || { skip resolve "$why"; exit 0; }
	for t in unshare ip mount; do
		command -v $t >/dev/null || { skip resolve "no $t"; exit 0; }
	done
	[ -x $PY ] || { skip resolve "no $PY"; exit 0; }
	exec timeout -k 5 "${RESOLVE_TIMEOUT:-120}" unshare -n -m env RESOLVE_INNER=1 bash "$0"
fi

W=$OUT/resolve
rm -rf "$W"
mkdir -p "$W"
SS_TIMEOUT=15
DNS_PID= HOLD_PID=
cleanup() {
	[ -n "$HOLD_PID" ] && kill "$HOLD_PID" 2>/dev/null
	[ -n "$DNS_PID" ] && kill "$DNS_PID" 2>/dev/null
	wait 2>/dev/null
}
trap cleanup EXIT

setup() {
	ip link set lo up || return 1
	local a
	for a in fd00::1 fd00::2 fd00::3 ::127.0.1.1; do
		ip -6 addr add "$a/128" dev lo nodad || return 1
	done
	mount --make-rprivate / || return 1
	: >"$W/hosts"
	: >"$W/resolv"
	mount --bind "$W/hosts" /etc/hosts || return 1
	mount --bind "$W/resolv" /etc/resolv.conf || return 1
	$PY "$TESTS/dnsfake.py" "$W/dns.log" "$W/dns.ready" >/dev/null 2>"$W/dns.err" &
	DNS_PID=$!
	for a in $(seq 50); do
		[ -f "$W/dns.ready" ] && return 0
		sleep 0.1
	done
	echo "dnsfake not ready: $(head -c 300 "$W/dns.err")"
	return 1
}
if ! setup >"$W/setup.log" 2>&1; then
	skip resolve "namespace set-up failed: $(head -c 300 "$W/setup.log")"
	exit 0
fi
printf 'nameserver 127.0.0.1\n' >/etc/resolv.conf
ENVV=() ARGV=(-rnua)
run_ss "$SS" "$W/probe"
if [ "$(cat "$W/probe.rc")" = 255 ] && grep -q -- '-r' "$W/probe.err"; then
	skip resolve "-r is not in this build (SS_RESOLVE)"
	exit 0
fi

# hold ADDR... : the sockets of the next case (see sockhold.py)
hold() {
	[ -n "$HOLD_PID" ] && kill "$HOLD_PID" 2>/dev/null && wait "$HOLD_PID" 2>/dev/null
	rm -f "$W/hold.ready"
	$PY "$TESTS/sockhold.py" "$W/hold.ready" "$@" >/dev/null 2>"$W/hold.err" &
	HOLD_PID=$!
	local i
	for i in $(seq 50); do
		[ -f "$W/hold.ready" ] && return 0
		sleep 0.1
	done
	fail "resolve-hold $*" "sockhold: $(head -c 300 "$W/hold.err")"
	return 1
}

# queries PREFIX: the log since the last run, "SERVER PROTO QNAME" sorted
queries() {
	sleep 0.05
	cut -d' ' -f1-3 "$W/dns.log" 2>/dev/null | sort >"$1.q"
	: >"$W/dns.log"
}

# rcase NAME [env NAME=value...] -- : runs both binaries with -rnua on the
# current files and sockets; compares output, status and queries.
# MAXSECS (optional) bounds our wall time.
rcase() {
	local name="resolve $1" e=$W/ref a=$W/act t0 t1 ms what=()
	shift
	ENVV=("$@") ARGV=(-rnua)
	: >"$W/dns.log"
	run_ss "$REF" "$e"
	queries "$e"
	t0=$(date +%s%N)
	run_ss "$SS" "$a"
	t1=$(date +%s%N)
	queries "$a"
	ms=$(((t1 - t0) / 1000000))
	if [ "$(cat "$e.rc")" != 0 ] || [ ! -s "$e.out" ]; then
		fail "$name" "reference run failed (status $(cat "$e.rc")): $(head -c 200 "$e.err")"
		return
	fi
	grep -v ' 0\.0\.0\.0\.in-addr\.arpa$' "$e.q" >"$e.q2"
	if grep -q -e ' 0\.0\.0\.0\.in-addr\.arpa$' -e ' \(0\.\)\{32\}ip6\.arpa$' "$a.q"; then
		what+=("queried the unspecified address:" "$(grep -e ' 0\.0\.0\.0\.in' -e ' \(0\.\)\{32\}ip6' "$a.q" | head -3)")
	fi
	if ! cmp -s "$e.q2" "$a.q"; then
		what+=("queries differ:")
		mapfile -t -O ${#what[@]} what < <(diff "$e.q2" "$a.q" | head -8)
	fi
	if [ -n "${MAXSECS:-}" ] && [ "$ms" -gt $((MAXSECS * 1000)) ]; then
		what+=("took ${ms} ms, more than ${MAXSECS} s")
	fi
	if [ ${#what[@]} -gt 0 ]; then
		fail "$name" "${what[@]}"
		return
	fi
	compare_run "$name" "$e" "$a"
}

conf() { printf "$1" >/etc/resolv.conf; }

# --- DNS answers -------------------------------------------------------
conf 'nameserver 127.0.0.1\nnameserver 127.0.0.2\noptions timeout:1 attempts:1\n'
printf '127.0.0.1 localhost\n' >/etc/hosts
quick=()
for i in $(seq 1 23) 25 26 27 29 30 31 32 33 34 35 36 37 38 39 40 41 42 44; do
	quick+=("127.0.1.$i")
done
# hostile and valid names, wrong owner, CNAME chain, other question, ID
# flood then the answer, SERVFAIL/REFUSED/NOTIMP then server B, NXDOMAIN,
# truncation (TCP), FORMERR, classes, compression, loops; IPv6 names, an
# IPv4-compatible address (asked as IPv4), the unspecified addresses
hold "${quick[@]}" fd00::1 fd00::2 ::127.0.1.1 0.0.0.0 :: "[::]" \
	"[::]>::ffff:127.0.1.1" "127.0.0.5>127.0.1.40" && MAXSECS=3 rcase "dns answers"

# silence, wrong IDs for 2.5 s that must not extend a 1 s wait, and a TCP
# server that says nothing for 2 s (glibc waits for it; we wait 1 s)
hold 127.0.1.24 127.0.1.28 127.0.1.45 && MAXSECS=5 rcase "silence, ID flood, silent TCP"

# --- /etc/resolv.conf ----------------------------------------------------
hold 127.0.1.42 127.0.1.40 127.0.1.41
conf 'nameserver 127.0.0.1\nnameserver 127.0.0.2\noptions timeout:1 attempts:99\n'
MAXSECS=3 rcase "attempts capped at 5"
conf 'nameserver 127.0.0.1\noptions attempts:-1\n'
rcase "attempts:-1 asks nobody"
conf 'nameserver 127.0.0.1\n'
rcase "RES_OPTIONS attempts:0" RES_OPTIONS=attempts:0
conf 'nameserver 127.0.0.2\r\n'
rcase "CRLF nameserver line ignored (default 127.0.0.1)"
conf '; c\n#nameserver 127.0.0.2\n nameserver 127.0.0.2\nnameserver 127.0.0.03 # octal\nnameserver 127.1\n'
rcase "nameserver lines as inet_aton reads them"
conf 'nameserver 999.0.0.1\nnameserver 127.0.0.1%%lo\nnameserver 127.0.0.2\nnameserver 127.0.0.3\n'
rcase "bad nameserver, then the first three"
conf 'nameserver 127.0.0.3\noptions use-vc\n'
rcase "options use-vc"
# rotate: glibc starts each lookup at a random server, so over 12 runs both
# binaries must have been answered by more than one of A, B and C
conf 'nameserver 127.0.0.1\nnameserver 127.0.0.2\nnameserver 127.0.0.3\noptions rotate\n'
hold 127.0.1.40 && {
	ENVV=() ARGV=(-rnua)
	for bin in "$REF" "$SS"; do
		for i in $(seq 12); do
			run_ss "$bin" "$W/rot"
			grep -o ' [abc]\.example:' "$W/rot.out"
		done | sort -u >"$W/rot.names"
		echo "$(wc -l <"$W/rot.names")"
	done >"$W/rot.count"
	: >"$W/dns.log"
	if [ "$(sed -n 1p "$W/rot.count")" -lt 2 ]; then
		fail "resolve options rotate" "the reference answered from one server only (rotate not in effect?)"
	elif [ "$(sed -n 2p "$W/rot.count")" -lt 2 ]; then
		fail "resolve options rotate" "12 lookups, all answered by the same server"
	else
		pass "resolve options rotate"
	fi
}

hold 127.0.1.43
conf 'nameserver 127.0.0.1\noptions timeout:4294967297 attempts:1\n'
MAXSECS=3 rcase "timeout wraps as glibc's atoi (1 s)"
conf 'nameserver 127.0.0.1\noptions attempts:1 timeout:-99999999999999999999\n'
MAXSECS=3 rcase "timeout saturates as glibc's atoi (1 s)"

# --- /etc/hosts -----------------------------------------------------------
conf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n'
long300=$(printf 'h%.0s' $(seq 300))
long5k=$(printf 'k%.0s' $(seq 5000))
colon=$(printf 'c:%.0s' $(seq 600))
{
	printf '# a hosts file over 64 KiB: the interesting lines are at its end\n'
	for i in $(seq 1500); do
		printf '10.%d.%d.1 filler%d.example filler-alias%d\n' $((i / 250)) $((i % 250)) "$i" "$i"
	done
	printf '::1 six-loop ip6-localhost\n127.0.0.1 localhost\n'
	printf '127.0.2.1\tcrlf-tab\r\n127.0.2.2\vvtab\fformfeed\n'
	printf '127.0.02.3 leading-zero\n127.0.2.3 no-leading-zero\n127.000.2.4 zeros\n'
	printf '::ffff:127.0.2.5 mapped\n 127.0.2.6 leading-blank\n#127.0.2.7 comment\n'
	printf '127.0.2.8 v4:colon\n127.0.2.9 %s\n127.0.2.10 %s\n' "$long300" "$long5k"
	printf '127.0.2.11 nul\0after\n127.0.2.11 later\n127.0.2.12 caf\303\251\n'
	printf '::127.0.1.1 compat6\nfd00::3 %s\n256.0.2.13 bad\n127.0.2.13 good13\n' "$colon"
	printf 'fd00::1:2:3:4:5:6:7 toolong\n1::2::3 twogaps\nfd00::2 last-line-no-newline'
} >/etc/hosts
hosts=(127.0.2.1 127.0.2.2 127.0.2.3 127.0.2.4 127.0.2.5 127.0.2.6 127.0.2.7 127.0.2.8
	127.0.2.9 127.0.2.10 127.0.2.11 127.0.2.12 127.0.2.13 ::127.0.1.1 fd00::3 fd00::2 ::1)
size=$(stat -c %s /etc/hosts)
hold "${hosts[@]}" "[::]>::ffff:127.0.2.5" "127.0.0.1>127.0.0.1" && rcase "hosts file of $size bytes"

# Where 6.1 prints an empty host (no name on the line) or a control byte,
# we print the number (README "Differences from iproute2").  And:
# glibc 2.36 moves an indented line left without its end, so 6.1 reads
# "  ADDR ab<NUL>cd" as "abab" and a last "  ADDR abc" without a newline as
# "abcbc": we print "ab" and "abc".
printf '127.0.2.20\n127.0.2.21 # no name\n127.0.2.22 esc\033[31mred\n127.0.2.23 del\177x\n  127.0.2.24 ab\0cd\n  127.0.2.25 abc' >/etc/hosts
if hold 127.0.2.20 127.0.2.21 127.0.2.22 127.0.2.23 127.0.2.24 127.0.2.25; then
	ENVV=() ARGV=(-rnua)
	run_ss "$SS" "$W/diff"
	queries "$W/diff"
	miss=()
	for i in 20 21 22 23; do
		grep -q " 127\.0\.2\.$i:70" "$W/diff.out" || miss+=("127.0.2.$i not printed as a number")
	done
	grep -q ' ab:7004 ' "$W/diff.out" || miss+=("127.0.2.24 is not ab")
	grep -q ' abc:7005 ' "$W/diff.out" || miss+=("127.0.2.25 is not abc")
	grep -q "$(printf '\033')\|$(printf '\177')" "$W/diff.out" && miss+=("a control byte reached the output")
	grep -q '\.2\.0\.127\.in-addr' "$W/diff.q" &&
		miss+=("asked DNS though /etc/hosts has the address: $(grep '\.2\.0\.127' "$W/diff.q" | head -1)")
	if [ ${#miss[@]} -eq 0 ] && [ "$(cat "$W/diff.rc")" = 0 ]; then
		pass "resolve hosts lines 6.1 prints wrongly"
	else
		fail "resolve hosts lines 6.1 prints wrongly" "${miss[@]}" "status $(cat "$W/diff.rc")"
	fi
fi

# --- the parsers, directly -------------------------------------------------
cc -std=c11 -D_GNU_SOURCE -I"$TESTS/../include" -I"$TESTS/../lib" -I"$TESTS/../applet" -I"$TESTS/../build" \
	-o "$W/resolve_unit" "$TESTS/resolve_unit.c" "$TESTS/../lib/env.c" "$TESTS/../applet/fmt.c" 2>"$W/unit.log"
if [ ! -x "$W/resolve_unit" ]; then
	fail "resolve parsers" "cannot build tests/resolve_unit.c: $(head -c 300 "$W/unit.log")"
elif "$W/resolve_unit" >"$W/unit.out" 2>&1; then
	pass "resolve parsers ($(wc -l <"$W/unit.out") checks)"
else
	mapfile -t lines < <(grep -v '^ok' "$W/unit.out" | head -10)
	fail "resolve parsers" "${lines[@]}"
fi
exit 0
