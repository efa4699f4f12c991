-- One fixed request, configured by the environment (run.sh): BENCH_METHOD, BENCH_PATH,
-- BENCH_KEY (sent as X-API-Key when set), BENCH_BODY (sent as JSON when set). A fixed request keeps
-- wrk on its fast path: no Lua runs per request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.path = os.getenv("BENCH_PATH") or "/api-tokens/self"
local key = os.getenv("BENCH_KEY")
if key and key ~= "" then wrk.headers["X-API-Key"] = key end
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
