#!/usr/bin/env bash
# Runs every Go benchmark of the project (BENCH narrows them, e.g. BENCH=PlanCompleteBaselineRegions).
# Benchmarks that need the emulator start it. internal/reliability's
# BenchmarkPlanCompleteBaselineRegions plans examples/complete with its Config recorders in 1 and in
# 20 regions through the fault proxy, 50 ms added to every call, and prints the wall-time ratio
# (wall_20/1) and the calls per plan.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pkgs=$(grep -rl --include='*_test.go' '^func Benchmark' . | xargs -r -n1 dirname | sort -u)
if [ -z "$pkgs" ]; then
  echo "bench: no benchmarks have landed yet" >&2
  exit 1
fi
TF_ACC=1 "$root/scripts/with-emulator.sh" go test -run '^$' -bench "${BENCH:-.}" -benchmem -count=${BENCH_COUNT:-1} $pkgs
