#!/usr/bin/env bash
# Checks that every folder under examples/ is a configuration of its own: `terraform validate` (and
# `tofu validate`) in a temporary copy of each folder, with the provider just built in ./bin put in
# place by dev_overrides. No `init`, no registry, no network.
#   scripts/validate-examples.sh BINARY...   e.g. scripts/validate-examples.sh /usr/local/bin/terraform bin/tofu
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
[ -x "$bin/terraform-provider-soc2" ] || { echo "validate-examples: build the provider first (make build)" >&2; exit 1; }
[ $# -gt 0 ] || { echo "usage: $0 TERRAFORM_OR_TOFU_BINARY..." >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/soc2-examples.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$root/scripts/dev-cli-config.sh" "$work/cli.tfrc" >/dev/null

passed=0 failed=0
folders=$(cd "$root" && find examples -name '*.tf' -exec dirname {} \; | sort -u)
for tool in "$@"; do
  # Each folder is validated from inside its copy, so a relative path must be made absolute first.
  case "$tool" in */*) tool="$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool")" ;; esac
  tool_id=$(TERRAFORM="$tool" "$root/scripts/find-terraform.sh" terraform --version | cut -d' ' -f2-) || exit 1
  for folder in $folders; do
    copy="$work/$(tr / _ <<<"$folder")"
    rm -rf "$copy"
    mkdir -p "$copy"
    cp "$root/$folder"/*.tf "$copy/"
    if out=$(cd "$copy" && TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 "$tool" validate -no-color 2>&1); then
      echo "--- PASS: $folder ($tool_id)"
      passed=$((passed + 1))
    else
      echo "--- FAIL: $folder ($tool_id)"
      # The dev_overrides warning is expected here; the errors are what matter.
      { grep -q '^Error' <<<"$out" && sed -n '/^Error/,$p' <<<"$out" || echo "$out"; } | sed 's/^/    /'
      failed=$((failed + 1))
    fi
  done
done
echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
