#!/usr/bin/env bash
# `http` sources (issue 10 item 4) with the real daemon and a real HTTP server (Tests/e2e/api_server.py, Python's
# http.server on a free loopback port): the digital-infrastructure example with both sources read from the API gives
# the same `eduplan_*` series in `once` output as the CSV files; `serve` publishes them; when the API goes down, the AI
# labs become incomplete (eduplan_indicator_data_complete 0; the last complete value stays while stale, never a 0),
# the other source's series and /metrics stay,
# and the bearer token appears in no log, status page or metric. A URL without http(s) makes `check config` exit 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

mktemp_dir W
wait_binary

TOKEN="tok-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$TOKEN" >"$W/api.token"
# Two servers: the campuses' API stays up; the AI labs' goes down later.
api_port=$(freeport)
start_bg api_pid "$W/api.log" "$PYTHON" Tests/e2e/api_server.py "$api_port" plugins/digital_infrastructure/data "$W/api.token"
labs_port=$(freeport)
start_bg labs_pid "$W/labs.log" "$PYTHON" Tests/e2e/api_server.py "$labs_port" plugins/digital_infrastructure/data "$W/api.token"
API="http://127.0.0.1:$api_port"; LABS="http://127.0.0.1:$labs_port"
deadline=$(($(date +%s) + 20))
until curl -s -o /dev/null "$API/campus?year=2022" && curl -s -o /dev/null "$LABS/labs"; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the API servers did not start: $(cat "$W/api.log" "$W/labs.log")"
  sleep 0.1
done

"$PYTHON" - "$W/api.yml" "$API" "$LABS" "$W/api.token" <<'PY'
import os, sys
out, api, labs, token_file = sys.argv[1:]
text = open("plugins/digital_infrastructure/example.yml", encoding="utf-8").read()
text = text.replace("../plan/", os.getcwd() + "/plugins/plan/").replace("interval: 5m", "interval: 1s")
campus_files = "".join(f"        - {{path: data/campus_network_{y}.csv, year: {y}}}\n" for y in range(2022, 2026))
assert campus_files in text and "        - {path: data/ai_labs.csv}\n" in text
text = text.replace("      files:\n" + campus_files,
                    f"      http: {{url: '{api}/campus?year={{year}}', years: [2022, 2023, 2024, 2025], records_key: data.list, timeout: 5s}}\n")
text = text.replace("      files:\n        - {path: data/ai_labs.csv}\n",
                    f"      http: {{url: '{labs}/labs', auth: {{bearer: {{token_file: {token_file}}}}}, timeout: 5s}}\n")
open(out, "w", encoding="utf-8").write(text)
PY
expect "check config accepts the http sources" yx check config "$W/api.yml"

eduplan() { grep '^eduplan_' "$1" | grep -v '^eduplan_indicator_\|_target\|_baseline' | sort; }
yx once --config.file plugins/digital_infrastructure/example.yml >"$W/csv.prom" 2>"$W/csv.err" || fail "once on the CSV example failed: $(cat "$W/csv.err")"
yx once --config.file "$W/api.yml" >"$W/api.prom" 2>"$W/api.err" || fail "once on the API config failed: $(cat "$W/api.err")"
eduplan "$W/csv.prom" >"$W/csv.series"; eduplan "$W/api.prom" >"$W/api.series"
expect "once from the API prints eduplan_* series" test -s "$W/api.series"
expect "once from the API prints exactly the CSV files' eduplan_* series" diff "$W/csv.series" "$W/api.series"

start_youxiangd "$W/api.yml" "$W/yx.log" --storage.path "$W/storage"
metrics() { curl -sf --max-time 10 "$YX_URL/metrics"; }
# The body is fetched whole first: `curl | grep -q` under pipefail fails (curl exit 23) when grep stops reading early.
complete() { local body; body=$(metrics) || return 2; grep -q "^eduplan_indicator_data_complete{.*indicator=\"ai_innovation_labs\".*year=\"$1\".*} $2\$" <<<"$body"; }
expect "serve publishes the AI labs from the API" bash -c "curl -sf '$YX_URL/metrics' | grep -q '^eduplan_ai_innovation_labs{'"
expect "the AI labs are complete for 2024 while the API answers" complete 2024 1

stop_pid "$labs_pid" || true
deadline=$(($(date +%s) + 20)); seen=0
while [ "$(date +%s)" -lt "$deadline" ]; do complete 2024 0 && { seen=1; break; }; sleep 0.3; done
expect "with the API down, the AI labs become incomplete (data_complete 0)" test "$seen" = 1
body=$(metrics || true)
expect "/metrics still answers, with the campus series (their API is up)" grep -q '^eduplan_school_5g_coverage_ratio{' <<<"$body"
labs2024=$(grep -F 'eduplan_ai_innovation_labs{district="330206",year="2024"}' "$W/api.prom" | awk '{print $2}')
expect "the AI labs for 2024 stay at their last complete value ($labs2024), never 0, while the source fails" \
  grep -qx "eduplan_ai_innovation_labs{district=\"330206\",year=\"2024\"} $labs2024" <<<"$body"
expect "and are marked stale (youxiang_collector_stale 1)" grep -q '^youxiang_collector_stale{.*collector="digital_infrastructure".*} 1$' <<<"$body"
status=$(curl -sf --max-time 10 "$YX_URL/status" || true)
expect "the status page names the failing URL" grep -q "$LABS/labs" <<<"$status"
expect "the status page says the connection was refused" grep -q "connection refused" <<<"$status"
printf '%s\n%s\n' "$status" "$body" >"$W/pages.txt"
rc=0; grep -qF "$TOKEN" "$W/yx.log" "$W/api.prom" "$W/api.err" "$W/pages.txt" || rc=$?
expect "the bearer token appears in no log, status page or exposition" test "$rc" = 1
stop_pid "$YX_PID" || true
stop_pid "$api_pid" || true

sed -i "s#url: '$LABS/labs'#url: '127.0.0.1:$labs_port/labs'#" "$W/api.yml"
rc=0; out=$(yx check config "$W/api.yml" 2>&1) || rc=$?
expect "check config exits 1 on a URL without http:// or https://" test "$rc" = 1
expect "the message names file:line:column, the key and the fix" grep -qE "api\.yml:[0-9]+:[0-9]+: error: collectors\[0\]\.ai_labs\.http\.url: expected an http:// or https:// URL" <<<"$out"
finish
