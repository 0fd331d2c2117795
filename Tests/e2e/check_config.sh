#!/usr/bin/env bash
# `youxiangd check config`: the shipped config is valid (exit 0); a copy with two misspelled keys
# (`intervall:` under global, `colums:` in a table source) exits 1 and reports each typo as
# `file:line:column: error: key.path: message` at the exact line and column we introduced. Operators' messages:
# `youxiangd --help` lists serve's options; a missing file, a GBK-encoded file and tab indentation each say why,
# where and what to do. A copy of the table
# module's example reading an .xls file warns when the .xls reader (youxiang-xls-reader) is not installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/lib.sh

CONFIG=deploy/youxiang.yml
mktemp_dir W
wait_binary

# --- the shipped config ---------------------------------------------------------------------------
rc=0; out=$(yx check config "$CONFIG" 2>&1) || rc=$?
if [ "$rc" -eq 0 ]; then pass "check config $CONFIG exits 0 ($out)"
else check_fail "check config $CONFIG exited $rc"; printf '%s\n' "$out" | sed 's/^/        | /' >&2; fi

# --- a copy in a temp dir: data paths made absolute (same line numbers), still valid --------------
COPY="$W/youxiang.yml"
sed "s#\.\./plugins/#$PWD/plugins/#g" "$CONFIG" >"$COPY"
[ "$(wc -l <"$COPY")" -eq "$(wc -l <"$CONFIG")" ] || fail "the path rewrite changed the line count (test bug)"
rc=0; out=$(yx check config "$COPY" 2>&1) || rc=$?
[ "$rc" -eq 0 ] || { printf '%s\n' "$out" >&2; fail "the unmodified copy $COPY does not validate (exit $rc); cannot test typos"; }
pass "unmodified copy (absolute data paths) exits 0"

# line_of PATTERN: the single line number in $COPY matching the ERE PATTERN
line_of() {
  local hits; hits=$(grep -nE -- "$1" "$COPY" | cut -d: -f1)
  [ "$(printf '%s\n' "$hits" | grep -c .)" -eq 1 ] || { echo "pattern '$1' matches lines [${hits//$'\n'/ }], want exactly one" >&2; return 1; }
  printf '%s\n' "$hits"
}
# typo 1: `interval:` directly under `global:`
L1=$(line_of '^  interval:') || fail "cannot locate global.interval in $CONFIG"
# typo 2: `columns:` of the `teachers` table source (the line that maps 专任教师数)
L2=$(line_of '^ +columns: \{.*专任教师数') || fail "cannot locate the teachers source's columns: in $CONFIG"
sed -i -e "${L1}s/interval:/intervall:/" -e "${L2}s/columns:/colums:/" "$COPY"
C1=$(($(sed -n "${L1}p" "$COPY" | sed 's/[^ ].*//' | wc -c)))   # 1-based column of the key
C2=$(($(sed -n "${L2}p" "$COPY" | sed 's/[^ ].*//' | wc -c)))
grep -q '^  intervall:' "$COPY" && sed -n "${L2}p" "$COPY" | grep -qE '^ +colums:' || fail "typos were not introduced (test bug)"
log "typos introduced at $COPY:$L1:$C1 (intervall) and $COPY:$L2:$C2 (colums)"

rc=0; out=$(yx check config "$COPY" 2>&1) || rc=$?
printf '%s\n' "$out" >"$W/check.out"
if [ "$rc" -eq 1 ]; then pass "check config with typos exits 1"
else check_fail "check config with typos exited $rc, want 1"; fi

