#!/usr/bin/env bash
# The office's view (issue 9), in a real browser: youxiangd on the shipped data, headless Chromium loading `/`, an
# indicator page and the report, assertions on the rendered DOM (every one of the plan's 36 indicators by its Chinese
# name, the 2025 values and targets against /metrics and targets.yml, rows 2 and 9 marked 未达标, one SVG chart per
# indicator; the national county assessments' section: every criterion with its standard and status, the schools
# below standard by name, worst first), the report printed to PDF (A4, more than one page, every indicator and every 责任单位 section in
# pdftotext's output). Screenshots and the PDF go to a folder printed at the end (E2E_SHOTS, else a new temp folder
# that is kept).
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

CHROMIUM=${CHROMIUM:-chromium}
command -v "$CHROMIUM" >/dev/null || fail "$CHROMIUM not found (scripts/setup installs it)"
command -v pdftotext >/dev/null || fail "pdftotext not found (scripts/setup installs poppler-utils)"
mktemp_dir W
SHOTS=${E2E_SHOTS:-$(mktemp -d "${TMPDIR:-/tmp}/youxiang-office-shots.XXXXXX")}
mkdir -p "$SHOTS"

# chrome ARGS... URL: one headless Chromium run with its own profile (no sandbox: CI runs as root).
chrome() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$W/chrome-profile" --lang=zh-CN --hide-scrollbars "$@" 2>>"$W/chromium.log"
}

sed "s#\.\./plugins/#$PWD/plugins/#g" deploy/youxiang.yml >"$W/youxiang.yml"
wait_binary
port=$(freeport)
start_bg YX_PID "$W/yx.log" "$YOUXIANGD" --config.file "$W/youxiang.yml" --web.listen-address "127.0.0.1:$port" \
  --storage.path "$W/storage" --config.watch-interval 0s
YX_URL="http://127.0.0.1:$port"
wait_http "$YX_URL/-/ready" 90 "$YX_PID" || { tail -20 "$W/yx.log" >&2; fail "youxiangd not ready"; }

# Wait for the first rule evaluation, so the alert table has the two missed 2025 targets.
deadline=$(($(date +%s) + 60))
until grep -q EduplanTargetMissed <<<"$(curl -sf "$YX_URL/api/v1/alerts" || true)"; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "no EduplanTargetMissed alert within 60 s"
  sleep 0.5
done
curl -sf "$YX_URL/metrics" >"$W/metrics.txt" || fail "GET /metrics"

# --- page requests never delay a scrape -----------------------------------------------------------------
# Eight different pages (none cached yet, so each renders, one at a time) requested at once; while they are in
# flight /metrics must answer within 1 s (it took 3.5 s when pages rendered on the threads that answer scrapes).
page_pids=()
for page in "report?year=2022" "report?year=2023" "report?year=2024" "report?year=2025" "" \
  indicator/kindergarten_enrolment_public indicator/interschool_variation_primary indicator/interschool_variation_junior; do
  curl -s -o /dev/null -w '%{http_code}\n' "$YX_URL/$page" >>"$W/concurrent-pages.txt" &
  page_pids+=($!)
done
sleep 0.3
scrape_s=$(curl -sf -o /dev/null -w '%{time_total}' "$YX_URL/metrics") || fail "GET /metrics with pages in flight"
in_flight=0
for p in "${page_pids[@]}"; do kill -0 "$p" 2>/dev/null && in_flight=$((in_flight + 1)); done
log "/metrics took ${scrape_s} s with $in_flight of 8 page requests still in flight"
expect "/metrics answers within 1 s while 8 page requests are in flight (took ${scrape_s} s, $in_flight still in flight)" \
  sh -c "test $in_flight -gt 0 && awk 'BEGIN { exit !($scrape_s < 1) }'"
for p in "${page_pids[@]}"; do wait "$p"; done
expect "the 8 concurrent pages all answered 200" sh -c "test \$(grep -c '^200\$' '$W/concurrent-pages.txt') -eq 8"

# --- /report?year=2022 knows only 2022 (review #9) -------------------------------------------------------
curl -sf "$YX_URL/report?year=2022" >"$W/report-2022.html" || fail "GET /report?year=2022"
expect "/report?year=2022: no pass dated after 2022, no trend through later years, no “0项” sentence" \
  sh -c "! grep -Eq '已于202[3-9]年通过|按趋势预测|0项设有当年目标' '$W/report-2022.html' && grep -q '省级评估暂无通过记录' '$W/report-2022.html'"

