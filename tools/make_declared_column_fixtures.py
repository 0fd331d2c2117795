#!/usr/bin/env python3
"""Fixtures for columns declared `type: date` / `type: year` (issue 10 item 2), in
Tests/YouxiangTests/Fixtures/workbooks/edge/:

- declared.xlsx (1900 date system) and declared1904.xlsx (1904 system), written by openpyxl: column 投用日期 holds
  date serials in cells formatted `General` (a date typed as a number; 2024-09-01 is 45536 in 1900, 44074 in 1904) and
  one real date cell; column 认定年份 holds 2024 typed into a cell formatted as a date (it would read as 1905-07-16),
  a plain 2023, and a real date 2022-09-01 (its year is 2022).
- declared.xls: declared.xlsx saved by LibreOffice headless as "MS Excel 97" (when soffice is installed).

Run from the repository root: python3 tools/make_declared_column_fixtures.py
"""
import datetime
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

out = "Tests/YouxiangTests/Fixtures/workbooks/edge"


def make(path, epoch=None):
    wb = Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "名单"
    ws.append(["学校标识码", "投用日期", "认定年份"])
    base = datetime.date(1904, 1, 1) if epoch is not None else datetime.date(1899, 12, 30)
    serial = (datetime.date(2024, 9, 1) - base).days
    rows = [
        ("3302060001", serial, 2024),                                        # General serial; 2024 in a date cell
        ("3302060002", datetime.date(2023, 9, 1), 2023),                     # a real date; a plain number
        ("3302060003", serial + 1, datetime.date(2022, 9, 1)),               # General serial; a real date
    ]
    for i, (sid, opened, year) in enumerate(rows, start=2):
        ws.cell(row=i, column=1, value=sid).number_format = "@"
        c = ws.cell(row=i, column=2, value=opened)
        c.number_format = "yyyy-mm-dd" if isinstance(opened, datetime.date) else "General"
        y = ws.cell(row=i, column=3, value=year)
        if i == 2 or isinstance(year, datetime.date):
            y.number_format = "yyyy-mm-dd"
    wb.save(path)


make(f"{out}/declared.xlsx")
make(f"{out}/declared1904.xlsx", CALENDAR_MAC_1904)
if shutil.which("soffice"):
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(f"{out}/declared.xlsx", f"{tmp}/declared.xlsx")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
                        "--convert-to", "xls", "--outdir", f"{tmp}/out", f"{tmp}/declared.xlsx"],
                       check=True, env={**os.environ, "HOME": tmp}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(f"{tmp}/out/declared.xls", f"{out}/declared.xls")
