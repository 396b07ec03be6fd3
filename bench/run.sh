#!/bin/sh
# bench/run.sh [SS] [N] - speed and memory of an ss binary against iproute2 ss.
#
# In a fresh private network namespace, sockfarm creates N established TCP
# pairs (90% IPv4, 10% IPv6) plus listeners, UDP, raw and unix sockets; for
# each row of bench/commands the binary under test (default ./ss) and the
# reference (/usr/bin/ss) first run once each, back to back, with output to
# files that must match; then they are timed alternately in the same run,
# together with `floor` (the bare netlink dump of the same request).  Prints a
# table (median [min-max] wall ms, peak RSS, ratios, check) and the targets.
# Needs root (network namespaces).  See bench/README.md.
#
# Knobs (environment):
#   BENCH_REF=/usr/bin/ss    reference binary
#   BENCH_RUNS=R             timed runs per binary and row (default 10 for
#                            N <= 200000, else 3)
#   BENCH_CMDS="tan uan"     rows to run: labels from bench/commands, "default"
#                            (the default), "extra" or "all"
#   BENCH_CMDFILE=FILE       another command table (default bench/commands)
#   BENCH_UNIX=U             unix stream sockets (default N/10, at least 1000;
#                            a fifth of that again as unix dgram)
#   BENCH_TW=K               TIME-WAIT sockets for `timewait` rows (default N, as
#                            the target states it; at least 1000, at most 250000)
#   BENCH_ROW_BUDGET=S       seconds of timing one row may take; slow commands
#                            get fewer runs (default 60)
#   BENCH_CMD_TIMEOUT=S      kill one run of a command after S seconds (default 120)
#   BENCH_TIMEOUT=S          the whole run (default 1200)
#   BENCH_KEEP=1             keep the temporary directory (outputs, raw timings)
#   CC=cc                    compiler for the helpers
set -u
export LC_ALL=C
unset COLUMNS 2>/dev/null || true

die() { echo "bench: $*" >&2; exit 2; }

