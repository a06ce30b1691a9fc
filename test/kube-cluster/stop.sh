#!/usr/bin/env bash
# Stops every daemon started by start.sh (kwok, scheduler, controller-manager,
# apiserver, etcd) and removes the state dir ${BERTH_KUBE_DIR:-/tmp/berth-kube}.
#   --keep   stop the daemons but keep the state dir (logs, certs, etcd data)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
kc_lock 300

keep=0
[[ "${1:-}" == "--keep" ]] && keep=1

if [[ ! -e "$KC_DIR" ]]; then
  kc_log "nothing to stop ($KC_DIR does not exist)"
  exit 0
fi
[[ -f "$KC_MARKER" ]] || kc_die "$KC_DIR was not created by start.sh (no marker file); not touching it"

for n in kwok kube-scheduler kube-controller-manager apiproxy kube-apiserver etcd; do
  if pid="$(kc_pid "$n")"; then
    kc_log "stopping $n (pid $pid)"
  fi
  kc_stop_daemon "$n" 15
done

if [[ $keep == 1 ]]; then
  kc_log "daemons stopped; state kept in $KC_DIR"
else
  case "$KC_DIR" in
    ""|"/"|"$HOME"|"/tmp") kc_die "refusing to remove $KC_DIR" ;;
  esac
  rm -rf -- "$KC_DIR"
  kc_log "stopped; removed $KC_DIR"
fi
