#!/usr/bin/env bash
# The whole test suite, as CI runs it (`npm test`, `.ci/run`):
# type-check, lint, XSS scan, unit+integration tests on SQLite and on a real
# PostgreSQL, then browser tests in Chromium. Nothing is skipped silently:
# a part that cannot run fails the run and says why.
set -uo pipefail
cd "$(dirname "$0")/.."
# The project's own Node 24 (npm package `node`, docs/decisions/006), also when run outside npm.
export PATH="$PWD/node_modules/.bin:$PATH"
mkdir -p .tmp
# Each step says what it cost (docs/benchmarks.md, « CI time »): wall time, and CPU time of the step
# and everything it started (Chromium, the servers; not PostgreSQL's own server).
TIMEFORMAT='[time] %R s wall, %U s user + %S s system CPU'
status=0
total_pass=0
total_fail=0
failed_steps=()

step() {
  local name="$1"; shift
  echo
  echo "=== ${name} ==="
  local log=".tmp/step.log"
  { time "$@"; } 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -E '^ℹ pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^ℹ fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
  if [ "$rc" -ne 0 ]; then
    status=1
    failed_steps+=("$name")
    echo "=== ${name}: FAILED (exit ${rc}) ==="
  else
    echo "=== ${name}: ok ==="
  fi
}

echo "Node $(node -v) ($(command -v node)), npm $(npm -v)"
case "$(node -v)" in v24.*) ;; *) echo "=== FAILED: the tests must run on Node 24 (npm ci installs it in node_modules/.bin) ==="; exit 1 ;; esac

# Command-line tools the tests read documents with (pdftotext, pdfinfo).
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "poppler-utils is missing: installing Debian's package"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  fi
  command -v pdftotext >/dev/null 2>&1 || echo "=== pdftotext missing and not installable: the PDF tests will FAIL ==="
fi

# The static checks read the tree and write nothing: they run side by side (each is single-threaded),
# started in the background while the SQLite tests run (docs/benchmarks.md, « CI time »), and
# their outputs are printed in this order once all have ended.
static_names=()
static_pids=()
start_static() {
  local i=0
  while [ $# -gt 0 ]; do
    static_names+=("$1")
    bash -c "TIMEFORMAT='${TIMEFORMAT}'; time $2" >".tmp/static-${i}.log" 2>&1 &
    static_pids+=($!)
    shift 2
    i=$((i + 1))
  done
}
report_static() {
  local i rc
  for i in "${!static_names[@]}"; do
    wait "${static_pids[$i]}"
    rc=$?
    echo
    echo "=== ${static_names[$i]} ==="
    cat ".tmp/static-${i}.log"
    if [ "$rc" -ne 0 ]; then
      status=1
      failed_steps+=("${static_names[$i]}")
      echo "=== ${static_names[$i]}: FAILED (exit ${rc}) ==="
    else
      echo "=== ${static_names[$i]}: ok ==="
    fi
  done
}

# `npm run check` (--static): only the static checks below, the same list CI runs, in about a minute.
static_only=0
[ "${1:-}" = "--static" ] && static_only=1
if [ "$static_only" -eq 0 ]; then
  # The shipped build (bin/vigie.js → dist/), once for both engines (the command-line tests run it).
  node scripts/build.mjs
  export VIGIE_BUILT=1
fi
start_static \
  "type-check" "npx tsc --noEmit -p tsconfig.json" \
  "format (Prettier)" "npx prettier --check ." \
  "lint" "npx eslint ." \
  "dead code (knip: unused files, exports, dependencies)" "npx knip" \
  "XSS scan (@kitajs/ts-html-plugin)" "npx xss-scan --cwd ." \
  "module graph (no cycle, docs/architecture.md up to date)" "npx tsx scripts/check-modules.ts" \
  "doc paths (every file the docs name exists)" "npx tsx scripts/check-doc-paths.ts" \
  "file roles (only *.service.ts and *.queries.ts touch the database)" "npx tsx scripts/check-file-roles.ts" \
  "file length (over 300 lines: a comment at the top says why)" "npx tsx scripts/check-file-length.ts"
if [ "$static_only" -eq 1 ]; then
  report_static
  [ "$status" -ne 0 ] && echo "FAILED steps: ${failed_steps[*]}"
  exit "$status"
fi
step "tests, SQLite" env TEST_DB=sqlite bash scripts/test-node.sh
report_static

if PG_URL=$(bash scripts/postgres.sh) && [[ "$PG_URL" =~ ^postgres://[^[:space:]]+$ ]]; then
  echo "PostgreSQL for the tests: ${PG_URL}"
  step "tests, PostgreSQL" env TEST_DB=postgres TEST_DATABASE_URL="$PG_URL" bash scripts/test-node.sh
else
  echo "=== tests, PostgreSQL: FAILED — PostgreSQL could not be started or gave no URL (see above; got: ${PG_URL:-nothing}). These tests did NOT run. ==="
  status=1
  failed_steps+=("tests, PostgreSQL (no server)")
fi

step "browser tests (Chromium)" bash scripts/test-e2e.sh
step "deployment recipes (systemd, nginx)" bash scripts/test-deploy.sh

echo
if [ "$status" -ne 0 ]; then
  echo "FAILED steps: ${failed_steps[*]}"
fi
echo "All suites: ${total_pass} passed, ${total_fail} failed"
echo "[time] whole run: ${SECONDS} s wall (the CPU of each step is on its own [time] line above)"
exit "$status"
