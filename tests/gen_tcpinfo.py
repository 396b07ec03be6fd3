#!/usr/bin/env python3
"""gen_tcpinfo.py MODE FILE [N [SEED]]: synthetic TCPDIAG_FILE dumps for -i.

  cases FILE        every tcp_info word present and absent, short, empty and
                    long tcp_info, every rate band and the %.3g rounding
                    edges, vegas, dctcp (both forms, short payload), bbr,
                    congestion names, old and new meminfo, LISTEN sacked
  aligned FILE      the same without the attributes that end inside a field
                    (a kernel never sends them; their big-endian twins
                    cannot print the same: tests/fixtures uses this one)
  short FILE        attributes shorter than their struct, a congestion name
                    without NUL or with control bytes (6.1 reads past them)
  random FILE N S   N rows with random values (seed S) in every field
  big FILE N        N rows of full tcp_info, a wider one near the end (the
                    output crosses 6.1's 5 MiB batches, spec §2.4)

Each file: SOCK_DIAG_BY_FAMILY messages (inet_diag_msg + attributes), then
NLMSG_DONE, as ss -D writes them (spec §8.4).  Deterministic.
"""
import random, socket, struct, sys

# struct tcp_info fields: offset, struct format (spec §4.3; 280 bytes today)
F = dict(state=(0, 'B'), ca_state=(1, 'B'), retransmits=(2, 'B'), probes=(3, 'B'),
         backoff=(4, 'B'), options=(5, 'B'), wscale=(6, 'B'), flags7=(7, 'B'),
         rto=(8, 'I'), ato=(12, 'I'), snd_mss=(16, 'I'), rcv_mss=(20, 'I'),
         unacked=(24, 'I'), sacked=(28, 'I'), lost=(32, 'I'), retrans=(36, 'I'),
         fackets=(40, 'I'), last_data_sent=(44, 'I'), last_ack_sent=(48, 'I'),
         last_data_recv=(52, 'I'), last_ack_recv=(56, 'I'), pmtu=(60, 'I'),
         rcv_ssthresh=(64, 'I'), rtt=(68, 'I'), rttvar=(72, 'I'), snd_ssthresh=(76, 'I'),
         snd_cwnd=(80, 'I'), advmss=(84, 'I'), reordering=(88, 'I'), rcv_rtt=(92, 'I'),
         rcv_space=(96, 'I'), total_retrans=(100, 'I'), pacing_rate=(104, 'Q'),
         max_pacing_rate=(112, 'Q'), bytes_acked=(120, 'Q'), bytes_received=(128, 'Q'),
         segs_out=(136, 'I'), segs_in=(140, 'I'), notsent_bytes=(144, 'I'),
         min_rtt=(148, 'I'), data_segs_in=(152, 'I'), data_segs_out=(156, 'I'),
         delivery_rate=(160, 'Q'), busy_time=(168, 'Q'), rwnd_limited=(176, 'Q'),
         sndbuf_limited=(184, 'Q'), delivered=(192, 'I'), delivered_ce=(196, 'I'),
         bytes_sent=(200, 'Q'), bytes_retrans=(208, 'Q'), dsack_dups=(216, 'I'),
         reord_seen=(220, 'I'), rcv_ooopack=(224, 'I'), snd_wnd=(228, 'I'),
         rcv_wnd=(232, 'I'), rehash=(236, 'I'))
ALIGNED = False  # set by mode aligned
INFO, VEGAS, CONG, MEMINFO, SKMEM, DCTCP, BBR, SHUTDOWN = 2, 3, 4, 1, 7, 9, 16, 8


def nla(t, payload):
    n = 4 + len(payload)
    return struct.pack('=HH', n, t) + payload + b'\0' * (-n % 4)


def tcpinfo(size=280, **kw):
    b = bytearray(max(size, 240))
    kw.setdefault('reordering', 3)
    for k, v in kw.items():
        o, f = F[k]
        struct.pack_into('=' + f, b, o, v)
    return bytes(b[:size])


