#!/usr/bin/env bash
# Records real Docker API responses from both test engines for Berth's unit tests:
#   test/fixtures/engine-responses/v20.10/*.json   Debian's Engine 20.10 at /var/run/docker.sock
#   test/fixtures/engine-responses/v29/*.json      Engine 29 (containerd image store) from start-modern.sh
# and progress output for the progress parsers:
#   test/fixtures/progress/compose-v5-{build,up,down}.jsonl   `docker compose --progress json ...` (Compose v5)
#   test/fixtures/progress/buildx-rawjson.jsonl         `docker buildx build --progress rawjson`
# Requests are unversioned, as dockerode sends them: each engine answers with its own API version
# (20.10: 1.41, 29: its newest). Everything it creates is named berth-rec*, and is removed at the end;
# lists are filtered to those names (the 20.10 engine is shared). Needs root, jq and curl.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
root="$(cd "$here/../.." && pwd)"
out="$root/test/fixtures/engine-responses"
progress="$root/test/fixtures/progress"
export DOCKER_CONFIG="$ME_DOCKER_CONFIG" # the buildx and compose plugins built by build.sh
v29_host="$(bash "$here/start-modern.sh" | tail -n1)"
v29_host="${v29_host#DOCKER_HOST=}"
work="$(mktemp -d)"
t0=$(date +%s)

# ---- what gets built and run on each engine -----------------------------------------------------------
mkdir -p "$work/multistage" "$work/multiarch" "$work/compose"
cat >"$work/multistage/Dockerfile" <<'EOF'
FROM berth-fixture/busybox AS build
RUN echo "built by berth-rec" > /hello.txt && sleep 1
FROM berth-fixture/busybox
COPY --from=build /hello.txt /hello.txt
LABEL org.opencontainers.image.title=berth-rec-multistage
CMD ["cat", "/hello.txt"]
EOF
# No RUN step: each platform's image is a copy of one file, so no emulator is needed.
echo hello >"$work/multiarch/hello.txt"
printf 'FROM scratch\nCOPY hello.txt /hello.txt\n' >"$work/multiarch/Dockerfile"
cp "$work/multistage/Dockerfile" "$work/compose/Dockerfile"
cat >"$work/compose/compose.yaml" <<'EOF'
services:
  web:
    build: .
    image: berth-rec/progress-web:latest
    command: ["httpd", "-f", "-p", "8080"]
    init: true
    stop_grace_period: 1s
    depends_on: [cache]
  cache:
    image: berth-fixture/redis:latest
    stop_grace_period: 1s
    volumes: [data:/data]
volumes:
  data:
EOF

api() { # socket path [query]
  curl -fsS --unix-socket "$1" "http://engine$2"
}
q() { jq -rn --arg v "$1" '$v|@uri'; } # URL-encodes a filter
ours_images="$(q '{"reference":["berth-fixture/*","berth-rec/*","127.0.0.1:5000/berth-rec/*"]}')"
ours_containers="$(q '{"name":["berth-rec-"]}')"

# Deletes berth-rec/busybox from the registry at 127.0.0.1:5000 as the engine at $1 sees it.
unpush() { # docker host
  local in=() digest
  [[ "$1" == "$v29_host" ]] && in=(nsenter --net="$ME_NETNS_PATH")
  digest="$("${in[@]}" curl -fsSI -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    http://127.0.0.1:5000/v2/berth-rec/busybox/manifests/latest 2>/dev/null |
    tr -d '\r' | sed -n 's/^docker-content-digest: *//ip')" || true
  [[ -z "$digest" ]] || "${in[@]}" curl -fsS -X DELETE "http://127.0.0.1:5000/v2/berth-rec/busybox/manifests/$digest" || true
}
cleanup() { # docker host
  DOCKER_HOST="$1" docker compose -p berth-rec-progress -f "$work/compose/compose.yaml" down -v -t 1 >/dev/null 2>&1 || true
  DOCKER_HOST="$1" docker rm -f -v berth-rec-ran berth-rec-running >/dev/null 2>&1 || true
  DOCKER_HOST="$1" docker volume rm berth-rec-data >/dev/null 2>&1 || true
  DOCKER_HOST="$1" docker rmi -f berth-rec/multistage:latest berth-rec/multiarch:latest berth-rec/progress-web:latest \
    127.0.0.1:5000/berth-rec/busybox:latest berth-rec/tagged:latest >/dev/null 2>&1 || true
  unpush "$1"
}
trap 'rm -rf "$work"; cleanup unix:///var/run/docker.sock; cleanup "$v29_host"' EXIT

