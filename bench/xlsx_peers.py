#!/usr/bin/env python3
"""xlsx_peers.py FILE: the same workbook read by python-calamine, openpyxl (read-only mode, values only) and
pandas.read_excel (its default engine for .xlsx, openpyxl; and engine="calamine"), one JSON line each with rows/s.
Every reader materialises every cell's value of every row; imports are done before timing."""
import json, os, sys, time, warnings

warnings.simplefilter("ignore")  # openpyxl: "Workbook contains no default style"

path = sys.argv[1]
size = os.path.getsize(path)
skip = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else set()

import openpyxl
import pandas as pd
from python_calamine import CalamineWorkbook


def report(tool, rows, t, cpu):
    print(json.dumps({"tool": tool, "rows": rows, "seconds": t, "cpu_seconds": time.process_time() - cpu, "rows_per_second": rows / t,
                      "mb_per_second": size / t / 1e6}), flush=True)


t0, c0 = time.perf_counter(), time.process_time()
wb = CalamineWorkbook.from_path(path)
data = wb.get_sheet_by_index(0).to_python()
report("python-calamine", len(data) - 1, time.perf_counter() - t0, c0)
del data, wb

if "openpyxl" not in skip:
    t0, c0 = time.perf_counter(), time.process_time()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    for row in wb.worksheets[0].iter_rows(min_row=2, values_only=True):
        n += 1
    wb.close()
    report("openpyxl (read-only)", n, time.perf_counter() - t0, c0)

t0, c0 = time.perf_counter(), time.process_time()
df = pd.read_excel(path, engine="calamine", dtype={"学校标识码": str})
report("pandas.read_excel (calamine)", len(df), time.perf_counter() - t0, c0)
del df

if "pandas-openpyxl" not in skip:
    t0, c0 = time.perf_counter(), time.process_time()
    df = pd.read_excel(path, engine="openpyxl", dtype={"学校标识码": str})
    report("pandas.read_excel (openpyxl)", len(df), time.perf_counter() - t0, c0)
