# Shared helpers for the youxiangd end-to-end tests.  Source it, do not run it:
#
#   #!/usr/bin/env bash
#   set -euo pipefail
#   cd "$(dirname "$0")/../.."            # repository root
#   source Tests/e2e/lib.sh
#
# Every path below is relative to the repository root.  Background processes are
# started with `start_bg` (one simple command, so $! is the daemon's own PID) and
# are stopped by PID from the EXIT trap installed here; temporary directories made
# with `mktemp_dir VAR` are removed by the same trap (kept when E2E_KEEP=1).
#
# Nothing here retries a crash or skips a check: a youxiangd that dies by a signal (a Swift trap, a segfault, an
# abort), at start-up or later, prints its log and fails the script; a missing binary fails at once (build first:
# `swift build`, which scripts/test does before the e2e tests); `skip` counts as a failure.  Every check is counted
# (`pass`, `check_fail`, `fail`, `expect`, `skip`), also from subshells, and the totals go to $E2E_COUNTS (one line
# `NAME PASSED FAILED SKIPPED` per script) when Tests/e2e/run.sh sets it.

# ---- configuration (overridable from the environment) ------------------------------------
YOUXIANGD=${YOUXIANGD:-.build/debug/youxiangd}
PYTHON=${PYTHON:-python3}
PROMETHEUS=${PROMETHEUS:-prometheus}
PROMTOOL=${PROMTOOL:-promtool}

E2E_NAME=$(basename "$0" .sh)
PASS_COUNT=0
FAIL_COUNT=0
SKIP_COUNT=0
_E2E_PIDS=()
_E2E_DIRS=()
declare -A _E2E_LOGS=()
# One line per check (ok / FAIL / SKIP), appended from any subshell, so no check goes uncounted.
_E2E_STATE=$(mktemp -d "${TMPDIR:-/tmp}/youxiang-e2e-state-$E2E_NAME.XXXXXX")
: >"$_E2E_STATE/checks"

# ---- reporting ------------------------------------------------------------------------------
log()  { printf '[%s] %s\n' "$E2E_NAME" "$*" >&2; }
_e2e_tally() { grep -c "^$1\$" "$_E2E_STATE/checks" 2>/dev/null || true; }
_e2e_summary() {
  PASS_COUNT=$(_e2e_tally ok); FAIL_COUNT=$(_e2e_tally FAIL); SKIP_COUNT=$(_e2e_tally SKIP)
  if [ "$FAIL_COUNT" -gt 0 ] || [ "$SKIP_COUNT" -gt 0 ] || [ "$PASS_COUNT" -eq 0 ]; then
    printf '%s: FAILED (%d passed, %d failed, %d skipped)\n' "$E2E_NAME" "$PASS_COUNT" "$FAIL_COUNT" "$SKIP_COUNT" >&2; return 1
  fi
  printf '%s: OK (%d passed)\n' "$E2E_NAME" "$PASS_COUNT"
}
pass() { echo ok >>"$_E2E_STATE/checks"; PASS_COUNT=$((PASS_COUNT + 1)); printf '  ok    %s\n' "$*"; }
# soft failure: counted, the script carries on (call `finish` at the end)
check_fail() { echo FAIL >>"$_E2E_STATE/checks"; FAIL_COUNT=$((FAIL_COUNT + 1)); printf '  FAIL  %s\n' "$*" >&2; }
# skip DESCRIPTION: a check that could not run.  Counted and printed; it fails the script (a skipped check proves
# nothing, so it may not pass silently).
skip() { echo SKIP >>"$_E2E_STATE/checks"; SKIP_COUNT=$((SKIP_COUNT + 1)); printf '  SKIP  %s (a skipped check fails the run)\n' "$*" >&2; }
# hard failure: counted, message printed, script exits 1 (the EXIT trap cleans up and prints the totals)
fail() {
  check_fail "$@"
  exit 1
}
# expect DESCRIPTION CMD [ARGS...]: run CMD; pass or soft-fail.  CMD's output is shown on failure.
expect() {
  local desc=$1 out rc=0; shift
  out=$("$@" 2>&1) || rc=$?
  if [ "$rc" -eq 0 ]; then pass "$desc"; else check_fail "$desc (exit $rc)"; [ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/        | /' | head -40 >&2; fi
}
# finish: exit 0 if every check passed (and at least one ran), else 1.  The totals are printed by the EXIT trap.
finish() {
  [ "$(_e2e_tally ok)$(_e2e_tally FAIL)$(_e2e_tally SKIP)" != 000 ] || check_fail "no check ran"
  if [ "$(_e2e_tally FAIL)" -gt 0 ] || [ "$(_e2e_tally SKIP)" -gt 0 ]; then exit 1; fi
  exit 0
}

# ---- processes, temp dirs, cleanup ----------------------------------------------------------
# mktemp_dir VAR: make a temp dir (removed on exit), store its path in VAR.  Not `$(mktemp_dir)`:
# a command substitution is a subshell, and the dir would not be registered for cleanup.
mktemp_dir() {
  local __d; __d=$(mktemp -d "${TMPDIR:-/tmp}/youxiang-e2e-$E2E_NAME.XXXXXX") || fail "mktemp -d failed"
  _E2E_DIRS+=("$__d"); printf -v "$1" '%s' "$__d"
}

# start_bg VAR LOGFILE CMD [ARGS...]: start CMD in the background, store its PID in VAR.
start_bg() {
  local __var=$1 __log=$2; shift 2
  "$@" >"$__log" 2>&1 &
  local __pid=$!
  _E2E_PIDS+=("$__pid")
  _E2E_LOGS[$__pid]=$__log
  printf -v "$__var" '%s' "$__pid"
}

# crashed RC: true for the exit status of a process killed by a crash signal (SIGILL 132 — a Swift trap on x86 —,
# SIGTRAP 133, SIGABRT 134, SIGBUS 135, SIGFPE 136, SIGSEGV 139).  SIGKILL (137) and SIGTERM (143) are not crashes.
crashed() { case $1 in 132|133|134|135|136|139) return 0 ;; *) return 1 ;; esac; }

