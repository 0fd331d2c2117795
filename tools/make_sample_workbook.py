#!/usr/bin/env python3
"""Writes plugins/enrolment/data/kindergartens_2022.xlsx from kindergartens_2022.utf8.csv with openpyxl
(pip install openpyxl): the district's 2022 export as the statistics office keeps it — the title row merged across the
table, the 填报单位 row, a merged two-row header (在园幼儿数 over 合计 / 其中:女; the one-row headers merged
vertically), 学校标识码 as text, counts as numbers, and the 合计/其中 subtotal rows. Run from the repository root.
Reading it with the settings of the CSV (skip_rows: 2, header_rows: 2) gives the same rows (WorkbookTests)."""
import csv
from openpyxl import Workbook

src = "plugins/enrolment/data/kindergartens_2022.utf8.csv"
out = "plugins/enrolment/data/kindergartens_2022.xlsx"
rows = list(csv.reader(open(src, encoding="utf-8")))
wb = Workbook()
ws = wb.active
ws.title = "幼儿园基本情况"
for r, row in enumerate(rows, start=1):
    for c, text in enumerate(row, start=1):
        if text == "":
            continue
        cell = ws.cell(row=r, column=c)
        plain = text.replace(",", "")
        if r > 4 and c >= 8 and plain.isdigit():
            cell.value = int(plain)          # counts as numbers
        else:
            cell.value = text
            if c == 1:
                cell.number_format = "@"     # 学校标识码 as text
width = max(len(r) for r in rows)
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)   # the title
ws.merge_cells(start_row=3, start_column=9, end_row=3, end_column=10)      # 在园幼儿数 over 合计 / 其中:女
for c in range(1, 9):
    ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)   # one-row headers, merged vertically
wb.save(out)
