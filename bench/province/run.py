#!/usr/bin/env python3
"""Province scale, measured: N district daemons (default 90, Zhejiang's count) scraped by two vmagents in cluster
mode (replication factor 2) into one VictoriaMetrics, as deploy/city/ runs them.

usage: bench/province/run.py [--districts 90] [--minutes 3] [--scrape 10s] [--binary .build/release/youxiangd]

Reports: series per district, daemon RSS, scrape time (median and p99 over every district), vmagent and
VictoriaMetrics ingestion rate, VictoriaMetrics RSS and bytes on disk per sample and per series-year (at a 1-minute
scrape interval), and prints a Markdown table for BENCHMARKS.md. Everything runs on 127.0.0.1 with free ports and
a temp folder; every process started here is stopped by PID at the end. Standard library only.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROCS = []


def freeport():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def start(cmd, log):
    p = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT, cwd=ROOT)
    PROCS.append(p)
    return p


def stop_all():
    for p in PROCS:
        if p.poll() is None:
            p.terminate()
    for p in PROCS:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill(); p.wait()


def get(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read()


def wait(url, secs, proc=None):
    end = time.time() + secs
    while time.time() < end:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"process for {url} exited ({proc.returncode})")
        try:
            get(url, 2); return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"timed out waiting for {url}")


def rss(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def cpu_seconds(pid):
    """User + system CPU time of a process so far, from /proc/PID/stat."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def metric(text, name):
    """Sum of a metric's samples in an exposition (plain text parsing of `name{…} value` / `name value`)."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name) and (line[len(name)] in " {"):
            total += float(line.rsplit(" ", 1)[1])
    return total


def du(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def fmt_bytes(b):
    for u in ("B", "KB", "MB", "GB", "TB"):
        if b < 1024 or u == "TB":
            return f"{b:.1f} {u}" if u != "B" else f"{b:.0f} B"
        b /= 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--districts", type=int, default=90)
    ap.add_argument("--minutes", type=float, default=3)
    ap.add_argument("--scrape", default="10s", help="scrape interval (and dedup interval) for the ingestion run")
    ap.add_argument("--binary", default=None)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    binary = a.binary or next((b for b in (".build/release/youxiangd", ".build/debug/youxiangd") if (ROOT / b).exists()), None)
    if not binary:
        raise SystemExit("no youxiangd binary: swift build -c release --product youxiangd")
    build = "release" if "release" in binary else "debug"
    for b in ("victoria-metrics", "vmagent"):
        if not shutil.which(b):
            raise SystemExit(f"{b} not found (scripts/setup installs victoria-metrics)")
    w = Path(tempfile.mkdtemp(prefix="youxiang-province-"))
    try:
        t = time.time()
        subprocess.run([sys.executable, str(ROOT / "tools/make_city.py"), str(w / "city"), "--count", str(a.districts),
                        "--no-receivers", "--jobs", "2"], check=True, stdout=subprocess.DEVNULL)
        print(f"generated {a.districts} districts' data in {time.time() - t:.0f} s", file=sys.stderr)
        codes = sorted(p.name for p in (w / "city").iterdir() if p.is_dir())
        data_bytes = du(w / "city") / len(codes)
        daemons = []
        for c in codes:
            port = freeport()
            p = start([binary, "--config.file", str(w / "city" / c / "youxiang.yml"), "--web.listen-address",
                       f"127.0.0.1:{port}", "--storage.path", str(w / f"yx-{c}"), "--config.watch-interval", "0s"],
                      w / f"yx-{c}.log")
            daemons.append((c, port, p))
        t = time.time()
        for c, port, p in daemons:
            wait(f"http://127.0.0.1:{port}/-/ready", 300, p)
        print(f"{len(daemons)} daemons ready in {time.time() - t:.0f} s", file=sys.stderr)

        # --- per daemon: series, RSS, scrape time ------------------------------------------------------------
        series, eduplan, rsses, times, bodies = [], [], [], [], []
        for c, port, p in daemons:
            url = f"http://127.0.0.1:{port}/metrics"
            get(url)
            for _ in range(10):
                t0 = time.perf_counter(); body = get(url); times.append(time.perf_counter() - t0)
            text = body.decode()
            lines = [l for l in text.splitlines() if l and not l.startswith("#")]
            series.append(len(lines)); eduplan.append(sum(l.startswith("eduplan_") for l in lines)); bodies.append(len(body))
            rsses.append(rss(p.pid))
        times.sort()

        # --- ingestion: VictoriaMetrics + two vmagents (cluster, replication 2) -----------------------------
        vp, a0, a1 = freeport(), freeport(), freeport()
        vm = f"http://127.0.0.1:{vp}"
        vmp = start(["victoria-metrics", f"-storageDataPath={w / 'vm'}", f"-httpListenAddr=127.0.0.1:{vp}",
                     f"-dedup.minScrapeInterval={a.scrape}", "-retentionPeriod=1"], w / "vm.log")
        wait(vm + "/health", 30, vmp)
        (w / "districts.json").write_text(json.dumps(
            [{"targets": [f"127.0.0.1:{port}"], "labels": {"district": c}} for c, port, _ in daemons]))
        cfg = (ROOT / "deploy/city/vmagent.yml").read_text().replace("scrape_interval: 1m ", f"scrape_interval: {a.scrape} ")
        (w / "vmagent.yml").write_text(cfg)
        agents = []
        for n, port in ((0, a0), (1, a1)):
            agents.append(start(["vmagent", f"-promscrape.config={w / 'vmagent.yml'}", "-promscrape.cluster.membersCount=2",
                                 f"-promscrape.cluster.memberNum={n}", "-promscrape.cluster.replicationFactor=2",
                                 f"-remoteWrite.url={vm}/api/v1/write", f"-remoteWrite.tmpDataPath={w / f'vmagent-{n}'}",
                                 f"-httpListenAddr=127.0.0.1:{port}"], w / f"vmagent-{n}.log"))
        for port, p in zip((a0, a1), agents):
            wait(f"http://127.0.0.1:{port}/health", 30, p)
        time.sleep(30)   # every target scraped a few times; series created
        def snap():
            vmm = get(vm + "/metrics").decode()
            ag = [get(f"http://127.0.0.1:{port}/metrics").decode() for port in (a0, a1)]
            return (time.time(), metric(vmm, "vm_rows_inserted_total"), sum(metric(x, "vm_promscrape_scraped_samples_sum") for x in ag),
                    cpu_seconds(vmp.pid), sum(cpu_seconds(p.pid) for p in agents))
        s0 = snap()
        time.sleep(a.minutes * 60)
        s1 = snap()
        get(vm + "/internal/force_flush")
        time.sleep(3)
        vmm = get(vm + "/metrics").decode()
        rows_total = metric(vmm, "vm_rows_inserted_total")
        vm_series = json.loads(get(vm + "/api/v1/series/count"))["data"][0]
        fresh_data = du(w / "vm" / "data")
        # what the same samples take once VictoriaMetrics has merged them into big parts (it does so by itself as
        # data ages; /internal/force_merge does it now), then stopped so every part is on disk
        try:
            get(vm + "/internal/force_merge", timeout=300)
        except Exception as e:
            print(f"force_merge: {e}", file=sys.stderr)
        time.sleep(10)
        disk = du(w / "vm")
        data_disk, index_disk = du(w / "vm" / "data"), du(w / "vm" / "indexdb")
        vm_rss, agent_rss = rss(vmp.pid), [rss(p.pid) for p in agents]
        dt = s1[0] - s0[0]
        ingest_vm = (s1[1] - s0[1]) / dt
        ingest_agents = (s1[2] - s0[2]) / dt
        vm_cores, agent_cores = (s1[3] - s0[3]) / dt, (s1[4] - s0[4]) / dt
        # bytes per stored (deduplicated) sample: VictoriaMetrics keeps one sample per series per dedup interval
        interval = float(a.scrape.rstrip("s"))
        kept = rows_total / 2   # two replicas: VictoriaMetrics keeps one of each pair (dedup)
        per_sample = data_disk / kept if kept else float("nan")
        per_sample_fresh = fresh_data / kept if kept else float("nan")
        index_per_series = index_disk / vm_series
        # a series-year at one sample a minute (deploy/city/vmagent.yml): its samples plus its index entry
        per_series_year = per_sample * 365 * 24 * 60 + index_per_series

        r = {
            "districts": len(daemons), "build": build, "scrape_interval": a.scrape, "minutes": a.minutes,
            "series_per_district_median": statistics.median(series), "series_per_district_max": max(series),
            "eduplan_series_per_district_median": statistics.median(eduplan),
            "exposition_bytes_median": statistics.median(bodies),
            "data_bytes_per_district": data_bytes,
            "daemon_rss_median": statistics.median(rsses), "daemon_rss_max": max(rsses), "daemon_rss_total": sum(rsses),
            "scrape_ms_median": 1000 * statistics.median(times), "scrape_ms_p99": 1000 * times[int(0.99 * (len(times) - 1))],
            "vmagents_scraped_samples_per_s": ingest_agents, "vm_rows_inserted_per_s": ingest_vm,
            "vm_cpu_cores": vm_cores, "vmagents_cpu_cores": agent_cores,
            "vm_series": vm_series, "vm_rows_total": rows_total, "vm_disk_bytes": disk, "vm_rss": vm_rss,
            "vmagent_rss": agent_rss, "vm_data_bytes_fresh": fresh_data, "vm_data_bytes": data_disk, "vm_index_bytes": index_disk,
            "bytes_per_stored_sample": per_sample, "bytes_per_stored_sample_fresh": per_sample_fresh, "index_bytes_per_series": index_per_series,
            "bytes_per_series_year_at_1m": per_series_year,
        }
        print(json.dumps(r, indent=1))
        print(f"""
