#!/usr/bin/env bash
# Metadata deliveries per second (issue 3), measured against the service as it is run: the jar in its own
# JVM, loaded over HTTP keep-alive by wrk (Debian package `wrk`) so the load generator costs little CPU.
# Each delivery counts when it is acknowledged (201), which happens only once it is durable and searchable;
# afterwards `_zoek` must find exactly as many documents as were acknowledged.
#   STORE=sqlite|postgres  SECONDS=60  CLIENTS=64  PORT=18095  bench/deliveries.sh
# For PostgreSQL set VINDPLAATS_TEST_POSTGRES_URL (the tests' JDBC URL); the run uses a schema of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
STORE=${STORE:-sqlite}
SECONDS_=${SECONDS_RUN:-${DURATION:-60}}
CLIENTS=${CLIENTS:-64}
PORT=${PORT:-18095}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
ADMIN="bench-admin-$RANDOM$RANDOM$RANDOM"
dir=$(mktemp -d); [ -n "${KEEP:-}" ] && echo "data in $dir" >&2
args=(serve --port "$PORT" --data-dir "$dir/data" --rate-limit-per-token 0 --rate-limit-per-address 0)
if [ "$STORE" = postgres ]; then
  schema="bench_$RANDOM$RANDOM"
  args+=(--database-url "${VINDPLAATS_TEST_POSTGRES_URL:?set VINDPLAATS_TEST_POSTGRES_URL}" --database-schema "$schema")
fi
VINDPLAATS_ADMIN_TOKEN=$ADMIN "$JAVA" ${JAVA_OPTS:-} -jar target/vindplaats.jar "${args[@]}" >"$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
until curl -fs -o /dev/null "http://localhost:$PORT/health"; do sleep 0.1; done
token=$(curl -fs -H "X-API-Key: $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scope":{"type":"organisation","id":"https://identifier.overheid.nl/tooi/id/gemeente/gm0518"},"level":"write"}' \
  "http://localhost:$PORT/platform/v1/tokens" | sed -E 's/.*"secret" *: *"([^"]+)".*/\1/')
# Warm-up (JIT), not counted: WARMUP seconds (default 180: after 60 s the compilers still take a fifth of the CPU).
BENCH_TOKEN=$token wrk -t2 -c"$CLIENTS" -d"${WARMUP:-180}s" -s bench/deliveries.lua "http://localhost:$PORT" >/dev/null
sleep 2
before=$(curl -fs "http://localhost:$PORT/overheid/openbaarmaken/api/v0/_zoek?publisher=https://identifier.overheid.nl/tooi/id/gemeente/gm0518" | sed -E 's/.*"totaal" *: *([0-9]+).*/\1/')
load_before=$(cut -d' ' -f1 /proc/loadavg)
cpu_before=$(awk '{print $14 + $15}' /proc/$pid/stat)
threads() {  # tid, CPU ticks, name of every thread (one that ends meanwhile is left out)
  for t in /proc/$pid/task/*; do
    ticks=$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null) && name=$(tr ' ' '_' <"$t/comm" 2>/dev/null) \
      && echo "$(basename "$t") $ticks $name"
  done
  return 0
}
threads >"$dir/threads-before"
out=$(BENCH_TOKEN=$token wrk -t2 -c"$CLIENTS" -d"${SECONDS_}s" --timeout 10s -s bench/deliveries.lua "http://localhost:$PORT")
cpu_after=$(awk '{print $14 + $15}' /proc/$pid/stat)
threads >"$dir/threads-after"
# Where the server's CPU went during the run, by thread (numbers folded), with threads that ended as one line.
awk -v total="$((cpu_after - cpu_before))" 'NR == FNR { before[$1] = $2; next }
  { name = $3; gsub(/[0-9]+/, "N", name); used[name] += $2 - before[$1]; sum += $2 - before[$1] }
  END { used["(threads that ended, e.g. Lucene merges)"] = total - sum
        for (n in used) if (used[n] > 0) printf "  %5.1f%%  %s\n", 100 * used[n] / total, n }' \
  "$dir/threads-before" "$dir/threads-after" | sort -rn >&2
sleep 2  # requests still in flight when wrk stopped finish (and count in _zoek, not in wrk's tally)
after=$(curl -fs "http://localhost:$PORT/overheid/openbaarmaken/api/v0/_zoek?publisher=https://identifier.overheid.nl/tooi/id/gemeente/gm0518" | sed -E 's/.*"totaal" *: *([0-9]+).*/\1/')
created=$(echo "$out" | sed -nE 's/^created ([0-9]+) other ([0-9]+).*/\1/p')
other=$(echo "$out" | sed -nE 's/^created ([0-9]+) other ([0-9]+).*/\2/p')
p50=$(echo "$out" | sed -nE 's/.*p50_ms ([0-9.]+).*/\1/p')
p99=$(echo "$out" | sed -nE 's/.*p99_ms ([0-9.]+).*/\1/p')
found=$((after - before))
rate=$((created / SECONDS_))
cpu_ms_each=$(awk -v t="$((cpu_after - cpu_before))" -v n="$created" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }')
echo "| metadata deliveries (wrk) | $STORE | ${SECONDS_} s, $CLIENTS clients | $rate /s ($created acknowledged, $other not; _zoek finds $found) | p50 $p50 ms, p99 $p99 ms, server CPU $cpu_ms_each ms per delivery, load $load_before | $(date -u +%Y-%m-%dT%H:%M) |"
# Every acknowledged delivery is findable; at most the requests in flight when wrk stopped are extra.
if [ "$found" -lt "$created" ] || [ "$found" -gt $((created + CLIENTS)) ]; then
  echo "MISMATCH: acknowledged $created, found $found" >&2; exit 1
fi
