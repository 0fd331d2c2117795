#!/usr/bin/env python3
"""Helper of Tests/e2e/workbooks.sh: the shipped configuration's CSV data files, and a copy of it that reads them as
workbooks.

  workbook_config.py list CONFIG
      One line per CSV data file the configuration reads: `ABSOLUTE_PATH<TAB>ENCODING` (the file's `encoding:`, else
      its source's, else utf-8). A `{year}` pattern lists every file it matches now. Each file once.
  workbook_config.py rewrite CONFIG OUT WBDIR XLS_NAME
      Writes OUT: CONFIG with every CSV data path replaced by the absolute path of its workbook
      WBDIR/<path relative to the repository, extension .xlsx> (`.xls` for the file named XLS_NAME), every `encoding:`
      removed (a workbook has none), and every other relative path (`../plugins/plan/targets.yml`) made absolute.
      Fails if a CSV path is left or a workbook is missing.
"""
import glob
import os
import re
import sys

import yaml


def data_files(config):
    """(path as written, absolute path, encoding) of every CSV file of every source, in order."""
    base = os.path.dirname(os.path.abspath(config))
    with open(config, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = []

    def walk(node):
        if isinstance(node, dict):
            files = node.get("files")
            if isinstance(files, list):
                for entry in files:
                    if not isinstance(entry, dict) or "path" not in entry:
                        continue
                    raw = entry["path"]
                    fmt = entry.get("format", node.get("format"))
                    if fmt not in (None, "csv") or not raw.lower().endswith(".csv"):
                        continue
                    enc = str(entry.get("encoding", node.get("encoding", "utf-8"))).lower()
                    absolute = os.path.normpath(os.path.join(base, raw))
                    out.append((raw, absolute, enc))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    return out


def expand(absolute):
    if "{year}" not in absolute:
        return [absolute]
    return sorted(p for p in glob.glob(absolute.replace("{year}", "[0-9]" * 4)))


def main():
    cmd = sys.argv[1]
    config = sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(config)))
    files = data_files(config)
    if cmd == "list":
        seen = {}
        for _, absolute, enc in files:
            for p in expand(absolute):
                if seen.setdefault(p, enc) != enc:
                    sys.exit(f"{p} is configured with two encodings ({seen[p]}, {enc})")
        for p, enc in seen.items():
            print(f"{p}\t{enc}")
        return
    if cmd != "rewrite":
        sys.exit(f"unknown command {cmd}")
    out, wbdir, xls_name = sys.argv[3], sys.argv[4], sys.argv[5]
    with open(config, encoding="utf-8") as f:
        text = f.read()
    for raw, absolute, _ in sorted(set(files), key=lambda t: -len(t[0])):
        rel = os.path.relpath(absolute, root)
        stem = rel[: -len(".csv")]
        ext = ".xls" if os.path.basename(stem) == xls_name else ".xlsx"
        target = os.path.join(wbdir, stem + ext)
        for p in expand(target):
            if not os.path.isfile(p):
                sys.exit(f"workbook {p} (from {raw}) is missing")
        # only whole path values: the raw path followed by a delimiter of the flow mapping or the line's end
        text, n = re.subn(re.escape(raw) + r'(?=["\s,}\]]|$)', lambda m: target, text, flags=re.M)
        if n == 0:
            sys.exit(f"path {raw} not found in the YAML text")
    text = re.sub(r"encoding: *[A-Za-z0-9_-]+, *", "", text)
    text = re.sub(r",? *encoding: *[A-Za-z0-9_-]+", "", text)
    text = re.sub(r'(:\s*"?)\.\./', lambda m: m.group(1) + root + "/", text)
    left = re.findall(r"[^\s{,\"]+\.csv\b", text)
    if left:
        sys.exit(f"CSV paths left in the rewritten config: {left[:5]}")
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
