#!/bin/sh
# bench/growth.sh - how ss -tanp grows with the number of sockets (issue 10).
#
#   sh bench/growth.sh [SS [SOCKETS...]]     (as root; make bench builds the helpers)
#   flock /tmp/heavy.lock sh bench/growth.sh ./ss 10000 25000 50000 100000 200000 400000
#
# For each population (SOCKETS TCP sockets = SOCKETS/2 established pairs on
# 127.0.0.1, held by sockfarm in a fresh network namespace) it times, median
# of GROWTH_RUNS (3) runs each: our ss -tan (the dump alone), our ss -tanp
# (dump + /proc scan + users text) and iproute2's ss -tanp (one run; its
# process map is a 256-bucket chained hash walked per socket, so its time
# grows with the square of the socket count: it is skipped above
# GROWTH_REF_MAX sockets, 200000 by default).  Both -tanp outputs must be
# the same bytes, else the row says so.  Prints a Markdown table.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE/out
SS=${1:-./ss}
[ $# -gt 0 ] && shift
SIZES=${*:-10000 25000 50000 100000 200000 400000}
REF=${BENCH_REF:-/usr/bin/ss}
RUNS=${GROWTH_RUNS:-3}
REF_MAX=${GROWTH_REF_MAX:-200000}
case $SS in /*) ;; *) SS=$(pwd)/$SS ;; esac
[ "$(id -u)" = 0 ] || { echo "growth: must run as root" >&2; exit 2; }
for h in sockfarm runtime; do
	[ -x "$OUT/$h" ] || { echo "growth: $OUT/$h missing: run make bench (or bench/run.sh) once" >&2; exit 2; }
done

if [ "${GROWTH_INNER:-}" != 1 ]; then
	echo "| sockets | ours -tan ms | ours -tanp ms | -tanp - -tan, ns per socket | iproute2 -tanp ms | ours / iproute2 | peak RSS ours / iproute2 KB |"
	echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	for n in $SIZES; do
		GROWTH_INNER=1 GROWTH_N=$n timeout -k 10 900 unshare -n sh "$0" "$SS"
	done
	exit 0
fi

N=$GROWTH_N
TMP=$(mktemp -d /tmp/ss-growth.XXXXXX)
trap 'exec 8>&-; wait; rm -rf "$TMP"' EXIT
mkfifo "$TMP/ctl"
"$OUT/sockfarm" --lo-up --quiet --tcp-listen 4 --tcp-estab $((N / 2)) --max-hold 900 \
	<"$TMP/ctl" >"$TMP/farm.out" 2>"$TMP/farm.err" &
exec 8>"$TMP/ctl"
i=0
until grep -q '^ready' "$TMP/farm.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 3000 ] || { echo "growth: sockfarm not ready" >&2; exit 1; }
	sleep 0.2
done

# median WALL and peak RSS of RUNS runs: "MS KB"
med() {
	k=$1
	shift
	"$OUT/runtime" -n "$k" -t 600 -- "$@" | sort -n -k2 |
		awk '{ w[NR] = $2; if ($3 > r) r = $3 } END { printf "%s %d\n", w[int((NR + 1) / 2)], r }'
}
LC_ALL=C
export LC_ALL
"$SS" -tanp >"$TMP/test.out"
set -- $(med "$RUNS" "$SS" -tan)
tan=$1
set -- $(med "$RUNS" "$SS" -tanp)
tanp=$1 rss=$2
per=$(awk -v a="$tanp" -v b="$tan" -v n="$N" 'BEGIN { printf "%.0f", (a - b) * 1e6 / n }')
if [ "$N" -le "$REF_MAX" ]; then
	"$REF" -tanp >"$TMP/ref.out"
	set -- $(med 1 "$REF" -tanp)
	ref=$1 rrss=$2
	if cmp -s "$TMP/ref.out" "$TMP/test.out"; then
		ratio=$(awk -v a="$tanp" -v b="$ref" 'BEGIN { printf "%.3f", a / b }')
	else
		ratio="outputs differ"
	fi
	echo "| $N | $tan | $tanp | $per | $ref | $ratio | $rss / $rrss |"
else
	echo "| $N | $tan | $tanp | $per | skipped (above $REF_MAX) | | $rss / - |"
fi
