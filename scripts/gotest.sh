#!/usr/bin/env bash
# Runs `go test -v` with the given arguments and prints what a reviewer needs: every test's
# result (acceptance tests visibly run, not skipped), each skip with its reason, the whole log of
# a failing run, and a closing "N passed, N failed, N skipped" line.
set -uo pipefail
log_dir=${TEST_LOG_DIR:-.emulator}
mkdir -p "$log_dir"
log="$log_dir/go-test.log"

go test -v "$@" >"$log" 2>&1
rc=$?

if [ $rc -ne 0 ]; then
  cat "$log"
else
  grep -E '^\s*--- (PASS|FAIL)|^(ok|FAIL|\?) ' "$log"
  # go test -v prints a top-level test's skip reason on the line before its "--- SKIP" and a
  # subtest's on the line after; show each skipped test with its reason either way.
  awk '/^[[:space:]]*--- SKIP/ { name = $3; reason = prev; if (reason !~ /\.go:[0-9]+: /) { getline reason }
         sub(/^[[:space:]]+/, "", reason); print "--- SKIP: " name ": " reason; next }
       { prev = $0 }' "$log"
fi

passed=$(grep -c -E '^\s*--- PASS' "$log")
failed=$(grep -c -E '^\s*--- FAIL' "$log")
skipped=$(grep -c -E '^\s*--- SKIP' "$log")
acc_run=$(grep -E '^\s*--- PASS: TestAcc' "$log" | wc -l | tr -d ' ')
echo "acceptance tests passed: $acc_run (full log: $log)"
if [ $rc -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $rc
