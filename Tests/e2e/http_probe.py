#!/usr/bin/env python3
"""Raw-socket HTTP probes for hardening.sh (issue 13). Each subcommand prints what it saw and exits 0 when the server
behaved as required, 1 otherwise.

  http_probe.py auth PORT USER PASSWORD_HEX EXPECTED_STATUS     basic auth with exact password bytes
  http_probe.py chunked PORT PATH MEGABYTES                      a chunked body of that size: expect 413
  http_probe.py badchunk PORT PATH                               broken chunk framing: expect 400
  http_probe.py method PORT METHOD PATH                          expect 405 with Allow
  http_probe.py slowheader PORT SECONDS                          a request head never finished: closed within SECONDS
  http_probe.py slowbody PORT SECONDS                            a body that stops arriving: closed within SECONDS
  http_probe.py holdmany PORT N SECONDS                          N connections trickling header bytes for SECONDS
"""
import base64, socket, sys, time


def connect(port, timeout=30):
    s = socket.create_connection(("127.0.0.1", int(port)), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_response(s):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    lines = head.split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0].startswith("HTTP/") else 0
    headers = {}
    for l in lines[1:]:
        if ":" in l:
            k, v = l.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return status, headers


def closed_within(s, seconds):
    """True when the server closes the connection within `seconds`."""
    s.settimeout(seconds)
    start = time.time()
    try:
        while True:
            if not s.recv(4096):
                return True, time.time() - start
    except socket.timeout:
        return False, time.time() - start
    except (ConnectionResetError, BrokenPipeError):
        return True, time.time() - start


def main():
    cmd, port = sys.argv[1], sys.argv[2]
    if cmd == "auth":
        user, pw, want = sys.argv[3].encode(), bytes.fromhex(sys.argv[4]), int(sys.argv[5])
        s = connect(port)
        token = base64.b64encode(user + b":" + pw).decode()
        s.sendall(f"GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {token}\r\nConnection: close\r\n\r\n".encode())
        status, _ = read_response(s)
        print(f"auth {user!r}:{pw!r} -> {status}")
        return status == want
    if cmd == "chunked":
        path, mb = sys.argv[3], int(sys.argv[4])
        s = connect(port)
        s.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
        piece = b"x" * 65536
        frame = b"%x\r\n" % len(piece) + piece + b"\r\n"
        sent = 0
        try:
            for _ in range(mb * 16):
                s.sendall(frame)
                sent += len(piece)
            s.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        status, _ = read_response(s)
        print(f"chunked body, {sent} bytes sent before the server stopped reading -> {status}")
        return status == 413
    if cmd == "badchunk":
        s = connect(port)
        s.sendall(f"POST {sys.argv[3]} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ-not-hex\r\nabc\r\n0\r\n\r\n".encode())
        status, _ = read_response(s)
        print(f"broken chunk framing -> {status}")
        return status == 400
    if cmd == "method":
        method, path = sys.argv[3], sys.argv[4]
        s = connect(port)
        s.sendall(f"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        status, headers = read_response(s)
        print(f"{method} {path} -> {status}, Allow: {headers.get('allow')}")
        return status == 405 and bool(headers.get("allow"))
    if cmd == "slowheader":
        limit = float(sys.argv[3])
        s = connect(port)
        s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
        # Trickle a header byte every second: a slow-loris client.
        start = time.time()
        s.settimeout(1)
        while time.time() - start < limit:
            try:
                s.sendall(b"X")
                if s.recv(4096) == b"":
                    break
            except socket.timeout:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
        else:
            print(f"slow header: still open after {limit}s")
            return False
        print(f"slow header: closed after {time.time() - start:.1f}s")
        return True
    if cmd == "slowbody":
        limit = float(sys.argv[3])
        s = connect(port)
        s.sendall(b"POST /-/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab")
        ok, took = closed_within(s, limit)
        print(f"slow body: {'closed' if ok else 'still open'} after {took:.1f}s")
        return ok
    if cmd == "holdmany":
        n, secs = int(sys.argv[3]), float(sys.argv[4])
        socks = []
        for _ in range(n):
            try:
                s = connect(port, timeout=5)
                s.sendall(b"GET /metrics HTTP/1.1\r\n")
                socks.append(s)
            except OSError:
                break
        time.sleep(secs)
        alive = 0
        for s in socks:
            s.settimeout(0.2)
            try:
                s.sendall(b"X")
                if s.recv(1) == b"":
                    continue
                alive += 1
            except socket.timeout:
                alive += 1
            except OSError:
                pass
        print(f"{len(socks)} slow connections opened; {alive} still open after {secs}s")
        return alive == 0
    sys.exit("unknown subcommand " + cmd)


sys.exit(0 if main() else 1)
