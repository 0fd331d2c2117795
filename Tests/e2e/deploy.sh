#!/usr/bin/env bash
# The files under deploy/ are valid for the tools that read them: Prometheus's config and rule files (promtool),
# Alertmanager's config (amtool), the web config (promtool), the Grafana dashboard (JSON with the panels it
# promises), the Kubernetes manifest (YAML documents whose ConfigMap holds a configuration youxiangd accepts), and the
# systemd unit (the settings the README promises).
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

AMTOOL=${AMTOOL:-amtool}
mktemp_dir W
wait_binary

expect "promtool check config deploy/prometheus/prometheus.yml" "$PROMTOOL" check config deploy/prometheus/prometheus.yml
for f in deploy/prometheus/rules/*.yml; do
  expect "promtool check rules $f" "$PROMTOOL" check rules "$f"
done
expect "amtool check-config deploy/alertmanager/alertmanager.yml" "$AMTOOL" check-config deploy/alertmanager/alertmanager.yml
expect "promtool test rules: every self-monitoring rule, quiet and firing (Tests/e2e/rules/youxiang-self.test.yml)" \
  "$PROMTOOL" test rules Tests/e2e/rules/youxiang-self.test.yml
expect "every rule in youxiang-self.yml has a test" "$PYTHON" - <<'PY'
import yaml
rules = {r["alert"] for g in yaml.safe_load(open("deploy/prometheus/rules/youxiang-self.yml", encoding="utf-8"))["groups"] for r in g["rules"]}
tested = {t["alertname"] for c in yaml.safe_load(open("Tests/e2e/rules/youxiang-self.test.yml", encoding="utf-8"))["tests"] for t in c["alert_rule_test"] if t.get("exp_alerts")}
assert rules and rules == tested, (sorted(rules - tested), sorted(tested - rules))
PY
# routes_are WANT LABELS...: the shipped Alertmanager routing sends an alert with LABELS to exactly WANT (in tree order).
routes_are() {
  local want=$1 got; shift
  got=$("$AMTOOL" config routes test --config.file deploy/alertmanager/alertmanager.yml "$@" 2>/dev/null) || { echo "amtool failed"; return 1; }
  [ "$got" = "$want" ] || { echo "got [$got], want [$want]"; return 1; }
}
H=区发改局,区教育局,区财政局,资规分局,区卫健局
expect "amtool: a 区卫健局 target alert reaches the office and the health bureau" \
  routes_are health-bureau,office alertname=EduplanTargetMissed audience=office severity=warning indicator=kindergarten_enrolment_public year=2025 responsible_units=$H
expect "amtool: a 区卫健局 off-track alert reaches the office and the health bureau" \
  routes_are health-bureau,office alertname=EduplanOffTrack audience=office severity=info indicator=kindergarten_enrolment_public target_year=2027 responsible_units=$H
expect "amtool: a target alert of 区教育局 alone reaches the office only" \
  routes_are office alertname=EduplanTargetMissed audience=office responsible_units=区教育局
expect "amtool: 无数据 reaches the office and the operators (and the health bureau for its indicators)" \
  routes_are health-bureau,operators,office alertname=EduplanIndicatorDataMissing audience=office responsible_units=$H
expect "amtool: an assessment criterion lost reaches the office and the operators" \
  routes_are operators,office alertname=EduplanAssessmentCriterionLost audience=office severity=warning responsible_units=区教育局 criterion=school_resource_rule level=primary year=2025 school_id=2133010437
expect "amtool: an assessment criterion lost with a 区卫健局 unit also reaches the health bureau" \
  routes_are health-bureau,operators,office alertname=EduplanAssessmentCriterionLost audience=office responsible_units=$H
expect "amtool: data incomplete goes to the operators, not the office" \
  routes_are operators alertname=EduplanIndicatorDataIncomplete audience=operators responsible_units=$H
expect "amtool: a failing collector goes to the operators" routes_are operators alertname=YouxiangCollectorFailing audience=operators collector=enrolment
expect "amtool: an alert without audience goes to the operators" routes_are operators alertname=SomethingElse
expect "promtool check web-config deploy/web/web-config.example.yml" "$PROMTOOL" check web-config deploy/web/web-config.example.yml
expect "youxiangd check config deploy/youxiang.yml" yx check config deploy/youxiang.yml
for f in plugins/*/example.yml; do
  expect "youxiangd check config $f" yx check config "$f"
done
expect "the Grafana dashboard plots each table indicator against its targets" "$PYTHON" - <<'PY'
import json
d = json.load(open("deploy/grafana/youxiang-dashboard.json", encoding="utf-8"))
exprs = [t["expr"] for p in d["panels"] for t in p.get("targets", [])]
for metric in ["eduplan_kindergarten_enrolment_inclusive_ratio", "eduplan_vocational_training_person_times", "eduplan_higher_education_gross_enrolment_ratio"]:
    assert any(metric in e for e in exprs), metric
    target = metric.replace("_ratio", "_target_ratio").replace("_person_times", "_target_person_times")
    assert any(target in e for e in exprs), target
assert any("eduplan_indicator_meets_target" in e for e in exprs)
PY
"$PYTHON" - "$W/cm.yml" <<'PY'
import os, sys, yaml
docs = list(yaml.safe_load_all(open("deploy/kubernetes/youxiangd.yml", encoding="utf-8")))
kinds = [d["kind"] for d in docs]
assert kinds == ["ConfigMap", "Deployment", "Service"], kinds
root = os.getcwd()
text = docs[0]["data"]["youxiang.yml"].replace("/etc/youxiang/plugins/", root + "/plugins/").replace("/data/", root + "/plugins/vocational_progression/data/")
open(sys.argv[1], "w", encoding="utf-8").write(text)
pod = docs[1]["spec"]["template"]["spec"]
assert pod["securityContext"]["runAsNonRoot"] is True
PY
expect "the Kubernetes ConfigMap holds a configuration youxiangd accepts" yx check config "$W/cm.yml"
unit=deploy/systemd/youxiangd.service
for setting in "ExecReload=/bin/kill -HUP \$MAINPID" "ProtectSystem=strict" "StateDirectory=youxiang" "DynamicUser=yes" "--storage.path=/var/lib/youxiang"; do
  expect "systemd unit has $setting" grep -qF -- "$setting" "$unit"
