#!/usr/bin/env bash
# `npm test`: the unit, integration and e2e projects against Debian's engine (20.10, compose v1), then the
# engine-facing integration and e2e tests again against Engine 29 with Compose v5 (test/engines). Ends with
# one line over both runs: `tests: N passed, N failed, N skipped`, and `faults: N injected, N survived` for the
# fault-injection tests (named "fault: …").
set -uo pipefail
cd "$(dirname "$0")/.."
summary="$(mktemp)"
export BERTH_TEST_SUMMARY="$summary"
npx vitest run --project unit --project integration --project e2e "$@"
first=$?
bash test/engines/run-modern-suite.sh "$@"
second=$?
node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean);
  const [p, f, s, n, ok] = rows.reduce((a, r) => a.map((v, i) => v + Number(r.split(" ")[i] ?? 0)), [0, 0, 0, 0, 0]);
  console.log(`\ntests: ${p} passed, ${f} failed, ${s} skipped (${rows.length} runs: Docker 20.10, then Engine 29)`);
  console.log(`faults: ${n} injected, ${ok} survived`);
' "$summary"
rm -f "$summary"
[ "$first" = 0 ] && [ "$second" = 0 ]
