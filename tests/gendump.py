#!/usr/bin/env python3
"""gendump.py SPEC OUTDIR: synthetic sock_diag dumps for SS_DIAG_DIR.

Writes OUTDIR/NAME.dump for every [NAME] section of SPEC (names as in
netlink/replay.h: tcp udp raw dccp sctp mptcp unix packet netlink vsock xdp
tipc legacy-tcp legacy-dccp inet-N family-N).  An empty section writes an
empty dump (a table with no sockets); a missing section leaves the table
absent (the kernel's answer for a missing diag module).

One message per line, "KIND key=value ..." (shell quoting; values of name=,
cong=, hex= and the like take Python escapes: name='/tmp/a\\nb\\x1b[31m'):

  inet    fam=4|6|N state=NAME|N src= sport= dst= dport= ino= uid= rq= wq=
          timer= retrans= expires= cookie= ifindex= proto=(INET_DIAG_PROTOCOL)
          v6only=0|1 shutdown= tos= tclass= mark= cong=NAME meminfo=r,w,f,t
          skmem=a,b,...(9) info=HEX assoc (sctp: association message, flags 0)
          locals=ADDR,ADDR peers=ADDR,... (sctp, as sockaddr_storage arrays)
          mptcp=6 counts,flags,token,write_seq,snd_una,rcv_nxt[,LEN] (INFO
          as struct mptcp_info, cut to LEN) md5=ADDR/PLEN/KEYHEX[/KEYLEN
          [/FAMILY]],... md5tail=HEX ulp=NAME tls=VER,CIPHER,TX,RX[,zc]
          sf=KEY:VALUE,... nestflag=1 (see ulp_info) sockopt=BITS sockoptlen=N
          sctpinfo=tag:N,state:N,...(struct sctp_info) sctpinfo_tail=HEX
  unix    type=stream|dgram|seqpacket|N state= ino= name=BYTES peer= rq= wq=
          icons=1,2 vfs=ino,dev shutdown= uid= skmem=... cookie=
  packet  type=raw|dgram|N proto=N(ethertype) ino= ifindex= version= reserve=
          copy_thresh= tstamp= pflags= uid= fanout= skmem=... cookie= filter=HEX
          bpf=code:jt:jf:k,... (host-order sock_filter) bpf_tail=HEX
          rx_ring=blk_size,blk_nr,frm_size,frm_nr,tmo,sizeof_priv,features tx_ring=
  netlink proto= portid= dst_portid= dst_group= ino= state= type=raw|dgram|N
          groups=w1,w2 skmem=... flags= cookie=
  vsock   type=stream|dgram|seqpacket|N state= shutdown= src_cid= src_port=
          dst_cid= dst_port= ino= cookie=
  xdp     type= ino= ifindex= queue= uid= rx=entries tx=entries skmem=...
          umem=id,size,num_pages,chunk_size,headroom,ifindex,queue_id,flags,refs
          fill=entries completion=entries stats=rx_dropped,rx_invalid,rx_full,
          fill_empty,tx_invalid,tx_empty cookie=
  tipc    type= state= ino= uid= cookie= addr= ref= con=node,sock[,type,inst]
          rcvq= sendq= cong=link|conn publ=0|1 drop=
  error   ERRNO     NLMSG_ERROR (ENOENT, EINVAL, EOPNOTSUPP or a number)
  done    ERRNO     NLMSG_DONE with that error (0: skipped by the replay)
  raw     HEX       bytes as they are (hostile framing)
Common keys: flags=N (default NLM_F_MULTI), type=N for inet (message type,
default 20), len=N (nlmsg_len as written), tail=HEX (bytes appended to the
payload), attr=TYPE:HEX (any attribute, repeatable; written as it is),
cut=TYPE:N,... (every attribute of those types, nested ones and attr= ones
too, keeps only N bytes of its payload; cut on field boundaries, so that the
big-endian twin of cross/gendump-be.py stays right).
"""
import errno, os, shlex, socket, struct, sys

