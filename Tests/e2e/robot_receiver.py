#!/usr/bin/env python3
"""A local DingTalk and WeCom group robot for the end-to-end tests: checks each request as the real services do and
records it as one JSON line.

usage: robot_receiver.py PORT OUTFILE --ding-token T --ding-secret S --wecom-key K [--fail-first N] [--hang]

POST /dingtalk?access_token=…&timestamp=…&sign=…  valid when the token is T and sign is
    base64(HMAC-SHA256(key=S, msg=f"{timestamp}\\n{S}")) (DingTalk's 加签), with a timestamp within an hour of now;
    answers {"errcode":0,"errmsg":"ok"}, else errcode 310000 "sign not match" (or 300001 for a wrong token).
POST /wecom?key=…  valid when the key is K; answers {"errcode":0,...}, else errcode 93000 "invalid webhook url".
Both need a JSON body with msgtype "markdown" or "text" and its content.
--fail-first N: answer HTTP 503 to the first N requests (a robot that is down).  --hang: never answer.
Each line: {"t", "path", "valid", "why", "status", "msgtype", "content"}.
"""
import base64, hashlib, hmac, http.server, json, sys, threading, time, urllib.parse

args = sys.argv[1:]
port, out = int(args[0]), args[1]
opt = lambda name, default=None: args[args.index(name) + 1] if name in args else default
token, secret, key = opt("--ding-token"), opt("--ding-secret"), opt("--wecom-key")
fail_first = int(opt("--fail-first", "0"))
hang = "--hang" in args
lock = threading.Lock()
seen = 0


def check(path, query, body):
    """(valid, why, errcode) for one request."""
    q = urllib.parse.parse_qs(query, keep_blank_values=True)
    one = lambda k: q.get(k, [""])[0]
    if path == "/dingtalk":
        if one("access_token") != token:
            return False, "wrong access_token", 300001
        ts = one("timestamp")
        if not ts.isdigit() or abs(int(ts) - time.time() * 1000) > 3600_000:
            return False, "timestamp missing or off by more than an hour: %r" % ts, 310000
        want = base64.b64encode(hmac.new(secret.encode(), ("%s\n%s" % (ts, secret)).encode(), hashlib.sha256).digest()).decode()
        if one("sign") != want:
            return False, "sign %r, want %r" % (one("sign"), want), 310000
    elif path == "/wecom":
        if one("key") != key:
            return False, "wrong key", 93000
    else:
        return False, "unknown path", 404
    if not isinstance(body, dict) or body.get("msgtype") not in ("markdown", "text"):
        return False, "no msgtype markdown/text", 40008
    msg = body.get(body["msgtype"]) or {}
    if not (msg.get("text") or msg.get("content")):
        return False, "empty message", 40008
    return True, "", 0


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global seen
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if hang:
            time.sleep(3600)
            return
        url = urllib.parse.urlsplit(self.path)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        valid, why, code = check(url.path, url.query, body)
        with lock:
            seen += 1
            down = seen <= fail_first
        status = 503 if down else (404 if code == 404 else 200)
        msg = body.get(body.get("msgtype", ""), {}) if isinstance(body, dict) else {}
        content = msg.get("text") or msg.get("content") or ""
        with lock, open(out, "a", encoding="utf-8") as f:
            f.write(json.dumps({"t": time.time(), "path": url.path, "valid": valid, "why": why, "status": status,
                                "msgtype": (body or {}).get("msgtype") if isinstance(body, dict) else None,
                                "content": content}, ensure_ascii=False) + "\n")
        answer = b"down" if down else json.dumps({"errcode": code, "errmsg": "ok" if valid else why}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *a):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
