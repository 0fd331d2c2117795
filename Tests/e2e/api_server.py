#!/usr/bin/env python3
"""A stand-in for the district's 大数据中心 JSON API, for Tests/e2e/http_source.sh.

Serves the digital-infrastructure sample CSVs as JSON on 127.0.0.1:PORT:
  GET /campus?year=YYYY  -> {"code": 0, "data": {"list": [...]}} (the campus_network_YYYY.csv rows)
  GET /labs              -> [...] (ai_labs.csv), only with "Authorization: Bearer <token in TOKEN_FILE>", else 401
Usage: api_server.py PORT DATA_DIR TOKEN_FILE
"""
import csv
import http.server
import json
import sys
import urllib.parse

port, data_dir, token_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
token = open(token_file, encoding="utf-8").read().strip()


def rows(name):
    with open(f"{data_dir}/{name}", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Handler(http.server.BaseHTTPRequestHandler):
    def send_json(self, status, value):
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/campus" and query.get("year", [""])[0] in ("2022", "2023", "2024", "2025"):
            self.send_json(200, {"code": 0, "data": {"list": rows(f"campus_network_{query['year'][0]}.csv")}})
        elif url.path == "/labs":
            if self.headers.get("Authorization") != f"Bearer {token}":
                self.send_json(401, {"error": "invalid token"})
            else:
                self.send_json(200, rows("ai_labs.csv"))
        else:
            self.send_json(404, {"error": "not found"})

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
