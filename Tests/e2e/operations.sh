#!/usr/bin/env bash
# Operations (issue 4): SIGHUP with a broken file keeps the old series and reports the failed reload; removing a
# collector and reloading removes exactly its series; the file watcher picks up a ConfigMap-style symlink swap and
# an editor's rename-save; a source that never answers does not slow /metrics; POST /-/reload; TLS + basic auth
# with the shipped example web config; SIGTERM exits cleanly.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

mktemp_dir W
wait_binary

# start_yx VAR_PREFIX CONFIG LOG ARGS...: start youxiangd on a free port with extra args; sets <P>_PID and <P>_URL.
start_yx() {
  local prefix=$1 config=$2 logf=$3; shift 3
  local port pid scheme=http
  case " $* " in *" --web.config.file "*) scheme=https ;; esac
  port=$(freeport)
  start_bg pid "$logf" "$YOUXIANGD" --config.file "$config" --web.listen-address "127.0.0.1:$port" --storage.path "$W/storage-$prefix" "$@"
  printf -v "${prefix}_PID" '%s' "$pid"
  printf -v "${prefix}_URL" '%s' "$scheme://127.0.0.1:$port"
  local deadline=$(($(date +%s) + 30))
  until curl -sk -o /dev/null "$scheme://127.0.0.1:$port/-/healthy"; do
    kill -0 "$pid" 2>/dev/null || { cat "$logf" >&2; fail "youxiangd exited at start"; }
    [ "$(date +%s)" -lt "$deadline" ] || fail "youxiangd did not answer on $port"
    sleep 0.1
  done
}

eduplan_lines() { curl -sf --max-time 10 "$1/metrics" | grep '^eduplan_' | sort; }
# has_5g URL: the 5G family is served. (Fetched whole first: `curl | grep -q` under pipefail fails when grep stops
# reading early and curl gets SIGPIPE, which would read as "absent".)
has_5g() { local body; body=$(curl -sf --max-time 10 "$1/metrics") || return 2; grep -q '^eduplan_school_5g_coverage_ratio' <<<"$body"; }
# (the body is fetched whole first: awk stopping early would SIGPIPE curl and fail the pipeline under pipefail)
metric_value() { local body; body=$(curl -sf --max-time 10 "$1/metrics") || return 2; awk -v m="$2" '$1 == m || index($1, m "{") == 1 { print $2; exit }' <<<"$body"; }

# Absolute data paths, so the copies work from the temp folder.
sed "s#\.\./plugins/#$PWD/plugins/#g" deploy/youxiang.yml >"$W/good.yml"
yx check config "$W/good.yml" >/dev/null || fail "the absolute-path copy of deploy/youxiang.yml does not check"

# --- 1. SIGHUP with a broken file ------------------------------------------------------------------
cp "$W/good.yml" "$W/live.yml"
start_yx A "$W/live.yml" "$W/a.log" --config.watch-interval 0s
wait_http "$A_URL/-/ready" 60 "$A_PID"
eduplan_lines "$A_URL" >"$W/before.txt"
[ -s "$W/before.txt" ] || fail "no eduplan_* series before the reload"
printf 'collectors:\n  - name: broken\n    modul: table\n  bad indentation: [\n' >"$W/live.yml"
kill -HUP "$A_PID"
# Wait for the reload's outcome (logged), not a fixed time: on a loaded machine a reload takes seconds.
deadline=$(($(date +%s) + 20))
until grep -q 'reload failed' "$W/a.log"; do
  [ "$(date +%s)" -lt "$deadline" ] || break; sleep 0.2
done
if kill -0 "$A_PID" 2>/dev/null; then pass "SIGHUP with a broken YAML: the process stays up"; else check_fail "youxiangd died on SIGHUP"; fi
eduplan_lines "$A_URL" >"$W/after-bad.txt"
expect "the old series are still served, unchanged" cmp -s "$W/before.txt" "$W/after-bad.txt"
expect "youxiang_config_last_reload_successful is 0" test "$(metric_value "$A_URL" youxiang_config_last_reload_successful)" = 0
expect "the failed reload is logged with its diagnostics" grep -q 'reload failed' "$W/a.log"
expect "…naming file:line:column" grep -qE 'live\.yml:[0-9]+:[0-9]+' "$W/a.log"

