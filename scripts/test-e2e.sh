#!/usr/bin/env bash
# Browser tests in Debian's Chromium (never a downloaded browser).
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
# Two spec files at a time (each drives its own Chromium and server; the machine has 2 CPUs), the
# longest walks first so that none of them runs alone at the end. E2E_CONCURRENCY=1 runs them one by
# one (to read a failure's output in order).
longest_first=(guide sweep register second-factor manifesto meetings)
files=()
for name in "${longest_first[@]}"; do [ -f "tests/e2e/${name}.spec.ts" ] && files+=("tests/e2e/${name}.spec.ts"); done
while IFS= read -r f; do
  case " ${files[*]} " in *" $f "*) ;; *) files+=("$f") ;; esac
done < <(find tests/e2e -name '*.spec.ts' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "[e2e] no browser test found" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency="${E2E_CONCURRENCY:-2}" --test-reporter=spec "${files[@]}"
