#!/usr/bin/python3
# tests/dnsfake.py LOG READY - a fake DNS server for tests/resolve.sh.
#
# Listens on UDP and TCP port 53 of 127.0.0.1 (server "A"), 127.0.0.2 ("B")
# and 127.0.0.3 ("C") and answers PTR queries from the table below, keyed by
# the address asked about.  Every query is logged as "SERVER PROTO QNAME" to
# LOG; READY is created once all sockets are bound.  Runs until killed (the
# test runs it inside a private network namespace) or for at most 600 s.
import ipaddress, os, select, socket, struct, sys, threading, time

LOG, READY = sys.argv[1], sys.argv[2]
SERVERS = {"127.0.0.1": "A", "127.0.0.2": "B", "127.0.0.3": "C"}
lock = threading.Lock()
T0 = time.monotonic()


def log(srv, proto, qname):
    with lock, open(LOG, "a") as f:
        f.write("%s %s %s %.2f\n" % (srv, proto, qname, time.monotonic() - T0))


def labels(*parts):
    """Wire name from raw labels (bytes), root-terminated."""
    return b"".join(bytes([len(p)]) + p for p in parts) + b"\0"


def dn(text):
    return labels(*[l.encode("latin-1") for l in text.split(".") if l])


def rr(owner, rtype, rdata, rclass=1):
    return owner + struct.pack(">HHIH", rtype, rclass, 60, len(rdata)) + rdata


def ptr(owner, target, rclass=1):
    return rr(owner, 12, target, rclass)


# address -> behaviour; a behaviour is a function (server, proto, qid, q, owner)
# returning a list of (delay seconds, reply bytes) (UDP) or one reply (TCP).
def reply(qid, q, answers, rcode=0, tc=0, qid_override=None, question=None):
    flags = 0x8180 | rcode | (0x200 if tc else 0)
    hdr = struct.pack(">HHHHHH", qid if qid_override is None else qid_override,
                      flags, 1, len(answers), 0, 0)
    return hdr + (q if question is None else question) + b"".join(answers)


def name_answer(target):
    return lambda s, p, qid, q, o: [(0, reply(qid, q, [ptr(o, target)]))]


def per_server(table):
    def f(s, p, qid, q, o):
        act = table.get(s, ("silent",))
        if act[0] == "silent":
            return []
        if act[0] == "rcode":
            return [(0, reply(qid, q, [], rcode=act[1]))]
        return [(0, reply(qid, q, [ptr(o, dn(act[1]))]))]
    return f


def wrong_owner(s, p, qid, q, o):
    return [(0, reply(qid, q, [ptr(dn("99.9.9.9.in-addr.arpa"), dn("wrong.example"))]))]


def owner_then_right(s, p, qid, q, o):
    return [(0, reply(qid, q, [ptr(dn("99.9.9.9.in-addr.arpa"), dn("wrong.example")),
                               ptr(o, dn("right.example"))]))]


def cname_chain(s, p, qid, q, o):
    alias = labels(b"21", b"0/24", b"1", b"0", b"127", b"in-addr", b"arpa")
    return [(0, reply(qid, q, [rr(o, 5, alias), ptr(alias, dn("cname.example"))]))]


def other_question(s, p, qid, q, o):
    other = dn("77.7.7.7.in-addr.arpa") + b"\0\x0c\0\x01"
    return [(0, reply(qid, q, [ptr(dn("77.7.7.7.in-addr.arpa"), dn("other.example"))],
                      question=other)),
            (0.05, reply(qid, q, [ptr(o, dn("after.example"))]))]


def id_flood_then_good(s, p, qid, q, o):
    bad = [(0.002, reply(qid, q, [ptr(o, dn("flood.example"))], qid_override=(qid + i) & 0xffff))
           for i in range(1, 60)]
    return bad + [(0.01, reply(qid, q, [ptr(o, dn("good.example"))]))]


def id_flood(s, p, qid, q, o):
    # wrong IDs for 2.5 s: a resolver that restarts its wait per packet
    # would wait 2.5 s per server instead of its timeout
    return [(0.05, reply(qid, q, [ptr(o, dn("flood.example"))], qid_override=qid ^ 0x5a5a))
            for i in range(50)]


