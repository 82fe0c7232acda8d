#!/usr/bin/env bash
# Installs, starts and stops LocalStack on the host (no Docker) for the acceptance tests.
#   scripts/localstack.sh install   create the project venv with localstack-core (cached between runs)
#   scripts/localstack.sh start     install if needed, start on $LOCALSTACK_HOST:$LOCALSTACK_PORT, wait for health
#   scripts/localstack.sh stop      stop the LocalStack this script started (a reused one is left running)
#   scripts/localstack.sh status
#
# 4.14.0 is the last release that runs without LOCALSTACK_AUTH_TOKEN. Everything it writes stays in the
# project: the venv in .cache/localstack-venv, state, config, temp and logs in .emulator/localstack.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
host=${LOCALSTACK_HOST:-127.0.0.1}
port=${LOCALSTACK_PORT:-4566}
version=4.14.0
# Resolve the dependencies as PyPI had them when 4.14.0 shipped (2026-02-26): later releases of its
# loosely pinned dependencies (cbor2 6, for one) break its imports.
released_before=2026-02-27T00:00:00Z
venv="$root/.cache/localstack-venv"
state_dir="$root/.emulator/localstack"
pid_file="$state_dir/localstack.pid"
log_file="$state_dir/localstack.log"
# The services the provider calls; start waits until each reports available or running. CloudTrail
# is absent from the free edition, so tests that need it skip (acctest.PreCheckServices).
services=(s3 cloudwatch logs sns kms iam sts config ec2)
url="http://$host:$port"
# shellcheck source=scripts/daemon.sh
source "$root/scripts/daemon.sh"

health() {
  curl -fsS --max-time 2 "$url/_localstack/health" 2>/dev/null
}

answering() {
  health >/dev/null
}

# python_for_localstack prints a Python >= 3.12 (LocalStack 4.14 uses PEP 695 generics), preferring
# $LOCALSTACK_PYTHON, then python3.13/python3.12/python3 on PATH, then pyenv-installed versions.
python_for_localstack() {
  local candidates=()
  [ -n "${LOCALSTACK_PYTHON:-}" ] && candidates+=("$LOCALSTACK_PYTHON")
  candidates+=(python3.13 python3.12 python3)
  local pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
  candidates+=("$pyenv_root"/versions/3.13*/bin/python3 "$pyenv_root"/versions/3.12*/bin/python3)
  local py
  for py in "${candidates[@]}"; do
    if "$py" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      echo "$py"
      return
    fi
  done
  echo "localstack: LocalStack $version needs Python >= 3.12 with the venv module; none found." >&2
  echo "Set LOCALSTACK_PYTHON=/path/to/python3.12, or run LocalStack yourself and use EMULATOR=external." >&2
  exit 1
}

install() {
  local marker="$venv/.soc2-localstack-$version"
  if [ -f "$marker" ] && [ -x "$venv/bin/python" ]; then
    return
  fi
  local py started
  py=$(python_for_localstack)
  started=$(date +%s)
  echo "localstack: installing localstack-core[runtime]==$version into $venv with $($py --version 2>&1) ..."
  rm -rf "$venv"
  "$py" -m venv "$venv"
  # --uploaded-prior-to needs pip 26.
  "$venv/bin/pip" install --quiet --upgrade 'pip>=26'
  if ! "$venv/bin/pip" install --quiet --uploaded-prior-to "$released_before" "localstack-core[runtime]==$version"; then
    echo "localstack: could not install localstack-core[runtime]==$version from PyPI" >&2
    rm -rf "$venv"
    exit 1
  fi
  touch "$marker"
  echo "localstack: installed in $(($(date +%s) - started)) s"
}

# ready reports whether every needed service is available or running.
ready() {
  local body
  body=$(health) || return 1
  "$venv/bin/python" - "$body" "${services[@]}" <<'PY'
import json, sys
states = json.loads(sys.argv[1]).get("services", {})
missing = [s for s in sys.argv[2:] if states.get(s) not in ("available", "running")]
sys.exit(1 if missing else 0)
PY
}

start() {
  mkdir -p "$state_dir"
  if answering; then
    echo "localstack: reusing the LocalStack already answering on $host:$port"
    return
  fi
  if curl -sS -o /dev/null --max-time 2 "$url/" 2>/dev/null; then
    echo "localstack: something other than LocalStack (moto?) answers on $host:$port; set LOCALSTACK_PORT to a free port" >&2
    exit 1
  fi
  install
  local started
  started=$(date +%s)
  # Every directory LocalStack or its libraries touch points inside the project. OVERRIDE_IN_DOCKER=0
  # stops it from treating a containerised CI host as its own image (and writing /var/lib/localstack);
  # DNS_ADDRESS=0 keeps it off port 53 and away from /etc/resolv.conf; the rest stops calls home.
  rm -rf "$state_dir/fs" "$state_dir/tmp"
  mkdir -p "$state_dir/home" "$state_dir/cache" "$state_dir/tmp"
  echo "localstack: starting LocalStack $version on $host:$port (log: $log_file)"
  env HOME="$state_dir/home" \
    XDG_CACHE_HOME="$state_dir/cache" XDG_CONFIG_HOME="$state_dir/home/.config" XDG_DATA_HOME="$state_dir/home/.local/share" \
    TMP="$state_dir/tmp" TEMP="$state_dir/tmp" \
    CONFIG_DIR="$state_dir/config" FILESYSTEM_ROOT="$state_dir/fs" LOCALSTACK_VOLUME_DIR="$state_dir/volume" \
    OVERRIDE_IN_DOCKER=0 DNS_ADDRESS=0 SKIP_SSL_CERT_DOWNLOAD=1 DISABLE_EVENTS=1 LOCALSTACK_TELEMETRY=0 \
    GATEWAY_LISTEN="$host:$port" \
    nohup "$venv/bin/python" -m localstack.runtime.main >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  if wait_started localstack LocalStack 300 30 ready; then
    echo "localstack: ready in $(($(date +%s) - started)) s"
    return
  fi
  echo "localstack: services ${services[*]} not ready on $host:$port within 60 s; health said:" >&2
  health >&2 || true
  echo >&2
  tail -n 30 "$log_file" >&2
  stop
  exit 1
}

stop() {
  # LocalStack shuts its services down on SIGTERM; give it time before forcing.
  stop_started localstack LocalStack 100
}

status() {
  if answering; then
    echo "localstack: answering on $host:$port"
    health
    echo
  else
    echo "localstack: nothing answering on $host:$port"
    exit 1
  fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
