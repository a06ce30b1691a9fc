#!/usr/bin/env bash
# Stops kube-apiserver, optionally keeps it down for N seconds, and starts it
# again with exactly the same arguments; waits for /readyz (used to test that
# watches survive an apiserver restart). Everything else keeps running.
#   restart-apiserver.sh [--kill] [SECONDS_DOWN]   (SECONDS_DOWN default 0)
#   --kill   SIGKILL instead of a graceful SIGTERM shutdown (simulates a crash)
#   BERTH_KUBE_TIMEOUT   readiness timeout in seconds (default 120)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

hard=0
if [[ "${1:-}" == "--kill" ]]; then hard=1; shift; fi
down="${1:-0}"
[[ "$down" =~ ^[0-9]+([.][0-9]+)?$ ]] || kc_die "usage: $0 [--kill] [SECONDS_DOWN]"
TIMEOUT="${BERTH_KUBE_TIMEOUT:-120}"

[[ -f "$KC_MARKER" && -f "$KC_DIR/cluster.env" ]] || kc_die "no cluster in $KC_DIR (run start.sh)"
kc_load_env
kc_pid etcd >/dev/null || kc_die "etcd is not running; cannot restart the apiserver alone"

t0=$(( $(date +%s%N) / 1000000 ))
if pid="$(kc_pid kube-apiserver)"; then
  if [[ $hard == 1 ]]; then
    kc_log "killing kube-apiserver (pid $pid, SIGKILL)"
    kill -KILL "$pid" 2>/dev/null || true
  else
    kc_log "stopping kube-apiserver (pid $pid)"
  fi
else
  kc_log "kube-apiserver was not running"
fi
kc_stop_daemon kube-apiserver 30
# wait for the port to be released
KC_WATCH="" kc_wait "apiserver port $BERTH_KUBE_PORT released" 30 bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$BERTH_KUBE_PORT)"
if [[ "$down" != 0 ]]; then
  kc_log "keeping kube-apiserver down for ${down}s"
  sleep "$down"
fi
kc_restart_daemon_saved_args kube-apiserver
KC_WATCH="etcd kube-apiserver" kc_wait "kube-apiserver /readyz" "$TIMEOUT" kc_readyz
el=$(( $(date +%s%N) / 1000000 - t0 ))
kc_log "kube-apiserver restarted (pid $(kc_pid kube-apiserver)) in $((el / 1000)).$(printf '%03d' $((el % 1000)))s"
