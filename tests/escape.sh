#!/bin/bash
# tests/escape.sh - kernel-side names with control bytes (README: printed as
# \ooo): an interface named a<ESC>b (dummy, veth or ifb; packet socket bound to it, TCP socket
# bound to fe80::1 on it) and a process whose comm is n<ESC>x<DEL> holding a
# netlink socket.  ./ss runs first; then the interface and the comm are
# renamed to their escaped text (a\033b, n\033x\177) and iproute2 6.1 runs
# on the same sockets: it must print what ./ss printed.  /etc/iproute2/nl_protos
# names likewise, from bind-mounted copies (raw for ./ss, escaped for 6.1).  Root, unshare -n,
# python3 and ip; else skipped.

. "$(dirname "$0")/lib.sh"

W=$OUT/escape
CASES=('-0a' '-0an' '-ta' '-tan' '-A netlink -a' '-0ta' '-0taH')

if [ "${ESCAPE_INNER:-}" != 1 ]; then
	why=$(ref_ok) || { skip escape "$why"; exit 0; }
	[ "$(id -u)" = 0 ] || { skip escape "needs root (unshare -n)"; exit 0; }
	for t in unshare python3 ip; do
		command -v $t >/dev/null || { skip escape "$t is not installed"; exit 0; }
	done
	rm -rf "$W"
	mkdir -p "$W"
	exec timeout -k 5 60 unshare -n env ESCAPE_INNER=1 bash "$0"
fi

BAD=$'a\033b'
SHOWN='a\033b'
ip link set lo up
if ! ip link add name "$BAD" type dummy 2>"$W/link.err" &&
   ! ip link add name "$BAD" type veth peer name peer0 2>>"$W/link.err" &&
   ! ip link add name "$BAD" type ifb 2>>"$W/link.err"; then
	skip escape "the kernel refused an interface name with ESC: $(head -c 200 "$W/link.err")"
	exit 0
fi
ip link set "$BAD" up
ip addr add fe80::1/64 dev "$BAD" nodad

python3 - "$W/holder.out" >"$W/holder.log" 2>&1 <<'EOF' &
import ctypes, signal, socket, sys, time
out = sys.argv[1]
idx = socket.if_nametoindex('a\x1bb')
libc = ctypes.CDLL(None)
def comm(b):
    libc.prctl(15, ctypes.c_char_p(b), 0, 0, 0)	# PR_SET_NAME
def ready(tag):
    with open(out, 'a') as f:
        f.write(tag + '\n')
comm(b'n\x1bx\x7f')
pk = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
pk.bind(('a\x1bb', 0))
t = socket.socket(socket.AF_INET6)
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(('fe80::1', 4000, 0, idx))
t.listen(1)
nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
nl.bind((0, 0))
signal.signal(signal.SIGUSR1, lambda *a: (comm(b'n\\033x\\177'), ready('renamed')))
ready('ready')
for _ in range(600):
    time.sleep(0.1)
EOF
holder=$!
wait_for() {
	for _ in $(seq 50); do
		grep -qx "$1" "$W/holder.out" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
if ! wait_for ready; then
	fail escape "holder not ready: $(head -c 300 "$W/holder.log")"
	kill "$holder"
	exit 0
fi

i=0
for c in "${CASES[@]}"; do
	split_args "$c"
	ENVV=()
	run_ss "$SS" "$W/t$i"
	i=$((i + 1))
done
grep -qa 'a\\033b' "$W/t0.out" ||
	fail "escape ifname" "./ss -0a does not show a\\033b: $(head -c 300 "$W/t0.out" | cat -A)"
grep -qa 'rtnl:n\\033x\\177/' "$W/t4.out" ||
	fail "escape comm" "./ss -A netlink -a does not show n\\033x\\177: $(head -c 300 "$W/t4.out" | cat -A)"

ip link set "$BAD" down
ip link set "$BAD" name "$SHOWN"
ip link set "$SHOWN" up
kill -USR1 "$holder"
wait_for renamed || fail escape "holder did not rename its comm"

sort_rows() {
	local f
	for f in "$@"; do
		LC_ALL=C sort "$f" >"$f.sorted" && mv "$f.sorted" "$f"
	done
}

i=0
for c in "${CASES[@]}"; do
	split_args "$c"
	ENVV=()
	run_ss "$REF" "$W/r$i"
	# each ss's own sock_diag socket (its pid differs) is left out
	sed -i '/tcpdiag:ss\//d' "$W/r$i.out" "$W/t$i.out"
	# netlink rows come in the kernel's hash order, which may change
	# between the two runs (a rehash): what is checked here is their text
	case $c in *netlink*) sort_rows "$W/r$i.out" "$W/t$i.out" ;; esac
	compare_run "escape $c" "$W/r$i" "$W/t$i"
	i=$((i + 1))