# --- 2. remove one collector, reload: exactly its series leave ---------------------------------------
"$PYTHON" - "$W/good.yml" "$W/live.yml" <<'PY'
import sys, re
text = open(sys.argv[1], encoding="utf-8").read()
# drop the digital_infrastructure collector block (from its "- name:" line to the next "- name:" or comment block)
out = re.sub(r"\n  # 教育数字化.*?\n(?=\n  # )", "\n", text, flags=re.S)
assert out != text and "digital_infrastructure" not in out, "could not remove the block"
open(sys.argv[2], "w", encoding="utf-8").write(out)
PY
kill -HUP "$A_PID"
deadline=$(($(date +%s) + 20))
until [ "$(metric_value "$A_URL" youxiang_config_last_reload_successful)" = 1 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the good reload did not succeed"; sleep 0.2
done
eduplan_lines "$A_URL" >"$W/after-remove.txt"
# eduplan_indicator_data_complete stays for every indicator; only its value changes (next check), so it is left out here
comm -23 "$W/before.txt" "$W/after-remove.txt" | grep -v '^eduplan_indicator_data_complete' >"$W/gone.txt" || true
comm -13 "$W/before.txt" "$W/after-remove.txt" | grep -v '^eduplan_indicator_data_complete' >"$W/new.txt" || true
expect "the removed collector's indicators are now incomplete (no collector configured)" \
  grep -q '^eduplan_indicator_data_complete{district="330206",indicator="ai_innovation_labs",year="2025"} 0$' "$W/after-remove.txt"
expect "no series appeared" test ! -s "$W/new.txt"
gone_families=$(sed 's/[{ ].*//' "$W/gone.txt" | sort -u | tr '\n' ' ')
expect "exactly the collector's families left ($gone_families)" \
  test "$gone_families" = "eduplan_ai_innovation_labs eduplan_school_5g_coverage_denominator eduplan_school_5g_coverage_numerator eduplan_school_5g_coverage_ratio eduplan_teaching_space_network_coverage_denominator eduplan_teaching_space_network_coverage_numerator eduplan_teaching_space_network_coverage_ratio "
# The body is fetched first and must be a live exposition with the other collectors' self-metrics: a daemon that is
# down (no body) fails this check instead of passing it.
# (in a file: the body is larger than one command-line argument may be)
curl -sf --max-time 10 "$A_URL/metrics" >"$W/body.txt" || : >"$W/body.txt"
expect "its self-metrics left too (the other collectors' are still there)" \
  bash -c 'grep -q "^youxiang_collector_success{collector=\"enrolment\"" "$1" && ! grep -q "collector=\"digital_infrastructure\"" "$1"' _ "$W/body.txt"
stop_pid "$A_PID" && pass "SIGTERM: exit status 0" || check_fail "SIGTERM: non-zero exit"

# --- 3. the file watcher: ConfigMap symlink swap and rename-save ------------------------------------
mkdir -p "$W/cm/v1" "$W/cm/v2"
cp "$W/good.yml" "$W/cm/v1/youxiang.yml"
cp "$W/live.yml" "$W/cm/v2/youxiang.yml"                 # without digital_infrastructure
ln -s v1 "$W/cm/..data"
ln -s ..data/youxiang.yml "$W/cm/youxiang.yml"
start_yx B "$W/cm/youxiang.yml" "$W/b.log" --config.watch-interval 250ms
wait_http "$B_URL/-/ready" 60 "$B_PID"
has_5g "$B_URL" || fail "watcher test: 5G series missing at start"
ln -s v2 "$W/cm/..data_tmp" && mv -T "$W/cm/..data_tmp" "$W/cm/..data"      # what the kubelet does
deadline=$(($(date +%s) + 15)); seen=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  rc=0; has_5g "$B_URL" || rc=$?
  [ "$rc" = 1 ] && { seen=1; break; }; sleep 0.2
done
expect "a ConfigMap ..data symlink swap is picked up (collector removed)" test "$seen" = 1
# rename-save: write a new file beside it and move it over (vim, most editors); here back to the full config
cp "$W/good.yml" "$W/cm/v2/.youxiang.yml.swp" && mv "$W/cm/v2/.youxiang.yml.swp" "$W/cm/v2/youxiang.yml"
deadline=$(($(date +%s) + 15)); seen=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  has_5g "$B_URL" && { seen=1; break; }; sleep 0.2
done
expect "a rename-save is picked up (collector back)" test "$seen" = 1
# the log line follows the swap it reports by a moment: poll for it
expect "the watcher logged the reloads" bash -c "for i in \$(seq 50); do grep -q 'reason=\"file change\"' '$W/b.log' && exit 0; sleep 0.1; done; cat '$W/b.log' >&2; exit 1"
stop_pid "$B_PID" || true

# --- 4. a source that never answers ----------------------------------------------------------------
mkfifo "$W/never.csv"
exec 7<>"$W/never.csv"                                # a writer that never writes: reads block (FIFOs need the setting below)
cat >"$W/hang.yml" <<EOF
global: {external_labels: {district: "330206"}, allow_non_regular_files: true}
collectors:
  - name: hang
    module: table
    interval: 1s
    timeout: 500ms
    source: {columns: {year: 年份}, files: [{path: never.csv}]}
    metrics: [{name: eduplan_hang_rows, help: rows of a source that never answers, aggregate: count}]
  - name: courses
    module: table
    years: [2022, 2023]
    source: {columns: {year: 认定年份}, files: [{path: $PWD/plugins/table/data/boutique_courses.csv}]}
    metrics: [{name: eduplan_municipal_boutique_courses, help: courses, aggregate: count, cumulative: true}]
EOF
start_yx C "$W/hang.yml" "$W/c.log"
wait_http "$C_URL/-/ready" 30 "$C_PID"
worst=0
for _ in $(seq 1 40); do
  t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 5 "$C_URL/metrics")
  worst=$("$PYTHON" -c "print(max($worst, $t))")
