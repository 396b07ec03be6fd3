#!/bin/sh
# size.sh: bytes of ./ss per configuration, as a Markdown table for README
# and for the Cost lines of Kconfig: allnoconfig, defconfig, allyesconfig,
# then each switch alone on top of allnoconfig (with what it depends on).
#
#   sh config/size.sh        (or make size; make variables such as CC=... pass through)
#
# It builds in a temporary copy of the tree (the files git tracks and the
# untracked ones it does not ignore), so the caller's .config, build/ and ./ss
# stay as they are. Build output goes to stderr, the table to stdout.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ss-size.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

cd "$top"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git -c core.quotepath=off ls-files -co --exclude-standard |
	while IFS= read -r f; do
		if [ -f "$f" ]; then printf '%s\n' "$f"; fi
	done | tar -cf - -T - | tar -xf - -C "$work"
else
	cp -R . "$work"
	rm -rf "$work/.git" "$work/build" "$work/ss" "$work/.config" "$work/.config.old"
fi
[ -f "$work/Makefile" ] || { echo "size: could not copy the tree to $work" >&2; exit 1; }
cd "$work"

# Called from make, MAKEFLAGS names a jobserver this script cannot reach:
# keep the variables given to make (CC=...), drop -j and the jobserver.
if [ -n "${MAKEFLAGS:-}" ]; then
	MAKEFLAGS=$(printf '%s\n' "$MAKEFLAGS" | awk '{
		out = ""
		for (i = 1; i <= NF; i++) if ($i !~ /^(-j|--jobserver)/) out = out " " $i
		print out }')
	export MAKEFLAGS
fi

# measure LABEL KCONF-ARGS...: configure, build, print the bytes of ./ss.
measure() {
	label=$1
	shift
	sh config/kconf.sh "$@" >&2 && make -s -j2 ss >&2 ||
		{ echo "size: the $label build failed" >&2; exit 1; }
	wc -c <ss | tr -d ' '
}

rows=
row() { rows="$rows| $1 | $2 |${3:+ $3} |
"; }

# Assignments, so that set -e sees a failed measure.
base=$(measure allnoconfig allnoconfig)
row allnoconfig "$base" ""
bytes=$(measure defconfig defconfig)
row defconfig "$bytes" ""
bytes=$(measure allyesconfig allyesconfig)
row allyesconfig "$bytes" ""
for sym in $(sh config/kconf.sh symbols); do
	bytes=$(measure "$sym" only "$sym")
	delta=$((bytes - base))
	[ "$delta" -lt 0 ] || delta=+$delta
	# Name what came along through depends on.
	with=$(sed -n 's/^CONFIG_\(.*\)=y$/\1/p' .config | grep -vx "$sym" | tr '\n' ' ' | sed 's/ $//; s/ /, /g')
	row "$sym${with:+ (with $with)}" "$bytes" "$delta"
done

echo "| config | bytes | over allnoconfig |"
echo "| --- | ---: | ---: |"
printf '%s' "$rows"
