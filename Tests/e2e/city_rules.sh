#!/usr/bin/env bash
# The city recording rules (deploy/city/rules/): generated file is current, promtool check rules, and
# promtool test rules (two made-up districts rolled up by hand).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp deploy/city/rules/eduplan-city.yml "$tmp/committed.yml"
python3 tools/gen_city_rules.py >/dev/null
if ! cmp -s deploy/city/rules/eduplan-city.yml "$tmp/committed.yml"; then
  cp "$tmp/committed.yml" deploy/city/rules/eduplan-city.yml
  echo "FAIL deploy/city/rules/eduplan-city.yml differs from tools/gen_city_rules.py's output; re-run it and commit" >&2; exit 1
fi
promtool check rules deploy/city/rules/eduplan-city.yml
(cd deploy/city/rules && promtool test rules eduplan-city.test.yml)
echo "PASS city rules: check and unit test"
