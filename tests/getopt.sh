#!/bin/bash
# tests/getopt.sh - command-line errors as glibc's getopt_long words them.
#
# A generated set of bad command lines (every long option and each of its
# prefixes with "=value" or without its required argument, unknown and
# ambiguous names, names of 2000 bytes, "--", "-" and POSIXLY_CORRECT) runs
# through the binary under test and /usr/bin/ss, both invoked as "ss"; the
# first stderr line, an empty stdout and the exit status must agree.  Every
# case ends in an option or state-word error before any dump.

. "$(dirname "$0")/lib.sh"
SS=${SS:-./ss}
case $SS in /*) ;; *) SS=$(pwd)/$SS ;; esac

if [ ! -x "$REF" ]; then
	skip "getopt" "no reference $REF"
	exit 0
fi
W=$OUT/getopt
rm -rf "$W"
mkdir -p "$W/ref" "$W/our"
ln -s "$REF" "$W/ref/ss"
ln -s "$SS" "$W/our/ss"

if "$SS" --tcp=x 2>&1 | grep -q 'long options are not supported'; then
	skip "getopt" "this build has no long options (SS_LONGOPTS)"
	exit 0
fi

names="numeric resolve options extended memory info processes threads bpf events dccp tcp sctp udp raw unix tipc vsock all listening ipv4 ipv6 packet family socket query summary diag filter version help context contexts net tipcinfo tos cgroup kill no-header xdp mptcp oneline inet-sockopt"
# options taking an argument whose value would act (write a -D file, read a
# -F file, enter a namespace): only their missing-argument error is generated
acting="diag filter net"
long=$(printf 'x%.0s' $(seq 2000))

cases=()
add() { cases+=("$(printf '%q ' "$@")"); }
declare -A seen
for name in $names; do
	for ((l = 1; l <= ${#name}; l++)); do
		p=${name:0:l}
		[ -n "${seen[$p]}" ] && continue
		seen[$p]=1
		# the unique option a prefix stands for, if any
		m=() exact=
		for n in $names; do
			[[ $n == "$p"* ]] && m+=("$n")
			[ "$n" = "$p" ] && exact=$n
		done
		[ -n "$exact" ] && m=("$exact")
		if [ ${#m[@]} -eq 1 ] && [[ " $acting " == *" ${m[0]} "* ]]; then
			add "--$p"
			continue
		fi
		add "--$p=1"
		if [ -n "$exact" ] || [ ${#m[@]} -gt 1 ]; then
			add -t "--$p=$long"
			[ -z "$exact" ] && add "--$p" -t
		fi
	done
done
for a in "--family" "--socket" "--query" "--diag" "--filter" "--net" "--fam" \
	"--f=inet" "--bogus" "--bogus=1" "--=x" "--=" "--$long" "--$long=1" \
	"--n$long" "-f" "-A" "-D" "-F" "-N" "-tf" "-Q" "-:" "-?" "-W" "-tQ" "-t-" \
	"-f bogus" "-A bogus" "-A tcp,bogus" "--family=bogus" "--query=,"; do
	add $a
done

add state bogus -- -Q
add -- state bogus
add state bogus - -Q
add - -t --bogus
add "" --bogus
add state bogus --bogus
add -t state bogus -A bogus
add "-f$long"
add -A "$long"
posix=("state bogus --bogus" "state bogus -h" "state bogus -- -Q" "-t state bogus -Q" "--bogus state bogus" "-Q state bogus")

n=0 bad=0
# one CASE [ENV]: first stderr line, stdout and exit status of both
one() {
	local c=$1 e=$2 k
	n=$((n + 1))
	for k in ref our; do
		eval "env -i PATH=$W/$k:$CLEAN_PATH LC_ALL=C $e ss $c" \
			>"$W/$k.out" 2>"$W/$k.err" </dev/null
		echo $? >"$W/$k.rc"
		head -n 1 "$W/$k.err" >"$W/$k.first"
	done
	if ! cmp -s "$W/ref.first" "$W/our.first" || ! cmp -s "$W/ref.rc" "$W/our.rc" ||
		! cmp -s "$W/ref.out" "$W/our.out"; then
		bad=$((bad + 1))
		[ $bad -le 10 ] && fail "getopt ${e:+$e }${c:0:120}" \
			"exit $(cat "$W/ref.rc") / $(cat "$W/our.rc")" \
			"ref: $(head -c 300 "$W/ref.first")" "our: $(head -c 300 "$W/our.first")"
	fi
}
for c in "${cases[@]}"; do one "$c"; done
for c in "${posix[@]}"; do one "$c" POSIXLY_CORRECT=1; done
if [ $bad -eq 0 ]; then
	pass "getopt: $n bad command lines, first stderr line and exit status as 6.1"
elif [ $bad -gt 10 ]; then
	fail "getopt: $bad of $n command lines differ (first 10 shown)"
fi
