#!/usr/bin/env python3
"""make_config.py RECEIVERS_YAML ROUTE_YAML OUT: deploy/youxiang.yml with absolute data paths, a 1 s evaluation
interval, a 2 s Alertmanager resend delay, and the given receivers and route (for the end-to-end tests)."""
import os, re, sys

text = open("deploy/youxiang.yml", encoding="utf-8").read().replace("../plugins/", os.getcwd() + "/plugins/")
text = text.replace("evaluation_interval: 15s", "evaluation_interval: 1s").replace("resend_delay: 1m", "resend_delay: 2s")
new, n = re.subn(r"\nreceivers:\n.*?\ncollectors:",
                 lambda m: "\nreceivers:\n" + sys.argv[1] + "\nroute: " + sys.argv[2] + "\n\ncollectors:", text, flags=re.S)
assert n == 1, "receivers/route block not found in deploy/youxiang.yml"
open(sys.argv[3], "w", encoding="utf-8").write(new)
