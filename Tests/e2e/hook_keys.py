#!/usr/bin/env python3
"""Reads what hook_server.py recorded.

hook_keys.py FILE PATH                    print "alertname/indicator/year" of each firing alert accepted (200) on PATH
hook_keys.py FILE PATH --distinct-ids N   exit 0 iff exactly N distinct notification ids were accepted, none twice
hook_keys.py --prom-alerts                stdin: prom_query lines; print "indicator/year" of each, sorted, comma-joined
"""
import json, sys

if sys.argv[1] == "--prom-alerts":
    keys = []
    for line in sys.stdin:
        if line.strip():
            labels = json.loads(line.split("\t")[0])
            keys.append(labels["indicator"] + "/" + labels["year"])
    print(",".join(sorted(keys)))
    sys.exit(0)

path, prefix = sys.argv[1], sys.argv[2]
accepted = [r for r in map(json.loads, open(path, encoding="utf-8")) if r["status"] == 200 and r["path"].startswith(prefix)]
if "--distinct-ids" in sys.argv:
    want = int(sys.argv[sys.argv.index("--distinct-ids") + 1])
    ids = [r["id"] for r in accepted]
    print(f"{len(ids)} accepted, {len(set(ids))} distinct", file=sys.stderr)
    sys.exit(0 if len(ids) == len(set(ids)) == want else 1)
keys = []
for r in accepted:
    for a in r["body"]["alerts"]:
        if a["status"] == "firing":
            l = a["labels"]
            keys.append(f'{l["alertname"]}/{l.get("indicator", "")}/{l.get("year") or l.get("target_year", "")}')
print("\n".join(sorted(keys)))
