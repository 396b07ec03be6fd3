# tests/lib.sh - helpers shared by the test groups (bash, sourced).
#
# Every group prints one line per test: "PASS name", "FAIL name" (followed by
# indented detail lines) or "SKIP name: reason"; tests/run.sh counts them.
# Expects SS (absolute path of the binary under test) in the environment.

TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$TESTS/out
REF=${SS_REF:-/usr/bin/ss}
SS_TIMEOUT=${SS_TIMEOUT:-20}
CLEAN_PATH=/usr/sbin:/usr/bin:/sbin:/bin
mkdir -p "$OUT"

pass() { echo "PASS $1"; }
skip() { echo "SKIP $1: $2"; }
fail() {
	echo "FAIL $1"
	shift
	local l
	for l in "$@"; do printf '    %s\n' "$l"; done
}

# split_args STRING -> ARGV: shell-style quoting ('...' "..." \x), no expansion
split_args() {
	ARGV=()
	[ -z "$1" ] && return 0
	mapfile -d '' -t ARGV < <(printf '%s' "$1" | xargs -r printf '%s\0')
}

# split_env -> moves leading NAME=value words of ARGV into ENVV
split_env() {
	ENVV=()
	while [ ${#ARGV[@]} -gt 0 ] && [[ "${ARGV[0]}" =~ ^[A-Z_][A-Z0-9_]*= ]]; do
		ENVV+=("${ARGV[0]}")
		ARGV=("${ARGV[@]:1}")
	done
}

# run_ss BIN PREFIX -> PREFIX.out PREFIX.err PREFIX.rc; uses ENVV and ARGV.
# Clean environment, C locale, no COLUMNS, stdin /dev/null, stdout a file.
# A binary called ss (the reference, the binary under test) is run as "ss"
# found on PATH, as a user runs it, so that glibc-style messages, which
# start with argv[0], read "ss: ..." for both.
run_ss() {
	local bin=$1 path=$CLEAN_PATH dir
	case $bin in
	"${SS:-}" | "$REF" | */ss)
		dir=$OUT/argv0/$(printf '%s' "$bin" | cksum | tr -c '0-9\n' _)
		[ -L "$dir/ss" ] || { mkdir -p "$dir" && ln -sfn "$bin" "$dir/ss"; }
		path=$dir:$CLEAN_PATH bin=ss
		;;
	esac
	env -i PATH="$path" LC_ALL=C "${ENVV[@]}" \
		timeout -k 2 "$SS_TIMEOUT" "$bin" "${ARGV[@]}" >"$2.out" 2>"$2.err" </dev/null
	echo $? >"$2.rc"
}

# short_diff EXPECTED ACTUAL -> first lines of a unified diff, line ends
# marked with '$' so trailing blanks are visible
short_diff() {
	diff -u --label expected --label actual "$1" "$2" | head -n "${3:-14}" | sed 's/$/$/'
}

# norm_dgram FILE...: every u_dgr row in state ESTAB, blanks collapsed.
# 6.1 reading /proc/net/unix shows every datagram socket ESTAB; we derive
# ESTAB/UNCONN from the socket's state (README, differences): this hides
# only that difference (and the column widths it moves).
norm_dgram() {
	local f
	for f in "$@"; do
		awk '$1 == "u_dgr" { $2 = "ESTAB" } { $1 = $1; print }' "$f" >"$f.n" && mv "$f.n" "$f"
	done
}

# need_netns GROUP TOOL...: 0 when a live group can run (iproute2 6.1, root
# for unshare -n, every TOOL on PATH), else prints its SKIP line and returns 1
need_netns() {
	local g=$1 why t
	shift
	why=$(ref_ok) || { skip "$g" "$why"; return 1; }
	[ "$(id -u)" = 0 ] || { skip "$g" "needs root (unshare -n)"; return 1; }
	for t in "$@"; do
		command -v "$t" >/dev/null || { skip "$g" "$t is not installed"; return 1; }
	done
}

# mask_moving FILE...: in place, the digits of live output that move between
# two runs (ms since the last send, receive, ack; timer expiries) and
# trailing blanks (the column widens by a digit or not)
mask_moving() {
	sed -i -E 's/(last(snd|rcv|ack)):[0-9]+/\1:N/g; s/timer:\(([a-z]+),[^,]*,/timer:(\1,T,/g; s/ +$//' "$@"
}

# start_live NAME FILE <<'EOF' (a python3 program): runs it in the
# background, output to FILE, and waits for its "ready" line; LIVE_PID is
# its pid.  Returns 1 with a FAIL line when it did not get ready.
start_live() {
	: >"$2"
	python3 - <&0 >"$2" 2>&1 &
	LIVE_PID=$!
	wait_ready "$2" && return 0
	fail "$1" "sockets not ready: $(head -c 200 "$2")"
	kill "$LIVE_PID" 2>/dev/null
	return 1
}

# wait_ready FILE: up to 5 s for a line "ready" in FILE (a helper's started)
wait_ready() {
	local i
	for i in $(seq 50); do
		grep -q '^ready' "$1" && return 0
		sleep 0.1
	done
	return 1
}

# sandboxed_pair HOW ARGS N: the reference into $W/rN, told to read /proc
# (HOW proc: PROC_ROOT=/proc) or with netlink denied (HOW sandboxed:
# tests/nonetlink), and the binary under test, netlink denied, into $W/tN
sandboxed_pair() {
	split_args "$2"
	if [ "$1" = proc ]; then
		ENVV=(PROC_ROOT=/proc)
		run_ss "$REF" "$W/r$3"
	else
		ENVV=()
		ARGV=("$REF" "${ARGV[@]}")
		run_ss "$OUT/nonetlink" "$W/r$3"
	fi
	split_args "$2"
	ENVV=()
	ARGV=("$SS" "${ARGV[@]}")
	run_ss "$OUT/nonetlink" "$W/t$3"
}

# first_line FILE -> its first line, at most 200 bytes
first_line() { head -c 200 "$1" | head -n 1; }

# ref_failed RC -> 0 when an exit status says the reference did not run as
# ss (timeout 124, harness 125, exec 126/127, killed by a signal)
ref_failed() {
	case $1 in
	124 | 125 | 126 | 127) return 0 ;;
	255) return 1 ;;
	esac
	[ "$1" -ge 128 ] 2>/dev/null
}

