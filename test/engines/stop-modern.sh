#!/usr/bin/env bash
# Stops the modern engine started by start-modern.sh: its running containers (1 s grace), dockerd, the registry,
# containerd, then removes the network namespace and its veth pair. Images and volumes stay in
# $BERTH_MODERN_DIR for a fast restart; `--purge` removes that folder too.
# Idempotent: stopping what is not running does nothing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

[[ $(id -u) == 0 ]] || me_die "needs root"
me_lock
t0=$(date +%s)

# Running containers first, with a 1 s grace (dockerd's own shutdown would give each one 10 s).
if me_ping; then
  ids="$(DOCKER_HOST="unix://$ME_SOCK" docker ps -q 2>/dev/null || true)"
  # shellcheck disable=SC2086
  [[ -z "$ids" ]] || DOCKER_HOST="unix://$ME_SOCK" docker stop -t 1 $ids >/dev/null 2>&1 || true
fi
me_stop_daemon dockerd dockerd 60
me_stop_daemon registry docker-registry 10
me_stop_daemon containerd containerd 20
# Shims outlive containerd only if a container was still running; they are ours if their containerd
# address is our socket.
for pid in $(pgrep -f containerd-shim-runc-v2 2>/dev/null); do
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-address $ME_CONTAINERD_SOCK"; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
done

if [[ "${BERTH_MODERN_KEEP_NETNS:-0}" != 1 ]]; then
  ip link del "$ME_HOST_IF" 2>/dev/null || true
  [[ -e "$ME_NETNS_PATH" ]] && ip netns del "$ME_NETNS"
fi

if [[ "${1:-}" == "--purge" && -f "$ME_MARKER" ]]; then
  # Leftover mounts (overlay rootfs, netns files) must go before the folder can.
  { grep -F " $ME_DIR/" /proc/self/mounts || true; } | awk '{print $2}' | sort -r | while read -r m; do umount -l "$m" || true; done
  rm -rf "$ME_DIR"
  me_log "removed $ME_DIR"
fi
me_log "stopped in $(($(date +%s) - t0))s"
