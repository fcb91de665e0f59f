-- wrk script: Pipelines batches (POST /v1/batch) of 20 valid track calls each, as the official
-- libraries send them, with Basic auth (the write key), spread over 10,000 people, each call with a
-- unique messageId; about 4.4 KB per request.
local counter = 0
local itemsPerBatch = 20
local auth = "Basic " .. (os.getenv("PREFLIGHT_BENCH_PIPELINES_AUTH") or "cHJlZmxpZ2h0LXdyaXRlLWtleTo=")

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  requests = 0
end

request = function()
  requests = requests + 1
  local items = {}
  for i = 1, itemsPerBatch do
    local n = requests * itemsPerBatch + i
    items[i] = string.format(
      '{"type":"track","userId":"bench-%d-%d","event":"cart_updated","messageId":"bench-%02d-%014d",' ..
      '"properties":{"cart_id":"cart-%d","cart_value":129.5,"currency":"EUR","items":[{"sku":"SKU-1","qty":2}]}}',
      id, n % 10000, id, n, n % 5000)
  end
  return wrk.format("POST", "/v1/batch",
    {["Content-Type"] = "application/json", ["Authorization"] = auth, ["X-Strict-Mode"] = "1"},
    '{"batch":[' .. table.concat(items, ",") .. ']}')
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  local rate = summary.requests / (summary.duration / 1e6)
  io.write(string.format("RESULT req/s=%.0f items/s=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    rate, rate * itemsPerBatch, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    non2xx, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
