#!/usr/bin/env bash
# Starts the modern engine for Berth's tests beside Debian's: containerd 2 + Engine 29 (built by build.sh)
# in their own network namespace, with their own data root, exec root, sockets, runc and docker-proxy, a
# registry inside that namespace on 127.0.0.1:5000, and the fixture images (berth-fixture/busybox, redis)
# built into it by ../fixtures/build-images.sh. Prints `DOCKER_HOST=unix://...` as its LAST line.
#
# Reaching it: the socket is a file on the host. The namespace is joined to the host by a veth pair: the
# host end is $BERTH_MODERN_HOST_IP (10.231.0.1), the namespace end $BERTH_MODERN_IP (10.231.0.2), and
# dockerd binds published ports to that address by default (`-p 8080:80` -> 10.231.0.2:8080, reachable
# from the host). A port published on 127.0.0.1 is only reachable inside: nsenter --net=/run/netns/berth-modern.
#
# Idempotent: when the engine already answers, this prints the same line. Needs root. Builds first if needed
# (BERTH_ENGINES_NO_BUILD=1: fail instead when the binaries are not built).
# Usage: start-modern.sh       (BERTH_MODERN_DIR, BERTH_MODERN_NETNS, BERTH_MODERN_IP, BERTH_MODERN_HOST_IP)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

[[ $(id -u) == 0 ]] || me_die "needs root (network namespace, mounts)"
t_start=$(date +%s)
me_lock

