#!/bin/bash
# tests/procmap.sh - -p / -T (process map) and -s (summary) against
# iproute2 6.1 (/usr/bin/ss).
#
# 1. summary: fixed PROC_NET_SOCKSTAT / SOCKSTAT6 / SNMP files, well formed
#    and malformed (long lines, missing keys and files, signs, overflow, NUL
#    bytes, no newline, a directory): stdout, stderr and exit status.
# 2. tree: a made-up PROC_ROOT (PID/fd/N symlinks to "socket:[INODE]",
#    PID/stat, net/tcp) with odd pids, fds, links and names, exact for plain
#    names; names with quotes, backslashes or control bytes differ only by
#    our escaping (README), which is undone before comparing (and trailing
#    blanks, whose width follows the escaped text, are dropped).
# 3. live (root): tests/procmix.py in a private namespace (processes and
#    threads sharing sockets), the same cases, exact with plain names and
#    unescaped with hostile ones; ss -s with every number masked; and no
#    /proc scan (no getdents64) when nothing printed needs the map.

. "$(dirname "$0")/lib.sh"

W=$OUT/procmap
why=$(ref_ok) || { skip procmap "$why"; exit 0; }
if [ "${PROCMAP_INNER:-}" != 1 ]; then
	rm -rf "$W"
	mkdir -p "$W"
fi

# ours_unescaped FILE: undo \ooo \" \\ (our name escaping) in place
unescape() {
	python3 - "$1" <<'PY'
import re, sys
p = sys.argv[1]
b = open(p, 'rb').read()
b = re.sub(rb'\\([0-7]{3}|["\\])', lambda m: bytes([int(m.group(1), 8)]) if len(m.group(1)) == 3 else m.group(1), b)
open(p, 'wb').write(b)
PY
}

# compare_unescaped NAME REF TEST: as compare_run, after undoing our escaping
# in TEST and dropping trailing blanks in both
compare_unescaped() {
	unescape "$3.out"
	sed -i 's/[ ]*$//' "$2.out" "$3.out"
	compare_run "$1" "$2" "$3"
}

n=0
# case NAME MODE ARGS...: ENVV set by the caller; MODE exact|unescaped|stderr
case_run() {
	local name=$1 mode=$2
	shift 2
	ARGV=("$@")
	n=$((n + 1))
	run_ss "$REF" "$W/c$n.ref"
	run_ss "$SS" "$W/c$n.test"
	case $mode in
	exact) compare_run "$name" "$W/c$n.ref" "$W/c$n.test" ;;
	stderr) compare_run "$name" "$W/c$n.ref" "$W/c$n.test" stderr ;;
	unescaped) compare_unescaped "$name" "$W/c$n.ref" "$W/c$n.test" ;;
	esac
}

