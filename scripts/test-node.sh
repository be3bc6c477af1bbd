#!/usr/bin/env bash
# Runs every unit and integration test (*.test.ts, *.test.tsx) with Node's test
# runner against one engine: TEST_DB=sqlite (default) or TEST_DB=postgres.
#
# Speed (docs/benchmarks.md, « CI time »): the files run in TEST_SHARDS processes at once
# (default: the number of CPUs, at most 4), each process loading the app's modules once for all its
# files (--test-isolation=none) instead of once per file: loading them through tsx cost about 3 CPU
# seconds a file, more than most files' own tests. Every file still gets its own app and its own
# database (tests/setup/app.ts). TEST_SHARDS=1 runs everything in one process, in order.
set -euo pipefail
cd "$(dirname "$0")/.."
# The project's own Node 24 (npm package `node`, docs/decisions/006), also when run outside npm.
export PATH="$PWD/node_modules/.bin:$PATH"
export TEST_DB="${TEST_DB:-sqlite}"
# The command-line tests run the shipped command (bin/vigie.js → dist/); scripts/test-all.sh builds
# once for both engines and says so with VIGIE_BUILT=1.
[ "${VIGIE_BUILT:-}" = "1" ] || node scripts/build.mjs
node --import tsx tests/setup/prepare.ts
mapfile -t files < <(find src tests -name '*.test.ts' -o -name '*.test.tsx' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test file found" >&2; exit 1; fi
shards="${TEST_SHARDS:-$(nproc)}"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "TEST_SHARDS must be a positive number, not ${shards}" >&2; exit 1; }
[ "$shards" -le 4 ] || shards=4
run() { node --import tsx --test --test-isolation=none --test-reporter=spec "$@" "${files[@]}"; }
if [ "$shards" -eq 1 ]; then
  run
  exit
fi
# Each shard's output is kept apart and printed whole once it ends (so lines never interleave).
mkdir -p .tmp
pids=()
for i in $(seq 1 "$shards"); do
  run --test-shard="${i}/${shards}" >".tmp/shard-${TEST_DB}-${i}.log" 2>&1 &
  pids+=($!)
done
status=0
for i in $(seq 1 "$shards"); do
  wait "${pids[$((i - 1))]}" || status=1
  echo "--- ${TEST_DB}, part ${i} of ${shards} ---"
  cat ".tmp/shard-${TEST_DB}-${i}.log"
done
exit "$status"