TCP_STATES = {'ESTABLISHED': 1, 'ESTAB': 1, 'SYN_SENT': 2, 'SYN_RECV': 3,
              'FIN_WAIT1': 4, 'FIN_WAIT2': 5, 'TIME_WAIT': 6, 'CLOSE': 7,
              'CLOSE_WAIT': 8, 'LAST_ACK': 9, 'LISTEN': 10, 'CLOSING': 11,
              'NEW_SYN_RECV': 12, 'UNCONN': 7}
SOCK_TYPES = {'stream': 1, 'dgram': 2, 'raw': 3, 'seqpacket': 5}


def esc(v):
    return v.encode('utf-8').decode('unicode_escape').encode('latin-1')


def shown(b):
    """A name as ./ss prints it (README: control bytes as \\ooo; NUL is
    left for the printer to show as '@'): with GENDUMP_ESCAPED=1 names are
    written so, and iproute2 6.1 reading them prints what ./ss must print
    for the raw names."""
    if os.environ.get('GENDUMP_ESCAPED') != '1':
        return b
    return b''.join(b'\\%03o' % c if (0 < c < 0x20 or c == 0x7f) else bytes([c])
                    for c in b)


def num(v):
    if v in TCP_STATES:
        return TCP_STATES[v]
    if v in SOCK_TYPES:
        return SOCK_TYPES[v]
    if hasattr(errno, v):
        return getattr(errno, v)
    return int(v, 0)


def nums(v):
    return [num(x) for x in v.split(',')] if v else []


CUT = {}  # attribute type -> payload bytes kept (cut=T:N,...), per message


def attr(t, payload):
    payload = payload[:CUT[t]] if t in CUT else payload
    a = struct.pack('=HH', 4 + len(payload), t) + payload
    return a + b'\0' * (-len(a) % 4)


def addr(fam, a):
    if not a:
        return b'\0' * 16
    return socket.inet_pton(socket.AF_INET6 if ':' in a else socket.AF_INET, a).ljust(16, b'\0')


def sockaddr(a):
    """sockaddr_storage (128 bytes) for sctp LOCALS/PEERS"""
    if ':' in a:
        sa = struct.pack('=H', socket.AF_INET6) + b'\0\0' + b'\0' * 4 + socket.inet_pton(socket.AF_INET6, a)
    else:
        sa = struct.pack('=H', socket.AF_INET) + b'\0\0' + socket.inet_pton(socket.AF_INET, a)
    return sa.ljust(128, b'\0')


def skmem(kv, t):
    if 'skmem' not in kv:
        return b''
    w = num(kv['skmemw']) if 'skmemw' in kv else 9	# words sent (7..9 in kernels)
    return attr(t, struct.pack('=%dI' % w, *(nums(kv['skmem']) + [0] * w)[:w]))


def g(kv, k, d=0):
    return num(kv[k]) if k in kv else d


SCTP_INFO = ([('tag', 'I'), ('state', 'I'), ('rwnd', 'I'), ('unackdata', 'H'), ('penddata', 'H'),
              ('instrms', 'H'), ('outstrms', 'H'), ('frag_point', 'I'), ('inqueue', 'I'),
              ('outqueue', 'I'), ('overerr', 'I'), ('maxburst', 'I'), ('maxseg', 'I'),
              ('prwnd', 'I'), ('ptag', 'I'), ('pcapable', 'B'), ('psack', 'B'), ('res1', 'H')] +
             [('c%d' % i, 'Q') for i in range(14)] + [('p_address', '128s'), ('p_state', 'i')] +
             [('p%d' % i, 'I') for i in range(10)] +
             [('p_error', 'H'), ('res2', 'H'), ('autoclose', 'I'), ('adapind', 'I'), ('pdpoint', 'I'),
              ('nodelay', 'B'), ('nofrag', 'B'), ('v4mapped', 'B'), ('fraginl', 'B'), ('stype', 'I'),
              ('res3', 'I')])


