#!/bin/bash
# tests/filter.sh - filter expressions (spec §6) live against iproute2 6.1.
#
# Builds a second binary without SS_BYTECODE (user-space evaluation only), then
# in a private network namespace with the sockmix fixture (--bulk 1000, about
# 3000 sockets) runs every case of tests/filter-cases.txt through
# /usr/bin/ss, $SS and the user-space-only build: stdout and exit status of
# all three must be identical (the kernel's and our evaluator agree), and with
# @err the first line of stderr too.  Then -D: the raw dump of ./ss holds the
# same messages as that of /usr/bin/ss, and replays to the same output.
# Needs root and iproute2 6.1.0, else skipped.

. "$(dirname "$0")/lib.sh"
. "$TESTS/sockmix.sh"

CASES=${FILTER_CASES:-$TESTS/filter-cases.txt}

if [ "${FILTER_INNER:-}" != 1 ]; then
	mix_can_run filter || exit 0
	W=$OUT/filter-build
	rm -rf "$W"
	mkdir -p "$W/tree"
	top=$(cd "$TESTS/.." && pwd)
	( cd "$top" && git ls-files -co --exclude-standard 2>/dev/null || find . -type f ) |
		grep -v '^tests/out/' | (cd "$top" && tar -cf - -T -) | tar -xf - -C "$W/tree"
	cp "$top/.config" "$W/tree/.config" 2>/dev/null || make -s -C "$W/tree" defconfig >/dev/null
	sed -i 's/^CONFIG_SS_BYTECODE=y/# CONFIG_SS_BYTECODE is not set/' "$W/tree/.config"
	if ! grep -q '^CONFIG_SS_FILTER=y' "$W/tree/.config"; then
		skip filter "this build has no SS_FILTER"
		exit 0
	fi
	if ! make -s -C "$W/tree" oldconfig >"$W/build.log" 2>&1 ||
	   ! make -s -C "$W/tree" LTO= ss >>"$W/build.log" 2>&1; then
		fail "filter build without SS_BYTECODE" "$(tail -n 5 "$W/build.log")"
		exit 0
	fi
	export NOBC=$W/tree/ss
	exec timeout -k 5 "${FILTER_TIMEOUT:-240}" unshare -n env FILTER_INNER=1 MIX_BULK=1000 bash "$0"
fi

mix_begin filter
FILTERS=$W/filters
mkdir -p "$FILTERS"
printf '# ports\nsport = :22\n0 skipped: 6.1 tests the digit 0\n or dport = :443\n' >"$FILTERS/ports"

n=0
while IFS= read -r line || [ -n "$line" ]; do
	case "$line" in '' | \#*) continue ;; esac
	split_args "${line//FILTERS/$FILTERS}"
	errcmp= kernel=
	while :; do
		case "${ARGV[0]}" in
		@err) errcmp=1 ;;
		@kernel) kernel=1 ;;
		*) break ;;
		esac
		ARGV=("${ARGV[@]:1}")
	done
	split_env
	n=$((n + 1))
	p=$W/c$n
	run_ss "$REF" "$p.ref"
	run_ss "$SS" "$p.test"
	run_ss "$NOBC" "$p.nobc"
	# sockmix's hostile names as we escape them (README); when an escaped
	# name is the widest of its column the columns widen, which shown.py
	# cannot redo: such cases compare with runs of blanks squeezed.
	if LC_ALL=C grep -qaE $'[\x01-\x09\x0b-\x1f\x7f]|/ne$' "$p.ref.out"; then
		python3 "$TESTS/shown.py" "$p.ref.out"
		for f in "$p.ref.out" "$p.test.out" "$p.nobc.out"; do
			tr -s ' ' <"$f" >"$f.sq" && mv "$f.sq" "$f"
		done
	fi
	if grep -q 'not supported in this build' "$p.test.err" && ! cmp -s "$p.ref.out" "$p.test.out"; then
		skip "filter $line" "$(head -n 1 "$p.test.err")"
		continue
	fi
	for v in test nobc; do
		[ $v = nobc ] && [ -n "$kernel" ] && continue
		name="filter $line"
		[ $v = nobc ] && name="filter (no bytecode) $line"
		if [ -n "$errcmp" ] && [ "$(head -n 1 "$p.ref.err")" != "$(head -n 1 "$p.$v.err")" ]; then
			fail "$name" "stderr: expected '$(head -n 1 "$p.ref.err")', got '$(head -n 1 "$p.$v.err")'"
			continue
		fi
		compare_run "$name" "$p.ref" "$p.$v"
	done
