#!/bin/sh
# kconf.sh: .config and build/config.h from Kconfig, in POSIX sh and awk
# (the kconfig C tools are needed only for menuconfig).
#
#   sh config/kconf.sh defconfig      .config from config/defconfig
#   sh config/kconf.sh allnoconfig    every switch off
#   sh config/kconf.sh allyesconfig   every switch on that its depends on allows
#   sh config/kconf.sh oldconfig      keep .config values, defaults for new
#                                     symbols, drop unknown ones
#   sh config/kconf.sh only SS_X      allnoconfig plus SS_X and its dependencies
#   sh config/kconf.sh header [FILE]  FILE (build/config.h) from .config
#   sh config/kconf.sh symbols        the switches (symbols with a prompt)
#
# Run from the top of the tree. KCONFIG names the Kconfig file (Kconfig),
# KCONFIG_CONFIG the config file (.config); to bring config/defconfig up to
# date after adding a switch: KCONFIG_CONFIG=config/defconfig sh config/kconf.sh oldconfig
# A file is replaced only when its content changes, so make rebuilds only
# what a real change touches; the .config replaced is kept as .config.old.
set -eu

awkfile=$(dirname "$0")/kconf.awk
kconfig=${KCONFIG:-Kconfig}
config=${KCONFIG_CONFIG:-.config}
backup=.config.old
[ -z "${KCONFIG_CONFIG:-}" ] || backup=
tmp=

usage() {
	echo "usage:" >&2
	sed -n '5,13s/^#//p' "$0" >&2
	exit 2
}

# compute MODE VALUES [SYMBOL]: the awk result on stdout.
compute() {
	awk -v mode="$1" -v only="${3:-}" -f "$awkfile" "$kconfig" "$2"
}

# install FILE [BACKUP]: move $tmp over FILE when the two differ.
install_tmp() {
	if cmp -s "$tmp" "$1"; then
		rm -f "$tmp"
	else
		if [ -n "${2:-}" ] && [ -f "$1" ]; then cp "$1" "$2"; fi
		mv "$tmp" "$1"
	fi
	tmp=
}

# write_config MODE VALUES [SYMBOL]
write_config() {
	tmp=$config.tmp.$$
	compute "$@" >"$tmp"
	install_tmp "$config" "$backup"
}

trap '[ -z "$tmp" ] || rm -f "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

[ $# -ge 1 ] || usage
[ -f "$kconfig" ] || { echo "kconf: no $kconfig here; run from the top of the tree" >&2; exit 1; }
cmd=$1
shift
case $cmd in
defconfig)	[ $# -eq 0 ] || usage; write_config old config/defconfig ;;
allnoconfig)	[ $# -eq 0 ] || usage; write_config no /dev/null ;;
allyesconfig)	[ $# -eq 0 ] || usage; write_config yes /dev/null ;;
oldconfig)
	[ $# -eq 0 ] || usage
	if [ -f "$config" ]; then write_config old "$config"
	elif [ -f config/defconfig ]; then write_config old config/defconfig
	else write_config old /dev/null
	fi ;;
only)		[ $# -eq 1 ] || usage; write_config only /dev/null "$1" ;;
header)
	[ $# -le 1 ] || usage
	out=${1:-build/config.h}
	[ -f "$config" ] || { echo "kconf: no $config; run make defconfig" >&2; exit 1; }
	mkdir -p "$(dirname "$out")"
	tmp=$out.tmp.$$
	compute header "$config" >"$tmp"
	install_tmp "$out" ;;
symbols)	[ $# -eq 0 ] || usage; compute list /dev/null ;;
*)		usage ;;
esac
