#!/usr/bin/env bash
# Prints the path of the Terraform (or OpenTofu) the make targets, the demo and the acceptance tests
# drive, building the pinned release into ./bin only when the machine has none that is new enough.
#   scripts/find-terraform.sh terraform   $TERRAFORM if set; else terraform >= 1.5 on PATH; else tofu >= 1.6
#                                         on PATH; else ./bin/terraform (Terraform 1.5.7, built on first use)
#   scripts/find-terraform.sh tofu        $TOFU if set; else tofu >= 1.6 on PATH; else ./bin/tofu
#                                         (OpenTofu 1.6.3, built on first use)
#   scripts/find-terraform.sh terraform --version   the same, printing "<path> <tool> <version>"
# Messages go to stderr; stdout holds only the path, so `$(scripts/find-terraform.sh terraform)` works.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
terraform_version=1.5.7
tofu_version=1.6.3

kind=${1:-}
case "$kind" in
  terraform | tofu) ;;
  *) echo "usage: $0 terraform|tofu [--version]" >&2; exit 2 ;;
esac

# identify prints "<tool> <version>" for a Terraform or OpenTofu binary ("terraform 1.11.4",
# "tofu 1.6.3"), or fails. A CLI config on the machine must not add warnings to the output.
identify() {
  local out tool version
  out=$(TF_CLI_CONFIG_FILE=/dev/null "$1" version -json 2>/dev/null) || return 1
  version=$(sed -n 's/.*"terraform_version": *"\([0-9][0-9.]*\).*/\1/p' <<<"$out" | head -n1)
  [ -n "$version" ] || return 1
  out=$(TF_CLI_CONFIG_FILE=/dev/null "$1" version 2>/dev/null) || return 1
  case "$out" in OpenTofu*) tool=tofu ;; *) tool=terraform ;; esac
  echo "$tool $version"
}

# at_least reports whether version $1 >= $2 (both dotted numbers).
at_least() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# usable reports whether binary $1 is a Terraform >= 1.5 or an OpenTofu >= 1.6 (of tool $2 when given).
usable() {
  local id tool version
  id=$(identify "$1") || return 1
  tool=${id% *} version=${id#* }
  [ -z "${2:-}" ] || [ "$tool" = "$2" ] || return 1
  case "$tool" in
    terraform) at_least "$version" 1.5.0 ;;
    tofu) at_least "$version" 1.6.0 ;;
  esac
}

# on_path prints the first binary named $1 on PATH, outside ./bin, that is usable.
on_path() {
  local candidate
  while IFS= read -r candidate; do
    [ "$(cd "$(dirname "$candidate")" && pwd)" = "$bin" ] && continue
    if usable "$candidate" "$1"; then
      echo "$candidate"
      return
    fi
  done < <(type -ap "$1" || true)
  return 1
}

# build installs the pinned release of $1 into ./bin with go install, saying first what and how long.
build() {
  local module version started
  case "$1" in
    terraform) module=github.com/hashicorp/terraform version=$terraform_version ;;
    tofu) module=github.com/opentofu/opentofu/cmd/tofu version=$tofu_version ;;
  esac
  {
    echo "No $1 found on PATH that is new enough (Terraform >= 1.5, OpenTofu >= 1.6), and none given with $(tr '[:lower:]' '[:upper:]' <<<"$1")=."
    echo "Building $1 $version from source into $bin/$1 with 'go install $module@v$version'."
    echo "This happens once; it takes about 15 minutes on 2 cores with an empty Go build cache (about a minute with a warm one)."
    echo "To skip it, install $1 yourself (on PATH), or name one: e.g. 'make demo TERRAFORM=/path/to/terraform', 'make testacc-tofu TOFU=/path/to/tofu'."
  } >&2
  started=$(date +%s)
  GOBIN="$bin" go install "$module@v$version" >&2
  echo "Built $bin/$1 in $(($(date +%s) - started)) s." >&2
}

chosen=""
given_var=$(tr '[:lower:]' '[:upper:]' <<<"$kind")
given=${!given_var:-}
if [ -n "$given" ]; then
  path=$(command -v "$given" || true)
  if [ -z "$path" ] || ! usable "$path"; then
    echo "$given_var=$given is not a Terraform >= 1.5 or OpenTofu >= 1.6 binary." >&2
    exit 1
  fi
  chosen=$path
elif [ "$kind" = terraform ]; then
  chosen=$(on_path terraform || on_path tofu || true)
else
  chosen=$(on_path tofu || true)
fi
if [ -z "$chosen" ]; then
  if ! { [ -x "$bin/$kind" ] && usable "$bin/$kind" "$kind"; }; then
    build "$kind"
  fi
  chosen="$bin/$kind"
fi

if [ "${2:-}" = "--version" ]; then
  echo "$chosen $(identify "$chosen")"
else
  echo "$chosen"
fi
