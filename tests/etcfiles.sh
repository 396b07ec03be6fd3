#!/bin/bash
# tests/etcfiles.sh - /etc/services, /etc/protocols, ip_local_port_range and
# /proc/net read edge cases: the binary under test and /usr/bin/ss (6.1, glibc
# 2.36) on the same hostile inputs.  Services and protocols are bind-mounted
# in a private mount namespace (root, unshare -m); sockets come from
# PROC_NET_* files written here, so no live socket is needed.

. "$(dirname "$0")/lib.sh"

W=$OUT/etcfiles
rm -rf "$W"
mkdir -p "$W/in"
I=$W/in

if ! why=$(ref_ok); then
	skip etcfiles "$why"
	exit 0
fi
NS=1
if [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
	NS=0
fi

# --- inputs ---------------------------------------------------------------
PORTS=(1 5 7 8 10 22 31 53 80 81 82 83 84 85 86 87 88 89 99 100 1023 1024
	4464 4999 5000 32767 32768 60999 61000 65535)
PROTOS=(1 6 1 58 17 200 1 103 255 1 6 6 250 58)
HDR='  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'
tcp_line() { # SL PORT [STATE]
	printf '%4d: 0100007F:%04X 00000000:0000 %s 00000000:00000000 00:00000000 00000000     0        0 %d 1 0000000000000000 100 0 0 10 0\n' \
		"$1" "$2" "${3:-0A}" $((1000 + $1))
}
{
	echo "$HDR"
	i=0
	for p in "${PORTS[@]}"; do tcp_line $i "$p"; i=$((i + 1)); done
} >"$I/tcp"
{
	echo "$HDR"
	i=0
	for p in "${PORTS[@]}"; do tcp_line $i "$p" 07; i=$((i + 1)); done
} >"$I/udp"
{
	echo "$HDR"
	i=0
	for p in "${PROTOS[@]}"; do tcp_line $i "$p" 07; i=$((i + 1)); done
} >"$I/raw"
printf '32768\t60999\n' >"$I/range"
: >"$I/empty"

# services: one name per port and protocol
for p in "${PORTS[@]}"; do printf 'p%d %d/tcp\nu%d %d/udp\n' "$p" "$p" "$p" "$p"; done >"$I/svc-plain"

# every blank class, CR, comments, NUL, odd port forms (base 0, signs,
# 16-bit wrap, values over 32 bits rejected), slashes, protocol case
{
	printf '# comment line\n\n   \t\n'
	printf ' \t lead-blanks 1/tcp\n'
	printf '\vvtab 5/tcp\n\fformfeed 7/tcp\n\rcr-first 8/tcp\n'
	printf 'crlf 10/tcp\r\n'
	printf 'tab\t22\t/tcp\n'
	printf 'tab2\t22/tcp\talias\n'
	printf 'hash#name 31/tcp\n'
	printf 'cut 31/tc#p\n'
	printf 'octal 077/tcp\n'
	printf 'hex 0x35/tcp\n'
	printf 'HEX 0X50/udp\n'
	printf 'bad-octal 08/tcp\n'
	printf 'plus +81/tcp\n'
	printf 'minus-zero -0/tcp\n'
	printf 'neg -1/tcp\n'
	printf 'neg-wrap -18446744073709551534/tcp\n'
	printf 'wrap 65618/tcp\n'
	printf 'wrap32 4294967295/udp\n'
	printf 'over32 4294967296/tcp\n'
	printf 'huge 999999999999999999999999999/tcp\n'
	printf 'slashes 83///tcp\n'
	printf 'noslash 84 tcp\n'
	printf 'space-after-slash 85/ tcp\n'
	printf 'upper 85/TCP\n'
	printf 'trail 85/tcpx\n'
	printf 'ok85 85/tcp extra aliases here\n'
	printf 'nul\0name 86/tcp\n'
	printf 'nulport 87\0/tcp\n'
	printf 'after-nul 87/tcp\n'
	printf 'sign-only +/tcp\n'
	printf 'x0x 0x/tcp\n'
	printf 'udp88 88/udp\n'
	printf 'sctp88 88/sctp\n'
	printf 'ddccp89 89/dccp\n'
	printf 'esc\033[31mred 99/tcp\n'
	printf 'high\377\200byte 100/tcp\n'
	printf 'noport\n'
	printf 'last-no-newline 1023/udp'
} >"$I/svc-odd"

# unsorted (descending), duplicates: the first line in file order wins
{
	for ((k = ${#PORTS[@]} - 1; k >= 0; k--)); do
		p=${PORTS[k]}
		printf 'first%d %d/tcp\nudp-first%d %d/udp\nsecond%d %d/tcp\n' "$p" "$p" "$p" "$p" "$p" "$p"
	done
	printf 'late22 22/tcp\n'
} >"$I/svc-dup"

# names longer than any buffer: 300 and 5000 bytes, never cut
l300=$(printf 'L%.0s' {1..300})
l5k=$(printf 'M%.0s' {1..5000})
printf '%s 22/tcp\n%s 80/tcp\nshort 53/tcp\n' "$l300" "$l5k" >"$I/svc-long"

# CRLF throughout
sed 's/$/\r/' "$I/svc-plain" >"$I/svc-crlf"

# protocols: odd forms and long names (6.1 shows 127 bytes the first time a
# protocol is found, the whole name while the same one repeats)
n300=$(printf 'P%.0s' {1..300})
{
	printf '# comment\n'
	printf '\t icmp 1 ICMP\n'
	printf 'tcp\t6\tTCP # comment\n'
	printf 'dup-tcp 6 dup\n'
	printf '%s 58 long\n' "$n300"
	printf 'udp +17\r\n'
	printf 'octal-not 0200\n'
	printf 'p200 200x\n'
	printf 'p200b 200\n'
	printf 'neg -0\n'
	printf 'over 4294967296\n'
	printf 'wrap 65736\n'
	printf 'p103#x 103\n'
	printf 'nul\0x 255\n'
	printf 'p255 255'
} >"$I/proto-odd"
printf '%s 1\n%s 6\nudp 17\n' "$n300" "$(printf 'Q%.0s' {1..128})" >"$I/proto-long"

# ip_local_port_range as fscanf("%d %d") reads it
mkdir -p "$I/range-dir"
printf '100 200\n' >"$I/r-basic"
printf ' \t\n\v\f\r100\n\n200 trailing garbage' >"$I/r-blanks"
printf '+100 -5\n' >"$I/r-signs"
printf '0 100\n' >"$I/r-zero"
printf -- '-99999999999999999999 99999999999999999999\n' >"$I/r-overflow"
printf '4294967297 4294967396\n' >"$I/r-wrap"
printf '2147483648 70000\n' >"$I/r-intmin"
printf '100,200\n' >"$I/r-comma"
printf '100\n' >"$I/r-one"
printf -- '- 5 6\n' >"$I/r-sign-only"
printf 'x 1 2\n' >"$I/r-alpha"
printf '0x10 99\n' >"$I/r-hex"
{ printf '%5000s' ''; printf '10 90\n'; } >"$I/r-longblank"
{ printf '%0100d' 0; printf '5 '; printf '%0100d' 0; printf '90\n'; } >"$I/r-zeros"
printf '10 9\n' >"$I/r-inverted"

# 200 000 services lines in descending port order (load must be O(n log n))
awk 'BEGIN { for (i = 200000; i > 0; i--) printf "s%d %d/tcp\n", i, i % 65536 }' >"$I/svc-big"

# hostile names (README: control bytes print as \\ooo): each file comes
# raw for ./ss and with its names escaped, as text, for 6.1, which must then
# print what ./ss prints for the raw one; blanks cannot be in a name
python3 - "$I" <<'PY'
import sys
d = sys.argv[1]
def shown(b):
    return b''.join(b'\\%03o' % c if (0 < c < 0x20 or c == 0x7f) else bytes([c]) for c in b)
svc = [(b'a\x1b[31mred', b'22/tcp'), (b'\x01\x1f\x7fdel', b'80/tcp'),
       (b'\x1b]0;title\x07', b'5/udp'), (b'bs\\q"\xff\xc3(', b'7/tcp'),
       (b'\x1b' * 40, b'1/tcp')]
proto = [(b'ic\x1bmp', b'1'), (b'\x08\x08\x08\x7f', b'6'), (b'\x1b' * 31 + b'z', b'58')]
# svc-odd holds an ESC name too; blanks (\t-\r) separate, NUL ends a line
with open(d + '/svc-odd', 'rb') as f, open(d + '/svc-odd-shown', 'wb') as o:
    o.write(b''.join(bytes([c]) if 9 <= c <= 13 else shown(bytes([c])) for c in f.read()))
for name, rows, sep in (('svc-hostile', svc, b' '), ('proto-hostile', proto, b' ')):
    for suffix, f in (('', lambda b: b), ('-shown', shown)):
        with open('%s/%s%s' % (d, name, suffix), 'wb') as o:
            for n, v in rows:
                o.write(f(n) + sep + v + b'\n')
PY

# tokens of 255 bytes and more (issue 6): 6.1 prints service names whole
# up to its token cap; 255 crosses our store's one-byte length
l255=$(printf 'K%.0s' {1..255})
l70k=$(head -c 70000 /dev/zero | tr '\0' N)
{
	printf '%s 22/tcp\n%s 22/udp\n' "$l255" "$l255"
	printf '%s 80/tcp\n' "$l300"
	printf '%s 5/tcp\n%s 5/udp\n' "$l70k" "$l70k"
} >"$I/svc-tokens"

# --- runners --------------------------------------------------------------
# ns_run BIN PREFIX SERVICES PROTOCOLS: run_ss with both files bind-mounted
ns_run() {
	env -i PATH=$CLEAN_PATH LC_ALL=C "${ENVV[@]}" unshare -m /bin/sh -c \
		'mount --bind "$1" /etc/services && mount --bind "$2" /etc/protocols || exit 97
		 shift 2; exec "$@"' _ "$3" "$4" \
		timeout -k 2 "$SS_TIMEOUT" "$1" "${ARGV[@]}" >"$2.out" 2>"$2.err" </dev/null
	echo $? >"$2.rc"
}

# ref_valid NAME PREFIX: the reference run succeeded (exit 0, a table)
ref_valid() {
	if [ "$(cat "$2.rc")" != 0 ] || [ ! -s "$2.out" ]; then
		fail "$1" "reference run failed: rc $(cat "$2.rc"), $(head -c 200 "$2.err")"
		return 1
	fi
}

n=0
# etc_case NAME SERVICES PROTOCOLS ENV-WORDS ARGS
etc_case() {
	local name="etcfiles $1"
	n=$((n + 1))
	if [ "$NS" = 0 ]; then
		skip "$name" "needs root and unshare -m"
		return
	fi
	split_args "$4 $5"
	split_env
	local range=(PROC_IP_LOCAL_PORT_RANGE="$I/range")
	if [ "${ARGV[0]}" = @sysctl ]; then	# the kernel's own file
		range=()
		ARGV=("${ARGV[@]:1}")
	fi
	ENVV=(PROC_NET_TCP="$I/tcp" PROC_NET_TCP6="$I/empty" PROC_NET_UDP="$I/udp"
		PROC_NET_UDP6="$I/empty" PROC_NET_RAW="$I/raw" PROC_NET_RAW6="$I/empty"
		"${range[@]}" "${ENVV[@]}")
	# REF_ETC="SERVICES PROTOCOLS": the reference reads these instead;
	# PTY=COLUMNS: both run on a pseudo-terminal that wide (tests/ptyrun)
	local ref=$REF ss=$SS args=("${ARGV[@]}")
	if [ -n "${PTY:-}" ]; then
		ref=$OUT/ptyrun ss=$OUT/ptyrun
		ARGV=("$PTY" "$SS_TIMEOUT" "$REF" "${args[@]}")
	fi
	# shellcheck disable=SC2086
	ns_run "$ref" "$W/r$n" ${REF_ETC:-"$2" "$3"}
	ref_valid "$name" "$W/r$n" || return
	[ -n "${PTY:-}" ] && ARGV[2]=$SS
	ns_run "$ss" "$W/t$n" "$2" "$3"
	compare_run "$name" "$W/r$n" "$W/t$n" stderr
}

# proc_case NAME ENV-WORDS ARGS: /proc/net inputs only, no namespace
proc_case() {
	local name="etcfiles $1"
	n=$((n + 1))
	split_args "$2 $3"
	split_env
	ENVV=(PROC_NET_TCP6="$I/tcp6" PROC_IP_LOCAL_PORT_RANGE="$I/range" "${ENVV[@]}")
	run_ss "$REF" "$W/r$n"
	ref_valid "$name" "$W/r$n" || return
	run_ss "$SS" "$W/t$n"
	compare_run "$name" "$W/r$n" "$W/t$n" stderr
}

# --- /etc/services ----------------------------------------------------------
P=/etc/protocols
etc_case services-plain "$I/svc-plain" $P '' '-tua'
REF_ETC="$I/svc-odd-shown $P" etc_case services-odd "$I/svc-odd" $P '' '-tua'
REF_ETC="$I/svc-odd-shown $P" etc_case services-odd-4 "$I/svc-odd" $P '' '-4 -tuwa'
etc_case services-dup-unsorted "$I/svc-dup" $P '' '-tua'
etc_case services-long "$I/svc-long" $P '' '-tl'
etc_case services-long-udp "$I/svc-long" $P '' '-ul'
etc_case services-crlf "$I/svc-crlf" $P '' '-tua'
etc_case services-empty "$I/empty" "$I/empty" '' '-tuwa'
REF_ETC="$I/svc-odd-shown $P" etc_case services-numeric "$I/svc-odd" $P '' '-tuwan'
etc_case services-big-unsorted "$I/svc-big" $P '' '-tua'

# --- /etc/protocols (raw sockets) ----------------------------------------
etc_case protocols-odd "$I/svc-plain" "$I/proto-odd" '' '-wa'
etc_case protocols-long "$I/svc-plain" "$I/proto-long" '' '-wa'
etc_case protocols-long-H "$I/svc-plain" "$I/proto-long" '' '-waH'
etc_case protocols-numeric "$I/svc-plain" "$I/proto-long" '' '-wan'

# --- hostile names: escaped, the reference reading escaped copies ---------
REF_ETC="$I/svc-hostile-shown $P" etc_case services-hostile "$I/svc-hostile" $P '' '-tua'
REF_ETC="$I/svc-plain $I/proto-hostile-shown" \
	etc_case protocols-hostile "$I/svc-plain" "$I/proto-hostile" '' '-wa'

# --- tokens of 255, 300 and 70 000 bytes (6.1's token cap) ------------------
etc_case tokens-t "$I/svc-tokens" $P '' '-t'
etc_case tokens-ta "$I/svc-tokens" $P '' '-ta'
etc_case tokens-tua "$I/svc-tokens" $P '' '-tua'
etc_case tokens-tuaH "$I/svc-tokens" $P '' '-tuaH'
if build_helper ptyrun && "$OUT/ptyrun" 80 5 true 2>/dev/null; then
	PTY=80 etc_case tokens-ta-pty80 "$I/svc-tokens" $P '' '-ta'
	PTY=200 etc_case tokens-tua-pty200 "$I/svc-tokens" $P '' '-tua'
	PTY=80 REF_ETC="$I/svc-hostile-shown $P" \
		etc_case services-hostile-pty80 "$I/svc-hostile" $P '' '-tua'
else
	skip "etcfiles tokens-pty" "no pseudo-terminal (tests/ptyrun)"
fi

# --- ip_local_port_range ------------------------------------------------
for r in basic blanks signs zero overflow wrap intmin comma one sign-only alpha hex \
	longblank zeros inverted; do
	etc_case "range-$r" "$I/svc-plain" $P "PROC_IP_LOCAL_PORT_RANGE=$I/r-$r" '-ta'
done
etc_case range-sysctl "$I/svc-plain" $P '@sysctl' '-ta'
etc_case range-empty "$I/svc-plain" $P "PROC_IP_LOCAL_PORT_RANGE=$I/empty" '-ta'
etc_case range-missing "$I/svc-plain" $P "PROC_IP_LOCAL_PORT_RANGE=$I/no-such" '-ta'
etc_case range-directory "$I/svc-plain" $P "PROC_IP_LOCAL_PORT_RANGE=$I/range-dir" '-ta'
etc_case range-eio "$I/svc-plain" $P "PROC_IP_LOCAL_PORT_RANGE=/proc/self/mem" '-ta'

# 200 000 descending lines load in O(n log n): generous bound, never a
# timing comparison (6.1 takes 0.04 s, an insertion sort took 12 s)
if [ "$NS" = 1 ]; then
	ENVV=(PROC_NET_TCP="$I/tcp" PROC_NET_TCP6="$I/empty" PROC_IP_LOCAL_PORT_RANGE="$I/range")
	ARGV=(-tl)
	SS_TIMEOUT=3 ns_run "$SS" "$W/big" "$I/svc-big" $P
	if [ "$(cat "$W/big.rc")" = 0 ] && grep -q ':s196630 ' "$W/big.out"; then
		pass "etcfiles services-big-load (under 3 s)"
	else
		fail "etcfiles services-big-load (under 3 s)" "rc $(cat "$W/big.rc")"
	fi
else
	skip "etcfiles services-big-load" "needs root and unshare -m"
fi

# --- /proc/net read errors and header edge cases --------------------------
line22=$(tcp_line 0 22)
line80=$(tcp_line 1 80)
printf '%s\n   0: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 100 0 0 10 0\n' "$HDR" >"$I/tcp6"
mkdir -p "$I/proc-dir"
printf 'header without newline' >"$I/p-hdr-nonl"
{ printf '%255s' '' | tr ' ' h; printf '%s\n%s\n' "$line22" "$line80"; } >"$I/p-hdr-long"
{ printf 'hea\0der\n'; printf '%s\n%s\n' "$line22" "$line80"; } >"$I/p-hdr-nul"
{ echo "$HDR"; printf '%s\n' "$line22"; printf '%s\0%s\n' "${line80:0:40}" "${line80:41}"; tcp_line 2 81; } >"$I/p-nul"
{ echo "$HDR"; printf '%-254s\n%s\n' "$line22" "$line80"; } >"$I/p-254"
{ echo "$HDR"; printf '%-255s\n%s\n' "$line22" "$line80"; } >"$I/p-255"
{ echo "$HDR"; printf '%s\n%s' "$line22" "$line80"; } >"$I/p-nonl"
proc_case proc-directory "PROC_NET_TCP=$I/proc-dir" '-tln'
proc_case proc-eio "PROC_NET_TCP=/proc/self/mem" '-tln'
proc_case proc-header-no-newline "PROC_NET_TCP=$I/p-hdr-nonl" '-tln'
proc_case proc-header-255 "PROC_NET_TCP=$I/p-hdr-long" '-tln'
proc_case proc-header-nul "PROC_NET_TCP=$I/p-hdr-nul" '-tln'
proc_case proc-line-nul "PROC_NET_TCP=$I/p-nul" '-tln'
proc_case proc-line-254 "PROC_NET_TCP=$I/p-254" '-tln'
proc_case proc-line-255 "PROC_NET_TCP=$I/p-255" '-tln'
proc_case proc-no-newline "PROC_NET_TCP=$I/p-nonl" '-tln'
proc_case proc-udp-directory "PROC_NET_UDP=$I/proc-dir PROC_NET_UDP6=$I/udp" '-uan'

# PROC_ROOT too long for our path buffer: an error, not another file (6.1
# cuts the path at 126 bytes and opens whatever that names)
long=$(printf '/x%.0s' {1..120})
ENVV=(PROC_ROOT="$long")
ARGV=(-tn)
run_ss "$SS" "$W/root"
if [ "$(cat "$W/root.rc")" = 1 ] && [ ! -s "$W/root.out" ] &&
	[ "$(cat "$W/root.err")" = "ss: PROC_ROOT: File name too long" ]; then
	pass "etcfiles proc-root-too-long"
else
	fail "etcfiles proc-root-too-long" "rc $(cat "$W/root.rc"), stderr '$(head -c 200 "$W/root.err")'"
fi
ENVV=(PROC_ROOT="$(printf '/x%.0s' {1..100})")
run_ss "$SS" "$W/root2"
if [ "$(cat "$W/root2.rc")" = 0 ] && [ ! -s "$W/root2.err" ] && [ "$(head -c 5 "$W/root2.out")" = State ]; then
	pass "etcfiles proc-root-200-bytes"
else
	fail "etcfiles proc-root-200-bytes" "rc $(cat "$W/root2.rc"), stderr '$(head -c 200 "$W/root2.err")'"
fi
exit 0
