#!/usr/bin/env bash
# Stops kube-apiserver, optionally keeps it down for N seconds, and starts it
# again with exactly the same arguments; returns once /readyz is ok (used to
# test that watches survive an apiserver restart). Everything else (etcd,
# controller-manager, scheduler, kwok) keeps running.
#
#   restart-apiserver.sh [--kill] [--bounce-components] [SECONDS_DOWN]
#     SECONDS_DOWN         how long the apiserver stays down (default 0)
#     --kill               SIGKILL instead of a graceful SIGTERM (simulates a crash)
#     --bounce-components  afterwards also restart controller-manager, scheduler and
#                          kwok (also: BERTH_KUBE_BOUNCE_COMPONENTS=1). See README:
#                          without it, many apiserver restarts within 2 minutes make
#                          those components react more and more slowly.
#   BERTH_KUBE_TIMEOUT     readiness timeout in seconds (default 120)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

usage() { kc_die "usage: $0 [--kill] [--bounce-components] [SECONDS_DOWN]"; }
hard=0
bounce="${BERTH_KUBE_BOUNCE_COMPONENTS:-0}"
down=0
for a in "$@"; do
  case "$a" in
    --kill) hard=1 ;;
    --bounce-components) bounce=1 ;;
    -h|--help) usage ;;
    *) [[ "$a" =~ ^[0-9]+([.][0-9]+)?$ ]] || usage; down="$a" ;;
  esac
done
TIMEOUT="${BERTH_KUBE_TIMEOUT:-120}"

kc_lock 300
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
# graceful: --shutdown-watch-termination-grace-period=5s lets it end watches and exit in ~1-3s
kc_stop_daemon kube-apiserver 30
KC_WATCH="" kc_wait "apiserver port $BERTH_KUBE_PORT released" 30 \
  bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$BERTH_KUBE_PORT)"
if [[ "$down" != 0 ]]; then
  kc_log "keeping kube-apiserver down for ${down}s"
  sleep "$down"
fi
kc_restart_daemon_saved_args kube-apiserver
KC_WATCH="etcd kube-apiserver" kc_wait "kube-apiserver /readyz" "$TIMEOUT" kc_readyz

if [[ "$bounce" == 1 ]]; then
  # Fresh processes have fresh informers (no accumulated retry backoff).
  for n in kube-scheduler kube-controller-manager; do
    kc_stop_daemon "$n" 15
    kc_restart_daemon_saved_args "$n"
  done
  # A new kwok has a new identity and would wait for the old one's node leases to
  # expire (40s) before it manages the nodes again: drop those leases in between.
  kc_stop_daemon kwok 15
  kubectl="$KC_BIN/kubectl"; [[ -x "$kubectl" ]] || kubectl=kubectl
  K() { "$kubectl" --kubeconfig="$KC_DIR/kubeconfig" --request-timeout=10s "$@"; }
  mapfile -t kwok_nodes < <(K get nodes -o \
    'jsonpath={range .items[?(@.metadata.annotations.kwok\.x-k8s\.io/node=="fake")]}{.metadata.name}{"\n"}{end}' || true)
  if ((${#kwok_nodes[@]})); then
    K -n kube-node-lease delete lease --ignore-not-found --wait=false "${kwok_nodes[@]}" >/dev/null || true
  fi
  kc_restart_daemon_saved_args kwok
  kc_log "restarted kube-controller-manager, kube-scheduler and kwok"
fi
el=$(( $(date +%s%N) / 1000000 - t0 ))
kc_log "kube-apiserver restarted (pid $(kc_pid kube-apiserver)) in $((el / 1000)).$(printf '%03d' $((el % 1000)))s"
