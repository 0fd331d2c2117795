#!/usr/bin/env python3
"""The benchmark: youxiangd side by side with the exporters people would pick instead.

For 10k, 100k and 1M series shaped like the plan's data, it starts youxiangd (release build), a Go client_golang
exporter, a Python prometheus_client exporter and a static server (the floor), all serving the same exposition
(checked byte for byte), and measures scrape latency (median, p99), body size (plain and gzip), sustained scrapes per
second under 4 concurrent clients (wrk) and resident memory per series. Then ingest (1M-row export, UTF-8 and GBK,
against pandas.read_csv and Python's csv module), reload (1,000 collectors), rule evaluation (10k rules) and the
durable outbox. Also ingest against polars and pyarrow, a workbook (.xlsx) against python-calamine, openpyxl and
pandas.read_excel, and a PostgreSQL `sql` source against psql \\copy and psycopg. Prints one table with youxiangd's
ratio to each peer, then issue 12's targets, each met or not.

usage: bench/run.py [--sizes 10000,100000,1000000] [--only scrape,ingest,xlsx,sql,reload,rules] [--xlsx-rows N]
                    [--sql-rows N] [--servers youxiangd,static] [--out DIR]   (bench/run builds everything first)
"""
import argparse, gzip, hashlib, http.client, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("BENCH_BIN", os.path.join(ROOT, ".build", "release"))
PEERS = os.environ.get("BENCH_PEERS_BIN", os.path.join(ROOT, ".build", "bench-peers"))