| measure ({r['districts']} districts, youxiangd {build} build, scrape {a.scrape}, {a.minutes:g} min) | value |
|---|---:|
| series per district (median / max; `eduplan_*` median) | {r['series_per_district_median']:.0f} / {r['series_per_district_max']} ({r['eduplan_series_per_district_median']:.0f}) |
| exposition per district (median) | {fmt_bytes(r['exposition_bytes_median'])} |
| district data files (median) | {fmt_bytes(data_bytes)} |
| daemon RSS (median / max / all {r['districts']}) | {fmt_bytes(r['daemon_rss_median'])} / {fmt_bytes(r['daemon_rss_max'])} / {fmt_bytes(r['daemon_rss_total'])} |
| scrape time per daemon (median / p99 of {len(times)}) | {r['scrape_ms_median']:.2f} ms / {r['scrape_ms_p99']:.2f} ms |
| vmagents: samples scraped per second (both replicas) | {ingest_agents:.0f} |
| VictoriaMetrics: rows inserted per second (before dedup) | {ingest_vm:.0f} |
| CPU used meanwhile: VictoriaMetrics / both vmagents | {vm_cores:.3f} / {agent_cores:.3f} cores |
| VictoriaMetrics: series / RSS | {vm_series} / {fmt_bytes(vm_rss)} |
| vmagent RSS (each) | {' / '.join(fmt_bytes(x) for x in agent_rss)} |
| VictoriaMetrics on disk (all / data parts / index) | {fmt_bytes(disk)} / {fmt_bytes(data_disk)} / {fmt_bytes(index_disk)} |
| bytes on disk per stored sample (data parts ÷ samples kept after dedup): fresh / after force_merge | {per_sample_fresh:.2f} B / {per_sample:.2f} B |
| index bytes per series | {index_per_series:.0f} B |
| bytes on disk per series-year at one sample a minute | {fmt_bytes(per_series_year)} |
""")
    finally:
        stop_all()
        if not a.keep:
            shutil.rmtree(w, ignore_errors=True)
        else:
            print(f"kept {w}", file=sys.stderr)


if __name__ == "__main__":
    main()