# timer_sec EXP_PREFIX ACT_PREFIX: 6.1 prints a timer with a fraction after
# whole seconds as "1.500ms"; we print "1.500sec" as later iproute2 does
# (README, differences).  Only when the expected output has such a timer:
# it is rewritten to "sec", and trailing blanks (the last column's padding,
# which the longer word moves) are dropped from both outputs.
timer_sec() {
	local re='(timer:\([A-Za-z0-9_]+,[0-9]+\.[0-9]{3})ms,'
	grep -qE "$re" "$1.out" || return 0
	sed -E "s/$re/\\1sec,/g; s/ +\$//" "$1.out" >"$1.out.sec" && mv "$1.out.sec" "$1.out"
	sed -E 's/ +$//' "$2.out" >"$2.out.sec" && mv "$2.out.sec" "$2.out"
}

# compare_run NAME EXP_PREFIX ACT_PREFIX [stderr]: stdout bytes and exit
# status must be identical; when the expected status is not 0 (an error
# case) the first stderr line too, and all of stderr when the 4th argument
# is "stderr".  The expected run must itself have worked: exited as ss
# exits and printed something (stdout or stderr), else the case could not
# tell a broken binary from a right one and it fails.
compare_run() {
	local name=$1 e=$2 a=$3 what=() detail=()
	local erc arc
	erc=$(cat "$e.rc") arc=$(cat "$a.rc")
	if ref_failed "$erc"; then
		fail "$name" "the reference run failed (status $erc): $(first_line "$e.err")"
		return
	fi
	if [ ! -s "$e.out" ] && [ ! -s "$e.err" ]; then
		fail "$name" "the reference printed nothing: this case cannot tell a silent binary from a right one"
		return
	fi
	[ "$erc" = "$arc" ] || what+=("exit status: expected $erc, got $arc")
	timer_sec "$e" "$a"
	if ! cmp -s "$e.out" "$a.out"; then
		what+=("stdout differs ($(wc -l <"$e.out") vs $(wc -l <"$a.out") lines):")
		mapfile -t detail < <(short_diff "$e.out" "$a.out")
		what+=("${detail[@]}")
	fi
	if [ "${4:-}" = stderr ]; then
		cmp -s "$e.err" "$a.err" || what+=("stderr differs: expected '$(first_line "$e.err")'," \
			"got '$(first_line "$a.err")'")
	elif [ "$erc" != 0 ] && [ "$(first_line "$e.err")" != "$(first_line "$a.err")" ]; then
		what+=("first stderr line differs: expected '$(first_line "$e.err")'," \
			"got '$(first_line "$a.err")'")
	fi
	if [ ${#what[@]} -eq 0 ]; then
		pass "$name"
	else
		[ "$arc" = 124 ] && what+=("(timed out after ${SS_TIMEOUT}s)")
		if [ "$arc" -ge 128 ] 2>/dev/null && [ "$arc" != 255 ]; then
			what+=("(killed by signal $((arc - 128)))")
		fi
		fail "$name" "${what[@]}"
	fi
}

# ref_ok -> 0 when the reference binary is iproute2 6.1.0 (else prints why not)
ref_ok() {
	local v
	[ -x "$REF" ] || { echo "no reference binary $REF"; return 1; }
	v=$("$REF" -V 2>/dev/null)
	[ "$v" = "ss utility, iproute2-6.1.0" ] || { echo "$REF reports '$v', not iproute2-6.1.0"; return 1; }
}

# build_helper NAME: cc tests/NAME.c -> tests/out/NAME when missing or stale
build_helper() {
	local src=$TESTS/$1.c bin=$OUT/$1
	if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
		cc -O2 -Wall -o "$bin" "$src" 2>"$OUT/$1.build.log" || return 1
	fi
}

# fixture_case LINE -> FX_NAME FX_FLAGS ENVV ARGV for a tests/fixtures/cases.txt
# line "NAME|FLAGS|ENV|ARGS" (ENV: NAME=value words, shell quoting, plus
# "@inet" = every PROC_NET_{TCP,TCP6,UDP,UDP6,RAW,RAW6} not given -> /dev/null).
# PROC_IP_LOCAL_PORT_RANGE defaults to range/default unless the case sets it
# or says "@norange".  Paths are relative to tests/fixtures, where ss runs.
fixture_case() {
	local rest=$1 envs v inet=0 norange=0 have=" "
	FX_NAME=${rest%%|*} rest=${rest#*|}
	FX_FLAGS=${rest%%|*} rest=${rest#*|}
	envs=${rest%%|*}
	split_args "$envs"
	ENVV=()
	for v in "${ARGV[@]}"; do
		if [ "$v" = @inet ]; then
			inet=1
		elif [ "$v" = @norange ]; then
			norange=1
		else
			ENVV+=("$v")
			have+="${v%%=*} "
		fi
	done
	if [ "$inet" = 1 ]; then
		for v in TCP TCP6 UDP UDP6 RAW RAW6; do
			[[ "$have" == *" PROC_NET_$v "* ]] || ENVV+=("PROC_NET_$v=/dev/null")
		done
	fi
	[ "$norange" = 1 ] || [[ "$have" == *" PROC_IP_LOCAL_PORT_RANGE "* ]] || ENVV+=("PROC_IP_LOCAL_PORT_RANGE=range/default")
	split_args "${rest#*|}"
}
