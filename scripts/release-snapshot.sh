#!/usr/bin/env bash
# Builds the release archives locally with goreleaser (no signing, no publishing) and checks that they
# have the layout the Terraform Registry expects.
#   scripts/release-snapshot.sh        every OS/arch of .goreleaser.yml into dist/
#   scripts/release-snapshot.sh --ci   linux_amd64 only: the same archive, checksum and manifest steps
#                                      in a fraction of the time (a cold cross-compile of all twelve
#                                      targets takes tens of minutes on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# v2.18 needs Go 1.27; v2.17.0 is the newest that builds with Go 1.26.
goreleaser_version=v2.17.0
goreleaser="$root/bin/goreleaser"

if [ ! -x "$goreleaser" ]; then
  echo "release: installing goreleaser $goreleaser_version into bin/ with go install;" \
    "about 5 minutes on 2 cores with a cold Go build cache, under 30 s with a warm one ..."
  started=$(date +%s)
  GOBIN="$root/bin" go install "github.com/goreleaser/goreleaser/v2@$goreleaser_version"
  echo "release: goreleaser installed in $(($(date +%s) - started)) s"
fi

config=.goreleaser.yml
if [ "${1:-}" = --ci ]; then
  mkdir -p .cache
  config=.cache/goreleaser-ci.yml
  sed '/# targets-begin/,/# targets-end/c\    targets: [linux_amd64]' .goreleaser.yml >"$config"
fi

started=$(date +%s)
"$goreleaser" check --config "$config"
"$goreleaser" release --snapshot --clean --skip=sign --config "$config"
echo "release: snapshot built in $(($(date +%s) - started)) s"

# The layout the registry checks: one zip per target holding terraform-provider-soc2_v<version>,
# and a SHA256SUMS file that lists every zip and the manifest (protocol 6.0) and matches them.
cd dist
sums=$(ls terraform-provider-soc2_*_SHA256SUMS)
version=${sums#terraform-provider-soc2_}
version=${version%_SHA256SUMS}
manifest="terraform-provider-soc2_${version}_manifest.json"
# goreleaser lists the manifest in SHA256SUMS and uploads it under this name only when publishing;
# put it beside the archives so dist/ holds what a release holds.
cp ../terraform-registry-manifest.json "$manifest"
problems=0
fail() { echo "release: $*" >&2; problems=$((problems + 1)); }
grep -q '"protocol_versions": \["6.0"\]' "$manifest" || fail "$manifest does not declare protocol 6.0"
grep -q " $manifest\$" "$sums" || fail "$sums does not list $manifest"
sha256sum --quiet -c "$sums" || fail "$sums does not match the files"
zips=$(ls terraform-provider-soc2_"${version}"_*.zip)
for zip in $zips; do
  grep -q " $zip\$" "$sums" || fail "$sums does not list $zip"
  case "$zip" in *windows*) binary="terraform-provider-soc2_v${version}.exe" ;; *) binary="terraform-provider-soc2_v${version}" ;; esac
  python3 -c 'import sys, zipfile; sys.exit(0 if sys.argv[2] in zipfile.ZipFile(sys.argv[1]).namelist() else 1)' "$zip" "$binary" ||
    fail "$zip does not hold $binary"
done
[ "$problems" -eq 0 ] || exit 1
echo "release: dist/ holds $(wc -w <<<"$zips") archives, $sums and $manifest for version $version:"
ls -1 | sed 's/^/  /' | grep -E '\.zip$|SHA256SUMS|manifest'
