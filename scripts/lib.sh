# Shared by scripts/run and scripts/test. Sourced, not executed.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1;34m[assist]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[assist]\033[0m %s\n' "$*" >&2; exit 1; }

require() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed ($2)."
}

# npm ci when node_modules is missing or was installed from another package-lock.json (Azurite is pinned there).
# The lock file's hash is the stamp, not its mtime: checkouts and worktrees set mtimes arbitrarily.
ensure_node_modules() {
  require node "Node.js 20+"
  require npm "npm"
  local stamp="$ROOT/node_modules/.assist-lock.sha256"
  local want
  want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -f "$ROOT/node_modules/azurite/dist/src/azurite.js" ]; then
    log "Installing Azurite (npm ci)…"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed."
    echo "$want" > "$stamp"
  fi
}

# The browser tests drive Debian's Chromium (never `playwright install`, which downloads). Chinese pages need a
# CJK font to render (and to screenshot) as people see them. Installs both when missing (CI runs as root).
ensure_chromium() {
  local packages=()
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; }; then
    packages+=(fonts-noto-cjk)
  fi
  [ "${#packages[@]}" -eq 0 ] && return 0
  log "Installing ${packages[*]} for the browser tests (apt-get)…"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq || die "apt-get update failed."
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" || die "apt-get install ${packages[*]} failed."
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium is still missing after apt-get install chromium."
}

ensure_dotnet() {
  require dotnet ".NET SDK 10"
}

# Polls until a TCP port on 127.0.0.1 accepts connections (no fixed sleeps).
wait_for_port() {
  local port="$1" what="$2" pid="${3:-}" timeout="${4:-60}"
  local deadline=$((SECONDS + timeout))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      die "$what exited before listening on port $port."
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "$what did not listen on port $port within ${timeout}s."
    sleep 0.1
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts Azurite on loopback; sets AZURITE_PID. Args: data-dir blob-port queue-port table-port
# --skipApiVersionCheck: Azure.Storage.Blobs/Queues send x-ms-version 2026-10-06, newer than Azurite 3.37 knows.
start_azurite() {
  local location="$1" blob="$2" queue="$3" table="$4"
  mkdir -p "$location"
  node "$ROOT/node_modules/azurite/dist/src/azurite.js" \
    --silent --disableTelemetry --skipApiVersionCheck --location "$location" \
    --blobHost 127.0.0.1 --blobPort "$blob" \
    --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" \
    >"$location/azurite.log" 2>&1 &
  AZURITE_PID=$!
  wait_for_port "$blob" Azurite "$AZURITE_PID"
  wait_for_port "$queue" Azurite "$AZURITE_PID"
  wait_for_port "$table" Azurite "$AZURITE_PID"
}

# Stops a process by PID and waits for it to exit.
stop_pid() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# Warnings fail the build, except NU1603 (a dependency resolved to a slightly newer served version, harmless): the
# switch reaches the project the Functions Worker SDK generates to restore the host's extensions, which does not read
# Directory.Build.props, so the exception is given here too.
WARNINGS_AS_ERRORS=(-warnaserror -warnnotaserror:NU1603)
