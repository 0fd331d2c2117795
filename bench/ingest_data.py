#!/usr/bin/env python3
"""ingest_data.py DIR ROWS: a district export of ROWS rows (学校标识码 as text, a Chinese school name, stage, year,
pupils, teachers), saved as UTF-8 and as GBK, and youxiangd configurations that read each through the `table`
module (sums and ratios per stage and year: the real reader and normalization path)."""
import os, sys

d, rows = sys.argv[1], int(sys.argv[2])
os.makedirs(d, exist_ok=True)
names = ["北仑区新碶小学", "宁波市北仑区霞浦幼儿园", "北仑区柴桥中学", "北仑职业高级中学", "北仑区大碶街道成人学校"]
lines = ["学校标识码,学校名称,学段,年份,在校学生数,专任教师数"]
for i in range(rows):
    lines.append(f"{2133000000 + i % 100000},{names[i % 5]}{i % 97}号,{'小学' if i % 2 else '初中'},{2022 + i % 4},{300 + i % 1700},{20 + i % 90}")
text = "\n".join(lines) + "\n"
for enc in ("utf-8", "gbk"):
    with open(os.path.join(d, f"export.{enc}.csv"), "wb") as fh:
        fh.write(text.encode(enc))
    with open(os.path.join(d, f"{enc}.yml"), "w", encoding="utf-8") as fh:
        fh.write(f"""collectors:
  - name: export
    module: table
    timeout: 10m
    source:
      encoding: {enc}
      columns: {{school_id: 学校标识码, name: 学校名称, stage: 学段, year: 年份, pupils: 在校学生数, teachers: 专任教师数}}
      files: [{{path: export.{enc}.csv}}]
    metrics:
      - {{name: eduplan_ingest_pupils, help: pupils, aggregate: sum, value: pupils, labels: {{level: stage}}}}
      - {{name: eduplan_ingest_schools, help: rows, aggregate: count, labels: {{level: stage}}}}
      - {{name: eduplan_ingest_teacher_pupil_ratio, help: teachers per pupil, aggregate: ratio, numerator: teachers, denominator: pupils, labels: {{level: stage}}}}
""")
print(f"{rows} rows, {len(text.encode('utf-8')) / 1e6:.1f} MB UTF-8", file=sys.stderr)
