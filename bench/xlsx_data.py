#!/usr/bin/env python3
"""xlsx_data.py DIR ROWS: the ingest export (the same rows as ingest_data.py) as a one-sheet .xlsx workbook, the way
Excel saves one: text cells (学校标识码, 学校名称, 学段) in the shared-string table, numbers as numbers, a header row,
deflate-compressed parts. Written directly as SpreadsheetML with zipfile (openpyxl's writer would take minutes for
a large sheet). Also writes xlsx.yml, a youxiangd configuration reading it through the `table` module with the same
metrics as the CSV ingest."""
import os, sys, zipfile
from xml.sax.saxutils import escape

d, rows = sys.argv[1], int(sys.argv[2])
os.makedirs(d, exist_ok=True)
names = ["北仑区新碶小学", "宁波市北仑区霞浦幼儿园", "北仑区柴桥中学", "北仑职业高级中学", "北仑区大碶街道成人学校"]
header = ["学校标识码", "学校名称", "学段", "年份", "在校学生数", "专任教师数"]
shared, index = [], {}


def sst(text):
    i = index.get(text)
    if i is None:
        i = index[text] = len(shared)
        shared.append(text)
    return i


def col(c):
    return "ABCDEF"[c]


path = os.path.join(d, "export.xlsx")
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
               '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
               '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
               '</Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
               '</Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
               '<sheets><sheet name="基础基311" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
               '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
               '</Relationships>')
    z.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
               '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
               '<borders count="1"><border/></borders>'
               '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
               '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
               '</styleSheet>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
        fh.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                  f'<dimension ref="A1:F{rows + 1}"/><sheetData>').encode())
        buf = ['<row r="1">' + "".join(f'<c r="{col(c)}1" t="s"><v>{sst(h)}</v></c>' for c, h in enumerate(header)) + "</row>"]
        for i in range(rows):
            r = i + 2
            cells = (sst(str(2133000000 + i % 100000)), sst(f"{names[i % 5]}{i % 97}号"), sst("小学" if i % 2 else "初中"))
            buf.append(f'<row r="{r}"><c r="A{r}" t="s"><v>{cells[0]}</v></c><c r="B{r}" t="s"><v>{cells[1]}</v></c>'
                       f'<c r="C{r}" t="s"><v>{cells[2]}</v></c><c r="D{r}"><v>{2022 + i % 4}</v></c>'
                       f'<c r="E{r}"><v>{300 + i % 1700}</v></c><c r="F{r}"><v>{20 + i % 90}</v></c></row>')
            if len(buf) >= 10000:
                fh.write("".join(buf).encode())
                buf = []
        buf.append("</sheetData></worksheet>")
        fh.write("".join(buf).encode())
    z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{3 * rows + 6}" uniqueCount="{len(shared)}">'
               + "".join(f"<si><t>{escape(s)}</t></si>" for s in shared) + "</sst>")

with open(os.path.join(d, "xlsx.yml"), "w", encoding="utf-8") as fh:
    fh.write("""collectors:
  - name: export
    module: table
    timeout: 10m
    source:
      columns: {school_id: 学校标识码, name: 学校名称, stage: 学段, year: 年份, pupils: 在校学生数, teachers: 专任教师数}
      files: [{path: export.xlsx}]
    metrics:
      - {name: eduplan_ingest_pupils, help: pupils, aggregate: sum, value: pupils, labels: {level: stage}}
      - {name: eduplan_ingest_schools, help: rows, aggregate: count, labels: {level: stage}}
      - {name: eduplan_ingest_teacher_pupil_ratio, help: teachers per pupil, aggregate: ratio, numerator: teachers, denominator: pupils, labels: {level: stage}}
""")
with zipfile.ZipFile(path) as z:
    inflated = z.getinfo("xl/worksheets/sheet1.xml").file_size
print(f"{rows} rows, {os.path.getsize(path) / 1e6:.1f} MB .xlsx, sheet part {inflated / 1e6:.1f} MB inflated, {len(shared)} shared strings", file=sys.stderr)
