#!/bin/sh
# size-apply.sh: takes the table of config/size.sh on stdin and writes it
# where it is quoted: the Cost line of each switch in Kconfig, and the README
# between the lines <!-- size-table --> and <!-- /size-table -->.
#
#   make size-update     (= sh config/size.sh | sh config/size-apply.sh)
set -eu
cd "$(dirname "$0")/.."
table=$(mktemp "${TMPDIR:-/tmp}/ss-table.XXXXXX")
trap 'rm -f "$table" "$table.k" "$table.r"' EXIT
cat >"$table"
grep -q '^| allnoconfig |' "$table" || { echo "size-apply: no size table on stdin" >&2; exit 1; }

# Kconfig: inside "config SS_X", the help line starting "Cost:".
awk -v tf="$table" '
BEGIN {
	while ((getline l < tf) > 0) {
		n = split(l, f, "|")
		if (n < 4) continue
		name = f[2]; gsub(/^ +| +$/, "", name); sub(/ .*/, "", name)
		d = f[4]; gsub(/[ +]/, "", d)
		if (name ~ /^SS_/ && d != "") cost[name] = d
	}
}
/^config / { sym = $2 }
/^[ \t]+Cost:/ && (sym in cost) {
	match($0, /^[ \t]+/)
	print substr($0, 1, RLENGTH) "Cost: about " cost[sym] " bytes over allnoconfig (make size)."
	next
}
{ print }' Kconfig >"$table.k"
cat "$table.k" >Kconfig

# README: replace what stands between the markers.
awk -v tf="$table" '
/^<!-- size-table -->$/ { print; while ((getline l < tf) > 0) print l; skip = 1; next }
/^<!-- \/size-table -->$/ { skip = 0 }
!skip { print }' README.md >"$table.r"
cat "$table.r" >README.md
echo "size-apply: Kconfig Cost lines and the README size table updated" >&2
