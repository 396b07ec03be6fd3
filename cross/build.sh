#!/bin/sh
# cross/build.sh [ARCH...]: static musl binaries, stripped, of the current
# .config at build/cross/ARCH/ss (objects in build/cross/ARCH/obj). Every
# architecture of cross/arches when none is named. Installs what is missing
# first (cross/setup.sh, as root) and builds musl for mips once
# (cross/musl-mips.sh, cached in build/cross/musl-mips).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/cross/arches"
cd "$top"
arches=${*:-$CROSS_ARCHES}

missing=
for a in $arches; do
	cross_ready "$a" "$top" || missing="$missing $a"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "cross: toolchain missing for$missing: run sh cross/setup.sh$missing as root" >&2
		exit 1
	fi
	sh cross/setup.sh $missing
fi

# Called from make: keep the caller's variables, not its jobserver.
unset MAKEFLAGS MFLAGS MAKELEVEL
[ -f .config ] || sh config/kconf.sh defconfig
for a in $arches; do
	arch_vars "$a"
	[ -n "$DEB_ARCH" ] || sh cross/musl-mips.sh "${CROSS_MUSL:-build/cross}/musl-$a"
	cc=$(cross_cc "$a" "$top")
	out=build/cross/$a
	mkdir -p "$out"
	# .config is shared; each architecture has its own build/config.h copy.
	make -s -j2 BUILD="$out/obj" BIN="$out/ss" CC="$cc" \
		STRIP="$GNU_TRIPLET-strip" CFLAGS_EXTRA="$ARCH_CFLAGS ${CROSS_CFLAGS:-}" \
		"$out/ss"
	echo "cross: $out/ss $(wc -c <"$out/ss" | tr -d ' ') bytes"
done
