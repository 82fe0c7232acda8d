#!/usr/bin/env bash
# Checks of the scripts a new user meets first (run by CI; `make test-scripts`):
#   find-terraform.sh uses a Terraform >= 1.5 / OpenTofu >= 1.6 already there and says what it builds
#   before building; emulator.sh names EMULATOR_PORT when the port is busy; with-emulator.sh points
#   the tests at EMULATOR_PORT; gotest.sh keeps go test's exit code and its closing counts line.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/soc2-script-tests.XXXXXX")
listener_pid=""
cleanup() {
  [ -n "$listener_pid" ] && kill "$listener_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
passed=0 failed=0

check() { # check NAME COMMAND...: the command must succeed
  local name=$1
  shift
  if "$@"; then
    echo "--- PASS: $name"
    passed=$((passed + 1))
  else
    echo "--- FAIL: $name"
    failed=$((failed + 1))
  fi
}

# fake_tool DIR NAME PRODUCT VERSION: a stand-in that answers `version` and `version -json` like
# Terraform ("Terraform") or OpenTofu ("OpenTofu") of that version.
fake_tool() {
  mkdir -p "$1"
  cat >"$1/$2" <<SH
#!/usr/bin/env bash
if [ "\${2:-}" = -json ]; then printf '{"terraform_version": "$4", "platform": "linux_amd64"}\n'; else echo "$3 v$4"; fi
SH
  chmod +x "$1/$2"
}

# A copy of the project's scripts, so a build lands in the copy's ./bin, never in the real one; a fake
# `go` records what it was asked to install and creates a Terraform 1.5.7 in its place.
sandbox="$tmp/project"
mkdir -p "$sandbox/scripts" "$tmp/fakego"
cp "$root/scripts/find-terraform.sh" "$sandbox/scripts/"
cat >"$tmp/fakego/go" <<SH
#!/usr/bin/env bash
echo "\$*" >"$tmp/go-called"
name=\$(basename "\${2%@*}")
mkdir -p "\$GOBIN"
version=\${2#*@v}
product=Terraform
[ "\$name" = tofu ] && product=OpenTofu
printf '#!/usr/bin/env bash\nif [ "\${2:-}" = -json ]; then echo %s; else echo %s; fi\n' \
  "'{\"terraform_version\": \"\$version\"}'" "'\$product v\$version'" >"\$GOBIN/\$name"
chmod +x "\$GOBIN/\$name"
SH
chmod +x "$tmp/fakego/go"
fake_tool "$tmp/old" terraform Terraform 1.4.6
fake_tool "$tmp/new" terraform Terraform 1.11.4
fake_tool "$tmp/tofu16" tofu OpenTofu 1.6.2
fake_tool "$tmp/tofu15" tofu OpenTofu 1.5.9
base_path="$tmp/fakego:/usr/bin:/bin"
find_tf() { env -u TERRAFORM -u TOFU PATH="$1" "$sandbox/scripts/find-terraform.sh" "${@:2}"; }

check "find-terraform: a Terraform >= 1.5 on PATH is used, an older one before it skipped" \
  test "$(find_tf "$tmp/old:$tmp/new:$base_path" terraform 2>/dev/null)" = "$tmp/new/terraform"
check "find-terraform: an OpenTofu >= 1.6 serves when no Terraform does" \
  test "$(find_tf "$tmp/old:$tmp/tofu16:$base_path" terraform 2>/dev/null)" = "$tmp/tofu16/tofu"
check "find-terraform: TERRAFORM= wins over PATH" \
  test "$(TERRAFORM="$tmp/new/terraform" PATH="$tmp/old:$base_path" "$sandbox/scripts/find-terraform.sh" terraform 2>/dev/null)" = "$tmp/new/terraform"
check "find-terraform: TERRAFORM= naming an old release is refused" \
  bash -c "! TERRAFORM='$tmp/old/terraform' '$sandbox/scripts/find-terraform.sh' terraform 2>/dev/null"
check "find-terraform: no build while one is found" test ! -e "$tmp/go-called"

out=$(find_tf "$tmp/old:$tmp/tofu15:$base_path" terraform 2>"$tmp/build-msg")
check "find-terraform: builds the pinned Terraform into ./bin only when none is usable" \
  bash -c "[ '$out' = '$sandbox/bin/terraform' ] && grep -q 'install github.com/hashicorp/terraform@v1.5.7' '$tmp/go-called'"
check "find-terraform: says what it builds and how long it takes, before building" \
  grep -q 'Building terraform 1.5.7 .*about 15 minutes' <(tr '\n' ' ' <"$tmp/build-msg")
rm -f "$tmp/go-called"
check "find-terraform: a pinned build in ./bin is reused, not rebuilt" \
  bash -c "[ \"\$(PATH='$tmp/old:$base_path' '$sandbox/scripts/find-terraform.sh' terraform 2>/dev/null)\" = '$sandbox/bin/terraform' ] && [ ! -e '$tmp/go-called' ]"
check "find-terraform tofu: an OpenTofu >= 1.6 on PATH is used" \
  test "$(find_tf "$tmp/tofu16:$base_path" tofu 2>/dev/null)" = "$tmp/tofu16/tofu"
find_tf "$tmp/tofu15:$base_path" tofu >/dev/null 2>"$tmp/build-msg"
check "find-terraform tofu: builds OpenTofu 1.6.3 when only an older one is there" \
  grep -q 'install github.com/opentofu/opentofu/cmd/tofu@v1.6.3' "$tmp/go-called"

# A port held by something that is not moto.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
busy=$(free_port)
python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8)
time.sleep(120)' "$busy" &
listener_pid=$!
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$busy") 2>/dev/null && break; sleep 0.1; done
EMULATOR_PORT=$busy "$root/scripts/emulator.sh" start >"$tmp/busy-out" 2>&1
busy_rc=$?
check "emulator.sh: a busy port fails and the message names EMULATOR_PORT" \
  bash -c "[ $busy_rc -ne 0 ] && grep -q 'port $busy .*in use' '$tmp/busy-out' && grep -q 'EMULATOR_PORT=' '$tmp/busy-out'"
kill "$listener_pid" 2>/dev/null
listener_pid=""

# with-emulator.sh starts moto on EMULATOR_PORT and hands the tests that endpoint.
port=$(free_port)
EMULATOR=moto EMULATOR_PORT=$port "$root/scripts/with-emulator.sh" \
  bash -c 'curl -fsS -o /dev/null --max-time 5 "$AWS_ENDPOINT_URL/moto-api/" && echo "$AWS_ENDPOINT_URL" >"$1"' _ "$tmp/endpoint" >/dev/null 2>&1
endpoint=$(cat "$tmp/endpoint" 2>/dev/null)
check "with-emulator.sh: EMULATOR_PORT=$port reaches the tests as AWS_ENDPOINT_URL (moto answering there)" \
  test "$endpoint" = "http://127.0.0.1:$port"
check "with-emulator.sh: the moto it started on EMULATOR_PORT is stopped afterwards" \
  bash -c "! curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:$port/moto-api/ 2>/dev/null"

# gotest.sh on a module with a passing, a failing and a skipped test.
mod="$tmp/mod"
mkdir -p "$mod/p"
printf 'module example.com/m\n\ngo 1.21\n' >"$mod/go.mod"
cat >"$mod/p/p_test.go" <<'GO'
package p

import "testing"

func TestPass(t *testing.T) {}
func TestSkip(t *testing.T) { t.Skip("the reason") }
func TestFail(t *testing.T) { t.Fatal("the failure") }
GO
(cd "$mod" && TEST_LOG_DIR="$tmp/log" "$root/scripts/gotest.sh" -count=1 ./...) >"$tmp/gotest-out" 2>&1
gotest_rc=$?
check "gotest.sh: exit code 1 when a test fails" test "$gotest_rc" -eq 1
check "gotest.sh: closing line counts" test "$(tail -n 1 "$tmp/gotest-out")" = "tests: 1 passed, 1 failed, 1 skipped"
check "gotest.sh: the failing test's output is printed" grep -q 'the failure' "$tmp/gotest-out"
check "gotest.sh: the skip reason is printed" grep -q 'TestSkip: p_test.go:6: the reason' "$tmp/gotest-out"
check "gotest.sh: the full log's path is printed and the log holds the go test -v text" \
  bash -c "grep -q 'full log: $tmp/log/go-test.log' '$tmp/gotest-out' && grep -q -- '--- FAIL: TestFail' '$tmp/log/go-test.log'"
(cd "$mod" && TEST_LOG_DIR="$tmp/log" "$root/scripts/gotest.sh" -count=1 -run 'TestPass|TestSkip' ./...) >"$tmp/gotest-out" 2>&1
check "gotest.sh: exit code 0 when nothing fails" test $? -eq 0

echo "tests: $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