# --- / -----------------------------------------------------------------------------------------------
chrome --dump-dom "$YX_URL/" >"$W/home.html" || fail "chromium --dump-dom / failed (see $W/chromium.log)"
chrome --screenshot="$SHOTS/home.png" --window-size=1600,4000 "$YX_URL/" >/dev/null || check_fail "screenshot of /"
expect "the page is the office's Chinese page" grep -q '北仑区“学有优教”专项实施方案指标监测' "$W/home.html"
expect "the operators' collector table moved to /status" sh -c "curl -sf '$YX_URL/status' | grep -q 'Collectors'"
expect "/ no longer shows the collector table" sh -c "! grep -q '<h2>Collectors</h2>' '$W/home.html'"

"$PYTHON" Tests/e2e/check_office_dom.py home "$W/home.html" plugins/plan/targets.yml "$W/metrics.txt" \
  && pass "/: every indicator, 2025 values and targets, 未达标 rows 2 and 9, one SVG chart each, alerts at the top" \
  || check_fail "/ DOM checks (above)"

"$PYTHON" Tests/e2e/check_assessment_dom.py home "$W/home.html" "$W/metrics.txt" \
  && pass "/: both national assessments, all 18 criteria with a status, 学前三年毛入园率 “不低于85%”, the equipment standard, every school failing the 6-of-7 rule named with its shortfall, worst first" \
  || check_fail "/ assessment section DOM checks (above)"

# --- an indicator page ---------------------------------------------------------------------------------
chrome --dump-dom "$YX_URL/indicator/interschool_variation_primary" >"$W/cv.html" || fail "chromium indicator page"
chrome --screenshot="$SHOTS/indicator-interschool_variation_primary.png" --window-size=1300,2200 "$YX_URL/indicator/interschool_variation_primary" >/dev/null || check_fail "screenshot of the indicator page"
chrome --dump-dom "$YX_URL/indicator/kindergarten_enrolment_public" >"$W/row2.html" || fail "chromium row-2 page"
chrome --screenshot="$SHOTS/indicator-kindergarten_enrolment_public.png" --window-size=1300,1800 "$YX_URL/indicator/kindergarten_enrolment_public" >/dev/null || check_fail "screenshot of row 2"
"$PYTHON" Tests/e2e/check_office_dom.py indicator "$W/cv.html" "$W/row2.html" \
  && pass "indicator pages: every year 2022–2027, the 7 resources against 0.25 and 0.50, the schools pulling the coefficient up" \
  || check_fail "indicator page DOM checks (above)"
code=$(curl -s -o /dev/null -w '%{http_code}' "$YX_URL/indicator/no_such_indicator")
expect "an unknown indicator is 404" test "$code" = 404
code=$(curl -s -o /dev/null -w '%{http_code}' "$YX_URL/report?year=abc")
expect "/report?year=abc is 400" test "$code" = 400
code=$(curl -s -o "$W/nul.html" -w '%{http_code}' "$YX_URL/report?year=%00")
nuls=$(tr -cd '\000' <"$W/nul.html" | wc -c)
expect "/report?year=%00 is 400, in Chinese, without echoing the NUL" \
  sh -c "test '$code' = 400 && test '$nuls' -eq 0 && grep -q '报告年份应为' '$W/nul.html'"
latest=$(curl -s "$YX_URL/report" | grep -o '数据截至[0-9]*年度' | head -1 | tr -dc 0-9)
if [ -n "$latest" ] && [ "$latest" -lt 2027 ]; then
  next=$((latest + 1))
  code=$(curl -s -o "$W/future.html" -w '%{http_code}' "$YX_URL/report?year=$next")
  expect "/report?year=$next (after the latest data year $latest) is 400 with a Chinese reason" \
    sh -c "test '$code' = 400 && grep -q '${next}年尚无任何指标数据' '$W/future.html'"
fi

# --- the report ------------------------------------------------------------------------------------------
chrome --dump-dom "$YX_URL/report?year=2025" >"$W/report-http.html" || fail "chromium /report"
expect "/report?year=2025 has the report's title" grep -q '北仑区“学有优教”专项实施方案2025年度实施情况' "$W/report-http.html"
expect "/ and /report write every date-time in the one 公文 form (“2026年12月1日 21:27”), never “2026-12-01 21:27”" \
  sh -c "grep -Eq '生成时间：[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日 [0-9]{2}:[0-9]{2}（北京时间）' '$W/home.html' \
    && grep -Eq '[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日 [0-9]{2}:[0-9]{2}生成' '$W/report-http.html' \
    && ! grep -Eq '[0-9]{4}-[0-9]{2}-[0-9]{2}' '$W/home.html' '$W/report-http.html'"
