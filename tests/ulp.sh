#!/bin/bash
# tests/ulp.sh - md5 keys, ULP info, MPTCP -i and --inet-sockopt of live
# sockets (spec §4.3 after the stats, §4.6, §5.4) against iproute2 6.1, in a
# private network namespace: a TCP listener and connection with md5 keys
# (key bytes 6.1 escapes), an MPTCP listener and connection (its TCP
# subflows carry tcp-ulp-mptcp), UDP and TCP sockets with socket options
# set, and a TLS connection where the kernel has the tls ULP (else SKIP).  Digits that move between two runs (lastsnd/lastrcv/lastack, timer
# times) are masked; md5 keys are compared as tests/md5moved.py moves them
# (6.1 prints them ahead of the table; README, differences).  The synthetic
# side (every TLS value, flag and bit) is in tests/replay/ulp*.spec.
# Needs root, unshare, ip, python3 and iproute2 6.1, else skipped.

. "$(dirname "$0")/lib.sh"

W=$OUT/ulp
# [@md5] [@want=TEXT] ARGS: @md5 compares md5 keys as md5moved.py moves
# them; the reference output must contain TEXT (the sockets were there)
ARGS_LIVE=('@md5 @want=tcp-ulp-mptcp -tni' '@md5 @want=md5keys: -tnai'
	'@md5 @want=defer_connect -tnaiO --inet-sockopt' '@md5 @want=md5keys: -tnaie'
	'@want=remote_key -Mni' '@want=remote_key -Mnai' '@want=remote_key -Mnaie'
	'@want=remote_key -MnaiO' '@want=remote_key -Mnaim' '@want=is_icsk -Mna --inet-sockopt'
	'@want=recverr_rfc4884 -una --inet-sockopt' '@want=transparent -unaO --inet-sockopt'
	'@want=bind_addr_no_port -tuMna --inet-sockopt -m'
	'@md5 @want=tcp-ulp-mptcp -n -i -A inet -a --inet-sockopt' '@md5 @want=md5keys:localhost/32= -tair')

if [ "${ULP_INNER:-}" != 1 ]; then
	need_netns ulp unshare python3 ip || exit 0
	if "$SS" -Mni -H </dev/null 2>&1 | grep -q 'not supported in this build'; then
		skip ulp "-i or -M is not in this build (SS_TCPINFO, SS_MPTCP)"
		exit 0
	fi
	rm -rf "$W"
	mkdir -p "$W"
	exec timeout -k 5 60 unshare -n env ULP_INNER=1 bash "$0"
fi

ip link set lo up
sysctl -qw net.mptcp.enabled=1 2>/dev/null
sysctl -qw net.ipv4.tcp_fastopen=5 2>/dev/null
start_live "ulp live" "$W/live.out" <<'EOF' || exit 0
import socket, struct, sys, time
TCP_MD5SIG, TCP_FASTOPEN_CONNECT, IPPROTO_MPTCP = 14, 30, 262
IP_FREEBIND, IP_TRANSPARENT, IP_RECVERR, IP_MULTICAST_ALL = 15, 19, 11, 49
IP_BIND_ADDRESS_NO_PORT, IP_RECVERR_RFC4884, IP_MULTICAST_LOOP = 24, 26, 34
keep = []

def md5(s, addr, key):
    sa = (struct.pack('=H', socket.AF_INET) + b'\0\0' + socket.inet_aton(addr)).ljust(128, b'\0')
    s.setsockopt(socket.IPPROTO_TCP, TCP_MD5SIG,
                 sa + struct.pack('=BBHi', 0, 0, len(key), 0) + key.ljust(80, b'\0'))

