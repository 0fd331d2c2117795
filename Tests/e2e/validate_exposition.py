#!/usr/bin/env python3
"""Strict validator: text format 0.0.4 (default) or OpenMetrics 1.0 (--om). Exit 0 = valid."""
# Used by Tests/e2e/exposition.sh. Its rules are documented in docs/conventions.md, "How the exposition is checked".
import re, sys
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.openmetrics.parser import text_string_to_metric_families as om_families

NAME = r'[a-zA-Z_:][a-zA-Z0-9_:]*'
LNAME = r'[a-zA-Z_][a-zA-Z0-9_]*'
LVAL = r'"(?:[^"\\\n]|\\[\\"n])*"'                      # only \\ \" \n escapes allowed
FLOAT = r'(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)'
SAMPLE = re.compile(rf'^({NAME})(\{{(?:{LNAME}={LVAL}(?:,{LNAME}={LVAL})*,?)?\}})? ({FLOAT})(?: (-?\d+))?$')
HELP = re.compile(rf'^# HELP ({NAME})(?: ((?:[^\\\n]|\\[\\n])*))?$')   # HELP: only \\ and \n
TYPE = re.compile(rf'^# TYPE ({NAME}) (counter|gauge|histogram|summary|untyped)$')
SUFFIXES = {'histogram': ('_bucket', '_sum', '_count'), 'summary': ('_sum', '_count', '')}

def check_text(text):
    errs, seen_series, done_families, meta = [], set(), set(), {}
    if not text.endswith('\n'): errs.append('last line must end with \\n')
    current = None
    for n, line in enumerate(text.split('\n')[:-1], 1):
        if line == '' or (line.startswith('#') and not re.match(r'^# (HELP|TYPE) ', line)): continue
        m = HELP.match(line) or TYPE.match(line)
        if m:
            fam, kind = m.group(1), line.split()[1]
            if (fam, kind) in meta: errs.append(f'{n}: second {kind} for {fam}')
            if fam in done_families or ('s', fam) in meta: errs.append(f'{n}: {kind} for {fam} after its samples')
            if current and fam != current: done_families.add(current)
            meta[(fam, kind)] = m.group(2) or ''; current = fam; continue
        m = SAMPLE.match(line)
        if not m: errs.append(f'{n}: bad line {line!r}'); continue
        name = m.group(1)
        fam = next((f for (f, k), t in meta.items() if k == 'TYPE' and any(name == f + s for s in SUFFIXES.get(t, ('',)))), name)
        if fam != current:
            if current: done_families.add(current)
            if fam in done_families: errs.append(f'{n}: family {fam} is not one contiguous group')
            current = fam
        meta[('s', fam)] = True
        labels = tuple(sorted(re.findall(rf'({LNAME})="((?:[^"\\\\]|\\\\.)*)"', m.group(2) or '')))
        if len({k for k, _ in labels}) != len(labels): errs.append(f'{n}: duplicate label name')
        if (name, labels) in seen_series: errs.append(f'{n}: duplicate series {name}{dict(labels)}')
        seen_series.add((name, labels))
        t = meta.get((fam, 'TYPE'))
        if t is None: errs.append(f'{n}: {fam} has no TYPE')
        if (fam, 'HELP') not in meta: errs.append(f'{n}: {fam} has no HELP')
        if t == 'counter' and not name.endswith('_total'): errs.append(f'{n}: counter {name} lacks _total')
    list(text_string_to_metric_families(text))           # must also load in the reference client
    return errs

def check_om(text):
    list(om_families(text))                               # raises ValueError on any violation
    errs, seen = [], set()                                # the OM parser silently merges duplicates
    for n, line in enumerate(text.split('\n'), 1):
        m = re.match(rf'^({NAME})(\{{(?:[^"}}]|{LVAL})*\}})?', line) if not line.startswith('#') else None
        if not m or not line: continue
        key = (m.group(1), tuple(sorted(re.findall(rf'({LNAME})="((?:[^"\\\\]|\\\\.)*)"', m.group(2) or ''))))
        if key in seen: errs.append(f'{n}: duplicate series {key}')
        seen.add(key)
    if text.count('\n# EOF') + text.startswith('# EOF') != 1: errs.append('exactly one # EOF expected')
    return errs

if __name__ == '__main__':
    om = '--om' in sys.argv
    text = open([a for a in sys.argv[1:] if a != '--om'][0], encoding='utf-8').read() if len(sys.argv) > 1 + om else sys.stdin.read()
    try: errs = check_om(text) if om else check_text(text)
    except ValueError as e: errs = [f'parser: {e}']
    for e in errs: print('ERROR', e)
    sys.exit(1 if errs else 0)
