#!/usr/bin/env python3
"""procpop.py N - a population of sockets of every kind /proc/net shows, for
tests/fallback.sh: run inside a private network namespace (lo up), as root.

  TCP     listeners 127.0.0.1:8080, 0.0.0.0:80, [::]:80 (v6only), [::]:443
          (dual-stack), [::1]:22; N v4 pairs, N/4 v6 pairs, N/8 v4 clients
          of the dual-stack listener (v4-mapped), a few with unread bytes
  UDP     N/2 bound v4 and v6 sockets, every 4th one connected
  UNIX    in a fresh directory: a stream listener with N/4 accepted
          connections, N/4 stream, dgram and seqpacket socketpairs (some
          with unread data), N/4 named dgram sockets (every other one with
          a connected client), N/8 abstract names, unnamed sockets
  RAW     protocol 253, bound to loopback and unbound, v4 and v6
  PACKET  raw and dgram sockets, protocol 0 (they receive nothing)
  NETLINK route, generic and usersock sockets, some bound to groups

Prints "ready DIR" when everything is set up, then holds the sockets until
stdin is closed (or 300 s pass).  Names never contain blanks: the
/proc/net/unix format cannot carry them (README, differences)."""
import os
import resource
import select
import socket
import sys
import tempfile

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
n = max(8, min(n, 20000))
_, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
keep = []
d = tempfile.mkdtemp(prefix="procpop.")


def listener(fam, addr, v6only=None):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind(addr)
    s.listen(4096)
    keep.append(s)
    return s


def pairs(lst, fam, addr, count):
    for i in range(count):
        c = socket.socket(fam, socket.SOCK_STREAM)
        c.connect(addr)
        a, _ = lst.accept()
        if i % 16 == 0:
            c.send(b"x" * (i % 97 + 1))
        keep.extend((c, a))


l4 = listener(socket.AF_INET, ("127.0.0.1", 8080))
listener(socket.AF_INET, ("0.0.0.0", 80))
listener(socket.AF_INET6, ("::", 80), 1)
l6d = listener(socket.AF_INET6, ("::", 443), 0)
l6 = listener(socket.AF_INET6, ("::1", 22), 1)
pairs(l4, socket.AF_INET, ("127.0.0.1", 8080), n)
pairs(l6, socket.AF_INET6, ("::1", 22), n // 4)
pairs(l6d, socket.AF_INET, ("127.0.0.1", 443), n // 8)

for i in range(n // 2):
    fam, host = (socket.AF_INET, "127.0.0.1") if i % 2 else (socket.AF_INET6, "::1")
    u = socket.socket(fam, socket.SOCK_DGRAM)
    u.bind((host, 0))
    if i % 4 == 0:
        u.connect((host, 53))
    keep.append(u)

ul = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
ul.bind(os.path.join(d, "listen"))
ul.listen(4096)
keep.append(ul)
for i in range(n // 4):
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.connect(os.path.join(d, "listen"))
    a, _ = ul.accept()
    keep.extend((c, a))
for t in (socket.SOCK_STREAM, socket.SOCK_DGRAM, socket.SOCK_SEQPACKET):
    for i in range(n // 4):
        a, b = socket.socketpair(socket.AF_UNIX, t)
        if i % 8 == 0:
            a.send(b"y" * (i % 31 + 1))
        keep.extend((a, b))
for i in range(n // 4):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(os.path.join(d, "dg%d" % i))
    keep.append(s)
    if i % 2:
        c = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        c.connect(os.path.join(d, "dg%d" % i))
        keep.append(c)
for i in range(n // 8):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM if i % 2 else socket.SOCK_DGRAM)
    s.bind("\0procpop-abstract-%d" % i)
    keep.append(s)
for i in range(16):
    keep.append(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))

for fam, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    r = socket.socket(fam, socket.SOCK_RAW, 253)
    r.bind((host, 0))
    keep.extend((r, socket.socket(fam, socket.SOCK_RAW, 253)))

for t in (socket.SOCK_RAW, socket.SOCK_DGRAM):
    for i in range(4):
        keep.append(socket.socket(socket.AF_PACKET, t, 0))

for i in range(32):
    proto = (0, 16, 2)[i % 3]  # NETLINK_ROUTE, NETLINK_GENERIC, NETLINK_USERSOCK
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, proto)
    s.bind((0, 1 if proto == 0 and i % 2 else 0))
    keep.append(s)

print("ready", d, flush=True)
select.select([sys.stdin], [], [], 300)
for f in os.listdir(d):
    os.unlink(os.path.join(d, f))
os.rmdir(d)
