#!/bin/bash
# cross/test.sh [ARCH...]: the test groups that can run under qemu-user, for
# each cross binary build/cross/ARCH/ss (make cross builds them; make
# cross-test runs this). Ends with "N passed, N failed[, N skipped]" and exits
# non-zero on any failure. Outputs of the last run: tests/out/cross/.
#
# Every architecture:
#   unit      tests/unit_fmt.c built for ARCH with musl, run under qemu
#             (fmt_ipv6 skipped: its reference there is musl's inet_ntop),
#             and tests/unit_fmtg.c at 5 % of its random sweeps
#   cli       -h / -V, the unsupported-option and write errors (mips: on
#             the big-endian twin of its recorded dump)
#   getopt    bad command lines: glibc's messages vs /usr/bin/ss
#   soft-float (mips) no FPU instruction in the binary
# Little-endian (mipsel armhf arm64 i386), the groups of tests/run.sh:
#   fixtures  recorded dumps and /proc text -> 6.1's recorded output
#   golden    live sockets in a namespace: qemu-user refuses
#             NETLINK_SOCK_DIAG, so every row comes from the automatic /proc
#             fallback, compared with /usr/bin/ss reading /proc (PROC_ROOT=/proc
#             unless the case sets it: what 6.1 prints without netlink;
#             the cases of the inet tables only: see golden_cases below)
#   replay    SS_DIAG_DIR dumps vs /usr/bin/ss under tests/nlshim.so
#             (the reference runs natively; only ss runs under qemu)
#   resolve   -r against a fake DNS server, live UDP sockets (/proc, as golden)
#   etcfiles  hostile /etc/services, /etc/protocols, port range, /proc/net
#             read errors vs /usr/bin/ss (little-endian /proc text)
#   render    the column renderer's model, and its terminal layouts
# Big-endian (mips), the proof that byte order is handled:
#   fixtures  big-endian twins of every recorded input (cross/betwin.py)
#             -> the same recorded output as the x86-64 run on the originals
#   be-vs-x86 and each case's stdout, stderr and status byte-identical to
#             the native x86-64 build's on the little-endian originals
#   be-replay the replay cases on big-endian dumps (cross/gendump-be.py) vs
#             the native ss on the little-endian ones (cross/bereplay.sh)
#   golden, resolve, etcfiles: skipped, this host's /proc text is little-endian,
#   which a big-endian binary rightly misreads (a big-endian kernel writes
#   other text).
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/cross/arches"
cd "$TOP"
arches=${*:-$CROSS_ARCHES}
OUT=$TOP/tests/out/cross
rm -rf "$OUT"
mkdir -p "$OUT"
log=$OUT/run.log
: >"$log"
start=$(date +%s)

# group ARCH NAME COMMAND...: runs a PASS/FAIL/SKIP-printing command, names
# its lines after ARCH, and fails the group when the command itself fails.
group() {
	local a=$1 g=$2 st
	shift 2
	{ "$@" 2>&1; echo $? >"$OUT/$a.$g.status"; } |
		sed -u "s/^\(PASS\|FAIL\|SKIP\) /\1 $a: /" | tee -a "$log"
	st=$(cat "$OUT/$a.$g.status")
	[ "$st" = 0 ] || echo "FAIL $a: $g: exited with status $st" | tee -a "$log"
}

unit_cross() {
	local a=$1 cc bin=build/cross/$1/unit_fmt
	arch_vars "$a"
	cc=$(cross_cc "$a" "$TOP")
	if ! $cc $ARCH_CFLAGS -static -std=gnu11 -O2 -Iapplet -Iinclude -I. -Ibuild \
		-o "$bin" tests/unit_fmt.c applet/fmt.c >"$OUT/$a.unit.build" 2>&1; then
		echo "FAIL unit build"
		head -n 5 "$OUT/$a.unit.build" | sed 's/^/    /'
		return 0
	fi
	timeout 120 $QEMU "$bin" | awk '
		/^(PASS|FAIL) unit fmt_ipv6/ { skip = 1
			print "SKIP unit fmt_ipv6: musl inet_ntop (the reference here) prints ::a.b.c.d where glibc does not"
			next }
		/^(PASS|FAIL|SKIP) / { skip = 0 }
		!skip { print }'
	# fmt_float.c against this libc's snprintf (musl's is exact too), 5 %
	# of the random sweeps; on mips fmt_rate's x/1e12 ..., the test's own
	# arithmetic and musl's printf run on lib/softfp.c (no FPU on a 24Kc).
	bin=build/cross/$1/unit_fmtg
	if ! $cc $ARCH_CFLAGS -static -std=gnu11 -O2 -Iapplet -Iinclude -I. -Ibuild \
		-o "$bin" tests/unit_fmtg.c applet/fmt_float.c applet/fmt.c lib/softfp.c -lm >>"$OUT/$a.unit.build" 2>&1; then
		echo "FAIL unit fmtg build"
		tail -n 5 "$OUT/$a.unit.build" | sed 's/^/    /'
		return 0
	fi
	timeout 600 $QEMU "$bin" 5
	return 0
}

