#!/usr/bin/env bash
# Checks a node image from build.sh for real: creates a kind cluster (a control
# plane and WORKERS workers) with the real kind binary, and checks that every
# kube-system pod gets Ready, that an image loaded with `kind load docker-image`
# runs, `kubectl logs/exec/port-forward`, pod-to-pod across nodes (with the pod's
# own source address), a Service by ClusterIP and by DNS name, and a volume from
# the default StorageClass. Prints each step's time; deletes the cluster at the end.
#
# Usage: verify.sh [WORKERS] [IMAGE]   (default 1 worker; image: build.sh's)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
workers="${1:-1}"
image="${2:-}"
if [[ -z "$image" ]]; then
  image="$(bash "$here/build.sh" | tail -n1 | sed -n 's/^node image: //p')"
fi
[[ -n "$image" ]] || { echo "verify.sh: no node image" >&2; exit 1; }
KUBE_BIN="${BERTH_KUBE_CACHE:-$HOME/.cache/berth-kube}/bin"
KIND="$KUBE_BIN/kind"
KUBECTL="$KUBE_BIN/kubectl"
[[ -x "$KUBECTL" ]] || KUBECTL=kubectl
BUSYBOX=berth-fixture/busybox:latest

name="berth-verify-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
dir="$(mktemp -d)"
export KUBECONFIG="$dir/kubeconfig"
pf=""
cleanup() {
  [[ -n "$pf" ]] && kill "$pf" 2>/dev/null || true
  "$KIND" delete cluster --name "$name" --kubeconfig "$KUBECONFIG" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

k() { "$KUBECTL" --request-timeout=30s "$@"; }
t_start=$(date +%s)
step() { # description, command...
  local t0; t0=$(date +%s)
  if ! out="$("${@:2}" 2>&1)"; then
    echo "verify.sh: FAILED: $1" >&2
    echo "$out" | tail -n 30 >&2
    exit 1
  fi
  echo "verify.sh: $1 ($(( $(date +%s) - t0 ))s)"
}
expect() { # description, expected substring, command...
  local got
  got="$("${@:3}" 2>&1)" || true
  if [[ "$got" != *"$2"* ]]; then
    echo "verify.sh: FAILED: $1: expected \"$2\", got:" >&2
    echo "$got" | tail -n 20 >&2
    exit 1
  fi
  echo "verify.sh: ok: $1"
}

{
  echo "kind: Cluster"
  echo "apiVersion: kind.x-k8s.io/v1alpha4"
  echo "nodes:"
  echo "  - role: control-plane"
  for _ in $(seq 1 "$workers"); do echo "  - role: worker"; done
} >"$dir/kind.yaml"

echo "verify.sh: cluster $name: 1 control plane + $workers worker(s), image $image"
step "kind create cluster" "$KIND" create cluster --name "$name" --image "$image" --config "$dir/kind.yaml" --kubeconfig "$KUBECONFIG"
step "nodes Ready" k wait --for=condition=Ready node --all --timeout=180s
step "kube-system pods Ready" k wait -n kube-system --for=condition=Ready pod --all --timeout=180s
echo "verify.sh: cluster ready $(( $(date +%s) - t_start ))s after kind create started"
step "local-path-provisioner Ready" k wait -n local-path-storage --for=condition=Ready pod --all --timeout=180s
step "kind load docker-image $BUSYBOX" "$KIND" load docker-image --name "$name" "$BUSYBOX"

# web on the last node (a worker if there is one); client on the control plane
server_node="$(k get nodes -o jsonpath='{.items[-1:].metadata.name}')"
client_node="${name}-control-plane"
cat >"$dir/pods.yaml" <<EOF
apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  nodeName: $server_node
  containers:
    - name: web
      image: $BUSYBOX
      imagePullPolicy: Never
      command: ["sh", "-c", "mkdir -p /www && echo hello-from-web > /www/index.html && echo web started && exec httpd -f -vv -p 8080 -h /www"]
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec:
  nodeName: $client_node
  tolerations: [{ operator: Exists }]
  containers:
    - name: client
      image: $BUSYBOX
      imagePullPolicy: Never
      command: ["sleep", "3600"]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data }
spec:
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 10Mi } }
---
apiVersion: v1
kind: Pod
metadata: { name: writer }
spec:
  containers:
    - name: writer
      image: $BUSYBOX
      imagePullPolicy: Never
      command: ["sh", "-c", "echo stored > /data/file && cat /data/file && sleep 3600"]
      volumeMounts: [{ name: data, mountPath: /data }]
  volumes: [{ name: data, persistentVolumeClaim: { claimName: data } }]
EOF
step "apply pods, Service, PVC" k apply -f "$dir/pods.yaml"
step "pods Ready" k wait --for=condition=Ready pod/web pod/client pod/writer --timeout=180s

web_ip="$(k get pod web -o jsonpath='{.status.podIP}')"
client_ip="$(k get pod client -o jsonpath='{.status.podIP}')"
svc_ip="$(k get svc web -o jsonpath='{.spec.clusterIP}')"
echo "verify.sh: web $web_ip on $server_node, client $client_ip on $client_node, service $svc_ip"
expect "kubectl logs" "web started" k logs web
expect "kubectl exec" "Linux" k exec client -- uname -s
expect "pod to pod ($client_node -> $server_node)" "hello-from-web" k exec client -- wget -qO- "http://$web_ip:8080/"
expect "the web pod saw the client pod's own address" "$client_ip" k logs web
expect "Service by ClusterIP" "hello-from-web" k exec client -- wget -qO- "http://$svc_ip/"
expect "Service by DNS name (web)" "hello-from-web" k exec client -- wget -qO- "http://web/"
expect "Service by DNS name (web.default.svc.cluster.local)" "hello-from-web" \
  k exec client -- wget -qO- "http://web.default.svc.cluster.local/"
expect "volume from the default StorageClass" "stored" k logs writer
expect "PVC bound" "Bound" k get pvc data -o jsonpath='{.status.phase}'

port=$(( 20000 + RANDOM % 20000 ))
"$KUBECTL" port-forward --address 127.0.0.1 pod/web "$port:8080" >"$dir/pf.log" 2>&1 &
pf=$!
for _ in $(seq 1 50); do grep -q Forwarding "$dir/pf.log" 2>/dev/null && break; sleep 0.2; done
expect "kubectl port-forward" "hello-from-web" curl -s --max-time 10 "http://127.0.0.1:$port/"

t0=$(date +%s)
"$KIND" delete cluster --name "$name" --kubeconfig "$KUBECONFIG" >/dev/null 2>&1
echo "verify.sh: kind delete cluster ($(( $(date +%s) - t0 ))s)"
echo "verify.sh: all checks passed for $image (1 control plane + $workers worker(s)) in $(( $(date +%s) - t_start ))s"