if [ "${1:-}" != --inner ]; then
	# ------------------------------------------------------------ outside
	HERE=$(cd "$(dirname "$0")" && pwd) || die "cannot find bench/"
	SS=${1:-./ss}
	N=${2:-100000}
	case "$N" in '' | *[!0-9]*) die "N must be a number, not '$N'" ;; esac
	[ "$N" -ge 100 ] || die "N must be at least 100"
	case "$SS" in
	*/*) ;;
	*) SS=$(command -v -- "$SS") || die "not found: ${1:-./ss}" ;;
	esac
	[ -f "$SS" ] && [ -x "$SS" ] || die "not an executable file: $SS (build it first: make)"
	SS=$(cd "$(dirname "$SS")" && pwd)/$(basename "$SS")
	REF=${BENCH_REF:-/usr/bin/ss}
	[ -x "$REF" ] || die "reference not executable: $REF"
	[ "$(id -u)" = 0 ] || die "must run as root (it creates a network namespace)"
	command -v unshare >/dev/null || die "unshare (util-linux) not found"
	command -v timeout >/dev/null || die "timeout (coreutils) not found"

	OUT=$HERE/out
	mkdir -p "$OUT" || die "cannot create $OUT"
	CC=${CC:-cc}
	# build a helper when missing or older than its source or this script
	build() {
		[ -x "$OUT/$1" ] && [ ! "$HERE/$1.c" -nt "$OUT/$1" ] &&
			[ ! "$HERE/run.sh" -nt "$OUT/$1" ] && return 0
		echo "bench: building $1" >&2
		# runtime and floor link statically when they can: a smaller forked
		# copy of runtime means a lower floor under the RSS it reports, and a
		# static floor does not pay for the dynamic loader (~0.6 ms a run)
		if [ "$1" != sockfarm ] &&
			$CC -O2 -static -o "$OUT/$1" "$HERE/$1.c" 2>/dev/null; then
			return 0
		fi
		$CC -O2 -o "$OUT/$1" "$HERE/$1.c" || die "cannot build $1"
	}
	build runtime
	build floor
	build sockfarm

	export BENCH_HERE="$HERE" BENCH_OUT="$OUT" BENCH_SS="$SS" BENCH_N="$N" BENCH_REFBIN="$REF"
	exec timeout -k 15 "${BENCH_TIMEOUT:-1200}" unshare -n sh "$HERE/run.sh" --inner
fi

# ---------------------------------------------------------------- inside the namespace
HERE=$BENCH_HERE
OUT=$BENCH_OUT
TEST=$BENCH_SS
REF=$BENCH_REFBIN
N=$BENCH_N
RUNTIME=$OUT/runtime
FLOOR=$OUT/floor
SOCKFARM=$OUT/sockfarm
CMDFILE=${BENCH_CMDFILE:-$HERE/commands}
CMD_TIMEOUT=${BENCH_CMD_TIMEOUT:-120}
BUDGET=${BENCH_ROW_BUDGET:-60}
if [ -n "${BENCH_RUNS:-}" ]; then RUNS=$BENCH_RUNS
elif [ "$N" -le 200000 ]; then RUNS=10
else RUNS=3; fi
[ -r "$CMDFILE" ] || die "cannot read $CMDFILE"

TMP=$(mktemp -d /tmp/ssbench.XXXXXX) || die "mktemp failed"
rm -rf "$OUT/fail"
FARM_PID=
cleanup() {
	trap - EXIT INT TERM HUP
	exec 8>&-                       # EOF on sockfarm's stdin: it closes everything
	if [ -n "$FARM_PID" ]; then
		i=0
		while kill -0 "$FARM_PID" 2>/dev/null && [ $i -lt 300 ]; do
			i=$((i + 1))
			[ $i = 200 ] && kill -TERM "$FARM_PID" 2>/dev/null
			sleep 0.2
		done
		kill -0 "$FARM_PID" 2>/dev/null && kill -KILL "$FARM_PID" 2>/dev/null
	fi
	if [ -n "${BENCH_KEEP:-}" ]; then echo "bench: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

say() { echo "bench: $*" >&2; }

# ------------------------------------------------------------ socket population
N6=$((N / 10))
N4=$((N - N6))
NUDP=$((N / 100)); [ $NUDP -lt 100 ] && NUDP=100
NUDP6=$((NUDP / 5))
NUDP4=$((NUDP - NUDP6))
NUNIX=$((N / 10)); [ $NUNIX -lt 1000 ] && NUNIX=1000
[ -n "${BENCH_UNIX:-}" ] && NUNIX=$BENCH_UNIX
NTW=${BENCH_TW:-$N}
if [ -z "${BENCH_TW:-}" ]; then
	[ "$NTW" -lt 1000 ] && NTW=1000
	[ "$NTW" -gt 250000 ] && NTW=250000
fi
MAX_SETUP=600

say "starting sockfarm: $N4 + $N6 (IPv6) pairs, $NUDP UDP, $NUNIX unix stream ..."
mkfifo "$TMP/farm.ctl" || die "mkfifo failed"
t_farm0=$(date +%s)
"$SOCKFARM" --lo-up --seed 1 --tcp-listen 100 --tcp-estab "$N4" --tcp6-estab "$N6" \
	--udp "$NUDP4" --udp6 "$NUDP6" --raw 6 --unix-stream "$NUNIX" \
	--unix-dgram $((NUNIX / 5)) --hot-port 443 --hot-pairs 50 \
	--max-setup $MAX_SETUP --max-hold $((${BENCH_TIMEOUT:-1200} + 60)) \
	<"$TMP/farm.ctl" >"$TMP/farm.out" 2>"$TMP/farm.err" &
FARM_PID=$!
exec 8>"$TMP/farm.ctl"
i=0
until grep -q '^ready' "$TMP/farm.out" 2>/dev/null; do
	if ! kill -0 "$FARM_PID" 2>/dev/null; then
		cat "$TMP/farm.err" >&2
		die "sockfarm exited before ready"
	fi
	i=$((i + 1))
	[ $i -gt $((MAX_SETUP * 5 + 50)) ] && die "sockfarm not ready after $MAX_SETUP s"
	sleep 0.2
done
t_farm1=$(date +%s)

# ------------------------------------------------------------ helpers
# run WHO OUTFILE ARGS...: one run under runtime; appends its line to $TMP/WHO.times
# when OUTFILE is /dev/null, else leaves it in $TMP/WHO.probe
run_once() {
	_who=$1 _out=$2
	shift 2
	if [ "$_out" = /dev/null ]; then
		"$RUNTIME" -n 1 -t "$CMD_TIMEOUT" -e "$TMP/$_who.err" -- "$@" >>"$TMP/$_who.times"
	else
		"$RUNTIME" -n 1 -t "$CMD_TIMEOUT" -o "$_out" -e "$TMP/$_who.err" -- "$@" >"$TMP/$_who.probe"
	fi
}

# stats FILE -> "median min max maxrss n" over the runs listed in FILE
stats() {
	[ -s "$1" ] || { echo "NA NA NA NA 0"; return; }
	awk '{ t[NR] = $2; if ($3 > rss) rss = $3 }
	END {
		n = NR
		if (n == 0) { print "NA NA NA NA 0"; exit }
		for (i = 2; i <= n; i++) { v = t[i]; j = i - 1
			while (j > 0 && t[j] > v) { t[j + 1] = t[j]; j-- } t[j + 1] = v }
		med = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
		printf "%.3f %.3f %.3f %d %d\n", med, t[1], t[n], rss, n
	}' "$1"
}

# first line where two files differ: prints "LINE<TAB>COLUMN<TAB>ref text<TAB>test text",
# the texts cut to 100 characters around the first differing column
first_diff() {
	awk -v f2="$2" '
	function out(n, a, b,   c, s) {
		for (c = 1; c <= length(a) && substr(a, c, 1) == substr(b, c, 1); c++) ;
		s = (c > 50) ? c - 50 : 1
		printf "%d\t%d\t%s\t%s\n", n, c, substr(a, s, 100), substr(b, s, 100)
		d = 1
	}
	{
		if ((getline l2 < f2) <= 0) { out(NR, $0, "(end of output)"); exit }
		if ($0 != l2) { out(NR, $0, l2); exit }
	}
	END { if (!d && (getline l2 < f2) > 0) out(NR + 1, "(end of output)", l2) }' "$1"
}

collapse() { sed -e 's/[[:space:]][[:space:]]*/ /g' -e 's/^ //' -e 's/ $//' "$1"; }
# the dumping process's own NETLINK_SOCK_DIAG socket (tcpdiag:ss/PID, 4:PID
# with -n): its pid, queue and place in the kernel's hash differ per run
own_nl() { sed -E '/(^|[[:space:]])(tcpdiag|4):([^[:space:]/]+\/)?[1-9][0-9]*([[:space:]]|$)/d' "$1"; }
mask() { sed -e 's/[0-9][0-9]*/#/g' "$1"; }