def freeport():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Server:
    """A server process on 127.0.0.1, stopped by PID."""

    def __init__(self, name, argv, port, log):
        self.name, self.port = name, port
        self.proc = subprocess.Popen(argv, stdout=open(log, "w"), stderr=subprocess.STDOUT, cwd=ROOT)

    def wait(self, path="/metrics", timeout=600):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
                c.request("GET", path)
                r = c.getresponse()
                r.read()
                c.close()
                if r.status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {timeout}s")

    def rss(self):
        with open(f"/proc/{self.proc.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def get(port, gz=False):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    c.request("GET", "/metrics", headers={"Accept-Encoding": "gzip"} if gz else {})
    r = c.getresponse()
    body = r.read()
    c.close()
    return body


def latency(port, gz, count, budget):
    """Sequential scrapes on one keep-alive connection: seconds each (at most `count`, within `budget` seconds)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    headers = {"Accept-Encoding": "gzip"} if gz else {}
    times, start = [], time.time()
    while len(times) < count and (time.time() - start < budget or len(times) < 2):
        t0 = time.perf_counter()
        c.request("GET", "/metrics", headers=headers)
        r = c.getresponse()
        r.read()
        times.append(time.perf_counter() - t0)
    c.close()
    return times


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def wrk(port, seconds, gz=False):
    if shutil.which("wrk") is None:  # a partial run outside bench/run (which installs it): not measured
        return float("nan")
    argv = ["wrk", "-t4", "-c4", f"-d{seconds}s", "--timeout", "60s"]
    if gz:
        argv += ["-H", "Accept-Encoding: gzip"]
    out = subprocess.run(argv + [f"http://127.0.0.1:{port}/metrics"], capture_output=True, text=True).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return float(m.group(1)) if m else 0.0


def youxiangd(config, port, storage, log, extra=()):
    return Server("youxiangd", [os.path.join(BIN, "youxiangd"), "--config.file", config, "--web.listen-address", f"127.0.0.1:{port}",
                                "--storage.path", storage, "--config.watch-interval", "0s", "--web.disable-exporter-metrics", *extra], port, log)


def memory_breakdown(d, n, report):
    """youxiangd's resident bytes per series, part by part (`youxiang-bench memory`: the same types the daemon keeps,
    each part measured as the growth of the resident set while it is made)."""
    out = subprocess.run([os.path.join(BIN, "youxiang-bench"), "memory", "--config", os.path.join(d, "youxiang.yml")],
                         capture_output=True, text=True, check=True).stdout
    kv = dict(x.split("=", 1) for x in out.split()[1:])
    report["memory"].append({"series": n, **{k: float(v) for k, v in kv.items()}})
    m = report["memory"][-1]
    print(f"  {n:>8} memory per series: collector samples {m['collector_samples_bytes_per_series']:.1f} B, snapshot "
          f"{m['snapshot_bytes_per_series']:.1f} B, text body {m['body_bytes_per_series']:.1f} B, gzip "
          f"{m['gzip_bytes_per_series']:.1f} B; total {m['total_bytes_per_series']:.1f} B", file=sys.stderr)


def scrape_table(sizes, work, report, only=None):
    """Scrape latency, bytes, throughput and memory for each size and server (all four, or the names in `only`)."""
    peers_empty = {}
    empty_dir = os.path.join(work, "empty")
    os.makedirs(empty_dir, exist_ok=True)
    open(os.path.join(empty_dir, "series.tsv"), "w").close()
    with open(os.path.join(empty_dir, "youxiang.yml"), "w") as fh:
        fh.write("collectors: []\n")
    # Baseline memory of each server with no series.
    for name, make in servers(empty_dir, work, "empty").items():
        if only and name not in only:
            continue
        s = make()
        try:
            s.wait("/metrics", 120)
            get(s.port)
            peers_empty[name] = s.rss()
        finally:
            s.stop()
    for n in sizes:
        d = os.path.join(work, f"s{n}")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen.py"), d, str(n)], check=True, capture_output=True)
        memory_breakdown(d, n, report)
        started = {}
        try:
            y = servers(d, work, f"s{n}")["youxiangd"]()
            y.wait("/-/ready", 900)
            body = get(y.port)
            with open(os.path.join(d, "exposition.txt"), "wb") as fh:
                fh.write(body)
            started["youxiangd"] = y
            for name, make in servers(d, work, f"s{n}").items():
                if name != "youxiangd" and (not only or name in only):
                    started[name] = make()
            for s in started.values():
                s.wait("/metrics", 900)
            digest = {name: hashlib.sha256(get(s.port)).hexdigest() for name, s in started.items()}
            same = len(set(digest.values())) == 1
            report["identical"][n] = same
            if not same:
                print(f"!! {n} series: expositions differ: {digest}", file=sys.stderr)
            count = 200 if n <= 10000 else (50 if n <= 100000 else 8)
            for name, s in started.items():
                row = {"series": n}
                raw = get(s.port)
                row["bytes"] = len(raw)
                row["bytes_gzip"] = len(get(s.port, gz=True))
                for gz in (False, True):
                    get(s.port, gz)  # warm
                    t = latency(s.port, gz, count, budget=8)
                    key = "gzip" if gz else "plain"
                    row[f"{key}_median_ms"] = statistics.median(t) * 1000
                    row[f"{key}_p99_ms"] = pct(t, 99) * 1000
                    row[f"{key}_samples"] = len(t)
                row["scrapes_per_second"] = wrk(s.port, 5)
                row["rss_bytes"] = s.rss()
                row["bytes_per_series"] = (row["rss_bytes"] - peers_empty.get(name, 0)) / n
                report["scrape"].append({"server": name, **row})
                print(f"  {n:>8} {name:<15} median {row['plain_median_ms']:9.2f} ms  p99 {row['plain_p99_ms']:9.2f} ms  "
                      f"gzip {row['gzip_median_ms']:9.2f} ms  {row['scrapes_per_second']:8.1f}/s  {row['bytes_per_series']:7.0f} B/series",
                      file=sys.stderr)
        finally:
            for s in started.values():
                s.stop()


def servers(d, work, tag):
    tsv = os.path.join(d, "series.tsv")
    out = {}

    def yx():
        p = freeport()
        return youxiangd(os.path.join(d, "youxiang.yml"), p, os.path.join(work, f"storage-{tag}"), os.path.join(work, f"youxiangd-{tag}.log"))

    def static():
        p = freeport()
        expo = os.path.join(d, "exposition.txt")
        if not os.path.exists(expo):
            open(expo, "w").close()
        return Server("static", [os.path.join(PEERS, "static"), f"127.0.0.1:{p}", expo], p, os.path.join(work, f"static-{tag}.log"))

    def golang():
        p = freeport()
        return Server("client_golang", [os.path.join(PEERS, "client_golang"), f"127.0.0.1:{p}", tsv], p, os.path.join(work, f"go-{tag}.log"))

    def python():
        p = freeport()
        return Server("prometheus_client", [sys.executable, os.path.join(ROOT, "bench", "peers", "python_peer.py"), str(p), tsv], p,
                      os.path.join(work, f"py-{tag}.log"))

    out["youxiangd"] = yx
    out["static"] = static
    out["client_golang"] = golang
    out["prometheus_client"] = python
    return out


def ours(config):
    """youxiang-bench ingest on one configuration: its key=value line as a dict of numbers."""
    out = subprocess.run([os.path.join(BIN, "youxiang-bench"), "ingest", "--config", config], capture_output=True, text=True, check=True).stdout
    kv = dict(x.split("=", 1) for x in out.split()[1:])
    return {"tool": "youxiangd", "rows": int(kv["rows"]), "rejected": int(kv["rejected"]), "seconds": float(kv["seconds"]),
            "rows_per_second": float(kv["rows_per_second"]), "mb_per_second": float(kv["mb_per_second"])}


def peers(argv):
    """Runs a peer script; its JSON lines. A failing script's stderr is shown before the error is raised."""
    p = subprocess.run([sys.executable, *argv], capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stderr, file=sys.stderr)
        p.check_returncode()
    return [json.loads(line) for line in p.stdout.strip().splitlines()]


