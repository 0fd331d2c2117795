#!/usr/bin/env bash
# Alerts (issue 3), end to end: the shipped data through youxiangd's rules into a real Alertmanager routing to a
# webhook receiver (exactly the expected alerts, once each); a receiver that refuses for a while gets every
# notification once it accepts; kill -9 with undelivered notifications in the outbox, then a restart, delivers them
# all and pages nothing twice; the exported rule file passes promtool and fires the same target alerts in Prometheus.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

ALERTMANAGER=${ALERTMANAGER:-prometheus-alertmanager}
mktemp_dir W
wait_binary

EXPECTED="EduplanOffTrack/higher_education_gross_enrolment/2027
EduplanOffTrack/kindergarten_enrolment_public/2027
EduplanOffTrack/migrant_children_public_school/2027
EduplanOffTrack/new_places_kindergarten/2027
EduplanOffTrack/senior_high_flagship_academic_high/2027
EduplanOffTrack/vocational_training/2027
EduplanTargetMissed/kindergarten_enrolment_public/2025
EduplanTargetMissed/migrant_children_public_school/2023
EduplanTargetMissed/migrant_children_public_school/2024
EduplanTargetMissed/migrant_children_public_school/2025
EduplanTargetMissed/vocational_graduates_higher_education/2025"
N_ALERTS=$(printf '%s\n' "$EXPECTED" | wc -l)
N_GROUPS=$(printf '%s\n' "$EXPECTED" | cut -d/ -f1,2 | sort -u | wc -l)   # notifications: one per (alertname, indicator)
N_TARGET=$(printf '%s\n' "$EXPECTED" | grep -c '^EduplanTargetMissed/')

# config RECEIVERS_YAML ROUTE_YAML OUT: the shipped configuration with absolute paths, fast evaluation, other receivers.
config() {
  "$PYTHON" Tests/e2e/make_config.py "$1" "$2" "$3"
  yx check config "$3" >/dev/null || fail "generated config $3 does not check"
}

# start_yx PREFIX CONFIG STORAGE LOG: sets <P>_PID, <P>_URL.
start_yx() {
  local prefix=$1 port pid
  port=$(freeport)
  start_bg pid "$4" "$YOUXIANGD" --config.file "$2" --storage.path "$3" --web.listen-address "127.0.0.1:$port" --config.watch-interval 0s
  printf -v "${prefix}_PID" '%s' "$pid"
  printf -v "${prefix}_URL" '%s' "http://127.0.0.1:$port"
  wait_http "http://127.0.0.1:$port/-/ready" 60 "$pid"
}

# firing_keys FILE PATH_PREFIX: "alertname/indicator/year" of every firing alert the hook accepted on that path.
firing_keys() { "$PYTHON" Tests/e2e/hook_keys.py "$1" "$2"; }

wait_for_keys() {  # FILE PATH TIMEOUT: until the set of firing keys equals EXPECTED
  local deadline=$(($(date +%s) + $3))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    [ -f "$1" ] && [ "$(firing_keys "$1" "$2" | sort -u)" = "$EXPECTED" ] && return 0
    sleep 0.5
  done
  return 1
}

# --- A. youxiangd → Alertmanager → webhook ------------------------------------------------------------
HP=$(freeport); AP=$(freeport)
start_bg HOOK_PID "$W/hook.log" "$PYTHON" Tests/e2e/hook_server.py "$HP" "$W/am-hook.jsonl"
printf '%s\n' \
  "route: {receiver: office, group_by: [alertname, indicator, year, target_year], group_wait: 1s, group_interval: 2s, repeat_interval: 1h}" \
  "receivers:" \
  "  - name: office" \
  "    webhook_configs: [{url: 'http://127.0.0.1:$HP/am', send_resolved: true}]" >"$W/am.yml"
start_bg AM_PID "$W/am.log" "$ALERTMANAGER" --config.file="$W/am.yml" --storage.path="$W/am-data" \
  --web.listen-address="127.0.0.1:$AP" --cluster.listen-address=""
