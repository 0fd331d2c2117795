#!/usr/bin/env bash
# Completeness as data (issue 8), end to end with the shipped configuration and data:
#  - every one of the plan's 36 indicators has a value for 2022–2025 and eduplan_indicator_data_complete = 1;
#  - a registry file deleted: none of its indicators is served (no 0), data_complete says 0 for every year, no
#    meets_target; in the running daemon EduplanIndicatorDataIncomplete fires (audience="operators") and no
#    EduplanTargetMissed / EduplanOffTrack fires for them;
#  - one school row rejected: that indicator-year publishes nothing and is marked incomplete; 数据不完整 fires, not 无数据;
#  - a needed cell marked missing (在园幼儿数 “—” on the 公办 rows): no value, data_complete 0, the file and column named;
#  - 12345678901234567 in a `sum` column is served as the nearest double; 1e309 and 1e-400 are rejected rows.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

mktemp_dir W
wait_binary

# copy_data DIR: the shipped configuration and data under DIR (deploy/youxiang.yml reads ../plugins/…), evaluated
# every second, without receivers.
copy_data() {
  mkdir -p "$1/deploy"
  cp -r plugins "$1/plugins"
  "$PYTHON" - "$1/deploy/youxiang.yml" <<'PY'
import re, sys
text = open("deploy/youxiang.yml", encoding="utf-8").read().replace("evaluation_interval: 15s", "evaluation_interval: 1s")
text, n = re.subn(r"\nreceivers:\n.*?\ncollectors:", "\ncollectors:", text, flags=re.S)
assert n == 1
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
}

# series FILE FAMILY LABEL=VALUE…: the values of FAMILY's samples whose labels include all the given pairs.
series() { "$PYTHON" Tests/e2e/exposition_values.py "$@"; }

# ---- 1. the shipped data: all 36 indicators, 2022–2025, complete ----------------------------------------------
copy_data "$W/full"
yx once --config.file "$W/full/deploy/youxiang.yml" > "$W/full.prom" 2> "$W/full.log" || { tail -20 "$W/full.log" >&2; fail "youxiangd once failed on the shipped data"; }
expect "every plan indicator has a value for 2022–2025 and data_complete=1" \
  "$PYTHON" Tests/e2e/check_indicator_years.py plugins/plan/targets.yml "$W/full.prom" 2022 2025

# ---- 2. a registry file deleted ----------------------------------------------------------------------------------
copy_data "$W/gone"
rm "$W/gone/plugins/vocational_progression/data/industry_projects.csv"
rc=0; yx once --config.file "$W/gone/deploy/youxiang.yml" > "$W/gone.prom" 2> "$W/gone.log" || rc=$?
[ "$rc" -eq 1 ] && pass "once exits 1 when a collector's file is missing" || check_fail "once exit status $rc (want 1)"
n=$(series "$W/gone.prom" eduplan_industry_education_projects | wc -l)
[ "$n" -eq 0 ] && pass "no eduplan_industry_education_projects sample (no made-up 0)" || check_fail "$n industry project samples served: $(series "$W/gone.prom" eduplan_industry_education_projects | tr '\n' ' ')"
for y in 2022 2023 2024 2025; do
  v=$(series "$W/gone.prom" eduplan_indicator_data_complete indicator=industry_education_projects year=$y)
  [ "$v" = "0" ] && pass "data_complete{industry_education_projects,$y} = 0" || check_fail "data_complete{industry_education_projects,$y} = '$v'"
done
v=$(series "$W/gone.prom" eduplan_indicator_data_complete indicator=vocational_training year=2025)
[ "$v" = "1" ] && pass "the collector's other indicators stay complete" || check_fail "data_complete{vocational_training,2025} = '$v'"
n=$(series "$W/gone.prom" eduplan_indicator_meets_target indicator=industry_education_projects | wc -l)
[ "$n" -eq 0 ] && pass "no meets_target for the incomplete indicator" || check_fail "$n meets_target samples for industry_education_projects"
grep -q 'indicator data incomplete' "$W/gone.log" && pass "the reason is logged" || check_fail "no 'indicator data incomplete' log line"

start_youxiangd "$W/gone/deploy/youxiang.yml" "$W/gone-serve.log"
ok=0
for _ in $(seq 1 30); do
  curl -sf "$YX_URL/api/v1/alerts" > "$W/alerts.json" || true
  if "$PYTHON" - "$W/alerts.json" 2>"$W/alerts.err" <<'PY'