class Dump:
    def __init__(self):
        self.out = bytearray()
        self.n = 0

    def msg(self, attrs=b'', state=1, fam=socket.AF_INET, src=None, dst=None, **kw):
        self.n += 1
        n = self.n
        src = src or '10.%d.%d.1' % (n >> 8 & 255, n & 255)
        dst = dst or '10.9.%d.2' % (n % 7)
        body = struct.pack('=BBBB', fam, state, kw.get('timer', 0), kw.get('retrans', 0))
        body += struct.pack('>HH', 1000 + n % 60000, 0 if state == 10 else 80)
        body += socket.inet_pton(fam, src).ljust(16, b'\0')
        body += (b'\0' * 16 if state == 10 else socket.inet_pton(fam, dst).ljust(16, b'\0'))
        body += struct.pack('=III', 0, n, 0)
        body += struct.pack('=IIIII', kw.get('expires', 0), 0, 0, kw.get('uid', 0), 100000 + n)
        body += attrs
        self.out += struct.pack('=IHHII', 16 + len(body), 20, 2, 123456, 0) + body
        self.out += b'\0' * (-len(self.out) % 4)

    def write(self, path):
        self.out += struct.pack('=IHHII', 20, 3, 2, 123456, 0) + struct.pack('=i', 0)
        with open(path, 'wb') as f:
            f.write(self.out)


FULL = dict(state=1, options=1 | 2 | 4 | 8 | 16 | 32 | 64, wscale=7 | 9 << 4, flags7=1,
            rto=204000, ato=40000, snd_mss=1448, rcv_mss=536, unacked=2, sacked=3, lost=4,
            retrans=1, fackets=5, last_data_sent=10, last_data_recv=20, last_ack_recv=30,
            pmtu=1500, rcv_ssthresh=64088, rtt=1234, rttvar=567, snd_ssthresh=20,
            snd_cwnd=10, advmss=1448, reordering=4, rcv_rtt=1500, rcv_space=14480,
            total_retrans=7, pacing_rate=124999, max_pacing_rate=125000, bytes_acked=1000,
            bytes_received=2000, segs_out=11, segs_in=12, notsent_bytes=13, min_rtt=890,
            data_segs_in=14, data_segs_out=15, delivery_rate=125000000, busy_time=5000000,
            rwnd_limited=1000000, sndbuf_limited=500000, delivered=16, delivered_ce=17,
            bytes_sent=3000, bytes_retrans=100, dsack_dups=18, reord_seen=19,
            rcv_ooopack=21, snd_wnd=65535, rcv_wnd=65000, rehash=2)
SKMEM9 = nla(SKMEM, struct.pack('=9I', 1, 2, 3, 4, 5, 6, 7, 8, 9))

# send = cwnd * mss * 8e6 / rtt: with rtt 8 s it is cwnd * mss bits/s
RATES = [1, 8, 992, 999, 1000, 1001, 9999, 99949, 99950, 99951, 999499, 999500, 999501,
         999999, 1000000, 1234567, 93873582, 999499999, 999500000, 999999999, 1000000000,
         1500000000, 999499999999, 999500000000, 999999999999, 1000000000000,
         1500000000000, 12345678901234, 999999999999999, 10 ** 15, 10 ** 18,
         2 ** 63, 18446744073709551615]
# %g of u32 / 1000 (rtt, rto, ato, rcv_rtt, minrtt)
MS = [1, 5, 10, 999, 1000, 1001, 1234, 12345, 123456, 999999, 1000000, 1234565, 1234575,
      9999995, 99999950, 123456789, 999999500, 2147483647, 4294967294, 4294967295]


def every_word(d):
    """One row per field: only that field set (the rest absent)."""
    for k in F:
        if k in ('state', 'reordering', 'rcv_wnd', 'rehash'):
            continue
        v = {'B': 200, 'I': 123456, 'Q': 12345678901}[F[k][1]]
        d.msg(nla(INFO, tcpinfo(232, **{k: v})))
    for o in (1, 2, 4, 8, 16, 32, 64, 128, 255):
        d.msg(nla(INFO, tcpinfo(232, options=o, wscale=0xe1)))


