#!/usr/bin/env python3
"""md5moved.py OURS: our output as iproute2 6.1 prints it, for the test of
md5 keys (README, differences).  6.1 writes each md5 key (escaped) straight
to stdout while it dumps, so the keys of every row come first, before the
table, and each "md5keys:ADDR/PLEN=" entry in the table stays empty; the
table is padded to its shorter text.  This moves the keys of OURS (each
from after "ADDR/PLEN=" up to the next ',', ' ' or line end: escaped keys
hold none of them) to the front, in order, and drops trailing blanks of
every line: the caller compares that with 6.1's output with its trailing
blanks dropped too.  Prints the result on stdout."""
import re, sys

ENTRY = re.compile(rb'([^, \n]*/[0-9]+=)([^, \n]*)')


def main():
    data = open(sys.argv[1], 'rb').read()
    keys = []

    def entries(m):
        def one(e):
            keys.append(e.group(2))
            return e.group(1)
        return m.group(1) + ENTRY.sub(one, m.group(2))
    table = re.sub(rb'( md5keys:)((?:[^, \n]*/[0-9]+=[^, \n]*)(?:,[^, \n]*/[0-9]+=[^, \n]*)*)',
                   entries, data)
    out = b''.join(keys) + table
    sys.stdout.buffer.write(b'\n'.join(l.rstrip(b' ') for l in out.split(b'\n')))


if __name__ == '__main__':
    main()