done
# systemd-analyze (Debian's systemd, installed by scripts/setup) is required: a missing tool fails like a bad unit.
# The unit's binary path is pointed at the built youxiangd, since verify also checks that ExecStart is executable.
command -v systemd-analyze >/dev/null 2>&1 || fail "systemd-analyze not found (scripts/setup installs Debian's systemd)"
sed "s#/usr/local/bin/youxiangd#$(realpath "$YOUXIANGD")#g" "$unit" >"$W/youxiangd.service"
grep -q "$(realpath "$YOUXIANGD")" "$W/youxiangd.service" || fail "the unit does not run /usr/local/bin/youxiangd (test out of date)"
# verify exits 0 on settings it ignores ("Failed to parse service type, ignoring"): any output fails the check too.
verify_clean() { local out rc=0; out=$(systemd-analyze verify "$1" 2>&1) || rc=$?; [ -z "$out" ] || printf '%s\n' "$out"; [ "$rc" -eq 0 ] && [ -z "$out" ]; }
expect "systemd-analyze verify accepts the unit, with no warning" verify_clean "$W/youxiangd.service"

# --- the install instructions, followed in a temp root (deploy/systemd/install with DESTDIR) ----------------------
# The unit's own ExecStartPre and ExecStart paths are run with /usr/local/bin and /etc/youxiang moved under the root.
R="$W/root"
DESTDIR="$R" YOUXIANGD="$YOUXIANGD" deploy/systemd/install >"$W/install.log" 2>&1 || { cat "$W/install.log" >&2; fail "deploy/systemd/install failed"; }
pass "deploy/systemd/install installs into a temp root (DESTDIR)"
in_root() { sed -e "s#/usr/local/bin/#$R/usr/local/bin/#g" -e "s#/etc/youxiang/#$R/etc/youxiang/#g"; }
pre=$(sed -n 's/^ExecStartPre=//p' "$R/etc/systemd/system/youxiangd.service" | in_root)
expect "the installed unit's ExecStartPre checks with --allow-missing-data" grep -q -- "--allow-missing-data" <<<"$pre"
expect "installed layout: every data path of /etc/youxiang/youxiang.yml resolves (check config without the flag exits 0)" \
  "$R/usr/local/bin/youxiangd" check config "$R/etc/youxiang/youxiang.yml"
expect "installed layout: youxiang-xls-reader beside youxiangd (the .xls reader the daemon runs)" test -x "$R/usr/local/bin/youxiang-xls-reader"
expect "installed layout: no Swift source copied under /etc/youxiang" test -z "$(find "$R/etc/youxiang" -name '*.swift' -print -quit)"
gone=$(find "$R/etc/youxiang/plugins" -name 'kindergartens_2025.csv' -print -quit)
[ -n "$gone" ] || fail "no kindergartens_2025.csv under the installed plugins (test out of date)"
rm "$gone"
rc=0; $pre >"$W/pre.out" 2>&1 || rc=$?
expect "ExecStartPre exits 0 when a data file is missing (the daemon starts and reports it)" test "$rc" = 0
expect "… and warns about it, naming the file" grep -q "warning: .*kindergartens_2025.csv does not exist" "$W/pre.out"
rc=0; "$R/usr/local/bin/youxiangd" check config "$R/etc/youxiang/youxiang.yml" >/dev/null 2>&1 || rc=$?
expect "check config without --allow-missing-data still exits 1 on the missing file" test "$rc" = 1
echo "# edited by the operator" >>"$R/etc/youxiang/youxiang.yml"
DESTDIR="$R" YOUXIANGD="$YOUXIANGD" deploy/systemd/install >"$W/install2.log" 2>&1 || { cat "$W/install2.log" >&2; fail "second install failed"; }
expect "installing again keeps the operator's edited YAML" grep -q "^# edited by the operator" "$R/etc/youxiang/youxiang.yml"
expect "installing again puts back a shipped file that is missing" test -e "$gone"
port=$(freeport)
# ExecStart= with its continuation lines joined, the listen address and state folder made local
exec_start=$(awk '/^ExecStart=/ {on = 1; sub(/^ExecStart=/, "")} on {c = sub(/\\$/, ""); printf "%s ", $0; if (!c) exit}' \
  "$R/etc/systemd/system/youxiangd.service" | in_root \
  | sed -e "s#--web.listen-address=:9096#--web.listen-address=127.0.0.1:$port#" -e "s#--storage.path=/var/lib/youxiang#--storage.path=$W/state#")
log "running the unit's ExecStart in the temp root: $exec_start"
start_bg D_PID "$W/daemon.log" $exec_start
wait_http "http://127.0.0.1:$port/-/ready" 90 "$D_PID" || { tail -20 "$W/daemon.log" >&2; fail "the installed daemon never became ready"; }
expect "the installed daemon serves the plan's series from /etc/youxiang/plugins" \
  sh -c "curl -sf http://127.0.0.1:$port/metrics >'$W/metrics.txt' && grep -q '^eduplan_kindergarten_enrolment_public_ratio' '$W/metrics.txt'"

finish