# The ELF says soft float; every mips test runs on qemu's 24Kc, a CPU
# without FPU, where a floating-point instruction would be SIGILL.
soft_float() {
	if "$GNU_TRIPLET-readelf" -A "build/cross/$1/ss" | grep -q 'FP ABI: *Soft float'; then
		echo "PASS soft-float: build/cross/$1/ss is soft-float (FP ABI), tests run on a 24Kc (no FPU)"
	else
		echo "FAIL soft-float: build/cross/$1/ss: $("$GNU_TRIPLET-readelf" -A "build/cross/$1/ss" | grep 'FP ABI')"
	fi
}

# The mips outputs on the big-endian twins against the x86-64 build's on
# the originals, case by case: stdout, stderr and exit status byte-identical.
be_vs_native() {
	local f n=0 bad=0
	# Called by the same argv[0] as the qemu wrapper: "ss".
	local native=$TOP/build/cross/native/ss
	mkdir -p "${native%/*}"
	printf '#!/bin/bash\nexec -a "${0##*/}" %s "$@"\n' "$TOP/ss" >"$native"
	chmod 755 "$native"
	SS=$native bash tests/fixtures.sh >"$OUT/fixtures-native.log" 2>&1
	for f in "$OUT"/fixtures-be/*.rc; do
		case $f in *.exp.rc) continue ;; esac
		f=${f##*/}
		f=${f%.rc}
		n=$((n + 1))
		if cmp -s "$OUT/fixtures-be/$f.out" "tests/out/fixtures/$f.out" &&
		   cmp -s "$OUT/fixtures-be/$f.err" "tests/out/fixtures/$f.err" &&
		   cmp -s "$OUT/fixtures-be/$f.rc" "tests/out/fixtures/$f.rc"; then
			:
		else
			bad=$((bad + 1))
			echo "FAIL be-vs-x86 $f: mips on the big-endian twin differs from x86-64 on the original"
		fi
	done
	if [ "$n" -lt 50 ]; then
		echo "FAIL be-vs-x86: only $n cases compared"
	elif [ "$bad" = 0 ]; then
		echo "PASS be-vs-x86: $n fixture cases, stdout, stderr and status byte-identical"
	fi
}

need_native() {
	[ -x ./ss ] && [ -z "$(find applet netlink procnet lib include -newer ss -name '*.[ch]' | head -n 1)" ] ||
		make -s ss >&2
}

ref_proc=$TOP/build/cross/ref-proc
mkdir -p "$TOP/build/cross"
printf '#!/bin/bash\n# iproute2 without netlink, as the binaries under qemu-user are,\n# called by the name it was called by (tests/lib.sh: "ss").\nPROC_ROOT=${PROC_ROOT:-/proc} exec -a "${0##*/}" /usr/bin/ss "$@"\n' >"$ref_proc"
chmod 755 "$ref_proc"
# Under qemu only the inet tables are compared: MPTCP has no /proc text
# (both print nothing), and the unix, packet and netlink fallbacks differ
# from 6.1's /proc reading where README says (tests/fallback.sh compares
# them natively with its normalisation).
golden_cases=$TOP/build/cross/golden-cases.txt
python3 - tests/golden-cases.txt >"$golden_cases" <<'PY'
import re, sys
for l in open(sys.argv[1]):
    t = l.strip()
    if not t or t.startswith('#'):
        print(l, end='')
        continue
    inet = (re.search(r'(^|\s)-[A-Za-z]*[tuw46]', t) or re.search(r'-A\s*\S*(tcp|udp|raw|inet)', t)
            or re.search(r'-f\s*inet', t) or re.search(r'--(tcp|udp|raw|ipv4|ipv6)', t))
    other = re.search(r'(^|\s)-[A-Za-z]*[x0SM]|unix|netlink|packet|link|-A\s*all|mptcp|sctp|vsock|tipc|xdp', t)
    # -e -o -m --tos --cgroup: details of /proc TCP rows are not built (README)
    details = re.search(r'(^|\s)-[A-Za-z]*[eom]|--(tos|cgroup|options|extended|memory)|@mask', t)
    other = other or details
    if inet and not other:
        print(l, end='')
