#!/usr/bin/env bash
# A real Prometheus scrapes youxiangd (deploy/youxiang.yml); the 2022 table indicators arrive at the
# plan's baseline values, the 2023–2027 targets exist, and eduplan_indicator_meets_target for 2025
# flags exactly the two indicators that miss.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

CONFIG=deploy/youxiang.yml
mktemp_dir W
FIRST_SCRAPE_TIMEOUT=${FIRST_SCRAPE_TIMEOUT:-60}

# --- start youxiangd, then Prometheus -----------------------------------------------------------
start_youxiangd "$CONFIG" "$W/youxiangd.log"      # returns once /-/ready is 200 (every collector ran)
YX_ADDR=${YX_URL#http://}

cat >"$W/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: youxiang
    static_configs:
      - targets: ['$YX_ADDR']
EOF
"$PROMTOOL" check config "$W/prometheus.yml" >"$W/promtool.out" 2>&1 || { cat "$W/promtool.out" >&2; fail "promtool check config rejected the generated prometheus.yml"; }
start_prometheus "$W/prometheus.yml" "$W/data" "$W/prometheus.log"

# --- wait for the first complete scrape -----------------------------------------------------------
# Complete = up is 1 and Prometheus holds as many eduplan_* series as the daemon serves right now.
want_series=$(curl -sf --max-time 10 "$YX_URL/metrics" | grep -c '^eduplan_') || fail "cannot read $YX_URL/metrics"
[ "$want_series" -gt 0 ] || fail "the daemon serves no eduplan_* series"
t0=$(date +%s); deadline=$((t0 + FIRST_SCRAPE_TIMEOUT)); got_series=0; up=""
while :; do
  kill -0 "$PROM_PID" 2>/dev/null || { tail -20 "$W/prometheus.log" >&2; fail "prometheus (PID $PROM_PID) exited"; }
  kill -0 "$YX_PID" 2>/dev/null || { tail -20 "$W/youxiangd.log" >&2; fail "youxiangd (PID $YX_PID) exited"; }
  up=$(prom_query 'up{job="youxiang"}' 2>/dev/null | cut -f2) || up=""
  got_series=$(prom_query 'count({job="youxiang",__name__=~"eduplan_.+"})' 2>/dev/null | cut -f2) || got_series=""
  [ "$up" = 1 ] && [ "${got_series:-0}" = "$want_series" ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    tail -20 "$W/prometheus.log" >&2
    fail "no complete scrape within ${FIRST_SCRAPE_TIMEOUT}s (up='${up}', eduplan_* series ${got_series:-0}/$want_series)"
  fi
  sleep 0.5
done
pass "first complete scrape after $(($(date +%s) - t0))s: up{job=\"youxiang\"} = 1, $want_series eduplan_* series"

# --- helpers -----------------------------------------------------------------------------------------
# value_is EXPR WANT: EXPR returns exactly one sample, numerically equal to WANT (tolerance 1e-9)
value_is() {
  local res n v
  res=$(prom_query "$1") || { echo "query failed: $1"; return 1; }
  n=$(printf '%s' "$res" | grep -c . || true)
  [ "$n" -eq 1 ] || { echo "want exactly 1 sample, got $n:"; printf '%s\n' "$res"; return 1; }
  v=$(printf '%s' "$res" | cut -f2)
  approx_eq "$v" "$2" || { echo "got $v, want $2 ($res)"; return 1; }
}
baseline() {  # METRIC_WITH_OPTIONAL_LABELS WANT -> checks METRIC{...,year="2022"}
  local sel=$1 want=$2 q
  if [[ $sel == *'}' ]]; then q="${sel%\}},year=\"2022\"}"; else q="$sel{year=\"2022\"}"; fi
  expect "2022 baseline $q = $want" value_is "$q" "$want"
}

# --- 2022: every table indicator at the plan's baseline (基数) -----------------------------------------
baseline eduplan_kindergarten_enrolment_inclusive_ratio 0.9
baseline eduplan_kindergarten_enrolment_public_ratio 0.67
# rows 5 and 6 match the plan's printed 100 and 99.91 to its precision (eligible migrant pupils in private schools;
# junior graduates a third of enrolment): 15721/15784 and 7771/7778
baseline eduplan_migrant_children_public_school_ratio 0.99600861632
baseline eduplan_junior_graduates_upper_secondary_ratio 0.999100025714
baseline 'eduplan_expected_schooling_years{source="official"}' 15.2
baseline eduplan_vocational_entrants_long_programme_ratio 0.3
baseline eduplan_vocational_graduates_higher_education_ratio 0.6
baseline eduplan_vocational_training_person_times 6800
baseline eduplan_industry_education_projects 5
baseline 'eduplan_higher_education_gross_enrolment_ratio{source="official"}' 0.74
baseline 'eduplan_county_assessment_passed{assessment="preschool_universal_inclusive",tier="provincial"}' 1

# --- targets 2023–2027 ----------------------------------------------------------------------------------
at_least() {  # EXPR MIN: a single sample >= MIN
  local v; v=$(prom_query "$1" | cut -f2) || { echo "query failed: $1"; return 1; }
  [ -n "$v" ] || { echo "no result for $1"; return 1; }
  "$PYTHON" -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' "$v" "$2" || { echo "got $v, want >= $2"; return 1; }
}
years_cover() {  # METRIC: the series' year labels include 2023..2027
  local years missing=""
  years=$(prom_query "count by (year) ($1)" | "$PYTHON" -c 'import json,sys; print(" ".join(sorted(json.loads(l.split("\t")[0]).get("year","") for l in sys.stdin if l.strip())))') \
    || { echo "query failed"; return 1; }
  for y in 2023 2024 2025 2026 2027; do [[ " $years " == *" $y "* ]] || missing+=" $y"; done
  [ -z "$missing" ] || { echo "years present: [$years], missing:$missing"; return 1; }
}
expect 'count(eduplan_kindergarten_enrolment_inclusive_target_ratio) >= 5' at_least 'count(eduplan_kindergarten_enrolment_inclusive_target_ratio)' 5
expect 'eduplan_kindergarten_enrolment_inclusive_target_ratio covers years 2023–2027' years_cover eduplan_kindergarten_enrolment_inclusive_target_ratio
expect 'eduplan_kindergarten_enrolment_public_target_ratio covers years 2023–2027' years_cover eduplan_kindergarten_enrolment_public_target_ratio
# 2027: the table and the task text both say 75% (two series, target_source=table|text); all must be 0.75
all_equal() {  # EXPR WANT: at least one sample, every sample == WANT
  local res v bad=0
  res=$(prom_query "$1") || { echo "query failed: $1"; return 1; }
  [ -n "$res" ] || { echo "no result for $1"; return 1; }
  while IFS=$'\t' read -r _ v; do approx_eq "$v" "$2" || bad=1; done <<<"$res"
  [ "$bad" = 0 ] || { echo "want every sample = $2, got:"; printf '%s\n' "$res"; return 1; }
}
expect 'eduplan_kindergarten_enrolment_public_target_ratio{year="2027"} = 0.75' \
  all_equal 'eduplan_kindergarten_enrolment_public_target_ratio{year="2027"}' 0.75

# --- 2025: exactly three indicators miss their target (rows 2, 9, and row 5's 100%) -----------------------
misses_are() {
  local got want="kindergarten_enrolment_public migrant_children_public_school vocational_graduates_higher_education"
  got=$(prom_query 'eduplan_indicator_meets_target{year="2025"} == 0' \
        | "$PYTHON" -c 'import json,sys; print(" ".join(sorted(json.loads(l.split("\t")[0]).get("indicator","?") for l in sys.stdin if l.strip())))') \
    || { echo "query failed"; return 1; }
  [ "$got" = "$want" ] || { echo "got [$got], want [$want]"; return 1; }
}
expect 'eduplan_indicator_meets_target{year="2025"} == 0 is exactly {kindergarten_enrolment_public, migrant_children_public_school, vocational_graduates_higher_education}' misses_are
expect 'eduplan_indicator_meets_target{year="2025"} has more than 2 indicators (the query above is not vacuous)' \
  at_least 'count(eduplan_indicator_meets_target{year="2025"})' 4

# --- the plan's 2022 forecast (预测值) and its contradictions, as series ------------------------------------
expect 'eduplan_kindergarten_enrolment_public_baseline_ratio{year="2022"} = 0.67 (the forecast, beside the measured 2022 value)' \
  value_is 'eduplan_kindergarten_enrolment_public_baseline_ratio{year="2022"}' 0.67
expect 'row 7 2027: both readings served (table 15.7, text 15.6), the table evaluated' \
  value_is 'eduplan_plan_target_conflict_info{indicator="expected_schooling_years",year="2027",table="15.7",evaluated="table"}' 1
expect 'meets_target_by_source has a table reading for 2025' \
  at_least 'count(eduplan_indicator_meets_target_by_source{year="2025",target_source="table"})' 3

# --- up and the external label ------------------------------------------------------------------------------
expect 'up{job="youxiang"} = 1' value_is 'up{job="youxiang"}' 1
expect 'every eduplan_* series carries district="330206"' value_is \
  'count({job="youxiang",__name__=~"eduplan_.+",district="330206"}) == count({job="youxiang",__name__=~"eduplan_.+"})' "$want_series"
expect 'no youxiang_* / eduplan_* series without district="330206"' value_is \
  'count({job="youxiang",__name__=~"(eduplan|youxiang)_.+",district!="330206"}) or vector(0)' 0
expect 'youxiang_collector_failures_total all 0' value_is 'sum(youxiang_collector_failures_total{job="youxiang"})' 0

finish
