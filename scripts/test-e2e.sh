#!/usr/bin/env bash
# Browser tests in Debian's Chromium (never a downloaded browser).
#
# Speed (docs/benchmarks.md, « CI time »): the spec files are shared out between E2E_WORKERS
# processes (default: the number of CPUs, at most 4), each running its files one after another
# with --test-isolation=none, so that it loads the app's modules once (about 4.5 CPU seconds
# through tsx) instead of once per file. Every spec file still starts its own server on its own
# database copy, port, SMTP listener and Chromium (with its own temporary profile): nothing but
# the loaded code is shared. Each worker's output is printed whole once it ends, with its own
# « ℹ pass / ℹ fail » summary (scripts/test-all.sh adds them up); any failure fails the step.
# E2E_WORKERS=1 runs every file in one process, in order (to read a failure's output as it comes).
set -euo pipefail
cd "$(dirname "$0")/.."
# The project's own Node 24 (npm package `node`, docs/decisions/006), also when run outside npm.
export PATH="$PWD/node_modules/.bin:$PATH"
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[e2e] Chromium is missing: installing Debian's chromium package" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "[e2e] FAILED: no Chromium at $CHROMIUM_PATH and it cannot be installed here. Browser tests did NOT run." >&2
  exit 1
fi
export CHROMIUM_PATH

mapfile -t files < <(find tests/e2e -name '*.spec.ts' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "[e2e] no browser test found" >&2; exit 1; fi
workers="${E2E_WORKERS:-$(nproc)}"
[[ "$workers" =~ ^[1-9][0-9]*$ ]] || { echo "[e2e] E2E_WORKERS must be a positive number, not ${workers}" >&2; exit 1; }
[ "$workers" -le 4 ] || workers=4
[ "$workers" -le "${#files[@]}" ] || workers="${#files[@]}"

# Every file copies the migrated template; made here once, so that two workers never both build it.
[ -f .tmp/test/template.sqlite ] || TEST_DB=sqlite node --import tsx tests/setup/prepare.ts

# --test-timeout: only a guard against a hang (a test without its own timeout), never a speed limit.
run() { node --import tsx --test --test-isolation=none --test-timeout=900000 --test-reporter=spec "$@"; }
if [ "$workers" -eq 1 ]; then
  run "${files[@]}"
  exit
fi

# Share the files out by their cost: seconds each file took in a worker (docs/benchmarks.md,
# « CI time », measured 2026-11-27 on a loaded machine: only the proportions matter), the heaviest
# first, each to the worker with the least so far. A file not listed counts as 40. An outdated
# figure only makes the workers end less together; every file still runs.
declare -A cost=(
  [sweep]=150 [guide]=80 [register]=80 [meetings]=68 [first-run]=60 [second-factor]=53 [plenary]=49
  [admin]=40 [manifesto]=35 [layout]=32 [dashboard]=27 [report]=27 [newsletter]=26 [invitation]=25
)
mapfile -t ordered < <(for f in "${files[@]}"; do
  name=$(basename "$f" .spec.ts)
  echo "${cost[$name]:-40} $f"
done | sort -k1,1nr -k2,2 | cut -d' ' -f2)
declare -a load lists
for ((w = 0; w < workers; w++)); do load[w]=0; lists[w]=""; done
for f in "${ordered[@]}"; do
  least=0
  for ((w = 1; w < workers; w++)); do [ "${load[w]}" -lt "${load[least]}" ] && least=$w; done
  name=$(basename "$f" .spec.ts)
  load[least]=$((load[least] + ${cost[$name]:-40}))
  lists[least]+="$f "
done

# Each worker's output is kept apart and printed whole once it ends (so lines never interleave).
mkdir -p .tmp
pids=()
for ((w = 0; w < workers; w++)); do
  read -r -a mine <<<"${lists[w]}"
  run "${mine[@]}" >".tmp/e2e-worker-$((w + 1)).log" 2>&1 &
  pids+=($!)
done
status=0
for ((w = 0; w < workers; w++)); do
  wait "${pids[w]}" || status=1
  echo "--- browser tests, worker $((w + 1)) of ${workers}: ${lists[w]}---"
  cat ".tmp/e2e-worker-$((w + 1)).log"
done
exit "$status"
