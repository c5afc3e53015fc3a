-- wrk script for bench/soak.sh: a mixed load of reads and writes, cycled per connection in a fixed pattern of
-- 20 requests (8 writes): 4 Rijksoverheid open data lists, 4 package_search with q, 2 register lists, 2 portal
-- search pages, 5 PLOOI metadata deliveries (each with an identifier of its own), 2 package_create (a name of
-- its own) and 1 package_update (of one of the SEED datasets soak.sh made). SOAK_DELAY_MS (if set) paces each
-- connection: wrk waits that long before sending the connection's next request. Prints one line of counts.
local template = io.open("src/test/resources/plooi/metadata-example.json"):read("a")
local words = {"afval", "begroting", "water", "verkeer", "onderwijs", "zorg", "energie", "wonen"}
local pattern = {"list", "search", "delivery", "register", "create", "list", "portal", "delivery", "search",
                 "update", "list", "search", "delivery", "register", "create", "list", "portal", "delivery",
                 "search", "delivery"}
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  ok, client, server = 0, 0, 0
  ploois = os.getenv("SOAK_PLOOI_TOKEN")
  admin = os.getenv("SOAK_ADMIN_TOKEN")
  seeds = tonumber(os.getenv("SOAK_SEEDS") or "20")
  pace = tonumber(os.getenv("SOAK_DELAY_MS") or "0")
  stamp = os.time()
  constant = os.getenv("SOAK_CONSTANT") == "1"
end

function delay()
  return pace
end

local function word(n)
  return words[n % #words + 1]
end

function request()
  counter = counter + 1
  local kind = pattern[(counter + id) % #pattern + 1]
  if constant and (kind == "delivery" or kind == "create") then
    kind = "update"
  end
  local unique = id .. "-" .. counter .. "-" .. stamp
  if kind == "list" then
    return wrk.format("GET", "/v1/documents?rows=25&output=json&offset=" .. (counter % 4) * 25)
  elseif kind == "search" then
    return wrk.format("GET", "/api/3/action/package_search?q=" .. word(counter) .. "&rows=10")
  elseif kind == "register" then
    return wrk.format("GET", "/api-register/v1/apis?page=" .. (counter % 3 + 1))
  elseif kind == "portal" then
    return wrk.format("GET", "/zoeken?q=" .. word(counter + 3))
  elseif kind == "delivery" then
    local body = template:gsub("doc%-123e4567%-e89b%-12d3%-a456%-426614174777", "soak-" .. unique)
    return wrk.format("POST", "/overheid/openbaarmaken/api/v0/metadata",
        {["Content-Type"] = "application/json", ["Aanlever-Token"] = ploois}, body)
  elseif kind == "create" then
    local body = string.format('{"name":"soak-%s","owner_org":"soak","title":"Soak %s %s","notes":"Gemaakt tijdens de soak over %s en %s.","tags":[{"name":"%s"}]}',
        unique, word(counter), unique, word(counter), word(counter + 1), word(counter + 2))
    return wrk.format("POST", "/api/3/action/package_create",
        {["Content-Type"] = "application/json", ["Authorization"] = admin}, body)
  else
    local name = "soak-vast-" .. (counter % seeds + 1)
    local body = string.format('{"id":"%s","name":"%s","owner_org":"soak","title":"Vast %s","notes":"Bijgewerkt %s over %s."}',
        name, name, unique, unique, word(counter))
    return wrk.format("POST", "/api/3/action/package_update",
        {["Content-Type"] = "application/json", ["Authorization"] = admin}, body)
  end
end

function response(status, headers, body)
  if status >= 500 then server = server + 1
  elseif status >= 400 then client = client + 1; if client <= 3 then io.stderr:write(status .. " " .. body:sub(1, 300) .. "\n") end
  else ok = ok + 1 end
end

function done(summary, latency, requests)
  local o, c, s = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); c = c + t:get("client"); s = s + t:get("server")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format('requests %d seconds %.1f rps %.1f ok %d 4xx %d 5xx %d socket_errors %d p50_ms %.1f p99_ms %.1f\n',
      summary.requests, seconds, summary.requests / seconds, o, c, s,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