def truncated(tcp_name):
    def f(s, p, qid, q, o):
        if p == "tcp":
            return [(0, reply(qid, q, [ptr(o, dn(tcp_name))]))] if tcp_name else []
        return [(0, reply(qid, q, [ptr(o, dn("udp-truncated.example"))], tc=1))]
    return f


def tcp_hang(s, p, qid, q, o):
    # A accepts the TCP connection and says nothing for 2 s; B answers
    if p == "udp":
        return [(0, reply(qid, q, [], tc=1))]
    if s == "A":
        return [(2, None)]
    return [(0, reply(qid, q, [ptr(o, dn("tcp-b.example"))]))]


def by_proto(s, p, qid, q, o):
    return [(0, reply(qid, q, [ptr(o, dn(p + ".example"))]))]


def wrong_class(s, p, qid, q, o):
    return [(0, reply(qid, q, [ptr(o, dn("chaos.example"), rclass=3)]))]


def two_ptrs(s, p, qid, q, o):
    return [(0, reply(qid, q, [rr(o, 1, b"\x7f\0\0\1"), ptr(o, dn("first.example")),
                               ptr(o, dn("second.example"))]))]


def compressed(s, p, qid, q, o):
    # the PTR target points back into the question name, with a prefix label
    return [(0, reply(qid, q, [b"\xc0\x0c" + struct.pack(">HHIH", 12, 1, 60, 6) +
                               b"\3cmp\xc0\x0c"]))]


def loop(s, p, qid, q, o):
    return [(0, reply(qid, q, [b"\xc0\x0c" + struct.pack(">HHIH", 12, 1, 60, 2) +
                               b"\xc0\x35"]))]


def empty(s, p, qid, q, o):
    return [(0, reply(qid, q, []))]


L63 = "a" * 63
TABLE = {
    "127.0.1.1": name_answer(dn("good.example")),
    "127.0.1.2": name_answer(labels(b"sp ace", b"example")),
    "127.0.1.3": name_answer(labels(b"tab\tx", b"example")),
    "127.0.1.4": name_answer(labels(b"new\nline", b"example")),
    "127.0.1.5": name_answer(labels(b"nul\0x", b"example")),
    "127.0.1.6": name_answer(labels(b"esc\x1b[31mred", b"example")),
    "127.0.1.7": name_answer(labels(b"*", b"example")),
    "127.0.1.8": name_answer(labels(b"a/b", b"example")),
    "127.0.1.9": name_answer(labels(b"a;b", b"example")),
    "127.0.1.10": name_answer(labels(b"a.b", b"example")),
    "127.0.1.11": name_answer(labels(b"caf\xc3\xa9", b"example")),
    "127.0.1.12": name_answer(labels(b"-dash", b"example")),
    "127.0.1.13": name_answer(labels(b"ok", b"-dash", b"example")),
    "127.0.1.14": name_answer(labels(b"_under", b"Mixed-Case")),
    "127.0.1.15": name_answer(b"\0"),
    "127.0.1.16": name_answer(dn(".".join([L63] * 3) + ".b" * 30)),  # 251 characters
    "127.0.1.17": name_answer(dn(".".join([L63] * 3) + ".b" * 31)),  # 253 characters
    "127.0.1.18": name_answer(labels(b"back\\slash", b"example")),
    "127.0.1.19": wrong_owner,
    "127.0.1.20": owner_then_right,
    "127.0.1.21": cname_chain,
    "127.0.1.22": other_question,
    "127.0.1.23": id_flood_then_good,
    "127.0.1.24": id_flood,
    "127.0.1.25": per_server({"A": ("rcode", 2), "B": ("name", "second.example")}),
    "127.0.1.26": per_server({"A": ("rcode", 5), "B": ("name", "second.example")}),
    "127.0.1.27": per_server({"A": ("rcode", 3), "B": ("name", "second.example")}),
    "127.0.1.28": per_server({"B": ("name", "second.example")}),
    "127.0.1.29": truncated("tcp.example"),
    "127.0.1.30": truncated(None),
    "127.0.1.31": empty,
    "127.0.1.32": wrong_class,
    "127.0.1.33": two_ptrs,
    "127.0.1.34": compressed,
    "127.0.1.35": loop,
    "127.0.1.36": per_server({"A": ("rcode", 4), "B": ("name", "second.example")}),
    "127.0.1.37": per_server({"A": ("rcode", 1), "B": ("name", "second.example")}),
    "127.0.1.38": name_answer(dn(L63 + ".example")),
    "127.0.1.39": name_answer(labels(b"at@sign", b"example")),
    "127.0.1.40": per_server({"A": ("name", "a.example"), "B": ("name", "b.example"),
                              "C": ("name", "c.example")}),
    "127.0.1.41": by_proto,
    "127.0.1.42": per_server({"A": ("rcode", 2), "B": ("rcode", 2), "C": ("rcode", 2)}),
    "127.0.1.43": per_server({}),
    "127.0.1.44": name_answer(labels(b"del\x7fx", b"example")),
    "127.0.1.45": tcp_hang,
    "fd00::1": name_answer(dn("six.example")),
    "fd00::2": name_answer(labels(b"six\x1b", b"example")),
    "::127.0.1.1": name_answer(dn("compat.example")),
}


