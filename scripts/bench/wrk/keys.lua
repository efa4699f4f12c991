-- GET BENCH_PATH (default /api-tokens/self) with a different X-API-Key per request, taken in turn
-- from the file BENCH_KEYS_FILE (one key a line). Each wrk thread takes its own slice of the file,
-- so no key is sent twice until a thread has used up its slice; then it starts over.
-- done() reports how many distinct keys were sent.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(os.getenv("BENCH_THREADS") or "2")
  keys = {}
  local n = 0
  for line in io.lines(os.getenv("BENCH_KEYS_FILE")) do
    if n % count == id then table.insert(keys, line) end
    n = n + 1
  end
  path = os.getenv("BENCH_PATH") or "/api-tokens/self"
  sent = 0
  distinct = 0
end

function request()
  sent = sent + 1
  if distinct < #keys then distinct = distinct + 1 end
  return wrk.format("GET", path, { ["X-API-Key"] = keys[(sent - 1) % #keys + 1] })
end
