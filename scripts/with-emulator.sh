#!/usr/bin/env bash
# Runs a command against an AWS emulator chosen by $EMULATOR and stops what it started afterwards,
# whether the command passed or failed.
#   moto      (default) start moto on $EMULATOR_HOST:$EMULATOR_PORT (default 127.0.0.1:4566), or reuse one
#             already answering there
#   localstack  start LocalStack 4.14.0 on the host at 127.0.0.1:$LOCALSTACK_PORT (default 4566), or reuse
#               one already answering there; installs it into .cache/localstack-venv on first use
#   external  start nothing; AWS_ENDPOINT_URL must point at a running emulator
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
emulator=${EMULATOR:-moto}

case "$emulator" in
  moto)
    # Stop afterwards only what this run started; a server someone else runs is left alone.
    if ! "$root/scripts/emulator.sh" status >/dev/null 2>&1; then
      trap '"$root/scripts/emulator.sh" stop' EXIT
    fi
    "$root/scripts/emulator.sh" start
    # The endpoint is the moto just started (or reused) on EMULATOR_PORT; an AWS_ENDPOINT_URL aimed
    # elsewhere would test something else.
    moto_url="http://${EMULATOR_HOST:-127.0.0.1}:${EMULATOR_PORT:-4566}"
    if [ -n "${AWS_ENDPOINT_URL:-}" ] && [ "$AWS_ENDPOINT_URL" != "$moto_url" ]; then
      echo "emulator: testing against the moto on $moto_url, not AWS_ENDPOINT_URL=$AWS_ENDPOINT_URL (use EMULATOR=external for that)" >&2
    fi
    export AWS_ENDPOINT_URL=$moto_url
    ;;
  localstack)
    # As with moto: stop afterwards only a LocalStack this run started.
    if ! "$root/scripts/localstack.sh" status >/dev/null 2>&1; then
      trap '"$root/scripts/localstack.sh" stop' EXIT
    fi
    "$root/scripts/localstack.sh" start
    # The endpoint is the LocalStack just started; an AWS_ENDPOINT_URL aimed elsewhere would test
    # something else.
    export AWS_ENDPOINT_URL="http://${LOCALSTACK_HOST:-127.0.0.1}:${LOCALSTACK_PORT:-4566}"
    ;;
  external)
    if [ -z "${AWS_ENDPOINT_URL:-}" ]; then
      echo "EMULATOR=external needs AWS_ENDPOINT_URL, e.g. AWS_ENDPOINT_URL=http://localhost:4566" >&2
      exit 2
    fi
    ;;
  *)
    echo "EMULATOR=$emulator is not supported; use moto, localstack or external" >&2
    exit 2
    ;;
esac

# Emulators accept any credentials; real ones on the machine must never be sent to them.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=${AWS_REGION:-us-east-1}
unset AWS_PROFILE AWS_SESSION_TOKEN
"$@"
