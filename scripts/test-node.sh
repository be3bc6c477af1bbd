#!/usr/bin/env bash
# Runs every unit and integration test (*.test.ts, *.test.tsx) with Node's test
# runner against one engine: TEST_DB=sqlite (default) or TEST_DB=postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
# The project's own Node 24 (npm package `node`, docs/decisions/006), also when run outside npm.
export PATH="$PWD/node_modules/.bin:$PATH"
export TEST_DB="${TEST_DB:-sqlite}"
# The command-line tests run the shipped command (bin/vigie.js → dist/).
node scripts/build.mjs
npx tsx tests/setup/prepare.ts
mapfile -t files < <(find src tests -name '*.test.ts' -o -name '*.test.tsx' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test file found" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"
