#!/bin/sh
# cross/musl-mips.sh PREFIX: build musl for 32-bit big-endian soft-float
# MIPS (24Kc, the OpenWrt ath79 class) from Debian's musl source package,
# installed under PREFIX (lib/, include/, musl-gcc.specs, bin/mips-linux-musl-gcc).
# Debian 12 has no mips port, so there is no musl-dev:mips to install.
# Needs mips-linux-gnu-gcc and a deb-src entry (cross/setup.sh adds both).
# Does nothing when PREFIX/lib/libc.a exists.
set -eu
prefix=$1
case $prefix in /*) ;; *) prefix=$(pwd)/$prefix ;; esac
[ -f "$prefix/lib/libc.a" ] && exit 0
cc=mips-linux-gnu-gcc
command -v $cc >/dev/null || { echo "musl-mips: $cc is missing: sh cross/setup.sh mips" >&2; exit 1; }

src=$prefix.src
rm -rf "$src"
mkdir -p "$src"
# apt-get source runs as the caller; it needs only dpkg-source (dpkg-dev).
(cd "$src" && apt-get source --download-only musl >&2 && dpkg-source -x musl_*.dsc musl >&2) ||
	{ echo "musl-mips: apt-get source musl failed (deb-src entry? sh cross/setup.sh mips)" >&2; exit 1; }
cd "$src/musl"
# Debian's patches are applied by dpkg-source -x (format 3.0 quilt).
# The compiler's chatter goes to a log, shown when something fails.
log=$src/build.log
echo "musl-mips: building musl $(dpkg-parsechangelog -S Version 2>/dev/null) for mips soft-float (log: $log)" >&2
{
	./configure --target=mips-linux-musl --prefix="$prefix" --disable-shared \
		CROSS_COMPILE=mips-linux-gnu- CC="$cc" CFLAGS="-march=24kc -msoft-float -Os" &&
	make -j"$(nproc)" && make install
} >"$log" 2>&1 || { tail -n 30 "$log" >&2; echo "musl-mips: build failed" >&2; exit 1; }

# A musl-gcc-like driver, as Debian's musl-dev ships for its ports.
cat >"$prefix/musl-gcc.specs" <<SPECS
%rename cpp_options old_cpp_options

*cpp_options:
-nostdinc -isystem $prefix/include -isystem include%s %(old_cpp_options)

*cc1:
%(cc1_cpu) -nostdinc -isystem $prefix/include -isystem include%s

*link_libgcc:
-L$prefix/lib -L .%s

*libgcc:
libgcc.a%s %:if-exists(libgcc_eh.a%s)

*startfile:
%{!shared: $prefix/lib/crt1.o} $prefix/lib/crti.o crtbegin.o%s

*endfile:
crtend.o%s $prefix/lib/crtn.o

*link:
-nostdlib %{shared:-shared} %{static:-static} %{rdynamic:-export-dynamic}
SPECS
mkdir -p "$prefix/bin"
printf '#!/bin/sh\nexec %s -march=24kc -msoft-float "$@" -specs "%s/musl-gcc.specs"\n' \
	"$cc" "$prefix" >"$prefix/bin/mips-linux-musl-gcc"
chmod 755 "$prefix/bin/mips-linux-musl-gcc"
rm -rf "$src"
