#!/usr/bin/env bash
# The deployment recipes (docs/deploy/): systemd unit and nginx site. Installs
# Debian's nginx when missing and running as root; fails loudly otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
if ! command -v nginx >/dev/null 2>&1 && [ -x /usr/sbin/nginx ]; then export PATH="$PATH:/usr/sbin"; fi
if ! command -v nginx >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[deploy] nginx is missing: installing Debian's nginx package (not started)" >&2
    # Installed to be checked, not run: policy-rc.d keeps the package from starting it.
    created_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1; fi
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null || true
    [ "$created_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    export PATH="$PATH:/usr/sbin"
  fi
fi
for tool in nginx systemd-analyze openssl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "[deploy] FAILED: $tool is missing and cannot be installed here. The deployment recipes were NOT checked." >&2
    exit 1
  fi
done
node scripts/build.mjs
exec node --import tsx --test --test-reporter=spec tests/deploy/*.spec.ts
