-- wrk script for the read benchmarks: each connection's thread cycles through the request paths in the
-- file named after `--` (one path a line, e.g. /v1/documents?subject=afval&rows=25), each thread starting
-- at a different line. Prints one JSON line with p50/p90/p99 (ms), req/s and errors at the end.
--   wrk -t2 -c8 -d30s --latency -s bench/wrk-urls.lua http://localhost:18080 -- /tmp/urls.txt
local paths = {}
local position = 0
local threads = {}

function setup(thread)
  thread:set("number", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  position = (number or 0) * math.floor(#paths / 7)
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.1f, "rps": %.0f, "p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, ' ..
    '"max_ms": %.2f, "non2xx": %d, "socket_errors": %d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
