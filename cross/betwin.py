#!/usr/bin/env python3
"""cross/betwin.py SRC DST: the big-endian twin of a fixture directory.

Copies SRC (tests/fixtures) to DST, rewriting every input the way a
big-endian kernel would have written the same sockets:

* netlink dumps (dumps/*.dump, the `ss -D` / TCPDIAG_FILE format): every
  host-order field byte-swapped (nlmsghdr, inet_diag_msg's ifindex, cookie,
  expires, queues, uid and inode, rtattr headers and the attribute payloads
  we know, NLMSG_ERROR and NLMSG_DONE codes); network-order fields (ports,
  addresses) stay as they are.  A message cut short keeps its length: only
  the whole fields inside it are swapped, so a truncated dump is truncated
  at the same byte.
* /proc/net inet text (proc/**, a header naming local_address): the kernel
  prints an address as its host-order u32 words with %08X, so each 8-digit
  word of the local and remote address fields has its byte pairs reversed;
  every other field is a number printed by value and stays as it is.  Lines
  keep their length.
  Other /proc/net text (unix, packet, netlink) prints values only.

Everything else (expected/, range/, cases.txt) is copied unchanged: the
expected output of the twin is the expected output of the original.
"""
import os
import shutil
import struct
import sys

NLMSG_ERROR, NLMSG_DONE = 2, 3
DIAG_TYPES = {18, 19, 20}           # TCPDIAG_GETSOCK, DCCPDIAG_GETSOCK, SOCK_DIAG_BY_FAMILY

# inet_diag_msg: (offset, size) of its host-order fields
INET_MSG_FIELDS = [(40, 4), (44, 4), (48, 4), (52, 4), (56, 4), (60, 4), (64, 4), (68, 4)]
INET_MSG_LEN = 72

# tcp_info: u64 fields by offset; the rest from offset 8 on are u32
TCP_INFO_U64 = {104, 112, 120, 128, 160, 168, 176, 184, 200, 208}


def swap(buf, off, size, end):
    """Reverses buf[off:off+size] in place when the whole field is before end."""
    if off + size <= end:
        buf[off:off + size] = buf[off:off + size][::-1]


def swap_words(buf, off, end, size=4):
    while off + size <= end:
        swap(buf, off, size, end)
        off += size


def swap_tcp_info(buf, off, end):
    # byte 6: tcpi_snd_wscale:4, tcpi_rcv_wscale:4 -- bitfields fill from
    # the other end on a big-endian ABI, so the nibbles trade places
    if off + 6 < end:
        b = buf[off + 6]
        buf[off + 6] = (b >> 4) | ((b & 15) << 4)
    if off + 7 < end:
        b = buf[off + 7]
        buf[off + 7] = int('{:08b}'.format(b)[::-1], 2)
    p = off + 8
    while p < end:
        size = 8 if p - off in TCP_INFO_U64 else 4
        if p + size > end:
            break
        swap(buf, p, size, end)
        p += size


def swap_attr_payload(buf, atype, off, end):
    if atype in (1, 3, 7, 15, 17):          # MEMINFO VEGASINFO SKMEMINFO MARK CLASS_ID
        swap_words(buf, off, end)
    elif atype == 2:                        # INFO: tcp_info
        swap_tcp_info(buf, off, end)
    elif atype == 9:                        # DCTCPINFO: u16 u16 u32 u32 u32
        swap(buf, off, 2, end)
        swap(buf, off + 2, 2, end)
        swap_words(buf, off + 4, end)
    elif atype == 16:                       # BBRINFO: u32 words
        swap_words(buf, off, end)
    elif atype == 21:                       # CGROUP_ID: u64
        swap(buf, off, 8, end)
    elif atype == 22:                       # SOCKOPT: u16 of bitfields
        swap(buf, off, 2, end)
    # u8 payloads (TOS TCLASS SHUTDOWN PROTOCOL SKV6ONLY), strings (CONG),
    # and attributes we do not know are byte strings: left as they are


