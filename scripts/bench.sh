#!/usr/bin/env bash
# Runs every Go benchmark of the project. Benchmarks that need the emulator start it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pkgs=$(grep -rl --include='*_test.go' '^func Benchmark' . | xargs -r -n1 dirname | sort -u)
if [ -z "$pkgs" ]; then
  echo "bench: no benchmarks have landed yet" >&2
  exit 1
fi
TF_ACC=1 "$root/scripts/with-emulator.sh" go test -run '^$' -bench . -benchmem -count=${BENCH_COUNT:-1} $pkgs
