#!/usr/bin/env python3
"""Generate youxiang's shipped sample data (Beilun District, 宁波市北仑区, 330206).

Writes every CSV under plugins/*/data/ that the bundled plugin configs read:
synthetic but Beilun-sized per-institution exports for school years
2022..2025. The integer counts are chosen so that the plan's indicators come
out *exactly* (as fractions of integers) at the values in the table of the
brief: the plan's 2022 column and a 2023-2025 path. The script re-reads the
files it wrote, recomputes every indicator like the daemon does, asserts the
result with fractions.Fraction, and prints a summary.

Standard library only, deterministic (random.Random(20230621)); re-running it
rewrites byte-identical files.   Usage:  python3 tools/gen_sample_data.py
(a city's districts: --seed N --district CODE --out DIR; see apply_district_options)
"""
from __future__ import annotations

import csv
import io
import math
import random
import re
from datetime import date, timedelta
from fractions import Fraction as F
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
YEARS = [2022, 2023, 2024, 2025]
rng = random.Random(20230621)
WRITTEN: list[Path] = []
ID_RE = re.compile(r"^(11|21|31|34|36|51)33\d{6}$")

# --------------------------------------------------------------------------
# exact targets (ratios as 0..1)
# --------------------------------------------------------------------------
def d(s: str) -> F:
    return F(s)

