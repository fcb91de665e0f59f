-- wrk script: valid Track v1 events (POST /api/v1/customers/{id}/events) with Basic auth, spread over
-- 10,000 people, each with a unique event id, about 300 bytes per request.
local counter = 0
local auth = "Basic " .. (os.getenv("PREFLIGHT_BENCH_AUTH") or "cHJlZmxpZ2h0LXNpdGU6cHJlZmxpZ2h0LWFwaS1rZXk=")

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  requests = 0
end

request = function()
  requests = requests + 1
  local person = "bench-" .. id .. "-" .. (requests % 10000)
  local body = string.format(
    '{"name":"cart_updated","id":"01HBENCH%02d%014d","timestamp":%d,' ..
    '"data":{"cart_id":"cart-%d","cart_value":129.5,"currency":"EUR","items":[{"sku":"SKU-1","qty":2}],' ..
    '"source":"bench","coupon":null}}',
    id, requests, os.time(), requests % 5000)
  return wrk.format("POST", "/api/v1/customers/" .. person .. "/events",
    {["Content-Type"] = "application/json", ["Authorization"] = auth}, body)
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT req/s=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    non2xx, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