# diag LINE COL KEYPATH: exactly one diagnostic `COPY:LINE:COL: error: ...KEYPATH: ...`
diag() {
  local want="$COPY:$1:$2: error: " n
  n=$(grep -cF -- "$want" "$W/check.out" || true)
  [ "$n" -eq 1 ] || { echo "want one line starting '$want', got $n (output below)"; return 1; }
  grep -F -- "$want" "$W/check.out" | grep -qE -- "^[^ ]+:[0-9]+:[0-9]+: error: [^ ]*$3: " \
    || { echo "the diagnostic at $1:$2 does not name key path *$3:"; grep -F -- "$want" "$W/check.out"; return 1; }
}
expect "reports $L1:$C1 global.intervall"            diag "$L1" "$C1" 'global\.intervall'
expect "reports $L2:$C2 collectors[...].source.colums" diag "$L2" "$C2" '\.source\.colums'
# every diagnostic line has the documented shape and names the file that was checked
shape_ok() {
  local bad
  bad=$(awk -v p="$COPY" 'index($0, p ":") != 1 || substr($0, length(p) + 1) !~ /^(:[0-9]+:[0-9]+)?: (error: .+|[0-9]+ error\(s\))$/' "$W/check.out")
  [ -z "$bad" ] || { echo "unexpected lines:"; printf '%s\n' "$bad"; return 1; }
}
expect "all output lines are 'file:line:column: error: key.path: message' (or the summary)" shape_ok
sed 's/^/        | /' "$W/check.out"

# --- messages an operator can act on (issue 16) ----------------------------------------------------------------
out=$(yx --help 2>&1) || true
expect "youxiangd --help lists serve's options (the default subcommand)" \
  sh -c 'printf "%s" "$1" | grep -qF -- "--web.listen-address" && printf "%s" "$1" | grep -qF -- "--config.file"' _ "$out"
rc=0; out=$(yx check config "$W/nonexistent.yml" 2>&1) || rc=$?
expect "check config on a missing file exits 1 and gives the system's reason" \
  sh -c '[ "$1" = 1 ] && printf "%s" "$2" | grep -qF "cannot read the file: No such file or directory"' _ "$rc" "$out"
printf 'global:\n  # \xb1\xb1\xc2\xd8\n' >"$W/gbk.yml"
rc=0; out=$(yx check config "$W/gbk.yml" 2>&1) || rc=$?
expect "a GBK-encoded YAML: line, column and byte offset, and 'save the file as UTF-8'" \
  sh -c '[ "$1" = 1 ] && printf "%s" "$2" | grep -qF "gbk.yml:2:5: error: the file is not valid UTF-8 at line 2, column 5 (byte offset 12" &&
    printf "%s" "$2" | grep -qF "save the file as UTF-8"' _ "$rc" "$out"
printf 'global:\n\tinterval: 1m\n' >"$W/tab.yml"
rc=0; out=$(yx check config "$W/tab.yml" 2>&1) || rc=$?
expect "a tab-indented YAML: the tab hint at line 2" \
  sh -c '[ "$1" = 1 ] && printf "%s" "$2" | grep -qF "tab.yml:2:" && printf "%s" "$2" | grep -qF "YAML does not allow tabs for indentation; use spaces"' _ "$rc" "$out"

# --- an .xls source without the .xls reader: a warning naming the reader and how to install it, exit 0 ----------------
mkdir -p "$W/xls/data"
cp plugins/table/data/*.csv "$W/xls/data/"
cp Tests/YouxiangTests/Fixtures/workbooks/edge/kindergartens.xls "$W/xls/data/assessments.xls"
sed -e "s#\.\./plan/targets.yml#$PWD/plugins/plan/targets.yml#" -e 's#data/assessments\.csv#data/assessments.xls#' \
  plugins/table/example.yml >"$W/xls/youxiang.yml"
grep -q 'data/assessments\.xls' "$W/xls/youxiang.yml" || fail "the .xls path was not put in (test bug)"
rc=0; out=$(YOUXIANG_XLS_READER=/nonexistent/youxiang-xls-reader yx check config "$W/xls/youxiang.yml" 2>&1) || rc=$?
printf '%s\n' "$out" | sed 's/^/        | /'
expect "check config with an .xls source and no reader exits 0" test "$rc" -eq 0
expect "…and warns, naming the reader and how to install it" grep -q \
  "warning: collector county_assessments reads .*assessments.xls, an .xls workbook, but the .xls reader /nonexistent/youxiang-xls-reader is not installed: install youxiang-xls-reader beside youxiangd" \
  <<<"$out"
rc=0; out=$(yx check config "$W/xls/youxiang.yml" 2>&1) || rc=$?
expect "with the reader beside youxiangd: exit 0, no warning" test "$rc" -eq 0 -a -z "$(grep warning <<<"$out")"

finish
