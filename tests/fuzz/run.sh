#!/bin/sh
# tests/fuzz/run.sh [SECONDS [TARGET...]]
# Builds the fuzz targets (tests/fuzz/fuzz_NAME.c; default: all of them) with
# clang under ASan + UBSan and runs each for SECONDS (default 60) with
# libFuzzer on its seed corpus tests/fuzz/corpus/NAME, keeping what it finds
# in tests/out/fuzz/corpus_NAME.  SECONDS=0 only replays the seed corpus,
# without libFuzzer (tests/fuzz/standalone.c).
# A target #includes the .c files it fuzzes ("../../DIR/FILE.c"); every
# other source but applet/main.c is linked in.
# Prints "replayed N inputs: NAME" or "fuzzed S s, N corpus inputs: NAME"
# per target; exits non-zero at the first crash or build error.
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-60}
[ $# -gt 0 ] && shift
out=tests/out/fuzz
mkdir -p "$out"
[ -f build/config.h ] || make -s build/config.h
srcs=$(ls lib/*.c applet/*.c netlink/*.c procnet/*.c 2>/dev/null | grep -v -e applet/main.c)
cflags="-g -O1 -std=c11 -D_GNU_SOURCE -Iinclude -Ilib -Iapplet -I. -Ibuild -fno-sanitize-recover=all"
targets=${*:-$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')}

# Replay builds share one ASan/UBSan object per source, compiled once (two
# at a time) and again only when the source, a header or the config is
# newer: each target then links the objects of what it does not #include.
objdir=$out/obj
if [ "$secs" = 0 ]; then
	mkdir -p "$objdir"
	hdrs=$(ls include/*.h lib/*.h applet/*.h netlink/*.h procnet/*.h build/config.h 2>/dev/null)
	for f in $srcs tests/fuzz/standalone.c; do
		o=$objdir/$(echo "$f" | tr / _).o
		stale=
		[ -f "$o" ] || stale=1
		[ -n "$stale" ] || for h in "$f" $hdrs; do [ "$h" -nt "$o" ] && { stale=1; break; }; done
		[ -n "$stale" ] && echo "$f $o"
	done | xargs -r -n 2 -P 2 sh -c 'clang '"$cflags"' -fsanitize=address,undefined -c -o "$1" "$0"'
fi
for t in $targets; do
	own=$(sed -n 's|^#include "\.\./\.\./\(.*\.c\)"|\1|p' "tests/fuzz/fuzz_$t.c")
	rest=$(for f in $srcs; do case " $(echo $own) " in *" $f "*) ;; *) echo "$f" ;; esac; done)
	corpus=tests/fuzz/corpus/$t
	if [ "$secs" = 0 ]; then
		objs=$(for f in $rest tests/fuzz/standalone.c; do echo "$objdir/$(echo "$f" | tr / _).o"; done)
		clang $cflags -fsanitize=address,undefined -o "$out/replay_$t" \
			"tests/fuzz/fuzz_$t.c" $objs
		# stderr aside (the filter target's inputs print 6.1's messages);
		# its end, with any sanitizer report, when a replay fails
		"$out/replay_$t" "$corpus"/* 2>"$out/replay_$t.err" ||
			{ tail -n 40 "$out/replay_$t.err" >&2; exit 1; }
		echo "replayed $(ls "$corpus" | wc -l) inputs: $t"
	else
		clang $cflags -fsanitize=fuzzer,address,undefined -o "$out/fuzz_$t" \
			"tests/fuzz/fuzz_$t.c" $rest
		mkdir -p "$out/corpus_$t"
		"$out/fuzz_$t" -max_total_time="$secs" -max_len=65536 \
			-artifact_prefix="$out/crash_$t-" "$out/corpus_$t" "$corpus"
		echo "fuzzed $secs s, $(ls "$out/corpus_$t" | wc -l) corpus inputs: $t"
	fi
done
