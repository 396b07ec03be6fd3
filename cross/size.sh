#!/bin/sh
# cross/size.sh [--readme] [ARCH...]: bytes of the stripped static ss per architecture
# for allnoconfig, defconfig and allyesconfig, as a Markdown table (make
# size prints it after the x86-64 table; make cross-size alone). Builds in a
# temporary copy of the tree, so .config, build/ and ./ss stay as they are.
# Architectures whose toolchain is not installed (cross/setup.sh) are left
# out, with a note on stderr; with none installed nothing is printed.
# --readme also writes the table into README.md between
# <!-- cross-size-table --> and <!-- /cross-size-table --> (make size-update).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/cross/arches"
readme=0
if [ "${1:-}" = --readme ]; then readme=1; shift; fi
arches=${*:-$CROSS_ARCHES}

ready=
for a in $arches; do
	if cross_ready "$a" "$top"; then
		ready="$ready $a"
	else
		echo "size: no $a toolchain (sh cross/setup.sh $a): left out" >&2
	fi
done
[ -n "$ready" ] || exit 0

work=$(mktemp -d "${TMPDIR:-/tmp}/ss-xsize.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM
cd "$top"
git -c core.quotepath=off ls-files -co --exclude-standard |
while IFS= read -r f; do
	if [ -f "$f" ]; then printf '%s\n' "$f"; fi
done | tar -cf - -T - | tar -xf - -C "$work"
# musl for mips is built once, in the real tree's build/cross.
export CROSS_MUSL="$top/build/cross"
cd "$work"
unset MAKEFLAGS MFLAGS MAKELEVEL

table=$work/table
{
	echo "| arch | allnoconfig | defconfig | allyesconfig |"
	echo "| --- | ---: | ---: | ---: |"
} >"$table"
for a in $ready; do
	row="| $a"
	for c in allnoconfig defconfig allyesconfig; do
		sh config/kconf.sh "$c" >&2
		sh cross/build.sh "$a" >&2 || { echo "size: the $a $c build failed" >&2; exit 1; }
		row="$row | $(wc -c <"build/cross/$a/ss" | tr -d ' ')"
	done
	echo "$row |" >>"$table"
done
cat "$table"
if [ $readme = 1 ]; then
	awk -v tf="$table" '
	/^<!-- cross-size-table -->$/ { print; while ((getline l < tf) > 0) print l; skip = 1; next }
	/^<!-- \/cross-size-table -->$/ { skip = 0 }
	!skip { print }' "$top/README.md" >"$work/readme"
	cat "$work/readme" >"$top/README.md"
	echo "size: README cross size table updated" >&2
fi
