#!/usr/bin/env python3
"""tests/procmix.py - sockets held by several processes and threads, for the
-p / -T golden cases (tests/procmap.sh).  Run it inside an `unshare -n`
namespace with lo up; it prints "ready" once every socket and process is in
place, then sleeps until stdin closes or SECONDS (argv[1], default 60) pass.

  main process "mix main" (a space in its name), threads "mix t1" / "mix t2"
  each opening their own sockets;
  a TCP listener, UDP sockets, IPv6 sockets, established pairs, unix
  stream and datagram sockets, a packet socket;
  child 1 inherits everything (every socket shared by two processes) and
  names itself 'x",pid=1,fd=3)' (quotes, parentheses: a spoofing attempt);
  child 2 keeps one socket and names itself with a tab and a newline;
  child 3 keeps two sockets and names itself 'a\\b' (a backslash).
With argv[2] = "clean" the children are "kid one", "kid2" and "kid3" (names
iproute2 prints as they are, for byte-exact comparisons).
"""
import ctypes, os, select, socket, sys, threading, time

libc = ctypes.CDLL(None, use_errno=True)
PR_SET_NAME = 15


def name(n):
    libc.prctl(PR_SET_NAME, ctypes.c_char_p(n), 0, 0, 0)


keep = []


def tcp_pair(lst, fam, addr):
    c = socket.socket(fam, socket.SOCK_STREAM)
    c.connect(lst.getsockname()[:2])
    a, _ = lst.accept()
    keep.extend([c, a])


def sockets(base):
    l4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    l4.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l4.bind(("127.0.0.1", base))
    l4.listen(16)
    l6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    l6.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l6.bind(("::1", base + 1))
    l6.listen(16)
    u4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u4.bind(("127.0.0.1", base + 2))
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    u6.bind(("::1", base + 3))
    uc = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    uc.connect(("127.0.0.1", base + 2))
    keep.extend([l4, l6, u4, u6, uc])
    tcp_pair(l4, socket.AF_INET, "127.0.0.1")
    tcp_pair(l6, socket.AF_INET6, "::1")
    # unix: an abstract listener with one accepted pair, a socketpair, a
    # bound datagram socket; packet: one raw socket (needs root)
    ul = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ul.bind(b"\0procmix-%d" % base)
    ul.listen(4)
    uc2 = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    uc2.connect(b"\0procmix-%d" % base)
    ua, _ = ul.accept()
    ud = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    ud.bind(b"\0procmix-dg-%d" % base)
    keep.extend([ul, uc2, ua, ud] + list(socket.socketpair()))
    try:
        keep.append(socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0))  # protocol 0: receives nothing
    except OSError:
        pass


def thread_body(tname, base, ready, stop):
    name(tname)
    sockets(base)
    ready.set()
    stop.wait()


def main():
    secs = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    clean = len(sys.argv) > 2 and sys.argv[2] == "clean"
    knames = (b"kid one", b"kid2", b"kid3") if clean else (b'x",pid=1,fd=3)', b"tab\tnl\nend", b"a\\b")
    name(b"mix main")
    sockets(7100)
    stop = threading.Event()
    threads = []
    for i, tn in enumerate((b"mix t1", b"mix t2")):
        ev = threading.Event()
        t = threading.Thread(target=thread_body, args=(tn, 7200 + 100 * i, ev, stop), daemon=True)
        t.start()
        ev.wait(10)
        threads.append(t)
    kids = []
    r, w = os.pipe()
    for kname, keep_n in zip(knames, (None, 1, 2)):
        pid = os.fork()
        if pid == 0:
            os.close(w)
            if keep_n is not None:
                # keep keep_n sockets, close the others (fds stay numbered)
                for s in keep[keep_n:]:
                    s.close()
            name(kname)
            os.read(r, 1)       # until the parent goes away
            os._exit(0)
        kids.append(pid)
    os.close(r)
    time.sleep(0.2)
    print("ready", flush=True)
    deadline = time.time() + secs
    while time.time() < deadline:
        rl, _, _ = select.select([sys.stdin], [], [], 0.5)
        if rl and not sys.stdin.buffer.read1(64):
            break
    stop.set()
    os.close(w)
    for p in kids:
        os.waitpid(p, 0)


main()
