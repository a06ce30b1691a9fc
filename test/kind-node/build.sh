#!/usr/bin/env bash
# Builds a kind node image offline (no container registry), for the Kubernetes
# version pinned in ../kube-cluster/versions.env, and prints
#   node image: berth-kind-node:<kube version>-<hash of the inputs>
# as its last line. `kind create cluster --image <that>` then makes a cluster
# whose pods run. Parts (see README.md):
#   - a Debian rootfs by debootstrap (systemd, containerd, runc, CNI plugins, iptables)
#   - kind's base files from the sigs.k8s.io/kind module (images/base/files)
#   - kubelet, kubeadm, kube-proxy from k8s.io/kubernetes (../kube-cluster/gomod/kubernetes);
#     kube-apiserver, kube-controller-manager, kube-scheduler, kubectl and etcd are the
#     ones ../kube-cluster/build.sh builds
#   - CoreDNS (github.com/coredns/coredns), crictl (sigs.k8s.io/cri-tools), pause (pause/pause.c)
#   - cnid (cnid/): a test-only CNI daemon standing in for kindnetd
#   - the control-plane images, made with `docker import` under the names kubeadm
#     expects and imported into the node's containerd.
#
# Cached under ~/.cache/berth-kind-node (and the Go caches): if the image with this
# tag exists, this returns in about a second; each part has its own stamp.
# Log: ~/.cache/berth-kind-node/build.log (+ logs/<part>.log).
#
# Usage: build.sh [--force]      (BERTH_KIND_NODE_CACHE, BERTH_DEBIAN_MIRROR, GO: env)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kc="$(cd "$here/../kube-cluster" && pwd)"
# shellcheck source=../kube-cluster/versions.env
source "$kc/versions.env"
# shellcheck source=versions.env
source "$here/versions.env"

if [[ -z "${HOME:-}" ]]; then HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"; export HOME; fi
CACHE="${BERTH_KIND_NODE_CACHE:-$HOME/.cache/berth-kind-node}"
KUBE_BIN="${BERTH_KUBE_CACHE:-$HOME/.cache/berth-kube}/bin"
BIN="$CACHE/bin"
LOGS="$CACHE/logs"
LOG="$CACHE/build.log"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1
mkdir -p "$BIN" "$LOGS"

if [[ -z "${GO:-}" ]]; then
  if command -v go >/dev/null 2>&1; then GO="$(command -v go)"
  elif [[ -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go
  else echo "build.sh: no Go toolchain found (set GO=/path/to/go)" >&2; exit 1
  fi
fi
gover="$("$GO" env GOVERSION 2>/dev/null || echo unknown)"

hash_files() { cat "$@" | sha256sum | cut -c1-16; }

# ---- the image tag: a hash of everything it is built from --------------------------
inputs=()   # what goes into the image (not README.md, gomod/generate.sh, verify.sh)
while IFS= read -r f; do inputs+=("$f"); done < <(
  cd "$here" && find build.sh versions.env node manifests pause cnid gomod/kubernetes gomod/coredns -type f | LC_ALL=C sort)
image_key="$( { (cd "$here" && sha256sum "${inputs[@]}")
  (cd "$kc" && sha256sum versions.env gomod/kubernetes/go.mod gomod/kubernetes/go.sum \
    gomod/etcd/go.mod gomod/etcd/go.sum gomod/etcd/main.go)
  echo "go=${gover}"; } | sha256sum | cut -c1-12)"
IMAGE="berth-kind-node:${KUBE_VERSION}-${image_key}"

image_exists() { docker image inspect "$IMAGE" >/dev/null 2>&1; }
if [[ $FORCE == 0 ]] && image_exists; then
  echo "build.sh: $IMAGE is up to date"
  echo "node image: $IMAGE"
  exit 0
fi

