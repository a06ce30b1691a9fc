#!/usr/bin/env bash
# Starts a local Kubernetes control plane on 127.0.0.1 for integration tests:
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok with
# 3 fake nodes (kwok-node-0..2). Daemons keep running after this exits.
#
#   BERTH_KUBE_DIR        state dir           (default /tmp/berth-kube)
#   BERTH_KUBE_PORT       apiserver port      (default 6443)
#   BERTH_KUBE_ETCD_PORT  etcd client port    (default 23790; peer port = +10)
#   BERTH_KUBE_PROXY_PORT relay port the cluster's own components use to reach the
#                         apiserver (default BERTH_KUBE_PORT+1; see gomod/apiproxy)
#   BERTH_KUBE_NODES      number of fake nodes (default 3)
#   BERTH_KUBE_TIMEOUT    readiness timeout in seconds (default 180)
#   BERTH_KUBE_CACHE      binary cache (default ~/.cache/berth-kube)
#   BERTH_KUBE_SKIP_BUILD=1  do not run build.sh first
#
# On success the last line printed is:  kubeconfig: <path>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
# shellcheck source=versions.env
source "$here/versions.env"

PORT="${BERTH_KUBE_PORT:-6443}"
ETCD_PORT="${BERTH_KUBE_ETCD_PORT:-23790}"
ETCD_PEER_PORT="$((ETCD_PORT + 10))"
PROXY_PORT="${BERTH_KUBE_PROXY_PORT:-$((PORT + 1))}"
NODES="${BERTH_KUBE_NODES:-3}"
TIMEOUT="${BERTH_KUBE_TIMEOUT:-180}"
CONTEXT=berth-test
KUBECONFIG_OUT="$KC_DIR/kubeconfig"

for t in openssl curl setsid base64; do
  command -v "$t" >/dev/null 2>&1 || kc_die "required tool not found: $t"
done

t_start_ms=$(( $(date +%s%N) / 1000000 ))

kc_lock 900   # a concurrent start.sh may be building (first build: minutes)

# ---- already running? --------------------------------------------------------
if [[ -f "$KC_DIR/cluster.env" ]] && kc_pid kube-apiserver >/dev/null && kc_pid etcd >/dev/null; then
  kc_load_env
  if kc_readyz; then
    kc_log "cluster already running in $KC_DIR (apiserver https://127.0.0.1:${BERTH_KUBE_PORT})"
    echo "kubeconfig: $KUBECONFIG_OUT"
    exit 0
  fi
fi
# Leftovers of a dead or half-started cluster: stop what's left and wipe.
if [[ -e "$KC_DIR" ]]; then
  if [[ -f "$KC_MARKER" ]]; then
    kc_log "removing stale cluster state in $KC_DIR"
    bash "$here/stop.sh" >/dev/null
  elif [[ -n "$(ls -A "$KC_DIR" 2>/dev/null)" ]]; then
    kc_die "$KC_DIR exists, is not empty and was not made by start.sh; refusing to use it (set BERTH_KUBE_DIR)"
  fi
fi

# ---- binaries ----------------------------------------------------------------
if [[ "${BERTH_KUBE_SKIP_BUILD:-0}" != 1 ]]; then
  bash "$here/build.sh" >&2 || kc_die "build.sh failed"
fi
for b in etcd kube-apiserver kube-controller-manager kube-scheduler kwok apiproxy; do
  [[ -x "$KC_BIN/$b" ]] || kc_die "missing binary $KC_BIN/$b (run build.sh)"
done
if [[ -x "$KC_BIN/kubectl" ]]; then KUBECTL="$KC_BIN/kubectl"
elif command -v kubectl >/dev/null 2>&1; then KUBECTL="$(command -v kubectl)"
else kc_die "no kubectl (neither $KC_BIN/kubectl nor on PATH)"
fi

for p in "$PORT" "$PROXY_PORT" "$ETCD_PORT" "$ETCD_PEER_PORT"; do
  kc_port_in_use "$p" && kc_die "port 127.0.0.1:$p is already in use (set BERTH_KUBE_PORT / BERTH_KUBE_ETCD_PORT)"
done

mkdir -p "$KC_DIR"/{pki,pids,logs,args,etcd,kwok,flexvolume}
chmod 700 "$KC_DIR" "$KC_DIR/etcd"
touch "$KC_MARKER"
cat > "$KC_DIR/cluster.env" <<EOF
BERTH_KUBE_PORT=$PORT
BERTH_KUBE_ETCD_PORT=$ETCD_PORT
BERTH_KUBE_PROXY_PORT=$PROXY_PORT
EOF
export BERTH_KUBE_PORT="$PORT"

