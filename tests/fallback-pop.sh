# tests/fallback-pop.sh - part 2 of tests/fallback.sh (sourced by it inside
# its own network namespace, FALLBACK_INNER=2; not a test group of its own).
#
# tests/procpop.py holds a few thousand sockets of every kind; ./ss with
# netlink blocked (tests/nonetlink) must print
#   - what iproute2 6.1 prints blocked the same way (norm_dgram), and
#   - the rows of its own netlink path, once norm_proc has removed what
#     /proc/net cannot carry (README, differences from the netlink path).

[ "${FALLBACK_INNER:-}" = 2 ] || { echo "SKIP fallback-pop: run through tests/fallback.sh"; exit 0; }

command -v python3 >/dev/null || { skip fallback-pop "python3 is not installed (tests/procpop.py)"; exit 0; }
W=$OUT/fallback-pop
rm -rf "$W"
mkdir -p "$W"
ip link set lo up
ip addr add ::1/128 dev lo 2>/dev/null
mkfifo "$W/pop.in"
python3 "$TESTS/procpop.py" "${FALLBACK_N:-1500}" <"$W/pop.in" >"$W/pop.out" 2>"$W/pop.err" &
POP=$!
exec {POPFD}>"$W/pop.in"
trap 'exec {POPFD}>&-; wait $POP' EXIT
for i in $(seq 300); do
	grep -q '^ready' "$W/pop.out" 2>/dev/null && break
	kill -0 "$POP" 2>/dev/null || break
	sleep 0.1
done
if ! grep -q '^ready' "$W/pop.out"; then
	fail fallback-pop-setup "$(head -c 300 "$W/pop.err")"
	exit 0
fi

# norm_proc FILE [1]: rows sorted, blanks collapsed, header and netlink rows
# dropped (compared as sets below), then what /proc/net does not carry:
# unix queues and peers, the listener's backlog as Send-Q, v6only ([::]
# becomes *), the bound interface (%dev).
norm_proc() {
	awk -v only_nl="${2:-0}" 'NR == 1 { o = ($1 == "Netid"); next }
	only_nl || (o && $1 == "nl") { next }
	{
		if (o && $1 ~ /^u_/) {
			$3 = 0; $4 = 0
			$(NF - ($NF ~ /^users:/)) = 0
		} else {
			if ($(1 + o) == "LISTEN")
				$(3 + o) = 0
			for (i = 4 + o; i <= 5 + o; i++) {
				sub(/^\[::\]:/, "*:", $i)
				sub(/%[^:]*:/, ":", $i)
			}
		}
		$1 = $1
		print
	}' "$1" | LC_ALL=C sort >"$1.norm"
}

# nl_set FILE [1]: netlink rows (1: every row is one) as a set, without the sock_diag sockets (protocol 4: ss's own)
nl_set() {
	awk -v only_nl="${2:-0}" 'NR == 1 { o = ($1 == "Netid"); next }
	o && $1 == "nl" && $5 !~ /^4:/ { print $5, $2 }
	only_nl && $4 !~ /^(4|tcpdiag):/ { print $4, $1 }' "$1" | LC_ALL=C sort -u >"$1.nl"
}

n=0
for c in '-tan' '-uan' '-wan' '-xa' '-0a' '-an' '-f netlink -a' '-tan state established' '-xan' \
	'-tanp' '-xap' "-tan state established '( dport = :443 or sport = :443 )'" \
	"-an '( sport = :80 or dport = :8080 )'"; do
	n=$((n + 1))
	split_args "$c"
	ENVV=()
	run_ss "$SS" "$W/probe$n"
	if grep -q 'not supported in this build' "$W/probe$n.err"; then
		skip "fallback $c" "$(head -n 1 "$W/probe$n.err")"
		continue
	fi
	sandboxed_pair sandboxed "$c" $n
	split_args "$c"
	run_ss "$SS" "$W/nl$n"
	rows=$(($(wc -l <"$W/t$n.out") - 1))
	if [ -s "$W/t$n.err" ]; then
		fail "fallback quiet (no netlink) $c" "stderr: $(first_line "$W/t$n.err")"
	fi
	cp "$W/t$n.out" "$W/p$n.out"
	norm_dgram "$W/r$n.out" "$W/t$n.out"
	compare_run "fallback $rows rows (no netlink, both) $c" "$W/r$n" "$W/t$n"

	only=0
	case "$c" in *netlink*) only=1 ;; esac
	norm_proc "$W/p$n.out" $only
	norm_proc "$W/nl$n.out" $only
	if cmp -s "$W/nl$n.out.norm" "$W/p$n.out.norm"; then
		pass "fallback $rows rows = netlink path (normalised) $c"
	else
		fail "fallback $rows rows = netlink path (normalised) $c" \
			"$(diff "$W/nl$n.out.norm" "$W/p$n.out.norm" | head -n 8)"
	fi
	# the kernel's netlink_diag dump repeats and drops sockets when it
	# spans several messages (6.1 shows the same): every socket it shows
	# must be in /proc/net/netlink
	nl_set "$W/nl$n.out" $only
	nl_set "$W/p$n.out" $only
	if [ -s "$W/nl$n.out.nl" ] && [ -n "$(comm -23 "$W/nl$n.out.nl" "$W/p$n.out.nl")" ]; then
		fail "fallback netlink rows within /proc $c" "$(comm -23 "$W/nl$n.out.nl" "$W/p$n.out.nl" | head -n 4)"
	fi
done

# -o -e -i on the whole population (spec §7.8), against 6.1 sandboxed the
# same way (packet needs rtnetlink there), volatile timers masked
for c in '-tanoe' '-tanoi' '-xae' '-f netlink -ae' '-A tcp,unix,netlink -aoeO'; do
	n=$((n + 1))
	sandboxed_pair sandboxed "$c" $n
	rows=$(($(wc -l <"$W/t$n.out") - 1))
	norm_dgram "$W/r$n.out" "$W/t$n.out"
	mask_timers "$W/r$n.out" "$W/t$n.out"
	compare_run "fallback details $rows rows (no netlink, both) $c" "$W/r$n" "$W/t$n"
done
