#!/usr/bin/env python3
"""Generate the sample files the `assessment` module reads beside the enrolment exports (Beilun, 330206).

The per-school exports under plugins/enrolment/data/ and the population by age under
plugins/lifelong_learning/data/ are *read*, never written. This script adds what the two national county
assessments need and those exports lack, for school years 2022..2025, in plugins/assessment/data/:

  classes_<year>.csv               one row per compulsory-school class: 学校标识码, 学段, 年级, 班级, 班额
                                   (pupils per school stage add up to the stage's 在校学生数)
  kindergarten_classes_<year>.csv  one row per kindergarten class: 学校标识码, 班级, 班型, 幼儿数
                                   (班数 and 在园幼儿数 of the kindergarten export)
  kindergarten_staff_<year>.csv    per kindergarten: 学校标识码, 专任教师数
  junior_cohorts_<year>.csv        per junior school stage: 学校标识码, 初一入学人数 (the cohort two years earlier),
                                   初三在校生数
  migrant_purchased_<year>.csv     per private compulsory school: 学校标识码, 政府购买学位随迁子女数
                                   (never more than the school's 符合条件随迁子女数)

Re-run it after tools/gen_sample_data.py regenerates the enrolment exports, so the two stay consistent.
Standard library only, deterministic (random.Random(20261216)): re-running rewrites byte-identical files.
Usage:  python3 tools/gen_assessment_data.py
"""
from __future__ import annotations

import csv
import math
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENROL = ROOT / "plugins" / "enrolment" / "data"
OUT = ROOT / "plugins" / "assessment" / "data"
YEARS = [2022, 2023, 2024, 2025]
rng = random.Random(20261216)
# 大班额 being phased out: how many compulsory classes exceed the limit, by year (0 from 2024).
OVERSIZED = {2022: 3, 2023: 1, 2024: 0, 2025: 0}
# one junior school whose cohort retention falls below 95% in a year (the district stays above it)
LOW_RETENTION = {2024: 0.93}
# class-size limits of the preschool assessment, used only to shape the sample classes
KG_LIMIT = {"小班": 25, "中班": 30, "大班": 35, "混龄班": 30}


def read_rows(path: Path, skip: int = 0) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))[skip:]
    header = [h.strip() for h in lines[0]]
    rows = []
    for cells in lines[1:]:
        if not cells or not cells[0].strip().isdigit() or len(cells[0].strip()) != 10:
            continue  # 合计 / 其中 rows, blank lines
        rows.append(dict(zip(header, (c.strip() for c in cells))))
    return rows


def number(text: str) -> int:
    t = text.replace(",", "")
    return int(t) if t.isdigit() else 0


def split(total: int, parts: int, spread: int) -> list[int]:
    """`total` in `parts` near-equal whole parts with a seeded jitter of ±spread, summing exactly to `total`."""
    base = [total // parts + (1 if i < total % parts else 0) for i in range(parts)]
    for _ in range(parts):
        i, j = rng.randrange(parts), rng.randrange(parts)
        d = rng.randint(0, spread)
        if i != j and base[j] - d > 1:
            base[i] += d
            base[j] -= d
    return base


def write(name: str, header: list[str], rows: list[list[object]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / name).open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def compulsory(year: int) -> None:
    schools = read_rows(ENROL / f"compulsory_{year}.csv")
    classes: list[list[object]] = []
    cohorts: list[list[object]] = []
    purchased: list[list[object]] = []
    limit = {"小学": 45, "初中": 50}
    grades = {"小学": ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"], "初中": ["七年级", "八年级", "九年级"]}
    low = LOW_RETENTION.get(year)
    junior_seen = 0
    for s in schools:
        sid, stage, pupils = s["学校标识码"], s["学段"], number(s["在校学生数"])
        names = grades[stage]
        per_grade = split(pupils, len(names), 3)
        for g, n in zip(names, per_grade):
            k = max(1, math.ceil(n / (limit[stage] - 6)))
            for c, size in enumerate(split(n, k, 2), start=1):
                classes.append([sid, stage, g, f"{g}({c})班", size])
        if stage == "初中":
            ninth = per_grade[-1]
            junior_seen += 1
            rate = low if (low is not None and junior_seen == 3) else rng.uniform(0.965, 1.0)
            cohorts.append([sid, math.ceil(ninth / rate), ninth])
        if s["办别"] == "民办":  # one row per school: a nine-year school's two stages together
            eligible = number(s.get("符合条件随迁子女数", "0"))
            if purchased and purchased[-1][0] == sid:
                purchased[-1][2] += eligible
            else:
                purchased.append([sid, 0, eligible])
    # the oldest classes of a few large schools run over the limit (大班额), fewer each year
    over = OVERSIZED[year]
    order = sorted(range(len(classes)), key=lambda i: (-classes[i][4], classes[i][3]))
    for i in order[:over]:
        classes[i][4] = limit[classes[i][1]] + 1 + (i % 3)
    write(f"classes_{year}.csv", ["学校标识码", "学段", "年级", "班级", "班额"], classes)
    write(f"junior_cohorts_{year}.csv", ["学校标识码", "初一入学人数", "初三在校生数"], cohorts)
    write(f"migrant_purchased_{year}.csv", ["学校标识码", "政府购买学位随迁子女数"],
          [[sid, math.floor(eligible * 0.7)] for sid, _, eligible in purchased])


def kindergartens(year: int) -> None:
    path = ENROL / (f"kindergartens_{year}.utf8.csv" if year == 2022 else f"kindergartens_{year}.csv")
    kgs = read_rows(path, skip=2 if year == 2022 else 0)
    classes: list[list[object]] = []
    staff: list[list[object]] = []
    for k in kgs:
        sid, n, children = k["学校标识码"], max(1, number(k["班数"])), number(k["在园幼儿数"])
        kinds = ["混龄班"] * n if n < 3 else [("小班", "中班", "大班")[i % 3] for i in range(n)]
        cap = [KG_LIMIT[t] for t in kinds]
        sizes = [children * c // sum(cap) for c in cap]          # in proportion to each class type's limit
        for i in range(children - sum(sizes)):
            sizes[i % n] += 1
        for _ in range(n // 4):                                 # a few classes drift over their limit
            i, j = rng.randrange(n), rng.randrange(n)
            d = rng.randint(1, 4)
            if i != j and sizes[j] > d:
                sizes[i] += d
                sizes[j] -= d
        for c, size in enumerate(sizes, start=1):
            classes.append([sid, f"{kinds[c - 1]}{c}", kinds[c - 1], size])
        per_teacher = rng.uniform(11.0, 14.0) if k["办别"] == "公办" else rng.uniform(12.5, 16.5)
        staff.append([sid, max(1, math.ceil(children / per_teacher))])
    write(f"kindergarten_classes_{year}.csv", ["学校标识码", "班级", "班型", "幼儿数"], classes)
    write(f"kindergarten_staff_{year}.csv", ["学校标识码", "专任教师数"], staff)


if __name__ == "__main__":
    for y in YEARS:
        compulsory(y)
        kindergartens(y)
    for p in sorted(OUT.glob("*.csv")):
        print(p.relative_to(ROOT), sum(1 for _ in p.open(encoding="utf-8")) - 1, "rows")
