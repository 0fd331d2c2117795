#!/usr/bin/env bash
# A new school year without editing YAML (issue 10): the enrolment example with its kindergarten files given as one
# pattern, `path: data/kg/kindergartens_{year}.csv`. `check config` accepts it; the running daemon serves 2023–2025;
# a file kindergartens_2026.csv put next to the others makes 2026 appear once the watcher notices (no reload, no
# YAML edit). A pattern that matches nothing makes `check config` exit 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

mktemp_dir W
wait_binary

mkdir -p "$W/data/kg"
cp plugins/enrolment/data/*.csv "$W/data/"
mv "$W"/data/kindergartens_202[345].csv "$W/data/kg/"
"$PYTHON" - "$W/example.yml" <<'PY'
import re, sys
text = open("plugins/enrolment/example.yml", encoding="utf-8").read()
text = text.replace("../plan/", __import__("os").getcwd() + "/plugins/plan/")
lines = [l for l in text.splitlines() if not re.search(r"path: data/kindergartens_202[345]\.csv", l)]
text = "\n".join(lines) + "\n"
# the pattern goes right after the 2022 entry (which spans two lines); quoted, since { } delimit a flow mapping
text = text.replace("columns: {children: 在园幼儿数/合计}}\n", "columns: {children: 在园幼儿数/合计}}\n        - {path: \"data/kg/kindergartens_{year}.csv\"}\n", 1)
assert "kindergartens_{year}" in text
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
expect "check config accepts the year pattern" yx check config "$W/example.yml"

port=$(freeport)
start_bg pid "$W/yx.log" "$YOUXIANGD" --config.file "$W/example.yml" --web.listen-address "127.0.0.1:$port" \
  --storage.path "$W/storage" --config.watch-interval 250ms
URL="http://127.0.0.1:$port"
wait_http "$URL/-/ready" 60 "$pid"

FAMILY=eduplan_kindergarten_enrolment_inclusive_ratio
# year_present YEAR: the family has a sample for YEAR (body fetched whole: see operations.sh)
year_present() { local body; body=$(curl -sf --max-time 10 "$URL/metrics") || return 2; grep -q "^$FAMILY{.*year=\"$1\"" <<<"$body"; }
expect "2025 is served from the pattern's files" year_present 2025
rc=0; year_present 2026 || rc=$?
expect "2026 is not served before its file exists" test "$rc" = 1

cp "$W/data/kg/kindergartens_2025.csv" "$W/data/kg/.kindergartens_2026.tmp"
mv "$W/data/kg/.kindergartens_2026.tmp" "$W/data/kg/kindergartens_2026.csv"
deadline=$(($(date +%s) + 20)); seen=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  year_present 2026 && { seen=1; break; }; sleep 0.2
done
expect "kindergartens_2026.csv next to the others makes 2026 appear, with no YAML edit" test "$seen" = 1
expect "the watcher logged the data change" grep -q "data file changed" "$W/yx.log"
stop_pid "$pid" || true

# a pattern that matches nothing: check config exits 1 and names the fix
sed -i 's#data/kg/kindergartens_{year}.csv#data/kg/kg_{year}.csv#' "$W/example.yml"
rc=0; out=$(yx check config "$W/example.yml" 2>&1) || rc=$?
expect "check config exits 1 when a pattern matches no file" test "$rc" = 1
expect "the message names the pattern and optional: true" grep -q "no file matches data/kg/kg_{year}.csv.*optional: true" <<<"$out"
finish
