#!/usr/bin/env bash
# Run every Tests/e2e/*.sh (except lib.sh and run.sh), or only the scripts named as arguments, print each one's
# output and result, then the summary lines `e2e: N scripts passed, M failed` and `e2e checks: P passed, F failed,
# S skipped`.  Exits non-zero if any script failed, any check failed or was skipped, or a script ran no check.
# It never builds: youxiangd must be built first (scripts/test does `swift build --build-tests` once) and must be
# newer than every Swift source, so no script waits for, or races, a build.
# Env: YOUXIANGD (default .build/debug/youxiangd), E2E_KEEP=1 keeps temp dirs,
#      E2E_SCRIPT_TIMEOUT (default 300 s per script).
set -euo pipefail
cd "$(dirname "$0")/../.."

YOUXIANGD=${YOUXIANGD:-.build/debug/youxiangd}
[ -x "$YOUXIANGD" ] || { echo "e2e: $YOUXIANGD does not exist; build first (swift build --build-tests)" >&2; exit 2; }
newer=$(find Sources plugins Package.swift -name '*.swift' -newer "$YOUXIANGD" -print -quit)
[ -z "$newer" ] || { echo "e2e: $YOUXIANGD is older than $newer; build first (swift build --build-tests)" >&2; exit 2; }
"$YOUXIANGD" --version >/dev/null || { echo "e2e: $YOUXIANGD --version failed" >&2; exit 2; }
# The .xls reader youxiangd runs as a child process, from beside itself (or $YOUXIANG_XLS_READER).
reader=${YOUXIANG_XLS_READER:-$(dirname "$YOUXIANGD")/youxiang-xls-reader}
[ -x "$reader" ] || { echo "e2e: $reader does not exist; build first (swift build --build-tests)" >&2; exit 2; }
newer=$(find Sources/youxiang-xls-reader -name '*.swift' -newer "$reader" -print -quit)
[ -z "$newer" ] || { echo "e2e: $reader is older than $newer; build first (swift build --build-tests)" >&2; exit 2; }
export YOUXIANGD
export E2E_COUNTS; E2E_COUNTS=$(mktemp "${TMPDIR:-/tmp}/youxiang-e2e-counts.XXXXXX")
trap 'rm -f "$E2E_COUNTS"' EXIT
scripts=()
if [ $# -gt 0 ]; then for a in "$@"; do scripts+=("Tests/e2e/$(basename "$a" .sh).sh"); done; else scripts=(Tests/e2e/*.sh); fi

timeout_s=${E2E_SCRIPT_TIMEOUT:-300}
passed=0; failed=0; failed_names=()
for script in "${scripts[@]}"; do
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
echo "e2e: $passed scripts passed, $failed failed"
read -r cp cf cs < <(awk '{p += $2; f += $3; s += $4} END {print p + 0, f + 0, s + 0}' "$E2E_COUNTS")
reported=$(wc -l <"$E2E_COUNTS")
echo "e2e checks: $cp passed, $cf failed, $cs skipped ($reported of $((passed + failed)) scripts reported their counts)"
[ "$failed" -eq 0 ] && [ "$cf" -eq 0 ] && [ "$cs" -eq 0 ] && [ "$reported" -eq $((passed + failed)) ]