def rates(d):
    for r in RATES:
        cwnd = 1 if r < 2 ** 32 else min(r // (2 ** 32 - 1) + 1, 2 ** 32 - 1)
        mss = min(r // cwnd, 2 ** 32 - 1)
        d.msg(nla(INFO, tcpinfo(snd_mss=mss, snd_cwnd=cwnd, rtt=8000000)))
        d.msg(nla(INFO, tcpinfo(pacing_rate=r // 8 or 1, max_pacing_rate=r // 8 + 1,
                                delivery_rate=r // 8)))
    for p, m in ((2 ** 64 - 1, 5), (5, 2 ** 64 - 1), (5, 0), (2 ** 61, 2 ** 61 + 1)):
        d.msg(nla(INFO, tcpinfo(pacing_rate=p, max_pacing_rate=m)))
    for rtt in (1, 3, 7, 999, 1000, 2 ** 32 - 1):
        d.msg(nla(INFO, tcpinfo(snd_mss=2 ** 32 - 1, snd_cwnd=2 ** 32 - 1, rtt=rtt, rttvar=rtt)))


def doubles(d):
    for v in MS:
        d.msg(nla(INFO, tcpinfo(rto=v, ato=v, rtt=v, rttvar=v // 3, rcv_rtt=v, min_rtt=v)))
    for rto in (3000000, 2999999, 3000001):
        d.msg(nla(INFO, tcpinfo(rto=rto)))
    d.msg(nla(INFO, tcpinfo(rtt=0, rttvar=500)))
    d.msg(nla(INFO, tcpinfo(rtt=2000, rttvar=0, min_rtt=2 ** 32 - 1)))
    for busy, rw, sb in ((1000, 333, 667), (2000, 1, 3), (3000, 1000, 2000), (1, 7, 0),
                         (999, 0, 998), (2 ** 64 - 1, 2 ** 63, 1), (6000, 250, 350),
                         (1000000, 999950, 50), (7, 7, 7)):
        d.msg(nla(INFO, tcpinfo(busy_time=busy, rwnd_limited=rw, sndbuf_limited=sb)))
    d.msg(nla(INFO, tcpinfo(rwnd_limited=5000, sndbuf_limited=6000)))  # no busy: none


def signed(d):
    for v in (0, 2, 3, 4, 0x7fffffff, 0x80000000, 0xffffffff):
        d.msg(nla(INFO, tcpinfo(reordering=v, reord_seen=v, snd_mss=v, rcv_mss=v,
                                advmss=v, rcv_space=v)))
    for s in (0, 1, 0xfffe, 0xffff, 0x10000, 0x7fffffff, 0xffffffff):
        d.msg(nla(INFO, tcpinfo(snd_ssthresh=s)))
    d.msg(nla(INFO, tcpinfo(retrans=0, total_retrans=5)))
    d.msg(nla(INFO, tcpinfo(retrans=5, total_retrans=0)))
    d.msg(nla(INFO, tcpinfo(state=10, sacked=128, unacked=3, snd_cwnd=10)), state=10)
    d.msg(nla(INFO, tcpinfo(sacked=128)), state=8)


def lengths(d):
    full = tcpinfo(**FULL)
    for n in (0, 1, 8, 68, 72, 104, 120, 160, 168, 192, 200, 228, 231, 232, 233, 280, 400):
        if ALIGNED and n == 231:
            continue
        d.msg(nla(INFO, (full + b'\x11' * 200)[:n]))


def congestion(d):
    base = tcpinfo(snd_mss=1000, snd_cwnd=10, rtt=1000)
    for name in (b'cubic\0', b'reno\0', b'bbr\0', b'\0', b'abcdefghijklmno\0',
                 b'abcdefghijklmnopqrstuvwxyz\0', b'x\0junk', b'abcdefghijklmnop'):
        d.msg(nla(INFO, base) + nla(CONG, name))
    d.msg(nla(CONG, b'cubic\0'))  # no INFO: nothing at all
    vegas = lambda en, cnt, rtt, mn: nla(VEGAS, struct.pack('=4I', en, cnt, rtt, mn))
    for v in (vegas(1, 5, 2000, 1000), vegas(0, 5, 2000, 1000), vegas(1, 5, 0, 1),
              vegas(1, 5, 0x7fffffff, 1), vegas(1, 0, 1, 0), vegas(1, 5, 8000000, 1)):
        d.msg(nla(INFO, base) + nla(CONG, b'vegas\0') + v)
    d.msg(nla(INFO, tcpinfo()) + vegas(1, 5, 1000, 1000))  # vegas rtt but no mss: no send
    dctcp = lambda *v: nla(DCTCP, struct.pack('=HHIII', *v))
    for v in (dctcp(1, 2, 3, 4, 5), dctcp(0, 2, 3, 4, 5), dctcp(256, 0, 0, 0, 0),
              dctcp(1, 65535, 2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1)):
        d.msg(nla(INFO, base) + nla(CONG, b'dctcp\0') + v)
    bbr = lambda *v: nla(BBR, struct.pack('=5I', *v))
    for v in (bbr(125000000, 0, 12345, 739, 512), bbr(0, 0, 0, 0, 0), bbr(1, 1, 1, 1, 0),
              bbr(2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1),
              bbr(124999, 0, 999, 256, 0), bbr(125, 0, 1000, 0, 1), nla(BBR, b'\x10\x27'),
              bbr(124999999, 0, 5, 2, 3), bbr(124999999999 & 0xffffffff, 124999999999 >> 32, 5, 2, 3)):
        if ALIGNED and len(v) == 8:  # the 2-byte payload
            continue
        d.msg(nla(INFO, base) + nla(CONG, b'bbr\0') + v)
    d.msg(bbr(1, 2, 3, 4, 5) + dctcp(1, 2, 3, 4, 5))  # no INFO: nothing


def memory(d):
    full = nla(INFO, tcpinfo(**FULL)) + nla(CONG, b'cubic\0')
    d.msg(full + SKMEM9)
    d.msg(full + nla(SKMEM, struct.pack('=8I', *range(1, 9))))
    d.msg(full + nla(SKMEM, struct.pack('=7I', *range(1, 8))))
    d.msg(full + nla(MEMINFO, struct.pack('=4I', 11, 12, 13, 14)))
    d.msg(full + nla(MEMINFO, struct.pack('=4I', 11, 12, 13, 14)) + SKMEM9)
    d.msg(nla(MEMINFO, struct.pack('=4I', 1, 2, 3, 4)))
    d.msg(SKMEM9 + nla(SHUTDOWN, b'\3'))
    d.msg(b'')
    PROTO = 10  # INET_DIAG_PROTOCOL: the row's protocol; 6.1 shows no -i block for UDP
    for p in (17, 6, 33, 255):
        d.msg(full + SKMEM9 + nla(PROTO, bytes([p])))


def cases(path):
    d = Dump()
    d.msg(nla(SHUTDOWN, b'\0') + nla(INFO, tcpinfo(**FULL)) + nla(CONG, b'cubic\0') + SKMEM9,
          uid=1000)
    d.msg(nla(INFO, tcpinfo(**FULL)[:232]), fam=socket.AF_INET6, src='2001:db8::1',
          dst='2001:db8::2')
    every_word(d)
    rates(d)
    doubles(d)
    signed(d)
    lengths(d)
    congestion(d)
    memory(d)
    d.write(path)


def short(path):
    """What 6.1 reads past an attribute's end for (bytes of earlier messages):
    we read these zero-extended, or up to the attribute's end."""
    d = Dump()
    base = nla(INFO, tcpinfo(snd_mss=1000, snd_cwnd=10, rtt=1000))
    d.msg(base + nla(CONG, b'unterminated'))
    d.msg(base + nla(CONG, b'vegas\0') + nla(VEGAS, struct.pack('=4I', 1, 5, 1, 1)))
    d.msg(base + nla(CONG, b'vegas\0') + nla(VEGAS, b'\1\0\0\0'))
    d.msg(base + nla(CONG, b'dctcp\0') + nla(DCTCP, struct.pack('=HHIII', 1, 9, 9, 9, 9)))
    d.msg(base + nla(CONG, b'dctcp\0') + nla(DCTCP, b''))
    d.msg(base + nla(CONG, b'dctcp\0') + nla(DCTCP, b'\1\0\7\0'))
    d.msg(base + nla(CONG, b'\x1b[31mred\n\0'))
    d.write(path)


def rnd_value(r, fmt):
    top = {'B': 255, 'I': 2 ** 32 - 1, 'Q': 2 ** 64 - 1}[fmt]
    k = r.random()
    if k < 0.3:
        return 0
    if k < 0.45:
        return r.choice([1, 3, 7, 999, 1000, 1001, 0x7fffffff, 0x80000000, 0xffff, 0xfffe, top, top - 1]) & top
    if k < 0.6:  # near a power of ten, where %g and %.3g round
        p = 10 ** r.randint(0, 19)
        return min(top, max(0, p + r.randint(-600, 600)))
    if k < 0.8:
        return r.randint(0, min(top, 10 ** r.randint(1, 12)))
    return r.randint(0, top)


def random_rows(path, n, seed):
    r = random.Random(seed)
    d = Dump()
    for _ in range(n):
        kw = {k: rnd_value(r, f) for k, (o, f) in F.items()}
        attrs = nla(INFO, tcpinfo(r.choice([232, 232, 280, 104, 200, 160]), **kw))
        if r.random() < 0.5:
            attrs += nla(CONG, r.choice([b'cubic\0', b'bbr\0', b'dctcp\0', b'vegas\0', b'reno\0']))
        if r.random() < 0.2:
            attrs += nla(VEGAS, struct.pack('=4I', *(rnd_value(r, 'I') for _ in range(4))))
        if r.random() < 0.2:
            attrs += nla(DCTCP, struct.pack('=HHIII', r.choice([0, 1]), rnd_value(r, 'B'),
                                            *(rnd_value(r, 'I') for _ in range(3))))
        if r.random() < 0.3:
            attrs += nla(BBR, struct.pack('=5I', *(rnd_value(r, 'I') for _ in range(5))))
        if r.random() < 0.3:
            attrs += SKMEM9
        d.msg(attrs, state=r.choice([1, 1, 1, 2, 4, 8, 10]), timer=r.choice([0, 1, 2]),
              expires=rnd_value(r, 'I') % 10000000)
    d.write(path)


def big(path, n):
    d = Dump()
    for i in range(n):
        kw = dict(FULL, rtt=1000 + i % 5000, snd_cwnd=10 + i % 100, bytes_acked=i * 1000,
                  delivery_rate=i * 977)
        d.msg(nla(INFO, tcpinfo(**kw)) + nla(CONG, b'cubic\0'))
        if i == n - n // 20:
            d.msg(nla(INFO, tcpinfo(**dict(kw, bytes_sent=2 ** 64 - 1, bytes_acked=2 ** 64 - 2,
                                           bytes_received=2 ** 63))) + nla(CONG, b'abcdefghijklmno\0'))
    d.write(path)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    mode, path = sys.argv[1], sys.argv[2]
    global ALIGNED
    if mode in ('cases', 'aligned'):
        ALIGNED = mode == 'aligned'
        cases(path)
    elif mode == 'short':
        short(path)
    elif mode == 'random':
        random_rows(path, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == 'big':
        big(path, int(sys.argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
