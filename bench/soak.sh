#!/usr/bin/env bash
# Soak run (issue 16): the jar as it is run, a mixed load of reads and writes (bench/soak.lua) first unpaced for
# CAPACITY_SECONDS to measure what the machine serves, then for SOAK_MINUTES at SHARE of that rate (wrk's delay()
# paces every connection). SOAK_CONSTANT=1 makes every write a package_update of the seeded datasets, so the store
# keeps its size and what the heap holds for each record cannot grow with it; class histograms at minute 5 and at
# the end go to the run's directory. Each minute: the service's heap after a full GC (jcmd GC.run, GC.heap_info), RSS
# (VmRSS), open files (/proc/<pid>/fd) and threads. Prints the per-minute table and the verdict: none of the four
# grows by more than 10 % from minute 5 to the last sample (the largest sample after minute 5 is shown beside it:
# Lucene's segment files come and go with merges).
# Exit 1 when a 5xx was answered or something grew.
#   CLIENTS=16 WARMUP=30 CAPACITY_SECONDS=60 SOAK_MINUTES=30 SHARE=0.5 PORT=18096 bench/soak.sh
# Needs wrk, curl and target/vindplaats.jar (./mvnw -B -o -q -DskipTests package); jcmd from JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-16}
CAPACITY_SECONDS=${CAPACITY_SECONDS:-60}
SOAK_MINUTES=${SOAK_MINUTES:-30}
SHARE=${SHARE:-0.5}
PORT=${PORT:-18096}
SEEDS=20
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
ADMIN="soak-admin-$RANDOM$RANDOM$RANDOM"
dir=${DIR:-$(mktemp -d /tmp/vindplaats-soak.XXXXXX)}
mkdir -p "$dir"
echo "data, log and samples in $dir" >&2
VINDPLAATS_ADMIN_TOKEN=$ADMIN "$JAVA" ${JAVA_OPTS:-} -jar target/vindplaats.jar serve --port "$PORT" \
  --data-dir "$dir/data" --rate-limit-per-token 0 --rate-limit-per-address 0 >"$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
until curl -fs -o /dev/null "http://localhost:$PORT/health"; do sleep 0.2; done
base="http://localhost:$PORT"
plooi=$(curl -fs -H "X-API-Key: $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"soak","scope":{"type":"organisation","id":"https://identifier.overheid.nl/tooi/id/gemeente/gm0518"},"level":"write"}' \
  "$base/platform/v1/tokens" | sed -E 's/.*"secret" *: *"([^"]+)".*/\1/')
curl -fs -o /dev/null -H "Authorization: $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"soak","title":"Soak"}' "$base/api/3/action/organization_create"
for k in $(seq 1 $SEEDS); do  # the datasets package_update rewrites
  curl -fs -o /dev/null -H "Authorization: $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"soak-vast-$k\",\"owner_org\":\"soak\",\"title\":\"Vast $k\",\"notes\":\"Over water en afval.\"}" \
    "$base/api/3/action/package_create"
done
export SOAK_PLOOI_TOKEN=$plooi SOAK_ADMIN_TOKEN=$ADMIN SOAK_SEEDS=$SEEDS

# Warm-up (JIT), not counted: WARMUP seconds unpaced.
SOAK_DELAY_MS=0 wrk -t2 -c"$CLIENTS" -d"${WARMUP:-30}s" --timeout 30s -s bench/soak.lua "$base" >/dev/null
echo "capacity: ${CAPACITY_SECONDS} s unpaced, $CLIENTS connections" >&2
capacity=$(SOAK_DELAY_MS=0 wrk -t2 -c"$CLIENTS" -d"${CAPACITY_SECONDS}s" --timeout 30s -s bench/soak.lua "$base")
echo "$capacity" >&2
rps=$(echo "$capacity" | sed -nE 's/.* rps ([0-9.]+) .*/\1/p')
# Each connection sends, waits for the answer, then waits delay ms: rate ≈ CLIENTS / (delay + latency).
target=$(awk -v r="$rps" -v s="$SHARE" 'BEGIN { printf "%.1f", r * s }')
delay=$(awk -v r="$target" -v c="$CLIENTS" 'BEGIN { printf "%d", c * 1000 / r }')
echo "soak: $SOAK_MINUTES min at about $target req/s (delay $delay ms per connection)" >&2

