-- Shared by the wrk scripts: loads ids.lua (written by run.sh into the working directory), counts statuses.
dofile("ids.lua")
local counts = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non2xx") or 0) end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests/s %.0f  p50 %.2f ms  p99 %.2f ms  max %.2f ms  requests %d  non-2xx %d  socket errors %d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
