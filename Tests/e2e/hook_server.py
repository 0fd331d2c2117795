#!/usr/bin/env python3
"""A webhook receiver for the end-to-end tests: records every POST as one JSON line.

usage: hook_server.py PORT OUTFILE [--refuse-seconds S]
With --refuse-seconds it answers 503 for the first S seconds after start (a receiver that is down), then 200.
Each line: {"t": time, "status": answered, "path": ..., "id": X-Youxiang-Notification-Id, "body": parsed JSON}.
"""
import http.server, json, sys, time

port, out = int(sys.argv[1]), sys.argv[2]
refuse = float(sys.argv[sys.argv.index("--refuse-seconds") + 1]) if "--refuse-seconds" in sys.argv else 0.0
start = time.time()

class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status = 503 if time.time() - start < refuse else 200
        try:
            body = json.loads(raw)
        except ValueError:
            body = raw.decode("utf-8", "replace")
        with open(out, "a", encoding="utf-8") as f:
            f.write(json.dumps({"t": time.time(), "status": status, "path": self.path,
                                "id": self.headers.get("X-Youxiang-Notification-Id"), "body": body}, ensure_ascii=False) + "\n")
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args):
        pass

http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