def qaddr(qname):
    """The address of an in-addr.arpa / ip6.arpa name, or None."""
    l = qname.lower().split(".")
    try:
        if l[-2:] == ["in-addr", "arpa"] and len(l) == 6:
            return str(ipaddress.IPv4Address(".".join(reversed(l[:4]))))
        if l[-2:] == ["ip6", "arpa"] and len(l) == 34:
            return str(ipaddress.IPv6Address(bytes.fromhex("".join(reversed(l[:32])))))
    except ValueError:
        pass
    return None


def parse_query(m):
    if len(m) < 17:
        return None
    qid = struct.unpack(">H", m[:2])[0]
    i, parts = 12, []
    while i < len(m) and m[i]:
        parts.append(m[i + 1:i + 1 + m[i]].decode("latin-1"))
        i += 1 + m[i]
    q = m[12:i + 5]
    return qid, q, m[12:i + 1], ".".join(parts)


def answer(srv, proto, m):
    pq = parse_query(m)
    if not pq:
        return []
    qid, q, owner, qname = pq
    log(srv, proto, qname)
    a = qaddr(qname)
    if a is None and qname.lower().endswith(".ip6.arpa"):
        return []
    beh = TABLE.get(a)
    if beh is None:
        # for 127.0.1.21's alias chain and anything unknown: NXDOMAIN
        return [(0, reply(qid, q, [], rcode=3))]
    return beh(srv, proto, qid, q, owner)


def udp_send(sock, srv, m, peer):
    for delay, pkt in answer(srv, "udp", m):
        if delay:
            time.sleep(delay)
        sock.sendto(pkt, peer)


def udp_loop(sock, srv):
    while True:
        m, peer = sock.recvfrom(4096)
        threading.Thread(target=udp_send, args=(sock, srv, m, peer), daemon=True).start()


def tcp_conn(c, srv):
    try:
        c.settimeout(5)
        hdr = c.recv(2)
        n = struct.unpack(">H", hdr)[0]
        m = b""
        while len(m) < n:
            d = c.recv(n - len(m))
            if not d:
                break
            m += d
        out = answer(srv, "tcp", m)
        if out and out[-1][1] is None:
            time.sleep(out[-1][0])
        elif out:
            pkt = out[-1][1]
            c.sendall(struct.pack(">H", len(pkt)) + pkt)
    except (OSError, struct.error):
        pass
    c.close()


def tcp_loop(sock, srv):
    while True:
        c, _ = sock.accept()
        threading.Thread(target=tcp_conn, args=(c, srv), daemon=True).start()


for addr, srv in SERVERS.items():
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind((addr, 53))
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind((addr, 53))
    t.listen(16)
    threading.Thread(target=udp_loop, args=(u, srv), daemon=True).start()
    threading.Thread(target=tcp_loop, args=(t, srv), daemon=True).start()
open(READY, "w").close()
time.sleep(600)
