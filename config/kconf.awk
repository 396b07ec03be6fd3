# kconf.awk: the part of the Kconfig language ss uses, evaluated in POSIX awk.
#
#   awk -v mode=MODE [-v only=SYMBOL] -f kconf.awk Kconfig VALUES
#
# VALUES is a file in .config format (/dev/null for none). MODE is
#   old     values from VALUES, Kconfig defaults for symbols it lacks;
#           notes on stderr about new, unknown and forced-off symbols
#   header  the same values, printed as a C header instead of a .config
#   no      every symbol n                          (allnoconfig)
#   yes     every symbol y                          (allyesconfig)
#   only    every symbol n but SYMBOL and the symbols its `depends on` names
#   list    the switches (symbols with a prompt), one a line
# Then each y whose `depends on` is false becomes n, until nothing changes.
#
# Understood: mainmenu, config/menuconfig with bool or def_bool, default VALUE
# [if EXPR], depends on EXPR, help, menu/endmenu, if/endif, comment. EXPR is
# made of symbols, y, n, !, &&, || and parentheses. Anything else is an error
# rather than a silent misreading.

function note(msg) { if (mode == "old" && ARGV[2] != "/dev/null") printf "kconf: %s\n", msg > "/dev/stderr" }

# In END (FNR set to 0) there is no line to name.
function fail(msg) {
	if (FNR) printf "kconf: %s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	else printf "kconf: %s: %s\n", ARGV[1], msg > "/dev/stderr"
	failed = 1
	exit 1
}

# Width of the leading blanks, tabs counting to the next multiple of 8.
function indent(s,   n, c) {
	n = 0
	while ((c = substr(s, 1, 1)) == " " || c == "\t") {
		n = c == " " ? n + 1 : n - n % 8 + 8
		s = substr(s, 2)
	}
	return n
}

function both(a, b) {
	if (a == "") return b
	if (b == "") return a
	return "(" a ") && (" b ")"
}

# The `depends on` of the enclosing menus and ifs.
function blockdep(   i, d) {
	d = ""
	for (i = 1; i <= depth; i++) d = both(d, blkdep[i])
	return d
}

function tokenize(s) {
	ntok = 0
	while (s != "") {
		if (match(s, /^[ \t]+/)) {
			s = substr(s, RLENGTH + 1)
			continue
		}
		if (!match(s, /^(&&|\|\||[!()]|[A-Za-z0-9_]+)/)) return 0
		tok[++ntok] = substr(s, 1, RLENGTH)
		s = substr(s, RLENGTH + 1)
	}
	tok[ntok + 1] = ""
	pos = 1
	return ntok > 0
}

# Recursive descent over tok[pos..ntok], yielding 1 or 0; sets bad on a
# syntax error or an unknown symbol. With c set, it also lists in needs the
# symbols that would make the expression true: all of an &&, the first
# alternative of an ||, none under a !.
function ex_or(c,   v, w) {
	v = ex_and(c)
	while (tok[pos] == "||") { pos++; w = ex_and(0); v = v || w }
	return v
}
function ex_and(c,   v, w) {
	v = ex_not(c)
	while (tok[pos] == "&&") { pos++; w = ex_not(c); v = v && w }
	return v
}
function ex_not(c) {
	if (tok[pos] == "!") { pos++; return !ex_not(0) }
	return ex_atom(c)
}
function ex_atom(c,   t, v) {
	t = tok[pos++]
	if (t == "(") {
		v = ex_or(c)
		if (tok[pos++] != ")") bad = "missing )"
		return v
	}
	if (t == "y") return 1
	if (t == "n") return 0
	if (t == "") { bad = "unexpected end"; return 0 }
	if (t !~ /^[A-Za-z0-9_]+$/) { bad = "unexpected '" t "'"; return 0 }
	if (!(t in type)) { bad = "unknown symbol " t; return 0 }
	if (c) needs = needs " " t
	return val[t] == "y"
}