def ingest(work, report, rows):
    d = os.path.join(work, "ingest")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "ingest_data.py"), d, str(rows)], check=True)
    for enc in ("utf-8", "gbk"):
        report["ingest"].append({"encoding": enc, **ours(os.path.join(d, f"{enc}.yml"))})
        for r in peers([os.path.join(ROOT, "bench", "ingest_peers.py"), os.path.join(d, f"export.{enc}.csv"), enc]):
            report["ingest"].append({"encoding": enc, **r})
    for r in report["ingest"]:
        print(f"  ingest {r['tool']:<22} {r['encoding']:<6} {r['rows_per_second']:12,.0f} rows/s {r['mb_per_second']:7.1f} MB/s", file=sys.stderr)


# Rows of the workbook benchmark: 1,048,576 (Excel's maximum) would exceed the XLSX reader's default limits (5,000,000
# cells; 6 columns × 1M rows is 6M) and openpyxl and pandas.read_excel alone would take minutes, so bench/run stays
# under 15 minutes with a sheet of this many rows (the reader's per-row cost does not depend on the sheet's length).
XLSX_ROWS = 200000


def workbook(work, report, rows):
    """The same export as one .xlsx sheet: youxiangd's XLSX reader against python-calamine, openpyxl and pandas."""
    d = os.path.join(work, "xlsx")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "xlsx_data.py"), d, str(rows)], check=True)
    report["xlsx"] = [{**ours(os.path.join(d, "xlsx.yml"))}]
    report["xlsx"] += peers([os.path.join(ROOT, "bench", "xlsx_peers.py"), os.path.join(d, "export.xlsx")])
    report["xlsx_rows"] = rows
    for r in report["xlsx"]:
        print(f"  xlsx {r['tool']:<30} {r['rows_per_second']:12,.0f} rows/s", file=sys.stderr)


