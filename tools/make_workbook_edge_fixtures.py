#!/usr/bin/env python3
"""Writes the edge-case workbooks of the workbook tests with openpyxl (pip install openpyxl), into
Tests/YouxiangTests/Fixtures/workbooks/edge/. Run from the repository root: python3 tools/make_workbook_edge_fixtures.py

kindergartens.xlsx — what the district's statistician hands over: a hidden first sheet, then sheet 基础基311 with a
merged title row, a 填报单位 row, a merged two-row header (在园幼儿数 over 合计/其中女), 学校标识码 styled as text and
one stored as a number, a boolean, a 投用日期 date, formulas (D7 = C7-100, D8 = 1/0), a blank row, a 合计 row.
openpyxl writes inline strings and formulas without cached values; kindergartens.lo.xlsx is the same workbook saved
again by LibreOffice (shared strings, cached formula values: D7 = 90, D8 = #DIV/0!), when soffice is installed.
mac1904.xlsx — the same date in the 1904 date system.
"""
import datetime
import os
import shutil
import subprocess
import tempfile
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

out = "Tests/YouxiangTests/Fixtures/workbooks/edge"
os.makedirs(out, exist_ok=True)

wb = Workbook()
hidden = wb.active
hidden.title = "说明"
hidden["A1"] = "本表为隐藏的说明页"
hidden.sheet_state = "hidden"
ws = wb.create_sheet("基础基311")
ws["A1"] = "北仑区幼儿园基本情况（2024学年）"
ws.merge_cells("A1:F1")
ws["A2"] = "填报单位：北仑区教育局"
for col, text in zip("ABCEF", ["学校标识码", "学校名称", "在园幼儿数", "普惠性", "投用日期"]):
    ws[f"{col}3"] = text
ws.merge_cells("C3:D3")      # 在园幼儿数 over two columns
for col in "ABEF":
    ws.merge_cells(f"{col}3:{col}4")  # one-row headers merged vertically
ws["C4"] = "合计"
ws["D4"] = "其中女"
rows = [
    ("3302060001", "新碶幼儿园", 320, 150, True, datetime.date(2024, 9, 1)),
    (3302060002, "大碶幼儿园", 280, 131, False, datetime.date(2023, 9, 1)),
    ("3302060003", "小港幼儿园", 190, "=C7-100", True, None),
    ("3302060004", "柴桥幼儿园", 150, "=1/0", True, None),
]
r = 5
for row in rows:
    for col, v in zip("ABCDEF", row):
        if v is None:
            continue
        ws[f"{col}{r}"] = v
    ws[f"A{r}"].number_format = "@"
    ws[f"F{r}"].number_format = "yyyy-mm-dd"
    r += 1
r += 1  # a blank row
ws[f"A{r}"] = "合计"
ws[f"C{r}"] = 940
wb.save(f"{out}/kindergartens.xlsx")
if shutil.which("soffice"):
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(f"{out}/kindergartens.xlsx", f"{tmp}/kindergartens.lo.xlsx")
        os.makedirs(f"{tmp}/out")
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", f"{tmp}/out", f"{tmp}/kindergartens.lo.xlsx"],
                       check=True, env={**os.environ, "HOME": tmp}, stdout=subprocess.DEVNULL)
        shutil.copy(f"{tmp}/out/kindergartens.lo.xlsx", f"{out}/kindergartens.lo.xlsx")

mac = Workbook()
mac.epoch = CALENDAR_MAC_1904
s = mac.active
s.title = "Sheet1"
s["A1"] = "日期"
s["A2"] = datetime.date(2024, 9, 1)
s["A2"].number_format = "yyyy-mm-dd"
mac.save(f"{out}/mac1904.xlsx")