started_ok=0
on_exit() {
  local rc=$?
  [[ $started_ok == 1 ]] && return 0
  (( rc != 0 )) || rc=1
  kc_log "start failed (exit $rc); logs are in $KC_DIR/logs"
  if [[ "${BERTH_KUBE_KEEP_ON_FAILURE:-0}" != 1 ]]; then
    # keep the logs for debugging, stop the daemons and wipe the state dir
    local keep; keep="$(mktemp -d /tmp/berth-kube-failed-logs.XXXXXX)"
    cp -r "$KC_DIR/logs/." "$keep/" 2>/dev/null || true
    bash "$here/stop.sh" >/dev/null 2>&1 || true
    kc_log "daemons stopped; logs copied to $keep (BERTH_KUBE_KEEP_ON_FAILURE=1 keeps the cluster)"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap "exit 130" INT TERM

# ---- PKI -----------------------------------------------------------------------
pki="$KC_DIR/pki"
(
  cd "$pki"
  umask 077
  ossl() { openssl "$@" 2>>"$KC_DIR/logs/openssl.log"; }
  ecKey() { ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
  ecKey ca.key
  ossl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=berth-test-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out ca.crt
  # sign NAME SUBJECT EXTENDED_KEY_USAGE [SAN]
  sign() {
    local name="$1" subj="$2" eku="$3" san="${4:-}"
    ecKey "$name.key"
    ossl req -new -key "$name.key" -subj "$subj" -out "$name.csr"
    {
      echo "basicConstraints=critical,CA:FALSE"
      echo "keyUsage=critical,digitalSignature,keyEncipherment"
      echo "extendedKeyUsage=$eku"
      [[ -n "$san" ]] && echo "subjectAltName=$san"
    } > "$name.ext"
    ossl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 3650 \
      -extfile "$name.ext" -out "$name.crt"
    rm -f "$name.csr" "$name.ext"
  }
  sign apiserver "/CN=kube-apiserver" serverAuth \
    "IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  sign admin "/O=system:masters/CN=berth-admin" clientAuth
  # Control-plane components are in system:masters (bypasses RBAC) and kcm does not
  # use per-controller service-account credentials: right after an apiserver
  # (re)start its RBAC cache is still filling, and "forbidden" errors there would push
  # the components' informers into long retry backoffs (slow recovery after
  # restart-apiserver.sh).
  sign controller-manager "/O=system:masters/CN=system:kube-controller-manager" clientAuth
  sign scheduler "/O=system:masters/CN=system:kube-scheduler" clientAuth
  sign kwok "/O=system:masters/CN=kwok-controller" clientAuth
  sign apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
  # service account token signing key pair
  ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out sa.key
  ossl pkey -in sa.key -pubout -out sa.pub
  chmod 644 ca.crt
) || kc_die "certificate generation failed (see $KC_DIR/logs/openssl.log)"

# write_kubeconfig FILE USER CONTEXT PORT (certs embedded: the file is self-contained)
write_kubeconfig() {
  local out="$1" user="$2" ctx="$3" port="$4"
  local b64="base64 -w0"
  cat > "$out" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: $ctx
  cluster:
    server: https://127.0.0.1:$port
    certificate-authority-data: $($b64 < "$pki/ca.crt")
users:
- name: $ctx-$user
  user:
    client-certificate-data: $($b64 < "$pki/$user.crt")
    client-key-data: $($b64 < "$pki/$user.key")
contexts:
- name: $ctx
  context:
    cluster: $ctx
    user: $ctx-$user
current-context: $ctx
EOF
  chmod 600 "$out"
}
# The cluster's own components go through apiproxy; the admin kubeconfig (for
# tests) talks to kube-apiserver directly.
write_kubeconfig "$KC_DIR/controller-manager.kubeconfig" controller-manager "$CONTEXT" "$PROXY_PORT"
write_kubeconfig "$KC_DIR/scheduler.kubeconfig" scheduler "$CONTEXT" "$PROXY_PORT"
write_kubeconfig "$KC_DIR/kwok.kubeconfig" kwok "$CONTEXT" "$PROXY_PORT"
write_kubeconfig "$KUBECONFIG_OUT.tmp" admin "$CONTEXT" "$PORT"

# ---- etcd --------------------------------------------------------------------------
KC_WATCH="etcd"
kc_start_daemon etcd \
  --name=berth \
  --data-dir="$KC_DIR/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="berth=http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster-state=new \
  --unsafe-no-fsync=true \
  --quota-backend-bytes=4294967296 \
  --log-level=warn
kc_wait "etcd health" 30 bash -c "curl -sf --max-time 2 http://127.0.0.1:$ETCD_PORT/health | grep -q '\"health\":\"true\"'"
kc_log "etcd up on 127.0.0.1:$ETCD_PORT"

# ---- kube-apiserver -----------------------------------------------------------------
KC_WATCH="etcd kube-apiserver"
kc_start_daemon kube-apiserver \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --bind-address=127.0.0.1 \
  --advertise-address=127.0.0.1 \
  --secure-port="$PORT" \
  --cert-dir="$pki" \
  --tls-cert-file="$pki/apiserver.crt" \
  --tls-private-key-file="$pki/apiserver.key" \
  --client-ca-file="$pki/ca.crt" \
  --kubelet-client-certificate="$pki/apiserver-kubelet-client.crt" \
  --kubelet-client-key="$pki/apiserver-kubelet-client.key" \
  --authorization-mode=RBAC \
  --anonymous-auth=false \
  --allow-privileged=true \
  --service-cluster-ip-range=10.96.0.0/16 \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$pki/sa.pub" \
  --service-account-signing-key-file="$pki/sa.key" \
  --endpoint-reconciler-type=none \
  --shutdown-watch-termination-grace-period=5s \
  --feature-gates=WatchCacheInitializationPostStartHook=true \
  --profiling=false \
  --v=1
kc_wait "kube-apiserver /readyz" "$TIMEOUT" kc_readyz
mv -f "$KUBECONFIG_OUT.tmp" "$KUBECONFIG_OUT"
kc_log "kube-apiserver ready on https://127.0.0.1:$PORT"

# ---- apiproxy, controller-manager, scheduler, kwok ----------------------------------------
kc_start_daemon apiproxy --listen="127.0.0.1:$PROXY_PORT" --backend="127.0.0.1:$PORT" \
  --ca="$pki/ca.crt" --cert="$pki/admin.crt" --key="$pki/admin.key"
KC_WATCH="etcd kube-apiserver apiproxy"
kc_wait "apiproxy on 127.0.0.1:$PROXY_PORT" 10 kc_port_in_use "$PROXY_PORT"
# Up to 100 API requests/s for the controller manager (its default is 20, which made the bench's 0 → 10,000
# pod scale-up take ~11 minutes of creates).
kc_start_daemon kube-controller-manager \
  --kubeconfig="$KC_DIR/controller-manager.kubeconfig" \
  --secure-port=0 \
  --leader-elect=false \
  --use-service-account-credentials=false \
  --service-account-private-key-file="$pki/sa.key" \
  --root-ca-file="$pki/ca.crt" \
  --cluster-signing-cert-file="$pki/ca.crt" \
  --cluster-signing-key-file="$pki/ca.key" \
  --controllers='*,bootstrapsigner,tokencleaner' \
  --flex-volume-plugin-dir="$KC_DIR/flexvolume" \
  --concurrent-deployment-syncs=5 --concurrent-replicaset-syncs=5 \
  --kube-api-qps=100 --kube-api-burst=200 \
  --profiling=false \
  --v=1
kc_start_daemon kube-scheduler \
  --kubeconfig="$KC_DIR/scheduler.kubeconfig" \
  --secure-port=0 \
  --leader-elect=false \
  --profiling=false \
  --v=1
cp "$here/kwok/stages.yaml" "$KC_DIR/kwok/stages.yaml"
kc_start_daemon kwok \
  --kubeconfig="$KC_DIR/kwok.kubeconfig" \
  --config="$KC_DIR/kwok/stages.yaml" \
  --manage-all-nodes=false \
  --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --node-ip=127.0.0.1 \
  --cidr=10.244.0.0/16 \
  --node-lease-duration-seconds=40
KC_WATCH="etcd kube-apiserver apiproxy kube-controller-manager kube-scheduler kwok"

# ---- fake nodes -------------------------------------------------------------------------
K() { "$KUBECTL" --kubeconfig="$KUBECONFIG_OUT" --request-timeout=10s "$@"; }
nodes_yaml="$KC_DIR/kwok/nodes.yaml"
: > "$nodes_yaml"
for ((i = 0; i < NODES; i++)); do
  cat >> "$nodes_yaml" <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    node.alpha.kubernetes.io/ttl: "0"
    kwok.x-k8s.io/node: fake
  labels:
    type: kwok
    beta.kubernetes.io/arch: amd64
    beta.kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    kubernetes.io/os: linux
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/role: agent
    node-role.kubernetes.io/agent: ""
spec: {}
status:
  allocatable:
    cpu: "32"
    memory: 256Gi
    pods: "110"
  capacity:
    cpu: "32"
    memory: 256Gi
    pods: "110"
  nodeInfo:
    architecture: amd64
    bootID: ""
    containerRuntimeVersion: "kwok"
    kernelVersion: ""
    kubeProxyVersion: fake
    kubeletVersion: $KUBE_VERSION
    machineID: ""
    operatingSystem: linux
    osImage: ""
    systemUUID: ""
  phase: Running
EOF
done
kc_wait "create fake nodes" 30 K apply -f "$nodes_yaml"

all_nodes_ready() {
  local out
  out="$(K get nodes -l type=kwok -o 'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}')" || return 1
  [[ "$(grep -c '=True$' <<<"$out")" == "$NODES" ]]
}
kc_wait "$NODES kwok nodes Ready" "$TIMEOUT" all_nodes_ready
# Pods can only be admitted once the ServiceAccount controller made "default".
kc_wait "default service account" "$TIMEOUT" K -n default get serviceaccount default
# Nodes are tainted not-ready until the node lifecycle controller sees them Ready.
no_taints() { [[ -z "$(K get nodes -l type=kwok -o 'jsonpath={.items[*].spec.taints}')" ]]; }
kc_wait "node taints cleared" "$TIMEOUT" no_taints

started_ok=1
el=$(( $(date +%s%N) / 1000000 - t_start_ms ))
kc_log "cluster up in $((el / 1000)).$(printf '%03d' $((el % 1000)))s; state $KC_DIR"
echo "kubeconfig: $KUBECONFIG_OUT"