# _e2e_crash WHAT RC [LOGFILE]: count a crash as a failed check (also from a subshell) and print the log.
_e2e_crash() {
  check_fail "$1 crashed (exit $2, signal $(($2 - 128)))"
  if [ -n "${3:-}" ] && [ -f "$3" ]; then log "its log ($3), last 60 lines:"; tail -60 "$3" | sed 's/^/        | /' >&2; fi
}

# stop_pid PID: SIGTERM, up to 10 s grace, then SIGKILL; reaps it.  Returns the exit status.  A process that had
# crashed (see `crashed`) fails the check it was part of: counted, its log printed, whatever the caller does with
# the status.
stop_pid() {
  local pid=$1 i rc=0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then log "PID $pid ignored SIGTERM for 10 s; sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  wait "$pid" 2>/dev/null || rc=$?
  if crashed "$rc" && [ -z "${_E2E_REAPED[$pid]:-}" ]; then _e2e_crash "PID $pid" "$rc" "${_E2E_LOGS[$pid]:-}"; fi
  _E2E_REAPED[$pid]=$rc
  return "$rc"
}
declare -A _E2E_REAPED=()

_e2e_cleanup() {
  local rc=$? pid d
  set +e
  for pid in "${_E2E_PIDS[@]}"; do [ -n "${_E2E_REAPED[$pid]:-}" ] || stop_pid "$pid" >/dev/null; done
  # A script that exits non-zero outside any check (set -e) has a failed check; one that exits 0 with a failed,
  # skipped or crashed check (or none at all) fails.
  if [ "$rc" -ne 0 ] && [ "$(_e2e_tally FAIL)" -eq 0 ]; then check_fail "the script exited $rc outside any check (set -e; see the output above)"; fi
  _e2e_summary || { [ "$rc" -ne 0 ] || rc=1; }
  [ -z "${E2E_COUNTS:-}" ] || printf '%s %d %d %d\n' "$E2E_NAME" "$PASS_COUNT" "$FAIL_COUNT" "$SKIP_COUNT" >>"$E2E_COUNTS"
  if [ "${E2E_KEEP:-0}" = 1 ]; then
    [ "${#_E2E_DIRS[@]}" -eq 0 ] || log "kept: ${_E2E_DIRS[*]}"
  else
    for d in "${_E2E_DIRS[@]}"; do rm -rf -- "$d"; done
  fi
  rm -rf -- "$_E2E_STATE"
  exit "$rc"
}
trap _e2e_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- network --------------------------------------------------------------------------------
# freeport: print a TCP port that is free on 127.0.0.1 right now.
freeport() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# wait_http URL TIMEOUT [PID]: poll until URL answers 2xx; fail after TIMEOUT seconds, or at
# once if PID (the server that should answer) has exited.
wait_http() {
  local url=$1 timeout=$2 pid=${3:-} deadline
  deadline=$(($(date +%s) + timeout))
  until curl -sf -o /dev/null --max-time 2 "$url"; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      log "the server for $url (PID $pid) exited"; return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then log "timed out after ${timeout}s waiting for $url"; return 1; fi
    sleep 0.1
  done
}

# ---- youxiangd ------------------------------------------------------------------------------
# require_binary: $YOUXIANGD exists and runs, or the script fails at once.  Nothing waits for or retries a binary
# being rebuilt: build first (scripts/test builds once before the e2e tests; Tests/e2e/run.sh refuses to start
# without a binary).  `wait_binary` is the old name, kept for the scripts that call it.
require_binary() {
  [ -x "$YOUXIANGD" ] || fail "$YOUXIANGD does not exist: build first (swift build)"
  local rc=0; "$YOUXIANGD" --version >/dev/null 2>&1 || rc=$?
  crashed "$rc" && _e2e_crash "$YOUXIANGD --version" "$rc"
  [ "$rc" -eq 0 ] || fail "$YOUXIANGD --version exited $rc"
  # youxiangd reads .xls workbooks through youxiang-xls-reader, found beside it (or at $YOUXIANG_XLS_READER).
  local reader=${YOUXIANG_XLS_READER:-$(dirname "$YOUXIANGD")/youxiang-xls-reader}
  [ -x "$reader" ] || fail "$reader does not exist: build first (swift build)"
}
wait_binary() { require_binary; }

