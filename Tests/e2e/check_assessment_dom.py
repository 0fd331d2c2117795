#!/usr/bin/env python3
"""Assertions on the national county assessments' section of the office's pages, as Chromium rendered them
(--dump-dom), against the series youxiangd served (/metrics).

  check_assessment_dom.py home DOM.html metrics.txt     the section on /
  check_assessment_dom.py report DOM.html metrics.txt   the section of /report?year=2025

What a person sees: both assessments by their Chinese names; every criterion with a status word; with the shipped
data every criterion measured (达标 or 未达标, never 数据不完整 / 无数据); a criterion's standard in words (学前三年毛入园率
“不低于85%”, the primary equipment standard “每所学校不低于2,000元”, read from the threshold series); every school that
fails the per-school rule in 2025 listed by name with what falls short; the list worst first.
Prints one line per failed check and exits 1 if any failed.
"""
import re
import sys
from html.parser import HTMLParser

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("    FAIL " + msg, file=sys.stderr)


class Rows(HTMLParser):
    """Collects the text of every <tr> by its data-criterion or data-school-id, and the section's whole text."""

    def __init__(self):
        super().__init__()
        self.by_section, self.in_section, self.text = False, False, []
        self.criteria, self.schools, self.current = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2" and self.in_section and not self.by_section:
            self.in_section = False
        if tag == "h2" and a.get("id") == "assessments":
            self.in_section = True
        if tag == "section" and a.get("id") == "assessments":
            self.in_section, self.by_section = True, True
        if self.in_section and tag == "tr":
            if "data-criterion" in a:
                self.current = ["c", a["data-criterion"], []]
            elif "data-school-id" in a:
                self.current = ["s", a["data-school-id"], []]

    def handle_endtag(self, tag):
        if tag == "tr" and self.current:
            kind, key, parts = self.current
            (self.criteria if kind == "c" else self.schools).append((key, " ".join(parts)))
            self.current = None
        if tag == "main" or (tag == "section" and self.by_section):
            self.in_section = self.by_section = False

    def handle_data(self, data):
        if self.in_section:
            self.text.append(data)
            if self.current:
                self.current[2].append(data.strip())


def series(metrics, family):
    out = []
    for line in open(metrics, encoding="utf-8"):
        if not line.startswith(family + "{"):
            continue
        m = re.match(r'^(\w+)\{(.*)\} (\S+)$', line.strip())
        if not m:
            continue
        labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2)))
        out.append((labels, float(m.group(3))))
    return out


def main():
    mode, dom, metrics = sys.argv[1:4]
    p = Rows()
    p.feed(open(dom, encoding="utf-8").read())
    text = "".join(p.text)
    heading = "四、国家县域评估量化指标" if mode == "home" else "五、国家县域评估量化指标情况"
    check(heading in text, f"no section headed {heading}")
    for name in ("国家义务教育优质均衡发展县", "国家学前教育普及普惠县"):
        check(name in text, f"{name} not shown")
    info = series(metrics, "eduplan_assessment_criterion_info")
    ids = {l["criterion"] for l, _ in info}
    shown = {k for k, _ in p.criteria}
    check(len(ids) == 18 and ids == shown, f"criteria shown {sorted(shown)} != served {sorted(ids)}")
    for key, row in p.criteria:
        check(re.search(r"(达标|未达标)$", row.strip()) is not None, f"criterion {key}: status not 达标/未达标 with the shipped data: {row[-40:]}")
    rows = dict(p.criteria)
    check("学前三年毛入园率" in rows.get("gross_enrolment_3yr", "") and "不低于85%" in rows.get("gross_enrolment_3yr", ""),
          f"学前三年毛入园率 without its standard 不低于85%: {rows.get('gross_enrolment_3yr')}")
    eq = [v for l, v in series(metrics, "eduplan_assessment_criterion_threshold")
          if l.get("criterion") == "equipment_value" and l.get("level") == "primary" and l.get("year") == "2025" and "school_id" in l]
    check(eq != [], "no per-school equipment threshold served")
    if eq:
        want = f"每所学校不低于{int(eq[0]):,}元"
        check(any(k == "equipment_value" and want in r for k, r in p.criteria), f"equipment row lacks “{want}”")
    names = {l["school_id"]: l["name"] for l, _ in series(metrics, "eduplan_assessment_institution_info") if l.get("year") == "2025"}
    failing = [l["school_id"] for l, v in series(metrics, "eduplan_assessment_criterion_met")
               if l.get("criterion") == "school_resource_rule" and l.get("year") == "2025" and "school_id" in l and v == 0]
    check(failing != [], "no school fails the per-school rule in 2025 (the shipped data have some)")
    listed = dict(p.schools)
    for sid in failing:
        row = listed.get(sid, "")
        check(names.get(sid, "?") in row and "资源配置指标" in row, f"failing school {sid} {names.get(sid)} not listed with its shortfall: {row[:80]}")
    gaps = [float(m.group(1)) for _, r in p.schools for m in [re.search(r"差距为标准的([\d.]+)%\s*$", r)] if m]
    check(len(gaps) == len(p.schools) and len(gaps) > 0, "every listed institution shows its largest gap")
    # worst first within each assessment: the gaps never rise within a run of rows (a new assessment restarts at 1)
    runs, prev = [], None
    for (_, r), g in zip(p.schools, gaps):
        first = re.match(r"\s*1\s", r) is not None
        if first or prev is None:
            runs.append([])
        runs[-1].append(g)
        prev = g
    check(all(run == sorted(run, reverse=True) for run in runs), f"institutions not worst first: {runs}")
    if failures:
        sys.exit(1)


main()
