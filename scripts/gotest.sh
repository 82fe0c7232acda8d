#!/usr/bin/env bash
# Runs `go test` with the given arguments through gotestsum and prints what a person needs while it
# runs and after: a line per package as it finishes, the failing tests' output as they fail, each
# skipped test with its reason, the path of the full log, and a closing
# "tests: N passed, N failed, N skipped" line. The exit code is go test's.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
log_dir=${TEST_LOG_DIR:-.emulator}
mkdir -p "$log_dir"
log_dir=$(cd "$log_dir" && pwd)
log="$log_dir/go-test.log"
json="$log_dir/go-test.json"
gotestsum_version=v1.13.0
gotestsum="$root/bin/gotestsum"

if [ ! -x "$gotestsum" ]; then
  echo "gotest: installing gotestsum $gotestsum_version into $root/bin (go install, about 10 s) ..."
  GOBIN="$root/bin" go install "gotest.tools/gotestsum@$gotestsum_version" || exit 1
fi

# Acceptance tests drive the Terraform `make` chose (or TF_ACC_TERRAFORM_PATH when set); OpenTofu
# resolves the provider's source address against its own registry.
if [ "${TF_ACC:-}" = 1 ] && [ -z "${TF_ACC_TERRAFORM_PATH:-}" ]; then
  TF_ACC_TERRAFORM_PATH=$("$root/scripts/find-terraform.sh" terraform) || exit 1
  export TF_ACC_TERRAFORM_PATH
fi
if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ]; then
  tf_id=$(TERRAFORM="$TF_ACC_TERRAFORM_PATH" "$root/scripts/find-terraform.sh" terraform --version | cut -d' ' -f2-) || exit 1
  case "$tf_id" in tofu*) export TF_ACC_PROVIDER_HOST=${TF_ACC_PROVIDER_HOST:-registry.opentofu.org} ;; esac
  echo "gotest: acceptance tests drive $tf_id ($TF_ACC_TERRAFORM_PATH)"
fi
echo "gotest: go test $* (full log: $log)"

started=$(date +%s)
"$gotestsum" --format pkgname-and-test-fails --format-hide-empty-pkg --hide-summary skipped,output \
  --jsonfile "$json" -- -v "$@"
rc=$?

# From the JSON events: the plain `go test -v` text of every package, one package after another, for
# reading and grep; each skipped test with its reason; the counts.
report=$(python3 - "$json" "$log" <<'PY'
import json, re, sys
order, out, test_out = [], {}, {}
results = {"pass": [], "fail": [], "skip": []}
with open(sys.argv[1]) as f:
    for line in f:
        try:
            e = json.loads(line)
        except ValueError:
            continue
        pkg, test, action = e.get("Package", ""), e.get("Test"), e.get("Action")
        if pkg not in out:
            order.append(pkg)
            out[pkg] = []
        if "Output" in e:
            out[pkg].append(e["Output"])
            if test:
                test_out.setdefault((pkg, test), []).append(e["Output"])
        if test and action in results:
            results[action].append((pkg, test))
with open(sys.argv[2], "w") as log:
    for pkg in order:
        log.write("".join(out[pkg]))
if results["skip"]:
    print("skipped:")
for pkg, test in results["skip"]:
    reasons = [l.strip() for l in test_out.get((pkg, test), []) if re.match(r"\s+\S+\.go:\d+: ", l)]
    print("  %s: %s" % (test, reasons[-1] if reasons else "(no reason given)"))
acc = sum(1 for _, t in results["pass"] if t.startswith("TestAcc") and "/" not in t)
failing = sorted({t for _, t in results["fail"]})
print(len(results["pass"]), len(results["fail"]), len(results["skip"]), acc, " ".join(failing))
PY
)
[ "$(wc -l <<<"$report")" -gt 1 ] && sed '$d' <<<"$report"
read -r passed failed skipped acc_run failing < <(tail -n 1 <<<"$report")

if [ $rc -ne 0 ]; then
  if [ -n "$failing" ]; then
    echo "failing tests: $failing"
  else
    # A build error or a panic outside a test: no "--- FAIL" line names it, so show the log's tail.
    echo "go test failed outside any test; the end of the log:"
    tail -n 40 "$log"
  fi
fi
echo "acceptance tests passed: $acc_run in $(($(date +%s) - started)) s (full log: $log)"
if [ $rc -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $rc