done
# /etc/iproute2/nl_protos names with control bytes (bind-mounted copies, the
# reference's escaped) and a corrupted line with ESC, quoted on stderr
if unshare -m true 2>/dev/null; then
	printf '0 rt\033nl\n4 diag\177x\n' >"$W/nlp"
	printf '0 rt\\033nl\n4 diag\\177x\n' >"$W/nlp-shown"
	printf '0 rtnl\nbad\033[31m line\n' >"$W/nlp-bad"
	printf '0 rtnl\nbad\\033[31m line\n' >"$W/nlp-bad-shown"
	nlp_run() { # BIN PREFIX FILE ARGS...
		local bin=$1 pre=$2 file=$3
		shift 3
		env -i PATH=$CLEAN_PATH LC_ALL=C unshare -m /bin/sh -c \
			'mount --bind "$1" /etc/iproute2/nl_protos || exit 97; shift; exec "$@"' \
			_ "$file" timeout -k 2 "$SS_TIMEOUT" "$bin" "$@" >"$pre.out" 2>"$pre.err" </dev/null
		echo $? >"$pre.rc"
	}
	for f in nlp nlp-bad; do
		nlp_run "$SS" "$W/t-$f" "$W/$f" -A netlink -a
		nlp_run "$REF" "$W/r-$f" "$W/$f-shown" -A netlink -a
		sed -i '/diag.*:ss\//d; /tcpdiag:ss\//d' "$W/r-$f.out" "$W/t-$f.out"
		sort_rows "$W/r-$f.out" "$W/t-$f.out"
		compare_run "escape nl_protos $f" "$W/r-$f" "$W/t-$f" stderr
	done
else
	skip "escape nl_protos" "needs unshare -m"
fi

# --cgroup: a cgroup named c<ESC>g (the path is outside text), looked up
# through a /proc/mounts longer than 16 KiB (450 tmpfs mounts ahead of the
# cgroup2 mount); 6.1 prints the ESC raw (cgroup2 refuses renames), so its
# output is compared with that byte written as \033
if unshare -m true 2>/dev/null && grep -q ' cgroup2 ' /proc/mounts; then
	W=$W SS=$SS REF=$REF CLEAN_PATH=$CLEAN_PATH unshare -m bash -c '
	awk "\$3 == \"cgroup2\" { print \$2 }" /proc/mounts | while read -r m; do umount -l "$m"; done
	mkdir -p "$W/mnts" "$W/cg"
	for i in $(seq 450); do mkdir -p "$W/mnts/$i" && mount -t tmpfs none "$W/mnts/$i" || exit 97; done
	mount -t cgroup2 none "$W/cg" || exit 97
	bad="$W/cg/c"$(printf "\033")g
	mkdir "$bad" || exit 97
	python3 - "$bad" "$W/cg" <<-EOF
	import os, socket, subprocess, sys
	def run(b, pre):
	    with open(pre + ".out", "wb") as o, open(pre + ".err", "wb") as e:
	        rc = subprocess.run([b, "-tlnH", "--cgroup", "sport", "=", ":4999"], stdout=o, stderr=e,
	                            env={"PATH": os.environ["CLEAN_PATH"], "LC_ALL": "C"}).returncode
	    open(pre + ".rc", "w").write("%d\\n" % rc)
	open(sys.argv[1] + "/cgroup.procs", "w").write(str(os.getpid()))
	s = socket.socket(); s.bind(("127.0.0.1", 4999)); s.listen()
	open(sys.argv[2] + "/cgroup.procs", "w").write(str(os.getpid()))
	w = os.environ["W"]
	run(os.environ["SS"], w + "/t-cg")
	run(os.environ["REF"], w + "/r-cg")
	EOF
	rc=$?; rmdir "$bad"; exit $rc'
	case $? in
	0)	grep -qF 'cgroup:/c\033g' "$W/t-cg.out" ||
			fail "escape cgroup" "./ss --cgroup does not show /c\\033g: $(cat -A "$W/t-cg.out" | head -c 300)"
		sed -i 's/\x1b/\\033/g' "$W/r-cg.out"
		compare_run "escape cgroup" "$W/r-cg" "$W/t-cg" stderr ;;
	97)	skip "escape cgroup" "cannot mount tmpfs/cgroup2 or make a cgroup" ;;
	*)	fail "escape cgroup" "set-up failed (exit $?)" ;;
	esac
else
	skip "escape cgroup" "needs unshare -m and a cgroup2 mount"
fi

kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
exit 0
