#!/usr/bin/env bash
# Lighthouse 12 (mobile, the default) on the public pages, against a throw-away
# server filled by `vigie demo`, with the system's Chromium. Not part of
# `npm test`: it needs the lighthouse package (fetched by npx, ~200 packages,
# or LIGHTHOUSE_BIN) and takes about a minute.
#
#   bash scripts/lighthouse.sh            # prints a table, writes .tmp/lighthouse/*.json
#   LIGHTHOUSE_BIN=/path/to/lighthouse CHROME_PATH=/usr/bin/chromium bash scripts/lighthouse.sh
#
# Exit code 1 if a page scores under 100 in accessibility or best practices.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${LIGHTHOUSE_PORT:-3917}"
OUT=".tmp/lighthouse"
DATA="$OUT/data"
export CHROME_PATH="${CHROME_PATH:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [ -z "$CHROME_PATH" ]; then echo "lighthouse.sh: no Chromium found (set CHROME_PATH)" >&2; exit 2; fi
read -r -a LH <<< "${LIGHTHOUSE_BIN:-npx --yes lighthouse@12.8.2}"
PAGES=(/ /manifeste /actualites /actualites/secret-partage-demo /ressources/fiche-secret-professionnel-demo /agenda /membres /contact /vie-privee /guide /nl)

rm -rf "$OUT"
mkdir -p "$DATA"
export DATA_DIR="$DATA" PORT HOST=127.0.0.1 NODE_ENV=development LOG_LEVEL=warn PUBLIC_URL="http://127.0.0.1:$PORT"
unset DATABASE_URL
npx tsx src/main.ts demo > "$OUT/demo.log"
if curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1; then echo "lighthouse.sh: port $PORT is already in use" >&2; exit 2; fi
# node itself (not npx/tsx wrappers), so that the trap stops the server and nothing is left running.
node --import tsx src/main.ts serve > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
  sleep 0.5
done

status=0
printf '%-45s %6s %6s %6s %6s %8s\n' page perf a11y best seo 'bytes'
for page in "${PAGES[@]}"; do
  name=$(echo "$page" | tr '/' '_')
  "${LH[@]}" "http://127.0.0.1:$PORT$page" --quiet --output=json --output-path="$OUT/page$name.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" > /dev/null 2>"$OUT/page$name.err" || { echo "$page: lighthouse failed (see $OUT/page$name.err)"; status=1; continue; }
  line=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = (k) => Math.round((r.categories[k]?.score ?? 0) * 100);
    const bytes = r.audits["total-byte-weight"]?.numericValue ?? 0;
    const failed = ["accessibility", "best-practices"].flatMap((c) => r.categories[c].auditRefs.filter((a) => a.weight > 0 && r.audits[a.id].score !== null && r.audits[a.id].score < 1).map((a) => a.id));
    console.log([s("performance"), s("accessibility"), s("best-practices"), s("seo"), Math.round(bytes), failed.join(",")].join(" "));
  ' "$OUT/page$name.json")
  read -r perf a11y best seo bytes failed <<< "$line"
  printf '%-45s %6s %6s %6s %6s %8s %s\n' "$page" "$perf" "$a11y" "$best" "$seo" "$bytes" "${failed:-}"
  if [ "$a11y" -lt 100 ] || [ "$best" -lt 100 ]; then status=1; fi
done
exit $status