record() { # version-dir socket engine-label
  local dir="$out/$1" sock="$2" label="$3" since until id ids
  export DOCKER_HOST="unix://$sock"
  rm -rf "$dir"
  mkdir -p "$dir"
  cleanup "$DOCKER_HOST"
  since=$(date +%s)
  if [[ "$label" == v29 ]]; then
    # buildx's default (docker) driver on the containerd store: an index with an attestation manifest.
    docker buildx build --load --no-cache --progress rawjson -t berth-rec/multistage:latest "$work/multistage" \
      2>"$work/rawjson.log"
    docker buildx build --load --platform linux/amd64,linux/arm64 -t berth-rec/multiarch:latest \
      "$work/multiarch" >/dev/null 2>&1
  else
    DOCKER_BUILDKIT=1 docker build -q -t berth-rec/multistage:latest "$work/multistage" >/dev/null
  fi
  # pull/tag/push events: through the registry each engine reaches on 127.0.0.1:5000
  docker tag berth-fixture/busybox:latest 127.0.0.1:5000/berth-rec/busybox:latest
  docker push -q 127.0.0.1:5000/berth-rec/busybox:latest >/dev/null
  docker rmi 127.0.0.1:5000/berth-rec/busybox:latest >/dev/null
  docker pull -q 127.0.0.1:5000/berth-rec/busybox:latest >/dev/null
  docker tag berth-rec/multistage:latest berth-rec/tagged:latest
  docker run --name berth-rec-ran berth-rec/multistage:latest >/dev/null
  docker volume create --label berth.rec=1 berth-rec-data >/dev/null
  docker run -d --name berth-rec-running --label berth.rec=1 -p 127.0.0.1::8080 -v berth-rec-data:/data \
    berth-fixture/busybox:latest sleep 300 >/dev/null
  sleep 1
  until=$(date +%s)

  api "$sock" /version | jq . >"$dir/version.json"
  # /info, trimmed of the plugin lists and registry mirrors; proxy settings blanked
  api "$sock" /info | jq 'del(.Plugins, .RegistryConfig)
    | .HttpProxy = "" | .HttpsProxy = "" | .NoProxy = ""' >"$dir/info.json"
  api "$sock" "/images/json?filters=$ours_images" | jq . >"$dir/images.json"
  [[ "$label" == v29 ]] && api "$sock" "/images/json?manifests=1&filters=$ours_images" | jq . >"$dir/images-manifests.json"
  api "$sock" /images/berth-rec/multistage:latest/json | jq . >"$dir/image-multistage.json"
  api "$sock" /images/berth-fixture/busybox:latest/json | jq . >"$dir/image-busybox.json"
  [[ "$label" == v29 ]] && api "$sock" /images/berth-rec/multiarch:latest/json | jq . >"$dir/image-multiarch.json"
  api "$sock" "/containers/json?all=1&filters=$ours_containers" | jq . >"$dir/containers.json"
  id="$(docker inspect -f '{{.Id}}' berth-rec-running)"
  api "$sock" "/containers/$id/json" | jq . >"$dir/container-running.json"
  id="$(docker inspect -f '{{.Id}}' berth-rec-ran)"
  api "$sock" "/containers/$id/json" | jq . >"$dir/container-exited.json"
  # /system/df, kept to what this script made (and the fixtures) plus three build cache records
  api "$sock" /system/df | jq '
    .Images |= map(select(any(.RepoTags[]?; test("^(berth-fixture|berth-rec|127.0.0.1:5000/berth-rec)/"))))
    | .Containers |= map(select(any(.Names[]?; startswith("/berth-rec-"))))
    | .Volumes |= map(select(.Name | startswith("berth-rec-")))
    | .BuildCache |= ((. // [])[:3])' >"$dir/system-df.json"
  # /events of the above. The shared 20.10 engine also carries other tests' events: keep those about
  # berth-rec/berth-fixture things there; the modern engine is this script's alone (its image `create`
  # events name only the digest).
  ids="$(docker ps -aq --no-trunc --filter name=berth-rec- | jq -R . | jq -sc .)"
  api "$sock" "/events?since=$since&until=$until" | jq -s --arg engine "$label" --argjson ids "$ids" '
    map(select($engine == "v29"
      or (.Actor.Attributes.container // "" | IN($ids[]))
      or (.Actor.Attributes.name // "" | test("berth-rec|berth-fixture"))
      or (.Actor.ID | test("berth-rec"))
      or (.Actor.Attributes.image // "" | test("berth-rec|berth-fixture"))))' >"$dir/events.json"
  echo "recorded $label: $(ls "$dir" | wc -l) files, $(jq length "$dir/events.json") events" >&2
  cleanup "$DOCKER_HOST"
}

record v20.10 /var/run/docker.sock v20.10
record v29 "${v29_host#unix://}" v29

mkdir -p "$progress"
# rawjson: one JSON SolveStatus per line; the first 40 lines (vertexes, statuses, logs)
grep '^{' "$work/rawjson.log" | head -n 40 >"$progress/buildx-rawjson.jsonl"
compose() { DOCKER_HOST="$v29_host" docker compose -p berth-rec-progress -f "$work/compose/compose.yaml" --progress json "$@"; }
# Compose v5 builds through buildx bake: its json progress wraps BuildKit's status lines.
compose build 2>&1 | grep '^{' | head -n 40 >"$progress/compose-v5-build.jsonl"
compose up -d 2>&1 | grep '^{' | head -n 40 >"$progress/compose-v5-up.jsonl"
compose down -v -t 1 2>&1 | grep '^{' | head -n 40 >"$progress/compose-v5-down.jsonl"
echo "recorded progress: $(wc -l <"$progress/buildx-rawjson.jsonl") buildx lines, $(wc -l <"$progress/compose-v5-up.jsonl") compose up lines" >&2
echo "record-responses.sh: done in $(($(date +%s) - t0))s" >&2
