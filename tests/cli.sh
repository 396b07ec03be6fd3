#!/bin/bash
# tests/cli.sh - command-line checks that need no kernel and no reference.
#
# 1. -h and -V print this build's own text (README: differences from
#    iproute2), so only their shape is checked: -V one line "ss utility, X",
#    -h a usage text starting "Usage: ss [ OPTIONS ]"; exit 0, stderr empty.
# 2. First milestone: what is not built yet must fail cleanly: exit status
#    255, a message on stderr, nothing on stdout (unix/packet/netlink tables,
#    -p -e -o -m -s --tos, filter expressions).  These exit before any
#    dump, so no namespace is needed.  Not applicable to iproute2 itself.

. "$(dirname "$0")/lib.sh"

W=$OUT/cli
rm -rf "$W"
mkdir -p "$W"
ENVV=()
n=0

# shape LINE PATTERN: exit 0, empty stderr, first stdout line matches PATTERN
# (an ERE), and for -V exactly one line
shape() {
	local what=$1 pat=$2 lines=$3 why=() first
	split_args "$what"
	n=$((n + 1))
	run_ss "$SS" "$W/c$n"
	first=$(head -n 1 "$W/c$n.out")
	[ "$(cat "$W/c$n.rc")" = 0 ] || why+=("exit status $(cat "$W/c$n.rc"), want 0")
	[ -s "$W/c$n.err" ] && why+=("stderr: $(head -c 100 "$W/c$n.err" | head -n 1)")
	[[ "$first" =~ $pat ]] || why+=("first line '$first' does not match /$pat/")
	if [ -n "$lines" ] && [ "$(wc -l <"$W/c$n.out")" != "$lines" ]; then
		why+=("$(wc -l <"$W/c$n.out") lines, want $lines")
	fi
	if [ -n "$(tail -c 1 "$W/c$n.out")" ]; then
		why+=("stdout does not end with a newline")
	fi
	if [ ${#why[@]} -eq 0 ]; then pass "cli $what"; else fail "cli $what" "${why[@]}"; fi
}

for v in -V -v --version --vers -nV; do
	shape "$v" '^ss utility, [^ ]+$' 1
done
for h in -h --help --he '-f help' '-t -h'; do
	shape "$h" '^Usage: ss \[ OPTIONS \]$' ''
done

if cmp -s "$SS" "$REF"; then
	skip "cli unsupported" "the binary under test is iproute2 ss itself (supports all of it)"
	exit 0
fi
while IFS= read -r line; do
	case "$line" in '' | \#*) continue ;; esac
	split_args "$line"
	n=$((n + 1))
	run_ss "$SS" "$W/u$n"
	rc=$(cat "$W/u$n.rc") why=()
	[ "$rc" = 255 ] || why+=("exit status $rc, want 255")
	[ -s "$W/u$n.out" ] && why+=("stdout not empty: $(head -c 100 "$W/u$n.out" | head -n 1)")
	[ -s "$W/u$n.err" ] || why+=("no message on stderr")
	if [ ${#why[@]} -eq 0 ]; then
		pass "unsupported $line"
	else
		fail "unsupported $line" "${why[@]}"
	fi
done <<'CASES'
-E
-a -Z
--netlink -o
CASES

# 3. Write errors on stdout (README: 6.1 loses the output and exits 0): every
#    output path reports them and exits 1.  A closed stdout is one too, and no
#    socket of ours may take its place as fd 1 (the table would go to the
#    kernel).  The table comes from a recording: no kernel dump is needed.
wmsg='ss: write error on standard output'
rec=${FIXTURES_DIR:-$TESTS/fixtures}/dumps/syn-many.dump	# cross/test.sh: big-endian twin
# werr NAME HOW ARGS...: HOW is "full" (stdout /dev/full) or "closed"
werr() {
	local what=$1 how=$2 rc why=()
	shift 2
	if [ "$how" = full ]; then
		env -i PATH=$CLEAN_PATH TCPDIAG_FILE=$rec "$SS" "$@" >/dev/full 2>"$W/w.err" </dev/null
	else
		env -i PATH=$CLEAN_PATH TCPDIAG_FILE=$rec "$SS" "$@" >&- 2>"$W/w.err" </dev/null
	fi
	rc=$?
	[ "$rc" = 1 ] || why+=("exit status $rc, want 1")
	[ "$(cat "$W/w.err")" = "$wmsg" ] || why+=("stderr '$(head -c 200 "$W/w.err")', want '$wmsg'")
	if [ ${#why[@]} -eq 0 ]; then pass "write error: $what"; else fail "write error: $what" "${why[@]}"; fi
}
if [ -w /dev/full ]; then
	for a in -h -V '-f help' --help -tan -tanH; do
		split_args "$a"
		werr "ss $a >/dev/full" full "${ARGV[@]}"
	done
else
	skip "write error: >/dev/full" "no writable /dev/full"
fi
werr "ss -tan >&-" closed -tan
werr "ss -h >&-" closed -h
if command -v strace >/dev/null 2>&1; then
	env -i PATH=$CLEAN_PATH strace -f -qq -o "$W/strace" -e trace=socket,write,sendto,sendmsg \
		"$SS" -tu >&- 2>/dev/null </dev/null
	if grep -Eq '^[0-9]+ +(socket\(.*= [012]$|(write|sendto|sendmsg)\([012], .*= [0-9]+$)' "$W/strace"; then
		fail "closed stdout: no socket on fd 0-2, nothing written there" "$(grep -E 'socket|= [0-9]+$' "$W/strace" | head -n 3)"
	else
		pass "closed stdout: no socket on fd 0-2, nothing written there"
	fi
else
	skip "closed stdout: no socket on fd 0-2" "strace is not installed"
fi
exit 0
