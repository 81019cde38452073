#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh redis chromium

results="artifacts/test-results"
rm -rf "$results"
status=0
dotnet test Kusabi.Orleans.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=$?

# One closing line for every runner that reads it: "N passed, N failed, N skipped".
passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$((total + $(get total))); passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
done
skipped=$((total - passed - failed))
if [ "$total" -eq 0 ] && [ "$status" -eq 0 ]; then status=1; echo "No test ran."; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
