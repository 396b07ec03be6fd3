#!/usr/bin/env python3
"""shown.py FILE: rewrites iproute2 6.1's output FILE as ./ss prints it
(README "Differences": control bytes of outside text as \\ooo) for the
hostile unix names that tests/sockmix.c creates (keep the two lists the
same).  Only those names are touched: each right-aligned token is escaped
and its padding shortened by what it grew, so the line keeps its width.  A
token whose padding cannot absorb the growth keeps its padding (compact
output after norm_dgram; in aligned output the comparison then fails)."""
import re
import sys

HOSTILE = [b't\tab', b'ne\nline', b'esc\x1b[31mred\x1b[0m']
ABSTRACT = [b'@ab@c\x01\x7f\xff']


def shown(b):
    return b''.join(b'\\%03o' % c if (0 < c < 0x20 or c == 0x7f) else bytes([c])
                    for c in b)


def main(path):
    with open(path, 'rb') as f:
        data = f.read()
    pats = [rb'/tmp/sockmix\.[A-Za-z0-9]{6}/' + re.escape(h) for h in HOSTILE]
    pats += [re.escape(h) for h in ABSTRACT]

    def fix(m):
        pad, tok = m.group(1), m.group(2)
        grow = len(shown(tok)) - len(tok)
        if grow > len(pad) - 1:	# compact (norm_dgram) or too wide
            return pad + shown(tok)
        return pad[grow:] + shown(tok)
    for p in pats:
        data = re.sub(rb'( +)(' + p + rb')', fix, data)
    with open(path, 'wb') as f:
        f.write(data)


main(sys.argv[1])
