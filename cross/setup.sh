#!/bin/sh
# cross/setup.sh: install what `make cross` and `make cross-test` need on a
# fresh Debian 12 machine, from Debian's archive only (apt-get; run as root).
#
#   sh cross/setup.sh [ARCH...]     default: every architecture of cross/arches
#
# Per architecture: the gcc cross compiler, and musl as Debian's multiarch
# musl-dev (dpkg --add-architecture). Debian 12 has no big-endian mips port,
# so for mips musl is built from Debian's musl source package (a deb-src
# entry is added) by cross/musl-mips.sh when make cross first needs it.
# qemu-user-static runs the binaries. Native packages (musl-tools, gcc) are
# left as they are. Already installed packages are not asked for again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/arches"

arches=${*:-$CROSS_ARCHES}
need=
have() { dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q 'ok installed'; }
want() { have "$1" || need="$need $1"; }

foreign=
for a in $arches; do
	arch_vars "$a" || { echo "setup: unknown architecture $a" >&2; exit 2; }
	want "gcc-$GNU_TRIPLET"
	if [ -n "$DEB_ARCH" ]; then
		want "musl-dev:$DEB_ARCH"
		dpkg --print-foreign-architectures | grep -qx "$DEB_ARCH" ||
			foreign="$foreign $DEB_ARCH"
	else
		# musl from source: apt-get source needs dpkg-dev and a deb-src line.
		want dpkg-dev
		want make
	fi
done
want qemu-user-static
want make
want python3

srcs=/etc/apt/sources.list.d/ss-cross-deb-src.sources
need_src=0
case " $arches " in *" mips "*)
	if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ &&
	   ! grep -qs '^deb-src ' /etc/apt/sources.list; then
		need_src=1
	fi ;;
esac

if [ -z "$need$foreign" ] && [ $need_src = 0 ]; then
	echo "setup: everything for $arches is installed"
	exit 0
fi
for f in $foreign; do dpkg --add-architecture "$f"; done
if [ $need_src = 1 ]; then
	# The same mirror and suite as the deb entries, for source packages.
	uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
	[ -n "$uri" ] || uri=$(sed -n 's/^deb \(http[^ ]*\) bookworm .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -n1)
	printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"${uri:-http://deb.debian.org/debian}" >"$srcs"
fi
export DEBIAN_FRONTEND=noninteractive
# A partial failure (a mirror in sync) still leaves usable lists.
apt-get update || echo "setup: apt-get update reported errors; trying the install anyway" >&2
# shellcheck disable=SC2086
[ -z "$need" ] || apt-get install -y --no-install-recommends $need
