#!/usr/bin/env bash
# Workbooks give the same series as the CSV files (issue 10): the shipped data (every CSV file deploy/youxiang.yml
# reads) is converted now, at test time, by LibreOffice headless — to .xlsx, and the GBK kindergarten export of 2022
# (two title rows, a two-row header, 合计 rows) to .xls — and a copy of the shipped configuration that reads the
# workbooks instead must give exactly the same `eduplan_*` series in `youxiangd once` output as the shipped one.
# Converting at test time keeps the check honest when the sample data changes.
#
# Nothing is left out of the comparison: no eduplan_* series names its source file (the file-naming series are the
# youxiang_* self-metrics, which are not compared).
# Needs soffice (Debian libreoffice-calc-nogui; scripts/setup installs it). Each soffice run gets its own profile
# (-env:UserInstallation) so parallel runs do not collide.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

mktemp_dir W
require_binary
command -v soffice >/dev/null || fail "soffice not found: install libreoffice-calc-nogui (scripts/setup does)"

CONFIG=deploy/youxiang.yml
XLS_NAME=${WORKBOOKS_XLS-kindergartens_2022}    # the one file converted to .xls (BIFF8); WORKBOOKS_XLS= for none
ROOT=$(pwd)

# LibreOffice's CSV import: comma, double quote, the character set by number (rtl textenc: 76 UTF-8, 67 GBK,
# 85 GB18030), from line 1. Numbers, ids and percentages arrive as numbers, as in a workbook typed by hand.
charset() {
  case $1 in
    utf-8|utf8) echo 76 ;;
    gbk) echo 67 ;;
    gb18030) echo 85 ;;
    *) fail "no LibreOffice character set for encoding $1" ;;
  esac
}

# soffice_convert FORMAT CHARSET OUTDIR FILE...: one soffice run, its own profile.
soffice_convert() {
  local fmt=$1 cs=$2 out=$3; shift 3
  mkdir -p "$out"
  HOME="$W/home" timeout 300 soffice "-env:UserInstallation=file://$W/lo-profile" --headless --norestore \
    --infilter="CSV:44,34,$cs,1" --convert-to "$fmt" --outdir "$out" "$@" >>"$W/soffice.log" 2>&1
}

listing=$("$PYTHON" Tests/e2e/workbook_config.py list "$CONFIG") || fail "cannot list the data files of $CONFIG"
n=$(grep -c . <<<"$listing")
log "$n CSV files in $CONFIG"
[ "$n" -ge 10 ] || fail "only $n CSV files found in $CONFIG"

# Group by (folder, encoding, target format): one soffice run per group.
declare -A groups=()
while IFS=$'\t' read -r path enc; do
  rel=${path#"$ROOT"/}
  fmt=xlsx; [ "$(basename "$path" .csv)" = "$XLS_NAME" ] && fmt=xls
  key="$(dirname "$rel")|$enc|$fmt"
  groups[$key]+="$path"$'\n'
done <<<"$listing"

for key in "${!groups[@]}"; do
  IFS='|' read -r dir enc fmt <<<"$key"
  mapfile -t files < <(printf '%s' "${groups[$key]}")
  soffice_convert "$fmt" "$(charset "$enc")" "$W/wb/$dir" "${files[@]}" || { tail -20 "$W/soffice.log" >&2; fail "soffice failed on $dir ($enc → $fmt)"; }
done
made=$(find "$W/wb" -name '*.xls' -o -name '*.xlsx' | wc -l)
expect "LibreOffice converted all $n CSV files ($made workbooks)" test "$made" -eq "$n"
[ -z "$XLS_NAME" ] || expect "one of them, $XLS_NAME, is an .xls (BIFF8: OLE2 signature)" \
  sh -c "find '$W/wb' -name '$XLS_NAME.xls' | grep -q . && head -c 8 \"\$(find '$W/wb' -name '$XLS_NAME.xls')\" | od -An -tx1 | grep -q 'd0 cf 11 e0 a1 b1 1a e1'"

mkdir -p "$W/deploy"
"$PYTHON" Tests/e2e/workbook_config.py rewrite "$CONFIG" "$W/deploy/youxiang.yml" "$W/wb" "$XLS_NAME" \
  || fail "cannot write the workbook copy of $CONFIG"
expect "the copy reads workbooks only" sh -c "! grep -q '\\.csv' '$W/deploy/youxiang.yml' && grep -q '\\.xlsx' '$W/deploy/youxiang.yml'"
[ -z "$XLS_NAME" ] || expect "the copy reads $XLS_NAME.xls" grep -q "$XLS_NAME\\.xls\\b" "$W/deploy/youxiang.yml"
expect "check config accepts the workbook copy" yx check config "$W/deploy/youxiang.yml"

rc=0; yx once --config.file "$CONFIG" >"$W/csv.prom" 2>"$W/csv.log" || rc=$?
expect "once on the CSV files exits 0" test "$rc" -eq 0
rc=0; yx once --config.file "$W/deploy/youxiang.yml" >"$W/wb.prom" 2>"$W/wb.log" || rc=$?
expect "once on the workbooks exits 0" test "$rc" -eq 0
[ "$rc" -eq 0 ] || tail -20 "$W/wb.log" >&2

# The eduplan_* samples (HELP and TYPE lines too), sorted.
series() { grep -E '^(# (HELP|TYPE) )?eduplan_' "$1" | LC_ALL=C sort; }
series "$W/csv.prom" >"$W/csv.series"
series "$W/wb.prom" >"$W/wb.series"
samples=$(grep -vc '^#' "$W/csv.series" || true)
log "$samples eduplan_* samples from the CSV files, $(grep -vc '^#' "$W/wb.series" || true) from the workbooks"
expect "the CSV files give eduplan_* samples ($samples)" test "$samples" -ge 100
expect "every year 2022–2025 has samples" sh -c "for y in 2022 2023 2024 2025; do grep -q \"year=\\\"\$y\\\"\" '$W/csv.series' || exit 1; done"
if cmp -s "$W/csv.series" "$W/wb.series"; then
  pass "the workbooks give exactly the same eduplan_* series as the CSV files ($samples samples)"
else
  check_fail "the workbooks' eduplan_* series differ from the CSV files' (< CSV, > workbooks):"
  diff "$W/csv.series" "$W/wb.series" | head -30 | sed 's/^/        | /' >&2
fi
expect "the kindergarten series of 2022 (from the .xls file) are there" \
  sh -c "grep -q '^eduplan_kindergarten_enrolment_inclusive_ratio{.*year=\"2022\"' '$W/wb.series'"
finish
