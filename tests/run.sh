#!/bin/sh
# tests/run.sh - run every test group against the binary under test.
#
#   sh tests/run.sh                  tests ./ss
#   SS=/usr/bin/ss sh tests/run.sh   self-check of the harness with iproute2
#   sh tests/run.sh fixtures golden  only the named groups
#   TEST_FULL=1 sh tests/run.sh      make test-full: every terminal width,
#                                    each fuzz target fuzzed FUZZ_SECONDS (120)
#
# Groups (tests/<group>.sh, each printing PASS/FAIL/SKIP lines):
#   unit         C unit tests of applet/fmt.c (tests/unit_fmt.c)
#   cli          -h / -V shape; options not built yet must fail with exit 255
#   getopt       bad command lines: glibc's getopt_long messages vs /usr/bin/ss
#   render       the column renderer vs the spec's model (huge screens and tokens)
#   fixtures     recorded inputs -> recorded iproute2 output (no root needed)
#   scale        output batching on a 250 000-row TCPDIAG_FILE (bigdump.c)
#   fuzz         fuzz seed corpus replayed under ASan/UBSan (needs clang);
#                with CI=true each target is fuzzed FUZZ_SECONDS (20) too
#   tty          terminal layout at the widths where it changes (every width
#                1..240 with TEST_FULL=1) vs /usr/bin/ss (recorded input)
#   configs      the allnoconfig build on recorded input (numeric) vs /usr/bin/ss
#   golden       live comparison with /usr/bin/ss in a network namespace (root)
#   filter       filter expressions live vs /usr/bin/ss, also without SS_BYTECODE, and -D
#   fallback     no netlink (seccomp): the /proc fallback vs iproute2 PROC_ROOT=/proc
#   replay       synthetic sock_diag dumps (SS_DIAG_DIR) vs iproute2 under tests/nlshim.so
#   resolve      -r with a fake DNS server, test /etc/hosts and resolv.conf (root)
#   etcfiles     /etc/services, /etc/protocols, port range, /proc read errors vs /usr/bin/ss
#   procmap      -p / -T and -s: made-up /proc trees and sockstat files, live processes
#   man          every option of ss -h is in doc/ss.8
#   escape       interface and process names with control bytes (\\ooo) vs 6.1 on renamed ones
#   tcpinfo      -i on synthetic TCPDIAG_FILE dumps (every word, rates, >5 MiB) and live vs /usr/bin/ss
#   ulp          md5 keys, MPTCP -i (subflows' tcp-ulp-mptcp), --inet-sockopt of live sockets vs /usr/bin/ss
# unit, configs and fuzz test the source tree (they build it), whatever SS
# is; every other group runs $SS.  A comparison passes only when the
# reference run worked and printed something (tests/lib.sh compare_run); a
# missing prerequisite (root, iproute2 6.1 at /usr/bin/ss, unshare, ip,
# clang, a pseudo-terminal) gives SKIP lines with the reason, never PASS.
# Ends with "N passed, N failed, N skipped"; exit status 1 if anything failed.
# Outputs of the last run are kept in tests/out/.

TESTS=$(cd "$(dirname "$0")" && pwd)
SS=${SS:-./ss}
case $SS in
/*) ;;
*/*) SS=$(pwd)/${SS#./} ;;
*) SS=$(command -v "$SS" || echo "$(pwd)/$SS") ;;
esac
export SS
OUT=$TESTS/out
mkdir -p "$OUT"

if ! command -v bash >/dev/null 2>&1; then
	echo "FAIL harness: bash is required"
	echo "0 passed, 1 failed"
	exit 1
fi

groups=${*:-unit cli getopt render fixtures scale tty configs fuzz golden filter fallback replay resolve etcfiles procmap escape tcpinfo ulp man}
log=$OUT/run.log
: >"$log"
start=$(date +%s)

if [ ! -x "$SS" ]; then
	echo "FAIL binary: $SS is missing or not executable" | tee -a "$log"
fi

for g in $groups; do
	if [ ! -f "$TESTS/$g.sh" ]; then
		echo "FAIL $g: no such test group" | tee -a "$log"
		continue
	fi
	gstart=$(date +%s)
	{ bash "$TESTS/$g.sh" 2>&1; echo "$?" >"$OUT/$g.status"; } | tee -a "$log"
	echo "# $g: $(($(date +%s) - gstart))s" >&2
	st=$(cat "$OUT/$g.status" 2>/dev/null)
	if [ "$st" != 0 ]; then
		echo "FAIL $g: group script exited with status ${st:-unknown}" | tee -a "$log"
	fi
done

npass=$(grep -c '^PASS ' "$log")
nfail=$(grep -c '^FAIL ' "$log")
nskip=$(grep -c '^SKIP ' "$log")
end=$(date +%s)
echo "# $((end - start))s, SS=$SS" >&2
if [ "$nskip" -gt 0 ]; then
	echo "$npass passed, $nfail failed, $nskip skipped"
else
	echo "$npass passed, $nfail failed"
fi
[ "$nfail" -eq 0 ]
