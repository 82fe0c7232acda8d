#!/usr/bin/env bash
# Writes a Terraform / OpenTofu CLI config file whose dev_overrides use the provider built in ./bin
# for soc2kit/soc2 (every other provider installs as usual), and prints how to use it. The file is
# written where you say (default ./bin/dev.tfrc), never into your home directory's config.
#   scripts/dev-cli-config.sh [FILE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
file=${1:-$root/bin/dev.tfrc}
mkdir -p "$(dirname "$file")"
cat >"$file" <<CFG
# Written by scripts/dev-cli-config.sh: use the soc2 provider built in $root/bin
# (make build) instead of a registry release. Terraform warns that overrides are in effect;
# no \`terraform init\` is needed for soc2kit/soc2.
provider_installation {
  dev_overrides {
    "soc2kit/soc2" = "$root/bin"
  }
  direct {}
}
CFG
echo "Wrote $file. In the shell where you run Terraform or OpenTofu:"
echo "  export TF_CLI_CONFIG_FILE=$file"
