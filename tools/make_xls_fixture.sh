#!/bin/sh
# Makes the .xls (BIFF8) fixture Tests/YouxiangTests/Fixtures/workbooks/edge/kindergartens.xls from the LibreOffice
# .xlsx fixture next to it (hidden first sheet 说明; sheet 基础基311 with two title rows, a merged two-row header,
# text-styled 学校标识码, a date column, a formula with its cached value, #DIV/0!, a 合计 row), saved by LibreOffice
# headless as "MS Excel 97" — what WPS and old Excel hand over. Run from the repository root:
#   apt-get install -y --no-install-recommends libreoffice-calc-nogui && tools/make_xls_fixture.sh
set -eu
dir=Tests/YouxiangTests/Fixtures/workbooks/edge
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$dir/kindergartens.lo.xlsx" "$tmp/kindergartens.xlsx"
HOME="$tmp" soffice "-env:UserInstallation=file://$tmp/profile" --headless --norestore \
    --convert-to xls --outdir "$tmp/out" "$tmp/kindergartens.xlsx" >/dev/null
cp "$tmp/out/kindergartens.xls" "$dir/kindergartens.xls"
ls -l "$dir/kindergartens.xls"
