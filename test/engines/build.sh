#!/usr/bin/env bash
# Builds today's Docker stack for Berth's tests from the Go module proxy (nothing else is reachable here):
#   dockerd, docker-proxy            Engine 29 (github.com/moby/moby/v2)
#   containerd, ctr, containerd-shim-runc-v2   containerd 2
#   runc
#   docker-buildx, docker-compose    CLI plugins (buildx, Compose v5)
# into ${BERTH_ENGINES_CACHE:-$HOME/.cache/berth-engines}/{bin,docker-config/cli-plugins}.
# Point DOCKER_CONFIG at $CACHE/docker-config to use the plugins with any docker CLI.
#
# Idempotent: each part has a stamp (versions, build flags, Go version); when all match this exits at once.
# Cold, on a busy 2-core machine: ~25-35 min; the log is $CACHE/build.log (its tail is printed on failure).
# Go builds run one at a time under `nice -n $BERTH_BUILD_NICE` (default 0) so they can yield to others.
#
# Usage: build.sh [--force|--check]   (--check: exit 1 naming what is not built; builds nothing)
#        (BERTH_ENGINES_CACHE, GO, BERTH_BUILD_NICE overridable via env)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

if [[ -z "${HOME:-}" ]]; then HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"; export HOME; fi
CACHE="${BERTH_ENGINES_CACHE:-$HOME/.cache/berth-engines}"
BIN="$CACHE/bin"
PLUGINS="$CACHE/docker-config/cli-plugins"
LOG="$CACHE/build.log"
NICE="${BERTH_BUILD_NICE:-0}"
FORCE=0 CHECK=0
[[ "${1:-}" == "--force" ]] && FORCE=1
[[ "${1:-}" == "--check" ]] && CHECK=1

