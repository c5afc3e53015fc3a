#!/usr/bin/env bash
# Cold start: milliseconds from `java -jar target/vindplaats.jar serve` on an empty data directory to
# the first answered GET /health, over RUNS runs (default 10). Builds nothing: run
# `./mvnw -q -DskipTests package` first. Target: under 3000 ms.
#   JAR=path/to/vindplaats.jar  RUNS=10  PORT=18080  JAVA_OPTS=...  bench/cold-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-target/vindplaats.jar}
# As the README starts it: with the class-data archive the build records. JAVA_OPTS= (empty) measures without.
JAVA_OPTS=${JAVA_OPTS-"-XX:SharedArchiveFile=${JAR%.jar}.jsa"}
RUNS=${RUNS:-10}
PORT=${PORT:-18080}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -f "$JAR" ] || { echo "There is no $JAR; build it first: ./mvnw -q -DskipTests package" >&2; exit 1; }
if curl -s -o /dev/null "http://localhost:$PORT/"; then
  echo "Port $PORT is in use; set PORT to a free one." >&2; exit 1
fi

# The poll runs inside bash (/dev/tcp, read -t): starting a curl and a sleep process every few
# milliseconds would take a good part of the two CPUs the service is starting on.
exec 9<> <(:)
answers_health() {
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" 2>/dev/null || return 1
  printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  local status=""
  read -r -t 5 status <&3 || true
  exec 3<&-
  [[ $status == *" 200 "* ]]
}

times=()
cpus=()
for run in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d)
  start=$(date +%s%N)
  # A fixed admin token, so the service prints no generated secret.
  VINDPLAATS_ADMIN_TOKEN="bench-$RANDOM$RANDOM" "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" serve \
      --port "$PORT" --data-dir "$dir/data" >"$dir/log" 2>&1 &
  pid=$!
  until answers_health; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run $run: the service exited before answering:" >&2; cat "$dir/log" >&2; exit 1
    fi
    read -rt 0.005 -u 9 || true  # a 5 ms pause without starting a process
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  # CPU time the JVM used until then (user + system, all threads): on a busy machine wall time waits
  # for other processes, this does not.
  read -r utime stime < <(awk '{print $14, $15}' "/proc/$pid/stat")
  cpu_ms=$(( (utime + stime) * 1000 / $(getconf CLK_TCK) ))
  times+=("$ms")
  cpus+=("$cpu_ms")
  echo "run $run: $ms ms to the first answer, $cpu_ms ms CPU (the log says: $(grep -o 'started in [0-9]* ms' "$dir/log" || echo '?'); load $(cut -d' ' -f1 /proc/loadavg))"
  kill -TERM "$pid"
  wait "$pid" || true
  rm -rf "$dir"
done

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
cpu_sorted=($(printf '%s\n' "${cpus[@]}" | sort -n))
echo "CPU time to the first answer: median ${cpu_sorted[$(( (n - 1) / 2 ))]} ms  (machine: $(nproc) cores)"
echo "runs: $n  min: ${sorted[0]} ms  median: ${sorted[$(( (n - 1) / 2 ))]} ms  max: ${sorted[$(( n - 1 ))]} ms  (target < 3000 ms)"