def database(work, report, rows):
    """A `sql` source against a real PostgreSQL, beside psql \\copy and psycopg (bench/sql_bench.py)."""
    d = os.path.join(work, "sql")
    os.makedirs(d, exist_ok=True)
    src = os.path.join(work, "ingest", "export.utf-8.csv")
    if os.path.exists(src) and rows == report.get("ingest_rows"):
        shutil.copy(src, os.path.join(d, "export.utf-8.csv"))
    report["sql"] = peers([os.path.join(ROOT, "bench", "sql_bench.py"), d, str(rows), os.path.join(BIN, "youxiang-bench")])
    report["sql_rows"] = rows
    for r in report["sql"]:
        print(f"  sql {r['tool']:<30} {r['rows_per_second']:12,.0f} rows/s", file=sys.stderr)


def scrape_for(port, seconds):
    """Sequential scrapes on one keep-alive connection for `seconds`: seconds each."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times, end = [], time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        c.request("GET", "/metrics")
        c.getresponse().read()
        times.append(time.perf_counter() - t0)
    c.close()
    return times


def fmt_seconds(s):
    return "never (60 s)" if s is None else f"{s:.3f} s"


def reload_once(y, port, collectors, version):
    """One reload to `version` (the config is already written), scraped throughout by one client on one connection.

    The client is the only thread: it sends SIGHUP after 0.3 s of scrapes and detects the new set in the bodies it
    scrapes (outside the timed part), then scrapes 0.3 s more. (A second thread polling for the new set, as before,
    made the scraper wait for Python's GIL — up to its 5 ms switch interval — inside the timed part.)
    Returns (seconds to the new set, scrape times)."""
    want, old = f"version {version}".encode(), f"version {3 - version}".encode()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times, start, sent, done, seen = [], time.perf_counter(), None, None, None
    while True:
        t0 = time.perf_counter()
        c.request("GET", "/metrics")
        body = c.getresponse().read()
        t1 = time.perf_counter()
        times.append(t1 - t0)
        if sent is None:
            if t1 - start >= 0.3:
                sent = time.perf_counter()
                y.proc.send_signal(signal.SIGHUP)
        elif done is None:
            if body.count(want) == collectors and old not in body:
                done, seen = t1 - sent, t1
            elif t1 - sent > 60:
                break
        elif t1 - seen >= 0.3:
            break
    c.close()
    return done, times


def reload_bench(work, report, collectors=1000, reloads=3):
    d = os.path.join(work, "reload")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "rows.csv"), "w", encoding="utf-8") as fh:
        fh.write("年份,学段,人数\n")
        for y in range(2022, 2026):
            for lvl in ("primary", "junior"):
                fh.write(f"{y},{lvl},{y - 2000}.5\n")

    def write(version):
        with open(os.path.join(d, "youxiang.yml"), "w", encoding="utf-8") as fh:
            fh.write("global: {interval: 1h}\ncollectors:\n")
            for i in range(collectors):
                fh.write(f"  - name: c{i}\n    module: table\n    source: {{columns: {{year: 年份, level: 学段, n: 人数}}, files: [{{path: rows.csv}}]}}\n"
                         f"    metrics: [{{name: eduplan_reload_c{i}_pupils, help: \"collector {i} version {version}\", aggregate: sum, value: n, labels: {{level: level}}}}]\n")

    write(1)
    port = freeport()
    y = youxiangd(os.path.join(d, "youxiang.yml"), port, os.path.join(work, "storage-reload"), os.path.join(work, "youxiangd-reload.log"))
    st = None
    try:
        y.wait("/-/ready", 300)
        steady = latency(port, False, 200, budget=5)
        median = statistics.median(steady)
        # The controls, each the same scrape loop for 1.5 s with no reload: youxiangd itself (what the daemon and the
        # machine add at rest), and the Go static server serving youxiangd's own body (the machine's floor: any
        # server's worst case on this machine and client).
        control = scrape_for(port, 1.5)
        static = {}
        if os.path.exists(os.path.join(PEERS, "static")):
            expo = os.path.join(d, "exposition.txt")
            with open(expo, "wb") as fh:
                fh.write(get(port))
            sp = freeport()
            st = Server("static", [os.path.join(PEERS, "static"), f"127.0.0.1:{sp}", expo], sp, os.path.join(work, "static-reload.log"))
            st.wait()
            latency(sp, False, 200, budget=1)  # warm-up
            sc = scrape_for(sp, 1.5)
            st.stop()
            st = None
            static = {"static_median_ms": statistics.median(sc) * 1000, "static_worst_ms": max(sc) * 1000, "static_p99_ms": pct(sc, 99) * 1000,
                      "static_scrapes": len(sc)}
        runs = []
        for k in range(reloads):
            version = 2 if k % 2 == 0 else 1
            write(version)
            done, during = reload_once(y, port, collectors, version)
            runs.append({"seconds": done, "worst_ms": max(during) * 1000, "p99_ms": pct(during, 99) * 1000, "scrapes": len(during)})
        worst = max(r["worst_ms"] for r in runs)
        report["reload"] = {"collectors": collectors, "reloads": runs, "seconds": max(r["seconds"] or float("inf") for r in runs),
                            "steady_median_ms": median * 1000, "worst_during_ms": worst, "scrapes_during": sum(r["scrapes"] for r in runs),
                            "p99_during_ms": max(r["p99_ms"] for r in runs), "p99_without_reload_ms": pct(control, 99) * 1000,
                            "worst_without_reload_ms": max(control) * 1000, "scrapes_without_reload": len(control), **static}
        rl = report["reload"]
        print(f"  reload {collectors} collectors, {reloads} times: " + "; ".join(
            f"{fmt_seconds(r['seconds'])}, worst {r['worst_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms over {r['scrapes']} scrapes" for r in runs), file=sys.stderr)
        print(f"  steady median {rl['steady_median_ms']:.2f} ms; without a reload: worst {rl['worst_without_reload_ms']:.2f} ms, p99 "
              f"{rl['p99_without_reload_ms']:.2f} ms over {len(control)} scrapes" +
              (f"; static server: median {rl['static_median_ms']:.2f} ms, worst {rl['static_worst_ms']:.2f} ms, p99 {rl['static_p99_ms']:.2f} ms "
               f"over {rl['static_scrapes']} scrapes" if static else "; static server not built (bench/run builds it)"), file=sys.stderr)
    finally:
        y.stop()
        if st:
            st.stop()


def inproc(report):
    out = subprocess.run([os.path.join(BIN, "youxiang-bench"), "rules", "--rules", "10000", "--series", "100000"], capture_output=True, text=True, check=True).stdout
    kv = dict(x.split("=", 1) for x in out.split()[1:])
    report["rules"] = {k: float(v) for k, v in kv.items()}
    out = subprocess.run([os.path.join(BIN, "youxiang-bench"), "outbox", "--count", "2000"], capture_output=True, text=True, check=True).stdout
    kv = dict(x.split("=", 1) for x in out.split()[1:])
    report["outbox"] = {k: float(v) for k, v in kv.items()}
    print(f"  rules: 10k rules over 100k series in {report['rules']['median_seconds'] * 1000:.1f} ms; outbox {report['outbox']['per_second_single']:.0f}/s "
          f"single, {report['outbox']['per_second_batched']:.0f}/s batched", file=sys.stderr)


def table(report):
    lines = []
    add = lines.append
    if report["scrape"]:
        add("## Scrape (text format; median and p99 of sequential scrapes on one connection; wrk: 4 connections, 5 s)\n")
        add("| series | server | body | gzip body | median | p99 | gzip median | scrapes/s (4 clients) | RSS / series |")
        add("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in report["scrape"]:
            add(f"| {r['series']:,} | {r['server']} | {r['bytes'] / 1e6:.2f} MB | {r['bytes_gzip'] / 1e6:.2f} MB | {r['plain_median_ms']:.2f} ms | "
                f"{r['plain_p99_ms']:.2f} ms | {r['gzip_median_ms']:.2f} ms | {r['scrapes_per_second']:.1f} | {r['bytes_per_series']:.0f} B |")
        add("")
        add("## youxiangd's ratio to each peer (>1 means youxiangd is better: faster, more scrapes, less memory)\n")
        add("| series | peer | latency (peer ÷ youxiangd) | gzip latency | scrapes/s (youxiangd ÷ peer) | memory per series (peer ÷ youxiangd) |")
        add("|---:|---|---:|---:|---:|---:|")
        by = {(r["series"], r["server"]): r for r in report["scrape"]}
        for n in sorted({r["series"] for r in report["scrape"]}):
            y = by.get((n, "youxiangd"))
            for peer in ("static", "client_golang", "prometheus_client"):
                p = by.get((n, peer))
                if not y or not p:
                    continue
                mem = f"{p['bytes_per_series'] / y['bytes_per_series']:.2f}×" if y["bytes_per_series"] > 0 else "n/a"
                thr = f"{y['scrapes_per_second'] / p['scrapes_per_second']:.2f}×" if p["scrapes_per_second"] > 0 else "∞"
                add(f"| {n:,} | {peer} | {p['plain_median_ms'] / y['plain_median_ms']:.2f}× | {p['gzip_median_ms'] / y['gzip_median_ms']:.2f}× | {thr} | {mem} |")
        add("")
        if report.get("memory"):
            add("## youxiangd's memory per series, part by part (`youxiang-bench memory`, resident-set growth while each part is made)\n")
            add("| series | collector's samples | snapshot (label cells, values, strings) | text body | gzip body | total |")
            add("|---:|---:|---:|---:|---:|---:|")
            for m in report["memory"]:
                add(f"| {int(m['series']):,} | {m['collector_samples_bytes_per_series']:.1f} B | {m['snapshot_bytes_per_series']:.1f} B | "
                    f"{m['body_bytes_per_series']:.1f} B | {m['gzip_bytes_per_series']:.1f} B | {m['total_bytes_per_series']:.1f} B |")
            add("")
        add("Identical exposition (byte for byte, all four servers): " + ", ".join(f"{n:,}: {'yes' if ok else 'NO'}" for n, ok in sorted(report["identical"].items())))
        add("")
    if report["ingest"]:
        add(f"## Ingest ({report.get('ingest_rows', 0):,}-row spreadsheet export, 6 columns)\n")
        add("| tool | encoding | rows/s | MB/s | youxiangd ÷ tool |")
        add("|---|---|---:|---:|---:|")
        ours = {r["encoding"]: r for r in report["ingest"] if r["tool"] == "youxiangd"}
        for r in report["ingest"]:
            add(f"| {r['tool']} | {r['encoding']} | {r['rows_per_second']:,.0f} | {r['mb_per_second']:.1f} | {ours[r['encoding']]['rows_per_second'] / r['rows_per_second']:.2f}× |")
        add("\npolars reads only UTF-8 itself: for GBK it decodes the whole file in Python first (inside the timed call); "
            "pyarrow transcodes while it reads. polars and pyarrow use both cores, the others one.\n")
    if report.get("xlsx"):
        add(f"## Workbook ({report['xlsx_rows']:,}-row .xlsx, one sheet, the same 6 columns; text in shared strings)\n")
        add("| tool | rows/s | seconds | youxiangd ÷ tool |")
        add("|---|---:|---:|---:|")
        y = report["xlsx"][0]
        for r in report["xlsx"]:
            add(f"| {r['tool']} | {r['rows_per_second']:,.0f} | {r['seconds']:.2f} | {y['rows_per_second'] / r['rows_per_second']:.2f}× |")
        add("")
    if report.get("sql"):
        add(f"## Database ({report['sql_rows']:,} rows, `SELECT * FROM export` on PostgreSQL 15 over 127.0.0.1)\n")
        add("| tool | rows/s | seconds | youxiangd ÷ tool |")
        add("|---|---:|---:|---:|")
        y = report["sql"][0]
        for r in report["sql"]:
            add(f"| {r['tool']} | {r['rows_per_second']:,.0f} | {r['seconds']:.2f} | {y['rows_per_second'] / r['rows_per_second']:.2f}× |")
        add("")
    if report.get("reload"):
        rl = report["reload"]
        add(f"## Reload\n\n{rl['collectors']:,} collectors, all changed, reloaded {len(rl['reloads'])} times (SIGHUP; the new series set "
            f"served after " + ", ".join(fmt_seconds(r["seconds"]) for r in rl["reloads"]) + "); one client scraping on one connection "
            f"throughout. Steady scrape median {rl['steady_median_ms']:.2f} ms.\n")
        add("| window | scrapes | p99 | worst | worst ÷ youxiangd's steady median |")
        add("|---|---:|---:|---:|---:|")
        m = rl["steady_median_ms"]
        for i, r in enumerate(rl["reloads"]):
            add(f"| youxiangd, during reload {i + 1} | {r['scrapes']} | {r['p99_ms']:.2f} ms | {r['worst_ms']:.2f} ms | {r['worst_ms'] / m:.1f}× |")
        add(f"| youxiangd, 1.5 s without a reload | {rl['scrapes_without_reload']} | {rl['p99_without_reload_ms']:.2f} ms | "
            f"{rl['worst_without_reload_ms']:.2f} ms | {rl['worst_without_reload_ms'] / m:.1f}× |")
        if "static_worst_ms" in rl:
            add(f"| static server (the machine's floor), 1.5 s, median {rl['static_median_ms']:.2f} ms | {rl['static_scrapes']} | "
                f"{rl['static_p99_ms']:.2f} ms | {rl['static_worst_ms']:.2f} ms | {rl['static_worst_ms'] / m:.1f}× |")
        add("")
    if report.get("rules"):
        add(f"## Rules and outbox\n\n10,000 threshold rules over 100,000 series: {report['rules']['median_seconds'] * 1000:.1f} ms per evaluation (median of 5). "
            f"Durable outbox: {report['outbox']['per_second_single']:,.0f} notifications/s committed one transaction each, "
            f"{report['outbox']['per_second_batched']:,.0f}/s in batches of 100.\n")
    add("## Targets (issue 12)\n")
    add("| target | measured | |")
    add("|---|---|---|")
    for name, measured, met in targets(report):
        add(f"| {name} | {measured} | {'—' if met is None else 'met' if met else '**not met**'} |")
    return "\n".join(lines)


def targets(report):
    """(target, measured, met) for each target whose figures this run has."""
    out = []
    by_server = {(r["series"], r["server"]): r for r in report["scrape"]}
    y = by_server.get((1_000_000, "youxiangd"))
    if y:
        b = y["bytes_per_series"]
        out.append(("≤ 250 B resident per series at 1M series", f"{b:.0f} B", b <= 250))
    y, st = by_server.get((100_000, "youxiangd")), by_server.get((100_000, "static"))
    if y and st:
        x = y["plain_median_ms"] / st["plain_median_ms"]
        out.append(("scrape at 100k ≤ 1.2× the static floor (median, plain)", f"{y['plain_median_ms']:.2f} vs {st['plain_median_ms']:.2f} ms: {x:.2f}×", x <= 1.2))
    rows = {(r["tool"], r["encoding"]): r for r in report["ingest"]}
    for enc in ("utf-8", "gbk"):
        y, p = rows.get(("youxiangd", enc)), rows.get(("pandas.read_csv", enc))
        if y and p:
            x = y["rows_per_second"] / p["rows_per_second"]
            out.append((f"ingest ≥ 1.0× pandas.read_csv rows/s ({enc})", f"{y['rows_per_second']:,.0f} vs {p['rows_per_second']:,.0f} rows/s: {x:.2f}×", x >= 1.0))
        q = rows.get(("polars.read_csv", enc))
        if y and q:
            x = y["rows_per_second"] / q["rows_per_second"]
            out.append((f"stretch: ingest ahead of polars.read_csv ({enc})", f"{x:.2f}×", x >= 1.0))
    if report.get("xlsx"):
        by = {r["tool"]: r for r in report["xlsx"]}
        y, c = by.get("youxiangd"), by.get("python-calamine")
        if y and c:
            x = y["rows_per_second"] / c["rows_per_second"]
            out.append(("workbook ingest ≥ python-calamine rows/s", f"{y['rows_per_second']:,.0f} vs {c['rows_per_second']:,.0f} rows/s: {x:.2f}×", x >= 1.0))
    if report.get("reload"):
        rl = report["reload"]
        x = rl["worst_during_ms"] / rl["steady_median_ms"]
        floor = f"; the static server's own worst {rl['static_worst_ms'] / rl['steady_median_ms']:.1f}×" if "static_worst_ms" in rl else ""
        out.append((f"worst scrape during the 1,000-collector reload ≤ 3× the steady median (worst of {len(rl['reloads'])} reloads)",
                    f"{rl['worst_during_ms']:.2f} ms vs {rl['steady_median_ms']:.2f} ms: {x:.1f}×{floor}", x <= 3.0))
    if report.get("total_seconds"):
        out.append(("bench/run under 15 min from a fresh clone: this run's measuring part (the build comes on top)", f"{report['total_seconds'] / 60:.1f} min", None))
    return out


PARTS = ("scrape", "ingest", "xlsx", "sql", "reload", "rules")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--ingest-rows", type=int, default=1000000)
    ap.add_argument("--xlsx-rows", type=int, default=XLSX_ROWS)
    ap.add_argument("--sql-rows", type=int, default=1000000)
    ap.add_argument("--only", default=",".join(PARTS), help="comma-separated parts to run: " + ", ".join(PARTS))
    ap.add_argument("--out", default=None, help="a folder (created if missing) for bench-report.json and bench-table.md")
    ap.add_argument("--servers", default="", help="scrape only these servers (comma-separated; default all four)")
    args = ap.parse_args()
    if args.out:
        # Checked before measuring: a run of many minutes must not end on an unusable --out (a file given where a
        # folder is meant once lost one whole run's tables).
        if os.path.exists(args.out) and not os.path.isdir(args.out):
            ap.error(f"--out {args.out}: exists and is not a folder (give a folder; bench-report.json and bench-table.md go in it)")
        os.makedirs(args.out, exist_ok=True)
    only = set(args.only.split(","))
    work = tempfile.mkdtemp(prefix="youxiang-bench-")
    report = {"scrape": [], "identical": {}, "ingest": [], "memory": [], "started": time.time(), "ingest_rows": args.ingest_rows}
    try:
        if "scrape" in only:
            print("scrape:", file=sys.stderr)
            scrape_table([int(x) for x in args.sizes.split(",")], work, report, only=set(filter(None, args.servers.split(","))))
        if "ingest" in only:
            print("ingest:", file=sys.stderr)
            ingest(work, report, args.ingest_rows)
        if "xlsx" in only:
            print("workbook:", file=sys.stderr)
            workbook(work, report, args.xlsx_rows)
        if "sql" in only:
            print("database:", file=sys.stderr)
            database(work, report, args.sql_rows)
        if "reload" in only:
            print("reload:", file=sys.stderr)
            reload_bench(work, report)
        if "rules" in only:
            print("rules and outbox:", file=sys.stderr)
            inproc(report)
        report["total_seconds"] = time.time() - report["started"]
    finally:
        text = table(report)
        print(text)
        if args.out:
            with open(os.path.join(args.out, "bench-report.json"), "w") as fh:
                json.dump(report, fh, indent=1)
            with open(os.path.join(args.out, "bench-table.md"), "w") as fh:
                fh.write(text + "\n")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