summary_cases() {
	local d=$W/sum
	mkdir -p "$d/dir"
	printf 'sockets: used 28\nTCP: inuse 5 orphan 1 tw 3 alloc 10 mem 2\nUDP: inuse 3 mem 0\nUDPLITE: inuse 0\nRAW: inuse 1\nFRAG: inuse 2 memory 7\n' >"$d/s4"
	printf 'TCP6: inuse 6\nUDP6: inuse 1\nUDPLITE6: inuse 0\nRAW6: inuse 1\nFRAG6: inuse 4 memory 0\n' >"$d/s6"
	printf 'Ip: Forwarding DefaultTTL\nIp: 2 64\nTcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs\nTcp: 1 200 120000 -1 12 2 0 0 6 525\nUdp: InDatagrams\nUdp: 1\n' >"$d/snmp"
	# malformed sockstat: huge, negative and overflowing numbers, tabs,
	# leading blanks, a key line without values, a line over 255 bytes whose
	# tail is read as a line of its own, trailing junk, no final newline
	{
		printf 'sockets: used 99999999999999999999\n'
		printf 'TCP: inuse -5 orphan +7 tw 4294967297 alloc 2147483647 mem x\n'
		printf ' UDP: inuse 8\nRAW:\tinuse 3\nRAW6:\nFRAG: inuse\n'
		printf 'UDP6: inuse 12junk\nTCP6: %0300d\n' 0
		printf 'x%0245dRAW: inuse 77\n' 0
		printf 'FRAG6: inuse 3 memory 9'
	} >"$d/bad4"
	printf 'TCP: inuse 1 orphan 2\nTCP: inuse 9\nsockets: used -1\nUDP: inuse 5\0junk 7\nRAW6: inuse 0x10\n\n\n' >"$d/bad6"
	printf 'Tcp: RtoAlgorithm RtoMin\nTcp: 1 200\n' >"$d/snmp-nokey"
	printf 'Tcp: RtoAlgorithm CurrEstab\n' >"$d/snmp-novalue"
	printf 'Tcp: CurrEstab\nUdp: 1 2\n' >"$d/snmp-mismatch"
	printf 'Tcp:CurrEstab\nTcp: 5\nTcp: A CurrEstab\nTcp: 1 -17 9\n' >"$d/snmp-second"
	printf 'Tcp: A CurrEstab\nTcp: 1 99999999999\n' >"$d/snmp-big"
	{ printf 'Tcp: %01100d CurrEstab\nTcp: 1 2 3\n' 0; } >"$d/snmp-long"
	printf 'Tcp: A CurrEstabX CurrEstab\nTcp: 1 2 3\n' >"$d/snmp-prefix"
	local s4 s6 sn c
	for c in "s4 s6 snmp" "bad4 s6 snmp" "s4 bad6 snmp" "bad4 bad6 snmp" "s4 missing snmp" \
		"missing s6 snmp" "missing missing missing" "s4 s6 missing" "dir s6 snmp" "s4 s6 dir" \
		"s4 s6 snmp-nokey" "s4 s6 snmp-novalue" "s4 s6 snmp-mismatch" "s4 s6 snmp-second" \
		"s4 s6 snmp-big" "s4 s6 snmp-long" "s4 s6 snmp-prefix" "s4 /dev/null /dev/null"; do
		read -r s4 s6 sn <<<"$c"
		ENVV=("PROC_NET_SOCKSTAT=${s4/#[a-z]/$d/${s4:0:1}}" "PROC_NET_SOCKSTAT6=$d/$s6" "PROC_NET_SNMP=$d/$sn")
		case $s4 in /*) ENVV[0]=PROC_NET_SOCKSTAT=$s4 ;; *) ENVV[0]=PROC_NET_SOCKSTAT=$d/$s4 ;; esac
		case $s6 in /*) ENVV[1]=PROC_NET_SOCKSTAT6=$s6 ;; esac
		case $sn in /*) ENVV[2]=PROC_NET_SNMP=$sn ;; esac
		case_run "procmap -s [$c]" stderr -s
	done
	ENVV=("PROC_NET_SOCKSTAT=$d/bad4" "PROC_NET_SOCKSTAT6=$d/s6" "PROC_NET_SNMP=$d/snmp")
	case_run "procmap -s -a [bad4]" stderr -s -a
	case_run "procmap -sp [bad4]" stderr -sp
	case_run "procmap --summary [bad4]" stderr --summary
	case_run "procmap -s state bogus (summary, then the error)" stderr -s state bogus
	case_run "procmap -s -A '!tcp' (summary, then no tables)" stderr -s -A '!tcp'
	ENVV+=("PROC_NET_TCP=/dev/null" "PROC_NET_TCP6=/dev/null" "PROC_NET_UDP=/dev/null" "PROC_NET_UDP6=/dev/null")
	case_run "procmap -s -tu (summary, then the list)" stderr -s -tu
	case_run "procmap -s -tp state listening" stderr -s -tp state listening
	ENVV=("PROC_ROOT=$d")
	case_run "procmap -s PROC_ROOT (none there)" stderr -s
}

# mk ROOT PID STAT FD:TARGET...: a made-up process in a made-up /proc
mk() {
	local root=$1 pid=$2 stat=$3 f
	shift 3
	mkdir -p "$root/$pid/fd"
	printf '%s' "$stat" >"$root/$pid/stat"
	for f in "$@"; do ln -s "${f#*:}" "$root/$pid/fd/${f%%:*}"; done
}

# tcp_file FILE INODE...: LISTEN sockets 127.0.0.1:7000+i with those inodes
tcp_file() {
	local f=$1 i=0 ino
	shift
	echo "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode" >"$f"
	for ino in "$@"; do
		printf '   %d: 0100007F:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 %s 1 0000000000000000 100 0 0 10 0\n' \
			"$i" $((7000 + i)) "$ino" >>"$f"
		i=$((i + 1))
	done
}

tree_cases() {
	local c=$W/clean h=$W/hostile a
	mkdir -p "$c/net" "$h/net"
	# plain names: shared sockets, odd directory names ("007" and "12abc"
	# are read as pids 7 and 12), odd links, a stat that does not parse
	mk "$c" 100 '100 (plain) S 1' 3:'socket:[1001]' 4:'socket:[1002]' 5:'pipe:[9]' 6:/dev/null
	mk "$c" 200 '200 (a b) c) S 1' 3:'socket:[1001]' 7:'socket:[1003]'
	mk "$c" 007 '7 (seven) S' 3:'socket:[1004]'
	mk "$c" 12abc '12 (twelve) S' 3:'socket:[1004]'
	mk "$c" 12 '12 (real12) S' 3:'socket:[1004]' 4:'socket:[1005]'
	mk "$c" 7 '7 (seven7) S' 9:'socket:[1004]'
	mk "$c" 400 'garbage' 3:'socket:[1005]'
	mk "$c" 401 '401 () S' 3:'socket:[1005]' 4:'socket:[1006]'
	mk "$c" 402 '  402   (sp ace) S' 3:'socket:[ 1006]' 4:'socket:[-4294966290]' 05:'socket:[1006]' \
		6x:'socket:[1007]' 7:'socket:[abc]' 8:'socket:[99999999999999999999]' 9:'socket:[4294968303]' \
		10:'socket:[1008' 11:'socket[1008]' 12:'socket:[+1008]'
	mk "$c" 403 '403 (fifteen_chars_x) S' 3:'socket:[1008]' 4:'socket:[0]'
	mkdir -p "$c/404/fd" "$c/self/fd" "$c/405"
	ln -s 'socket:[1001]' "$c/404/fd/3"
	ln -s 'socket:[1001]' "$c/self/fd/3"
	mkdir -p "$c/500/fd" "$c/500/task/500/fd" "$c/500/task/501" "$c/500/task/502x" "$c/501/fd" "$c/502/fd"
	printf '500 (main) S' >"$c/500/stat"
	printf '501 (worker) S' >"$c/501/stat"
	printf '502 (other) S' >"$c/502/stat"
	ln -s 'socket:[1009]' "$c/500/fd/3"
	ln -s 'socket:[1009]' "$c/501/fd/3"
	ln -s 'socket:[1009]' "$c/501/fd/4"
	tcp_file "$c/net/tcp" 1001 1002 1003 1004 1005 1006 1007 1008 4294967295 0 1009 1111
	: >"$c/net/tcp6"
	# hostile names
	mk "$h" 300 '300 (x",pid=1,fd=3),("y) S' 3:'socket:[1001]'
	mk "$h" 301 $'301 (ctl\tx) S' 3:'socket:[1001]' 4:'socket:[1002]'
	mk "$h" 302 $'302 (nl\nx) S' 3:'socket:[1002]'
	mk "$h" 303 '303 (esc\q) S' 3:'socket:[1003]'
	mk "$h" 304 $'304 (\e[31mred\x7f) S' 3:'socket:[1003]'
	mk "$h" 305 $'305 (\xc3\xa9t\xc3\xa9) S' 3:'socket:[1003]'
	# every control byte, and bytes from 0x80 (kept as they are)
	mk "$h" 306 "306 ($(printf '\001\002\003\004\005\006\007\010\011\013\014\015\016\017'))" 3:'socket:[1004]'
	mk "$h" 307 "307 ($(printf '\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037\177'))" 3:'socket:[1004]'
	mk "$h" 308 "308 ($(printf '\200\233\237\240\377"\\\\'))" 3:'socket:[1004]'
	tcp_file "$h/net/tcp" 1001 1002 1003 1004
	: >"$h/net/tcp6"
	for a in -tlnp -tlnT -tlnpT -ltp '-s -tlnp' -tlnpO -Htlnp; do
		ENVV=("PROC_ROOT=$c" "PROC_NET_SOCKSTAT=/dev/null" "PROC_NET_SNMP=/dev/null")
		split_args "$a"
		case_run "procmap tree $a" exact "${ARGV[@]}"
		ENVV=("PROC_ROOT=$h" "PROC_NET_SOCKSTAT=/dev/null" "PROC_NET_SNMP=/dev/null")
		split_args "$a"
		case_run "procmap tree hostile $a (unescaped)" unescaped "${ARGV[@]}"
	done
	ENVV=("PROC_ROOT=$c/" "PROC_NET_TCP=$c/net/tcp")
	case_run "procmap tree PROC_ROOT with a slash" exact -tlnp
}

# not root: only the caller's own processes are readable, the others are
# skipped quietly (a nobody-owned listener beside procmix's root-owned ones)
unprivileged() {
	local py=/usr/bin/python3 upid a
	if ! command -v setpriv >/dev/null 2>&1 || [ ! -x "$py" ]; then
		skip "procmap live unprivileged" "needs setpriv and /usr/bin/python3"
		return
	fi
	if ! setpriv --reuid=65534 --regid=65534 --clear-groups "$SS" -V >/dev/null 2>&1; then
		skip "procmap live unprivileged" "user nobody cannot run $SS (a directory on its path is private)"
		return
	fi
	setpriv --reuid=65534 --regid=65534 --clear-groups "$py" -c \
		'import socket, time; s = socket.socket(); s.bind(("127.0.0.1", 7999)); s.listen(); print("ready", flush=True); time.sleep(20)' \
		>"$W/nobody.out" 2>"$W/nobody.err" &
	upid=$!
	for a in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		grep -q ready "$W/nobody.out" 2>/dev/null && break
		sleep 0.1
	done
	for a in -tlnp -tanpT; do
		split_args "$a"
		n=$((n + 1))
		ENVV=()
		env -i PATH=$CLEAN_PATH LC_ALL=C setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$REF" "${ARGV[@]}" >"$W/c$n.ref.out" 2>"$W/c$n.ref.err" </dev/null
		echo $? >"$W/c$n.ref.rc"
		env -i PATH=$CLEAN_PATH LC_ALL=C setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$SS" "${ARGV[@]}" >"$W/c$n.test.out" 2>"$W/c$n.test.err" </dev/null
		echo $? >"$W/c$n.test.rc"
		if ! grep -q 'users:((' "$W/c$n.ref.out"; then
			fail "procmap live unprivileged $a" "the reference shows no users (nobody's listener did not start?)"
			continue
		fi
		compare_run "procmap live unprivileged $a" "$W/c$n.ref" "$W/c$n.test"
	done
	kill "$upid" 2>/dev/null
	wait "$upid" 2>/dev/null
}

live_cases() {
	local mode cases a pid fdr fdw
	cases=(-tanp -uanp -ltnp -tunlp -tanpT -tanT -tnp '-tanp state established' '-4 -tanp' '-6 -uanp'
		'-s -tnp' -tanpO -Htanp '-ta -p -n' '--processes -tan' '--threads -uan')
	# the other families that show users, when this build has them
	if "$SS" -xH >/dev/null 2>&1 && "$SS" -0H >/dev/null 2>&1; then
		cases+=(-xap -lxp -0ap '-xp state connected' -xapT '-ap -f unix' '-A packet,unix -anp')
	else
		skip "procmap live -xap -lxp -0ap" "unix and packet sockets are not in this build"
	fi
	for mode in clean hostile; do
		coproc MIX { exec python3 "$TESTS/procmix.py" 60 "$mode" 2>"$W/procmix.$mode.err"; }
		pid=$MIX_PID fdr=${MIX[0]} fdw=${MIX[1]}
		if ! read -r -t 20 line <&"$fdr" || [ "$line" != ready ]; then
			fail "procmap live $mode" "procmix.py did not start: $(head -c 300 "$W/procmix.$mode.err")"
			kill "$pid" 2>/dev/null
			continue
		fi
		for a in "${cases[@]}"; do
			ENVV=("PROC_NET_SOCKSTAT=/dev/null" "PROC_NET_SNMP=/dev/null")
			split_args "$a"
			if [ "$mode" = clean ]; then
				case_run "procmap live $a" exact "${ARGV[@]}"
			else
				case_run "procmap live hostile $a (unescaped)" unescaped "${ARGV[@]}"
			fi
		done
		if [ "$mode" = clean ]; then
			unprivileged
		fi
		eval "exec $fdw>&-"
		wait "$pid" 2>/dev/null
	done
	# live -s: counters move between runs, so every number is masked
	ENVV=()
	ARGV=(-s)
	n=$((n + 1))
	run_ss "$REF" "$W/c$n.ref"
	run_ss "$SS" "$W/c$n.test"
	sed -i 's/[0-9][0-9]*/#/g; s/# */#/g' "$W/c$n.ref.out" "$W/c$n.test.out"
	compare_run "procmap live -s (numbers masked)" "$W/c$n.ref" "$W/c$n.test" stderr
	# nothing printed needs the map: no directory of /proc is read
	if command -v strace >/dev/null 2>&1; then
		for a in '-s -p' '-tlnp' '-s -T' "-tnp dst 192.0.2.99"; do
			split_args "$a"
			strace -f -qq -e trace=getdents64 -o "$W/strace.out" "$SS" "${ARGV[@]}" >"$W/strace.ss" 2>&1
			st=$?
			if [ "$a" = "-tnp dst 192.0.2.99" ] && [ "$st" = 255 ]; then
				continue	# no filter expressions in this build yet
			elif [ "$st" != 0 ] || [ ! -s "$W/strace.ss" ]; then
				fail "procmap no scan: ss $a" "status $st: $(head -c 200 "$W/strace.ss")"
			elif grep -q getdents64 "$W/strace.out"; then
				fail "procmap no scan: ss $a" "$(grep -c getdents64 "$W/strace.out") getdents64 calls"
			else
				pass "procmap no scan: ss $a"
			fi
		done
	else
		skip "procmap no scan" "strace is not installed"
	fi
}

if [ "${PROCMAP_INNER:-}" = 1 ]; then
	n=1000
	ip link set lo up
	live_cases
	exit 0
fi
summary_cases
tree_cases
if [ "$(id -u)" != 0 ]; then
	skip "procmap live" "needs root (unshare -n)"
elif ! command -v python3 >/dev/null 2>&1; then
	skip "procmap live" "needs python3"
else
	timeout -k 5 240 unshare -n env PROCMAP_INNER=1 bash "$0"
	st=$?
	[ "$st" = 0 ] || fail "procmap live" "the namespace part ended with status $st (124: timed out after 240 s)"
fi
exit 0
