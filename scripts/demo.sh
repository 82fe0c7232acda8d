#!/usr/bin/env bash
# The end-to-end demo: apply the example baseline on the emulator, weaken it out of band, let
# `terraform plan` show the drift, remediate with `terraform apply`, prove the plan is empty, and
# destroy. Each step shows Terraform's own result line; the end is a table of what happened.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
render=("python3" "$root/scripts/demo-render.py")

bold() { if [ -t 1 ]; then printf '\033[1m%s\033[0m\n' "$*"; else printf '%s\n' "$*"; fi; }
banner() { printf '\n'; bold "==> $*"; }

[ -x "$bin/terraform-provider-soc2" ] || { echo "demo: build the provider first (make build)" >&2; exit 1; }
terraform=$("$root/scripts/find-terraform.sh" terraform)
tf_id=$("$root/scripts/find-terraform.sh" terraform --version | cut -d' ' -f2-)
tool=${tf_id%% *}

work=$(mktemp -d "${TMPDIR:-/tmp}/soc2-demo.XXXXXX")
cleanup() {
  local rc=$?
  # A demo that fails midway destroys what it created, so the emulator (often shared) keeps no
  # leftovers; Config allows one recorder per region, so a leftover would be adopted by the next run.
  if [ $rc -ne 0 ] && [ -n "${applied:-}" ] && [ -z "${destroyed:-}" ]; then
    echo "demo: failed; destroying what it created ..." >&2
    if ! "$terraform" -chdir="$work" destroy -auto-approve -input=false -no-color >"$work/cleanup.log" 2>&1; then
      echo "demo: that destroy failed too; the state and its log are kept in $work (run terraform destroy there)" >&2
      work=""
    fi
  fi
  [ -n "${started_emulator:-}" ] && "$root/scripts/emulator.sh" stop >/dev/null
  [ -z "$work" ] || rm -rf "$work"
}
trap cleanup EXIT

# Seconds since $1 (a `date +%s.%N` stamp), to a tenth.
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step_names=() step_times=()
timed() { step_names+=("$1"); step_times+=("$(since "$2")"); }

banner "Starting the AWS emulator (moto) on port ${EMULATOR_PORT:-4566}"
t=$(date +%s.%N)
if ! "$root/scripts/emulator.sh" status >/dev/null 2>&1; then started_emulator=1; fi
"$root/scripts/emulator.sh" start
export AWS_ENDPOINT_URL="http://${EMULATOR_HOST:-127.0.0.1}:${EMULATOR_PORT:-4566}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN
# Built now, so the drift step's time is the drift's, not the compiler's.
(cd "$root" && go build -o "$work/drift" ./internal/demo/drift)
timed "start the emulator" "$t"
# A name of its own for every run, so a reused emulator's leftovers never collide with this one.
export TF_VAR_name="soc2-demo-$(date +%s)-$RANDOM"