done
# A scrape that waited on the hanging collector would take at least its 500 ms timeout; 0.4 s keeps that meaning with
# room for a loaded machine (0.1 s was exceeded under load).
expect "with a hanging source, the slowest of 40 scrapes took ${worst}s (< 0.4 s)" "$PYTHON" -c "import sys; sys.exit(0 if $worst < 0.4 else 1)"
expect "the other collector's series are served" bash -c "curl -sf '$C_URL/metrics' | grep -q '^eduplan_municipal_boutique_courses'"
expect "the hanging collector reports failure" test "$(curl -sf "$C_URL/metrics" | awk '/^youxiang_collector_success\{collector="hang"/ {print $2}')" = 0
expect "…because it timed out (the read blocks)" grep -q 'collector=hang.*timed out' "$W/c.log"
exec 7>&-                                             # release the blocked reader
stop_pid "$C_PID" || true

# --- 5. lifecycle API ------------------------------------------------------------------------------
cp "$W/good.yml" "$W/d.yml"
start_yx D "$W/d.yml" "$W/d.log" --web.enable-lifecycle --config.watch-interval 0s
wait_http "$D_URL/-/ready" 60 "$D_PID"
# The status alone proves nothing: the reload must have happened (logged with reason HTTP, success timestamp moved).
# The file is edited first: a reload of byte-identical files leaves the timestamp alone (hardening.sh checks that).
t0=$(metric_value "$D_URL" youxiang_config_last_reload_success_timestamp_seconds)
sleep 1.1
echo "# edited before POST /-/reload" >>"$W/d.yml"
expect "POST /-/reload with --web.enable-lifecycle: 200" test "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$D_URL/-/reload")" = 200
expect "… the reload ran (logged with reason HTTP)" bash -c 'for i in $(seq 30); do grep -qE "reloaded.*reason=\"?HTTP" "$1" && exit 0; sleep 0.1; done; cat "$1" >&2; exit 1' _ "$W/d.log"
t1=$(metric_value "$D_URL" youxiang_config_last_reload_success_timestamp_seconds)
expect "… youxiang_config_last_reload_success_timestamp_seconds moved ($t0 → $t1)" "$PYTHON" -c "import sys; sys.exit(0 if float('${t1:-0}') > float('${t0:-0}') > 0 else 1)"
expect "GET /-/reload: 405" test "$(curl -s -o /dev/null -w '%{http_code}' "$D_URL/-/reload")" = 405
stop_pid "$D_PID" || true
start_yx E "$W/good.yml" "$W/e.log" --config.watch-interval 0s
expect "POST /-/reload without the flag: 403" test "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$E_URL/-/reload")" = 403
stop_pid "$E_PID" || true

# --- 6. TLS and basic auth with the shipped example web config -----------------------------------------
"$PROMTOOL" check web-config deploy/web/web-config.example.yml >/dev/null 2>&1 && pass "promtool check web-config accepts the shipped example" \
  || check_fail "promtool check web-config rejects deploy/web/web-config.example.yml"
start_yx F "$W/good.yml" "$W/f.log" --web.config.file deploy/web/web-config.example.yml
CA=(--cacert deploy/web/example.crt)
expect "no credentials over TLS: 401" test "$(curl -s "${CA[@]}" -o /dev/null -w '%{http_code}' "$F_URL/metrics")" = 401
expect "wrong password: 401" test "$(curl -s "${CA[@]}" -u prometheus:wrong -o /dev/null -w '%{http_code}' "$F_URL/metrics")" = 401
expect "right credentials over verified TLS: 200" test "$(curl -s "${CA[@]}" -u prometheus:example-password -o /dev/null -w '%{http_code}' "$F_URL/metrics")" = 200
plain=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "${F_URL/https/http}/metrics") || true
expect "plain HTTP gets no 200 on the TLS port (got ${plain:-none})" test "${plain:-000}" != 200
expect "… while TLS on the same port still answers 200" test "$(curl -s "${CA[@]}" -u prometheus:example-password -o /dev/null -w '%{http_code}' "$F_URL/metrics")" = 200
stop_pid "$F_PID" || true

finish