# check ROW_LABEL COMPARE: compares $TMP/ref.out and $TMP/test.out (and the
# statuses in the probe files); sets CHECK (ok/INVALID) and REASON
check_outputs() {
	_lab=$1 _mode=$2
	CHECK=ok REASON=
	r_st=$(awk '{ print $4 }' "$TMP/ref.probe")
	t_st=$(awk '{ print $4 }' "$TMP/test.probe")
	if [ "$t_st" = timeout ]; then
		CHECK=INVALID REASON="test timed out after $CMD_TIMEOUT s"
		return
	fi
	if [ "$r_st" != "$t_st" ]; then
		CHECK=INVALID REASON="exit status ref $r_st, test $t_st"
		[ -s "$TMP/test.err" ] && REASON="$REASON; test stderr: $(head -c 200 "$TMP/test.err" | head -1)"
		return
	fi
	a=$TMP/ref.out b=$TMP/test.out
	case $_mode in
	masked)
		mask "$TMP/ref.out" >"$TMP/ref.m"
		mask "$TMP/test.out" >"$TMP/test.m"
		a=$TMP/ref.m b=$TMP/test.m ;;
	own-nl)
		own_nl "$TMP/ref.out" >"$TMP/ref.m"
		own_nl "$TMP/test.out" >"$TMP/test.m"
		a=$TMP/ref.m b=$TMP/test.m ;;
	dgram)
		# 6.1 reading /proc/net/unix shows every datagram socket ESTAB;
		# we derive the state (README, differences): only that is masked
		awk '$1 == "u_dgr" { $2 = "ESTAB" } { $1 = $1; print }' "$TMP/ref.out" >"$TMP/ref.m"
		awk '$1 == "u_dgr" { $2 = "ESTAB" } { $1 = $1; print }' "$TMP/test.out" >"$TMP/test.m"
		a=$TMP/ref.m b=$TMP/test.m ;;
	masked-ws)
		mask "$TMP/ref.out" >"$TMP/ref.m0"
		mask "$TMP/test.out" >"$TMP/test.m0"
		collapse "$TMP/ref.m0" >"$TMP/ref.m"
		collapse "$TMP/test.m0" >"$TMP/test.m"
		a=$TMP/ref.m b=$TMP/test.m ;;
	esac
	cmp -s "$a" "$b" && return
	CHECK=INVALID
	rl=$(wc -l <"$a" | tr -d ' ')
	tl=$(wc -l <"$b" | tr -d ' ')
	collapse "$a" >"$TMP/ref.ws"
	collapse "$b" >"$TMP/test.ws"
	if cmp -s "$TMP/ref.ws" "$TMP/test.ws"; then
		kind="layout only: equal after whitespace collapsing"
	else
		sort "$TMP/ref.ws" >"$TMP/ref.ws.s"
		sort "$TMP/test.ws" >"$TMP/test.ws.s"
		if cmp -s "$TMP/ref.ws.s" "$TMP/test.ws.s"; then
			kind="order only: same lines (whitespace collapsed) in another order"
		else
			kind="data differs, also after whitespace collapsing"
		fi
	fi
	[ "$_mode" = exact ] || kind="$kind (compared $_mode)"
	if [ "$rl" != "$tl" ]; then
		REASON="line count ref $rl, test $tl; $kind"
	else
		REASON="same line count ($rl), different content; $kind"
	fi
	d=$(first_diff "$a" "$b")
	REASON="$REASON
        first difference at line $(printf '%s' "$d" | cut -f1), column $(printf '%s' "$d" | cut -f2) (text between the quotes):
          ref:  \"$(printf '%s' "$d" | cut -f3)\"
          test: \"$(printf '%s' "$d" | cut -f4)\""
	mkdir -p "$OUT/fail"
	cp "$TMP/ref.out" "$OUT/fail/$_lab.ref"
	cp "$TMP/test.out" "$OUT/fail/$_lab.test"
	REASON="$REASON
        outputs kept: bench/out/fail/$_lab.ref, bench/out/fail/$_lab.test"
}