import json, sys
alerts = json.load(open(sys.argv[1]))["data"]["alerts"]
firing = [a["labels"] for a in alerts if a["state"] == "firing"]
mine = [l for l in firing if l.get("indicator") == "industry_education_projects"]
dq = [l for l in mine if l["alertname"] == "EduplanIndicatorDataIncomplete"]
bad = [l for l in mine if l["alertname"] in ("EduplanTargetMissed", "EduplanOffTrack")]
assert sorted(l["year"] for l in dq) == ["2022", "2023", "2024", "2025"], dq
assert all(l.get("audience") == "operators" for l in dq), dq
assert not bad, bad
assert any(l["alertname"] == "EduplanTargetMissed" and l.get("audience") == "office" for l in firing), "target alerts carry audience=office"
# nothing of the registry was read: 无数据 for the office too (pending for missing_for, or firing)
dm = [a["labels"]["year"] for a in alerts if a["labels"]["alertname"] == "EduplanIndicatorDataMissing"
      and a["labels"].get("indicator") == "industry_education_projects"]
assert "2025" in dm, dm
PY
  then ok=1; break; fi
  sleep 1
done
[ "$ok" -eq 1 ] && pass "/api/v1/alerts: EduplanIndicatorDataIncomplete firing for 2022–2025 (operators), no target or trajectory alert for the indicator" \
  || { check_fail "alerts not as expected"; cat "$W/alerts.err" >&2; head -c 3000 "$W/alerts.json" >&2; }
# the operators' page: /status (or / before the office page took that path)
pages=$({ curl -sf "$YX_URL/status" || curl -sf "$YX_URL/"; }) || true   # whole, then grep: no SIGPIPE under pipefail
grep -q '数据完整性' <<<"$pages" && pass "status page lists the incomplete indicator-years" || check_fail "status page has no completeness section"
stop_pid "$YX_PID"

# ---- 3. one school row rejected ----------------------------------------------------------------------------------
copy_data "$W/row"
"$PYTHON" - "$W/row/plugins/vocational_progression/data/vocational_2024.csv" <<'PY'
import sys
p = sys.argv[1]
lines = open(p, encoding="utf-8").read().split("\n")
head = lines[0].split(",")
i = head.index("招生数")
cells = lines[1].split(",")
cells[i] = "5x"
lines[1] = ",".join(cells)
open(p, "w", encoding="utf-8").write("\n".join(lines))
PY
rc=0; yx once --config.file "$W/row/deploy/youxiang.yml" > "$W/row.prom" 2> "$W/row.log" || rc=$?
for fam in eduplan_vocational_entrants_long_programme_ratio eduplan_vocational_graduates_higher_education_ratio; do
  n=$(series "$W/row.prom" $fam year=2024 | wc -l)
  [ "$n" -eq 0 ] && pass "$fam{year=2024}: no partial value" || check_fail "$fam{year=2024} served: $(series "$W/row.prom" $fam year=2024)"
  n=$(series "$W/row.prom" $fam year=2025 | wc -l)
  [ "$n" -eq 1 ] && pass "$fam{year=2025} still served" || check_fail "$fam{year=2025}: $n samples"
done
v=$(series "$W/row.prom" eduplan_indicator_data_complete indicator=vocational_entrants_long_programme year=2024)
[ "$v" = "0" ] && pass "data_complete{vocational_entrants_long_programme,2024} = 0" || check_fail "data_complete = '$v'"

start_youxiangd "$W/row/deploy/youxiang.yml" "$W/row-serve.log"
ok=0
for _ in $(seq 1 30); do
  curl -sf "$YX_URL/api/v1/alerts" > "$W/row-alerts.json" || true
  if "$PYTHON" - "$W/row-alerts.json" 2>"$W/row-alerts.err" <<'PY'
import json, sys
alerts = json.load(open(sys.argv[1]))["data"]["alerts"]
mine = [a for a in alerts if a["labels"].get("indicator") == "vocational_entrants_long_programme" and a["labels"].get("year") == "2024"]
assert any(a["labels"]["alertname"] == "EduplanIndicatorDataIncomplete" and a["state"] == "firing" for a in mine), mine
assert not [a for a in mine if a["labels"]["alertname"] == "EduplanIndicatorDataMissing"], mine
PY
  then ok=1; break; fi
  sleep 1
done
[ "$ok" -eq 1 ] && pass "one rejected row: EduplanIndicatorDataIncomplete fires, no 无数据 EduplanIndicatorDataMissing (the data was sent)" \
  || { check_fail "alerts for the rejected row not as expected"; cat "$W/row-alerts.err" >&2; }