# dev_overrides makes Terraform use the provider just built, with no `terraform init` and no
# registry; the CLI config lives in the temp dir, never in the user's home.
"$root/scripts/dev-cli-config.sh" "$work/cli.tfrc" >/dev/null
export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
export TF_IN_AUTOMATION=1
export TF_VAR_endpoint_url=$AWS_ENDPOINT_URL
# The identity the emulator reports (moto's default user) administers the log bucket: the bucket
# policy denies control changes to everyone else, and the plan warns when the caller is not listed.
export TF_VAR_admin_principal_arns='["arn:aws:iam::123456789012:user/moto"]'
cp "$root"/examples/complete/*.tf "$work/"
tf() { "$terraform" -chdir="$work" "$@"; }
# stream runs apply or destroy with -json and shows each resource and the closing line.
stream() { tf "$1" -json "${@:2}" | "${render[@]}" stream "$work/summary"; }

banner "$tool apply: creating the baseline (examples/complete, $tf_id)"
t=$(date +%s.%N)
applied=1
stream apply -auto-approve -input=false
read -r created _ _ <"$work/summary"
tf output -json >"$work/outputs.json"
deployed=$(python3 - "$work/outputs.json" <<'PY'
import json, sys
o = {k: v["value"] for k, v in json.load(open(sys.argv[1])).items()}
print("KMS key %s, evidence bucket %s, multi-region trail %s, Config recorders in %d regions, %d alarms" % (
    o["kms_key_arn"].split("/")[-1], o["log_bucket_name"], o["trail_name"], len(o["config_recorders"]), len(o["alarm_names"])))
PY
)
echo "  deployed: $deployed"
timed "apply: create" "$t"

banner "Weakening the baseline out of band through the AWS SDK"
t=$(date +%s.%N)
"$work/drift" -outputs "$work/outputs.json" | tee "$work/drift.txt"
injected=$(grep -c '^  - ' "$work/drift.txt" || true)
timed "inject drift" "$t"

banner "$tool plan: the drift report"
t=$(date +%s.%N)
set +e
tf plan -input=false -detailed-exitcode -out="$work/drift.tfplan" | "${render[@]}" plan
plan_rc=${PIPESTATUS[0]}
set -e
case $plan_rc in
  2 | 0) ;;
  *) echo "demo: $tool plan failed" >&2; exit 1 ;;
esac
echo
bold "  The attributes the plan sets back:"
tf show -json "$work/drift.tfplan" >"$work/drift.json"
"${render[@]}" drift "$work/drift.json" >"$work/drift-attrs.txt"
sed '$d' "$work/drift-attrs.txt"
read -r drifted_resources drifted_attributes < <(tail -n 1 "$work/drift-attrs.txt")
timed "plan: find drift" "$t"

banner "$tool apply: remediation (the saved drift plan)"
t=$(date +%s.%N)
stream apply -input=false "$work/drift.tfplan"
read -r _ remediated _ <"$work/summary"
timed "apply: remediate" "$t"

banner "$tool plan: after remediation"
t=$(date +%s.%N)
set +e
tf plan -input=false -detailed-exitcode | "${render[@]}" plan
final_rc=${PIPESTATUS[0]}
set -e
case $final_rc in 0) final="empty" ;; 2) final="NOT EMPTY" ;; *) echo "demo: $tool plan failed" >&2; exit 1 ;; esac
timed "plan: confirm empty" "$t"

banner "soc2-evidence: the audit binder of the remediated baseline"
t=$(date +%s.%N)
binder="$root/.emulator/evidence-$TF_VAR_name"
# Exit 1 means a control failed; on an emulator shared with other runs that can be someone else's
# bucket, so the verdict is reported rather than fatal. Exit 2 (no binder) is fatal.
set +e
make -C "$root" --no-print-directory evidence EVIDENCE_TRAIL="$TF_VAR_name" EVIDENCE_OUT="$binder" \
  EVIDENCE_ENDPOINT="$AWS_ENDPOINT_URL" >"$work/evidence.txt" 2>&1
evidence_rc=$?
set -e
case $evidence_rc in
  0) evidence="every control passes: $binder/index.html" ;;
  1) evidence="a control fails (see the binder): $binder/index.html" ;;
  *) cat "$work/evidence.txt" >&2; echo "demo: soc2-evidence failed" >&2; exit 1 ;;
esac
echo "  $evidence"
timed "evidence binder" "$t"

banner "$tool destroy: removing the demo baseline"
t=$(date +%s.%N)
stream destroy -auto-approve -input=false
read -r _ _ destroyed <"$work/summary"
timed "destroy" "$t"

banner "Summary ($tf_id, emulator at $AWS_ENDPOINT_URL)"
printf '  %-22s %s\n' \
  "controls deployed" "$created resources: $deployed" \
  "drift injected" "$injected out-of-band changes" \
  "drift found" "$drifted_resources resources, $drifted_attributes attributes (plan exit code $plan_rc)" \
  "remediated" "$remediated resources changed; the next plan is $final" \
  "evidence binder" "$evidence" \
  "destroyed" "$destroyed resources"
echo
printf '  %-22s %8s\n' "step" "seconds"
total=0
for i in "${!step_names[@]}"; do
  printf '  %-22s %8s\n' "${step_names[$i]}" "${step_times[$i]}"
  total=$(awk -v a="$total" -v b="${step_times[$i]}" 'BEGIN { print a + b }')
done
printf '  %-22s %8.1f\n' "total" "$total"

if [ "$final" != "empty" ]; then
  echo "demo: the plan after remediation is not empty" >&2
  exit 1
fi
if [ "$injected" -gt 0 ] && [ "$plan_rc" -ne 2 ]; then
  echo "demo: drift was injected but the plan showed no changes" >&2
  exit 1
fi
