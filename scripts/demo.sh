#!/usr/bin/env bash
# The end-to-end demo: apply the example baseline on the embedded emulator, weaken it out of band,
# let `terraform plan` show the drift, remediate with `terraform apply`, and prove the plan is empty.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
terraform="$bin/terraform"

banner() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

[ -x "$bin/terraform-provider-soc2" ] || { echo "demo: build the provider first (make build)" >&2; exit 1; }
[ -x "$terraform" ] || { echo "demo: $terraform is missing (make tools)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/soc2-demo.XXXXXX")
cleanup() {
  [ -n "${started_emulator:-}" ] && "$root/scripts/emulator.sh" stop >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

banner "Starting the AWS emulator"
if ! "$root/scripts/emulator.sh" status >/dev/null 2>&1; then started_emulator=1; fi
"$root/scripts/emulator.sh" start
export AWS_ENDPOINT_URL=http://127.0.0.1:4566
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN
# A name of its own for every run, so a reused emulator's leftovers never collide with this one.
export TF_VAR_name="soc2-demo-$(date +%s)-$RANDOM"

# dev_overrides makes Terraform use the provider just built, with no `terraform init` and no
# registry; the CLI config lives in the temp dir, never in the user's home.
cat >"$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "soc2kit/soc2" = "$bin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
export TF_IN_AUTOMATION=1
export TF_VAR_endpoint_url=$AWS_ENDPOINT_URL
cp "$root"/examples/complete/*.tf "$work/"
tf() { "$terraform" -chdir="$work" "$@" 2> >(grep -v -e 'Provider development overrides are in effect' >&2); }

banner "terraform apply: creating the baseline (examples/complete)"
tf apply -auto-approve -input=false -compact-warnings | tail -n 25

banner "Weakening the baseline out of band through the AWS SDK"
tf output -json >"$work/outputs.json"
(cd "$root" && go run ./internal/demo/drift -outputs "$work/outputs.json")

banner "terraform plan: the drift report"
set +e
tf plan -input=false -detailed-exitcode -compact-warnings
plan_rc=$?
set -e
case $plan_rc in
  2) drift="detected" ;;
  0) drift="none" ;;
  *) echo "demo: terraform plan failed" >&2; exit 1 ;;
esac

banner "terraform apply: remediation"
tf apply -auto-approve -input=false -compact-warnings | tail -n 5

banner "terraform plan: after remediation"
tf plan -input=false -detailed-exitcode -compact-warnings >"$work/final-plan.txt" && final="empty" || final="NOT EMPTY"
tail -n 3 "$work/final-plan.txt"

resources=$(tf state list | wc -l | tr -d ' ')

banner "terraform destroy: removing the demo baseline"
tf destroy -auto-approve -input=false -compact-warnings | tail -n 1
banner "Summary"
echo "  objects in state:           $resources"
echo "  drift after tampering:      $drift"
echo "  plan after remediation:     $final"
if [ "$final" != "empty" ]; then
  echo "demo: the plan after remediation is not empty" >&2
  exit 1
fi
if [ "$drift" != "detected" ] && [ "$(cd "$root" && grep -l 'register(step' internal/demo/drift/*.go | wc -l)" -gt 0 ]; then
  echo "demo: drift was injected but the plan showed no changes" >&2
  exit 1
fi
