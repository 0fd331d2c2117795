#!/usr/bin/env bash
# Issue 16's must-show with the real daemon: `youxiangd once` on the shipped configuration serves every criterion of
# the two national county assessments for 2022–2025 with a value and a met series (data_complete 1); then, on a copy
# of the data, one primary school's equipment value lowered below 85% of its standard makes it fail the per-school
# 6-of-7 rule and raises EduplanAssessmentCriterionLost (audience office) on /api/v1/alerts, and a lower standard
# saved in the criteria file and loaded by POST /-/reload passes it again.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

mktemp_dir W
require_binary

# --- the shipped data: every criterion, every year ------------------------------------------------------
yx once --config.file deploy/youxiang.yml >"$W/once.txt" 2>"$W/once.err" || { tail -5 "$W/once.err" >&2; fail "youxiangd once failed"; }
expect "youxiangd once: 18 criteria × 2022–2025, every district verdict complete with a value and a met series" "$PYTHON" - "$W/once.txt" <<'PY'
import re, sys
series = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r'^(eduplan_assessment_criterion_\w+)\{(.*)\} (\S+)$', line.strip())
    if m:
        labels = tuple(sorted(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2))))
        series[(m.group(1), labels)] = float(m.group(3))
criteria = {dict(l)["criterion"] for f, l in series if f.endswith("_info")}
assert len(criteria) == 18, sorted(criteria)
bad = []
for year in ("2022", "2023", "2024", "2025"):
    keys = [l for f, l in series if f.endswith("_data_complete") and dict(l)["year"] == year]
    assert {dict(l)["criterion"] for l in keys} == criteria, (year, criteria - {dict(l)["criterion"] for l in keys})
    for l in keys:
        if series[("eduplan_assessment_criterion_data_complete", l)] != 1:
            bad.append(("incomplete", l))
        for f in ("eduplan_assessment_criterion_value", "eduplan_assessment_criterion_met"):
            if (f, l) not in series:
                bad.append((f, l))
assert not bad, bad[:5]
print(f"    {sum(1 for f, _ in series if f.endswith('_data_complete'))} district verdicts, all measured")
PY

# --- a copy: one school's equipment below 85% of its standard --------------------------------------------
cp plugins/plan/assessment_criteria.yml "$W/assessment_criteria.yml"
cp plugins/enrolment/data/compulsory_2025.csv "$W/compulsory_2025.csv"
sed -e "s#\.\./plugins/plan/assessment_criteria.yml#$W/assessment_criteria.yml#" \
    -e "s#\.\./plugins/enrolment/data/compulsory_2025.csv#$W/compulsory_2025.csv#" \
    -e "s#\.\./plugins/#$PWD/plugins/#g" deploy/youxiang.yml >"$W/youxiang.yml"
grep -q "$W/assessment_criteria.yml" "$W/youxiang.yml" || fail "the copy's configuration does not use the copied criteria file"
# a primary school that passes the rule in 2024 and 2025, its 教学仪器设备值 set to 80% of 2000 元 per pupil (in 万元)
school=$("$PYTHON" - "$W/once.txt" "$W/compulsory_2025.csv" <<'PY'
import csv, re, sys
met = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r'^eduplan_assessment_criterion_met\{(.*)\} (\S+)$', line.strip())
    if m:
        l = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(1)))
        if l.get("criterion") == "school_resource_rule" and l.get("level") == "primary" and "school_id" in l:
            met[(l["school_id"], l["year"])] = m.group(2) == "1"
path = sys.argv[2]
with open(path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
h = rows[0]
for r in rows[1:]:
    sid = r[h.index("学校标识码")]
    if r[h.index("学段")] == "小学" and met.get((sid, "2025")) and met.get((sid, "2024")):
        r[h.index("教学仪器设备值(万元)")] = f"{0.80 * 2000 * int(r[h.index('在校学生数')]) / 10000:.2f}"
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
        print(sid)
        break
PY
)
[ -n "$school" ] || fail "no primary school passes the per-school rule in 2024 and 2025"
log "school $school: equipment lowered to 80% of the standard"

start_youxiangd "$W/youxiang.yml" "$W/yx.log" --storage.path "$W/storage" --config.watch-interval 0s --web.enable-lifecycle
met_now() {
  curl -sf "$YX_URL/metrics" | grep -F 'eduplan_assessment_criterion_met{' | grep -F 'criterion="school_resource_rule"' \
    | grep -F "school_id=\"$school\"" | grep -F 'year="2025"' | awk '{print $2}'
}
expect "the school fails the per-school rule in 2025 (met 0)" test "$(met_now)" = 0
deadline=$(($(date +%s) + 60))
until curl -sf "$YX_URL/api/v1/alerts" >"$W/alerts.json" && grep -q EduplanAssessmentCriterionLost "$W/alerts.json"; do
  [ "$(date +%s)" -lt "$deadline" ] || break
  sleep 0.5
done
expect "EduplanAssessmentCriterionLost fires for the school, for the office, naming it in Chinese" "$PYTHON" - "$W/alerts.json" "$school" <<'PY'
import json, sys
alerts = json.load(open(sys.argv[1], encoding="utf-8"))["data"]["alerts"]
lost = [a for a in alerts if a["labels"].get("alertname") == "EduplanAssessmentCriterionLost" and a["labels"].get("school_id") == sys.argv[2]]
assert lost, [a["labels"].get("alertname") for a in alerts]
a = lost[0]
assert a["state"] == "firing", a["state"]
assert a["labels"]["audience"] == "office" and a["labels"]["criterion"] == "school_resource_rule" and a["labels"]["year"] == "2025", a["labels"]
assert "上一学年达标，本学年未达标" in a["annotations"]["description"] and "学校标识码" + sys.argv[2] in a["annotations"]["description"], a["annotations"]
# the summary (what the office's page and a chat title show) names the school too
assert "学校标识码" + sys.argv[2] in a["annotations"]["summary"], a["annotations"]
PY
curl -sf "$YX_URL/" >"$W/home.html" || true
expect "the office's page names the criterion in Chinese in the alert's 指标 column, not the rule's alertname" \
  sh -c 'grep -q "县域评估：" "$1" && ! grep -q "EduplanAssessmentCriterionLost" "$1"' _ "$W/home.html"

# --- the office lowers the primary equipment standard to 1500 元 and reloads -------------------------------
sed -i 's/threshold: {primary: 2000, junior: 2500}/threshold: {primary: 1500, junior: 2500}/' "$W/assessment_criteria.yml"
grep -q 'primary: 1500' "$W/assessment_criteria.yml" || fail "could not edit the criteria file"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$YX_URL/-/reload")
expect "POST /-/reload is 200" test "$code" = 200
deadline=$(($(date +%s) + 60))
until [ "$(met_now)" = 1 ] || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.5; done
expect "after the reload the school passes again (1,600 元 ≥ 1,500 元): met 1" test "$(met_now)" = 1
expect "the served threshold is the new 1500" sh -c "curl -sf '$YX_URL/metrics' | grep -F 'eduplan_assessment_criterion_threshold{' | grep -F 'school_id=\"$school\"' | grep -F 'criterion=\"equipment_value\"' | grep -F 'year=\"2025\"' | grep -q ' 1500$'"

finish