wait_http "http://127.0.0.1:$AP/-/ready" 30 "$AM_PID"
config "  - {name: alertmanager, alertmanager: {url: 'http://127.0.0.1:$AP'}}" "{receiver: alertmanager}" "$W/a.yml"
start_yx A "$W/a.yml" "$W/a-data" "$W/a.log"
if wait_for_keys "$W/am-hook.jsonl" /am 60; then pass "Alertmanager delivered exactly the expected alerts"; else
  check_fail "expected alerts via Alertmanager; got:"; firing_keys "$W/am-hook.jsonl" /am >&2 || true; fi
sleep 6   # several lease renewals (resend_delay 2s) later …
expect "… each alert was notified once" test "$(firing_keys "$W/am-hook.jsonl" /am)" = "$EXPECTED"
am_active=$(curl -sf "http://127.0.0.1:$AP/api/v2/alerts?active=true" | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect "Alertmanager holds the $N_ALERTS alerts as active (leases renewed)" test "$am_active" = "$N_ALERTS"
curl -sf "$A_URL/api/v1/alerts" >"$W/api.json"
expect "/api/v1/alerts lists the 2025 misses as firing, in Chinese, naming the responsible units" \
  "$PYTHON" Tests/e2e/check_api_alerts.py "$W/api.json"
expect "ALERTS series on /metrics" bash -c "curl -sf '$A_URL/metrics' | grep -q '^ALERTS{alertname=\"EduplanTargetMissed\",alertstate=\"firing\"'"
expect "/api/v1/rules has the plan's rule groups" bash -c "curl -sf '$A_URL/api/v1/rules' | grep -q '\"name\":\"plan-targets\"'"
stop_pid "$A_PID" || true
stop_pid "$AM_PID" || true

# --- B. a receiver that refuses for a while -------------------------------------------------------------
HP2=$(freeport)
start_bg HOOK2_PID "$W/hook2.log" "$PYTHON" Tests/e2e/hook_server.py "$HP2" "$W/refusing.jsonl" --refuse-seconds 6
config "  - {name: office, webhook: {url: 'http://127.0.0.1:$HP2/office'}}" \
  "{receiver: office, group_by: [alertname, indicator], group_wait: 1s, group_interval: 2s}" "$W/b.yml"
start_yx B "$W/b.yml" "$W/b-data" "$W/b.log"
if wait_for_keys "$W/refusing.jsonl" /office 60; then pass "after refusing (503) for 6 s, the receiver got every notification"; else
  check_fail "refusing receiver: missing notifications"; firing_keys "$W/refusing.jsonl" /office >&2 || true; fi
refused=$(grep -c '"status": 503' "$W/refusing.jsonl" || true)
expect "there were refused attempts ($refused) that were retried" test "$refused" -gt 0
expect "each notification id was accepted once ($N_GROUPS ids)" "$PYTHON" Tests/e2e/hook_keys.py "$W/refusing.jsonl" /office --distinct-ids "$N_GROUPS"
expect "youxiang_notifications_failed_total counts the refusals" \
  bash -c "curl -sf '$B_URL/metrics' | awk '/^youxiang_notifications_failed_total/ {s+=\$2} END {exit !(s>0)}'"
stop_pid "$B_PID" || true

# --- C. kill -9 with undelivered notifications, then restart ---------------------------------------------
HP3=$(freeport)
config "  - {name: office, webhook: {url: 'http://127.0.0.1:$HP3/office'}}" \
  "{receiver: office, group_by: [alertname, indicator], group_wait: 1s, group_interval: 2s}" "$W/c.yml"
start_yx C "$W/c.yml" "$W/c-data" "$W/c1.log"        # the receiver is not running yet
deadline=$(($(date +%s) + 30)); queued=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  queued=$(curl -sf "$C_URL/metrics" | awk '/^youxiang_notifications_queued/ {s+=$2} END {print s+0}')
  [ "$queued" -ge 6 ] && break
  sleep 0.5
done
expect "6 notifications wait in the outbox while the receiver is down (queued=$queued)" test "$queued" -ge 6
kill -KILL "$C_PID"
wait "$C_PID" 2>/dev/null || true
start_bg HOOK3_PID "$W/hook3.log" "$PYTHON" Tests/e2e/hook_server.py "$HP3" "$W/after-kill.jsonl"
start_yx C2 "$W/c.yml" "$W/c-data" "$W/c2.log"
if wait_for_keys "$W/after-kill.jsonl" /office 60; then pass "after kill -9 and a restart, every queued notification was delivered"; else
  check_fail "after kill -9: missing notifications"; firing_keys "$W/after-kill.jsonl" /office >&2 || true; fi
sleep 4
expect "the restart paged nothing twice ($N_GROUPS distinct notification ids)" "$PYTHON" Tests/e2e/hook_keys.py "$W/after-kill.jsonl" /office --distinct-ids "$N_GROUPS"
expect "the restart restored the alert states" grep -q 'alert states restored' "$W/c2.log"
stop_pid "$C2_PID" || true

# --- D. the exported rule file in a real Prometheus ------------------------------------------------------
yx rules export --config.file deploy/youxiang.yml >"$W/eduplan.yml"
expect "promtool check rules accepts the export" "$PROMTOOL" check rules "$W/eduplan.yml"
expect "the export matches the shipped deploy/prometheus/rules/eduplan.yml" cmp -s "$W/eduplan.yml" deploy/prometheus/rules/eduplan.yml
config "  - {name: alertmanager, alertmanager: {url: 'http://127.0.0.1:1'}}" "{receiver: alertmanager}" "$W/d.yml"
start_yx D "$W/d.yml" "$W/d-data" "$W/d.log"
printf '%s\n' \
  "global: {scrape_interval: 1s, evaluation_interval: 1s}" \
  "rule_files: ['$W/eduplan.yml']" \
  "scrape_configs:" \
  "  - job_name: youxiang" \
  "    static_configs: [{targets: ['${D_URL#http://}']}]" >"$W/prometheus.yml"
start_prometheus "$W/prometheus.yml" "$W/prom-data" "$W/prometheus.log"
want="kindergarten_enrolment_public/2025,migrant_children_public_school/2023,migrant_children_public_school/2024,migrant_children_public_school/2025,vocational_graduates_higher_education/2025"
deadline=$(($(date +%s) + 60)); got=""
while [ "$(date +%s)" -lt "$deadline" ]; do
  # job="": the alerts of Prometheus's own rules, not the daemon's ALERTS it scrapes from /metrics.
  got=$(prom_query 'ALERTS{alertname="EduplanTargetMissed",alertstate="firing",job=""}' 2>/dev/null | "$PYTHON" Tests/e2e/hook_keys.py --prom-alerts) || got=""
  [ "$got" = "$want" ] && break
  sleep 1
done
expect "Prometheus, running the exported rules, fires the same target alerts ($got)" test "$got" = "$want"
# One alert, two engines: the daemon's label set of each firing target alert equals Prometheus's for the same rule,
# so Alertmanager, receiving both, deduplicates them (same fingerprint).
curl -sf "$D_URL/api/v1/alerts" >"$W/d-alerts.json"
# job="": Prometheus's own ALERTS, not the daemon's ALERTS scraped from /metrics (those carry job and instance).
prom_query 'ALERTS{alertname="EduplanTargetMissed",alertstate="firing",job=""}' >"$W/prom-alerts.tsv" || true
same_labels() {
  "$PYTHON" - "$W/d-alerts.json" "$W/prom-alerts.tsv" "$N_TARGET" <<'PY'
import json, sys
daemon = {}
for a in json.load(open(sys.argv[1], encoding="utf-8"))["data"]["alerts"]:
    if a["labels"]["alertname"] == "EduplanTargetMissed" and a["state"] == "firing":
        daemon[(a["labels"]["indicator"], a["labels"]["year"])] = a["labels"]
prom = {}
for line in open(sys.argv[2], encoding="utf-8"):
    if line.strip():
        l = json.loads(line.split("\t")[0])
        l.pop("__name__", None); l.pop("alertstate", None)
        prom[(l["indicator"], l["year"])] = l
assert len(daemon) == int(sys.argv[3]) and set(daemon) == set(prom), (sorted(daemon), sorted(prom))
for k in daemon:
    assert daemon[k] == prom[k], f"{k}: daemon {sorted(daemon[k].items())} != prometheus {sorted(prom[k].items())}"
    assert {"district", "indicator", "year", "severity", "section", "responsible_units"} <= set(daemon[k]), daemon[k]
print("identical:", sorted(daemon[("kindergarten_enrolment_public", "2025")].items()))
PY
}
expect "the daemon and Prometheus give each target alert the identical label set (Alertmanager deduplicates)" same_labels

finish
