# shellcheck shell=bash
# Shared helpers for start.sh / stop.sh / restart-apiserver.sh. Source, don't run.

# shellcheck disable=SC2034  # variables are used by the scripts that source this
if [[ -z "${HOME:-}" ]]; then HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"; export HOME; fi
KC_CACHE="${BERTH_KUBE_CACHE:-$HOME/.cache/berth-kube}"
KC_BIN="$KC_CACHE/bin"
KC_DIR="${BERTH_KUBE_DIR:-/tmp/berth-kube}"
KC_MARKER="$KC_DIR/.berth-kube-cluster"   # only dirs holding this are ever rm -rf'd

kc_log() { printf '[berth-kube %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
kc_die() { kc_log "ERROR: $*"; exit 1; }

# Settings of a running cluster win over the environment, so stop/restart use the
# exact same ports as start did.
kc_load_env() {
  if [[ -f "$KC_DIR/cluster.env" ]]; then
    # shellcheck disable=SC1091
    source "$KC_DIR/cluster.env"
  fi
}

kc_pidfile() { echo "$KC_DIR/pids/$1.pid"; }

# Prints the pid of a running daemon (by name), or fails. Guards against pid reuse
# by checking that the process still runs our binary.
kc_pid() {
  local f pid exe
  f="$(kc_pidfile "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -d "/proc/$pid" ]] || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  exe="${exe% (deleted)}"
  [[ "$(basename "$exe")" == "$1" ]] || return 1
  echo "$pid"
}

# kc_start_daemon NAME ARGS...   (binary $KC_BIN/NAME; args also saved for restarts)
kc_start_daemon() {
  local name="$1"; shift
  mkdir -p "$KC_DIR/pids" "$KC_DIR/logs" "$KC_DIR/args"
  printf '%s\0' "$@" > "$KC_DIR/args/$name.args"
  {
    echo "==== $(date -u +%FT%TZ) starting $name"
  } >>"$KC_DIR/logs/$name.log"
  # setsid + nohup: the daemon outlives start.sh and its caller's process group;
  # all fds redirected so a caller reading our stdout is not held open.
  # (fd 8 is the cluster lock, see kc_lock: the daemon must not inherit it)
  setsid nohup "$KC_BIN/$name" "$@" </dev/null >>"$KC_DIR/logs/$name.log" 2>&1 8>&- &
  echo $! > "$(kc_pidfile "$name")"
}

# Restart with the args saved by kc_start_daemon.
kc_restart_daemon_saved_args() {
  local name="$1" args=()
  [[ -f "$KC_DIR/args/$name.args" ]] || kc_die "no saved args for $name ($KC_DIR/args/$name.args)"
  mapfile -d '' args < "$KC_DIR/args/$name.args"
  kc_start_daemon "$name" "${args[@]}"
}

# kc_stop_daemon NAME [TIMEOUT_SECONDS]: SIGTERM, wait, then SIGKILL.
kc_stop_daemon() {
  local name="$1" timeout="${2:-15}" pid i
  if ! pid="$(kc_pid "$name")"; then
    rm -f "$(kc_pidfile "$name")"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    [[ -d "/proc/$pid" ]] || break
    # a zombie (already exited, not yet reaped) counts as gone
    [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == "Z" ]] && break
    sleep 0.1
  done
  if [[ -d "/proc/$pid" ]] && [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]]; then
    kc_log "$name (pid $pid) did not exit after ${timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
  fi
  rm -f "$(kc_pidfile "$name")"
}

# Serialises start/stop/restart on the same state dir (e.g. parallel test workers
# that each call start.sh). The lock is a sibling file of the state dir; nested
# calls (start.sh -> stop.sh) see BERTH_KUBE_LOCK_HELD and skip it.
kc_lock() {
  [[ "${BERTH_KUBE_LOCK_HELD:-}" == "$KC_DIR" ]] && return 0
  command -v flock >/dev/null 2>&1 || return 0
  mkdir -p "$(dirname "$KC_DIR")"
  exec 8>"${KC_DIR%/}.lock"
  flock -w "${1:-600}" 8 || kc_die "timed out waiting for ${KC_DIR%/}.lock (another start/stop running?)"
  export BERTH_KUBE_LOCK_HELD="$KC_DIR"
}

kc_port_in_use() { # port
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# curl against the apiserver as cluster-admin
kc_curl() { # path [curl args...]
  local path="$1"; shift
  curl -sS --max-time 5 --cacert "$KC_DIR/pki/ca.crt" --cert "$KC_DIR/pki/admin.crt" --key "$KC_DIR/pki/admin.key" \
    "$@" "https://127.0.0.1:${BERTH_KUBE_PORT}${path}"
}

# kc_wait DESCRIPTION TIMEOUT_SECONDS COMMAND...: poll until COMMAND succeeds.
# Fails early if one of the daemons named in KC_WATCH died.
kc_wait() {
  local desc="$1" timeout="$2"; shift 2
  local deadline=$(( $(date +%s) + timeout )) n
  while true; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    for n in ${KC_WATCH:-}; do
      kc_pid "$n" >/dev/null || { kc_log "$n exited while waiting for: $desc; last log lines:"; tail -n 30 "$KC_DIR/logs/$n.log" >&2; return 1; }
    done
    if (( $(date +%s) >= deadline )); then
      kc_log "timed out after ${timeout}s waiting for: $desc"
      return 1
    fi
    sleep 0.25
  done
}

kc_readyz() { [[ "$(kc_curl /readyz 2>/dev/null)" == "ok" ]]; }
