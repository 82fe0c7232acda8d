#!/usr/bin/env bash
# Starts or stops the moto server the tests and the demo run against.
#   scripts/emulator.sh start   start moto on $EMULATOR_HOST:$EMULATOR_PORT, or reuse one already answering
#   scripts/emulator.sh stop    stop the moto this script started (a reused one is left running)
#   scripts/emulator.sh status
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
host=${EMULATOR_HOST:-127.0.0.1}
port=${EMULATOR_PORT:-4566}
state_dir="$root/.emulator"
# One pid file and log per port, so runs on different EMULATOR_PORTs never stop each other's moto.
pid_file="$state_dir/moto-$port.pid"
log_file="$state_dir/moto-$port.log"
venv="$root/.cache/moto-venv"
moto_version=5.2.1
# shellcheck source=scripts/daemon.sh
source "$root/scripts/daemon.sh"

answering() {
  curl -fsS -o /dev/null --max-time 2 "http://$host:$port/moto-api/" 2>/dev/null
}

# find_moto prints a command that runs moto_server: the machine's own, else a project venv.
find_moto() {
  if python3 -c 'import moto.server, flask' 2>/dev/null && command -v moto_server >/dev/null 2>&1; then
    echo moto_server
    return
  fi
  if [ -x "$venv/bin/moto_server" ]; then
    echo "$venv/bin/moto_server"
    return
  fi
  echo "The AWS emulator is missing: Python package 'moto[server]' (moto $moto_version with Flask)." >&2
  echo "Installing it into $venv with pip ..." >&2
  if python3 -m venv "$venv" >&2 && "$venv/bin/pip" install --quiet "moto[server]==$moto_version" >&2; then
    echo "$venv/bin/moto_server"
    return
  fi
  echo "Could not install 'moto[server]==$moto_version'. Install it yourself (pip install 'moto[server]==$moto_version')" >&2
  echo "or point AWS_ENDPOINT_URL at another emulator and run 'make testacc EMULATOR=external'." >&2
  exit 1
}

# port_taken reports whether anything at all accepts connections on the port.
port_taken() {
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

start() {
  mkdir -p "$state_dir"
  if answering; then
    echo "emulator: reusing the moto server already answering on $host:$port"
    return
  fi
  if port_taken; then
    echo "emulator: port $port on $host is in use by something that is not moto." >&2
    echo "Choose a free port with EMULATOR_PORT, e.g. 'EMULATOR_PORT=4567 make test' (the tests and the demo follow it)," >&2
    echo "or stop what listens there." >&2
    exit 1
  fi
  moto=$(find_moto)
  echo "emulator: starting moto on $host:$port (log: $log_file)"
  # AWS always has its managed policies; moto creates them only with this flag (moto gap). The
  # organization aggregator attaches AWSConfigRoleForOrganizations, so without it that test skips.
  MOTO_IAM_LOAD_MANAGED_POLICIES=true nohup "$moto" -H "$host" -p "$port" >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  if wait_started emulator moto 100 20 answering; then
    echo "emulator: ready"
    return
  fi
  echo "emulator: moto did not answer on $host:$port within 20 s; see $log_file" >&2
  exit 1
}

stop() {
  stop_started emulator moto 50
}

status() {
  if answering; then echo "emulator: moto answering on $host:$port"; else echo "emulator: nothing answering on $host:$port"; exit 1; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
