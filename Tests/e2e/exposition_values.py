#!/usr/bin/env python3
"""exposition_values.py FILE FAMILY [LABEL=VALUE ...]: print the value of every sample of FAMILY (text format 0.0.4)
whose labels include all the given pairs, one per line, exactly as written in the exposition."""
import sys
from prometheus_client.parser import text_string_to_metric_families

path, family, *pairs = sys.argv[1:]
want = dict(p.split("=", 1) for p in pairs)
for line in open(path, encoding="utf-8").read().splitlines():
    if not (line.startswith(family + "{") or line.startswith(family + " ")):
        continue
    for fam in text_string_to_metric_families(line + "\n"):
        for s in fam.samples:
            if s.name == family and all(s.labels.get(k) == v for k, v in want.items()):
                print(line.rsplit(" ", 1)[1])