def sctp_info(v):
    """struct sctp_info (368 bytes) from name:value,... (sctp_stats_print names)"""
    given = dict((k, num(x)) for k, x in (w.split(':') for w in v.split(',') if w))
    b = b''.join(struct.pack('=' + f, b'' if f == '128s' else given.pop(n, 0)) for n, f in SCTP_INFO)
    if given or len(b) != 368:
        raise ValueError('sctpinfo: unknown %s' % ','.join(given))
    return b


def inet(kv):
    fam = {'4': 2, '6': 10}.get(kv.get('fam', '4'), None)
    fam = fam if fam is not None else num(kv['fam'])
    cookie = g(kv, 'cookie')
    body = struct.pack('=BBBB', fam, g(kv, 'state', 7), g(kv, 'timer'), g(kv, 'retrans'))
    body += struct.pack('>HH', g(kv, 'sport'), g(kv, 'dport'))
    body += addr(fam, kv.get('src')) + addr(fam, kv.get('dst'))
    body += struct.pack('=III', g(kv, 'ifindex'), cookie & 0xffffffff, cookie >> 32)
    body += struct.pack('=IIIII', g(kv, 'expires'), g(kv, 'rq'), g(kv, 'wq'), g(kv, 'uid'), g(kv, 'ino'))
    if 'meminfo' in kv:
        body += attr(1, struct.pack('=4I', *(nums(kv['meminfo']) + [0] * 4)[:4]))
    if 'info' in kv:
        body += attr(2, bytes.fromhex(kv['info']))
    if 'mptcp' in kv:  # struct mptcp_info: six u8 counts, flags, token, three u64 seqs [, bytes sent]
        m = (nums(kv['mptcp']) + [0] * 12)[:12]
        mi = struct.pack('=6BxxIIQQQ', *m[:11]) + b'\0' * 8
        body += attr(2, mi[:m[11]] if m[11] else mi)
    if 'sctpinfo' in kv:
        body += attr(2, sctp_info(kv['sctpinfo']) + bytes.fromhex(kv.get('sctpinfo_tail', '')))
    if 'cong' in kv:
        body += attr(4, esc(kv['cong']) + b'\0')
    if 'tos' in kv:
        body += attr(5, struct.pack('=B', num(kv['tos'])))
    if 'tclass' in kv:
        body += attr(6, struct.pack('=B', num(kv['tclass'])))
    body += skmem(kv, 7)
    if 'shutdown' in kv:
        body += attr(8, struct.pack('=B', num(kv['shutdown'])))
    if 'proto' in kv:
        body += attr(10, struct.pack('=B', num(kv['proto'])))
    if 'v6only' in kv:
        body += attr(11, struct.pack('=B', num(kv['v6only'])))
    if 'locals' in kv:
        body += attr(12, b''.join(sockaddr(a) for a in kv['locals'].split(',')))
    if 'peers' in kv:
        body += attr(13, b''.join(sockaddr(a) for a in kv['peers'].split(',')))
    if 'mark' in kv:
        body += attr(15, struct.pack('=I', num(kv['mark'])))
    if 'classid' in kv:
        body += attr(17, struct.pack('=I', num(kv['classid'])))
    if 'md5' in kv:
        body += attr(18, b''.join(md5sig(e) for e in kv['md5'].split(',')) + bytes.fromhex(kv.get('md5tail', '')))
    if 'ulp' in kv or 'tls' in kv or 'sf' in kv:
        body += attr(19, ulp_info(kv))
    if 'cgroup' in kv:
        body += attr(21, struct.pack('=Q', num(kv['cgroup'])))
    if 'sockopt' in kv:
        body += attr(22, sockopt(num(kv['sockopt']))[:g(kv, 'sockoptlen', 2)])
    return body


