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

# ---- configuration (overridable from the environment) ------------------------------------
YOUXIANGD=${YOUXIANGD:-.build/debug/youxiangd}
PYTHON=${PYTHON:-python3}
PROMETHEUS=${PROMETHEUS:-prometheus}
PROMTOOL=${PROMTOOL:-promtool}
BINARY_WAIT=${BINARY_WAIT:-300}     # seconds to wait for a missing / relinking youxiangd binary

E2E_NAME=$(basename "$0" .sh)
PASS_COUNT=0
FAIL_COUNT=0
_E2E_PIDS=()
_E2E_DIRS=()

# ---- reporting ------------------------------------------------------------------------------
log()  { printf '[%s] %s\n' "$E2E_NAME" "$*" >&2; }
pass() { PASS_COUNT=$((PASS_COUNT + 1)); printf '  ok    %s\n' "$*"; }
# soft failure: counted, the script carries on (call `finish` at the end)
check_fail() { FAIL_COUNT=$((FAIL_COUNT + 1)); printf '  FAIL  %s\n' "$*" >&2; }
# hard failure: counted, message printed, script exits 1 (the EXIT trap cleans up)
fail() {
  FAIL_COUNT=$((FAIL_COUNT + 1))
  printf '  FAIL  %s\n' "$*" >&2
  printf '%s: FAILED (%d passed, %d failed)\n' "$E2E_NAME" "$PASS_COUNT" "$FAIL_COUNT" >&2
  exit 1
}
# expect DESCRIPTION CMD [ARGS...]: run CMD; pass or soft-fail.  CMD's output is shown on failure.
expect() {
  local desc=$1 out rc=0; shift
  out=$("$@" 2>&1) || rc=$?
  if [ "$rc" -eq 0 ]; then pass "$desc"; else check_fail "$desc (exit $rc)"; [ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/        | /' | head -40 >&2; fi
}
finish() {
  if [ "$FAIL_COUNT" -gt 0 ]; then
    printf '%s: FAILED (%d passed, %d failed)\n' "$E2E_NAME" "$PASS_COUNT" "$FAIL_COUNT" >&2; exit 1
  fi
  printf '%s: OK (%d passed)\n' "$E2E_NAME" "$PASS_COUNT"; exit 0
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
  printf -v "$__var" '%s' "$__pid"
}

# stop_pid PID: SIGTERM, up to 10 s grace, then SIGKILL; reaps it.  Returns the exit status.
stop_pid() {
  local pid=$1 i rc=0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || rc=$?; return "$rc"; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "PID $pid ignored SIGTERM for 10 s; sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || rc=$?
  return "$rc"
}

_e2e_cleanup() {
  local rc=$? pid d
  set +e
  for pid in "${_E2E_PIDS[@]}"; do stop_pid "$pid" >/dev/null 2>&1; done
  if [ "${E2E_KEEP:-0}" = 1 ]; then
    [ "${#_E2E_DIRS[@]}" -eq 0 ] || log "kept: ${_E2E_DIRS[*]}"
  else
    for d in "${_E2E_DIRS[@]}"; do rm -rf -- "$d"; done
  fi
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
# wait_binary: another engineer may be relinking the binary; wait until it exists and runs.
wait_binary() {
  local deadline=$(($(date +%s) + BINARY_WAIT)) said=0
  until [ -x "$YOUXIANGD" ] && "$YOUXIANGD" --version >/dev/null 2>&1; do
    [ "$said" = 1 ] || { log "waiting up to ${BINARY_WAIT}s for a runnable $YOUXIANGD"; said=1; }
    [ "$(date +%s)" -lt "$deadline" ] || fail "$YOUXIANGD is missing or does not run (waited ${BINARY_WAIT}s)"
    sleep 2
  done
}

# yx ARGS...: run youxiangd; if the binary was missing or broken mid-relink (exit 126/127 or a
# signal), wait for it and retry (3 attempts).  Any other exit status is returned unchanged.
yx() {
  local attempt rc
  for attempt in 1 2 3; do
    rc=0; "$YOUXIANGD" "$@" || rc=$?
    case $rc in 126|127|13[2-9]) log "youxiangd exited $rc (binary being rebuilt?); retrying"; wait_binary ;; *) return "$rc" ;; esac
  done
  return "$rc"
}

# start_youxiangd CONFIG LOGFILE: start the daemon on a free loopback port, wait for /-/ready.
# Sets YX_PID and YX_URL (http://127.0.0.1:PORT).  Retries with a new port if the start fails
# (e.g. the port was taken between freeport and bind).
start_youxiangd() {
  local config=$1 logf=$2 attempt port
  wait_binary
  for attempt in 1 2 3; do
    port=$(freeport)
    start_bg YX_PID "$logf" "$YOUXIANGD" --config.file "$config" --web.listen-address "127.0.0.1:$port"
    YX_URL="http://127.0.0.1:$port"
    if wait_http "$YX_URL/-/healthy" 30 "$YX_PID"; then
      wait_http "$YX_URL/-/ready" 60 "$YX_PID" || { tail -20 "$logf" >&2; fail "youxiangd never became ready at $YX_URL/-/ready"; }
      log "youxiangd PID $YX_PID ready at $YX_URL"
      return 0
    fi
    stop_pid "$YX_PID" || true
    log "youxiangd did not start on port $port (attempt $attempt); log:"; tail -5 "$logf" >&2
    wait_binary
  done
  fail "could not start youxiangd (see $logf)"
}

# ---- Prometheus -----------------------------------------------------------------------------
# start_prometheus CONFIG DATADIR LOGFILE: sets PROM_PID and PROM_URL; waits for /-/ready.
start_prometheus() {
  local config=$1 data=$2 logf=$3 attempt port
  for attempt in 1 2 3; do
    port=$(freeport)
    start_bg PROM_PID "$logf" "$PROMETHEUS" --config.file="$config" --storage.tsdb.path="$data" \
      --web.listen-address="127.0.0.1:$port"
    PROM_URL="http://127.0.0.1:$port"
    if wait_http "$PROM_URL/-/ready" 60 "$PROM_PID"; then log "prometheus PID $PROM_PID ready at $PROM_URL"; return 0; fi
    stop_pid "$PROM_PID" || true
    log "prometheus did not start on port $port (attempt $attempt); log:"; tail -5 "$logf" >&2
  done
  fail "could not start prometheus (see $logf)"
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
