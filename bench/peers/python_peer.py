#!/usr/bin/env python3
"""The prometheus_client peer: one Gauge per family (in a registry of its own, without the process collector),
filled from series.tsv, served by the client's own HTTP server (gzip when asked).

usage: python_peer.py PORT series.tsv"""
import sys, time
from prometheus_client import CollectorRegistry, Gauge, start_http_server

port, path = int(sys.argv[1]), sys.argv[2]
registry = CollectorRegistry(auto_describe=False)
gauges = {}
with open(path, encoding="utf-8") as fh:
    for line in fh:
        name, help_, names, values, value = line.rstrip("\n").split("\t")
        g = gauges.get(name)
        if g is None:
            g = gauges[name] = Gauge(name, help_, names.split(","), registry=registry)
        g.labels(*values.split(",")).set(float(value))
start_http_server(port, addr="127.0.0.1", registry=registry)
while True:
    time.sleep(3600)
