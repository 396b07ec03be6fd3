#!/bin/bash
# tests/man.sh - doc/ss.8 describes this build: every option that `ss -h`
# prints (short and long), every FAMILY, QUERY and state word of its help
# appears in the man page, so the two cannot drift apart. When groff is
# installed the page must also render without warnings. Needs nothing else.

. "$(dirname "$0")/lib.sh"

MAN=$TESTS/../doc/ss.8
W=$OUT/man
rm -rf "$W"
mkdir -p "$W"
[ -f "$MAN" ] || { fail man "doc/ss.8 is missing"; exit 0; }

ENVV=() ARGV=(-h)
run_ss "$SS" "$W/help"
if [ "$(cat "$W/help.rc")" != 0 ] || [ ! -s "$W/help.out" ]; then
	fail "man: ss -h" "exit $(cat "$W/help.rc"), $(wc -c <"$W/help.out") bytes"
	exit 0
fi
if grep -q '^Usage: ss \[ OPTIONS \]$' "$W/help.out" && [ "$(wc -l <"$W/help.out")" -le 3 ]; then
	skip man "this build has only the short usage (SS_HELP off)"
	exit 0
fi

# The page as text: \- is -, font and size escapes go, .B/.BR words join.
sed -e 's/\\-/-/g; s/\\f[BIRP]//g; s/\\(bu//g; s/\\ / /g' \
	-e 's/^\.[A-Z][A-Z]* *//' "$MAN" | tr -d '"' >"$W/page.txt"

# Options: -X and --long words of the help text.
grep -oE '(^|[ ,[])--?[A-Za-z0-9][A-Za-z0-9-]*' "$W/help.out" |
	sed 's/^[ ,[]//' | sort -u >"$W/options"
# Words of the FAMILY := {...}, QUERY := {...} and state lines.
grep -E ':= *\{' "$W/help.out" | sed 's/fin-wait-{1,2}/fin-wait-1|fin-wait-2/g' |
	sed 's/.*:= *{//; s/}.*//' | tr '|,' '\n\n' |
	sed 's/^ *//; s/ *$//' | grep -E '^[a-z][a-z0-9_-]*$' | sort -u >"$W/words"

n=0 missing=()
while IFS= read -r o; do
	n=$((n + 1))
	grep -qE -- "(^|[^A-Za-z0-9-])$o([^A-Za-z0-9-]|$)" "$W/page.txt" || missing+=("option $o")
done <"$W/options"
while IFS= read -r w; do
	n=$((n + 1))
	grep -qE -- "(^|[^A-Za-z0-9-])$w([^A-Za-z0-9-]|$)" "$W/page.txt" || missing+=("word $w")
done <"$W/words"
if [ "$n" -lt 20 ]; then
	fail "man: options of ss -h" "only $n options and words found in ss -h: the parser is broken"
elif [ ${#missing[@]} -eq 0 ]; then
	pass "man: the $n options and words of ss -h are in doc/ss.8"
else
	fail "man: options of ss -h missing from doc/ss.8" "${missing[@]}"
fi

if command -v groff >/dev/null 2>&1; then
	groff -man -Tutf8 -ww -z "$MAN" >"$W/groff.err" 2>&1
	if [ -s "$W/groff.err" ]; then
		fail "man: doc/ss.8 renders" "$(head -n 3 "$W/groff.err")"
	else
		pass "man: doc/ss.8 renders without groff warnings"
	fi
else
	skip "man: rendering" "groff is not installed"
fi
exit 0
