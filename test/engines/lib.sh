# shellcheck shell=bash
# Shared settings and helpers for start-modern.sh / stop-modern.sh / record-responses.sh. Source, don't run.
# The modern engine (containerd 2 + Engine 29 built by build.sh) lives in its own network namespace with a
# veth pair to the host; everything else it owns sits under $ME_DIR.

# shellcheck disable=SC2034  # variables are used by the scripts that source this
if [[ -z "${HOME:-}" ]]; then HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"; export HOME; fi
# shellcheck source=versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"
ME_CACHE="${BERTH_ENGINES_CACHE:-$HOME/.cache/berth-engines}"
ME_BIN="$ME_CACHE/bin"
ME_DOCKER_CONFIG="$ME_CACHE/docker-config" # holds cli-plugins/docker-{buildx,compose}
ME_DIR="${BERTH_MODERN_DIR:-/tmp/berth-modern}"
ME_MARKER="$ME_DIR/.berth-modern-engine" # only a dir holding this is ever rm -rf'd
ME_NETNS="${BERTH_MODERN_NETNS:-berth-modern}"
ME_NETNS_PATH="/run/netns/$ME_NETNS"
# The veth pair: the host end and the namespace end, in a /30 outside Docker's default address pools.
ME_HOST_IF="${BERTH_MODERN_HOST_IF:-berth-modern0}" # at most 15 characters
ME_HOST_IP="${BERTH_MODERN_HOST_IP:-10.231.0.1}"
ME_NS_IP="${BERTH_MODERN_IP:-10.231.0.2}"
ME_SOCK="$ME_DIR/docker.sock"
ME_CONTAINERD_SOCK="$ME_DIR/containerd/containerd.sock"
ME_REGISTRY_PORT=5000 # inside the namespace: the engine pushes to 127.0.0.1:5000 as with the shared engine
ME_PATH="$ME_BIN:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin"

me_log() { printf '[berth-modern %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
me_die() {
  me_log "ERROR: $*"
  exit 1
}

# Runs a command inside the engine's network namespace (nsenter, not `ip netns exec`: that remounts /sys
# and hides the cgroup v1 mounts runc needs).
me_nsenter() { nsenter --net="$ME_NETNS_PATH" "$@"; }

# Prints the pid of a running daemon started by me_start_daemon, or fails (guards against pid reuse).
me_pid() { # name
  local f="$ME_DIR/pids/$1.pid" pid exe
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ && -d "/proc/$pid" ]] || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  exe="${exe% (deleted)}"
  [[ "$(basename "$exe")" == "$(basename "$2")" ]] || return 1
  echo "$pid"
}

# me_start_daemon NAME BINARY ARGS...: runs BINARY in the namespace, detached, log in $ME_DIR/logs/NAME.log.
# setsid + nsenter both exec, so $! is the daemon's own pid. fd 8 (the lock) is not inherited.
me_start_daemon() {
  local name="$1"
  shift
  mkdir -p "$ME_DIR/pids" "$ME_DIR/logs"
  echo "==== $(date -u +%FT%TZ) starting $name: $*" >>"$ME_DIR/logs/$name.log"
  env PATH="$ME_PATH" setsid nsenter --net="$ME_NETNS_PATH" "$@" </dev/null >>"$ME_DIR/logs/$name.log" 2>&1 8>&- &
  echo $! >"$ME_DIR/pids/$name.pid"
}

# me_stop_daemon NAME BINARY [TIMEOUT_SECONDS]: SIGTERM, wait, then SIGKILL.
me_stop_daemon() {
  local name="$1" binary="$2" timeout="${3:-20}" pid i
  if ! pid="$(me_pid "$name" "$binary")"; then
    rm -f "$ME_DIR/pids/$name.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    [[ -d "/proc/$pid" && "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]] || break
    sleep 0.1
  done
  if [[ -d "/proc/$pid" && "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]; then
    me_log "$name (pid $pid) did not exit after ${timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$ME_DIR/pids/$name.pid"
}

# Serialises start/stop (parallel test workers may each call start-modern.sh). Nested calls skip it.
me_lock() {
  [[ "${BERTH_MODERN_LOCK_HELD:-}" == "$ME_DIR" ]] && return 0
  mkdir -p "$(dirname "$ME_DIR")"
  exec 8>"${ME_DIR%/}.lock"
  flock -w "${1:-900}" 8 || me_die "timed out waiting for ${ME_DIR%/}.lock (another start/stop running?)"
  export BERTH_MODERN_LOCK_HELD="$ME_DIR"
}

# The engine answers /_ping on its socket.
me_ping() { curl -fsS --max-time 3 --unix-socket "$ME_SOCK" http://engine/_ping >/dev/null 2>&1; }

# me_wait DESCRIPTION TIMEOUT_SECONDS COMMAND...: poll until COMMAND succeeds; fail early if a daemon named
# in ME_WATCH ("name:binary ...") died.
me_wait() {
  local desc="$1" timeout="$2" w
  shift 2
  local deadline=$(($(date +%s) + timeout))
  while ! "$@" >/dev/null 2>&1; do
    for w in ${ME_WATCH:-}; do
      me_pid "${w%%:*}" "${w#*:}" >/dev/null || {
        me_log "${w%%:*} exited while waiting for: $desc; last log lines:"
        tail -n 30 "$ME_DIR/logs/${w%%:*}.log" >&2
        return 1
      }
    done
    if (($(date +%s) >= deadline)); then
      me_log "timed out after ${timeout}s waiting for: $desc"
      return 1
    fi
    sleep 0.2
  done
}
