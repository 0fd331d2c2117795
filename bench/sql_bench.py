#!/usr/bin/env python3
"""sql_bench.py DIR ROWS YOUXIANG_BENCH: a real PostgreSQL 15 (initdb/pg_ctl in a temp folder as the postgres user, a free
loopback port, password authentication), a table `export` loaded with the ingest export's ROWS rows (the UTF-8 CSV
written by ingest_data.py into DIR, or written here), then the same query read three ways, one JSON line each:
youxiangd's `sql` source through the `table` module (youxiang-bench ingest), `psql \\copy (query) TO file CSV` and
psycopg 3 fetching every row (fetchall). The server is stopped by pg_ctl whatever happens."""
import json, os, shutil, socket, subprocess, sys, tempfile, time

d, rows, bench = sys.argv[1], int(sys.argv[2]), sys.argv[3]
PG = "/usr/lib/postgresql/15/bin"
here = os.path.dirname(os.path.abspath(__file__))
root = os.geteuid() == 0


def as_postgres(argv):
    subprocess.run((["runuser", "-u", "postgres", "--"] if root else []) + argv, check=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
# The server's folder is its own temp folder (the bench's work folder is private to root; the server runs as postgres).
pg = tempfile.mkdtemp(prefix="youxiang-bench-pg-")
csv_path = os.path.join(d, "export.utf-8.csv")
if not os.path.exists(csv_path):
    subprocess.run([sys.executable, os.path.join(here, "ingest_data.py"), d, str(rows)], check=True)
password = "bench-" + os.urandom(6).hex()
with open(os.path.join(pg, "pw"), "w") as fh:
    fh.write(password)
if root:
    shutil.chown(pg, "postgres", "postgres")
    shutil.chown(os.path.join(pg, "pw"), "postgres", "postgres")
env = dict(os.environ, PGPASSWORD=password)
conn = ["-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
as_postgres([f"{PG}/initdb", "-D", f"{pg}/data", "-U", "postgres", "--auth=scram-sha-256", f"--pwfile={pg}/pw", "-E", "UTF8", "--locale=C"])
as_postgres([f"{PG}/pg_ctl", "-D", f"{pg}/data", "-l", f"{pg}/log", "-w", "-t", "60", "-o", f"-p {port} -k {pg} -c listen_addresses=127.0.0.1", "start"])
try:
    subprocess.run(["psql", *conn, "-c", 'CREATE TABLE export ("学校标识码" text, "学校名称" text, "学段" text, "年份" integer, '
                    '"在校学生数" integer, "专任教师数" integer)'], env=env, check=True)
    subprocess.run(["psql", *conn, "-c", f"\\copy export FROM '{csv_path}' CSV HEADER"], env=env, check=True)
    subprocess.run(["psql", *conn, "-c", "VACUUM ANALYZE export"], env=env, check=True)
    query = "SELECT * FROM export"
    with open(os.path.join(d, "sql.yml"), "w", encoding="utf-8") as fh:
        fh.write(f"""collectors:
  - name: export
    module: table
    timeout: 10m
    source:
      sql: {{host: 127.0.0.1, port: {port}, user: postgres, database: postgres, password_file: {pg}/pw, query: "{query}", statement_timeout: 5m}}
      columns: {{school_id: 学校标识码, name: 学校名称, stage: 学段, year: 年份, pupils: 在校学生数, teachers: 专任教师数}}
    metrics:
      - {{name: eduplan_ingest_pupils, help: pupils, aggregate: sum, value: pupils, labels: {{level: stage}}}}
      - {{name: eduplan_ingest_schools, help: rows, aggregate: count, labels: {{level: stage}}}}
      - {{name: eduplan_ingest_teacher_pupil_ratio, help: teachers per pupil, aggregate: ratio, numerator: teachers, denominator: pupils, labels: {{level: stage}}}}
""")
    out = subprocess.run([bench, "ingest", "--config", os.path.join(d, "sql.yml")], capture_output=True, text=True, check=True).stdout
    kv = dict(x.split("=", 1) for x in out.split()[1:])
    if int(kv["rows"]) != rows or int(kv["rejected"]) != 0:
        raise SystemExit(f"youxiangd read {kv['rows']} rows, {kv['rejected']} rejected; expected {rows}: {out}")
    print(json.dumps({"tool": "youxiangd", "rows": int(kv["rows"]), "seconds": float(kv["seconds"]), "rows_per_second": float(kv["rows_per_second"])}), flush=True)

    out_csv = os.path.join(d, "copy-out.csv")
    t0 = time.perf_counter()
    subprocess.run(["psql", *conn, "-c", f"\\copy ({query}) TO '{out_csv}' CSV HEADER"], env=env, check=True)
    t = time.perf_counter() - t0
    with open(out_csv, "rb") as fh:
        n = sum(1 for _ in fh) - 1
    os.remove(out_csv)
    print(json.dumps({"tool": "psql \\copy to CSV", "rows": n, "seconds": t, "rows_per_second": n / t}), flush=True)

    import psycopg
    t0 = time.perf_counter()
    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres", password=password) as c:
        got = c.execute(query).fetchall()
    t = time.perf_counter() - t0
    print(json.dumps({"tool": "psycopg fetchall", "rows": len(got), "seconds": t, "rows_per_second": len(got) / t}), flush=True)
finally:
    as_postgres([f"{PG}/pg_ctl", "-D", f"{pg}/data", "-m", "immediate", "-w", "stop"])
    shutil.rmtree(pg, ignore_errors=True)
