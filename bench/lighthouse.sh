#!/usr/bin/env bash
# Lighthouse (npm, with Debian's Chromium) on the portal's home, search, dataset, document and API pages of a
# running instance; prints the accessibility, performance, best-practices and SEO scores of each page.
#
#   ./vindplaats serve --demo --port 8099 --data-dir /tmp/lh-data &     # an instance with the demo
#   (mkdir -p /tmp/lh && cd /tmp/lh && npm install lighthouse)           # once, outside the repository
#   bench/lighthouse.sh http://localhost:8099                            # mobile (Lighthouse's default)
#   PRESET=desktop bench/lighthouse.sh http://localhost:8099
#
# Issue 18's target: accessibility 100, performance at least 95. Reports (JSON) are left in $OUT.
set -euo pipefail
BASE=${1:-http://localhost:8080}
LH_DIR=${LH_DIR:-/tmp/lh}
OUT=${OUT:-$(mktemp -d /tmp/lighthouse.XXXXXX)}
PRESET=${PRESET:-mobile}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
LIGHTHOUSE="$LH_DIR/node_modules/.bin/lighthouse"
[ -x "$LIGHTHOUSE" ] || { echo "no lighthouse in $LH_DIR: (mkdir -p $LH_DIR && cd $LH_DIR && npm install lighthouse)" >&2; exit 2; }

# The first result of a search of one kind: a real dataset, document and API page of this instance.
first() {
  curl -fsS "$BASE/zoeken?soort=$1" | grep -o 'class="utrecht-link" href="/'"$2"'/[^"]*"' | head -1 | sed 's/.*href="//; s/"$//'
}
pages=(/ "/zoeken?q=bomen" "$(first dataset dataset)" "$(first document documenten)" "$(first api apis)")

preset=()
[ "$PRESET" = desktop ] && preset=(--preset=desktop)
echo "lighthouse $("$LIGHTHOUSE" --version), $("$CHROME_PATH" --version 2>/dev/null), preset $PRESET, $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-60s %5s %5s %5s %5s\n' page a11y perf bp seo
for page in "${pages[@]}"; do
  name=$(echo "$page" | tr -c 'a-zA-Z0-9\n' '_' | cut -c1-60)
  "$LIGHTHOUSE" "$BASE$page" "${preset[@]}" --quiet --output=json --output-path="$OUT/$name.json" \
      --only-categories=accessibility,performance,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox" >/dev/null 2>"$OUT/$name.log" || { echo "$page: lighthouse failed, see $OUT/$name.log"; continue; }
  node -e '
    const r = require(process.argv[1]);
    const s = k => Math.round(r.categories[k].score * 100);
    console.log(process.argv[2].padEnd(60), ...["accessibility","performance","best-practices","seo"].map(k => String(s(k)).padStart(5)));
    for (const [k, c] of Object.entries(r.categories)) for (const ref of c.auditRefs) {
      const a = r.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 0.9) console.log("   ", k, ref.id, a.score, a.displayValue || "");
    }' "$OUT/$name.json" "$page"
done
echo "reports: $OUT"
