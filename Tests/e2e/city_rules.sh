#!/usr/bin/env bash
# The city recording rules (deploy/city/rules/): generated file is current, promtool check rules, and
# promtool test rules (two made-up districts rolled up by hand).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp deploy/city/rules/eduplan-city.yml "$tmp/committed.yml"
python3 tools/gen_city_rules.py >/dev/null
if ! cmp -s deploy/city/rules/eduplan-city.yml "$tmp/committed.yml"; then
  cp "$tmp/committed.yml" deploy/city/rules/eduplan-city.yml
  echo "FAIL deploy/city/rules/eduplan-city.yml differs from tools/gen_city_rules.py's output; re-run it and commit" >&2; exit 1
fi
promtool check rules deploy/city/rules/eduplan-city.yml
(cd deploy/city/rules && promtool test rules eduplan-city.test.yml)
python3 - <<'PY'
import json, re
d = json.load(open("deploy/city/grafana-city-dashboard.json", encoding="utf-8"))
assert [v["name"] for v in d["templating"]["list"]] == ["district"], "the dashboard's variable is district"
rows = [p["title"] for p in d["panels"] if p["type"] == "row"]
assert any(t.startswith("全市汇总") for t in rows) and any("$district" in t for t in rows), rows
recorded = set(re.findall(r"record: (\S+)", open("deploy/city/rules/eduplan-city.yml", encoding="utf-8").read()))
used = {m for p in d["panels"] for t in p.get("targets", []) for m in re.findall(r"city:[a-z0-9_]+:[a-z]+", t["expr"])}
assert used and used <= recorded, used - recorded
for m in ("city:eduplan_kindergarten_enrolment_inclusive:ratio", "city:eduplan_kindergarten_enrolment_public:ratio"):
    assert m in used, m
print("Grafana city dashboard: district variable, city row, %d recorded series all defined by the rules" % len(used))
PY
echo "PASS city rules: check, unit test, dashboard"