TW_MADE=0
make_timewait() {
	_now=$(date +%s)
	if [ "$TW_MADE" -gt 0 ] && [ $((_now - TW_MADE)) -lt 30 ]; then
		return 0
	fi
	say "creating $NTW TIME-WAIT sockets"
	TW_MADE=$(date +%s)
	# its own listener 127.0.0.1:61000 and clients on 127.2.x.y; it exits at
	# once (stdin /dev/null), the TIME-WAIT sockets stay with the kernel
	if ! timeout -k 5 50 "$SOCKFARM" --quiet --seed "$TW_MADE" --tcp-timewait "$NTW" \
		--base-port 61000 --max-setup 45 </dev/null >"$TMP/tw.out" 2>"$TMP/tw.err" ||
		! grep -q '^ready' "$TMP/tw.out"; then
		cat "$TMP/tw.err" >&2
		say "could not create TIME-WAIT sockets"
		return 1
	fi
	TW_DONE=$(date +%s)
	return 0
}

NOTES=$TMP/notes
RESULTS=$TMP/results
: >"$NOTES"
: >"$RESULTS"

# bench_row LABEL COMPARE SETUP FLOORSPEC ARGS
bench_row() {
	lab=$1 mode=$2 setup=$3 floorspec=$4 args=$5
	eval "set -- $args" || { say "$lab: cannot parse arguments: $args"; return; }
	say "[$lab] ss $*"
	if [ "$setup" = timewait ]; then
		make_timewait || {
			echo "$lab|NA|NA|NA|NA|NA|NA|NA|NA|NA|NA|INVALID" >>"$RESULTS"
			printf '%s: INVALID: TIME-WAIT sockets could not be created\n' "$lab" >>"$NOTES"
			return
		}
		tw_start=$("$FLOOR" --tcp --states 0x40)
	fi
	# setup proc: both binaries read /proc/net text instead of asking netlink
	[ "$setup" = proc ] && export PROC_ROOT=/proc
	rm -f "$TMP"/*.times "$TMP"/*.probe "$TMP"/*.out
	# 1. outputs, back to back
	run_once ref "$TMP/ref.out" "$REF" "$@"
	run_once test "$TMP/test.out" "$TEST" "$@"
	check_outputs "$lab" "$mode"
	[ "$CHECK" = ok ] || printf '%s: INVALID: %s\n' "$lab" "$REASON" >>"$NOTES"

	# 2. floors (the first one is the table's column)
	fl1= fl_rest=
	case "$floorspec" in
	- | '') ;;
	*) fl1=${floorspec%%;*}
		case "$floorspec" in *';'*) fl_rest=${floorspec#*;} ;; esac ;;
	esac

	# 3. timing: ref and test alternate, the floor after each pair
	t_probe=$(cat "$TMP/ref.probe" "$TMP/test.probe" | awk '{ s += $2 } END { printf "%d", s }')
	runs=$RUNS
	_budget=$BUDGET
	[ "$setup" = timewait ] && [ "$_budget" -gt 30 ] && _budget=30
	if [ "$t_probe" -gt 0 ]; then
		fit=$((_budget * 1000 / (t_probe + 1)))
		[ "$fit" -lt "$runs" ] && runs=$fit
	fi
	[ "$runs" -lt 1 ] && runs=1
	if grep -q timeout "$TMP/test.probe" "$TMP/ref.probe"; then
		runs=0
	fi
	[ -n "$fl1" ] && eval "run_once floor /dev/null \"\$FLOOR\" $fl1" && rm -f "$TMP/floor.times"
	r=1
	while [ $r -le $runs ]; do
		if [ $((r % 2)) = 1 ]; then
			run_once ref /dev/null "$REF" "$@"
			run_once test /dev/null "$TEST" "$@"
		else
			run_once test /dev/null "$TEST" "$@"
			run_once ref /dev/null "$REF" "$@"
		fi
		[ -n "$fl1" ] && eval "run_once floor /dev/null \"\$FLOOR\" $fl1"
		r=$((r + 1))
	done
	unset PROC_ROOT
	touch "$TMP/ref.times" "$TMP/test.times"
	set -- $(stats "$TMP/ref.times")
	r_med=$1 r_min=$2 r_max=$3 r_rss=$4
	set -- $(stats "$TMP/test.times")
	t_med=$1 t_min=$2 t_max=$3 t_rss=$4 nruns=$5
	f_med=-
	if [ -n "$fl1" ]; then
		set -- $(stats "$TMP/floor.times")
		f_med=$1
	fi
	# extra floors: notes
	rest=$fl_rest
	while [ -n "$rest" ]; do
		f=${rest%%;*}
		case "$rest" in *';'*) rest=${rest#*;} ;; *) rest= ;; esac
		rm -f "$TMP/floor.times"
		case "$f" in
		*'!'*)
			# another tool doing the same job (busybox netstat -tan): it
			# must exist and exit 0; the test must beat it
			f=${f#*!}
			eval "set -- $f"
			if ! command -v "$1" >/dev/null; then
				printf '%s: %s: not installed\n' "$lab" "$(echo $f)" >>"$NOTES"
				continue
			fi
			r=1
			while [ $r -le $((runs > 0 ? runs : 1)) ]; do
				run_once floor /dev/null "$@"
				r=$((r + 1))
			done
			set -- $(stats "$TMP/floor.times")
			v=$(awk -v t="$t_med" -v o="$1" 'BEGIN { if (o + 0 > 0) printf "%.2f", t / o; else print "NA" }')
			ok=$(awk -v v="$v" 'BEGIN { print (v != "NA" && v + 0 < 1) ? "MET" : "MISSED" }')
			grep -qv ' 0 [0-9.]* [0-9.]*$' "$TMP/floor.times" && ok="INVALID (it did not exit 0)"
			printf '%s: %s: median %s ms; test/it %s, faster: %s\n' "$lab" "$(echo $f)" "$1" "$v" "$ok" >>"$NOTES"
			continue ;;
		esac
		r=1
		while [ $r -le $((runs > 0 ? runs : 1)) ]; do
			eval "run_once floor /dev/null \"\$FLOOR\" $f"
			r=$((r + 1))
		done
		set -- $(stats "$TMP/floor.times")
		printf '%s: floor %s: median %s ms\n' "$lab" "$(echo $f)" "$1" >>"$NOTES"
	done
	if [ "$setup" = timewait ]; then
		tw_end=$("$FLOOR" --tcp --states 0x40)
		el=$(($(date +%s) - TW_MADE))
		printf '%s: TIME-WAIT sockets present: %s at start, %s at end (%s s after creation began)\n' \
			"$lab" "$tw_start" "$tw_end" "$el" >>"$NOTES"
	fi
	for w in ref test; do
		if grep -qv ' 0 [0-9.]* [0-9.]*$' "$TMP/$w.times" 2>/dev/null; then
			printf '%s: %s: some timed runs did not exit 0: %s\n' "$lab" "$w" \
				"$(awk '$4 != "0" { c[$4]++ } END { for (k in c) { printf "%s%s (%d runs)", sep, k, c[k]; sep = ", " } }' "$TMP/$w.times")" >>"$NOTES"
		fi
	done
	echo "$lab|$r_med|$r_min|$r_max|$t_med|$t_min|$t_max|$f_med|$r_rss|$t_rss|$nruns|$CHECK" >>"$RESULTS"
}

# ------------------------------------------------------------ select rows
SEL=${BENCH_CMDS:-default}
SEL=" $(for w in $SEL; do printf '%s ' "${w#-}"; done)"
sed -e 's/[[:space:]]*|[[:space:]]*/|/g' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
	-e '/^#/d' -e '/^$/d' "$CMDFILE" >"$TMP/rows.all"
awk -F'|' -v sel="$SEL" '
	{ lab = $1; set = $2
	  if (index(sel, " all ") || index(sel, " " set " ") || index(sel, " " lab " ")) {
		found[lab] = 1
		if ($4 == "timewait") late = late $0 "\n"; else print
	  } }
	END { printf "%s", late
	      n = split(sel, w, " ")
	      for (i = 1; i <= n; i++)
		if (w[i] != "all" && w[i] != "default" && w[i] != "extra" && !(w[i] in found))
			print "bench: no such row in the command table: " w[i] > "/dev/stderr" }
' "$TMP/rows.all" >"$TMP/rows"
[ -s "$TMP/rows" ] || die "no rows selected (BENCH_CMDS=${BENCH_CMDS:-})"

# ------------------------------------------------------------ header
# TCP sockets of the whole machine (all namespaces share the established hash)
sys_tcp() {
	awk '$1 == "TCP" || $1 == "TCPv6" || $1 == "tw_sock_TCP" || $1 == "tw_sock_TCPv6" { s += $2 }
		END { print s + 0 }' /proc/slabinfo 2>/dev/null || echo 0
}
# others_note WHEN: one line on the TCP sockets other namespaces hold
others_note() {
	_ours=$("$FLOOR" --tcp)
	_other=$(($(sys_tcp) - _ours))
	[ $_other -lt 0 ] && _other=0
	if [ $_other -gt 1000 ] && [ $_other -gt $((_ours / 20)) ]; then
		echo "WARNING: $_other TCP sockets outside this namespace $1 (/proc/slabinfo): they share the kernel's established hash and slow down every dump that walks it (tln's reference, 0x480 floor); results are not comparable with a quiet machine"
	else
		echo "TCP sockets outside this namespace $1: about $_other (/proc/slabinfo)"
	fi
}
NTCP=$("$FLOOR" --tcp)
NUDPS=$("$FLOOR" --udp)
NUNIXS=$("$FLOOR" --unix)
RSSFLOOR=$("$RUNTIME" -F)
# what floor costs before it dumps anything (exec, libc start-up, usage text)
"$RUNTIME" -n 7 -- "$FLOOR" -h >"$TMP/start.times"
FLOORSTART=$(stats "$TMP/start.times" | awk '{ print $1 }')
{
	echo "# ss bench: N=$N pairs -> $NTCP TCP, $NUDPS UDP, $NUNIXS unix sockets (sockfarm ready in $((t_farm1 - t_farm0)) s)"
	echo "# reference:  $REF ($("$REF" -V 2>&1 | head -1))"
	echo "# under test: $TEST"
	echo "# kernel $(uname -r), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cpus; up to $RUNS timed runs per binary and row (ref and test alternating, budget ${BUDGET} s/row)"
	echo "# times: wall ms, median [min-max]; RSS: peak ru_maxrss KB (no run reports below ${RSSFLOOR} KB, the runner's own floor)"
	echo "# floor start-up alone (floor -h: exec and libc start-up, no dump): $FLOORSTART ms, included in every floor time"
	echo "# $(others_note 'at start')"
	awk '{ s = $0; for (i = 0; i < 5; i++) s = substr(s, index(s, "|") + 1)
		printf "#   %-10s ss %s\n", substr($0, 1, index($0, "|") - 1), s }' "$TMP/rows"
} >"$TMP/report"
cat "$TMP/report" >&2