def sockopt(v):
    """struct inet_diag_sockopt, bit n of v its n-th 1-bit field: laid out
    from the low bit of each byte by a little-endian kernel, from the high
    bit by a big-endian one (cross/gendump-be.py makes '=' big-endian)"""
    b = [v & 0xff, v >> 8 & 0xff]
    if struct.pack('=H', 1) == b'\0\1':
        b = [int('{:08b}'.format(x)[::-1], 2) for x in b]
    return bytes(b)


def md5sig(e):
    """ADDR/PLEN/KEYHEX[/KEYLEN[/FAMILY]]: one struct tcp_diag_md5sig (100 bytes)"""
    f = e.split('/')
    a = socket.inet_pton(socket.AF_INET6 if ':' in f[0] else socket.AF_INET, f[0])
    key = bytes.fromhex(f[2])
    klen = int(f[3], 0) if len(f) > 3 and f[3] else len(key)
    fam = int(f[4], 0) if len(f) > 4 else (10 if ':' in f[0] else 2)
    return struct.pack('=BBH', fam, int(f[1], 0), klen) + a.ljust(16, b'\0') + key.ljust(80, b'\0')[:80]


def ulp_info(kv):
    """INET_DIAG_ULP_INFO as tcp_diag_put_ulp() nests it (no NLA_F_NESTED):
    ulp=NAME tls=VERSION,CIPHER,TXCONF,RXCONF[,zc] (empty: left out)
    sf=KEY:VALUE,... (flags trem tloc idrem idloc seq sfseq ssnoff maplen relwrite)
    nestflag=1 sets NLA_F_NESTED on the tls and mptcp nests"""
    body = b''
    nest = 0x8000 if kv.get('nestflag') == '1' else 0
    if 'ulp' in kv:
        body += attr(1, shown(esc(kv['ulp'])) + b'\0')
    if 'tls' in kv:
        t = kv['tls'].split(',')
        tls = b''
        for i, typ in enumerate((1, 2, 3, 4)):
            if i < len(t) and t[i] != '':
                tls += attr(typ, struct.pack('=H', num(t[i])))
        if 'zc' in t[4:]:
            tls += attr(5, b'')
        body += attr(2 | nest, tls)
    if 'sf' in kv:
        # type, struct format as mptcp/diag.c puts them
        kinds = {'trem': (1, '=I'), 'tloc': (2, '=I'), 'relwrite': (3, '=I'), 'seq': (4, '=Q'),
                 'sfseq': (5, '=I'), 'ssnoff': (6, '=I'), 'maplen': (7, '=H'), 'flags': (8, '=I'),
                 'idrem': (9, '=B'), 'idloc': (10, '=B')}
        sf = b''
        for item in kv['sf'].split(','):
            k, _, v = item.partition(':')
            typ, fmt = kinds[k]
            sf += attr(typ, struct.pack(fmt, num(v)))
        body += attr(3 | nest, sf)
    return body


def unix(kv):
    cookie = g(kv, 'cookie')
    body = struct.pack('=BBBBIII', 1, g(kv, 'type', 1), g(kv, 'state', 7), 0, g(kv, 'ino'),
                       cookie & 0xffffffff, cookie >> 32)
    if 'name' in kv:
        body += attr(0, shown(esc(kv['name'])))
    if 'vfs' in kv:
        body += attr(1, struct.pack('=II', *(nums(kv['vfs']) + [0, 0])[:2]))
    if 'peer' in kv:
        body += attr(2, struct.pack('=I', num(kv['peer'])))
    if 'icons' in kv:
        body += attr(3, b''.join(struct.pack('=I', i) for i in nums(kv['icons'])))
    if 'rq' in kv or 'wq' in kv:
        body += attr(4, struct.pack('=II', g(kv, 'rq'), g(kv, 'wq')))
    body += skmem(kv, 5)
    if 'shutdown' in kv:
        body += attr(6, struct.pack('=B', num(kv['shutdown'])))
    if 'uid' in kv:
        body += attr(7, struct.pack('=I', num(kv['uid'])))
    return body


