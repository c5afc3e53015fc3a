#!/usr/bin/env bash
# The portal's page benchmark (issue 18): the search page and the dataset search page against the equivalent JSON
# calls, in the same run, with wrk at 8 connections. Run by hand on a quiet machine against a running instance that
# holds the corpus to measure (e.g. the read benchmark's, bench/README.md), and put the rows in bench/RESULTS.md
# with the machine probe (bench/MachineProbe.java) and the date.
#
#   bench/portal-pages.sh [BASE_URL] [DURATION]      e.g. bench/portal-pages.sh http://localhost:8080 30s
#
# WARMUP (default 30s) is run before each path: 5 s left the first path after a start at half its steady rate.
set -euo pipefail
BASE=${1:-http://localhost:8080}
DURATION=${2:-30s}
WORDS=${WORDS:-"subsidie gemeente"}
Q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$WORDS")

# page | its JSON counterpart
# (PAIRS=documents or datasets picks the pairs whose corpus the instance holds; default both)
DOCUMENT_PAIRS=(
  "/zoeken?q=$Q|/v1/documents?q=$Q&rows=20"
  "/documenten?q=$Q|/v1/documents?q=$Q&rows=20"
)
# Like for like: each JSON call asks for the facets its page shows (/zoeken: organisation, theme, format;
# /dataset: the six of data.overheid.nl).
FACETS3='&facet.field=%5B%22organization%22,%22res_format%22,%22theme%22%5D'
FACETS6='&facet.field=%5B%22theme%22,%22organization%22,%22license_id%22,%22res_format%22,%22dataset_status%22,%22groups%22%5D'
DATASET_PAIRS=(
  "/zoeken?q=$Q&soort=dataset|/api/3/action/package_search?q=$Q&rows=20$FACETS3"
  "/dataset?q=$Q|/api/3/action/package_search?q=$Q&rows=20$FACETS6"
  "/dataset|/api/3/action/package_search?rows=20$FACETS6"
)
case ${PAIRS:-both} in
  documents) PAIRS=("${DOCUMENT_PAIRS[@]}") ;;
  datasets) PAIRS=("${DATASET_PAIRS[@]}") ;;
  *) PAIRS=("${DOCUMENT_PAIRS[@]}" "${DATASET_PAIRS[@]}") ;;
esac

run() {
  local path=$1
  # warm-up, then the measured run; wrk's --latency gives the percentiles
  wrk -t2 -c8 -d"${WARMUP:-30s}" "$BASE$path" >/dev/null
  wrk -t2 -c8 -d"$DURATION" --latency "$BASE$path" | awk -v p="$path" '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    END {printf "| %s | %s | %s | %s |\n", p, rps, p50, p99}'
}

echo "| path | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
for pair in "${PAIRS[@]}"; do
  run "${pair%%|*}"
  run "${pair##*|}"
done
# page weight over the wire (gzip, as browsers ask): HTML and CSS of the search page (no JavaScript is sent)
html=$(curl -s --compressed -o /dev/null -w '%{size_download}' "$BASE/zoeken?q=$Q")
css_path=$(curl -s "$BASE/zoeken?q=$Q" | grep -o '/assets/portal.css[^"]*' | head -1)
css=$(curl -s --compressed -o /dev/null -w '%{size_download}' "$BASE$css_path")
echo
echo "page weight of /zoeken?q=$WORDS over the wire: $((html + css)) bytes (HTML $html, CSS $css)"
