-- wrk script for bench/deliveries.sh: POSTs the PLOOI example metadata, each request with an identifier
-- of its own (a repeated identifier would be an idempotent re-delivery, answered 200 instead of 201).
local template = io.open("src/test/resources/plooi/metadata-example.json"):read("a")
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  created, other = 0, 0
  token = os.getenv("BENCH_TOKEN")
end

function request()
  counter = counter + 1
  local body = template:gsub("doc%-123e4567%-e89b%-12d3%-a456%-426614174777",
      "bench-" .. id .. "-" .. counter .. "-" .. os.time())
  return wrk.format("POST", "/overheid/openbaarmaken/api/v0/metadata",
      {["Content-Type"] = "application/json", ["Aanlever-Token"] = token}, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("created %d other %d p50_ms %.1f p99_ms %.1f\n", c, o,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