ready_line() {
  me_log "Engine $(curl -fsS --unix-socket "$ME_SOCK" http://engine/version | grep -o '"Version":"[^"]*"' | head -n1 | cut -d'"' -f4) ready in $(($(date +%s) - t_start))s; published ports: $ME_NS_IP:<port>; DOCKER_CONFIG=$ME_DOCKER_CONFIG has the buildx and compose plugins"
  echo "DOCKER_HOST=unix://$ME_SOCK"
}

if me_ping && me_pid dockerd dockerd >/dev/null; then
  ready_line
  exit 0
fi

if [[ "${BERTH_ENGINES_NO_BUILD:-0}" == 1 ]]; then
  bash "$here/build.sh" --check >&2 || me_die "the modern engine is not built (BERTH_ENGINES_NO_BUILD=1)"
else
  bash "$here/build.sh" >&2
fi
[[ -d "$ME_DIR" && ! -f "$ME_MARKER" ]] && me_die "$ME_DIR exists but is not ours (no $ME_MARKER)"
mkdir -p "$ME_DIR"/{containerd,docker,exec,logs,pids,registry}
touch "$ME_MARKER"
# A daemon left over from a half-finished start or a crash: stop it, then start afresh.
BERTH_MODERN_KEEP_NETNS=1 bash "$here/stop-modern.sh" >&2

# ---- network namespace + veth pair -------------------------------------------------------------------
phase=$(date +%s)
if [[ ! -e "$ME_NETNS_PATH" ]]; then
  ip netns add "$ME_NETNS"
fi
me_nsenter ip link set lo up
if ! ip link show "$ME_HOST_IF" >/dev/null 2>&1; then
  ip link add "$ME_HOST_IF" type veth peer name eth0 netns "$ME_NETNS"
  ip addr add "$ME_HOST_IP/30" dev "$ME_HOST_IF"
  ip link set "$ME_HOST_IF" up
  me_nsenter ip addr add "$ME_NS_IP/30" dev eth0
  me_nsenter ip link set eth0 up
fi
me_log "network namespace $ME_NETNS ($ME_HOST_IF $ME_HOST_IP <-> eth0 $ME_NS_IP) in $(($(date +%s) - phase))s"

# ---- runc: ours, found first on containerd's PATH (the shim runs "runc" by name). This machine's processes
# lack CAP_SYS_RESOURCE; Debian's 20.10 needs the runc-without-sys-resource.sh wrapper for --privileged, but
# Engine 29 grants a privileged container only the capabilities dockerd itself has (daemon/pkg/oci/caps),
# so plain runc 1.5 runs --privileged and `exec --privileged` here: no wrapper. ---------------------------
# ---- containerd 2 -----------------------------------------------------------------------------------
phase=$(date +%s)
cat >"$ME_DIR/containerd.toml" <<TOML
# containerd for Berth's modern test engine (written by start-modern.sh). Every path is its own.
version = 4
imports = []
root = "$ME_DIR/containerd/root"
state = "$ME_DIR/containerd/state"
disabled_plugins = [
  "io.containerd.grpc.v1.cri",
  "io.containerd.cri.v1.runtime",
  "io.containerd.cri.v1.images",
  "io.containerd.podsandbox.controller.v1.podsandbox",
  "io.containerd.nri.v1.nri",
]
[plugins."io.containerd.server.v1.grpc"]
  address = "$ME_CONTAINERD_SOCK"
[plugins."io.containerd.server.v1.ttrpc"]
  address = "$ME_CONTAINERD_SOCK.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$ME_DIR/containerd/opt"
[plugins."io.containerd.image-verifier.v1.bindir"]
  bin_dir = "$ME_DIR/containerd/image-verifier"
TOML
ME_WATCH="containerd:containerd"
me_start_daemon containerd "$ME_BIN/containerd" --config "$ME_DIR/containerd.toml"
me_wait "containerd to answer" 60 "$ME_BIN/ctr" --address "$ME_CONTAINERD_SOCK" version
me_log "containerd $("$ME_BIN/ctr" --address "$ME_CONTAINERD_SOCK" version 2>/dev/null | awk '/Server:/ {s=1} s && /Version:/ {print $2; exit}') in $(($(date +%s) - phase))s"

# ---- dockerd 29 ---------------------------------------------------------------------------------------
phase=$(date +%s)
cat >"$ME_DIR/daemon.json" <<JSON
{
  "hosts": ["unix://$ME_SOCK"],
  "data-root": "$ME_DIR/docker",
  "exec-root": "$ME_DIR/exec",
  "pidfile": "$ME_DIR/dockerd.pid",
  "containerd": "$ME_CONTAINERD_SOCK",
  "userland-proxy-path": "$ME_BIN/docker-proxy",
  "cgroup-parent": "/berth-modern",
  "ip": "$ME_NS_IP",
  "shutdown-timeout": 3
}
JSON
ME_WATCH="containerd:containerd dockerd:dockerd"
me_start_daemon dockerd "$ME_BIN/dockerd" --config-file "$ME_DIR/daemon.json"
me_wait "dockerd to answer /_ping" 120 me_ping
runc_version="$(curl -fsS --unix-socket "$ME_SOCK" http://engine/version | grep -o '"Name":"runc","Version":"[^"]*"' | cut -d'"' -f8)"
[[ "v$runc_version" == "$RUNC_VERSION" ]] || me_die "dockerd runs runc '$runc_version', not ours ($RUNC_VERSION)"
me_log "dockerd in $(($(date +%s) - phase))s"

# ---- registry inside the namespace (Debian's docker-registry; 127.0.0.0/8 is insecure-by-default) -----
phase=$(date +%s)
cat >"$ME_DIR/registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $ME_DIR/registry
  delete:
    enabled: true
http:
  addr: 0.0.0.0:$ME_REGISTRY_PORT
YML
ME_WATCH="containerd:containerd dockerd:dockerd registry:docker-registry"
me_start_daemon registry "$(command -v docker-registry)" serve "$ME_DIR/registry.yml"
me_wait "the registry to answer" 30 me_nsenter curl -fsS "http://127.0.0.1:$ME_REGISTRY_PORT/v2/"
me_log "registry 127.0.0.1:$ME_REGISTRY_PORT (inside; $ME_NS_IP:$ME_REGISTRY_PORT from the host) in $(($(date +%s) - phase))s"

# ---- fixture images: the shared script, run inside the namespace so it pushes to this registry -------
phase=$(date +%s)
me_nsenter env DOCKER_HOST="unix://$ME_SOCK" bash "$here/../fixtures/build-images.sh" >&2
me_log "fixture images in $(($(date +%s) - phase))s"

ready_line