# review #12–#14: the office's wording on /, /report and in the alerts
curl -sf "$YX_URL/api/v1/alerts" >"$W/alerts.json" || fail "GET /api/v1/alerts"
expect "office texts: no series name, raw key or empty position in the alerts; numbers with thousands separators as on the pages" \
  sh -c "! grep -Eq '序列 eduplan_|keep_last_good|:0:' '$W/alerts.json' && grep -q '3,510个学位' '$W/alerts.json' && grep -q '3,510个学位' '$W/home.html'"
expect "punctuation: lists end in “。”, no “；” before a new sentence, no “）））”, task titles in “”, the summary counts once, no zero counts" \
  sh -c "! grep -Eq '；(</a>)?</p>|；请牵头单位|）））|各项状态合计|牵头0项|配合0项' '$W/home.html' '$W/report-http.html' \
    && grep -q '按“（二）扩大学前教育普及普惠”推定' '$W/home.html'"
sed 's#^  district_zh: 北仑区.*#  district_zh: 海曙区#' "$W/youxiang.yml" >"$W/haishu.yml"
yx report --config.file "$W/haishu.yml" --year 2025 --out "$W/haishu-report.html" 2>"$W/haishu.err" || { cat "$W/haishu.err" >&2; fail "youxiangd report (海曙区) failed"; }
expect "plan.district_zh names the district and its office in the report (title, issuer, signature), not Beilun" \
  sh -c "grep -q '海曙区“学有优教”专项实施方案2025年度实施情况' '$W/haishu-report.html' \
    && test \$(grep -c '海曙区公共服务七优享工程专班办公室' '$W/haishu-report.html') -ge 2 \
    && ! grep -q '北仑区公共服务七优享工程专班办公室' '$W/haishu-report.html'"
"$PYTHON" Tests/e2e/check_assessment_dom.py report "$W/report-http.html" "$W/metrics.txt" \
  && pass "/report?year=2025: the national assessments' section, criteria with standards and status, failing schools named, worst first" \
  || check_fail "/report assessment section DOM checks (above)"
yx report --config.file "$W/youxiang.yml" --year 2025 --out "$W/report.html" 2>"$W/report.err" || { cat "$W/report.err" >&2; fail "youxiangd report failed"; }
if [ -n "${next:-}" ]; then
  rc=0; yx report --config.file "$W/youxiang.yml" --year "$next" --out "$W/future-report.html" 2>"$W/future.err" || rc=$?
  expect "youxiangd report --year $next (no data yet) exits 1 with the Chinese reason" \
    sh -c "test '$rc' = 1 && grep -q '${next}年尚无任何指标数据' '$W/future.err'"
fi
cp "$W/report.html" "$SHOTS/report.html"
expect "the report file has no external reference (src=, href=http, url(, @import)" \
  sh -c "! grep -Eq 'src=|href=\"(https?:)?//|url\\(|@import' '$W/report.html'"
expect "the report has no script" sh -c "! grep -qi '<script' '$W/report.html'"
chrome --print-to-pdf="$SHOTS/report.pdf" --no-pdf-header-footer "file://$W/report.html" >/dev/null || fail "chromium --print-to-pdf failed"
chrome --screenshot="$SHOTS/report.png" --window-size=1000,3000 "file://$W/report.html" >/dev/null || check_fail "screenshot of the report"
pdfinfo "$SHOTS/report.pdf" >"$W/pdfinfo.txt"
pages=$(awk '/^Pages:/ {print $2}' "$W/pdfinfo.txt")
expect "the PDF has more than one page ($pages)" test "${pages:-0}" -gt 1
expect "the PDF is A4 (pdfinfo: $(awk -F': +' '/^Page size/ {print $2}' "$W/pdfinfo.txt"))" grep -Eq '^Page size: .*\(A4\)' "$W/pdfinfo.txt"
pdftotext -raw "$SHOTS/report.pdf" "$W/report.txt"
"$PYTHON" Tests/e2e/check_office_dom.py pdf "$W/report.txt" plugins/plan/targets.yml \
  && pass "the PDF names every indicator and has a section for every 责任单位" \
  || check_fail "PDF text checks (above)"

echo "screenshots and the report PDF: $SHOTS"
finish