def packet(kv):
    cookie = g(kv, 'cookie')
    body = struct.pack('=BBHIII', 17, g(kv, 'type', 3), g(kv, 'proto'), g(kv, 'ino'),
                       cookie & 0xffffffff, cookie >> 32)
    if 'ifindex' in kv or 'version' in kv:
        body += attr(0, struct.pack('=6I', g(kv, 'ifindex'), g(kv, 'version'), g(kv, 'reserve'),
                                    g(kv, 'copy_thresh'), g(kv, 'tstamp'), g(kv, 'pflags')))
    for t, k in ((2, 'rx_ring'), (3, 'tx_ring')):  # packet_diag_ring, 7 words
        if k in kv:
            body += attr(t, struct.pack('=7I', *(nums(kv[k]) + [0] * 7)[:7]))
    if 'fanout' in kv:
        body += attr(4, struct.pack('=I', num(kv['fanout'])))
    if 'uid' in kv:
        body += attr(5, struct.pack('=I', num(kv['uid'])))
    body += skmem(kv, 6)
    if 'filter' in kv:
        body += attr(7, bytes.fromhex(kv['filter']))
    if 'bpf' in kv:  # struct sock_filter {u16 code; u8 jt, jf; u32 k}, then raw bytes
        ins = [nums(i.replace(':', ',')) for i in kv['bpf'].split(',') if i]
        body += attr(7, b''.join(struct.pack('=HBBI', *i) for i in ins) +
                     bytes.fromhex(kv.get('bpf_tail', '')))
    return body


def netlink(kv):
    cookie = g(kv, 'cookie')
    body = struct.pack('=BBBBIIIIII', 16, g(kv, 'type', 3), g(kv, 'proto'), g(kv, 'state', 7),
                       g(kv, 'portid'), g(kv, 'dst_portid'), g(kv, 'dst_group'), g(kv, 'ino'),
                       cookie & 0xffffffff, cookie >> 32)
    body += skmem(kv, 0)
    if 'groups' in kv:
        body += attr(1, b''.join(struct.pack('=I', i) for i in nums(kv['groups'])))
    if 'flags_attr' in kv:
        body += attr(4, struct.pack('=I', num(kv['flags_attr'])))
    return body


def vsock(kv):
    cookie = g(kv, 'cookie')
    return struct.pack('=BBBBIIIIIII', 40, g(kv, 'type', 1), g(kv, 'state', 7), g(kv, 'shutdown'),
                       g(kv, 'src_cid'), g(kv, 'src_port'), g(kv, 'dst_cid'), g(kv, 'dst_port'),
                       g(kv, 'ino'), cookie & 0xffffffff, cookie >> 32)


def xdp(kv):
    cookie = g(kv, 'cookie')
    body = struct.pack('=BBHIII', 44, g(kv, 'type', 3), 0, g(kv, 'ino'), cookie & 0xffffffff, cookie >> 32)
    if 'ifindex' in kv or 'queue' in kv:
        body += attr(1, struct.pack('=II', g(kv, 'ifindex'), g(kv, 'queue')))
    if 'uid' in kv:
        body += attr(2, struct.pack('=I', num(kv['uid'])))
    if 'rx' in kv:
        body += attr(3, struct.pack('=I', num(kv['rx'])))
    if 'tx' in kv:
        body += attr(4, struct.pack('=I', num(kv['tx'])))
    if 'umem' in kv:
        u = (nums(kv['umem']) + [0] * 9)[:9]  # struct xdp_diag_umem: size first
        body += attr(5, struct.pack('=QIIIIIIII', u[1], u[0], *u[2:]))
    if 'fill' in kv:
        body += attr(6, struct.pack('=I', num(kv['fill'])))
    if 'completion' in kv:
        body += attr(7, struct.pack('=I', num(kv['completion'])))
    body += skmem(kv, 8)
    if 'stats' in kv:
        body += attr(9, struct.pack('=6Q', *(nums(kv['stats']) + [0] * 6)[:6]))
    return body


