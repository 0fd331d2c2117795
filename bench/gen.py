#!/usr/bin/env python3
"""gen.py DIR N: the benchmark's data for N series, shaped like the plan's per-school data.

Writes DIR/data.csv (the spreadsheet export youxiangd reads: one row per school, level, year and grade, five value
columns), DIR/youxiang.yml (a `table` collector turning it into five families with labels grade, level, school_id,
year), and DIR/series.tsv (the same series for the peers: family, help, label names, label values, value).
Values are non-integral (x.25, x.5, x.75) so that Go, Python and Swift print them identically."""
import os, sys

out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
families = [
    ("eduplan_bench_equipment_value_yuan", "Teaching equipment value per school, stage, year and grade (benchmark)."),
    ("eduplan_bench_floor_area_square_meters", "Teaching floor area per school, stage, year and grade (benchmark)."),
    ("eduplan_bench_multimedia_classrooms", "Networked multimedia classrooms per school, stage, year and grade (benchmark)."),
    ("eduplan_bench_students", "Enrolled pupils per school, stage, year and grade (benchmark)."),
    ("eduplan_bench_teachers", "Full-time teachers per school, stage, year and grade (benchmark)."),
]
rows = n // len(families)
levels = ["junior", "primary"]
keys = []
for r in range(rows):
    school = 2133000000 + r // 48
    level = levels[(r // 24) % 2]
    year = 2022 + (r // 6) % 4
    grade = 1 + r % 6
    keys.append((str(grade), level, str(school), str(year)))
fractions = [0.25, 0.5, 0.75]
def value(r, f):
    return (r * 7 + f * 131) % 5000 + fractions[(r + f) % 3]

with open(os.path.join(out, "data.csv"), "w", encoding="utf-8") as fh:
    fh.write("学校标识码,学段,年份,年级," + ",".join(f"v{f}" for f in range(len(families))) + "\n")
    for r, (grade, level, school, year) in enumerate(keys):
        fh.write(f"{school},{level},{year},{grade}," + ",".join(repr(value(r, f)) for f in range(len(families))) + "\n")

with open(os.path.join(out, "youxiang.yml"), "w", encoding="utf-8") as fh:
    fh.write("global: {interval: 1h, timeout: 10m}\ncollectors:\n  - name: bench\n    module: table\n    source:\n")
    fh.write("      columns: {school_id: 学校标识码, level: 学段, year: 年份, grade: 年级, "
             + ", ".join(f"v{f}: v{f}" for f in range(len(families))) + "}\n")
    fh.write("      files: [{path: data.csv}]\n    metrics:\n")
    for f, (name, help_) in enumerate(families):
        fh.write(f"      - {{name: {name}, help: \"{help_}\", aggregate: value, value: v{f}, "
                 "labels: {grade: grade, level: level, school_id: school_id}}\n")

# Sorted as every exposition here is: families by name, series by label values (labels sorted by name).
order = sorted(range(rows), key=lambda r: keys[r])
with open(os.path.join(out, "series.tsv"), "w", encoding="utf-8") as fh:
    for f, (name, help_) in enumerate(families):
        for r in order:
            grade, level, school, year = keys[r]
            fh.write(f"{name}\t{help_}\tgrade,level,school_id,year\t{grade},{level},{school},{year}\t{value(r, f)!r}\n")
print(f"{rows * len(families)} series, {rows} rows")