PY

for a in $arches; do
	arch_vars "$a" || { echo "FAIL $a: unknown architecture" | tee -a "$log"; continue; }
	bin=$TOP/build/cross/$a/ss
	if [ ! -x "$bin" ]; then
		echo "FAIL $a: $bin is missing (make cross)" | tee -a "$log"
		continue
	fi
	if ! command -v ${QEMU%% *} >/dev/null; then
		echo "FAIL $a: $QEMU is missing (sh cross/setup.sh)" | tee -a "$log"
		continue
	fi
	# The binary under test as the groups run it: qemu-user, no binfmt
	# needed. The guest's argv[0] is the name the wrapper was called by
	# (its messages start "ss: ", as tests/getopt.sh wants).
	run=$TOP/build/cross/$a/qemu/ss
	mkdir -p "${run%/*}"
	set -- $QEMU
	qemu=$(command -v "$1")
	shift
	printf '#!/bin/sh\nexec %s %s -0 "${0##*/}" %s "$@"\n' "$qemu" "$*" "$bin" >"$run"
	chmod 755 "$run"
	export SS=$run
	t0=$(date +%s)
	group "$a" unit unit_cross "$a"
	fx=$TOP/tests/fixtures
	if [ "$a" = mips ]; then
		# Recorded inputs as a big-endian kernel writes them.
		fx=$TOP/build/cross/be-fixtures
		python3 cross/betwin.py tests/fixtures "$fx" >"$OUT/betwin.log" 2>&1 ||
			echo "FAIL $a: betwin: $(head -c 300 "$OUT/betwin.log")" | tee -a "$log"
	fi
	FIXTURES_DIR=$fx group "$a" cli bash tests/cli.sh
	[ ! -f tests/getopt.sh ] || group "$a" getopt bash tests/getopt.sh
	if [ "$a" = mips ]; then
		group "$a" soft-float soft_float "$a"
		FIXTURES_DIR=$fx group "$a" fixtures-be bash tests/fixtures.sh
		rm -rf "$OUT/fixtures-be" && cp -R tests/out/fixtures "$OUT/fixtures-be"
		need_native
		group "$a" be-vs-x86 be_vs_native
		need_native
		group "$a" be-replay bash cross/bereplay.sh "$run" "$TOP/ss"
		echo "SKIP $a: golden, resolve, etcfiles: live /proc text here is little-endian (a big-endian kernel writes it otherwise)" | tee -a "$log"
	else
		group "$a" fixtures bash tests/fixtures.sh
		SS_REF=$ref_proc GOLDEN_CASES=$golden_cases group "$a" golden bash tests/golden.sh
		group "$a" replay bash tests/replay.sh
		[ ! -f tests/resolve.sh ] || SS_REF=$ref_proc group "$a" resolve bash tests/resolve.sh
		[ ! -f tests/etcfiles.sh ] || group "$a" etcfiles bash tests/etcfiles.sh
		[ ! -f tests/render.sh ] || group "$a" render bash tests/render.sh
	fi
	echo "# $a: $(($(date +%s) - t0))s" >&2
done

npass=$(grep -c '^PASS ' "$log")
nfail=$(grep -c '^FAIL ' "$log")
nskip=$(grep -c '^SKIP ' "$log")
echo "# cross-test $arches: $(($(date +%s) - start))s" >&2
if [ "$nskip" -gt 0 ]; then
	echo "$npass passed, $nfail failed, $nskip skipped"
else
	echo "$npass passed, $nfail failed"
fi
[ "$nfail" -eq 0 ]