TARGET = {
    "row1 inclusive kg share": [d("0.90"), d("0.925"), d("0.935"), d("0.94")],
    "row2 public kg share": [d("0.67"), d("0.68"), d("0.70"), d("0.71")],
    "kg quality (省一/二级) share": [d("0.78"), d("0.80"), d("0.82"), d("0.83")],
    # Row 5: private schools enrol eligible migrant pupils too (families who chose a private school), so the share
    # is below 100% every year; the plan prints whole percents, and 2022's 99.6% is its printed baseline "100".
    # Checked to 3 decimals (ROUNDED below), not as an exact fraction.
    "row5 migrant in public": [d("0.996"), d("0.996"), d("0.997"), d("0.997")],
    # Row 6: junior graduates are about one third of junior enrolment (~7,300-7,900 a year), so the plan's 99.91%
    # is met to 4 decimals (never below the target), not as the exact fraction 9991/10000.
    "row6 junior -> upper sec.": [d("0.9991"), d("0.9991"), d("0.9992"), d("0.9993")],
    "row7 expected years (computed)": [d("15.2"), d("15.3"), d("15.4"), d("15.5")],
    "row8 long-programme entrants": [d("0.30"), d("0.34"), d("0.35"), d("0.36")],
    "row9 voc grads -> higher ed": [d("0.60"), d("0.65"), d("0.68"), d("0.69")],
    "row10 training person-times": [F(6800), F(7100), F(7500), F(8100)],
    "row11 industry projects": [F(5), F(10), F(12), F(14)],
    "5G campus coverage": [d("0.45"), d("0.55"), d("0.65"), d("0.725")],
    "teaching-space network cov.": [d("0.90"), d("0.93"), d("0.95"), d("0.97")],
    "AI labs (high standard)": [F(0), F(1), F(2), F(3)],
    "elderly univ. street coverage": [F(9, 11), F(10, 11), F(1), F(1)],
    "elderly participation": [d("0.22"), d("0.24"), d("0.26"), d("0.28")],
    "teacher postgrad junior": [d("0.08"), d("0.09"), d("0.095"), d("0.10")],
    "teacher postgrad senior": [d("0.18"), d("0.19"), d("0.20"), d("0.21")],
    "backbone exchange": [d("0.21"), d("0.24"), d("0.23"), d("0.25")],
}
T = {k: dict(zip(YEARS, v)) for k, v in TARGET.items()}
# indicators whose target is met when rounded to this many decimals (and, for row 6, never below it)
ROUNDED = {"row5 migrant in public": 3, "row6 junior -> upper sec.": 4}
# draws for data added after the first release come from their own generator, so the older files stay as they were
rng2 = random.Random(20231001)

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def apportion(total: int, weights, caps=None) -> list[int]:
    """Integers proportional to weights summing exactly to total (largest
    remainder); optional per-item caps (excess goes to items with room)."""
    n = len(weights)
    assert total >= 0 and n > 0
    W = sum(weights)
    assert W > 0
    quotas = [total * w / W for w in weights]
    out = [math.floor(q) for q in quotas]
    rest = total - sum(out)
    order = sorted(range(n), key=lambda i: (-(quotas[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    if caps is not None:
        assert sum(caps) >= total, "caps too small"
        excess = 0
        for i in range(n):
            if out[i] > caps[i]:
                excess += out[i] - caps[i]
                out[i] = caps[i]
        while excess:
            i = max((j for j in range(n) if out[j] < caps[j]),
                    key=lambda j: (F(caps[j] - out[j]), -j))
            out[i] += 1
            excess -= 1
    assert sum(out) == total
    return out


def unique_ids(prefix: str, n: int) -> list[str]:
    """n distinct 10-digit ids prefix+'33'+6 digits (Zhejiang)."""
    nums = rng.sample(range(10000, 99999), n)
    return [f"{prefix}330{x:05d}" for x in nums]


def thousands(n: int) -> str:
    return f"{n:,}"


def write_rows(path: Path, header, rows, *, encoding="utf-8", newline="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    if header is not None:
        w.writerow(header)
    w.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))
    WRITTEN.append(path)


def read_rows(path: Path, encoding="utf-8") -> list[list[str]]:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, encoding = raw[3:], "utf-8"
    return list(csv.reader(io.StringIO(raw.decode(encoding), newline="")))


def read_dicts(path: Path) -> list[dict]:
    rows = read_rows(path)
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def num(s: str) -> F:
    return F(s.replace(",", "").strip())


def weighted_pick(items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


STREETS = ["新碶街道", "小港街道", "大碶街道", "霞浦街道", "柴桥街道", "戚家山街道",
           "春晓街道", "梅山街道", "白峰街道", "郭巨街道", "大榭街道"]
STREET_W = [25, 12, 18, 8, 10, 5, 6, 4, 5, 3, 4]
PLACES = {
    "新碶街道": ["新碶", "大港", "九龙", "星阳", "明州", "富春", "昆仑", "岷山", "庐山",
             "黄山", "泰山", "华山", "衡山", "淮河", "珠江", "嵩江", "太河", "银杏", "松花江", "长江"],
    "小港街道": ["小港", "红联", "渡头", "枫林", "新棉", "下邵", "江南", "纬零", "蔚斗"],
    "大碶街道": ["大碶", "九峰", "璎珞", "灵峰", "高塘", "沙溪", "横杨", "坝头", "共同", "庙前山"],
    "霞浦街道": ["霞浦", "下三山", "四合", "新峙", "长山"],
    "柴桥街道": ["柴桥", "芦江", "紫石", "穿山", "后所", "瑞岩", "河头"],
    "戚家山街道": ["戚家山", "联合", "蔚斗山", "东山"],
    "春晓街道": ["春晓", "洋沙山", "三山", "慈岙", "昆亭"],
    "梅山街道": ["梅山", "峙南", "梅中"],
    "白峰街道": ["白峰", "阳东", "上阳", "勤山"],
    "郭巨街道": ["郭巨", "峙头", "大岙"],
    "大榭街道": ["大榭", "榭南", "榭北"],
}

# --------------------------------------------------------------------------
# 1. kindergartens
# --------------------------------------------------------------------------
KG_TOTAL = {2022: 25600, 2023: 25200, 2024: 24800, 2025: 24200}
NEW_KG = [("宁波市北仑区滨江幼儿园", "霞浦街道", 2023), ("北仑区璎珞河幼儿园", "大碶街道", 2024),
          ("宁波市北仑区港城幼儿园", "小港街道", 2024), ("北仑区春晓滨海幼儿园", "春晓街道", 2025)]
BRANDS = ["贝贝", "蓝天", "阳光", "金色童年", "小天使", "童心", "启蒙", "爱心", "七色花",
          "星星", "新苗", "育英", "博文", "春蕾", "小太阳", "彩虹", "小红帽", "天天",
          "向日葵", "快乐岛", "明珠", "蒙特梭利", "艺术", "双语", "实验"]


def make_kindergartens():
    kgs = []
    used = set()

    def place_name(street):
        for _ in range(100):
            p = rng.choice(PLACES[street])
            if p not in used:
                used.add(p)
                return p
        raise RuntimeError("ran out of place names")

    ids = unique_ids("11", 110)
    # public: 11 street centres + 45 others in 2022 (56), +4 new ones 2023-2025
    for s in STREETS:
        short = s[:-2]
        nm = f"宁波市北仑区{short}中心幼儿园" if rng.random() < 0.6 else f"北仑区{short}中心幼儿园"
        kgs.append(dict(name=nm, street=s, own="公办", base=rng.uniform(300, 520)))
    used.update(s[:-2] for s in STREETS)
    ordinal = {s: 1 for s in STREETS}   # the street's 中心幼儿园 counts as the first
    for _ in range(45):
        s = weighted_pick(STREETS, STREET_W)
        p = None
        if rng.random() < 0.75:
            try:
                p = place_name(s)
            except RuntimeError:
                p = None
        if p is None:
            ordinal[s] += 1
            nm = f"北仑区{s[:-2]}第{'一二三四五六七八九十'[ordinal[s] - 1]}幼儿园"
        else:
            nm = rng.choice(["宁波市北仑区", "北仑区", "北仑区"]) + p + "幼儿园"
        kgs.append(dict(name=nm, street=s, own="公办", base=rng.uniform(170, 420)))
    # two big multi-site group kindergartens that reach >= 1000 children
    kgs[0]["base"] = 1250.0
    kgs[0]["name"] = "宁波市北仑区新碶中心幼儿园"
    kgs[2]["base"] = 1230.0
    kgs[12]["name"] = "宁波经济技术开发区中心幼儿园"
    kgs[12]["street"] = "新碶街道"
    kgs[12]["base"] = 700.0
    for k in kgs[:11] + [kgs[12]]:
        k["grade0"] = "省一级"
    for k in kgs:
        k.update(open=2022, close=None, inclusive={y: True for y in YEARS})
    # private
    for j in range(44):
        s = weighted_pick(STREETS, STREET_W)
        for _ in range(50):
            nm = f"北仑区{rng.choice(PLACES[s])}{rng.choice(BRANDS)}幼儿园"
            if not any(x["name"] == nm for x in kgs):
                break
        k = dict(name=nm, street=s, own="民办", base=rng.uniform(90, 300), open=2022, close=None)
        inc = j < 30
        k["inclusive"] = {y: inc for y in YEARS}
        kgs.append(k)
    # private non-inclusive (indices 30..43 among private) becoming 普惠 / closing
    priv_non = [k for k in kgs if k["own"] == "民办" and not k["inclusive"][2022]]
    for k, y in zip(priv_non, [2023, 2023, 2024, 2025, 2025]):
        for yy in YEARS:
            if yy >= y:
                k["inclusive"][yy] = True
    priv_non[5]["close"] = 2024          # closed before the 2024 学年
    # new public kindergartens commissioned 2023-2025 (match places_projects)
    for nm, s, y in NEW_KG:
        assert not any(x["name"] == nm for x in kgs)
        kgs.append(dict(name=nm, street=s, own="公办", base=rng.uniform(300, 380), open=y,
                        close=None, inclusive={yy: True for yy in YEARS}))
    for k, i in zip(kgs, ids):
        k["id"] = i
    # initial grades (2022)
    for k in kgs:
        if k["open"] > 2022:
            k["grade"] = {}
            continue
        if "grade0" in k:
            g = k["grade0"]
        elif k["own"] == "公办":
            g = weighted_pick(["省一级", "省二级", "省三级"], [30, 64, 6])
        elif k["inclusive"][2022]:
            g = weighted_pick(["省一级", "省二级", "省三级", "未定级"], [4, 52, 38, 6])
        else:
            g = weighted_pick(["省二级", "省三级", "未定级"], [12, 55, 33])
        k["grade"] = {2022: g}
    return kgs


def kg_active(k, y):
    return k["open"] <= y and (k["close"] is None or y < k["close"])


def build_kindergarten_years(kgs):
    """Per year: grades, then exact-sum enrolment per kindergarten."""
    Q = ("省一级", "省二级")
    prev_y = None
    res = {}
    for y in YEARS:
        act = [k for k in kgs if kg_active(k, y)]
        for k in act:
            k.setdefault("w", {})[y] = k["base"] * math.exp(rng.gauss(0, 0.04)) * (0.7 if k["open"] == y else 1.0)
        if prev_y is not None:
            for k in act:
                if y in k["grade"]:
                    continue
                if k["open"] == y:
                    k["grade"][y] = "未定级"
                    continue
                g = k["grade"][prev_y]
                if g == "未定级" and (rng.random() < 0.35 or k["open"] == prev_y):
                    g = "省三级" if k["own"] == "民办" else "省二级"
                k["grade"][y] = g
        # steer the *natural* quality share to the target (±0.4%) so scaling is gentle
        tgt = float(T["kg quality (省一/二级) share"][y])

        def nat():
            return sum(k["w"][y] for k in act if k["grade"][y] in Q) / sum(k["w"][y] for k in act)
        guard = 0
        while nat() < tgt - 0.004 and guard < 200:
            cands = [k for k in act if k["grade"][y] == "省三级"]
            rng.choice(cands)["grade"][y] = "省二级"
            guard += 1
        while y == 2022 and nat() > tgt + 0.004:
            cands = [k for k in act if k["grade"][y] == "省二级" and k["own"] == "民办"]
            rng.choice(cands)["grade"][y] = "省三级"
        # exact group sums
        tot = KG_TOTAL[y]
        G = {"pub": int(T["row2 public kg share"][y] * tot)}
        inc = int(T["row1 inclusive kg share"][y] * tot)
        G["pi"] = inc - G["pub"]
        G["pn"] = tot - inc
        Qtot = int(T["kg quality (省一/二级) share"][y] * tot)
        assert T["row2 public kg share"][y] * tot == G["pub"] and F(inc) == T["row1 inclusive kg share"][y] * tot
        assert F(Qtot) == T["kg quality (省一/二级) share"][y] * tot

        def grp(k):
            if k["own"] == "公办":
                return "pub"
            return "pi" if k["inclusive"][y] else "pn"
        cells = {}
        for k in act:
            cells.setdefault((grp(k), k["grade"][y] in Q), []).append(k)
        scaled_q = {}
        for g in G:
            nq = sum(k["w"][y] for k in cells.get((g, True), []))
            nn = sum(k["w"][y] for k in cells.get((g, False), []))
            scaled_q[g] = G[g] * nq / (nq + nn)
        qg = apportion(Qtot, [scaled_q[g] for g in G])
        sizes = {}
        for (g, qv) in zip(G, qg):
            for flag, target in ((True, qv), (False, G[g] - qv)):
                members = cells.get((g, flag), [])
                if not members:
                    assert target == 0, (y, g, flag, target)
                    continue
                for k, v in zip(members, apportion(target, [k["w"][y] for k in members])):
                    sizes[k["id"]] = v
        for k in act:
            n = sizes[k["id"]]
            assert 40 <= n <= 1200, (y, k["name"], n)
            k.setdefault("n", {})[y] = n
            k.setdefault("girls", {})[y] = round(n * rng.uniform(0.455, 0.505))
            k.setdefault("classes", {})[y] = max(3, round(n / rng.uniform(25.5, 29.5)))
        res[y] = act
        prev_y = y
    return res


def kg_sort_key(k):
    return (0 if k["own"] == "公办" else 1, k["id"])


def write_kindergartens(kg_years):
    d = PLUGINS / "enrolment" / "data"
    header = ["学校标识码", "学校名称", "办学类型", "办别", "普惠性", "等级", "所在街道", "班数", "在园幼儿数"]
    for y in (2023, 2024, 2025):
        rows = []
        for k in sorted(kg_years[y], key=kg_sort_key):
            n = k["n"][y]
            rows.append([k["id"], k["name"], "幼儿园", k["own"], "是" if k["inclusive"][y] else "否",
                         k["grade"][y], k["street"], k["classes"][y], thousands(n)])
        write_rows(d / f"kindergartens_{y}.csv", header, rows, encoding="utf-8-sig", newline="\r\n")
    # 2022: a GBK district export with title, merged two-row header, subtotals, footer
    y = 2022
    act = sorted(kg_years[y], key=kg_sort_key)
    pub = [k for k in act if k["own"] == "公办"]
    pri = [k for k in act if k["own"] == "民办"]

    def subtotal(label, ks):
        return [label, "", "", "", "", "", "", "", thousands(sum(k["n"][y] for k in ks)),
                thousands(sum(k["girls"][y] for k in ks))]

    def row(k):
        return [k["id"], k["name"], "幼儿园", k["own"], "是" if k["inclusive"][y] else "否", k["grade"][y],
                k["street"], k["classes"][y], thousands(k["n"][y]), thousands(k["girls"][y])]
    rows = [
        ["2022学年初北仑区幼儿园基本情况统计表"] + [""] * 9,
        ["填报单位:北仑区教育局(盖章)", "", "", "", "", "", "", "单位:人", "", ""],
        header + [""],
        [""] * 8 + ["合计", "其中:女"],
        subtotal("合计", act),
        subtotal("其中:公办", pub),
        *[row(k) for k in pub],
        subtotal("其中:民办", pri),
        *[row(k) for k in pri],
        ["填表人:王某某", "", "审核人:李某某", "", "", "", "填报日期:2022.10.15", "", "", ""],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    text = buf.getvalue()
    for name, enc in (("kindergartens_2022.csv", "gbk"), ("kindergartens_2022.utf8.csv", "utf-8")):
        p = d / name
        p.write_bytes(text.encode(enc))
        WRITTEN.append(p)


# --------------------------------------------------------------------------
# 2. compulsory schools, senior highs, vocational, other institutions
# --------------------------------------------------------------------------
PRIMARY_PUBLIC = [
    ("北仑区新碶小学", "新碶街道"), ("北仑区岩河小学", "新碶街道"), ("北仑区华山小学", "新碶街道"),
    ("北仑区淮河小学", "新碶街道"), ("北仑区黄山小学", "新碶街道"), ("北仑区泰山小学", "新碶街道"),
    ("北仑区长江小学", "新碶街道"), ("北仑区珠江小学", "新碶街道"), ("北仑区岷山小学", "新碶街道"),
    ("北仑区庐山小学", "新碶街道"), ("北仑区昆仑小学", "新碶街道"),
    ("北仑区蔚斗小学", "小港街道"), ("北仑区江南小学", "小港街道"), ("北仑区红联小学", "小港街道"),
    ("北仑区纬零小学", "小港街道"),
    ("北仑区大碶小学", "大碶街道"), ("北仑区九峰小学", "大碶街道"), ("北仑区璎珞小学", "大碶街道"),
    ("北仑区灵峰小学", "大碶街道"), ("北仑区高塘小学", "大碶街道"), ("北仑区沙溪小学", "大碶街道"),
    ("北仑区霞浦小学", "霞浦街道"), ("北仑区新峙小学", "霞浦街道"),
    ("北仑区柴桥实验小学", "柴桥街道"), ("北仑区芦江小学", "柴桥街道"), ("北仑区紫石小学", "柴桥街道"),
    ("北仑区穿山小学", "柴桥街道"),
    ("北仑区戚家山小学", "戚家山街道"), ("北仑区春晓小学", "春晓街道"), ("北仑区洋沙山小学", "春晓街道"),
    ("北仑区梅山小学", "梅山街道"), ("北仑区白峰小学", "白峰街道"), ("北仑区郭巨小学", "郭巨街道"),
    ("宁波大榭开发区中心小学", "大榭街道"),
]
PRIMARY_PRIVATE = [("宁波市北仑区育才小学", "大碶街道"), ("宁波市北仑区东方小学", "小港街道")]
NINE_YEAR = [("北仑区岷山学校", "新碶街道", "公办"), ("北仑区东海实验学校", "新碶街道", "公办"),
             ("北仑区小港实验学校", "小港街道", "公办"), ("宁波市北仑区精英学校", "大碶街道", "民办")]
JUNIOR_PUBLIC = [
    ("北仑区新碶中学", "新碶街道"), ("北仑区长江中学", "新碶街道"), ("北仑区明港中学", "新碶街道"),
    ("北仑区江南中学", "小港街道"), ("北仑区枫林中学", "小港街道"),
    ("北仑区大碶中学", "大碶街道"), ("北仑区九峰中学", "大碶街道"), ("北仑区高塘中学", "大碶街道"),
    ("北仑区霞浦中学", "霞浦街道"), ("北仑区柴桥中学", "柴桥街道"), ("北仑区芦江中学", "柴桥街道"),
    ("北仑区戚家山中学", "戚家山街道"), ("北仑区春晓中学", "春晓街道"), ("北仑区白峰中学", "白峰街道"),
    ("北仑区郭巨中学", "郭巨街道"), ("宁波大榭开发区中学", "大榭街道"),
]
SENIOR = [("宁波市北仑中学", 3000), ("北仑明港高级中学", 2500), ("宁波市北仑区泰河中学", 2300),
          ("宁波市北仑区顾国和中学", 2200), ("宁波市北仑区柴桥高级中学", 2000),
          ("宁波经济技术开发区高级中学", 1900), ("宁波市北仑区小港高级中学", 1800)]
VOCATIONAL = [("宁波市北仑职业高级中学", "职业高中", 0.40), ("宁波市北仑区职业教育中心学校", "中等专业学校", 0.37),
              ("宁波市北仑区技工学校", "技工学校", 0.23)]
SMALL_RURAL = {"梅山街道", "白峰街道", "郭巨街道", "大榭街道", "春晓街道"}


def make_schools():
    schools = []  # each: id, name, street, own, type, stages{stage: base students}
    pids = unique_ids("21", len(PRIMARY_PUBLIC) + len(PRIMARY_PRIVATE))
    jids = unique_ids("31", len(JUNIOR_PUBLIC) + len(NINE_YEAR))
    for (nm, s), i in zip(PRIMARY_PUBLIC + PRIMARY_PRIVATE, pids):
        own = "民办" if (nm, s) in PRIMARY_PRIVATE else "公办"
        if own == "民办":
            base = rng.uniform(1300, 1600)
        elif s in SMALL_RURAL:
            base = rng.uniform(380, 900)
        else:
            base = min(2700, math.exp(rng.gauss(math.log(1300), 0.35)))
        schools.append(dict(id=i, name=nm, street=s, own=own, type="小学", stages={"小学": base}))
    for (nm, s), i in zip(JUNIOR_PUBLIC, jids):
        base = rng.uniform(450, 800) if s in SMALL_RURAL else min(2100, math.exp(rng.gauss(math.log(1250), 0.3)))
        schools.append(dict(id=i, name=nm, street=s, own="公办", type="初级中学", stages={"初中": base}))
    # 九年一贯制: one 学校标识码 (registered as 31 普通初中), both stages
    for (nm, s, own), i in zip(NINE_YEAR, jids[len(JUNIOR_PUBLIC):]):
        schools.append(dict(id=i, name=nm, street=s, own=own, type="九年一贯制学校",
                            stages={"小学": rng.uniform(900, 1200), "初中": rng.uniform(450, 650)}))
    # scale to district sizes (2022: ~49.5k primary, ~21.8k junior)
    for stage, tot in (("小学", 49500), ("初中", 21800)):
        rows = [s for s in schools if stage in s["stages"]]
        f = tot / sum(s["stages"][stage] for s in rows)
        for s in rows:
            s["stages"][stage] *= f
    sids = unique_ids("34", len(SENIOR))
    seniors = [dict(id=i, name=nm, street=weighted_pick(STREETS[:5], [4, 2, 2, 1, 1]), own="公办",
                    type="高级中学", base=b) for (nm, b), i in zip(SENIOR, sids)]
    seniors[0]["street"] = "新碶街道"
    vids = unique_ids("36", len(VOCATIONAL))
    vocs = [dict(id=i, name=nm, type=t, share=sh) for (nm, t, sh), i in zip(VOCATIONAL, vids)]
    special = dict(id=unique_ids("51", 1)[0], name="宁波市北仑区特殊教育中心学校")
    college = dict(id="4133012861", name="宁波职业技术学院")
    return schools, seniors, vocs, special, college


def stage_rows(schools, stage):
    return [s for s in schools if stage in s["stages"]]


RES = ["高于规定学历教师数", "县级以上骨干教师数", "体育艺术专任教师数", "教学及辅助用房面积(平方米)",
       "体育运动场馆面积(平方米)", "教学仪器设备值(万元)", "网络多媒体教室数"]
RES_SHORT = ["qualified", "backbone", "pe_art", "teach_area", "sports_area", "equipment", "multimedia"]
# per-pupil means in 2022 (teachers & rooms per pupil, areas m², equipment 万元) and yearly increment
RES_MEAN = {"小学": ([0.066, 0.016, 0.0125, 6.2, 9.0, 0.27, 0.029], [0.0015, 0.0005, 0.0003, 0.08, 0.08, 0.01, 0.0005]),
            "初中": ([0.070, 0.019, 0.0115, 7.6, 11.8, 0.33, 0.030], [0.0005, 0.0005, 0.0003, 0.08, 0.08, 0.01, 0.0005])}
CV_2022 = {"小学": [0.26, 0.44, 0.38, 0.30, 0.38, 0.33, 0.29],
           "初中": [0.22, 0.38, 0.33, 0.25, 0.31, 0.27, 0.24]}
CV_STEP = 0.02


def build_compulsory(schools):
    """students, migrants and the 7 resources per school & stage & year."""
    for s in schools:
        s["mig_share"] = rng.uniform(0.93, 0.98) if s["own"] == "民办" else rng.uniform(0.28, 0.62)
        s["m"] = {st: [math.exp(0.6 * rng.gauss(0, 1)) for _ in RES] for st in s["stages"]}
        s["data"] = {}
    for y in YEARS:
        k = y - 2022
        for s in schools:
            s["data"][y] = {}
            for st, base in s["stages"].items():
                g = (0.955 ** k) if s["own"] == "民办" else ((1.02 if st == "小学" else 1.03) ** k)
                P = round(base * g * math.exp(rng.gauss(0, 0.015)))
                # never more migrant pupils than pupils
                mig = min(P, round(P * s["mig_share"] * math.exp(rng.gauss(0, 0.02))))
                elig = mig  # private schools' eligible share is set in set_private_eligible (own generator)
                s["data"][y][st] = dict(P=P, mig=mig, elig=elig)
        for st in ("小学", "初中"):
            rows = stage_rows(schools, st)
            Ps = [s["data"][y][st]["P"] for s in rows]
            Pt = sum(Ps)
            means, incs = RES_MEAN[st]
            for r in range(len(RES)):
                ms = [s["m"][st][r] * math.exp(rng.gauss(0, 0.04)) for s in rows]
                mean_m = sum(p * m for p, m in zip(Ps, ms)) / Pt
                ms = [m / mean_m for m in ms]
                sd = math.sqrt(sum(p * (m - 1) ** 2 for p, m in zip(Ps, ms)) / Pt)
                cv = CV_2022[st][r] - CV_STEP * k
                kk = cv / sd
                if kk >= 0.95:  # too little spread in the draw: fall back to a stretched copy
                    kk = 0.95
                mu = means[r] + incs[r] * k
                for s, m, p in zip(rows, ms, Ps):
                    x = mu * (1 + kk * (m - 1)) * p
                    if r in (0, 1, 2, 6):
                        v = max(1, round(x))
                    elif r in (3, 4):
                        v = round(x, 1)
                    else:
                        v = round(x, 2)
                    s["data"][y][st][RES_SHORT[r]] = v
        # Every resource cell has a value: a missing one (—) makes that resource's 差异系数 unknown, so the shipped
        # data would never show every criterion. The draw that once picked the school to blank is kept, so every
        # later random number — and every other file — stays as before. (The — case is a test fixture instead.)
        for st in ("小学", "初中"):
            rng.choice(stage_rows(schools, st))


def set_private_eligible(schools):
    """Eligible (符合条件) migrant pupils in private schools: enough that row 5 is ROW5 (to 3 decimals), i.e.
    families who qualified for a public place and chose a private school. Public schools: every migrant pupil
    enrolled is eligible (admitted under the 积分 rules)."""
    for y in YEARS:
        pub = sum(s["data"][y][st]["elig"] for s in schools if s["own"] == "公办" for st in s["stages"])
        target = T["row5 migrant in public"][y]
        private = [(s, st) for s in schools if s["own"] == "民办" for st in s["stages"]]
        # pub / (pub + x) = target  →  x = pub (1 - target) / target
        x = round(pub * (1 - target) / target)
        shares = apportion(x, [s["data"][y][st]["mig"] * rng2.uniform(0.7, 1.3) for s, st in private],
                           caps=[s["data"][y][st]["mig"] for s, st in private])
        for (s, st), e in zip(private, shares):
            s["data"][y][st]["elig"] = e


def fmt_res(r, v):
    if v is None:
        return "—"
    if r in (3, 4):
        return f"{v:.1f}"
    if r == 5:
        return f"{v:.2f}"
    return str(v)


def write_compulsory(schools):
    d = PLUGINS / "enrolment" / "data"
    header = ["学校标识码", "学校名称", "办学类型", "办别", "学段", "在校学生数", "随迁子女数", "符合条件随迁子女数"] + RES
    for y in YEARS:
        rows = []
        for st in ("小学", "初中"):
            for s in sorted(stage_rows(schools, st), key=lambda s: (s["own"] != "公办", s["id"])):
                v = s["data"][y][st]
                rows.append([s["id"], s["name"], s["type"], s["own"], st, v["P"], v["mig"], v["elig"]]
                            + [fmt_res(r, v[RES_SHORT[r]]) for r in range(len(RES))])
        write_rows(d / f"compulsory_{y}.csv", header, rows)


def write_junior_graduates(schools):
    d = PLUGINS / "enrolment" / "data"
    header = ["学校标识码", "学校名称", "初中毕业生数", "升入普通高中", "升入中职", "升入技工学校", "升入五年制高职", "未升学"]
    rows_j = sorted(stage_rows(schools, "初中"), key=lambda s: s["id"])
    for y in YEARS:
        # about one third of junior enrolment, adjusted up to the first total whose share continuing can be the
        # plan's figure to 4 decimals without falling below it
        t6 = T["row6 junior -> upper sec."][y]
        total = sum(s["data"][y]["初中"]["P"] for s in rows_j) // 3
        while not any(round(F(total - n, total), 4) == t6 and F(total - n, total) >= t6 for n in range(1, 40)):
            total += 1
        cont = total - max(n for n in range(1, 40) if round(F(total - n, total), 4) == t6 and F(total - n, total) >= t6)
        grads = apportion(total, [s["data"][y]["初中"]["P"] * rng.uniform(0.95, 1.05) for s in rows_j])
        notc = apportion(total - cont, [g * (3 if s["own"] == "民办" else 1) * rng.random() for g, s in zip(grads, rows_j)],
                         caps=[2] * len(rows_j))
        rows = []
        for s, g, nc in zip(rows_j, grads, notc):
            c = g - nc
            gen_share = rng.uniform(0.57, 0.64) if s["own"] == "公办" else rng.uniform(0.40, 0.48)
            gh = round(c * gen_share)
            rest = c - gh
            voc, tech, five = apportion(rest, [0.62 + rng.uniform(-0.05, 0.05), 0.20, 0.18])
            rows.append([s["id"], s["name"], g, gh, voc, tech, five, nc])
        write_rows(d / f"junior_graduates_{y}.csv", header, rows)


def write_places_projects(schools):
    d = PLUGINS / "enrolment" / "data"
    P = []
    kg = [(NEW_KG[0][0] + "新建工程", 360, "2023.09"), ("北仑区霞浦中心幼儿园扩建工程", 180, "2023.09"),
          (NEW_KG[1][0] + "新建工程", 360, "2024.09"), (NEW_KG[2][0] + "新建工程", 360, "2024.09"),
          ("北仑区小港中心幼儿园改扩建工程", 150, "2024.02"), (NEW_KG[3][0] + "新建工程", 330, "2025.09"),
          ("北仑区柴桥中心幼儿园扩建工程", 180, "2025.09"), ("北仑区大碶中心幼儿园托幼一体化改造工程", 150, "2025.02")]
    pri = [("北仑区岩河小学扩建工程", 18, "2023.09"), ("北仑区长江小学迁建工程", 24, "2023.09"),
           ("北仑区九峰小学扩建工程", 12, "2023.09"), ("北仑区淮河小学改扩建工程", 12, "2024.02"),
           ("北仑区璎珞小学新建校区工程", 24, "2024.09"), ("北仑区新峙小学扩建工程", 12, "2024.09"),
           ("北仑区红联小学迁建工程", 21, "2025.09"), ("北仑区芦江小学扩建工程", 6, "2025.09"),
           ("北仑区蔚斗小学扩建工程", 6, "2025.02")]
    jun = [("北仑区长江中学扩建工程", 24, "2023.09"), ("北仑区九峰中学迁建工程", 24, "2024.09"),
           ("北仑区岷山学校初中部扩建工程", 12, "2024.09"), ("北仑区霞浦中学扩建工程", 12, "2025.09"),
           ("北仑区江南中学改扩建工程", 3, "2025.02")]
    sen = [("宁波市北仑中学扩建工程", 15, "2023.09"), ("宁波经济技术开发区高级中学新校区工程", 24, "2024.09"),
           ("宁波市北仑区泰河中学改扩建工程", 6, "2025.09")]
    for nm, n, dt in kg:
        assert n % 30 == 0
        P.append([nm, "幼儿园", n, dt])
    for lv, lst in (("小学", pri), ("初中", jun), ("普通高中", sen)):
        for nm, classes, dt in lst:
            P.append([nm, lv, classes * 45, dt])
    P.sort(key=lambda r: (r[3], r[1]))
    write_rows(d / "places_projects.csv", ["项目名称", "学段", "新增学位数", "投用日期"], P)
    return P


# --------------------------------------------------------------------------
# 3. vocational
# --------------------------------------------------------------------------
VOC_ENTRANTS = {2022: 1700, 2023: 1800, 2024: 1800, 2025: 1900}
VOC_GRADS = {2022: 1500, 2023: 1600, 2024: 1600, 2025: 1700}


def write_vocational(vocs):
    d = PLUGINS / "vocational_progression" / "data"
    header = ["学校标识码", "学校名称", "办学类型", "招生数", "长学制招生数", "毕业生数", "升入高等学校数"]
    for y in YEARS:
        ent = apportion(VOC_ENTRANTS[y], [v["share"] * rng.uniform(0.95, 1.05) for v in vocs])
        grd = apportion(VOC_GRADS[y], [v["share"] * rng.uniform(0.95, 1.05) for v in vocs])
        lng_t = int(T["row8 long-programme entrants"][y] * VOC_ENTRANTS[y])
        hi_t = int(T["row9 voc grads -> higher ed"][y] * VOC_GRADS[y])
        assert F(lng_t) == T["row8 long-programme entrants"][y] * VOC_ENTRANTS[y]
        assert F(hi_t) == T["row9 voc grads -> higher ed"][y] * VOC_GRADS[y]
        lw = {"职业高中": 1.15, "中等专业学校": 1.0, "技工学校": 0.75}
        hw = {"职业高中": 1.12, "中等专业学校": 1.05, "技工学校": 0.7}
        lng = apportion(lng_t, [e * lw[v["type"]] for e, v in zip(ent, vocs)], caps=ent)
        hi = apportion(hi_t, [g * hw[v["type"]] for g, v in zip(grd, vocs)], caps=grd)
        rows = []
        for v, e, l, g, h in zip(vocs, ent, lng, grd, hi):
            v.setdefault("students", {})[y] = round(e * 2.9 * rng.uniform(0.97, 1.01))
            rows.append([v["id"], v["name"], v["type"], e, l, g, h])
        write_rows(d / f"vocational_{y}.csv", header, rows)


TRAININGS = ["电工职业技能等级认定培训", "叉车司机安全操作培训", "数控车工(中级)培训", "港口机械维修技能培训",
             "汽车维修工技能提升培训", "电子商务直播营销培训", "育婴员培训", "养老护理员培训", "焊工(中级)培训",
             "注塑机操作工培训", "企业新型学徒制培训", "工业机器人系统运维员培训", "1+X Web前端开发证书培训",
             "跨境电商实务培训", "安全生产管理人员培训", "茶艺师培训", "中式烹调师培训", "电梯安装维修工培训",
             "模具工技能培训", "社区居民智能手机应用培训", "化工总控工培训", "物流服务师培训", "钳工技能提升培训",
             "新能源汽车维修培训", "西式面点师培训", "退役军人技能培训"]


def write_training(vocs):
    d = PLUGINS / "vocational_progression" / "data"
    rows = []
    for y in YEARS:
        n = rng.randint(24, 34)
        days = sorted(rng.sample(range(0, 365), n))
        # one event right at the year boundary, to exercise the date filter
        days[-1] = 363 if y % 2 == 0 else days[-1]
        sizes = apportion(int(T["row10 training person-times"][y]), [rng.uniform(0.3, 2.0) for _ in range(n)])
        assert all(15 <= s <= 800 for s in sizes), sizes
        for dd, sz in zip(days, sizes):
            dt = date(y, 1, 1) + timedelta(days=dd)
            u = rng.random()
            if u < 0.08:
                ds = dt.strftime("%Y-%m-%d")
            elif u < 0.15:
                ds = f"{dt.year}/{dt.month}/{dt.day}"
            else:
                ds = dt.strftime("%Y.%m.%d")
            v = weighted_pick(vocs, [4, 3, 3])
            name = rng.choice(TRAININGS)
            if rng.random() < 0.3:
                name = name.replace("培训", f"培训(第{rng.randint(1, 6)}期)")
            rows.append([name, v["id"], ds, sz])
    write_rows(d / "training_events.csv", ["培训项目", "学校标识码", "开班日期", "参训人次"], rows)


CC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code() -> str:
    """A synthetic 统一社会信用代码 with valid GB 11714 and GB 32100 check characters."""
    body = [rng.randint(0, 9) for _ in range(8)]
    c9 = 11 - sum(b * w for b, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    org = "".join(map(str, body)) + ("X" if c9 == 10 else "0" if c9 == 11 else str(c9))
    s = "91" + "330206" + org
    c18 = (31 - sum(CC_CHARS.index(ch) * w for ch, w in zip(s, CC_W)) % 31) % 31
    return s + CC_CHARS[c18]


ENTERPRISES = ["宁波吉利汽车研究开发有限公司", "海天塑机集团有限公司", "宁波舟山港股份有限公司北仑第三集装箱码头分公司",
               "敏实集团有限公司", "宁波拓普集团股份有限公司", "宁波申洲针织有限公司", "宁波力劲科技有限公司",
               "宁波钢铁有限公司", "宁波台塑工业有限公司", "宁波大港新世纪集装箱码头有限公司", "宁波逸盛石化有限公司",
               "宁波旭升集团股份有限公司"]


def write_industry(vocs):
    d = PLUGINS / "vocational_progression" / "data"
    # (start year, end year or None); active(Y) = start<=Y and (end is None or end>Y)
    plan = [(2020, None), (2020, 2022), (2021, None), (2021, None), (2022, None), (2022, None),
            (2023, None), (2023, None), (2023, None), (2023, None), (2023, 2024),
            (2024, None), (2024, None), (2024, None), (2025, None), (2025, None)]
    pairs = [("汽车智能制造订单班", 0), ("塑料机械装调现代学徒制", 1), ("港口机械产业学院", 2),
             ("汽车零部件模具实训基地", 3), ("汽车电子产教融合实践中心", 4), ("服装智能制造学徒制", 5),
             ("压铸工艺协同育人项目", 6), ("冶金设备点检订单班", 7), ("化工安全实训基地", 8),
             ("集装箱码头操作订单班", 9), ("石化装置操作协同育人", 10), ("精密压铸产业学院", 11),
             ("新能源汽车技术产教融合共同体", 0), ("港航物流现场工程师培养", 2), ("注塑装备工业机器人应用实训基地", 1),
             ("汽车轻量化零部件现场工程师班", 4)]
    ents = {e: credit_code() for e in ENTERPRISES}
    rows = []
    for i, ((s, e), (nm, ei)) in enumerate(zip(plan, pairs), 1):
        ent = ENTERPRISES[ei]
        v = vocs[i % 3]
        lvl = weighted_pick(["区级", "市级", "省级"], [5, 4, 1])
        rows.append([f"BLCJ-{s}-{i:02d}", nm, v["id"], ent, ents[ent], lvl, s, "" if e is None else e,
                     "终止" if e is not None else "执行中"])
    write_rows(d / "industry_projects.csv",
               ["项目编号", "项目名称", "学校标识码", "合作企业", "统一社会信用代码", "认定级别", "立项年份", "终止年份", "状态"],
               rows)


# --------------------------------------------------------------------------
# 4. lifelong learning: enrolment by age, population, elderly
# --------------------------------------------------------------------------
R2022 = {3: "0.90", 4: "0.96", 5: "0.98", 6: "0.99", 7: "1", 8: "1", 9: "1", 10: "1", 11: "1", 12: "1",
         13: "0.99", 14: "0.99", 15: "0.97", 16: "0.95", 17: "0.93", 18: "0.54"}
R_STEP = {2023: {3: "0.02", 4: "0.01", 6: "0.01", 16: "0.01", 17: "0.02", 18: "0.03"},
          2024: {3: "0.02", 4: "0.01", 13: "0.01", 15: "0.01", 16: "0.01", 17: "0.01", 18: "0.03"},
          2025: {3: "0.02", 4: "0.01", 5: "0.01", 14: "0.01", 15: "0.01", 16: "0.01", 17: "0.01", 18: "0.02"}}
AGE_TPL = {
    "kg": {2: 0.03, 3: 0.31, 4: 0.33, 5: 0.32, 6: 0.01},
    "primary": {6: 0.155, 7: 0.165, 8: 0.165, 9: 0.165, 10: 0.165, 11: 0.16, 12: 0.02, 13: 0.005},
    "junior": {12: 0.32, 13: 0.33, 14: 0.32, 15: 0.025, 16: 0.005},
    "senior": {15: 0.32, 16: 0.33, 17: 0.32, 18: 0.025, 19: 0.005},
    "voc": {15: 0.30, 16: 0.32, 17: 0.30, 18: 0.06, 19: 0.015, 20: 0.005},
    "college": {17: 0.01, 18: 0.28, 19: 0.33, 20: 0.30, 21: 0.065, 22: 0.015},
    "special": {a: 1 / 14 for a in range(6, 20)},
}
ADJ = {3: ("kg", 2), 4: ("kg", 2), 5: ("kg", 2), **{a: ("primary", a + 1) for a in range(6, 13)},
       13: ("junior", 14), 14: ("junior", 15), 15: ("junior", 16), 16: ("senior", 17), 17: ("senior", 18),
       18: ("senior", 19)}


def ratios_for(y):
    r = {a: F(v) for a, v in R2022.items()}
    for yy in range(2023, y + 1):
        for a, v in R_STEP[yy].items():
            r[a] += F(v)
    assert sum(r.values()) == T["row7 expected years (computed)"][y], (y, sum(r.values()))
    return r


def write_age_files(kg_years, schools, seniors, vocs, special, college):
    d = PLUGINS / "lifelong_learning" / "data"
    for y in YEARS:
        k = y - 2022
        inst = {lv: [] for lv in AGE_TPL}   # level -> [(id, name, total)]
        for kk in sorted(kg_years[y], key=kg_sort_key):
            inst["kg"].append((kk["id"], kk["name"], kk["n"][y]))
        for st, lv in (("小学", "primary"), ("初中", "junior")):
            for s in sorted(stage_rows(schools, st), key=lambda s: s["id"]):
                inst[lv].append((s["id"], s["name"], s["data"][y][st]["P"]))
        for s in seniors:
            s.setdefault("students", {})[y] = round(s["base"] * (1.025 ** k) * rng.uniform(0.98, 1.02))
            inst["senior"].append((s["id"], s["name"], s["students"][y]))
        for v in vocs:
            inst["voc"].append((v["id"], v["name"], v["students"][y]))
        inst["college"].append((college["id"], college["name"], round(13200 * 1.02 ** k)))
        inst["special"].append((special["id"], special["name"], 158 + 6 * k))
        L = {lv: dict(zip(AGE_TPL[lv], apportion(sum(t for _, _, t in inst[lv]), list(AGE_TPL[lv].values()))))
             for lv in AGE_TPL}
        R = ratios_for(y)
        pop = {}
        for a in range(3, 19):
            C = sum(L[lv].get(a, 0) for lv in L)
            r = R[a]
            step = r.denominator  # pop multiple of the denominator => r*pop integral
            p = round(F(C) / r / step) * step
            E = r * p
            assert E.denominator == 1
            delta = int(E) - C
            lv, comp = ADJ[a]
            L[lv][a] += delta
            L[lv][comp] -= delta
            assert L[lv][comp] >= 0 and L[lv][a] >= 0
            pop[a] = p
        # split each level's age profile over its institutions (rows and columns both exact)
        by_inst = {}   # id -> (name, {age: n})
        for lv, members in inst.items():
            remaining = dict(L[lv])
            for j, (iid, nm, tot) in enumerate(members):
                ages = [a for a in remaining if remaining[a] > 0]
                if j == len(members) - 1:
                    alloc = {a: remaining[a] for a in ages}
                    assert sum(alloc.values()) == tot
                else:
                    vals = apportion(tot, [remaining[a] for a in ages], caps=[remaining[a] for a in ages])
                    alloc = dict(zip(ages, vals))
                for a, n in alloc.items():
                    remaining[a] -= n
                ent = by_inst.setdefault(iid, (nm, {}))
                for a, n in alloc.items():
                    if n:
                        ent[1][a] = ent[1].get(a, 0) + n
            assert all(v == 0 for v in remaining.values())
        rows = []
        for iid, (nm, ages) in by_inst.items():
            for a in sorted(ages):
                rows.append([iid, nm, a, ages[a]])
        write_rows(d / f"enrolment_by_age_{y}.csv", ["学校标识码", "学校名称", "年龄", "在校生数"], rows)
        # population 0..25
        prow = []
        for a in range(0, 26):
            if a in pop:
                p = pop[a]
            elif a <= 2:
                p = round((6700 + 350 * a + 250 * (2 - k if a == 0 else 0)) * rng.uniform(0.98, 1.02))
                p = round(p * (0.97 ** k))
            else:
                p = round(rng.uniform(8300, 9600))
            prow.append([a, p])
        write_rows(d / f"population_by_age_{y}.csv", ["年龄", "常住人口数"], prow)


def write_elderly():
    d = PLUGINS / "lifelong_learning" / "data"
    w60 = [22, 12, 17, 8, 12, 5, 6, 4, 6, 5, 3]
    zero = {2022: ["郭巨街道", "大榭街道"], 2023: ["大榭街道"], 2024: [], 2025: []}
    sites = {s: max(1, round(w / 4 + rng.uniform(0, 2))) for s, w in zip(STREETS, w60)}
    for y in YEARS:
        k = y - 2022
        total = 150000 + 4000 * k
        pop = apportion(total, [w * rng.uniform(0.97, 1.03) for w in w60])
        part_t = T["elderly participation"][y] * total
        assert part_t.denominator == 1
        part = apportion(int(part_t), [p * (0.25 if s in zero[y] else rng.uniform(0.8, 1.2)) for s, p in zip(STREETS, pop)])
        rows = []
        for s, p, q in zip(STREETS, pop, part):
            n = 0 if s in zero[y] else sites[s] + (1 if k >= 2 and s in ("新碶街道", "大碶街道") else 0)
            rows.append([s, n, p, q])
        write_rows(d / f"elderly_{y}.csv", ["街道", "老年大学教学点数", "60岁及以上人口", "经常性参与教育活动人次"], rows)


def write_official():
    d = PLUGINS / "lifelong_learning" / "data"
    sle = {2022: "15.2", 2023: "15.3", 2024: "15.4", 2025: "15.5"}
    ger = {2022: "74", 2023: "74.3", 2024: "74.6", 2025: "75"}
    rows = []
    for y in YEARS:
        rows.append([y, "儿童平均预期受教育年限", sle[y], "宁波市统计局"])
        rows.append([y, "高等教育毛入学率(%)", ger[y], "浙江省教育厅"])
    write_rows(d / "official_indicators.csv", ["年份", "指标", "数值", "来源"], rows)


# --------------------------------------------------------------------------
# 5. digital infrastructure
# --------------------------------------------------------------------------
def write_campus(schools, seniors):
    d = PLUGINS / "digital_infrastructure" / "data"
    units = []  # (id, name, stage label, students-ish for sizing)
    for s in sorted(schools, key=lambda s: s["id"]):
        lab = {"小学": "小学", "初级中学": "初中", "九年一贯制学校": "九年一贯制"}[s["type"]]
        size = sum(s["stages"].values())
        units.append((s["id"], s["name"], lab, size, s["own"]))
    for s in seniors:
        units.append((s["id"], s["name"], "高中", s["base"], "公办"))
    assert len(units) == 63
    # 17 larger public schools run two campuses (东校区/西校区), one row per campus => 80 rows
    two = sorted([u for u in units if u[4] == "公办"], key=lambda u: -u[3] * rng.uniform(0.8, 1.2))[:17]
    two_ids = [u[0] for u in two]
    campuses = []
    for u in units:
        if u[0] in two_ids:
            share = rng.uniform(0.5, 0.65)
            campuses.append((u[0], u[1] + "东校区", u[2], u[3] * share))
            campuses.append((u[0], u[1] + "西校区", u[2], u[3] * (1 - share)))
        else:
            campuses.append((u[0], u[1], u[2], u[3]))
    N = len(campuses)
    assert N == 80
    # 5G rollout order: seniors and big campuses first
    prio = sorted(range(N), key=lambda i: -(campuses[i][3] * (2.0 if campuses[i][2] == "高中" else 1.0) * rng.uniform(0.5, 1.5)))
    cum = {y: int(T["5G campus coverage"][y] * N) for y in YEARS}
    assert all(F(cum[y], N) == T["5G campus coverage"][y] for y in YEARS)
    has5g = {y: set(prio[:cum[y]]) for y in YEARS}
    frac0 = [rng.uniform(0.75, 1.0) for _ in range(N)]
    for y in YEARS:
        k = y - 2022
        nat = [max(12, round(c[3] / 42 * 1.55 + 6)) * (1 + 0.01 * k) for c in campuses]
        total = round(sum(nat) / 100) * 100
        spaces = apportion(total, nat)
        ct = T["teaching-space network cov."][y] * total
        assert ct.denominator == 1
        want = [s * min(1.0, f + 0.03 * k) for s, f in zip(spaces, frac0)]
        conn = apportion(int(ct), want, caps=spaces)
        rows = []
        for i, (c, sp, cn) in enumerate(zip(campuses, spaces, conn)):
            rows.append([c[0], c[1], c[2], "是" if i in has5g[y] else "否", sp, cn])
        write_rows(d / f"campus_network_{y}.csv",
                   ["学校标识码", "学校名称", "学段", "5G网络覆盖", "教学空间数", "已接入教育网教学空间数"], rows)


def write_ai_labs(schools, seniors):
    d = PLUGINS / "digital_infrastructure" / "data"
    by = {s["name"]: s for s in schools + seniors}
    labs = [("宁波市北仑中学人工智能创新实验室", "宁波市北仑中学", 2023, "是"),
            ("北仑区长江中学AI+STEAM创新实验室", "北仑区长江中学", 2024, "是"),
            ("北仑区新碶小学人工智能启蒙教室", "北仑区新碶小学", 2024, "否"),
            ("北仑明港高级中学智能机器人创新实验室", "北仑明港高级中学", 2025, "是")]
    rows = [[nm, by[sch]["id"], y, hs] for nm, sch, y, hs in labs]
    write_rows(d / "ai_labs.csv", ["实验室名称", "学校标识码", "建成年份", "是否高标准"], rows)


# --------------------------------------------------------------------------
# 6. generic registry tables
# --------------------------------------------------------------------------
def write_tables(schools, seniors):
    d = PLUGINS / "table" / "data"
    # assessments
    passed = {("学前教育普及普惠县", "省级"): {2022, 2023, 2024, 2025},
              ("学前教育普及普惠县", "国家级"): {2025},
              ("义务教育优质均衡发展县", "省级"): {2023, 2024, 2025},
              ("义务教育优质均衡发展县", "国家级"): set()}
    rows = [[y, a, t, "是" if y in ys else "否"] for y in YEARS for (a, t), ys in passed.items()]
    write_rows(d / "assessments.csv", ["年份", "评估", "层级", "是否通过"], rows)

    # teachers (junior stage rows + senior highs)
    jr = sorted(stage_rows(schools, "初中"), key=lambda s: s["id"])
    JT = {2022: 1800, 2023: 1800, 2024: 2000, 2025: 2000}
    ST = {2022: 1300, 2023: 1300, 2024: 1400, 2025: 1400}
    for y in YEARS:
        rows = []
        qual = [s["data"][y]["初中"]["qualified"] for s in jr]
        assert JT[y] >= sum(qual)
        extra = apportion(JT[y] - sum(qual), [s["data"][y]["初中"]["P"] * rng.uniform(0.5, 1.5) for s in jr])
        tj = [q + e for q, e in zip(qual, extra)]
        pgj_t = T["teacher postgrad junior"][y] * JT[y]
        pgj = apportion(int(pgj_t), [t * rng.uniform(0.4, 1.6) * (0.5 if s["own"] == "民办" else 1) for t, s in zip(tj, jr)],
                        caps=[t // 3 for t in tj])
        for s, t, p in zip(jr, tj, pgj):
            rows.append([s["id"], s["name"], "初中", t, p])
        ts = apportion(ST[y], [s["students"][y] for s in seniors])
        pgs_t = T["teacher postgrad senior"][y] * ST[y]
        pgs = apportion(int(pgs_t), [t * (1.6 if i == 0 else rng.uniform(0.6, 1.2)) for i, t in enumerate(ts)],
                        caps=[t // 2 for t in ts])
        for s, t, p in zip(seniors, ts, pgs):
            rows.append([s["id"], s["name"], "高中", t, p])
            s.setdefault("teachers", {})[y] = t
        assert F(int(pgj_t)) == pgj_t and F(int(pgs_t)) == pgs_t
        write_rows(d / f"teachers_{y}.csv", ["学校标识码", "学校名称", "学段", "专任教师数", "研究生学历或学位教师数"], rows)

    # backbone exchange (one row per school id)
    units = sorted(schools, key=lambda s: s["id"]) + seniors
    ELIG = {2022: 300, 2023: 300, 2024: 400, 2025: 400}
    for y in YEARS:
        caps = []
        for u in units:
            if "stages" in u:
                caps.append(sum(u["data"][y][st]["backbone"] for st in u["stages"]))
            else:
                caps.append(max(6, u["teachers"][y] * 15 // 100))
        elig = apportion(ELIG[y], [c * rng.uniform(0.3, 1.7) for c in caps], caps=caps)
        act_t = T["backbone exchange"][y] * ELIG[y]
        assert act_t.denominator == 1
        act = apportion(int(act_t), [e * rng.uniform(0.2, 1.8) for e in elig], caps=elig)
        rows = [[u["id"], u["name"], e, a] for u, e, a in zip(units, elig, act)]
        write_rows(d / f"backbone_exchange_{y}.csv", ["学校标识码", "学校名称", "符合交流条件骨干教师数", "实际交流骨干教师数"], rows)

    # boutique courses: cumulative 3 (<=2022), 6, 9, 11
    by = {s["name"]: s for s in schools}
    courses = [("港城印记:北仑海港文化探究", "北仑区新碶小学", 2021), ("小小船模设计师", "北仑区岩河小学", 2022),
               ("柴桥药材与中医药文化", "北仑区柴桥中学", 2022), ("跟着节气去研学", "北仑区大碶小学", 2023),
               ("九峰山自然笔记", "北仑区九峰小学", 2023), ("初中数学建模入门", "北仑区长江中学", 2023),
               ("梅山湾海洋科学探究", "北仑区梅山小学", 2024), ("戚家山抗倭历史寻访", "北仑区戚家山中学", 2024),
               ("人工智能与编程启蒙", "北仑区东海实验学校", 2024), ("港口英语情景课程", "北仑区明港中学", 2025),
               ("春晓洋沙山劳动实践", "北仑区春晓中学", 2025)]
    write_rows(d / "boutique_courses.csv", ["课程名称", "学校标识码", "学校名称", "认定年份"],
               [[c, by[s]["id"], s, y] for c, s, y in courses])

    # sister schools: cumulative 25 (<=2022), 30, 35, 38
    partners = [("Nagaoka Sakura Elementary School", "日本"), ("Fukuoka Minami Junior High School", "日本"),
                ("Sendai Aoba Elementary School", "日本"), ("Busan Haeundae Elementary School", "韩国"),
                ("Incheon Songdo Middle School", "韩国"), ("Ulsan Daehyeon Elementary School", "韩国"),
                ("Geelong Bayside Primary School", "澳大利亚"), ("Fremantle Harbour Primary School", "澳大利亚"),
                ("Newcastle Waratah High School", "澳大利亚"), ("Tauranga Harbour Primary School", "新西兰"),
                ("Napier Hill School", "新西兰"), ("Long Beach Bayview Elementary School", "美国"),
                ("Tacoma Harbor Middle School", "美国"), ("Savannah Riverside Elementary School", "美国"),
                ("Southampton Itchen Primary School", "英国"), ("Felixstowe Orwell Academy", "英国"),
                ("Hamburg Elbinsel Grundschule", "德国"), ("Bremerhaven Weser Gymnasium", "德国"),
                ("École élémentaire du Havre Centre", "法国"), ("Rotterdam Maaskant Basisschool", "荷兰"),
                ("Antwerpen Schelde Basisschool", "比利时"), ("Jurong West Primary School", "新加坡"),
                ("Penang Georgetown Primary School", "马来西亚"), ("Laem Chabang Municipal School", "泰国"),
                ("Hai Phong Le Chan Secondary School", "越南"), ("基隆市港西国民小学", "中国台湾"),
                ("高雄市旗津国民中学", "中国台湾"), ("香港葵涌官立小学", "中国香港"), ("澳门氹仔中学", "中国澳门"),
                ("Valencia Port Escuela Primaria", "西班牙"), ("Genova Porto Scuola Media", "意大利"),
                ("Piraeus 3rd Primary School", "希腊"), ("Gdańsk Szkoła Podstawowa nr 7", "波兰"),
                ("Durban Harbour Primary School", "南非"), ("Santos Escola Municipal do Porto", "巴西"),
                ("Vancouver Burrard Elementary School", "加拿大"), ("Auckland Waitemata Intermediate", "新西兰"),
                ("Kobe Minatojima Elementary School", "日本")]
    years = [2012, 2013, 2014, 2015, 2015, 2016, 2016, 2017, 2017, 2017, 2018, 2018, 2018, 2019, 2019, 2019,
             2019, 2020, 2021, 2021, 2022, 2022, 2022, 2022, 2022] + [2023] * 5 + [2024] * 5 + [2025] * 3
    assert len(years) == len(partners) == 38
    pools = {"primary": [s for s in schools if s["own"] == "公办" and "小学" in s["stages"]],
             "junior": [s for s in schools if s["own"] == "公办" and "初中" in s["stages"]],
             "senior": seniors}

    def level_of(pname):
        if re.search(r"Elementary|Primary|Primaria|Grundschule|Basisschool|élémentaire|Podstawowa|Escola|Municipal School|小学", pname):
            return "primary"
        if re.search(r"Junior High|Middle|Intermediate|Secondary|Media|国民中学|School$|中学", pname):
            return "junior"
        return "senior"
    rows = []
    for (pname, country), y in zip(partners, years):
        s = rng.choice(pools[level_of(pname)])
        rows.append([s["name"], s["id"], pname, country, y])
    write_rows(d / "sister_schools.csv", ["本区学校", "学校标识码", "结好学校", "国家或地区", "签约年份"], rows)

    # international understanding pilot schools: cumulative 1, 2, 2, 3
    byall = {s["name"]: s for s in schools + seniors}
    pil = [("北仑区岷山学校", 2022), ("宁波市北仑区顾国和中学", 2023), ("北仑区长江小学", 2025)]
    write_rows(d / "international_pilot_schools.csv", ["学校标识码", "学校名称", "认定年份"],
               [[byall[n]["id"], n, y] for n, y in pil])


# --------------------------------------------------------------------------
# 6b. the six indicators collected since issue 8 (own generator rng2)
# --------------------------------------------------------------------------
# 定向分配 quota places to 优质示范高中 per year (about half of their general-high places)
QUOTA = {2022: 1380, 2023: 1400, 2024: 1450, 2025: 1480}
# public compulsory schools in an 教共体/集团 (of 53 public school ids): 2022 … 2025
COMMUNITY = {2022: 42, 2023: 46, 2024: 50, 2025: 52}
# 1+1+1+2 senior-high projects: (name, school, kind, started, status, accepted year or None)
SENIOR_PROJECTS = [
    ("学术性普通高中建设", "宁波市北仑中学", "学术性普通高中", 2023, "在建", None),
    ("港城科创教育基地", "北仑明港高级中学", "科创教育基地", 2023, "已验收", 2025),
    ("物理学科特色高中", "宁波市北仑区泰河中学", "学科特色高中", 2023, "已认定", 2024),
    ("外语学科特色高中培育", "宁波市北仑区顾国和中学", "学科特色高中", 2024, "在建", None),
    ("海洋科技项目特色学校", "宁波市北仑区柴桥高级中学", "项目特色学校", 2023, "已认定", 2024),
    ("艺术教育项目特色学校", "宁波经济技术开发区高级中学", "项目特色学校", 2023, "已认定", 2025),
    ("体育项目特色学校", "宁波市北仑区小港高级中学", "项目特色学校", 2024, "在建", None),
]


def write_quota_allocation():
    """Per junior school: applicants eligible for general senior high (graduates less a few who do not qualify)
    and 定向分配 places, apportioned by largest remainders, i.e. in balance."""
    E = PLUGINS / "enrolment" / "data"
    for y in YEARS:
        grads = read_dicts(E / f"junior_graduates_{y}.csv")
        elig = [int(r["初中毕业生数"]) - rng2.randint(0, 4) for r in grads]
        quota = apportion(QUOTA[y], elig)
        write_rows(E / f"quota_allocation_{y}.csv", ["学校标识码", "学校名称", "符合普通高中报名条件人数", "定向分配名额"],
                   [[r["学校标识码"], r["学校名称"], e, q] for r, e, q in zip(grads, elig, quota)])


def write_education_community(schools):
    """Per compulsory school id: its 教共体 (集团) and whether it has joined; public schools join over the years."""
    d = PLUGINS / "table" / "data"
    units = sorted(schools, key=lambda s: (s["own"] != "公办", s["id"]))
    public = [s for s in units if s["own"] == "公办"]
    order = public[:]
    rng2.shuffle(order)
    leaders = ["新碶小学", "长江中学", "大碶中学", "柴桥实验小学", "小港实验学校", "霞浦中学"]
    for y in YEARS:
        joined = {s["id"] for s in order[:COMMUNITY[y]]}
        rows = []
        for s in units:
            j = s["id"] in joined
            group = f"北仑区{leaders[int(s['id']) % len(leaders)]}教共体" if j else ""
            stage = "九年一贯" if len(s["stages"]) == 2 else next(iter(s["stages"]))
            rows.append([s["id"], s["name"], stage, s["own"], group, "是" if j else "否"])
        write_rows(d / f"education_community_{y}.csv", ["学校标识码", "学校名称", "学段", "办别", "教共体(集团)名称", "是否加入"], rows)


def write_senior_projects(seniors):
    d = PLUGINS / "table" / "data"
    by = {s["name"]: s for s in seniors}
    write_rows(d / "senior_high_projects.csv", ["项目名称", "学校标识码", "学校名称", "类别", "立项年份", "状态", "验收认定年份"],
               [[n, by[sc]["id"], sc, k, st, status, acc or "—"] for n, sc, k, st, status, acc in SENIOR_PROJECTS])


def verify_realism():
    """What a reader of the sample data would check first (issue 8)."""
    E = PLUGINS / "enrolment" / "data"
    TB = PLUGINS / "table" / "data"
    for y in YEARS:
        rows = read_dicts(E / f"compulsory_{y}.csv")
        for r in rows:
            assert num(r["随迁子女数"]) <= num(r["在校学生数"]), ("migrants exceed pupils", y, r["学校名称"])
            assert num(r["符合条件随迁子女数"]) <= num(r["随迁子女数"]), ("eligible exceed migrants", y, r["学校名称"])
        private = [r for r in rows if r["办别"] == "民办"]
        assert private and all(num(r["符合条件随迁子女数"]) > 0 for r in private), ("private schools without eligible migrants", y)
        share = sum(num(r["符合条件随迁子女数"]) for r in rows if r["办别"] == "公办") / sum(num(r["符合条件随迁子女数"]) for r in rows)
        assert share < 1, ("row 5 is 100% by construction", y)
        junior = sum(num(r["在校学生数"]) for r in rows if r["学段"] == "初中")
        grads = read_dicts(E / f"junior_graduates_{y}.csv")
        g = sum(num(r["初中毕业生数"]) for r in grads)
        assert F(30, 100) <= g / junior <= F(37, 100), ("junior graduates not about a third of junior enrolment", y, float(g / junior))
        quota = read_dicts(E / f"quota_allocation_{y}.csv")
        byid = {r["学校标识码"]: num(r["初中毕业生数"]) for r in grads}
        Q = sum(num(r["定向分配名额"]) for r in quota)
        El = sum(num(r["符合普通高中报名条件人数"]) for r in quota)
        assert Q == QUOTA[y]
        for r in quota:
            assert num(r["符合普通高中报名条件人数"]) <= byid[r["学校标识码"]]
            assert abs(num(r["定向分配名额"]) - Q * num(r["符合普通高中报名条件人数"]) / El) < 1, ("quota out of balance", y, r)
        comm = read_dicts(TB / f"education_community_{y}.csv")
        pub = [r for r in comm if r["办别"] == "公办"]
        assert sum(1 for r in pub if r["是否加入"] == "是") == COMMUNITY[y] and len(pub) == 53
        assert all((r["是否加入"] == "是") == (r["教共体(集团)名称"] != "") for r in comm)
    pj = read_dicts(TB / "senior_high_projects.csv")
    assert len(pj) == len(SENIOR_PROJECTS)
    for r in pj:
        assert (r["状态"] in ("已验收", "已认定")) == (r["验收认定年份"] != "—")


# --------------------------------------------------------------------------
# 7. verification: re-read the files and recompute every indicator exactly
# --------------------------------------------------------------------------
def year_of(ds: str) -> int:
    return int(re.split(r"[./-]", ds)[0])


def verify():
    got = {k: {} for k in TARGET}
    E = PLUGINS / "enrolment" / "data"
    V = PLUGINS / "vocational_progression" / "data"
    LL = PLUGINS / "lifelong_learning" / "data"
    DI = PLUGINS / "digital_infrastructure" / "data"
    TB = PLUGINS / "table" / "data"
    all_ids = {}
    # kindergartens
    g22 = read_rows(E / "kindergartens_2022.csv", "gbk")
    assert g22 == read_rows(E / "kindergartens_2022.utf8.csv", "utf-8")
    assert (E / "kindergartens_2022.csv").read_bytes().decode("gbk").encode("utf-8") == (E / "kindergartens_2022.utf8.csv").read_bytes()
    kg = {}
    kg[2022] = [dict(zip(["学校标识码", "学校名称", "办学类型", "办别", "普惠性", "等级", "所在街道", "班数", "在园幼儿数"], r))
                for r in g22 if ID_RE.match(r[0])]
    sub = {r[0]: num(r[8]) for r in g22 if r[0] in ("合计", "其中:公办", "其中:民办")}
    assert sub["合计"] == sub["其中:公办"] + sub["其中:民办"] == sum(num(r["在园幼儿数"]) for r in kg[2022])
    for y in (2023, 2024, 2025):
        raw = (E / f"kindergartens_{y}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
        kg[y] = read_dicts(E / f"kindergartens_{y}.csv")
    for y in YEARS:
        tot = sum(num(r["在园幼儿数"]) for r in kg[y])
        got["row1 inclusive kg share"][y] = sum(num(r["在园幼儿数"]) for r in kg[y] if r["办别"] == "公办" or r["普惠性"] == "是") / tot
        got["row2 public kg share"][y] = sum(num(r["在园幼儿数"]) for r in kg[y] if r["办别"] == "公办") / tot
        got["kg quality (省一/二级) share"][y] = sum(num(r["在园幼儿数"]) for r in kg[y] if r["等级"] in ("省一级", "省二级")) / tot
        for r in kg[y]:
            assert all_ids.setdefault(r["学校标识码"], r["学校名称"]) == r["学校名称"]
    # compulsory + CVs
    cvs = {}
    for y in YEARS:
        rows = read_dicts(E / f"compulsory_{y}.csv")
        got["row5 migrant in public"][y] = (sum(num(r["符合条件随迁子女数"]) for r in rows if r["办别"] == "公办")
                                            / sum(num(r["符合条件随迁子女数"]) for r in rows))
        for st in ("小学", "初中"):
            rr = [r for r in rows if r["学段"] == st]
            vals = []
            for res in RES:
                assert all(r[res] != "—" for r in rr), (y, st, res)  # no missing value: every CV is measured
                use = rr
                P = [float(r["在校学生数"]) for r in use]
                X = [float(r[res]) / p for r, p in zip(use, P)]
                Pt = sum(P)
                xb = sum(p * x for p, x in zip(P, X)) / Pt
                S = math.sqrt(sum(p * (x - xb) ** 2 for p, x in zip(P, X)) / Pt)
                vals.append(S / xb)
            cvs[(st, y)] = vals
        for r in rows:
            assert all_ids.setdefault(r["学校标识码"], r["学校名称"]) == r["学校名称"]
    # junior graduates
    for y in YEARS:
        rows = read_dicts(E / f"junior_graduates_{y}.csv")
        for r in rows:
            assert num(r["初中毕业生数"]) == sum(num(r[c]) for c in ("升入普通高中", "升入中职", "升入技工学校", "升入五年制高职", "未升学"))
        got["row6 junior -> upper sec."][y] = (sum(num(r[c]) for r in rows for c in ("升入普通高中", "升入中职", "升入技工学校", "升入五年制高职"))
                                                / sum(num(r["初中毕业生数"]) for r in rows))
    # row7 expected years
    for y in YEARS:
        en = {}
        for r in read_dicts(LL / f"enrolment_by_age_{y}.csv"):
            en[int(r["年龄"])] = en.get(int(r["年龄"]), 0) + num(r["在校生数"])
        pop = {int(r["年龄"]): num(r["常住人口数"]) for r in read_dicts(LL / f"population_by_age_{y}.csv")}
        got["row7 expected years (computed)"][y] = sum(en.get(a, 0) / pop[a] for a in range(3, 19))
    # vocational
    for y in YEARS:
        rows = read_dicts(V / f"vocational_{y}.csv")
        got["row8 long-programme entrants"][y] = sum(num(r["长学制招生数"]) for r in rows) / sum(num(r["招生数"]) for r in rows)
        got["row9 voc grads -> higher ed"][y] = sum(num(r["升入高等学校数"]) for r in rows) / sum(num(r["毕业生数"]) for r in rows)
    ev = read_dicts(V / "training_events.csv")
    for y in YEARS:
        got["row10 training person-times"][y] = F(sum(int(r["参训人次"]) for r in ev if year_of(r["开班日期"]) == y))
    pj = read_dicts(V / "industry_projects.csv")
    for y in YEARS:
        got["row11 industry projects"][y] = F(sum(1 for r in pj if int(r["立项年份"]) <= y and (r["终止年份"] == "" or int(r["终止年份"]) > y)))
    for r in pj:
        c = r["统一社会信用代码"]
        assert len(c) == 18 and c[-1] == CC_CHARS[(31 - sum(CC_CHARS.index(ch) * w for ch, w in zip(c, CC_W)) % 31) % 31]
    # digital
    for y in YEARS:
        rows = read_dicts(DI / f"campus_network_{y}.csv")
        got["5G campus coverage"][y] = F(sum(1 for r in rows if r["5G网络覆盖"] == "是"), len(rows))
        got["teaching-space network cov."][y] = sum(num(r["已接入教育网教学空间数"]) for r in rows) / sum(num(r["教学空间数"]) for r in rows)
    labs = read_dicts(DI / "ai_labs.csv")
    for y in YEARS:
        got["AI labs (high standard)"][y] = F(sum(1 for r in labs if int(r["建成年份"]) <= y and r["是否高标准"] == "是"))
    # elderly
    for y in YEARS:
        rows = read_dicts(LL / f"elderly_{y}.csv")
        assert len(rows) == 11
        got["elderly univ. street coverage"][y] = F(sum(1 for r in rows if int(r["老年大学教学点数"]) > 0), 11)
        got["elderly participation"][y] = sum(num(r["经常性参与教育活动人次"]) for r in rows) / sum(num(r["60岁及以上人口"]) for r in rows)
    # teachers, exchange
    for y in YEARS:
        rows = read_dicts(TB / f"teachers_{y}.csv")
        for st, key in (("初中", "teacher postgrad junior"), ("高中", "teacher postgrad senior")):
            rr = [r for r in rows if r["学段"] == st]
            got[key][y] = sum(num(r["研究生学历或学位教师数"]) for r in rr) / sum(num(r["专任教师数"]) for r in rr)
        rows = read_dicts(TB / f"backbone_exchange_{y}.csv")
        got["backbone exchange"][y] = sum(num(r["实际交流骨干教师数"]) for r in rows) / sum(num(r["符合交流条件骨干教师数"]) for r in rows)
    # id checks across all files that carry 学校标识码
    for p in WRITTEN:
        if p.name.startswith("kindergartens_2022"):
            continue
        rows = read_rows(p)
        if "学校标识码" in rows[0]:
            i = rows[0].index("学校标识码")
            for r in rows[1:]:
                assert ID_RE.match(r[i]) or (p.name.startswith("enrolment_by_age") and r[i] == "4133012861"), (p, r)
    # assert exact equality
    for k in TARGET:
        for y in YEARS:
            if k in ROUNDED:
                assert round(got[k][y], ROUNDED[k]) == T[k][y], (k, y, float(got[k][y]), T[k][y])
            else:
                assert got[k][y] == T[k][y], (k, y, got[k][y], T[k][y])
    assert all(got["row6 junior -> upper sec."][y] >= T["row6 junior -> upper sec."][y] for y in YEARS)
    verify_realism()
    return got, cvs


def fmt(v: F) -> str:
    if v.denominator == 1:
        return str(v.numerator)
    dd = v.denominator
    for q in (2, 5):
        while dd % q == 0:
            dd //= q
    if dd != 1:                      # not a terminating decimal: show the fraction
        return f"{v.numerator}/{v.denominator}"
    s = f"{float(v):.6f}".rstrip("0")
    return s


def apply_district_options(argv=None):
    """Command-line options for a city's districts (deploy/city/): without options the shipped Beilun data.

    --seed N       re-seed the generator (default 20230621, the shipped data);
    --district C   a district code (e.g. 330203): the kindergarten totals and the row 1 / row 2 paths are shifted by a
                   deterministic, code-derived amount so districts differ in size and in ratios (targets still exact);
    --out DIR      write the module folders (enrolment/data/…, table/data/…) under DIR instead of plugins/.
    Only globals are changed here (rng, PLUGINS, ROOT, KG_TOTAL, T), so the generator itself stays as it is.
    """
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, help="random seed (default 20230621)")
    ap.add_argument("--district", help="district code, e.g. 330203 (宁波市海曙区)")
    ap.add_argument("--out", help="output folder (default: plugins/ of the repository)")
    args = ap.parse_args(argv)
    global PLUGINS, ROOT
    if args.seed is not None:
        rng.seed(args.seed)
    if args.out:
        ROOT = PLUGINS = Path(args.out).resolve()
        PLUGINS.mkdir(parents=True, exist_ok=True)
    if args.district:
        if not re.fullmatch(r"\d{6}", args.district):
            ap.error(f"--district {args.district!r}: expected a 6-digit administrative code such as 330203")
        vary = random.Random(int(args.district))
        scale = vary.choice([0.8, 0.85, 0.9, 0.95, 1.0])
        for y in KG_TOTAL:                     # multiples of 200 keep every target share an exact integer count
            KG_TOTAL[y] = round(KG_TOTAL[y] * scale / 200) * 200
        pub = F(vary.randint(-4, 2), 200)      # row 2 shifted by −2 … +1 points
        inc = pub + F(vary.randint(-1, 1), 200)
        for y in YEARS:
            T["row2 public kg share"][y] += pub
            T["row1 inclusive kg share"][y] += inc
        for k in ("row1 inclusive kg share", "row2 public kg share"):
            TARGET[k] = [T[k][y] for y in YEARS]


def main():
    apply_district_options()
    kgs = make_kindergartens()
    kg_years = build_kindergarten_years(kgs)
    schools, seniors, vocs, special, college = make_schools()
    build_compulsory(schools)
    set_private_eligible(schools)
    write_kindergartens(kg_years)
    write_compulsory(schools)
    write_junior_graduates(schools)
    projects = write_places_projects(schools)
    write_vocational(vocs)
    write_training(vocs)
    write_industry(vocs)
    write_official()
    write_age_files(kg_years, schools, seniors, vocs, special, college)
    write_elderly()
    write_campus(schools, seniors)
    write_ai_labs(schools, seniors)
    write_tables(schools, seniors)
    write_quota_allocation()
    write_education_community(schools)
    write_senior_projects(seniors)
    got, cvs = verify()

    print("Indicators recomputed from the written files (exact; all asserted equal to the targets):\n")
    print(f"{'indicator':34s} " + " ".join(f"{y:>10d}" for y in YEARS))
    for k in TARGET:
        print(f"{k:34s} " + " ".join(f"{fmt(got[k][y]):>10s}" for y in YEARS))
    print("\nSizes:")
    for y in YEARS:
        nkg = len(kg_years[y])
        pr = sum(s["data"][y]["小学"]["P"] for s in stage_rows(schools, "小学"))
        jr = sum(s["data"][y]["初中"]["P"] for s in stage_rows(schools, "初中"))
        print(f"  {y}: {nkg} kindergartens / {sum(k['n'][y] for k in kg_years[y])} children; "
              f"primary {pr} pupils in {len(stage_rows(schools, '小学'))} rows; junior {jr} in {len(stage_rows(schools, '初中'))} rows; "
              f"senior {sum(s['students'][y] for s in seniors)}; vocational {sum(v['students'][y] for v in vocs)}")
    cum = {}
    for _, lv, n, dt in projects:
        if int(dt[:4]) <= 2025:
            cum[lv] = cum.get(lv, 0) + n
    goals = {"幼儿园": 3510, "小学": 10080, "初中": 5640, "普通高中": 3375}
    print("  places commissioned 2023-2025: " + ", ".join(f"{lv} {cum[lv]} ({cum[lv] / goals[lv]:.0%} of {goals[lv]})" for lv in goals)
          + f"; {len(projects)} projects")
    print("\n差异系数 (CV) per level, per resource (every school has every value):")
    print(f"{'level':6s}{'year':>6s} " + " ".join(f"{r:>11s}" for r in RES_SHORT) + f" {'composite':>10s}")
    for st in ("小学", "初中"):
        lim = 0.50 if st == "小学" else 0.45
        for y in YEARS:
            v = cvs[(st, y)]
            assert max(v) < lim, (st, y, v)
            print(f"{st:6s}{y:>6d} " + " ".join(f"{x:11.3f}" for x in v) + f" {sum(v) / 7:10.3f}")
    print("\nFiles written:")
    for p in WRITTEN:
        print("  " + str(p.relative_to(ROOT)))


def check_only():
    """`--check`: re-read the committed files and run every assertion, writing nothing (for CI)."""
    for p in sorted(PLUGINS.glob("*/data/*.csv")):
        WRITTEN.append(p)
    verify()
    print("sample data: every assertion holds")


if __name__ == "__main__":
    import sys
    if "--check" in sys.argv[1:]:
        check_only()
    else:
        main()
