#!/usr/bin/env bash
# Runs Berth's engine-facing integration and e2e tests (vitest projects integration-modern, e2e-modern)
# against Engine 29 with the containerd image store and the Compose v5 / buildx plugins: starts the modern
# engine (start-modern.sh, idempotent) and runs vitest INSIDE its network namespace, so 127.0.0.1 there
# is where that engine publishes ports and serves its registry, exactly as on a laptop with one engine.
# Extra arguments go to vitest (e.g. a test file).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

host="$(bash "$here/start-modern.sh" | tail -n1)"
host="${host#DOCKER_HOST=}"
plugins="${BERTH_ENGINES_CACHE:-$HOME/.cache/berth-engines}/docker-config"
echo "modern engine suite: DOCKER_HOST=$host, docker compose and buildx from $plugins (inside netns $ME_NETNS)"
cd "$root"
exec nsenter --net="$ME_NETNS_PATH" env DOCKER_HOST="$host" DOCKER_CONFIG="$plugins" BERTH_TEST_ENGINE=modern \
  npx vitest run --project integration-modern --project e2e-modern "$@"
