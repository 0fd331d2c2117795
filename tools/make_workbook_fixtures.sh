#!/bin/sh
# Converts the shipped sample CSV files of the plugins to .xlsx with LibreOffice (a real producer), into
# Tests/YouxiangTests/Fixtures/workbooks/<plugin>/data/. The workbook tests read them with the example configs and
# expect exactly the same series as from the CSV files. Run from the repository root after changing the sample data:
#   apt-get install -y --no-install-recommends libreoffice-calc-nogui && tools/make_workbook_fixtures.sh
# CSV import settings: comma, double quote, UTF-8 (76), from line 1; LibreOffice detects numbers, so ids, counts and
# percentages arrive as numbers with their number formats, as in a workbook typed by hand.
set -eu
out=Tests/YouxiangTests/Fixtures/workbooks
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for plugin in enrolment vocational_progression lifelong_learning digital_infrastructure table; do
    mkdir -p "$out/$plugin/data"
    for csv in plugins/$plugin/data/*.csv; do
        name=$(basename "$csv" .csv)
        case "$name" in *.utf8) continue ;; esac
        src="$csv"
        # GBK exports ship with a UTF-8 twin (name.utf8.csv); LibreOffice reads that one.
        [ -f "plugins/$plugin/data/$name.utf8.csv" ] && src="plugins/$plugin/data/$name.utf8.csv"
        cp "$src" "$tmp/$name.csv"
        HOME="$tmp" soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$out/$plugin/data" "$tmp/$name.csv" >/dev/null
    done
done
ls -l "$out"/*/data | head -50
