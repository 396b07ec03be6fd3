#!/usr/bin/env python3
"""cross/gendump-be.py SPEC OUTDIR: tests/gendump.py as a big-endian kernel
would answer.  gendump.py packs host-order fields with '=' (native) and
network-order ones with '>'; here '=' means big-endian, so every host-order
field of every family comes out as a big-endian kernel writes it."""
import os
import runpy
import struct
import sys

_pack = struct.pack


def pack(fmt, *args):
    if fmt[:1] == '=':
        fmt = '>' + fmt[1:]
    elif fmt[:1] not in ('<', '>', '!'):
        sys.exit('gendump-be: native-aligned format %r has no big-endian twin' % fmt)
    return _pack(fmt, *args)


struct.pack = pack
here = os.path.dirname(os.path.abspath(__file__))
sys.argv = [os.path.join(here, '..', 'tests', 'gendump.py')] + sys.argv[1:]
runpy.run_path(sys.argv[0], run_name='__main__')
