#!/usr/bin/python3
# tests/tcptimers.py READY - TCP sockets with timers /proc/net/tcp shows
# (tests/fallback.sh, -o -e): a v4 and a v6 pair with keepalive timers
# (TCP_KEEPIDLE 5000 s and 4000 s: "83min", "66min", stable for a minute),
# and a v4 pair whose client has unacknowledged data to a peer that never
# reads (a zero-window persist timer once the buffers fill).  Creates READY,
# then waits until stdin reaches EOF (at most 300 s).  Loopback only.
import select, socket, sys, time
held = []
for fam, host, port in ((socket.AF_INET, "127.0.0.1", 7101), (socket.AF_INET6, "::1", 7102)):
    ls = socket.socket(fam, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((host, port))
    ls.listen(4)
    c = socket.socket(fam, socket.SOCK_STREAM)
    c.connect((host, port))
    s, _ = ls.accept()
    for k, idle in ((c, 5000), (s, 4000)):
        k.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        k.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, idle)
    held += [ls, c, s]
# zero window: the server never reads, the client writes until it blocks
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
ls.bind(("127.0.0.1", 7103))
ls.listen(1)
c = socket.socket()
c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
c.connect(("127.0.0.1", 7103))
s, _ = ls.accept()
c.setblocking(False)
end = time.time() + 5
while time.time() < end:
    try:
        c.send(b"x" * 65536)
    except BlockingIOError:
        time.sleep(0.05)
        try:
            c.send(b"x")
        except BlockingIOError:
            break
held += [ls, c, s]
time.sleep(0.5)	# queues settle
open(sys.argv[1], "w").close()
select.select([sys.stdin], [], [], 300)
