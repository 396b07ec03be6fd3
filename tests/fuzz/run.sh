#!/bin/sh
# tests/fuzz/run.sh [SECONDS]
# Builds the fuzz targets with clang (libFuzzer + ASan + UBSan) and runs each
# for SECONDS (default 60) on its corpus under tests/fuzz/corpus/NAME.
# With SECONDS=0 it only replays the corpus (what make test does).
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-60}
out=tests/out/fuzz
mkdir -p "$out"
[ -f build/config.h ] || make -s build/config.h
srcs=$(ls lib/*.c applet/*.c netlink/*.c procnet/*.c | grep -v -e applet/main.c)
cflags="-g -O1 -std=c11 -D_GNU_SOURCE -Iinclude -Ilib -Iapplet -I. -Ibuild -fno-sanitize-recover=all"
for t in procnet netlink recording diag dns replay etc; do
	case $t in
	procnet) own=procnet/inet.c ;;
	netlink | recording) own="netlink/nldump.c netlink/inet_diag.c" ;;
	diag) own="netlink/nldump.c netlink/sockdiag.c netlink/unix_diag.c netlink/packet_diag.c"
		own="$own netlink/netlink_diag.c netlink/vsock_diag.c netlink/xdp_diag.c netlink/tipc_diag.c" ;;
	dns) own=applet/resolve.c ;;
	replay) own=netlink/replay.c ;;
	etc) own=applet/services.c ;;
	esac
	rest=$(for f in $srcs; do case " $own " in *" $f "*) ;; *) echo "$f" ;; esac; done)
	corpus=tests/fuzz/corpus/$t
	if [ "$secs" = 0 ]; then
		clang $cflags -fsanitize=address,undefined -o "$out/replay_$t" \
			"tests/fuzz/fuzz_$t.c" tests/fuzz/standalone.c $rest
		"$out/replay_$t" "$corpus"/*
		echo "replayed $(ls "$corpus" | wc -l) inputs: $t"
	else
		clang $cflags -fsanitize=fuzzer,address,undefined -o "$out/fuzz_$t" \
			"tests/fuzz/fuzz_$t.c" $rest
		mkdir -p "$out/corpus_$t"
		"$out/fuzz_$t" -max_total_time="$secs" -max_len=65536 "$out/corpus_$t" "$corpus"
	fi
done
