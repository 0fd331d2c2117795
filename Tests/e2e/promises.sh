#!/usr/bin/env bash
# README promises not covered elsewhere (Tests/README.md maps each promise to its test):
#  - `youxiangd modules` lists the modules; `youxiangd once` exits 1 when a collector fails;
#  - a user threshold rule goes pending → firing (after `for`) → resolved (after `keep_firing_for`), end to end, and
#    is delivered to a local DingTalk robot that checks the 加签 signature and a WeCom robot that checks the key;
#  - EduplanIndicatorDataMissing and YouxiangCollectorFailing fire;
#  - a changed data file re-runs only its collectors; a changed targets file reloads without re-running any, moves
#    youxiang_config_last_reload_success_timestamp_seconds, and never re-binds the listening socket;
#  - the self-metrics README lists, ALERTS and ALERTS_FOR_STATE are on /metrics by name;
#  - secrets from files and from the environment never appear in the log;
#  - --log.level, --log.format, --web.telemetry-path, --web.disable-exporter-metrics, --config.watch-interval 0s;
#  - TLS client authentication and the minimum TLS version;
#  - SIGTERM drains the outbox for at most 5 s;
#  - scripts/run itself builds (a no-op after scripts/test's build), starts and serves.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

mktemp_dir W
require_binary

