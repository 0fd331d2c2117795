#!/bin/sh
# Regenerates the ingest fixtures. The GBK files are produced by iconv from UTF-8 text, so the bytes are what
# Excel on Chinese Windows writes. Run from this folder: sh make_fixtures.sh
set -eu
crlf() { sed 's/$/\r/'; }

# A district export: title row, 填报单位 row, two-row header with merged cells (and a header cell with a line break
# and full-width brackets), data rows with decorated numbers, blank row, 合计/其中 subtotal rows, 填表人 footer.
cat > school_basic.src <<'CSV'
2023学年初北仑区小学基本情况统计表,,,,,,,,,,
填报单位:北仑区教育局(盖章),,,,,,,单位:人、平方米、万元,,,
学校标识码,学校名称,办学类型,班数,在校学生数,,,专任教师数,,"教学仪器设备值
（万元）",是否寄宿
,,,,合计,其中:女,其中:随迁子女,合计,其中:研究生,,
2133000001,北仑区新碶小学,211,36,"1,620",771,532,96,9,385.6,否
2133000002,北仑区大碶小学,211,３０,"1，350",640,—,80,/,210.25,是
2.13301E+09,"北仑区""明德""实验学校",312,24,1200,N/A,92.5%,70,,"1,234.5",√
,,,,,,,,,,
合计,,,90,4170,1411,532,246,9,1830.35,
其中:公办,,,90,4170,1411,532,246,9,1830.35,
　其中:民办,,,0,0,0,0,0,0,0,
填表人:张三,,审核人:李四,,填报日期:2023.10.15,,,,,,
CSV
crlf < school_basic.src > school_basic_gbk.body
iconv -f UTF-8 -t GBK school_basic_gbk.body > school_basic_gbk.csv
printf '\357\273\277' > school_basic_utf8.csv
cat school_basic_gbk.body >> school_basic_utf8.csv
rm school_basic.src school_basic_gbk.body

# GBK with an invalid byte sequence (0xFF 0xFF) in the 学校名称 cell of the record on line 3.
{
  printf '学校标识码,学校名称,班数\r\n2133000001,北仑区新碶小学,36\r\n' | iconv -f UTF-8 -t GBK
  printf '2133000002,北仑区' | iconv -f UTF-8 -t GBK
  printf '\377\377'
  printf '小学,30\r\n2133000003,北仑区霞浦学校,24\r\n' | iconv -f UTF-8 -t GBK
} > invalid_gbk.csv

# UTF-8 with an invalid sequence (0xC3 0x28) in the 学校名称 cell of line 3.
{
  printf '学校标识码,学校名称,班数\n2133000001,北仑区新碶小学,36\n2133000002,北仑区'
  printf '\303\050'
  printf '小学,30\n2133000003,北仑区霞浦学校,24\n'
} > invalid_utf8.csv
