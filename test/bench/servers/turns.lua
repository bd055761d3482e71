-- wrk script for `npm run bench:http`: POST /api/messages round robin over the conversations in BENCH_TOKENS
-- (one token per line); each conversation walks the same four turns again and again ("opnieuw" starts over).
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local inputs = {
  '{"type":"message","text":"opnieuw"}',
  '{"type":"message","payload":"choice:tenant"}',
  '{"type":"message","payload":"choice:dagvaarding"}',
  '{"type":"message","text":"25-11"}',
}
local n = 0
request = function()
  local i = n % #tokens
  local step = math.floor(n / #tokens) % #inputs
  n = n + 1
  return wrk.format("POST", "/api/messages", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[i + 1] }, inputs[step + 1])
end
done = function(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), bad))
end
