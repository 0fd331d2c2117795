#!/usr/bin/env python3
"""check_indicator_years.py TARGETS_YML EXPOSITION FIRST LAST: every indicator of the plan has exactly one value for
each year FIRST..LAST (its family, its `match` labels) and eduplan_indicator_data_complete = 1. Prints what is
missing and exits 1."""
import sys
import yaml
from prometheus_client.parser import text_string_to_metric_families

plan = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
samples = [s for f in text_string_to_metric_families(open(sys.argv[2], encoding="utf-8").read()) for s in f.samples]
first, last = int(sys.argv[3]), int(sys.argv[4])
problems = []
for ind in plan["indicators"]:
    for y in range(first, last + 1):
        match = {k: str(v) for k, v in (ind.get("match") or {}).items()}
        vals = [s for s in samples if s.name == ind["metric"] and s.labels.get("year") == str(y)
                and all(s.labels.get(k) == v for k, v in match.items())]
        if len(vals) != 1:
            problems.append(f"{ind['id']} {y}: {len(vals)} values of {ind['metric']}{match}")
        done = [s.value for s in samples if s.name == "eduplan_indicator_data_complete"
                and s.labels.get("indicator") == ind["id"] and s.labels.get("year") == str(y)]
        if done != [1.0]:
            problems.append(f"{ind['id']} {y}: data_complete {done}")
print(f"{len(plan['indicators'])} indicators × {last - first + 1} years checked")
if problems:
    print("\n".join(problems))
    sys.exit(1)