# The heap after GC comes from the GC log of the full collection GC.run causes ("Pause Full (Diagnostic Command)
# 52M->21M"): GC.heap_info, a second attach moments later on a loaded machine, saw up to three times that.
"$JCMD" "$pid" VM.log output="$dir/gc.log" what=gc >/dev/null
sample() {  # minute, heap used after GC (MB), RSS (MB), open files, threads, load average
  "$JCMD" "$pid" GC.run >/dev/null
  local used rss fds threads
  used=$(grep 'Pause Full' "$dir/gc.log" | tail -1 | sed -nE 's/.* [0-9]+M->([0-9]+)M\(.*/\1/p')
  rss=$(awk '/^VmRSS/ {print $2}' /proc/$pid/status)
  threads=$(awk '/^Threads/ {print $2}' /proc/$pid/status)
  fds=$(ls /proc/$pid/fd | wc -l)
  echo "$1 $used $((rss / 1024)) $fds $threads $(cut -d' ' -f1 /proc/loadavg)"
}
started=$(date +%s)
SOAK_DELAY_MS=$delay wrk -t2 -c"$CLIENTS" -d"${SOAK_MINUTES}m" --timeout 30s -s bench/soak.lua "$base" \
  >"$dir/soak-wrk" 2>"$dir/soak-wrk.err" &
wrk_pid=$!
: >"$dir/samples"
for m in $(seq 0 "$SOAK_MINUTES"); do
  now=$(date +%s); wait_s=$((started + m * 60 - now)); [ "$wait_s" -gt 0 ] && sleep "$wait_s"
  sample "$m" | tee -a "$dir/samples" >&2
  # What the heap holds, at minute 5 and at the end: the classes whose instances grew, if anything grows.
  if [ "$m" -eq 5 ] || [ "$m" -eq "$SOAK_MINUTES" ]; then "$JCMD" "$pid" GC.class_histogram >"$dir/histogram-$m" 2>&1 || true; fi
done
wait $wrk_pid
soak=$(cat "$dir/soak-wrk")
echo "$soak" >&2
errors5=$(echo "$capacity $soak" | grep -oE '5xx [0-9]+' | awk '{s += $2} END {print s}')

{
  echo "capacity (${CAPACITY_SECONDS} s unpaced, $CLIENTS connections): $capacity"
  echo "soak ($SOAK_MINUTES min, delay $delay ms per connection, target $target req/s): $soak"
  echo
  echo "| minute | heap after GC (MB) | RSS (MB) | open files | threads | load |"
  echo "|---|---|---|---|---|---|"
  awk '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$dir/samples"
  echo
  awk 'function verdict(name, col) {
         growth = 100 * (last[col] - at5[col]) / at5[col]; peak = 100 * (max[col] - at5[col]) / at5[col]
         bad = growth > 10
         printf "- %s: minute 5 %s, last %s (%+.1f %%; largest after minute 5 %s, %+.1f %%): %s\n",
           name, at5[col], last[col], growth, max[col], peak, bad ? "GROWS" : "steady"
         return bad }
       $1 == 5 { for (c = 2; c <= 5; c++) { at5[c] = $c; max[c] = $c } }
       $1 > 5 { for (c = 2; c <= 5; c++) if ($c > max[c]) max[c] = $c }
       { for (c = 2; c <= 5; c++) last[c] = $c }
       END { b = verdict("heap after GC (MB)", 2) + verdict("RSS (MB)", 3) + verdict("open files", 4) + verdict("threads", 5)
             print (b ? "VERDICT: something grows by more than 10 %" : "VERDICT: nothing grows by more than 10 % after minute 5") }' \
    "$dir/samples"
  echo "- 5xx answered: $errors5"
} | tee "$dir/results.md"
grep -q "VERDICT: nothing grows" "$dir/results.md" && [ "$errors5" = 0 ]
