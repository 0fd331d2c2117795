#!/usr/bin/env python3
"""Watches one alert of a running youxiangd through pending → firing → resolved, for Tests/e2e/promises.sh.

usage: alert_timeline.py URL ALERTNAME METRIC DATAFILE LOWER_TEXT FOR_S KEEP_S OUT_JSON

Polls URL/api/v1/alerts every 0.1 s.  Once the alert has been firing for 1 s, writes LOWER_TEXT to DATAFILE (the
value drops below the rule's threshold), notes when URL/metrics first shows the lower value of METRIC, and waits
until the alert is gone from /api/v1/alerts.  Then checks, and prints one line per check ("ok …" / "FAIL …"):
  - it was seen pending before it was seen firing;
  - firing came at least FOR_S after activeAt (and not later than FOR_S + 2.5 s);
  - after the value dropped it stayed firing at least KEEP_S - 1.2 s (the evaluation interval is 1 s), never pending,
    and was resolved within KEEP_S + 4 s.
Exits 1 if any check failed.  The timeline goes to OUT_JSON.
"""
import datetime, json, sys, time, urllib.request

url, name, metric, datafile, lower, for_s, keep_s, out = sys.argv[1:9]
for_s, keep_s = float(for_s), float(keep_s)


def get(path):
    with urllib.request.urlopen(url + path, timeout=5) as r:
        return r.read().decode("utf-8")


def state():
    alerts = json.loads(get("/api/v1/alerts"))["data"]["alerts"]
    mine = [a for a in alerts if a["labels"].get("alertname") == name]
    return (mine[0]["state"], mine[0]["activeAt"]) if mine else (None, None)


def metric_value():
    for line in get("/metrics").splitlines():
        if line.startswith(metric + "{") or line.startswith(metric + " "):
            return float(line.rsplit(" ", 1)[1])
    return None


def rfc3339(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


timeline, checks = [], []
first_pending = first_firing = written = dropped = resolved = None
active_at = None
before_value = metric_value()
deadline = time.time() + 30 + for_s + keep_s
while time.time() < deadline:
    now = time.time()
    st, act = state()
    if not timeline or timeline[-1][1] != st:
        timeline.append((round(now, 3), st))
    if st == "pending" and first_pending is None:
        first_pending = now
    if st == "firing" and first_firing is None:
        first_firing, active_at = now, rfc3339(act)
    if first_firing and written is None and now - first_firing >= 1:
        with open(datafile, "w", encoding="utf-8") as f:
            f.write(lower)
        written = now
    if written and dropped is None:
        v = metric_value()
        if v is not None and v != before_value:
            dropped = now
    if dropped and st == "pending":
        checks.append("FAIL went back to pending after the value dropped")
    if dropped and st is None:
        resolved = now
        break
    time.sleep(0.1)


def check(ok, text):
    checks.append(("ok   " if ok else "FAIL ") + text)


check(first_pending is not None and first_firing is not None and first_pending < first_firing,
      "seen pending (%s) before firing (%s)" % (first_pending, first_firing))
if first_firing and active_at:
    waited = first_firing - active_at
    check(for_s - 0.05 <= waited <= for_s + 2.5, "firing %.2f s after activeAt (for: %g s)" % (waited, for_s))
check(dropped is not None, "the lower value was served after the data file changed")
if dropped and resolved:
    kept = resolved - dropped
    check(keep_s - 1.2 <= kept <= keep_s + 4, "resolved %.2f s after the value dropped (keep_firing_for: %g s)" % (kept, keep_s))
else:
    check(False, "resolved after the value dropped (dropped=%s, resolved=%s)" % (dropped, resolved))
json.dump({"timeline": timeline, "active_at": active_at, "written": written, "dropped": dropped, "resolved": resolved},
          open(out, "w"), indent=1)
print("\n".join(checks))
sys.exit(1 if any(c.startswith("FAIL") for c in checks) else 0)
