-- Shared done(): one machine-readable line with exact percentiles (wrk's latency histogram, in µs),
-- read by run.sh. Loaded by the request scripts through dofile().
function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local sent = 0
  for _, t in ipairs(threads or {}) do
    sent = sent + (t:get("distinct") or 0)
  end
  io.write(string.format(
    "BENCH requests=%d rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d distinct_keys=%d\n",
    summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, sent))
end
