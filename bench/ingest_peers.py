#!/usr/bin/env python3
"""ingest_peers.py FILE ENCODING: the same export read by pandas.read_csv, polars.read_csv, pyarrow.csv.read_csv and
Python's csv module (numbers converted), one JSON line each with rows/s and MB/s.

Every reader gets the file's path and its encoding through its own API; the 学校标识码 column is read as text by all.
polars reads only UTF-8 natively: for `encoding="gbk"` polars itself decodes the whole file in Python first (its
documented behaviour for other encodings), and that decoding is inside the timed call. pyarrow transcodes GBK to UTF-8
while it reads (ReadOptions.encoding, Python's codec). polars and pyarrow use every core (2 here); pandas and csv one.
Imports are done before timing (pandas' import alone takes seconds)."""
import csv, json, os, sys, time

path, enc = sys.argv[1], sys.argv[2]
size = os.path.getsize(path)

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv


def report(tool, rows, t, cpu, note=""):
    print(json.dumps({"tool": tool, "rows": rows, "seconds": t, "cpu_seconds": time.process_time() - cpu, "rows_per_second": rows / t,
                      "mb_per_second": size / t / 1e6, "note": note}), flush=True)


t0, c0 = time.perf_counter(), time.process_time()
df = pd.read_csv(path, encoding=enc, dtype={"学校标识码": str})
report("pandas.read_csv", len(df), time.perf_counter() - t0, c0)
del df

t0, c0 = time.perf_counter(), time.process_time()
df = pl.read_csv(path, encoding="utf8" if enc == "utf-8" else enc, schema_overrides={"学校标识码": pl.Utf8})
report("polars.read_csv", df.height, time.perf_counter() - t0, c0, "" if enc == "utf-8" else "polars decodes GBK in Python first")
del df

t0, c0 = time.perf_counter(), time.process_time()
tb = pacsv.read_csv(path, read_options=pacsv.ReadOptions(encoding=enc), convert_options=pacsv.ConvertOptions(column_types={"学校标识码": pa.string()}))
report("pyarrow.csv.read_csv", tb.num_rows, time.perf_counter() - t0, c0, "" if enc == "utf-8" else "transcoded while reading")
del tb

t0, c0 = time.perf_counter(), time.process_time()
n = 0
with open(path, encoding=enc, newline="") as fh:
    r = csv.reader(fh)
    next(r)
    for row in r:
        float(row[4]); float(row[5])
        n += 1
report("python csv", n, time.perf_counter() - t0, c0)
