#!/usr/bin/python3
# tests/sockhold.py READY ADDR... - holds one UDP socket bound to each ADDR
# (IPv4 or IPv6 text; "[ADDR]" for an IPv6 socket that is not v6only, so
# "[::]" is a dual-stack wildcard) on port 7000+i, and with "ADDR>PEER" also
# connected to PEER port 9.  Creates READY, then waits (at most 600 s).
import socket, sys, time
for i, spec in enumerate(sys.argv[2:]):
    addr, _, peer = spec.partition(">")
    dual = addr.startswith("[")
    addr = addr.strip("[]")
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0 if dual else 1)
    s.bind((addr, 7000 + i))
    if peer:
        s.connect((peer, 9))
    globals().setdefault("held", []).append(s)
open(sys.argv[1], "w").close()
time.sleep(600)
