#!/usr/bin/env bash
# Exposition formats: `youxiangd once` (text 0.0.4 and OpenMetrics) and /metrics over HTTP must
# validate (promtool, prometheus_client's strict OpenMetrics parser, no duplicate series) and carry
# the right Content-Type; the GBK export and its UTF-8 twin must give identical eduplan_* series.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

CONFIG=deploy/youxiang.yml
mktemp_dir W
wait_binary

# --- helpers ----------------------------------------------------------------------------------
# promtool_ok FILE: `promtool check metrics` must exit 0 (1 = parse error, 3 = lint findings)
promtool_ok() { "$PROMTOOL" check metrics <"$1"; }

# om_ok FILE: prometheus_client's strict OpenMetrics parser accepts it, and it ends with "# EOF\n"
om_ok() {
  "$PYTHON" - "$1" <<'PY'
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
text = open(sys.argv[1], encoding="utf-8").read()
families = list(text_string_to_metric_families(text))      # a generator: force it
if not text.endswith("# EOF\n"):
    sys.exit("does not end with '# EOF\\n': ...%r" % text[-40:])
if not families:
    sys.exit("no metric families")
print("%d families" % len(families))
PY
}

# no_duplicate_series FILE: no two sample lines with the same name and label set (label order
# ignored).  Label values are parsed with the exposition escapes (\\, \", \n).
no_duplicate_series() {
  "$PYTHON" - "$1" <<'PY'
import re, sys
LBL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
seen, dups, n = {}, [], 0
for lineno, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    m = re.match(r'([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\})?', line)
    if not m:
        sys.exit("%d: unparsable sample line %r" % (lineno, line))
    key = (m.group(1), tuple(sorted(LBL.findall(m.group(2) or ""))))
    n += 1
    if key in seen:
        dups.append("lines %d and %d: %s" % (seen[key], lineno, line))
    else:
        seen[key] = lineno
for d in dups[:20]:
    print("duplicate series:", d)
if dups:
    sys.exit("%d duplicate series among %d samples" % (len(dups), n))
print("%d samples, all distinct" % n)
PY
}

# header_is FILE WANT: the Content-Type response header in a `curl -D` dump is exactly WANT
header_is() {
  local got
  got=$(tr -d '\r' <"$1" | grep -i '^content-type:' | tail -1 | sed 's/^[^:]*:[[:space:]]*//') || true
  [ "$got" = "$2" ] || { echo "Content-Type: got '$got', want '$2'"; return 1; }
}

sample_count() { grep -c '^[a-zA-Z_]' "$1" || true; }

# --- 1. youxiangd once ------------------------------------------------------------------------
rc=0; yx once --config.file "$CONFIG" >"$W/once.prom" 2>"$W/once.err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$W/once.err" >&2; fail "youxiangd once --config.file $CONFIG exited $rc"; }
[ "$(sample_count "$W/once.prom")" -gt 100 ] || fail "youxiangd once printed only $(sample_count "$W/once.prom") samples"
pass "once (text): exit 0, $(sample_count "$W/once.prom") samples"
expect "once (text): promtool check metrics exits 0"          promtool_ok "$W/once.prom"
expect "once (text): no duplicate series (name + labels)"     no_duplicate_series "$W/once.prom"
expect "once (text): strict validator (docs/conventions.md)"     "$PYTHON" Tests/e2e/validate_exposition.py "$W/once.prom"

rc=0; yx once --config.file "$CONFIG" --format openmetrics >"$W/once.om" 2>"$W/once_om.err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$W/once_om.err" >&2; fail "youxiangd once --format openmetrics exited $rc"; }
expect "once (openmetrics): prometheus_client OpenMetrics parser accepts it, ends with # EOF" om_ok "$W/once.om"
expect "once (openmetrics): no duplicate series"              no_duplicate_series "$W/once.om"
expect "once (openmetrics): strict validator (docs/conventions.md)" "$PYTHON" Tests/e2e/validate_exposition.py --om "$W/once.om"

# --- 2. over HTTP from a running daemon ---------------------------------------------------------
start_youxiangd "$CONFIG" "$W/youxiangd.log"
curl -sf --max-time 10 -D "$W/text.hdr" -o "$W/http.prom" "$YX_URL/metrics" || fail "GET $YX_URL/metrics failed"
curl -sf --max-time 10 -D "$W/om.hdr" -o "$W/http.om" -H 'Accept: application/openmetrics-text' "$YX_URL/metrics" \
  || fail "GET $YX_URL/metrics (Accept: application/openmetrics-text) failed"
# gzip: one valid member (gzip -t checks its CRC and length), and the same plan series as the plain body (alerts and
# process metrics may change between the two scrapes).
curl -sf --max-time 10 -H 'Accept-Encoding: gzip' -D "$W/gz.hdr" -o "$W/http.prom.gz" "$YX_URL/metrics" || fail "GET (gzip) failed"
expect "gzip: Content-Encoding: gzip" grep -qi '^content-encoding: gzip' "$W/gz.hdr"
expect "gzip: a valid gzip member" gzip -t "$W/http.prom.gz"
# Both bodies must have eduplan_* lines: two empty selections would compare equal.
gzip -dc "$W/http.prom.gz" >"$W/http.prom.unz" || true
expect "gzip: the decompressed body has eduplan_* series ($(grep -c '^eduplan_' "$W/http.prom.unz" || true))" grep -q '^eduplan_' "$W/http.prom.unz"
expect "gzip: the plain body has eduplan_* series ($(grep -c '^eduplan_' "$W/http.prom" || true))" grep -q '^eduplan_' "$W/http.prom"
expect "gzip: the same eduplan_* series as the plain body" bash -c "diff <(grep '^eduplan_' '$W/http.prom.unz') <(grep '^eduplan_' '$W/http.prom')"
curl -sf --max-time 10 -H 'Accept-Encoding: gzip' -H 'Accept: application/openmetrics-text' -o "$W/http.om.gz" "$YX_URL/metrics" || fail "GET (gzip, OM) failed"
expect "gzip OpenMetrics: valid, ends with # EOF" bash -c "gzip -t '$W/http.om.gz' && gzip -dc '$W/http.om.gz' | tail -1 | grep -qx '# EOF'"
expect "http (text): Content-Type text/plain; version=0.0.4; charset=utf-8" \
  header_is "$W/text.hdr" 'text/plain; version=0.0.4; charset=utf-8'