# Serialise concurrent builds (two test runs starting at once).
exec 9>"$CACHE/.build.lock"
flock -w 7200 9 || { echo "build.sh: timed out waiting for the build lock $CACHE/.build.lock" >&2; exit 1; }
if [[ $FORCE == 0 ]] && image_exists; then
  echo "build.sh: $IMAGE was built while we waited"
  echo "node image: $IMAGE"
  exit 0
fi

export GOTOOLCHAIN=local GOWORK=off
export GOFLAGS="-mod=readonly -buildvcs=false"
export CGO_ENABLED=0   # static binaries, as upstream releases them

tmp="$(mktemp -d "$CACHE/.build.XXXXXX")"
build_ctr="berth-kind-node-build-$$"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  docker rm -f "$build_ctr" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

start_all=$(date +%s)
echo "build.sh: building $IMAGE (log: $LOG) go=${gover}"
echo "==== $(date -u +%FT%TZ) build $IMAGE start go=${gover}" >>"$LOG"

in_dir() { (cd "$1" && shift && "$@"); } # dir, command...

# run DESCRIPTION COMMAND...: output to $LOG; on failure shows its tail and exits
# (the script, or the background part it runs in). Never call it in a condition
# (`if run`, `run || ...`): bash would then ignore `set -e` inside the command.
run() {
  local desc="$1" t0 rc; shift
  t0=$(date +%s)
  echo "build.sh: $desc ..."
  echo "---- $(date -u +%T) $desc: $*" >>"$LOG"
  set +e
  ( set -e; "$@" ) >>"$LOG" 2>&1
  rc=$?
  set -e
  if [[ $rc != 0 ]]; then
    echo "build.sh: FAILED: $desc (log: $LOG)" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  echo "build.sh: $desc done in $(( $(date +%s) - t0 ))s"
}

# Parts built in the background log to their own file (so logs do not interleave).
part() { # name, function...
  local name="$1"; shift
  ( LOG="$LOGS/$name.log"; echo "==== $(date -u +%FT%TZ) $IMAGE" >>"$LOG"; "$@" ) &
  pids+=($!)
}
wait_parts() {
  local p failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  pids=()
  if [[ $failed != 0 ]]; then
    echo "build.sh: a part failed (logs: $LOGS)" >&2
    exit 1
  fi
}

stamp_ok() { # name, key
  [[ $FORCE == 0 && -e "$BIN/$1" && -f "$BIN/.$1.stamp" && "$(cat "$BIN/.$1.stamp")" == "$2" ]]
}
stamp() { printf '%s\n' "$2" >"$BIN/.$1.stamp"; }

# ---- part: kube binaries (control plane from ../kube-cluster; kubelet, kubeadm,
#      kube-proxy from gomod/kubernetes: the same module with these three added, see
#      gomod/generate.sh), then cnid. One Go build at a time here: they share most
#      packages, and the build cache is only shared between builds that do not run
#      at the same time.
kmod="$here/gomod/kubernetes"
kube_key="kubernetes=${KUBE_VERSION} go=${gover} mod=$(hash_files "$kmod/go.mod" "$kmod/go.sum")"
cnid_key="cnid go=${gover} src=$(hash_files "$here"/cnid/go.mod "$here"/cnid/go.sum "$here"/cnid/*.go)"