done <"$CASES"

# -D: the same messages as iproute2's dump (datagram boundaries and the
# netlink port id may differ), and the same replayed output
dump_msgs() {
	python3 - "$1" <<'EOF'
import struct, sys
d = open(sys.argv[1], 'rb').read()
o = 0
while o + 16 <= len(d):
    ln, = struct.unpack_from('<I', d, o)
    if ln < 16:
        break
    m = bytearray(d[o:o + ln])
    m[12:16] = b'\0\0\0\0'          # nlmsg_pid
    if len(m) >= 72:
        m[68:72] = b'\0\0\0\0'      # idiag_expires: a running timer
    print(m.hex())
    o += (ln + 3) & ~3
EOF
}
for args in '-tan' '-t' '-4 -tl' '-6 -tan'; do
	split_args "$args"
	ENVV=()
	"$REF" -D "$W/ref.dump" "${ARGV[@]}" 2>/dev/null
	"$SS" -D "$W/test.dump" "${ARGV[@]}" 2>"$W/dump.err"
	if ! command -v python3 >/dev/null; then
		skip "filter -D $args" "python3 is not installed"
	else
		dump_msgs "$W/ref.dump" >"$W/ref.msgs"
		dump_msgs "$W/test.dump" >"$W/test.msgs"
		if [ -s "$W/ref.msgs" ] && cmp -s "$W/ref.msgs" "$W/test.msgs"; then
			pass "filter -D $args: the same messages ($(wc -l <"$W/ref.msgs"))"
		else
			fail "filter -D $args: the same messages" \
				"$(diff "$W/ref.msgs" "$W/test.msgs" | head -n 4 | cut -c1-100)"
		fi
	fi
	ARGV=(-tan)
	ENVV=("TCPDIAG_FILE=$W/test.dump")
	run_ss "$REF" "$W/dump.ref"
	run_ss "$SS" "$W/dump.test"
	compare_run "filter -D $args replayed" "$W/dump.ref" "$W/dump.test"
done
for args in '-u -D -' '-w -D -'; do
	split_args "$args"
	ENVV=()
	run_ss "$REF" "$W/d.ref"
	run_ss "$SS" "$W/d.test"
	compare_run "filter $args (no tcp)" "$W/d.ref" "$W/d.test" stderr
done
# an unopenable -D file: 6.1 says nothing and exits 0 (it tests the wrong
# variable), so both binaries must print nothing at all
ARGV=(-t -D /nonexistent/dir/file)
run_ss "$REF" "$W/d.ref"
run_ss "$SS" "$W/d.test"
if [ "$(cat "$W/d.ref.rc")" != 0 ] || [ -s "$W/d.ref.out" ] || [ -s "$W/d.ref.err" ]; then
	fail "filter -D unopenable file" "the reference did not end silently with status 0"
elif [ "$(cat "$W/d.test.rc")" = 0 ] && [ ! -s "$W/d.test.out" ] && [ ! -s "$W/d.test.err" ]; then
	pass "filter -D unopenable file (silent, status 0, as 6.1)"
else
	fail "filter -D unopenable file" "status $(cat "$W/d.test.rc"), $(wc -c <"$W/d.test.out") bytes out, $(wc -c <"$W/d.test.err") err"
fi
exit 0
