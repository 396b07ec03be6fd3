#!/bin/bash
# tests/render.sh - the column renderer (applet/render.c, spec §2.3) against
# the spec's model on generated rows: screens from 1 to 65 535 columns and
# the non-tty layout, tokens from 0 bytes to past the 65 535-byte cap, so the
# paths for terminals of 65 470 columns and more and for giant tokens are
# held too.  Fixed seeds; a few seconds.

. "$(dirname "$0")/lib.sh"
SS=${SS:-./ss}
case $SS in /*) ;; *) SS=$(pwd)/$SS ;; esac

ROOT=$(cd "$TESTS/.." && pwd)
command -v python3 >/dev/null 2>&1 || { skip render "python3 is not installed"; exit 0; }
CFG=$ROOT/build/config.h
[ -f "$CFG" ] || { skip render "no build/config.h (run make first)"; exit 0; }
if ! grep -q 'CONFIG_SS_TTY_LAYOUT 1' "$CFG"; then
	skip render "this build has no terminal layout (SS_TTY_LAYOUT)"
	exit 0
fi
if ! cc -std=gnu11 -O1 -Wall -I"$ROOT/applet" -I"$ROOT/lib" -I"$ROOT/include" -I"$ROOT/build" \
	-o "$OUT/render_check" "$TESTS/render_check.c" "$ROOT/applet/render.c" \
	"$ROOT/applet/out.c" "$ROOT/lib/errmsg.c" "$ROOT/applet/fmt.c" \
	>"$OUT/render_check.build.log" 2>&1; then
	mapfile -t log < <(head -n 10 "$OUT/render_check.build.log")
	fail "render (build)" "${log[@]}"
	exit 0
fi

python3 - "$OUT/render_check" <<'PY'
import random, subprocess, sys

# shared/spec/tools/render_model.py (spec §2.3), with 6.1's 65 535-byte token cap
COLS = [('L','Netid',''),('L','State',' '),('L','Recv-Q',' '),('L','Send-Q',' '),
        ('R','Local Address:',' '),('L','Port',''),('R','Peer Address:',' '),('L','Port',''),
        ('L','Process',''),('L','','')]
def render(rows, disabled, screen):
    n=len(COLS); maxlen=[0]*n
    for ri,row in enumerate(rows):
        for k,(i,tok) in enumerate(row):
            if ri==len(rows)-1 and k==len(row)-1: continue
            maxlen[i]=max(maxlen[i],len(tok))
    width=[0]*n; first=True; compact = screen is None; sw = 2**31-1 if compact else screen
    for i in range(n):
        if i in disabled: continue
        w = maxlen[i] + (len(COLS[i][2]) if (not first and maxlen[i]) else 0)
        width[i]=min(w,sw)
        if width[i]: first=False
    if not compact:
        eol=-1; ln=0; lc=0; i=0
        while i<n:
            if not width[i]: i+=1; continue
            lc+=1; ln+=width[i]
            last = all(width[j]==0 for j in range(i+1,n))
            if not last and ln<sw: i+=1; continue
            if ln==sw: eol=i; ln=lc=0; i+=1; continue
            if ln>sw: ln-=width[i]; i-=1; lc-=1
            pad=sw-ln; sp=pad//lc; rem=pad%lc; j=i
            while j>eol:
                if width[j]:
                    width[j]+=sp
                    if rem: width[j]+=1; rem-=1
                j-=1
            eol=i; ln=lc=0; i+=1
    out=[]
    for row in rows:
        started=False
        for (i,tok) in row:
            printed=0
            if started: out.append(COLS[i][2]); printed=len(COLS[i][2])
            started=True
            if width[i] and COLS[i][0]=='R':
                s=width[i]-len(tok)-printed
                if s>0: out.append(' '*s); printed+=s
            out.append(tok); printed+=len(tok)
            if width[i] and COLS[i][0]=='L':
                s=width[i]-printed
                if s>0: out.append(' '*s)
        out.append('\n')
    return ''.join(out)

HEAD = ['Netid','State','Recv-Q','Send-Q','Local Address:','Port','Peer Address:','Port','Process']
MINLEN = {2: 6, 3: 6}   # "%-6d" queue tokens, padded inside the token
rng = random.Random(6)
bad = 0
ncase = 0
def lengths():
    return rng.choice([0, 1, 3, 7, 20, 254, 255, 256, 1000, 40000, 65470, 65535, 65536, 70000])
for case in range(160):
    ncase += 1
    screen = rng.choice([0, 0, 1, 2, 7, 40, 80, 200, 1000, 65469, 65470, 65471, 65500, 65535])
    disabled = set(c for c in (0, 1) if rng.random() < 0.5)
    header = rng.random() < 0.7
    big = case % 4 == 0
    rows = []
    for r in range(rng.randint(1, 5)):
        row = []
        for c in range(9):
            n = lengths() if big and rng.random() < 0.3 else rng.randint(0, 12)
            ch = chr(rng.randint(97, 122))
            row.append((c, ch * n))
        rows.append(row)
    mrows = []
    if header:
        mrows.append([(c, t) for c, t in enumerate(HEAD) if c not in disabled])
    for row in rows:
        mrow = []
        for c, t in row:
            if c in disabled: continue
            t = t[:65535]
            if c in MINLEN and len(t) < MINLEN[c]: t = t.ljust(MINLEN[c])
            mrow.append((c, t))
        mrows.append(mrow)
    want = render(mrows, disabled, screen or None)
    inp = ['%d %d %d\n' % (screen, sum(1 << c for c in disabled), header)]
    for row in rows:
        inp.append('R\n')
        for c, t in row:
            inp.append('%d %d\n%s\n' % (c, len(t), t))
    p = subprocess.run([sys.argv[1]], input=''.join(inp).encode(), capture_output=True, timeout=60)
    got = p.stdout.decode()
    if p.returncode != 0 or got != want:
        bad += 1
        if bad <= 3:
            i = next((k for k in range(min(len(got), len(want))) if got[k] != want[k]), min(len(got), len(want)))
            print('FAIL render case %d (screen %d, %d rows, header %d)' % (case, screen, len(rows), header))
            print('    exit %d; first difference at byte %d of %d (model %d bytes)' % (p.returncode, i, len(got), len(want)))
if bad:
    print('FAIL render: %d of %d generated cases differ from the model' % (bad, ncase))
else:
    print('PASS render: %d generated cases (screens 1..65535 and non-tty, tokens up to past the cap) as the model' % ncase)
PY

# The same widths on a real terminal against 6.1 (recorded input).
why=$(ref_ok) || { skip "render pty" "$why"; exit 0; }
build_helper ptyrun || { fail "render pty (build)" "$(head -c 300 "$OUT/ptyrun.build.log")"; exit 0; }
FX=$TESTS/fixtures
for c in '-tuan' '-tanH'; do
	bad=
	for cols in 65469 65470 65535; do
		split_args "$c"
		ARGV=("$cols" "$SS_TIMEOUT" "$REF" "${ARGV[@]}")
		ENVV=("TCPDIAG_FILE=$FX/dumps/mix-tan.dump" "PROC_IP_LOCAL_PORT_RANGE=$FX/range/default"
			"PROC_NET_UDP=$FX/proc/mix/net/udp" "PROC_NET_UDP6=$FX/proc/mix/net/udp6")
		run_ss "$OUT/ptyrun" "$OUT/render.ref"
		ARGV[2]=$SS
		run_ss "$OUT/ptyrun" "$OUT/render.test"
		if [ ! -s "$OUT/render.ref.out" ] || [ "$(cat "$OUT/render.ref.rc")" != 0 ]; then
			bad="$cols (the reference run failed or printed nothing)"
		elif ! cmp -s "$OUT/render.ref.out" "$OUT/render.test.out"; then
			bad=$cols
		fi
		[ -n "$bad" ] && break
	done
	if [ -z "$bad" ]; then
		pass "render pty 65469/65470/65535 columns: $c"
	else
		fail "render pty columns: $c" "first difference at $bad columns"
	fi
done
rm -f "$OUT"/render.ref.* "$OUT"/render.test.*
exit 0