expect "http (openmetrics): Content-Type application/openmetrics-text; version=1.0.0; charset=utf-8" \
  header_is "$W/om.hdr" 'application/openmetrics-text; version=1.0.0; charset=utf-8'
expect "http (text): promtool check metrics exits 0"          promtool_ok "$W/http.prom"
expect "http (text): no duplicate series"                     no_duplicate_series "$W/http.prom"
expect "http (text): strict validator (docs/conventions.md)"     "$PYTHON" Tests/e2e/validate_exposition.py "$W/http.prom"
expect "http (openmetrics): prometheus_client OpenMetrics parser accepts it, ends with # EOF" om_ok "$W/http.om"
expect "http (openmetrics): no duplicate series"              no_duplicate_series "$W/http.om"
expect "http (openmetrics): strict validator (docs/conventions.md)" "$PYTHON" Tests/e2e/validate_exposition.py --om "$W/http.om"
# the daemon serves the same eduplan_* series as `once`
same_eduplan() { grep -q '^eduplan_' "$1" && diff <(grep '^eduplan_' "$1" | sort) <(grep '^eduplan_' "$2" | sort); }
expect "http (text): same eduplan_* series as youxiangd once" same_eduplan "$W/once.prom" "$W/http.prom"

# --- 3. the GBK export and its UTF-8 twin ---------------------------------------------------------
# Two configs that differ only in the kindergarten 2022 file (and its encoding).  They live in a
# temp dir, so the data paths are absolute.
write_twin_config() {  # FILE ENCODING OUT
  cat >"$3" <<EOF
global:
  interval: 5m
  timeout: 30s
  external_labels:
    district: "330206"

collectors:
  - name: enrolment
    module: enrolment
    kindergartens:
      columns: {school_id: 学校标识码, name: 学校名称, ownership: 办别, inclusive: 普惠性, grade: 等级, street: 所在街道, classes: 班数, children: 在园幼儿数}
      files:
        - {path: $PWD/plugins/enrolment/data/$1, year: 2022, encoding: $2, skip_rows: 2, header_rows: 2,
           columns: {children: 在园幼儿数/合计}}
    compulsory:
      columns:
        school_id: 学校标识码
        name: 学校名称
        type: 办学类型
        ownership: 办别
        stage: 学段
        students: 在校学生数
        migrant_students: 随迁子女数
        migrant_eligible: 符合条件随迁子女数
        qualified_teachers: 高于规定学历教师数
        backbone_teachers: 县级以上骨干教师数
        pe_art_teachers: 体育艺术专任教师数
        teaching_area: 教学及辅助用房面积(平方米)
        sports_area: 体育运动场馆面积(平方米)
        equipment_value: {header: 教学仪器设备值(万元), scale: 10000}
        multimedia_rooms: 网络多媒体教室数
      files:
        - {path: $PWD/plugins/enrolment/data/compulsory_2022.csv, year: 2022}
EOF
}
write_twin_config kindergartens_2022.csv gbk "$W/twin_gbk.yml"
write_twin_config kindergartens_2022.utf8.csv utf-8 "$W/twin_utf8.yml"
cmp -s "$W/twin_gbk.yml" "$W/twin_utf8.yml" && fail "twin configs are identical (test bug)"
for v in gbk utf8; do
  rc=0; yx once --config.file "$W/twin_$v.yml" >"$W/twin_$v.prom" 2>"$W/twin_$v.err" || rc=$?
  [ "$rc" -eq 0 ] || { cat "$W/twin_$v.err" >&2; fail "youxiangd once on the $v twin config exited $rc"; }
done
grep '^eduplan_' "$W/twin_gbk.prom" >"$W/twin_gbk.eduplan" || true
grep '^eduplan_' "$W/twin_utf8.prom" >"$W/twin_utf8.eduplan" || true
[ -s "$W/twin_gbk.eduplan" ] || fail "GBK twin: no eduplan_* series at all"
grep -q '^eduplan_kindergarten_enrolment_inclusive_ratio{.*year="2022"' "$W/twin_gbk.eduplan" \
  || fail "GBK twin: no eduplan_kindergarten_enrolment_inclusive_ratio for 2022 (kindergarten file not read?)"
if diff -u "$W/twin_utf8.eduplan" "$W/twin_gbk.eduplan" >"$W/twin.diff"; then
  pass "GBK twin: $(wc -l <"$W/twin_gbk.eduplan") eduplan_* lines identical for gbk and utf-8 sources"
else
  check_fail "GBK twin: eduplan_* lines differ between the gbk and utf-8 sources"; head -40 "$W/twin.diff" >&2
fi

finish