def swap_attrs(buf, p, end):
    while p + 4 <= end:
        alen = struct.unpack_from('<H', buf, p)[0]
        atype = struct.unpack_from('<H', buf, p + 2)[0] & 0x3fff
        swap(buf, p, 2, end)
        swap(buf, p + 2, 2, end)
        if alen < 4:
            break
        swap_attr_payload(buf, atype, p + 4, min(p + alen, end))
        p += (alen + 3) & ~3


def swap_nlhdr(buf, p, end):
    swap(buf, p, 4, end)
    swap(buf, p + 4, 2, end)
    swap(buf, p + 6, 2, end)
    swap(buf, p + 8, 4, end)
    swap(buf, p + 12, 4, end)


def twin_dump(data):
    buf = bytearray(data)
    p, n = 0, len(buf)
    while p < n:
        if p + 4 <= n:
            mlen = struct.unpack_from('<I', buf, p)[0]
        else:
            mlen = n - p
        mtype = struct.unpack_from('<H', buf, p + 4)[0] if p + 6 <= n else -1
        end = min(p + max(mlen, 0), n) if mlen >= 16 else n
        swap_nlhdr(buf, p, n if mlen < 16 else end)
        body = p + 16
        if mtype in DIAG_TYPES:
            for off, size in INET_MSG_FIELDS:
                swap(buf, body + off, size, end)
            swap_attrs(buf, body + INET_MSG_LEN, end)
        elif mtype == NLMSG_ERROR:
            swap(buf, body, 4, end)
            swap_nlhdr(buf, body + 4, end)
        elif mtype == NLMSG_DONE:
            swap(buf, body, 4, end)
        if mlen < 16:
            break                           # the reader stops here too
        p += (mlen + 3) & ~3
    return bytes(buf)


def is_hex(s):
    return len(s) > 0 and all(c in '0123456789abcdefABCDEF' for c in s)


def twin_word(w):
    return ''.join(w[i:i + 2] for i in (6, 4, 2, 0))


def twin_proc_line(line):
    """Reverses the byte pairs of each 8-digit word of tokens 1 and 3
    (split on blanks and colons, as the kernel's layout and our parser)."""
    out = list(line)
    i, tok, n = 0, 0, len(line)
    while i < n:
        while i < n and line[i] in ' :':
            i += 1
        if i >= n:
            break
        j = i
        while j < n and line[j] not in ' :\n':
            j += 1
        if j == i:                          # a newline
            i += 1
            continue
        t = line[i:j]
        if tok in (1, 3) and len(t) in (8, 32) and is_hex(t):
            out[i:j] = ''.join(twin_word(t[k:k + 8]) for k in range(0, len(t), 8))
        tok += 1
        i = j
    return ''.join(out)


def twin_proc(data):
    text = data.decode('latin-1')
    # Only the inet tables (tcp, udp, raw, ...: the header names
    # local_address) print host-order words; unix, packet and netlink text
    # prints values, the same on either byte order.
    if 'local_address' not in text.split('\n', 1)[0]:
        return data
    lines = text.split('\n')
    return '\n'.join(twin_proc_line(l) for l in lines).encode('latin-1')


def main():
    src, dst = sys.argv[1], sys.argv[2]
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst, symlinks=True)
    n = 0
    for root, _, files in os.walk(dst):
        rel = os.path.relpath(root, dst).split(os.sep)
        for f in files:
            path = os.path.join(root, f)
            if os.path.islink(path):
                continue
            if rel[0] == 'dumps' and f.endswith('.dump'):
                conv = twin_dump
            elif rel[0] == 'proc' and 'sys' not in rel:
                conv = twin_proc
            else:
                continue
            with open(path, 'rb') as fh:
                data = fh.read()
            new = conv(data)
            if len(new) != len(data):
                sys.exit('betwin: %s changed length' % path)
            with open(path, 'wb') as fh:
                fh.write(new)
            n += 1
    print('betwin: %d inputs rewritten big-endian in %s' % (n, dst))


if __name__ == '__main__':
    main()
