# Helpers for run.sh: start/stop Keyward nodes, wait for them, create tokens, read MariaDB
# counters, run wrk. Sourced, not run. Every process started here is recorded in STARTED_PIDS so
# the EXIT trap in run.sh can stop exactly those.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/../.." && pwd)"
JAR="$REPO_DIR/app/target/keyward.jar"
HOST=127.0.0.1
STARTED_PIDS=()

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

stop_all() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

stop_pid() {
  local pid="$1" kept=() p
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${STARTED_PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  STARTED_PIDS=("${kept[@]}")
}

ensure_jar() {
  if [ ! -f "$JAR" ]; then
    log "building $JAR (./mvnw -B -q -DskipTests package)"
    (cd "$REPO_DIR" && ./mvnw -B -q -DskipTests package) || die "build failed"
  fi
}

ensure_wrk() {
  command -v wrk >/dev/null && return
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "wrk is missing: install Debian's package 'wrk'"
  log "installing wrk with apt-get"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
    || die "could not install wrk"
}

# start_node NAME DATA_DIR [VAR=value ...] -> sets NODE_PID and NODE_URL. The port is chosen by the
# server itself (MICRONAUT_SERVER_PORT=-1) and read back from its startup line, so two runs never race
# for a port; it listens on 127.0.0.1 only.
start_node() {
  local name="$1" dir="$2"; shift 2
  mkdir -p "$dir"
  local logf="$dir/$name.log"
  (cd "$dir" && exec env MICRONAUT_SERVER_PORT=-1 MICRONAUT_SERVER_HOST=$HOST KEYWARD_DATA_DIR="$dir/data" "$@" \
      java -jar "$JAR" >"$logf" 2>&1) &
  NODE_PID=$!
  STARTED_PIDS+=("$NODE_PID")
  local port="" i
  for i in $(seq 1 1200); do
    port="$(grep -o 'Server Running: http://[^ ]*:[0-9]*' "$logf" 2>/dev/null | head -1 | grep -o '[0-9]*$' || true)"
    [ -n "$port" ] && break
    kill -0 "$NODE_PID" 2>/dev/null || { tail -20 "$logf" >&2; die "$name exited during start (log: $logf)"; }
    sleep 0.1
  done
  [ -n "$port" ] || die "$name did not report its port within 120 s (log: $logf)"
  NODE_URL="http://$HOST:$port"
  wait_health "$NODE_URL" || die "$name not healthy (log: $logf)"
  log "$name up at $NODE_URL (pid $NODE_PID, log $logf)"
}

wait_health() {
  local i
  for i in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/health")" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}

# create_token URL ADMIN NAME PERMISSIONS_JSON_ARRAY -> prints "id value"
create_token() {
  local body
  body="$(curl -s -X POST "$1/api-tokens" -H "X-API-Key: $2" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$3\",\"permissions\":$4${5:+,$5}}")"
  local id value
  id="$(json_field id <<<"$body")"
  value="$(json_field value <<<"$body")"
  [ -n "$id" ] && [ -n "$value" ] || die "could not create token $3: $(json_field message <<<"$body")"
  echo "$id $value"
}

# create_tokens URL ADMIN COUNT DIR -> COUNT tokens that may read themselves (GET /api-tokens/self
# needs OrganizationAPITokenRead), their values in DIR/values.txt; curl's
# parallel mode (16 at a time) so 1,000 tokens take seconds.
create_tokens() {
  local url="$1" admin="$2" count="$3" dir="$4" i
  mkdir -p "$dir/created"
  {
    for i in $(seq 1 "$count"); do
      [ "$i" = 1 ] || echo 'next'
      echo "url = \"$url/api-tokens\""
      echo "request = POST"
      echo "header = \"X-API-Key: $admin\""
      echo 'header = "Content-Type: application/json"'
      echo "data = \"{\\\"name\\\":\\\"bench-lastused-$i\\\",\\\"permissions\\\":[\\\"OrganizationAPITokenRead\\\"]}\""
      echo "output = \"$dir/created/$i.json\""
    done
  } >"$dir/create.curlrc"
  curl -s --no-progress-meter --parallel --parallel-max 16 -K "$dir/create.curlrc" || die "creating $count tokens failed"
  cat "$dir"/created/*.json | { grep -o '"value":"kw_[0-9A-Za-z]*"' || true; } | cut -d'"' -f4 >"$dir/values.txt"
  local made; made="$(wc -l <"$dir/values.txt")"
  [ "$made" = "$count" ] || die "created $made of $count tokens"
}

# json_field NAME < json -> the first string value of NAME (enough for Keyward's flat answers)
json_field() { { grep -o "\"$1\":\"[^\"]*\"" || true; } | head -1 | cut -d'"' -f4; }

keygen() { java "$BENCH_DIR/KeyGen.java" "$1"; }

mariadb_q() { mariadb -h "$HOST" -P 3306 -u root -N -B -e "$1"; }

# db_counters -> "Com_select Com_update Com_insert Questions", global to the server (other clients count too)
db_counters() {
  mariadb_q "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select','Com_update','Com_insert','Questions')" \
    | awk '{v[$1]=$2} END {print v["Com_select"], v["Com_update"], v["Com_insert"], v["Questions"]}'
}

# run_wrk SCRIPT URL DURATION_S CONNECTIONS [VAR=value ...] -> prints wrk's BENCH line
run_wrk() {
  local script="$1" url="$2" secs="$3" conns="$4"; shift 4
  local out
  out="$(env BENCH_LUA_DIR="$BENCH_DIR/wrk" BENCH_THREADS=2 "$@" \
    wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s "$BENCH_DIR/wrk/$script" "$url")" \
    || die "wrk failed: $out"
  grep '^BENCH ' <<<"$out" || die "wrk printed no result: $out"
}

# field NAME "BENCH line" -> value
field() { { grep -o "$1=[^ ]*" <<<"$2" || true; } | cut -d= -f2; }

# calc EXPRESSION -> awk arithmetic, 2 decimals
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }

# start_wrk_bg OUT_FILE SCRIPT URL DURATION_S CONNECTIONS [VAR=value ...] -> WRK_PID (wrk itself,
# recorded for the EXIT trap); its BENCH line lands in OUT_FILE
start_wrk_bg() {
  local outf="$1" script="$2" url="$3" secs="$4" conns="$5"; shift 5
  ( exec env BENCH_LUA_DIR="$BENCH_DIR/wrk" BENCH_THREADS=2 "$@" \
      wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s "$BENCH_DIR/wrk/$script" "$url" ) >"$outf" 2>&1 &
  WRK_PID=$!
  STARTED_PIDS+=("$WRK_PID")
}

CLK_TCK="$(getconf CLK_TCK)"

# node_cpu_ticks PID -> user + system CPU time of that process so far, in clock ticks (Linux /proc)
node_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