# ------------------------------------------------------------ rows
while IFS='|' read -r lab set mode setup floorspec args <&7; do
	bench_row "$lab" "$mode" "$setup" "$floorspec" "$args"
done 7<"$TMP/rows"

# ------------------------------------------------------------ table
awk -F'|' '
function f(x) { if (x == "NA" || x == "-") return x; return (x + 0 < 10) ? sprintf("%.2f", x) : sprintf("%.1f", x) }
function rt(a, b) { return (b == "-") ? "-" : (a == "NA" || b == "NA" || b + 0 <= 0) ? "NA" : sprintf("%.2f", a / b) }
BEGIN {
	printf "%-10s %-24s %-24s %9s %8s %10s %8s %8s %7s %4s  %s\n", "command", "ref ms [min-max]",
		"test ms [min-max]", "floor ms", "test/ref", "test/floor", "RSS ref", "RSS test", "RSS t/r", "runs", "check"
}
{
	ref = f($2) " [" f($3) "-" f($4) "]"
	tst = f($5) " [" f($6) "-" f($7) "]"
	tr = rt($5, $2); tf = rt($5, $8); rr = rt($10, $9)
	if ($12 != "ok") { tr = "INVALID"; tf = ($8 == "-") ? "-" : "INVALID"; rr = "INVALID" }
	printf "%-10s %-24s %-24s %9s %8s %10s %8s %8s %7s %4s  %s\n", $1, ref, tst, f($8), tr, tf,
		$9, $10, rr, $11, $12
}' "$RESULTS" >>"$TMP/report"
others_note 'at end' >>"$NOTES"
if [ -s "$NOTES" ]; then
	echo "notes:" >>"$TMP/report"
	sed 's/^/  /' "$NOTES" >>"$TMP/report"
