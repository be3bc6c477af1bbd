#!/usr/bin/env bash
# Refreshes docs/screenshots/: the browser tests that take pictures (those that
# call `screenshot(…)` from tests/e2e/fixtures.ts) run as usual, every assertion
# and axe scan included, and leave a picture of the pages they walk, on a phone
# (390×844) and on a laptop (1366×768). See docs/screenshots/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export SCREENSHOTS_DIR="$PWD/docs/screenshots"
mapfile -t files < <(grep -l 'screenshot(' tests/e2e/*.spec.ts | sort)
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