stop_pid "$YX_PID"

# ---- 3b. a needed cell marked missing (review #1): 在园幼儿数 “—” on every 公办 row of 2025 -----------------------------
copy_data "$W/blank"
"$PYTHON" - "$W/blank/plugins/enrolment/data/kindergartens_2025.csv" <<'PY'
import sys
p = sys.argv[1]
text = open(p, encoding="utf-8-sig").read()
eol = "\r\n" if "\r\n" in text else "\n"
lines = text.split(eol)
head = lines[0].split(",")
own, kids = head.index("办别"), head.index("在园幼儿数")
for n in range(1, len(lines)):
    cells = lines[n].split(",")
    if len(cells) > kids and cells[own] == "公办":
        cells[kids] = "—"
        lines[n] = ",".join(cells)
open(p, "w", encoding="utf-8").write(eol.join(lines))
PY
rc=0; yx once --config.file "$W/blank/deploy/youxiang.yml" > "$W/blank.prom" 2> "$W/blank.log" || rc=$?
for fam in eduplan_kindergarten_enrolment_public_ratio eduplan_kindergarten_enrolment_inclusive_ratio; do
  n=$(series "$W/blank.prom" $fam year=2025 | wc -l)
  [ "$n" -eq 0 ] && pass "$fam{year=2025}: no ratio over the filled rows" || check_fail "$fam{year=2025} served: $(series "$W/blank.prom" $fam year=2025)"
done
v=$(series "$W/blank.prom" eduplan_indicator_data_complete indicator=kindergarten_enrolment_public year=2025)
[ "$v" = "0" ] && pass "data_complete{kindergarten_enrolment_public,2025} = 0" || check_fail "data_complete = '$v'"
n=$(series "$W/blank.prom" eduplan_indicator_meets_target indicator=kindergarten_enrolment_public year=2025 | wc -l)
[ "$n" -eq 0 ] && pass "no meets_target for it" || check_fail "meets_target served for the blanked year"
v=$(series "$W/blank.prom" eduplan_indicator_data_complete indicator=kindergarten_enrolment_public year=2024)
[ "$v" = "1" ] && pass "2024 stays complete" || check_fail "data_complete{…,2024} = '$v'"
grep -q 'kindergartens_2025.csv: 在园幼儿数 (column 9) missing on' "$W/blank.log" && pass "the log names the file and the column" \
  || check_fail "no log line naming kindergartens_2025.csv and 在园幼儿数"

# ---- 4. exact numbers ---------------------------------------------------------------------------------------------
mkdir -p "$W/exact"
printf '学校标识码,金额\n2133010001,12345678901234567\n2133010002,0\n' > "$W/exact/a.csv"
printf '学校标识码,金额\n2133010001,1e309\n2133010002,5\n' > "$W/exact/b.csv"
printf '学校标识码,金额\n2133010001,1e-400\n2133010002,5\n' > "$W/exact/c.csv"
cat > "$W/exact/youxiang.yml" <<'YML'
global: {interval: 5m, timeout: 30s}
collectors:
  - name: exact
    module: table
    source:
      columns: {school_id: 学校标识码, amount: 金额}
      files: [{path: a.csv, year: 2022}, {path: b.csv, year: 2023}, {path: c.csv, year: 2024}]
    metrics:
      - {name: test_amount_sum, help: sum of a column, aggregate: sum, value: amount}
YML
rc=0; yx once --config.file "$W/exact/youxiang.yml" > "$W/exact.prom" 2> "$W/exact.log" || rc=$?
v=$(series "$W/exact.prom" test_amount_sum year=2022)
[ "$v" = "1.2345678901234568e+16" ] && pass "12345678901234567 served as 1.2345678901234568e+16" || check_fail "sum served as '$v'"
for y in 2023 2024; do
  n=$(series "$W/exact.prom" test_amount_sum year=$y | wc -l)
  [ "$n" -eq 0 ] && pass "year $y with a rejected cell: no sum" || check_fail "year $y sum served: $(series "$W/exact.prom" test_amount_sum year=$y)"
done
grep -q 'too large for a double' "$W/exact.log" && pass "1e309 rejected with a clear message" || check_fail "no 'too large' message"
grep -q 'too small in magnitude' "$W/exact.log" && pass "1e-400 rejected with a clear message" || check_fail "no 'too small' message"

finish