metric_value() {  # URL PATH NAME [LABEL_FRAGMENT]: the first sample's value (body fetched whole: no SIGPIPE)
  local body; body=$(curl -sf --max-time 10 "$1$2") || return 2
  awk -v m="$3" -v f="${4:-}" '($1 == m || index($1, m "{") == 1) && index($1, f) { print $2; exit }' <<<"$body"
}
# listen_inode PORT: the inode of the socket listening on 127.0.0.1:PORT (from /proc/net/tcp).
listen_inode() { awk -v p="$(printf '0100007F:%04X' "$1")" '$2 == p && $4 == "0A" { print $10; exit }' /proc/net/tcp; }
alert_states() { curl -sf --max-time 10 "$1/api/v1/alerts" | "$PYTHON" -c '
import json, sys
for a in json.load(sys.stdin)["data"]["alerts"]:
    l = a["labels"]
    print("%s/%s/%s %s" % (l["alertname"], l.get("indicator") or l.get("collector", ""), l.get("year", ""), a["state"]))' | sort; }

# --- data: two small tables, a missing one, a copy of the targets file ------------------------------------------
printf '年份,值\n2025,20\n' >"$W/value.csv"                       # eduplan_test_value 20 > threshold 10
printf '项目名称,年份\n甲,2022\n乙,2022\n' >"$W/projects.csv"        # row 11 for 2022 only: 2023–2025 are missing
cp plugins/plan/targets.yml "$W/targets.yml"
TOKEN="tok-$RANDOM$RANDOM-ding"; SECRET="SEC$RANDOM$RANDOM$RANDOM"; KEY="key-$RANDOM$RANDOM-wecom"
export YX_TEST_WECOM_KEY=$KEY                                      # the WeCom key comes from the environment
printf '%s\n' "$TOKEN" >"$W/ding.token"; printf '%s\n' "$SECRET" >"$W/ding.secret"

# config OUT RECEIVER_PORT EXTRA_COLLECTORS: the test configuration (collectors value, projects; extra ones appended)
config() {
  cat >"$1" <<EOF
global: {interval: 1h, timeout: 10s, external_labels: {district: "330206"}}
plan: {targets_file: $W/targets.yml}
alerting:
  evaluation_interval: 1s
  targets: {enabled: false}
  trajectory: {enabled: false}
  data: {collector_failing_runs: 2, missing_data: true, missing_for: 0s}
  rules:
    - alert: TestValueHigh
      metric: eduplan_test_value
      op: gt
      threshold: 10
      for: 3s
      keep_firing_for: 4s
      labels: {severity: warning}
      annotations: {summary: "测试值{{ \$value }}超过10（{{ \$labels.year }}年）"}
receivers:
  - name: ding
    dingtalk: {url: "http://127.0.0.1:$2/dingtalk", access_token_file: $W/ding.token, secret_file: $W/ding.secret}
  - name: wecom
    wecom: {url: "http://127.0.0.1:$2/wecom", key_env: YX_TEST_WECOM_KEY}
route:
  receiver: ding
  group_by: [alertname, indicator, year, collector]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
  routes:
    - {matchers: ['alertname="TestValueHigh"'], receiver: wecom, continue: true}
    - {matchers: ['alertname="TestValueHigh"'], receiver: ding}
collectors:
  - name: value
    module: table
    source: {columns: {year: 年份, v: 值}, files: [{path: $W/value.csv}]}
    metrics: [{name: eduplan_test_value, help: a test value, aggregate: sum, value: v}]
  - name: projects
    module: table
    source: {columns: {year: 年份}, files: [{path: $W/projects.csv}]}
    metrics: [{name: eduplan_industry_education_projects, help: 产教融合项目数, aggregate: count}]
$3
EOF
}
BROKEN='  - name: broken
    module: table
    interval: 1s
    source: {columns: {year: 年份}, files: [{path: '"$W"'/does-not-exist.csv}]}
    metrics: [{name: eduplan_broken_rows, help: rows of a missing file, aggregate: count}]'

# --- 1. youxiangd modules ------------------------------------------------------------------------------------
rc=0; yx modules >"$W/modules.txt" 2>&1 || rc=$?
expect "youxiangd modules: exit 0" test "$rc" = 0
for d in plugins/*/; do
  m=$(basename "$d"); [ -f "$d/example.yml" ] && [ "$m" != plan ] || continue
  expect "youxiangd modules lists $m" grep -qw -- "$m" "$W/modules.txt"
done

# --- 2. youxiangd once exits 1 when a collector fails (0 when none does) ----------------------------------------
config "$W/once-ok.yml" 1 ""
config "$W/once-bad.yml" 1 "$BROKEN"
rc=0; yx once --config.file "$W/once-ok.yml" >"$W/once-ok.prom" 2>"$W/once-ok.err" || rc=$?
expect "once without a failing collector: exit 0 (got $rc)" test "$rc" = 0
rc=0; yx once --config.file "$W/once-bad.yml" >"$W/once-bad.prom" 2>"$W/once-bad.err" || rc=$?
expect "once with a failing collector: exit 1 (got $rc)" test "$rc" = 1
expect "… and still prints the other collectors' series" grep -q '^eduplan_test_value{' "$W/once-bad.prom"

# --- 3. the daemon with robots, rules and file changes ------------------------------------------------------------
RP=$(freeport)
start_bg ROBOT_PID "$W/robot.log" "$PYTHON" Tests/e2e/robot_receiver.py "$RP" "$W/robot.jsonl" \
  --ding-token "$TOKEN" --ding-secret "$SECRET" --wecom-key "$KEY" --fail-first 1
config "$W/a.yml" "$RP" "$BROKEN"
AP=$(freeport)
start_bg A_PID "$W/a.log" "$YOUXIANGD" --config.file "$W/a.yml" --web.listen-address "127.0.0.1:$AP" \
  --storage.path "$W/a-storage" --config.watch-interval 250ms --log.level debug
A_URL="http://127.0.0.1:$AP"
wait_http "$A_URL/-/ready" 60 "$A_PID" || { cat "$W/a.log" >&2; fail "youxiangd A never became ready"; }
inode0=$(listen_inode "$AP")
[ -n "$inode0" ] || fail "no listening socket found for port $AP in /proc/net/tcp"

# 3a. pending → firing → resolved; the value drops when value.csv is rewritten (which also tests 3b's watcher).
runs() { metric_value "$A_URL" /metrics youxiang_collector_runs_total "collector=\"$1\""; }
value_runs0=$(runs value); projects_runs0=$(runs projects)
expect "TestValueHigh: pending → firing after for: 3s → resolved after keep_firing_for: 4s" \
  "$PYTHON" Tests/e2e/alert_timeline.py "$A_URL" TestValueHigh eduplan_test_value "$W/value.csv" $'年份,值\n2025,5\n' 3 4 "$W/timeline.json"

# 3b. the changed data file re-ran its collector only
value_runs1=$(runs value); projects_runs1=$(runs projects)
expect "a changed data file re-ran its collector (value: runs $value_runs0 → $value_runs1)" \
  "$PYTHON" -c "import sys; sys.exit(0 if float('$value_runs1') == float('$value_runs0') + 1 else 1)"
expect "… and no other (projects: runs $projects_runs0 → $projects_runs1)" test "$projects_runs1" = "$projects_runs0"

# 3c. the built-in data and collector alerts
wait_alerts() {  # WANT: until every line of WANT is among the alert states
  local deadline=$(($(date +%s) + 20))
  until [ -z "$(comm -23 <(printf '%s\n' "$1" | sort) <(alert_states "$A_URL"))" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1; sleep 0.3
  done
}
expect "EduplanIndicatorDataMissing fires for row 11 in 2023, 2024 and 2025 (no value after the year closed)" wait_alerts \
  "EduplanIndicatorDataMissing/industry_education_projects/2023 firing
EduplanIndicatorDataMissing/industry_education_projects/2024 firing
EduplanIndicatorDataMissing/industry_education_projects/2025 firing"
expect "… but not for 2022, which has a value" bash -c '! grep -q "EduplanIndicatorDataMissing/industry_education_projects/2022" <<<"$1"' _ "$(alert_states "$A_URL")"
expect "YouxiangCollectorFailing fires for the collector whose file is missing" wait_alerts "YouxiangCollectorFailing/broken/ firing"
expect "… and not for the healthy ones" bash -c '! grep -qE "YouxiangCollectorFailing/(value|projects)/" <<<"$1"' _ "$(alert_states "$A_URL")"

# 3d. self-metrics by name: every name README's "Self-metrics" section lists, plus ALERTS and ALERTS_FOR_STATE
curl -sf --max-time 10 "$A_URL/metrics" >"$W/a.prom" || fail "GET $A_URL/metrics failed"
names=$("$PYTHON" - <<'PY'
import re
text = open("README.md", encoding="utf-8").read()
section = text.split("### Self-metrics", 1)[1].split("\n## ", 1)[0]
for n in re.findall(r"`((?:youxiang|process)_[a-z_*{},]*)`", section):
    m = re.match(r"(.*)\{(.*)\}(.*)", n)
    for x in ([m.group(1) + p + m.group(3) for p in m.group(2).split(",")] if m else [n]):
        print(x)
PY
)
[ "$(wc -l <<<"$names")" -ge 15 ] || fail "could not read README's self-metrics list (got: $names)"
for n in $names ALERTS ALERTS_FOR_STATE; do
  case $n in
    *'*') expect "/metrics has $n" grep -q "^${n%\*}" "$W/a.prom" ;;
    *) expect "/metrics has $n" grep -qE "^$n(\{| )" "$W/a.prom" ;;
  esac
done

# 3e. a changed targets file: reloaded (timestamp moves), no collector re-run, the socket not re-bound
t0=$(metric_value "$A_URL" /metrics youxiang_config_last_reload_success_timestamp_seconds)
value_runs1=$(runs value); projects_runs1=$(runs projects)
# row 11's target family (its name is the plan module's business: found by prefix in the exposition)
TF=$(grep -oE '^eduplan_industry_education[a-z_]*target[a-z_]*' "$W/a.prom" | head -1) || true
[ -n "$TF" ] || fail "no target family for row 11 on /metrics"
target0=$(metric_value "$A_URL" /metrics "$TF" 'year="2027"')
sleep 1.1
sed -i 's/{year: 2027, raw: "20", op: ge, value: 20,/{year: 2027, raw: "21", op: ge, value: 21,/' "$W/targets.yml"
grep -q 'raw: "21", op: ge, value: 21' "$W/targets.yml" || fail "could not edit the copied targets file (test out of date)"
deadline=$(($(date +%s) + 15))
until [ "$(metric_value "$A_URL" /metrics youxiang_config_last_reload_success_timestamp_seconds)" != "$t0" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || break; sleep 0.2
done
t1=$(metric_value "$A_URL" /metrics youxiang_config_last_reload_success_timestamp_seconds)
expect "a changed targets file reloads: youxiang_config_last_reload_success_timestamp_seconds moved ($t0 → $t1)" \
  "$PYTHON" -c "import sys; sys.exit(0 if float('$t1') > float('$t0') > 0 else 1)"
expect "… the new target is served ($TF: $target0 → 21)" test "$(metric_value "$A_URL" /metrics "$TF" 'year="2027"')" = 21
expect "… no collector re-ran (value $value_runs1 → $(runs value), projects $projects_runs1 → $(runs projects))" \
  test "$(runs value) $(runs projects)" = "$value_runs1 $projects_runs1"
expect "… the same process serves on the same listening socket (inode $inode0 → $(listen_inode "$AP"))" \
  bash -c "kill -0 $A_PID && test '$(listen_inode "$AP")' = '$inode0'"

# 3f. the robots: every request correctly signed / keyed; firing and resolved reached both
sleep 2
expect "every DingTalk and WeCom request was correctly signed or keyed" "$PYTHON" - "$W/robot.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
bad = [l for l in lines if not l["valid"]]
assert not bad, bad[:3]
ding = [l for l in lines if l["path"] == "/dingtalk" and l["status"] == 200]
wecom = [l for l in lines if l["path"] == "/wecom" and l["status"] == 200]
assert any("测试值" in l["content"] for l in ding), "no TestValueHigh message reached DingTalk"
assert any("broken" in l["content"] for l in ding), "no YouxiangCollectorFailing message reached DingTalk"
assert any("产教融合项目数" in l["content"] for l in ding), "no EduplanIndicatorDataMissing message reached DingTalk"
assert len([l for l in wecom if "测试值" in l["content"]]) >= 2, "WeCom did not get both the firing and the resolved message: %r" % wecom
assert any(l["status"] == 503 for l in lines), "the first request should have been refused (robot down)"
print(len(ding), "DingTalk and", len(wecom), "WeCom messages, all valid")
PY
expect "the refused request was retried and logged (so the secret check below reads a log about the receivers)" \
  grep -qiE 'ding.*(503|retry)|(503|retry).*ding' "$W/a.log"

# 3g. secrets never in the log (read from files: DingTalk token and secret; from the environment: the WeCom key)
for s in "$TOKEN" "$SECRET" "$KEY"; do
  expect "the log never shows the secret ${s:0:4}…" bash -c '! grep -qF -- "$1" "$2"' _ "$s" "$W/a.log"
done
expect "--log.format logfmt (the default): every log line is logfmt; --log.level debug logs debug lines" "$PYTHON" - "$W/a.log" <<'PY'
import re, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l]
assert len(lines) > 3, lines
pair = r'[A-Za-z0-9_.-]+=("([^"\\]|\\.)*"|[^\s"]*)'
bad = [l for l in lines if not re.fullmatch(pair + "( " + pair + ")*", l)]
assert not bad, bad[:3]
assert any(" level=info " in l for l in lines)
assert any(" level=debug " in l for l in lines), "--log.level debug: no debug line"
PY
stop_pid "$A_PID" || true
stop_pid "$ROBOT_PID" || true

# --- 4. --web.telemetry-path, --web.disable-exporter-metrics, --log.format json, --log.level error -----------------
config "$W/b.yml" 1 ""
BP=$(freeport)
start_bg B_PID "$W/b.log" "$YOUXIANGD" --config.file "$W/b.yml" --web.listen-address "127.0.0.1:$BP" --storage.path "$W/b-storage" \
  --config.watch-interval 0s --web.telemetry-path /prom --web.disable-exporter-metrics --log.format json --log.level error
B_URL="http://127.0.0.1:$BP"
wait_http "$B_URL/-/ready" 60 "$B_PID" || { cat "$W/b.log" >&2; fail "youxiangd B never became ready"; }
curl -sf --max-time 10 "$B_URL/prom" >"$W/b.prom" || true
expect "--web.telemetry-path /prom: the exposition is served there" grep -q '^eduplan_test_value{' "$W/b.prom"
expect "… and /metrics is 404" test "$(curl -s -o /dev/null -w '%{http_code}' "$B_URL/metrics")" = 404
expect "--web.disable-exporter-metrics: no youxiang_*, process_*, ALERTS* series" bash -c '! grep -qE "^(youxiang_|process_|ALERTS)" "$1"' _ "$W/b.prom"
echo 'collectors: [' >"$W/b.yml"                                # broken: reloading it is an error-level event
sleep 1.5
expect "--config.watch-interval 0s: an edited file is not reloaded by itself" bash -c '! grep -q "reload failed" "$1"' _ "$W/b.log"
kill -HUP "$B_PID"
expect "the failed reload is logged" bash -c 'for i in $(seq 50); do grep -q "reload failed" "$1" && exit 0; sleep 0.1; done; exit 1' _ "$W/b.log"
expect "--log.format json: every log line is a JSON object with level and message" "$PYTHON" - "$W/b.log" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l]
objs = [json.loads(l) for l in lines]
assert objs and all(isinstance(o, dict) for o in objs), lines[:3]
assert all(any(k in o for k in ("level", "lvl")) for o in objs), objs[:3]
PY
expect "--log.level error: no info or warning lines (e.g. \"listening\")" "$PYTHON" - "$W/b.log" <<'PY'
import json, sys
levels = [json.loads(l).get("level") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert levels and all(l in ("error", "critical") for l in levels), levels
PY
expect "--log.level info (A): info lines such as \"listening\" are logged" grep -q 'listening' "$W/a.log"
rc=0; "$YOUXIANGD" --config.file "$W/once-ok.yml" --log.level loud >/dev/null 2>"$W/badlevel.err" || rc=$?
expect "--log.level loud is refused (exit $rc) naming the flag" bash -c "test $rc -ne 0 && grep -q 'log.level' '$W/badlevel.err'"
stop_pid "$B_PID" || true

# --- 5. TLS client authentication and minimum version ---------------------------------------------------------------
command -v openssl >/dev/null || fail "openssl not found (scripts/setup installs it)"
(
  cd "$W"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca -keyout ca.key -out ca.crt
  openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr
  printf 'subjectAltName=IP:127.0.0.1\n' >server.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.crt
  openssl req -newkey rsa:2048 -nodes -subj /CN=prometheus -keyout client.key -out client.csr
  printf 'extendedKeyUsage=clientAuth\n' >client.ext           # no IP SAN: a client certificate names a client, not an address
  openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile client.ext -out client.crt
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=stranger -keyout other.key -out other.crt
) >"$W/openssl.log" 2>&1 || { cat "$W/openssl.log" >&2; fail "openssl could not make the test certificates"; }
cat >"$W/web.yml" <<EOF
tls_server_config:
  cert_file: $W/server.crt
  key_file: $W/server.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: $W/ca.crt
  min_version: TLS13
EOF
expect "promtool check web-config accepts the client-auth config" "$PROMTOOL" check web-config "$W/web.yml"
CP=$(freeport)
start_bg C_PID "$W/c.log" "$YOUXIANGD" --config.file "$W/once-ok.yml" --web.listen-address "127.0.0.1:$CP" --storage.path "$W/c-storage" \
  --config.watch-interval 0s --web.config.file "$W/web.yml"
C_URL="https://127.0.0.1:$CP"
TLS=(--cacert "$W/ca.crt" --cert "$W/client.crt" --key "$W/client.key")
deadline=$(($(date +%s) + 30))
until curl -s "${TLS[@]}" -o /dev/null "$C_URL/-/healthy"; do
  kill -0 "$C_PID" 2>/dev/null || { cat "$W/c.log" >&2; fail "youxiangd C exited at start"; }
  [ "$(date +%s)" -lt "$deadline" ] || { cat "$W/c.log" >&2; curl -sv "${TLS[@]}" -o /dev/null "$C_URL/-/healthy" >&2 || true; fail "youxiangd C did not answer over TLS"; }; sleep 0.2
done
code() { curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$@" || true; }
expect "a client certificate signed by client_ca_file: 200" test "$(code "${TLS[@]}" "$C_URL/metrics")" = 200
expect "no client certificate: refused (got $(code --cacert "$W/ca.crt" "$C_URL/metrics"))" test "$(code --cacert "$W/ca.crt" "$C_URL/metrics")" != 200
expect "a certificate from another CA: refused" test "$(code --cacert "$W/ca.crt" --cert "$W/other.crt" --key "$W/other.key" "$C_URL/metrics")" != 200
expect "min_version TLS13: a TLS 1.2 client is refused" test "$(code "${TLS[@]}" --tls-max 1.2 "$C_URL/metrics")" != 200
expect "… and TLS 1.3 is served" test "$(code "${TLS[@]}" --tlsv1.3 "$C_URL/metrics")" = 200
stop_pid "$C_PID" || true

# --- 6. SIGTERM drains the outbox for at most 5 s -------------------------------------------------------------------
HP=$(freeport)
start_bg HANG_PID "$W/hang.log" "$PYTHON" Tests/e2e/robot_receiver.py "$HP" "$W/hang.jsonl" \
  --ding-token "$TOKEN" --ding-secret "$SECRET" --wecom-key "$KEY" --hang
printf '年份,值\n2025,20\n' >"$W/value.csv"                       # above the threshold again (3a lowered it)
config "$W/d.yml" "$HP" ""
sed -i 's/      for: 3s/      for: 0s/' "$W/d.yml"
DP=$(freeport)
start_bg D_PID "$W/d.log" "$YOUXIANGD" --config.file "$W/d.yml" --web.listen-address "127.0.0.1:$DP" \
  --storage.path "$W/d-storage" --config.watch-interval 0s
wait_http "http://127.0.0.1:$DP/-/ready" 60 "$D_PID" || { cat "$W/d.log" >&2; fail "youxiangd D never became ready"; }
deadline=$(($(date +%s) + 20))
until [ "$(metric_value "http://127.0.0.1:$DP" /metrics youxiang_notifications_queued 'receiver="wecom"')" = 1 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || break; sleep 0.2
done
queued=$(metric_value "http://127.0.0.1:$DP" /metrics youxiang_notifications_queued 'receiver="wecom"') || true
expect "a notification is queued for the robot that never answers (queued: ${queued:-none})" test "$queued" = 1
start=$(date +%s.%N); rc=0; stop_pid "$D_PID" || rc=$?; took=$("$PYTHON" -c "print(round($(date +%s.%N) - $start, 2))")
expect "SIGTERM with a receiver that never answers: exit 0 (got $rc)" test "$rc" = 0
expect "… after draining at most 5 s (took ${took}s; 2 s allowed for shutting down the rest)" \
  "$PYTHON" -c "import sys; sys.exit(0 if $took <= 7 else 1)"
expect "… and it did wait for the receiver (took ${took}s ≥ 4 s)" "$PYTHON" -c "import sys; sys.exit(0 if $took >= 4 else 1)"
stop_pid "$HANG_PID" || true

# --- 7. scripts/run starts and serves the shipped configuration -----------------------------------------------------
SP=$(freeport)
start_bg RUN_PID "$W/run.log" scripts/run --web.listen-address "127.0.0.1:$SP" --storage.path "$W/run-storage" --config.watch-interval 0s
wait_http "http://127.0.0.1:$SP/-/ready" 240 "$RUN_PID" || { tail -40 "$W/run.log" >&2; fail "scripts/run did not serve on $SP"; }
curl -sf --max-time 10 "http://127.0.0.1:$SP/metrics" >"$W/run.prom" || true
expect "scripts/run serves the shipped configuration's series" grep -q '^eduplan_kindergarten_enrolment_inclusive_ratio{district="330206",year="2022"}' "$W/run.prom"
stop_pid "$RUN_PID" || true

finish