function eval(e, c,   v) {
	needs = ""
	if (e == "") return 1
	bad = ""
	if (!tokenize(e)) bad = "cannot read"
	else {
		v = ex_or(c)
		if (pos <= ntok && bad == "") bad = "unexpected '" tok[pos] "'"
	}
	if (bad != "") fail("config " ctx ": in '" e "': " bad)
	return v
}

# The y/n a symbol takes by default: the first `default` whose condition holds.
function default_of(s,   k) {
	for (k = 1; k <= ndef[s]; k++)
		if (eval(defcond[s, k])) return eval(defval[s, k]) ? "y" : "n"
	return "n"
}

# Set s and, recursively, the symbols its `depends on` needs.
function enable(s,   list, n, i, t) {
	if (val[s] == "y") return
	val[s] = "y"
	eval(dep[s], 1)
	n = split(needs, t, " ")
	for (i = 1; i <= n; i++) enable(t[i])
}

FILENAME == ARGV[1] {
	line = $0
	if (inhelp) {
		if (line ~ /^[ \t]*$/) next
		ind = indent(line)
		if (helpind < 0 && ind > kwind) { helpind = ind; next }
		if (helpind >= 0 && ind >= helpind) next
		inhelp = 0
	}
	if (line ~ /^[ \t]*(#|$)/) next
	kw = $1
	rest = line
	sub(/^[ \t]*[^ \t]+[ \t]*/, "", rest)
	sub(/[ \t]+$/, "", rest)
	if (kw == "mainmenu") next
	if (kw == "config" || kw == "menuconfig") {
		if (NF != 2 || $2 !~ /^[A-Za-z0-9_]+$/) fail("bad symbol name")
		if ($2 in type) fail($2 " defined twice")
		cur = $2
		sym[++nsym] = cur
		type[cur] = ""
		dep[cur] = blockdep()
		ndef[cur] = 0
		prompt[cur] = 0
		next
	}
	if (kw == "menu") { blkdep[++depth] = ""; blkkind[depth] = "menu"; cur = ":menu"; next }
	if (kw == "if") { blkdep[++depth] = rest; blkkind[depth] = "if"; cur = ""; next }
	if (kw == "endmenu" || kw == "endif") {
		if (depth < 1 || "end" blkkind[depth] != kw) fail(kw " without " substr(kw, 4))
		depth--
		cur = ""
		next
	}
	if (kw == "comment") { cur = ""; next }
	if (kw == "depends") {
		if ($2 != "on") fail("expected 'depends on'")
		sub(/^on[ \t]*/, "", rest)
		if (cur == ":menu") blkdep[depth] = both(blkdep[depth], rest)
		else if (cur != "") dep[cur] = both(dep[cur], rest)
		next
	}
	if (cur == "" || cur == ":menu") fail("'" kw "' outside a config entry")
	if (kw == "bool" || kw == "boolean") {
		if (rest != "" && rest !~ /^"[^"]*"$/) fail("only a plain prompt may follow " kw)
		type[cur] = "bool"
		prompt[cur] = rest != ""
		next
	}
	if (kw == "def_bool" || kw == "default") {
		if (kw == "def_bool") type[cur] = "bool"
		if (!match(rest, /^[A-Za-z0-9_]+/)) fail("bad default")
		k = ++ndef[cur]
		defval[cur, k] = substr(rest, 1, RLENGTH)
		rest = substr(rest, RLENGTH + 1)
		defcond[cur, k] = ""
		if (rest ~ /^[ \t]+if[ \t]/) { sub(/^[ \t]+if[ \t]+/, "", rest); defcond[cur, k] = rest }
		else if (rest != "") fail("expected 'if' after the default value")
		next
	}
	if (kw == "help" || kw == "---help---") { inhelp = 1; helpind = -1; kwind = indent(line); next }
	fail("'" kw "' is not supported (see config/kconf.awk)")
}

FILENAME != ARGV[1] && /^CONFIG_[A-Za-z0-9_]+=/ {
	s = substr($0, 8, index($0, "=") - 8)
	v = substr($0, index($0, "=") + 1)
	if (v == "m") v = "y"
	if (v != "y" && v != "n") { note(FILENAME ": ignoring CONFIG_" s "=" v); next }
	given[s] = v
	next
}
FILENAME != ARGV[1] && /^# CONFIG_[A-Za-z0-9_]+ is not set$/ {
	s = substr($2, 8)
	given[s] = "n"
	next
}

END {
	if (failed) exit 1
	FNR = 0
	if (depth > 0) fail("missing end" blkkind[depth])
	for (i = 1; i <= nsym; i++) {
		s = sym[i]
		if (type[s] != "bool") fail(s " has no bool type")
		val[s] = ""
	}
	if (mode == "list") {
		for (i = 1; i <= nsym; i++) if (prompt[sym[i]]) print sym[i]
		exit 0
	}
	# Check every expression once, so that errors do not hide behind values.
	for (i = 1; i <= nsym; i++) {
		s = ctx = sym[i]
		eval(dep[s])
		for (k = 1; k <= ndef[s]; k++) { eval(defval[s, k]); eval(defcond[s, k]) }
	}

	# Symbols without a prompt are not switches: like kconfig, take their
	# default whatever the mode or the values say (in the loop below).
	if (mode == "old" || mode == "header") {
		for (s in given)
			if (!(s in type)) note(ARGV[2] ": dropping unknown CONFIG_" s)
		for (i = 1; i <= nsym; i++) {
			s = sym[i]
			if (prompt[s] && s in given) val[s] = given[s]
		}
		for (i = 1; i <= nsym; i++) {
			s = sym[i]
			if (!prompt[s] || s in given) continue
			val[s] = default_of(s)
			note(ARGV[2] ": new CONFIG_" s ", set to its default " val[s])
		}
	} else if (mode == "yes" || mode == "no" || mode == "only") {
		for (i = 1; i <= nsym; i++) val[sym[i]] = mode == "yes" ? "y" : "n"
		if (mode == "only") {
			if (!prompt[only]) fail("no switch " only)
			enable(only)
		}
	} else {
		fail("unknown mode '" mode "'")
	}

	for (round = 0; ; round++) {
		if (round > nsym + 1) fail("values do not settle: circular dependencies?")
		changed = 0
		for (i = 1; i <= nsym; i++) {
			s = sym[i]
			v = val[s]
			if (!eval(dep[s])) v = "n"
			else if (!prompt[s]) v = default_of(s)
			if (v == val[s]) continue
			if (prompt[s] && (s in given) && given[s] == "y")
				note(ARGV[2] ": CONFIG_" s " needs " dep[s] ", set to n")
			val[s] = v
			changed = 1
		}
		if (!changed) break
	}
	if (mode == "only" && val[only] != "y") fail("cannot enable " only " (depends on " dep[only] ")")

	if (mode == "header") {
		print "/* Generated from .config by config/kconf.sh: do not edit."
		print " * Every Kconfig symbol is defined, to 0 or 1: test it with"
		print " * if (CONFIG_SS_X), or #if CONFIG_SS_X around declarations. */"
		print "#ifndef SS_CONFIG_H"
		print "#define SS_CONFIG_H"
		for (i = 1; i <= nsym; i++) print "#define CONFIG_" sym[i] " " (val[sym[i]] == "y")
		print "#endif"
	} else {
		print "# ss configuration, written by config/kconf.sh from Kconfig."
		print "# Change it with make menuconfig, or edit it and run make oldconfig."
		for (i = 1; i <= nsym; i++) {
			s = sym[i]
			if (val[s] == "y") print "CONFIG_" s "=y"
			else print "# CONFIG_" s " is not set"
		}
	}
}
