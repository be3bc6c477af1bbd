#!/usr/bin/env bash
# Refreshes docs/screenshots/: the persona browser tests run as usual (every
# assertion and axe scan included) and leave a picture of the pages they walk,
# on a phone (390×844) and on a laptop (1366×768). See docs/screenshots/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export SCREENSHOTS_DIR="$PWD/docs/screenshots"
rm -f "$SCREENSHOTS_DIR"/*.png
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec \
  tests/e2e/register.spec.ts tests/e2e/invitation.spec.ts tests/e2e/first-run.spec.ts tests/e2e/newsletter.spec.ts \
  tests/e2e/meetings.spec.ts
