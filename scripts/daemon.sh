# Sourced by emulator.sh and localstack.sh: waiting for and stopping the server each starts in the
# background. Both read the sourcing script's pid_file (the server's pid) and log_file (its output).

# wait_started PREFIX NAME TRIES TAIL_LINES CHECK...: runs CHECK every 0.2 s, at most TRIES times,
# and succeeds as soon as it does. A server that dies meanwhile ends the script with the last
# TAIL_LINES of its log; one that never passes CHECK is a failure for the caller to report.
wait_started() {
  local prefix=$1 name=$2 tries=$3 tail_lines=$4
  shift 4
  for _ in $(seq 1 "$tries"); do
    if "$@"; then
      return 0
    fi
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "$prefix: $name exited during start; last lines of $log_file:" >&2
      tail -n "$tail_lines" "$log_file" >&2
      rm -f "$pid_file"
      exit 1
    fi
    sleep 0.2
  done
  return 1
}

# stop_started PREFIX NAME TRIES: stops the server in pid_file, forcing it after TRIES tenths of a
# second; a server this project did not start (no pid file) is left alone.
stop_started() {
  local prefix=$1 name=$2 tries=$3
  if [ ! -f "$pid_file" ]; then
    echo "$prefix: nothing started by this project is running"
    return
  fi
  local pid
  pid=$(cat "$pid_file")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 "$tries"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    echo "$prefix: stopped $name (pid $pid)"
  fi
  rm -f "$pid_file"
}