build_node_kube() {
  local minor build_date info kflags n
  minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
  # buildDate: the release's publication time, as ../kube-cluster/build.sh stamps it
  build_date=""
  info="$(in_dir "$kmod" "$GO" mod download -json "k8s.io/kubernetes@${KUBE_VERSION}" 2>/dev/null \
    | sed -n 's/.*"Info": "\(.*\)".*/\1/p')" || info=""
  if [[ -n "$info" && -f "$info" ]]; then
    build_date="$(sed -n 's/.*"Time": *"\([^"]*\)".*/\1/p' "$info" | head -n1)"
  fi
  [[ -n "$build_date" ]] || build_date="1970-01-01T00:00:00Z"
  kflags="-s -w"
  for n in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    kflags+=" -X ${n}.gitVersion=${KUBE_VERSION}"
    kflags+=" -X ${n}.gitMajor=1 -X ${n}.gitMinor=${minor}"
    kflags+=" -X ${n}.gitTreeState=clean -X ${n}.buildDate=${build_date}"
  done
  mkdir -p "$tmp/kube"
  in_dir "$kmod" "$GO" build -trimpath -ldflags "$kflags" -o "$tmp/kube/" \
    k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kubeadm k8s.io/kubernetes/cmd/kube-proxy
  for n in kubelet kubeadm kube-proxy; do mv -f "$tmp/kube/$n" "$BIN/$n"; stamp "$n" "$kube_key"; done
}

part_go_kube() {
  run "control plane binaries (../kube-cluster/build.sh)" bash "$kc/build.sh"
  if ! stamp_ok kubelet "$kube_key" || ! stamp_ok kubeadm "$kube_key" || ! stamp_ok kube-proxy "$kube_key"; then
    run "kubelet, kubeadm, kube-proxy ${KUBE_VERSION}" build_node_kube
  fi
  if ! stamp_ok cnid "$cnid_key"; then
    run "cnid (test CNI daemon)" \
      in_dir "$here/cnid" "$GO" build -trimpath -ldflags "-s -w" -o "$BIN/cnid" .
    stamp cnid "$cnid_key"
  fi
}

# ---- part: CoreDNS (gomod/coredns: CoreDNS's main with only the plugins a kind cluster's
#      Corefile uses, a third of the full build), crictl, local-path-provisioner (`go install
#      module@version`: their go.mod has no replaces) ----------------------------------------
cmod="$here/gomod/coredns"
grep -q "github.com/coredns/coredns ${COREDNS_VERSION}\$" "$cmod/go.mod" || {
  echo "build.sh: gomod/coredns/go.mod does not require CoreDNS ${COREDNS_VERSION} (versions.env); update it" >&2
  exit 1
}
coredns_key="coredns=${COREDNS_VERSION} go=${gover} src=$(hash_files "$cmod/go.mod" "$cmod/go.sum" "$cmod/main.go")"
crictl_key="crictl=${CRICTL_VERSION} go=${gover} version-stamped"
lpp_key="local-path-provisioner=${LOCAL_PATH_PROVISIONER_VERSION} go=${gover} version-stamped"
go_install() { # name, package@version, [extra -ldflags (version stamps, as the projects' Makefiles set them)]
  mkdir -p "$tmp/gobin-$1"
  GOFLAGS="-mod=mod -buildvcs=false" GOBIN="$tmp/gobin-$1" "$GO" install -trimpath -ldflags "-s -w ${3:-}" "$2"
  mv -f "$tmp/gobin-$1/$1" "$BIN/$1"
}
go_build_in() { # name, module directory
  (cd "$2" && GOFLAGS="-mod=mod -buildvcs=false" "$GO" build -trimpath -ldflags "-s -w" -o "$BIN/$1.tmp" .)
  mv -f "$BIN/$1.tmp" "$BIN/$1"
}
part_go_tools() {
  if ! stamp_ok coredns "$coredns_key"; then
    run "CoreDNS ${COREDNS_VERSION} (kind's plugins)" go_build_in coredns "$cmod"
    stamp coredns "$coredns_key"
  fi
  if ! stamp_ok crictl "$crictl_key"; then
    run "crictl ${CRICTL_VERSION}" go_install crictl "sigs.k8s.io/cri-tools/cmd/crictl@${CRICTL_VERSION}" \
      "-X sigs.k8s.io/cri-tools/pkg/version.Version=${CRICTL_VERSION#v}"
    stamp crictl "$crictl_key"
  fi
  if ! stamp_ok local-path-provisioner "$lpp_key"; then
    run "local-path-provisioner ${LOCAL_PATH_PROVISIONER_VERSION}" go_install local-path-provisioner \
      "github.com/rancher/local-path-provisioner@${LOCAL_PATH_PROVISIONER_VERSION}" \
      "-X main.VERSION=${LOCAL_PATH_PROVISIONER_VERSION}"
    stamp local-path-provisioner "$lpp_key"
  fi
}

# ---- part: the Debian rootfs (debootstrap; .debs kept in $CACHE/debs) ----------------
# What kind's base image installs, from Debian: containerd, runc and the CNI
# plugins come as Debian packages instead of kind's own builds.
packages=(systemd systemd-sysv dbus containerd runc containernetworking-plugins
  iptables nftables iproute2 conntrack ethtool util-linux mount kmod libseccomp2 pigz
  e2fsprogs bash ca-certificates jq procps socat netbase)
debian_mirror() {
  if [[ -n "${BERTH_DEBIAN_MIRROR:-}" ]]; then echo "$BERTH_DEBIAN_MIRROR"; return; fi
  # the machine's own apt sources (one-line or deb822 format): the first Debian archive
  local m
  m="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -E '^[[:space:]]*(deb[[:space:]]|URIs:)' | grep -oE '(https?|file)://[^[:space:]]*/debian/?([[:space:]]|$)' \
    | head -n1 | tr -d '[:space:]')" || true
  echo "${m:-http://deb.debian.org/debian}"
}
mirror="$(debian_mirror)"
rootfs_key="$(printf '%s\n' "$DEBIAN_SUITE" "$mirror" "${packages[*]}" | sha256sum | cut -c1-12)"
ROOTFS_TAR="$CACHE/rootfs-${DEBIAN_SUITE}-${rootfs_key}.tar"
ROOTFS_IMAGE="berth-kind-node-rootfs:${DEBIAN_SUITE}-${rootfs_key}"

make_rootfs() {
  local target="$tmp/rootfs"
  mkdir -p "$CACHE/debs"
  debootstrap --variant=minbase --cache-dir="$CACHE/debs" --include="$(IFS=,; echo "${packages[*]}")" \
    "$DEBIAN_SUITE" "$target" "$mirror"
  chroot "$target" apt-get clean
  rm -rf "$target"/var/lib/apt/lists/* "$target"/var/cache/apt/*.bin "$target"/var/log/*.log
  tar -C "$target" --numeric-owner -cf "$ROOTFS_TAR.tmp" .
  mv -f "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  rm -rf "$target"
}
part_rootfs() {
  if [[ $FORCE == 1 || ! -f "$ROOTFS_TAR" ]]; then
    run "Debian ${DEBIAN_SUITE} rootfs (debootstrap from $mirror)" make_rootfs
  fi
  if [[ $FORCE == 1 ]] || ! docker image inspect "$ROOTFS_IMAGE" >/dev/null 2>&1; then
    run "rootfs image $ROOTFS_IMAGE" docker import "$ROOTFS_TAR" "$ROOTFS_IMAGE"
  fi
}

# ---- part: pause (a tiny static C program) --------------------------------------------
pause_key="pause cc=$(cc -dumpversion 2>/dev/null) src=$(hash_files "$here/pause/pause.c")"
part_pause() {
  if ! stamp_ok pause "$pause_key"; then
    run "pause" cc -static -Os -s -Wall -o "$BIN/pause" "$here/pause/pause.c"
    stamp pause "$pause_key"
  fi
}

# kind's base files: the module, from the Go module cache
kind_base="$(cd "$tmp" && GOFLAGS=-mod=mod "$GO" mod download -json "sigs.k8s.io/kind@${KIND_VERSION}" \
  | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')/images/base/files"
[[ -d "$kind_base" ]] || { echo "build.sh: no images/base/files in sigs.k8s.io/kind@${KIND_VERSION}" >&2; exit 1; }

t_parts=$(date +%s)
echo "build.sh: parts (in parallel: Go kube build, CoreDNS + crictl + local-path-provisioner, rootfs, pause) ..."
part go-kube part_go_kube
part go-tools part_go_tools
part rootfs part_rootfs
part pause part_pause
wait_parts
echo "build.sh: parts done in $(( $(date +%s) - t_parts ))s"

# ---- the images kubeadm expects, made with `docker import` -------------------------
# They get berth-local names in the engine (so the shared engine holds no fake
# registry.k8s.io tags); setup-node.sh renames them inside the node's containerd.
parts_tag="${KUBE_VERSION}-${image_key}"
stage="$tmp/stage"
mkdir -p "$stage/bin" "$stage/manifests"
names=()      # engine names to save
: >"$stage/image-names.txt"
import_image() { # dir, name in the node, docker import --change args...
  local dir="$1" node_name="$2"; shift 2
  local local_name
  local_name="berth-kind-node-part/$(basename "${node_name%%:*}"):${parts_tag}"
  tar -C "$dir" --numeric-owner --owner=0 --group=0 -cf - . \
    | docker import "$@" --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$local_name" >/dev/null
  names+=("$local_name")
  echo "docker.io/${local_name} ${node_name}" >>"$stage/image-names.txt"
}
# names no registry serves: only ever the imported images
cnid_image="berth.test/cnid:${parts_tag}"
lpp_image="berth.test/local-path-provisioner:${LOCAL_PATH_PROVISIONER_VERSION}-${image_key}"
lpp_helper_image="berth.test/local-path-helper:${parts_tag}"

make_images() {
  local d n
  for n in kube-apiserver kube-controller-manager kube-scheduler; do
    d="$tmp/img-$n"; mkdir -p "$d/usr/local/bin"
    cp "$KUBE_BIN/$n" "$d/usr/local/bin/"
    import_image "$d" "registry.k8s.io/$n:${KUBE_VERSION}"
  done
  d="$tmp/img-etcd"; mkdir -p "$d/usr/local/bin" "$d/var/lib/etcd"
  cp "$KUBE_BIN/etcd" "$d/usr/local/bin/"
  import_image "$d" "registry.k8s.io/etcd:${ETCD_TAG}"
  d="$tmp/img-coredns"; mkdir -p "$d"
  cp "$BIN/coredns" "$d/coredns"
  import_image "$d" "registry.k8s.io/coredns/coredns:${COREDNS_TAG}" --change 'ENTRYPOINT ["/coredns"]'
  d="$tmp/img-pause"; mkdir -p "$d"
  cp "$BIN/pause" "$d/pause"
  import_image "$d" "registry.k8s.io/pause:${PAUSE_TAG}" --change 'ENTRYPOINT ["/pause"]'

  # kube-proxy and cnid run iptables: the xtables binaries and their libraries
  # from the rootfs, plus select-iptables picking legacy or nft as the node does.
  d="$tmp/img-iptables"; mkdir -p "$d"
  docker run --rm --network none -v "$d:/out" -v "$here/node/collect.sh:/collect.sh:ro" \
    --entrypoint /bin/sh "$ROOTFS_IMAGE" /collect.sh \
    /usr/sbin/xtables-legacy-multi /usr/sbin/xtables-nft-multi \
    /usr/lib/x86_64-linux-gnu/xtables/*.so /bin/sh /bin/ln /bin/mv \
    /etc/protocols /etc/services /etc/ethertypes /etc/xtables
  for n in legacy nft; do
    for c in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
      ln -sf "xtables-$n-multi" "$d/usr/sbin/$c-$n"
    done
  done
  install -m 0755 "$here/node/select-iptables" "$d/usr/sbin/select-iptables"

  cp -a "$d" "$tmp/img-kube-proxy"
  install -D -m 0755 "$BIN/kube-proxy" "$tmp/img-kube-proxy/usr/local/bin/kube-proxy.bin"
  printf '#!/bin/sh\n# kube-proxy, with iptables pointed at the backend the node uses\nexec /usr/sbin/select-iptables /usr/local/bin/kube-proxy.bin "$@"\n' \
    >"$tmp/img-kube-proxy/usr/local/bin/kube-proxy"
  chmod 0755 "$tmp/img-kube-proxy/usr/local/bin/kube-proxy"
  import_image "$tmp/img-kube-proxy" "registry.k8s.io/kube-proxy:${KUBE_VERSION}"

  # the default storage: local-path-provisioner, and its helper pods' image (sh, mkdir, rm)
  d="$tmp/img-lpp"; mkdir -p "$d"
  install -D -m 0755 "$BIN/local-path-provisioner" "$d/usr/local/bin/local-path-provisioner"
  import_image "$d" "$lpp_image"
  d="$tmp/img-lpp-helper"; mkdir -p "$d"
  docker run --rm --network none -v "$d:/out" -v "$here/node/collect.sh:/collect.sh:ro" \
    --entrypoint /bin/sh "$ROOTFS_IMAGE" /collect.sh /bin/sh /bin/mkdir /bin/rm /bin/chmod /bin/ls
  import_image "$d" "$lpp_helper_image"

  d="$tmp/img-iptables"
  cp -a "$d" "$tmp/img-cnid"
  install -D -m 0755 "$BIN/cnid" "$tmp/img-cnid/usr/local/bin/cnid"
  import_image "$tmp/img-cnid" "${cnid_image}"

  docker save -o "$stage/images.tar" "${names[@]}"
  docker rmi "${names[@]}" >/dev/null
}
run "control-plane images (docker import)" make_images

# ---- the node image ----------------------------------------------------------------
stage_node() {
  cp -a "$kind_base" "$stage/kind-base"
  chmod -R u+w "$stage/kind-base"
  install -m 0755 "$BIN/kubelet" "$BIN/kubeadm" "$KUBE_BIN/kubectl" "$BIN/crictl" "$stage/bin/"
  install -m 0755 "$here/node/setup-node.sh" "$here/node/restrict-oom-score-adj.sh" "$stage/"
  printf 'KUBE_VERSION=%s\nPAUSE_TAG=%s\n' "$KUBE_VERSION" "$PAUSE_TAG" >"$stage/versions.env"
  sed "s#__CNID_IMAGE__#${cnid_image}#" "$here/manifests/default-cni.yaml" >"$stage/manifests/default-cni.yaml"
  sed -e "s#__STORAGE_PROVISIONER_IMAGE__#${lpp_image}#" -e "s#__STORAGE_HELPER_IMAGE__#${lpp_helper_image}#" \
    "$here/manifests/default-storage.yaml" >"$stage/manifests/default-storage.yaml"
}
build_node() {
  docker rm -f "$build_ctr" >/dev/null 2>&1 || true
  # privileged: containerd runs inside to import the images (kind's builder does the same).
  # The stage is mounted under /tmp, which kind nodes cover with a tmpfs.
  docker run --name "$build_ctr" --privileged --network none \
    -v "$stage:/tmp/stage:ro" --entrypoint /tmp/stage/setup-node.sh "$ROOTFS_IMAGE"
  docker commit "$build_ctr" "berth-kind-node-build:${parts_tag}" >/dev/null
  docker rm -f "$build_ctr" >/dev/null
  # What `docker commit --change` cannot set on Docker 20.10 (STOPSIGNAL): a metadata-only build.
  mkdir -p "$tmp/final"
  cat >"$tmp/final/Dockerfile" <<EOF
FROM berth-kind-node-build:${parts_tag}
ENV container=docker
STOPSIGNAL SIGRTMIN+3
ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]
CMD []
LABEL io.berth.test.kind-node.kubernetes="${KUBE_VERSION}" io.berth.test.kind-node.inputs="${image_key}"
EOF
  DOCKER_BUILDKIT=0 docker build -q -t "$IMAGE" "$tmp/final"
  docker rmi "berth-kind-node-build:${parts_tag}" >/dev/null
}
run "stage node files" stage_node
run "node image (setup-node.sh in a build container, docker commit)" build_node

echo "==== $(date -u +%FT%TZ) build $IMAGE done in $(( $(date +%s) - start_all ))s" >>"$LOG"
echo "build.sh: built in $(( $(date +%s) - start_all ))s"
echo "node image: $IMAGE"