key = b'k e,y\\\x01\x7f\xff' + bytes(range(0x21, 0x2f))
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(('127.0.0.1', 7100)); l.listen(8)
md5(l, '127.0.0.1', key); md5(l, '127.0.0.2', b'\0')
c = socket.socket(); md5(c, '127.0.0.1', key); c.connect(('127.0.0.1', 7100))
a, _ = l.accept(); c.sendall(b'x' * 100); a.recv(100)
keep += [l, c, a]
try:
    ml = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
    ml.bind(('127.0.0.1', 7200)); ml.listen(8)
    mc = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
    mc.connect(('127.0.0.1', 7200)); ma, _ = ml.accept()
    mc.sendall(b'm' * 3000); ma.recv(3000); ma.sendall(b'n' * 10); mc.recv(10)
    keep += [ml, mc, ma]
except OSError as e:
    print('mptcp', e)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for opt, v in ((IP_RECVERR, 1), (IP_FREEBIND, 1), (IP_TRANSPARENT, 1), (IP_MULTICAST_ALL, 0),
               (IP_MULTICAST_LOOP, 0), (IP_RECVERR_RFC4884, 1), (IP_BIND_ADDRESS_NO_PORT, 1)):
    u.setsockopt(socket.IPPROTO_IP, opt, v)
u.bind(('127.0.0.1', 7300)); keep.append(u)
t = socket.socket(); t.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
t.bind(('127.0.0.1', 0)); keep.append(t)
# tcp_fastopen 5 (client, no cookie needed): connect() only defers the SYN
p = socket.socket(); p.bind(('127.0.0.1', 7101)); p.listen(8); keep.append(p)
f = socket.socket(); f.setsockopt(socket.IPPROTO_TCP, TCP_FASTOPEN_CONNECT, 1)
f.setblocking(False)
try:
    f.connect(('127.0.0.1', 7101))
except OSError as e:
    print('tfo', e)
keep.append(f)
# TLS, where the kernel has the tls ULP: version, cipher, txconf sw / rxconf sw
TCP_ULP, SOL_TLS, TLS_TX, TLS_RX = 31, 282, 1, 2
tl = socket.socket(); tl.bind(('127.0.0.1', 7400)); tl.listen(8)
tc = socket.create_connection(('127.0.0.1', 7400)); ta, _ = tl.accept()
keep += [tl, tc, ta]
try:
    tc.setsockopt(socket.IPPROTO_TCP, TCP_ULP, b'tls')
    tc.setsockopt(SOL_TLS, TLS_TX, struct.pack('=HH', 0x0303, 51) + bytes(36))
    ta.setsockopt(socket.IPPROTO_TCP, TCP_ULP, b'tls')
    ta.setsockopt(SOL_TLS, TLS_RX, struct.pack('=HH', 0x0304, 52) + bytes(52))
    print('tls ok')
except OSError as e:
    print('tls:', e)
time.sleep(0.3)
print('ready', flush=True)
time.sleep(40)
EOF
if grep -q '^tls ok' "$W/live.out"; then
	ARGS_LIVE+=('@md5 @want=tcp-ulp-tls -tni' '@md5 @want=rxconf: -tniO')
else
	skip "ulp live tls" "this kernel has no tls ULP ($(grep '^tls' "$W/live.out" | head -c 80))"
fi
n=0
for a in "${ARGS_LIVE[@]}"; do
	n=$((n + 1))
	split_args "$a"
	md5= want=
	[ "${ARGV[0]}" = @md5 ] && { md5=1; ARGV=("${ARGV[@]:1}"); }
	want=${ARGV[0]#@want=}
	ARGV=("${ARGV[@]:1}")
	ENVV=()
	run_ss "$REF" "$W/live.$n.ref"
	run_ss "$SS" "$W/live.$n.test"
	[ -n "$md5" ] && python3 "$TESTS/md5moved.py" "$W/live.$n.test.out" >"$W/live.$n.md5" &&
		mv "$W/live.$n.md5" "$W/live.$n.test.out"
	mask_moving "$W/live.$n.ref.out" "$W/live.$n.test.out"
	grep -q -- "$want" "$W/live.$n.ref.out" ||
		{ fail "ulp live $a" "no '$want' in the reference output"; continue; }
	compare_run "ulp live $a" "$W/live.$n.ref" "$W/live.$n.test"
done
kill "$LIVE_PID" 2>/dev/null
wait "$LIVE_PID" 2>/dev/null
exit 0