# yx ARGS...: run youxiangd once and return its exit status.  A crash (see `crashed`) is also counted as a failed
# check, so `! yx …` or `yx … || true` cannot turn it into a pass.
yx() {
  local rc=0
  "$YOUXIANGD" "$@" || rc=$?
  crashed "$rc" && _e2e_crash "youxiangd $*" "$rc"
  return "$rc"
}

# bind_failed LOGFILE: the log shows the listening socket could not be bound (the port was taken between
# `freeport` and the bind) — the only start-up failure worth another port.
bind_failed() { grep -qiE 'address already in use|EADDRINUSE|errno: 98' "$1"; }

# start_youxiangd CONFIG LOGFILE [ARGS...]: start the daemon on a free loopback port, wait for /-/ready.
# Sets YX_PID and YX_URL (http://127.0.0.1:PORT).  Only a port race (the log proves the bind failed) is retried,
# with a new port; a daemon that dies otherwise prints its log and fails the script.
start_youxiangd() {
  local config=$1 logf=$2 attempt port; shift 2
  require_binary
  for attempt in 1 2 3; do
    port=$(freeport)
    start_bg YX_PID "$logf" "$YOUXIANGD" --config.file "$config" --web.listen-address "127.0.0.1:$port" "$@"
    YX_URL="http://127.0.0.1:$port"
    if wait_http "$YX_URL/-/healthy" 30 "$YX_PID"; then
      wait_http "$YX_URL/-/ready" 60 "$YX_PID" || { stop_pid "$YX_PID" || true; tail -40 "$logf" >&2; fail "youxiangd never became ready at $YX_URL/-/ready"; }
      log "youxiangd PID $YX_PID ready at $YX_URL"
      return 0
    fi
    local rc=0; stop_pid "$YX_PID" || rc=$?
    if bind_failed "$logf" && [ "$attempt" -lt 3 ]; then log "port $port was taken (attempt $attempt); trying another"; continue; fi
    log "youxiangd did not start (exit $rc); its log:"; sed 's/^/        | /' "$logf" | tail -60 >&2
    fail "youxiangd died at start-up (exit $rc, see the log above)"
  done
}

# ---- Prometheus -----------------------------------------------------------------------------
# start_prometheus CONFIG DATADIR LOGFILE: sets PROM_PID and PROM_URL; waits for /-/ready.  Retried with a new port
# only when the log proves the bind failed.
start_prometheus() {
  local config=$1 data=$2 logf=$3 attempt port
  for attempt in 1 2 3; do
    port=$(freeport)
    start_bg PROM_PID "$logf" "$PROMETHEUS" --config.file="$config" --storage.tsdb.path="$data" \
      --web.listen-address="127.0.0.1:$port"
    PROM_URL="http://127.0.0.1:$port"
    if wait_http "$PROM_URL/-/ready" 60 "$PROM_PID"; then log "prometheus PID $PROM_PID ready at $PROM_URL"; return 0; fi
    stop_pid "$PROM_PID" || true
    if bind_failed "$logf" && [ "$attempt" -lt 3 ]; then log "port $port was taken (attempt $attempt); trying another"; continue; fi
    log "prometheus did not start; its log:"; tail -30 "$logf" >&2
    fail "could not start prometheus (see the log above)"
  done
}

# prom_query EXPR: print the instant-query result, one sample per line: `{"k":"v",...}<TAB>value`
# (labels sorted).  Returns non-zero if the API call fails or the result is not a vector.
prom_query() {
  local json
  json=$(curl -sf --max-time 10 "$PROM_URL/api/v1/query" --data-urlencode "query=$1") || return 1
  "$PYTHON" -c '
import json, sys
d = json.loads(sys.argv[1])
if d.get("status") != "success" or d["data"]["resultType"] != "vector":
    sys.exit("unexpected API answer: " + sys.argv[1][:300])
for r in d["data"]["result"]:
    print(json.dumps(r["metric"], sort_keys=True, ensure_ascii=False) + "\t" + r["value"][1])
' "$json"
}

# approx_eq GOT WANT [TOL]: numeric comparison with a relative/absolute tolerance (default 1e-9).
approx_eq() {
  "$PYTHON" -c '
import math, sys
got, want, tol = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
sys.exit(0 if math.isclose(got, want, rel_tol=tol, abs_tol=tol) else 1)
' "$1" "$2" "${3:-1e-9}" 2>/dev/null
}
