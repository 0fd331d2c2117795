#!/usr/bin/env bash
# Run every Tests/e2e/*.sh (except lib.sh and run.sh), print each one's output and result, then
# one summary line `e2e: N passed, M failed`.  Exits non-zero if any script failed.
# Env: YOUXIANGD (default .build/debug/youxiangd), E2E_KEEP=1 keeps temp dirs,
#      E2E_SCRIPT_TIMEOUT (default 300 s per script).
set -euo pipefail
cd "$(dirname "$0")/../.."

timeout_s=${E2E_SCRIPT_TIMEOUT:-300}
passed=0; failed=0; failed_names=()
for script in Tests/e2e/*.sh; do
  name=$(basename "$script")
  case $name in lib.sh|run.sh) continue ;; esac
  echo "=== $name"
  start=$(date +%s); rc=0
  # --foreground: the script keeps the terminal's signals; on timeout it gets SIGTERM, so its
  # EXIT trap still stops whatever it started.
  timeout --foreground -k 20 "$timeout_s" bash "$script" 2>&1 | sed 's/^/    /' || rc=${PIPESTATUS[0]}
  secs=$(($(date +%s) - start))
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1)); echo "--- PASS $name (${secs}s)"
  else
    failed=$((failed + 1)); failed_names+=("$name")
    if [ "$rc" -eq 124 ]; then echo "--- FAIL $name (timed out after ${timeout_s}s)"; else echo "--- FAIL $name (exit $rc, ${secs}s)"; fi
  fi
done
[ "$failed" -eq 0 ] || echo "failed: ${failed_names[*]}"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
