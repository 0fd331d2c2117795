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

finish