if [[ -z "${GO:-}" ]]; then
  if command -v go >/dev/null 2>&1; then GO="$(command -v go)"
  elif [[ -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go
  else echo "build.sh: no Go toolchain found (set GO=/path/to/go)" >&2; exit 1
  fi
fi
mkdir -p "$BIN" "$PLUGINS"

export GOTOOLCHAIN=local # never download another toolchain
export GOWORK=off
export GOFLAGS="-buildvcs=false"
gover="$("$GO" env GOVERSION 2>/dev/null || echo unknown)"

# ---- what each part is built with (the stamp key is this text plus the Go version) -----------------------
moby_pkg=github.com/moby/moby/v2
ctrd_pkg=github.com/containerd/containerd/v2
moby_tags="nri_no_wasm"
ctrd_tags="urfave_cli_no_docs"
shim_tags="urfave_cli_no_docs no_grpc"
runc_tags="seccomp urfave_cli_no_docs" # upstream also uses libpathrs (a Rust library): left out
key() { printf '%s go=%s' "$*" "$gover"; }
declare -A KEY=(
  [dockerd]="$(key "moby=$MOBY_VERSION tags=$moby_tags cgo=1 rev=1")"
  [containerd]="$(key "containerd=$CONTAINERD_VERSION tags=$ctrd_tags cgo=1 rev=1")"
  [shim]="$(key "containerd=$CONTAINERD_VERSION tags=$shim_tags cgo=0 rev=1")"
  [runc]="$(key "runc=$RUNC_VERSION tags=$runc_tags cgo=1 rev=1")"
  [buildx]="$(key "buildx=$BUILDX_VERSION cgo=0 rev=1")"
  [compose]="$(key "compose=$COMPOSE_VERSION cgo=0 rev=2")"
)
declare -A FILES=(
  [dockerd]="$BIN/dockerd $BIN/docker-proxy"
  [containerd]="$BIN/containerd $BIN/ctr"
  [shim]="$BIN/containerd-shim-runc-v2"
  [runc]="$BIN/runc"
  [buildx]="$PLUGINS/docker-buildx"
  [compose]="$PLUGINS/docker-compose"
)
PARTS=(runc shim containerd dockerd buildx compose)

up_to_date() { # part
  local f
  [[ $FORCE == 0 && -f "$CACHE/stamps/$1" && "$(cat "$CACHE/stamps/$1")" == "${KEY[$1]}" ]] || return 1
  for f in ${FILES[$1]}; do [[ -x "$f" ]] || return 1; done
}
mark() { mkdir -p "$CACHE/stamps"; printf '%s' "${KEY[$1]}" >"$CACHE/stamps/$1"; }
all_up_to_date() {
  local p
  for p in "${PARTS[@]}"; do up_to_date "$p" || return 1; done
}
write_versions() {
  {
    echo "ENGINE_VERSION=$(cat "$CACHE/stamps/engine-version" 2>/dev/null || echo unknown)"
    echo "MOBY_VERSION=$MOBY_VERSION"
    echo "CONTAINERD_VERSION=$CONTAINERD_VERSION"
    echo "RUNC_VERSION=$RUNC_VERSION"
    echo "BUILDX_VERSION=$BUILDX_VERSION"
    echo "COMPOSE_VERSION=$COMPOSE_VERSION"
    echo "GO_VERSION=$gover"
  } >"$CACHE/versions.env.tmp"
  mv "$CACHE/versions.env.tmp" "$CACHE/versions.env"
}

if all_up_to_date; then
  [[ -f "$CACHE/versions.env" ]] || write_versions
  echo "build.sh: engines up to date in $CACHE"
  exit 0
fi
if [[ $CHECK == 1 ]]; then
  missing=""
  for p in "${PARTS[@]}"; do up_to_date "$p" || missing+=" $p"; done
  echo "build.sh: not built or out of date:${missing:-}; run $here/build.sh (a cold build takes ~30 min)" >&2
  exit 1
fi

# Serialise concurrent builds; another process may have finished the build while we waited.
exec 9>"$CACHE/.build.lock"
flock -w 7200 9 || { echo "build.sh: timed out waiting for $CACHE/.build.lock" >&2; exit 1; }
if all_up_to_date; then
  write_versions
  echo "build.sh: engines up to date in $CACHE"
  exit 0
fi

tmp="$(mktemp -d "$CACHE/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
start_all=$(date +%s)
echo "build.sh: building into $CACHE (log: $LOG) go=$gover nice=$NICE"
echo "==== $(date -u +%FT%TZ) build start go=$gover nice=$NICE" >>"$LOG"

run() { # description, command...
  local desc="$1" t0
  shift
  t0=$(date +%s)
  echo "build.sh: $desc ..."
  echo "---- $(date -u +%FT%TZ) $desc: $*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    echo "build.sh: FAILED: $desc (see $LOG)" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  echo "build.sh: $desc done in $(($(date +%s) - t0))s"
  echo "---- $desc done in $(($(date +%s) - t0))s" >>"$LOG"
}
# go install pkg@version... into $tmp, one go command at a time, niced.
goinstall() { # cgo(0|1), tags, ldflags, pkg@version...
  local cgo="$1" tags="$2" ldflags="$3"
  shift 3
  env GOBIN="$tmp" CGO_ENABLED="$cgo" nice -n "$NICE" \
    "$GO" install -trimpath -tags "$tags" -ldflags "-s -w $ldflags" "$@"
}
# The module's .info time: a reproducible build time.
module_time() { # module@version
  local info
  info="$("$GO" mod download -json "$1" 2>/dev/null | sed -n 's/.*"Info": "\(.*\)".*/\1/p')" || true
  [[ -n "$info" && -f "$info" ]] && sed -n 's/.*"Time": *"\([^"]*\)".*/\1/p' "$info" | head -n1
}
in_dir() { (cd "$1" && shift && "$@"); } # dir, command...
module_dir() { "$GO" mod download -json "$1" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p'; }

if ! up_to_date runc; then
  run "runc $RUNC_VERSION" goinstall 1 "$runc_tags" "-X main.gitCommit=$RUNC_VERSION" \
    "github.com/opencontainers/runc@$RUNC_VERSION"
  mv -f "$tmp/runc" "$BIN/runc"
  mark runc
fi

ctrd_ldflags="-X $ctrd_pkg/version.Version=$CONTAINERD_VERSION -X $ctrd_pkg/version.Revision=$CONTAINERD_VERSION"
if ! up_to_date shim; then
  run "containerd-shim-runc-v2 $CONTAINERD_VERSION" goinstall 0 "$shim_tags" "$ctrd_ldflags" \
    "$ctrd_pkg/cmd/containerd-shim-runc-v2@$CONTAINERD_VERSION"
  mv -f "$tmp/containerd-shim-runc-v2" "$BIN/"
  mark shim
fi
if ! up_to_date containerd; then
  run "containerd, ctr $CONTAINERD_VERSION" goinstall 1 "$ctrd_tags" "$ctrd_ldflags" \
    "$ctrd_pkg/cmd/containerd@$CONTAINERD_VERSION" "$ctrd_pkg/cmd/ctr@$CONTAINERD_VERSION"
  mv -f "$tmp/containerd" "$tmp/ctr" "$BIN/"
  mark containerd
fi

if ! up_to_date dockerd; then
  # The Engine release a moby module tag was cut for: the module's releases/versions.yaml names it as
  # `next` (e.g. v2.0.0-beta.24 -> 29.8.1). Without -X, /version would say "library-import".
  moby_dir="$(module_dir "$moby_pkg@$MOBY_VERSION")"
  engine_version="$(sed -n 's/^ *next: *"\(.*\)"/\1/p' "$moby_dir/releases/versions.yaml" 2>/dev/null || true)"
  [[ -n "$engine_version" ]] || engine_version="29-moby-${MOBY_VERSION#v}"
  build_time="$(module_time "$moby_pkg@$MOBY_VERSION")"
  moby_ldflags="-X $moby_pkg/dockerversion.Version=$engine_version"
  moby_ldflags+=" -X $moby_pkg/dockerversion.GitCommit=moby-$MOBY_VERSION"
  moby_ldflags+=" -X $moby_pkg/dockerversion.BuildTime=${build_time:-unknown}"
  run "dockerd, docker-proxy $engine_version ($moby_pkg@$MOBY_VERSION)" goinstall 1 "$moby_tags" "$moby_ldflags" \
    "$moby_pkg/cmd/dockerd@$MOBY_VERSION" "$moby_pkg/cmd/docker-proxy@$MOBY_VERSION"
  mv -f "$tmp/dockerd" "$tmp/docker-proxy" "$BIN/"
  printf '%s' "$engine_version" >"$CACHE/stamps/engine-version"
  mark dockerd
fi

if ! up_to_date buildx; then
  run "buildx $BUILDX_VERSION" goinstall 0 "" \
    "-X github.com/docker/buildx/version.Version=$BUILDX_VERSION -X github.com/docker/buildx/version.Revision=$BUILDX_VERSION" \
    "github.com/docker/buildx/cmd/buildx@$BUILDX_VERSION"
  mv -f "$tmp/buildx" "$PLUGINS/docker-buildx"
  mark buildx
fi

if ! up_to_date compose; then
  # Compose's go.mod has `exclude` directives, which `go install pkg@version` refuses; so it is built as
  # the main module, in its own source from the module cache (its go.sum included), as upstream does.
  compose_dir="$(module_dir "github.com/docker/compose/v5@$COMPOSE_VERSION")"
  run "compose $COMPOSE_VERSION" in_dir "$compose_dir" env CGO_ENABLED=0 nice -n "$NICE" \
    "$GO" build -trimpath -ldflags "-s -w -X github.com/docker/compose/v5/internal.Version=$COMPOSE_VERSION" \
    -o "$tmp/docker-compose" ./cmd
  mv -f "$tmp/docker-compose" "$PLUGINS/docker-compose"
  mark compose
fi

write_versions
echo "==== $(date -u +%FT%TZ) build done in $(($(date +%s) - start_all))s" >>"$LOG"
echo "build.sh: all parts built in $(($(date +%s) - start_all))s -> $CACHE"
