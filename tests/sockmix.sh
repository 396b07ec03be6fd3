# tests/sockmix.sh - start and stop the sockmix fixture (bash, sourced).
#
# Call inside a private network namespace (unshare -n) as root:
#   mix_start WORKDIR   brings lo up, adds the extra addresses sockmix binds
#                       to, starts tests/out/sockmix and waits for "ready"
#   mix_stop            closes its stdin and waits for it to exit
# Needs lib.sh (build_helper, OUT).

MIX_PID=
MIX_FD=

mix_start() {
	local dir=$1 i
	build_helper sockmix || { echo "cannot build sockmix: $(head -c 300 "$OUT/sockmix.build.log")"; return 1; }
	ip link set lo up || return 1
	ip addr add 127.123.234.251/32 dev lo || return 1
	local a
	for a in fd00::1 fd00:1234:5678:9abc:def0:1234:5678:9abc 2001:db8::1:0:0:1; do
		ip -6 addr add "$a/128" dev lo nodad || return 1
	done
	rm -f "$dir/mix.in"
	mkfifo "$dir/mix.in" || return 1
	"$OUT/sockmix" --bulk "${MIX_BULK:-100}" --max-hold "${MIX_MAX_HOLD:-240}" \
		<"$dir/mix.in" >"$dir/mix.out" 2>"$dir/mix.err" &
	MIX_PID=$!
	exec {MIX_FD}>"$dir/mix.in"
	for i in $(seq 300); do
		grep -q '^ready' "$dir/mix.out" 2>/dev/null && return 0
		kill -0 "$MIX_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "sockmix not ready: $(head -c 300 "$dir/mix.err")"
	mix_stop
	return 1
}

mix_stop() {
	local i
	if [ -n "$MIX_FD" ]; then
		exec {MIX_FD}>&-
		MIX_FD=
	fi
	if [ -n "$MIX_PID" ]; then
		for i in $(seq 50); do
			kill -0 "$MIX_PID" 2>/dev/null || break
			[ "$i" = 30 ] && kill -TERM "$MIX_PID" 2>/dev/null
			sleep 0.1
		done
		kill -KILL "$MIX_PID" 2>/dev/null
		wait "$MIX_PID" 2>/dev/null
		MIX_PID=
	fi
}

# mix_can_run GROUP -> 0 when this machine can run a namespace group (root,
# iproute2 6.1 as reference, unshare -n, ip(8)); else prints its SKIP line.
mix_can_run() {
	local why
	[ "$(id -u)" = 0 ] || { skip "$1" "needs root for network namespaces"; return 1; }
	why=$(ref_ok) || { skip "$1" "$why"; return 1; }
	unshare -n true 2>/dev/null || { skip "$1" "unshare -n does not work here"; return 1; }
	command -v ip >/dev/null || { skip "$1" "no ip(8) to set up the namespace"; return 1; }
}

# mix_begin GROUP -> inside the namespace: W=$OUT/GROUP emptied, the fixture
# started (stopped again on exit); on failure prints FAIL and exits the group.
mix_begin() {
	W=$OUT/$1
	rm -rf "$W"
	mkdir -p "$W"
	trap mix_stop EXIT
	trap 'exit 130' INT TERM
	if ! mix_start "$W" >"$W/setup.log" 2>&1; then
		fail "$1-setup" "$(head -c 400 "$W/setup.log")"
		exit 0
	fi
}