fi

# ------------------------------------------------------------ targets
# label metric limit: time/floor, time/ref, rss/ref
cat >"$TMP/targets" <<'EOF'
tan time/floor 1.25
uan time/floor 1.5
tan-estab time/floor 1.5
tln time/ref 0.5
tan rss/ref 0.6
tanp time/ref 0.1
tanp rss/ref 0.5
xap time/ref 0.1
xa time/floor 1.5
xa time/ref 0.5
tan-proc time/floor 1.5
tan-proc time/ref 0.6
xa-proc time/ref 0.6
a time/ref 0.6
tani time/floor 1.5
tanie time/floor 1.6
tanm time/floor 1.6
EOF
awk -v n="$N" '
NR == FNR { split($0, f, "|"); row[f[1]] = $0; next }
{
	lab = $1; metric = $2; lim = $3
	what = (metric == "rss/ref") ? "RSS test/ref" : (metric == "time/ref") ? "test/ref" : "test/floor"
	line = sprintf("  %-10s %-13s <= %-5s", lab, what, lim)
	if (!(lab in row)) { print line "  not run"; next }
	split(row[lab], r, "|")
	if (r[12] != "ok") { print line "  INVALID (check failed: no ratio)"; next }
	if (metric == "time/floor") { x = r[5]; y = r[8] }
	else if (metric == "time/ref") { x = r[5]; y = r[2] }
	else { x = r[10]; y = r[9] }
	if (x == "NA" || y == "NA" || y == "-" || y + 0 <= 0) { print line "  NA"; next }
	v = x / y
	extra = (metric == "rss/ref" && lab == "tan") ? sprintf("  (target stated at 1000000 pairs; measured at N=%d)", n) : ""
	printf "%s  %-6s %.2f%s\n", line, (v <= lim + 0) ? "MET" : "MISSED", v, extra
}' "$RESULTS" "$TMP/targets" >"$TMP/targets.out"
{
	echo "targets:"
	cat "$TMP/targets.out"
	echo "summary: rows=$(wc -l <"$RESULTS" | tr -d ' ') invalid=$(grep -c '|INVALID$' "$RESULTS") targets_met=$(grep -c ' MET ' "$TMP/targets.out") targets_missed=$(grep -c ' MISSED ' "$TMP/targets.out")"
} >>"$TMP/report"
cp "$TMP/report" "$OUT/report.txt"
echo >&2
cat "$TMP/report"
exit 0
