#!/usr/bin/env bash
# The city recording rules (deploy/city/rules/): generated file is current, promtool check rules, and
# promtool test rules (two made-up districts rolled up by hand), and the Grafana city dashboard uses only them.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh
mktemp_dir W

# gen_city_rules.py writes the rules file in place: keep the committed one, regenerate, compare, put it back.
cp deploy/city/rules/eduplan-city.yml "$W/committed.yml"
python3 tools/gen_city_rules.py >/dev/null
cp deploy/city/rules/eduplan-city.yml "$W/generated.yml"
cp "$W/committed.yml" deploy/city/rules/eduplan-city.yml
expect "deploy/city/rules/eduplan-city.yml is tools/gen_city_rules.py's output (re-run it and commit if not)" \
  cmp -s "$W/committed.yml" "$W/generated.yml"
expect "promtool check rules deploy/city/rules/eduplan-city.yml" promtool check rules deploy/city/rules/eduplan-city.yml
expect "promtool test rules: two made-up districts rolled up by hand" bash -c 'cd deploy/city/rules && promtool test rules eduplan-city.test.yml'
expect "the Grafana city dashboard: district variable, city row, every recorded series it uses defined by the rules" python3 - <<'PY'
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
PY
finish
