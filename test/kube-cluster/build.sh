#!/usr/bin/env bash
# Builds the binaries for the local test control plane from the Go module proxy:
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl (k8s.io/kubernetes)
#   etcd (go.etcd.io/etcd/server/v3 etcdmain), kwok, kind, and apiproxy (gomod/apiproxy)
# into ${BERTH_KUBE_CACHE:-$HOME/.cache/berth-kube}/bin.
#
# Idempotent: each binary has a stamp (versions + hash of the module files); if
# all stamps match, nothing is built and this exits in well under a second.
# A cold build takes ~20-30 minutes on 2 cores; log: $CACHE/build.log.
#
# Usage: build.sh [--force]     (BERTH_KUBE_CACHE, GO overridable via env)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

if [[ -z "${HOME:-}" ]]; then HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"; export HOME; fi
CACHE="${BERTH_KUBE_CACHE:-$HOME/.cache/berth-kube}"
BIN="$CACHE/bin"
LOG="$CACHE/build.log"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

if [[ -z "${GO:-}" ]]; then
  if command -v go >/dev/null 2>&1; then GO="$(command -v go)"
  elif [[ -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go
  else echo "build.sh: no Go toolchain found (set GO=/path/to/go)" >&2; exit 1
  fi
fi

mkdir -p "$BIN"

hash_files() { cat "$@" | sha256sum | cut -c1-16; }

# Stamp key of every binary: what it is built from. Includes the Go version.
gover="$("$GO" env GOVERSION 2>/dev/null || echo unknown)"
kube_key="kubernetes=${KUBE_VERSION} go=${gover} mod=$(hash_files "$here/gomod/kubernetes/go.mod" "$here/gomod/kubernetes/go.sum")"
etcd_key="etcd=${ETCD_VERSION} go=${gover} mod=$(hash_files "$here/gomod/etcd/go.mod" "$here/gomod/etcd/go.sum" "$here/gomod/etcd/main.go")"
kwok_key="kwok=${KWOK_VERSION} go=${gover}"
proxy_key="apiproxy go=${gover} src=$(hash_files "$here/gomod/apiproxy/go.mod" "$here/gomod/apiproxy/main.go")"
kind_key="kind=${KIND_VERSION} go=${gover}"

declare -A KEY=(
  [kube-apiserver]="$kube_key"
  [kube-controller-manager]="$kube_key"
  [kube-scheduler]="$kube_key"
  [kubectl]="$kube_key"
  [etcd]="$etcd_key"
  [kwok]="$kwok_key"
  [kind]="$kind_key"
  [apiproxy]="$proxy_key"
)

up_to_date() { # name
  [[ $FORCE == 0 && -x "$BIN/$1" && -f "$BIN/.$1.stamp" ]] && [[ "$(cat "$BIN/.$1.stamp")" == "${KEY[$1]}" ]]
}
mark() { printf '%s\n' "${KEY[$1]}" > "$BIN/.$1.stamp"; }

all_up_to_date() {
  local n
  for n in "${!KEY[@]}"; do up_to_date "$n" || return 1; done
}

write_stamp() {
  {
    echo "KUBE_VERSION=${KUBE_VERSION}"
    echo "ETCD_VERSION=${ETCD_VERSION}"
    echo "KWOK_VERSION=${KWOK_VERSION}"
    echo "KIND_VERSION=${KIND_VERSION}"
    echo "GO_VERSION=${gover}"
  } > "$BIN/versions.stamp.tmp"
  mv "$BIN/versions.stamp.tmp" "$BIN/versions.stamp"
}

if all_up_to_date; then
  [[ -f "$BIN/versions.stamp" ]] || write_stamp
  echo "build.sh: binaries up to date in $BIN"
  exit 0
fi

# Serialise concurrent builds (e.g. two test runs starting at once).
exec 9>"$CACHE/.build.lock"
if command -v flock >/dev/null 2>&1; then
  flock -w 7200 9 || { echo "build.sh: timed out waiting for build lock $CACHE/.build.lock" >&2; exit 1; }
fi
# Another process may have finished the build while we waited.
if all_up_to_date; then
  write_stamp
  echo "build.sh: binaries up to date in $BIN"
  exit 0
fi

export GOTOOLCHAIN=local   # never download another toolchain
export GOWORK=off
export GOFLAGS="-mod=mod -buildvcs=false"
export CGO_ENABLED=0       # static binaries, as upstream releases them
# Let the standard Go caches (GOMODCACHE, GOCACHE) persist across runs.

tmp="$(mktemp -d "$CACHE/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

start_all=$(date +%s)
echo "build.sh: building into $BIN (log: $LOG) go=${gover}"
{ echo "==== $(date -u +%FT%TZ) build start go=${gover}"; } >>"$LOG"

in_dir() { (cd "$1" && shift && "$@"); } # dir, command...

run() { # description, command...
  local desc="$1"; shift
  local t0; t0=$(date +%s)
  echo "build.sh: $desc ..."
  echo "---- $desc: $*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    echo "build.sh: FAILED: $desc (see $LOG)" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  echo "build.sh: $desc done in $(( $(date +%s) - t0 ))s"
}

# ---- etcd ------------------------------------------------------------------
if ! up_to_date etcd; then
  run "etcd ${ETCD_VERSION}" \
    in_dir "$here/gomod/etcd" \
    "$GO" build -trimpath -ldflags "-s -w" -o "$tmp/etcd" .
  mv -f "$tmp/etcd" "$BIN/etcd"; mark etcd
fi

# ---- apiproxy (stdlib only, ~1s) ---------------------------------------------------
if ! up_to_date apiproxy; then
  run "apiproxy" \
    in_dir "$here/gomod/apiproxy" \
    "$GO" build -trimpath -ldflags "-s -w" -o "$tmp/apiproxy" .
  mv -f "$tmp/apiproxy" "$BIN/apiproxy"; mark apiproxy
fi

# ---- kwok / kind: plain `go install pkg@version` (their go.mod has no replaces)
if ! up_to_date kwok; then
  run "kwok ${KWOK_VERSION}" \
    env GOBIN="$tmp" "$GO" install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}"
  mv -f "$tmp/kwok" "$BIN/kwok"; mark kwok
fi
if ! up_to_date kind; then
  run "kind ${KIND_VERSION}" \
    env GOBIN="$tmp" "$GO" install -trimpath -ldflags "-s -w" "sigs.k8s.io/kind@${KIND_VERSION}"
  mv -f "$tmp/kind" "$BIN/kind"; mark kind
fi

# ---- kubernetes control plane ---------------------------------------------
if ! up_to_date kube-apiserver || ! up_to_date kube-controller-manager || ! up_to_date kube-scheduler || ! up_to_date kubectl; then
  minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
  # buildDate: the release's publication time (reproducible), if the proxy told us.
  build_date=""
  info="$(in_dir "$here/gomod/kubernetes" "$GO" mod download -json "k8s.io/kubernetes@${KUBE_VERSION}" 2>/dev/null \
    | sed -n 's/.*"Info": "\(.*\)".*/\1/p')" || info=""
  if [[ -n "$info" && -f "$info" ]]; then
    build_date="$(sed -n 's/.*"Time": *"\([^"]*\)".*/\1/p' "$info" | head -n1)"
  fi
  [[ -n "$build_date" ]] || build_date="1970-01-01T00:00:00Z"
  kflags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    kflags+=" -X ${pkg}.gitVersion=${KUBE_VERSION}"
    kflags+=" -X ${pkg}.gitMajor=1 -X ${pkg}.gitMinor=${minor}"
    kflags+=" -X ${pkg}.gitTreeState=clean -X ${pkg}.buildDate=${build_date}"
  done
  run "kubernetes ${KUBE_VERSION} (kube-apiserver, kube-controller-manager, kube-scheduler, kubectl)" \
    in_dir "$here/gomod/kubernetes" \
    "$GO" build -trimpath -ldflags "$kflags" -o "$tmp/" \
      k8s.io/kubernetes/cmd/kube-apiserver \
      k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler \
      k8s.io/kubernetes/cmd/kubectl
  for n in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    mv -f "$tmp/$n" "$BIN/$n"; mark "$n"
  done
fi

write_stamp
echo "==== $(date -u +%FT%TZ) build done in $(( $(date +%s) - start_all ))s" >>"$LOG"
echo "build.sh: all binaries built in $(( $(date +%s) - start_all ))s -> $BIN"
