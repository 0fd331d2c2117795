#!/usr/bin/env python3
"""Lay out a city's (or province's) districts for youxiangd: one folder per district with its own generated sample
data, targets file and configuration, plus the vmagent file_sd target list.

usage: make_city.py OUT --districts CODE[,CODE…] | --count N   [--ports FIRST] [--no-receivers]

For each district code C:  OUT/C/data/<module>/data/*.csv  (tools/gen_sample_data.py --seed C --district C),
OUT/C/targets.yml (the plan's targets file with the district's code), OUT/C/youxiang.yml (deploy/youxiang.yml with
the district's paths, `district: "C"` and `plan.district_zh`, the name its pages and report carry). With --ports, OUT/districts.json lists 127.0.0.1:FIRST+i for district i
(vmagent/Prometheus file_sd, label district=C), and OUT/ports.txt holds "C PORT" lines.
--count N makes up N codes (339001, 339002, …; not real districts) for benchmarks.
--no-receivers drops the daemons' own receivers (they still evaluate their rules; vmalert notifies).
Standard library only.
"""
import argparse
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NINGBO = {"330203": "海曙区", "330205": "江北区", "330206": "北仑区", "330211": "镇海区", "330212": "鄞州区",
          "330213": "奉化区", "330225": "象山县", "330226": "宁海县", "330281": "余姚市", "330282": "慈溪市"}


def generate(code: str, out: Path) -> int:
    """Run the generator; a seed whose random draws cannot meet the exact targets is retried with the next one."""
    for attempt in range(20):
        seed = int(code) + 1000 * attempt
        r = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_sample_data.py"), "--seed", str(seed),
                            "--district", code, "--out", str(out)], capture_output=True, text=True)
        if r.returncode == 0:
            return seed
    raise SystemExit(f"district {code}: no seed in 20 attempts met the generator's assertions:\n{r.stderr[-800:]}")


def district_name(code: str) -> str:
    """The district's Chinese name: Ningbo's ten as they are called, a made-up code as 示例区NNN."""
    return NINGBO.get(code, f"示例区{code[-3:]}")


def district_config(code: str, folder: Path, receivers: bool) -> str:
    text = (ROOT / "deploy" / "youxiang.yml").read_text(encoding="utf-8")
    text = text.replace("../plugins/plan/targets.yml", "targets.yml")
    # the generated files of this district where the generator wrote them, anything else (criteria, registries the
    # generator does not write) from the repository
    def path(m):
        rel = m.group(1)
        mod = re.match(r"(\w+)/data/(.+)", rel)
        if mod and (folder / "data" / mod.group(1) / "data" / mod.group(2)).exists():
            return f"data/{rel}"
        return str(ROOT / "plugins" / rel)
    text = re.sub(r"\.\./plugins/([^\s,}\]]+)", path, text)
    text = re.sub(r'district: "330206".*', f'district: "{code}"         # {NINGBO.get(code, "made-up district")}', text)
    # the district the office's pages and report name (titles, issuer, signature): plan.district_zh
    text = re.sub(r"(?m)^  district_zh: 北仑区(.*)$", lambda m: f"  district_zh: {district_name(code)}{m.group(1)}", text)
    if not receivers:
        # no receivers and no route: the daemon evaluates its rules but notifies nobody (vmalert does, centrally)
        text = re.sub(r"\nreceivers:\n(?:  .*\n)+route:\n(?:  .*\n)+", "\n", text)
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--districts", help="comma-separated district codes, e.g. 330203,330205")
    g.add_argument("--count", type=int, help="make up N district codes (339001 …)")
    ap.add_argument("--ports", type=int, help="first daemon port; writes districts.json and ports.txt")
    ap.add_argument("--no-receivers", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    codes = a.districts.split(",") if a.districts else [str(339001 + i) for i in range(a.count)]
    for c in codes:
        if not re.fullmatch(r"\d{6}", c):
            ap.error(f"district code {c!r}: expected 6 digits")
    out = Path(a.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    targets = (ROOT / "plugins" / "plan" / "targets.yml").read_text(encoding="utf-8")

    def one(code):
        folder = out / code
        folder.mkdir(exist_ok=True)
        seed = generate(code, folder / "data")
        name = district_name(code)
        (folder / "targets.yml").write_text(
            targets.replace('district: {name_zh: 宁波市北仑区, code: "330206"}', f'district: {{name_zh: {name}, code: "{code}"}}'),
            encoding="utf-8")
        (folder / "youxiang.yml").write_text(district_config(code, folder, not a.no_receivers), encoding="utf-8")
        return code, seed

    with ThreadPoolExecutor(max_workers=a.jobs) as ex:
        for code, seed in ex.map(one, codes):
            print(f"{code}: seed {seed}")
    if a.ports:
        sd = [{"targets": [f"127.0.0.1:{a.ports + i}"], "labels": {"district": c}} for i, c in enumerate(codes)]
        (out / "districts.json").write_text(json.dumps(sd, ensure_ascii=False, indent=1), encoding="utf-8")
        (out / "ports.txt").write_text("".join(f"{c} {a.ports + i}\n" for i, c in enumerate(codes)), encoding="utf-8")


if __name__ == "__main__":
    main()