def tipc(kv):
    """every attribute tipc_sk_fill_sock_diag always puts, defaults 0"""
    u32 = lambda t, k: attr(t, struct.pack('=I', g(kv, k)))
    sock = u32(1, 'addr') + u32(2, 'ref')
    if 'con' in kv:
        c = nums(kv['con'])  # node,sock[,type,inst]: FLAG 1 NODE 2 SOCK 3 TYPE 4 INST 5
        con = attr(2, struct.pack('=I', c[0])) + attr(3, struct.pack('=I', c[1]))
        if len(c) > 3:
            con = attr(1, b'') + con + attr(4, struct.pack('=I', c[2])) + attr(5, struct.pack('=I', c[3]))
        sock += attr(3, con)
    if kv.get('publ', '0') != '0':
        sock += attr(4, b'')
    # the STAT nest has no UNSPEC: RCVQ 0, SENDQ 1, LINK_CONG 2, CONN_CONG 3, DROP 4
    st = attr(0, struct.pack('=I', g(kv, 'rcvq'))) + attr(1, struct.pack('=I', g(kv, 'sendq')))
    if 'cong' in kv:
        st += attr(2 if kv['cong'] == 'link' else 3, b'')
    st += attr(4, struct.pack('=I', g(kv, 'drop')))
    sock += attr(5, st)
    sock += u32(6, 'type') + u32(7, 'ino') + u32(8, 'uid') + u32(9, 'state')
    sock += attr(10, struct.pack('=Q', g(kv, 'cookie')))
    return attr(2, sock)  # nla_nest_start_noflag: no NLA_F_NESTED


KINDS = {'inet': inet, 'unix': unix, 'packet': packet, 'netlink': netlink,
         'vsock': vsock, 'xdp': xdp, 'tipc': tipc}


def message(words):
    kind, rest = words[0], words[1:]
    if kind in ('error', 'done'):
        body = struct.pack('=i', -abs(num(rest[0])) if rest else 0)
        if kind == 'error':
            body += struct.pack('=IHHII', 72, 20, 0x301, 123456, 0)
        return struct.pack('=IHHII', 16 + len(body), 2 if kind == 'error' else 3, 0, 123456, 0) + body
    if kind == 'raw':
        return bytes.fromhex(''.join(rest))
    kv, attrs = {}, b''
    CUT.clear()
    for w in rest:
        if w.startswith('cut='):
            CUT.update((int(t, 0), int(n, 0)) for t, n in (c.split(':') for c in w[4:].split(',')))
    for w in rest:
        k, _, v = w.partition('=')
        if k == 'cut':
            continue
        if k == 'attr':
            t, _, h = v.partition(':')
            attrs += attr(int(t, 0), bytes.fromhex(h))
        else:
            kv[k] = v
    if kind not in KINDS:
        raise ValueError('unknown message kind %r' % kind)
    flags = 0 if 'assoc' in kv else 2
    mtype = 20
    if kind == 'inet' and 'type' in kv:
        mtype = int(kv.pop('type'), 0)
    flags = int(kv.pop('flags'), 0) if 'flags' in kv else flags
    body = KINDS[kind](kv) + attrs + bytes.fromhex(kv.get('tail', ''))
    ln = int(kv['len'], 0) if 'len' in kv else 16 + len(body)
    m = struct.pack('=IHHII', ln, mtype, flags, 123456, 0) + body
    return m + b'\0' * (-len(m) % 4)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    spec, out = sys.argv[1], sys.argv[2]
    files, cur = {}, None
    with open(spec, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if line.startswith('[') and line.endswith(']'):
                cur = line[1:-1]
                files.setdefault(cur, b'')
                continue
            if cur is None:
                sys.exit('%s:%d: message before the first [table]' % (spec, n))
            try:
                files[cur] += message(shlex.split(line))
            except (ValueError, IndexError, KeyError, OSError, struct.error) as e:
                sys.exit('%s:%d: %s' % (spec, n, e))
    for name, data in files.items():
        with open('%s/%s.dump' % (out, name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
