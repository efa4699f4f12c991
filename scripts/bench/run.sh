#!/usr/bin/env bash
# Keyward benchmark (issue 9): starts Keyward itself from app/target/keyward.jar and measures, side by
# side on the same server, the cost of checking a token against the cost of refusing a request
# without one. Prints a Markdown summary and keeps it in scripts/bench/last-run.md.
#
#   scripts/bench/run.sh [h2|mariadb|all] [--duration 15s] [--connections 64] [--warmup 10s]
#                        [--rounds 2] [--prewarm 3s] [--lastused] [--propagation] [--rotations 200]
#
# --warmup       all measured requests at once, mixed, before any measurement (the JIT then compiles
#                for the mix a serving node sees, not for whichever request happened to run last)
# --rounds       measure every request this many times, interleaved, the refusal floor first in each
#                round and once more at the end; figures are means over the rounds
# --prewarm      before each measured run, the same request alone for this long, unmeasured: every
#                request, the floor included, is measured in the same state

# --lastused     also: 1,000 tokens, 30 s of load spread across them, UPDATE statements counted
# --propagation  also (MariaDB): a second node on the same database; rotate on A, time until B refuses
#
# MariaDB: 127.0.0.1:3306 as root without password; the database keyward_bench is dropped and
# created afresh. Traffic goes to 127.0.0.1 only. The machine's other load shows in the figures: the
# refusal floor is measured twice (before and after) and averaged.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODE=all DURATION=15 CONNS=64 WARMUP=10 ROUNDS=2 PREWARM=3 LASTUSED=0 PROPAGATION=0 ROTATIONS=200
LASTUSED_TOKENS=1000 LASTUSED_SECONDS=30
DB_NAME=keyward_bench

seconds() {
  case "$1" in
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}

while [ $# -gt 0 ]; do
  case "$1" in
    h2|mariadb|all) MODE="$1" ;;
    --duration) DURATION="$(seconds "$2")"; shift ;;
    --connections) CONNS="$2"; shift ;;
    --warmup) WARMUP="$(seconds "$2")"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    --prewarm) PREWARM="$(seconds "$2")"; shift ;;
    --lastused) LASTUSED=1 ;;
    --propagation) PROPAGATION=1 ;;
    --rotations) ROTATIONS="$2"; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

WORK="$(mktemp -d /tmp/keyward-bench.XXXXXX)"
MARIADB_USED=0
cleanup() {
  stop_all
  [ "$MARIADB_USED" = 1 ] && mariadb_q "DROP DATABASE IF EXISTS $DB_NAME" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SUMMARY="$WORK/summary.md"
WALL=()

ensure_jar
ensure_wrk

db_reachable() { mariadb_q "SELECT 1" >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------
# One measured run of KIND (see kind_env), after PREWARM seconds of the same request unmeasured; appends
# "kind requests rps p50 p99 non2xx cpu_ticks selects updates" to $RUNS (cpu_ticks: the server's CPU
# time in clock ticks during the run; selects/updates: counter deltas, or -).
measure() {
  local kind="$1" secs="$2" before after line cpu_before
  [ "$PREWARM" -gt 0 ] && wrk_kind "$kind" "$PREWARM" >/dev/null
  [ "$IS_MARIADB" = 1 ] && before="$(db_counters)"
  cpu_before="$(node_cpu_ticks "$NODE_A_PID")"
  line="$(wrk_kind "$kind" "$secs")"
  line="$line cpu_ticks=$(( $(node_cpu_ticks "$NODE_A_PID") - cpu_before ))"
  if [ "$IS_MARIADB" = 1 ]; then
    after="$(db_counters)"
    set -- $before $after
    line="$line selects=$(( $5 - $1 )) updates=$(( $6 - $2 ))"
  fi
  echo "$kind $line" >>"$RUNS"
  log "$kind: $line"
  case "$kind" in refusal|notfound|wrongmethod) ;; *) expect_success "$kind" "$line" ;; esac
}

# A valid check answered with an error measures the error path: say so loudly in the summary.
expect_success() {
  local n; n="$(field non2xx "$2")"
  if [ "${n:-0}" != 0 ]; then
    log "WARNING: $1 had $n non-2xx answers"
    echo "- **warning: $1 had $n non-2xx answers; its figures measure a failure path**" >>"$WARNINGS"
  fi
}

# kind_env KIND -> KIND_ENV, the request of KIND for check.lua
kind_env() {
  case "$1" in
    refusal) KIND_ENV=(BENCH_METHOD=GET BENCH_PATH=/api-tokens/self) ;;
    self) KIND_ENV=(BENCH_METHOD=GET BENCH_PATH=/api-tokens/self BENCH_KEY="$SELF") ;;
    verify) KIND_ENV=(BENCH_METHOD=POST BENCH_PATH=/api-tokens/verify BENCH_KEY="$CALLER" BENCH_BODY="$VERIFY_BODY") ;;
    query) KIND_ENV=(BENCH_METHOD=POST BENCH_PATH=/api-tokens/verify BENCH_KEY="$CALLER" BENCH_BODY="$QUERY_BODY") ;;
    rich) KIND_ENV=(BENCH_METHOD=POST BENCH_PATH=/api-tokens/verify BENCH_KEY="$CALLER" BENCH_BODY="$RICH_BODY") ;;
    liveness|probe) KIND_ENV=(BENCH_METHOD=GET BENCH_PATH=/health/liveness) ;;
    readiness) KIND_ENV=(BENCH_METHOD=GET BENCH_PATH=/health/readiness) ;;
    notfound) KIND_ENV=(BENCH_METHOD=GET BENCH_PATH=/no-such-path) ;;
    wrongmethod) KIND_ENV=(BENCH_METHOD=DELETE BENCH_PATH=/health) ;;
    *) die "unknown kind $1" ;;
  esac
}

wrk_kind() {
  kind_env "$1"
  local conns="$CONNS"; [ "$1" = probe ] && conns=2
  run_wrk check.lua "$A" "$2" "$conns" "${KIND_ENV[@]}"
}

# warm_mixed SECS KIND... -> all KINDs at once for SECS, CONNS connections shared between them
warm_mixed() {
  local secs="$1" k pids=() i=0; shift
  local each=$(( CONNS / $# > 2 ? CONNS / $# : 2 ))
  for k in "$@"; do
    kind_env "$k"
    start_wrk_bg "$WORK/warm-$k.out" check.lua "$A" "$secs" "$each" "${KIND_ENV[@]}"
    pids+=("$WRK_PID")
  done
  for i in "${pids[@]}"; do wait "$i" || die "warm-up wrk failed: $(cat "$WORK"/warm-*.out)"; done
}

# mean FIELD KIND -> mean of FIELD over the runs of KIND
mean() {
  { grep "^$2 " "$RUNS" || true; } | { grep -o "$1=[^ ]*" || true; } | cut -d= -f2 \
    | awk '{s+=$1; n++} END {if (n) printf "%.3f", s/n; else print "-"}'
}
runs_of() { grep -c "^$1 " "$RUNS" || true; }

# bracketed KIND -> each run of KIND ÷ the mean of the two floor runs just before and after it, in run
# order: the machine drifts within a minute, and a ratio to its neighbours shows what a mean hides
bracketed() {
  awk -v k="$1" '{kind[NR]=$1; for (i=2;i<=NF;i++) {split($i,kv,"="); if (kv[1]=="rps") rps[NR]=kv[2]}}
    END {for (n=1;n<=NR;n++) if (kind[n]==k) {p=n; while (p>0 && kind[p]!="refusal") p--; q=n; while (q<=NR && kind[q]!="refusal") q++;
      if (p>0 && q<=NR) printf "%s%.2f", (c++ ? ", " : ""), rps[n]/((rps[p]+rps[q])/2)}}' "$RUNS"
}

# selects per request of KIND over its runs (MariaDB), else n/a
# server CPU microseconds per request of KIND over its runs: steadier than req/s on a shared machine,
# since another process's load lowers the rate but hardly the CPU time each request takes
cpu_us() {
  { grep "^$1 " "$RUNS" || true; } | awk -v hz="$CLK_TCK" '{for (i=2;i<=NF;i++) {split($i,kv,"="); v[kv[1]]=kv[2]}
    t+=v["cpu_ticks"]; r+=v["requests"]} END {if (r) printf "%.1f", t * 1000000 / hz / r; else print "-"}'
}

per_request() {
  [ "$IS_MARIADB" = 1 ] || { echo n/a; return; }
  { grep "^$2 " "$RUNS" || true; } | awk -v f="$1" '{for (i=2;i<=NF;i++) {split($i,kv,"="); v[kv[1]]=kv[2]}
    s+=v[f]; r+=v["requests"]} END {if (r) printf "%.3f", s/r; else print "-"}'
}

pass() { awk "BEGIN { print ($1) ? \"met\" : \"**not met**\" }"; }

# ---------------------------------------------------------------------------------------------
bench_database() {
  local db="$1" started=$SECONDS
  local dir="$WORK/$db"
  mkdir -p "$dir"
  RUNS="$dir/runs.txt"; : >"$RUNS"
  WARNINGS="$dir/warnings.md"; : >"$WARNINGS"
  DB_ENV=()
  IS_MARIADB=0
  if [ "$db" = mariadb ]; then
    if ! db_reachable; then
      log "MariaDB is not reachable on 127.0.0.1:3306 as root: skipping it"
      printf '\n## MariaDB\n\nskipped: MariaDB not reachable on 127.0.0.1:3306 (root, no password)\n' >>"$SUMMARY"
      return
    fi
    IS_MARIADB=1 MARIADB_USED=1
    mariadb_q "DROP DATABASE IF EXISTS $DB_NAME; CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4"
    PEPPER="$(head -c 24 /dev/urandom | base64)"   # 32 characters
    DB_ENV=(DATASOURCES_DEFAULT_URL="jdbc:mariadb://$HOST:3306/$DB_NAME" DATASOURCES_DEFAULT_USERNAME=root
      DATASOURCES_DEFAULT_PASSWORD= KEYWARD_SECRETS_PEPPER="$PEPPER")
  fi
  ADMIN="$(keygen 1)"
  start_node "$db-a" "$dir/a" KEYWARD_BOOTSTRAP_TOKEN="$ADMIN" "${DB_ENV[@]}"
  A="$NODE_URL" NODE_A_PID="$NODE_PID"

  local caller_id self_id target_id
  read -r caller_id CALLER < <(create_token "$A" "$ADMIN" bench-caller '["OrganizationAPITokenRead"]')
  read -r self_id SELF < <(create_token "$A" "$ADMIN" bench-self '["OrganizationAPITokenRead"]')
  read -r target_id TARGET < <(create_token "$A" "$ADMIN" bench-target '["AlertRead","RuleRead"]')
  # A valid check must really be one: GET /api-tokens/self needs OrganizationAPITokenRead.
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$A/api-tokens/self" -H "X-API-Key: $SELF")" = 200 ] \
    || die "GET /api-tokens/self with a valid key is not 200"
  VERIFY_BODY="{\"key\":\"$TARGET\",\"permissions\":[\"AlertRead\"]}"

  # Is the verify door there? One request first: anything but a valid verdict means "not yet".
  local code verify_note=""
  code="$(curl -s -o "$dir/verify-probe.json" -w '%{http_code}' -X POST "$A/api-tokens/verify" \
    -H "X-API-Key: $CALLER" -H 'Content-Type: application/json' -d "$VERIFY_BODY")"
  HAS_VERIFY=0
  if [ "$code" = 200 ] && grep -q '"valid" *: *true' "$dir/verify-probe.json"; then
    HAS_VERIFY=1
  else
    verify_note="not available: $code"
    log "POST /api-tokens/verify $verify_note ($(json_field message <"$dir/verify-probe.json"))"
  fi
  # A permission query of 50 names (49 alternatives, the target's RuleRead the 36th, then AND AlertRead): valid,
  # where the release takes queries.
  local names=(AIRunAsModify AlertModify BulkUpload BulkUploadValidate CloudsecSourceModify CloudsecSourceRead
    DataAnalyticsModify DataAnalyticsRead DestinationModify DestinationRead GeneralSettingsModify GeneralSettingsRead
    LogSourceModify LogSourceRawDataRead LogSourceRead LookupModify LookupRead ManageAIResponses ManageAISkills
    McpServerModify McpServerRead NotificationsSend OrganizationAPITokenModify OrganizationAPITokenRead PolicyModify
    PolicyRead ResourceModify ResourceRead RuleModify RunPantherAI SummaryRead UserModify UserRead
    ViewAIPrivateResponses ViewAISkills RuleRead)
  names+=("${names[@]:0:13}")
  local alternatives; alternatives="$(printf ' OR %s' "${names[@]}")"
  QUERY_BODY="{\"key\":\"$TARGET\",\"permissions\":\"(${alternatives# OR }) AND AlertRead\"}"
  HAS_QUERY=0
  if [ "$HAS_VERIFY" = 1 ] && curl -s -X POST "$A/api-tokens/verify" -H "X-API-Key: $CALLER" -H 'Content-Type: application/json' \
      -d "$QUERY_BODY" | grep -q '"valid" *: *true'; then
    HAS_QUERY=1
  fi
  # A key carrying 1 KiB of metadata and an owner with metadata of its own (issue 17's rich key; its
  # roles and wildcards are not built yet), verified like the plain one: where the release has them.
  local meta_pad; meta_pad="$(head -c 1000 /dev/zero | tr '\0' 'x')"
  local owner_field="" owner_id
  owner_id="$(curl -s -X POST "$A/owners" -H "X-API-Key: $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"externalId\":\"bench-owner-$$\",\"meta\":{\"tier\":\"gold\"}}" | json_field id)" || true
  [ -n "$owner_id" ] && owner_field=",\"ownerId\":\"$owner_id\""
  local rich_id rich
  read -r rich_id rich < <(create_token "$A" "$ADMIN" bench-rich '["AlertRead","RuleRead"]' \
    "\"meta\":{\"plan\":\"enterprise\",\"region\":\"eu-west-1\",\"pad\":\"$meta_pad\"}$owner_field") || true
  RICH_BODY="{\"key\":\"$rich\",\"permissions\":[\"AlertRead\"]}"
  HAS_RICH=0
  if [ "$HAS_VERIFY" = 1 ] && [ -n "$rich" ] && curl -s -X POST "$A/api-tokens/verify" -H "X-API-Key: $CALLER" \
      -H 'Content-Type: application/json' -d "$RICH_BODY" | grep -q '"pad"'; then
    HAS_RICH=1
  fi
  local kinds=(refusal self)
  [ "$HAS_VERIFY" = 1 ] && kinds+=(verify)
  [ "$HAS_QUERY" = 1 ] && kinds+=(query)
  [ "$HAS_RICH" = 1 ] && kinds+=(rich)
  kinds+=(liveness readiness notfound wrongmethod)

  # The JIT keeps compiling for a long while and recompiles what a new request shape reaches, so a
  # request measured right after another one measured the transition (the floor once read 10k and 52k
  # req/s in one run). A mixed warm-up, the same prewarm before every measured run, and rounds with the
  # floor between them measure each request in the same, serving, state.
  log "warming up for ${WARMUP}s, all requests at once (JIT)"
  warm_mixed "$WARMUP" "${kinds[@]}"
  local k round
  for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS"
    for k in "${kinds[@]}"; do measure "$k" "$DURATION"; done
  done
  measure refusal "$DURATION"

  # Flood: valid checks beside a second wrk sending random well-formed keys, each a different one.
  local valid=self; [ "$HAS_VERIFY" = 1 ] && valid=verify
  local before after flood_line valid_line
  [ "$IS_MARIADB" = 1 ] && before="$(db_counters)"
  start_wrk_bg "$dir/flood.out" keys.lua "$A" "$DURATION" "$CONNS" BENCH_KEYS_FILE="$FLOOD_KEYS"
  local flood_pid=$WRK_PID
  valid_line="$(wrk_kind "$valid" "$DURATION")"
  wait "$flood_pid" || die "flood wrk failed: $(cat "$dir/flood.out")"
  flood_line="$(grep '^BENCH ' "$dir/flood.out")" || die "flood wrk printed no result: $(cat "$dir/flood.out")"
  local flood_db="n/a" flood_questions="n/a" flood_caused="n/a" flood_per_key="n/a"
  if [ "$IS_MARIADB" = 1 ]; then
    after="$(db_counters)"
    set -- $before $after
    flood_db=$(( $5 - $1 )) flood_questions=$(( $8 - $4 ))
    local valid_share
    valid_share="$(calc "$(field requests "$valid_line") * $(per_request selects "$valid")")"
    flood_caused="$(calc "$flood_db - $valid_share" | cut -d. -f1)"
    # Keys sent can exceed the answers received by the requests still in flight at the end.
    flood_per_key="$(calc "$flood_caused / $(field requests "$flood_line")")"
  fi
  # A liveness probe (one connection) while a check load saturates the node.
  start_wrk_bg "$dir/busy.out" check.lua "$A" "$DURATION" "$CONNS" BENCH_METHOD=GET BENCH_PATH=/api-tokens/self BENCH_KEY="$SELF"
  local busy_pid=$WRK_PID probe_line
  probe_line="$(wrk_kind probe "$DURATION")"
  wait "$busy_pid" || die "busy wrk failed: $(cat "$dir/busy.out")"
  log "probe under load: $probe_line"

  log "flood: valid $valid_line"
  expect_success "$valid during the flood" "$valid_line"
  log "flood: random $flood_line (Com_select delta $flood_db)"

  # lastUsedAt: statements caused by 30 s of load spread over 1,000 tokens.
  local lu_line="" lu_updates="n/a" lu_inserts="n/a" lu_create=""
  if [ "$LASTUSED" = 1 ]; then
    local t0=$SECONDS
    log "creating $LASTUSED_TOKENS tokens"
    create_tokens "$A" "$ADMIN" "$LASTUSED_TOKENS" "$dir/lastused"
    lu_create=$(( SECONDS - t0 ))
    [ "$IS_MARIADB" = 1 ] && before="$(db_counters)"
    lu_line="$(run_wrk keys.lua "$A" "$LASTUSED_SECONDS" "$CONNS" BENCH_KEYS_FILE="$dir/lastused/values.txt")"
    if [ "$IS_MARIADB" = 1 ]; then
      after="$(db_counters)"
      set -- $before $after
      lu_updates=$(( $6 - $2 )) lu_inserts=$(( $7 - $3 ))
    fi
    log "lastused: $lu_line (Com_update delta $lu_updates)"
    expect_success "the lastUsedAt load" "$lu_line"
  fi

  # Propagation: a second node on the same database and pepper.
  local prop_line=""
  if [ "$PROPAGATION" = 1 ] && [ "$IS_MARIADB" = 1 ]; then
    start_node "$db-b" "$dir/b" KEYWARD_BOOTSTRAP_TOKEN="$ADMIN" "${DB_ENV[@]}"
    local B="$NODE_URL" prop_id prop_value
    read -r prop_id prop_value < <(create_token "$A" "$ADMIN" bench-propagation '["OrganizationAPITokenRead"]')
    log "propagation: $ROTATIONS rotations on A, polling B"
    prop_line="$(java "$BENCH_DIR/Propagation.java" "$A" "$B" "$ADMIN" "$prop_id" "$prop_value" "$ROTATIONS")" \
      || die "Propagation.java failed"
    log "$prop_line"
  fi
  stop_all

  # ---- summary for this database
  local wall=$(( SECONDS - started ))
  WALL+=("$db ${wall}s")
  local r_rps r_p99 title
  r_rps="$(mean rps refusal)"; r_p99="$(mean p99_ms refusal)"
  # "µs (refusal's µs ÷ these µs)": like req/s ÷ refusal, above 1 is cheaper than the refusal
  cpu_cell() { local us; us="$(cpu_us "$1")"; echo "$us ($(calc "$(cpu_us refusal) / $us"))"; }
  title="H2 (embedded default)"; [ "$IS_MARIADB" = 1 ] && title="MariaDB ($(mariadb_q 'SELECT VERSION()'), jdbc:mariadb://$HOST:3306/$DB_NAME)"
  {
    printf '\n## %s — wall time %ss\n\n' "$title" "$wall"
    printf '%s connections, wrk -t2, %ss per run after %ss of mixed warm-up and %ss of the same request unmeasured; %s rounds, every figure a mean over them; refusal = mean of %s runs (first in each round and last).\n\n' \
      "$CONNS" "$DURATION" "$WARMUP" "$PREWARM" "$ROUNDS" "$(runs_of refusal)"
    echo '| request | req/s | p50 ms | p99 ms | req/s ÷ refusal | p99 ÷ refusal p99 | target (MariaDB) | DB selects/req | non-2xx | server CPU µs/req (÷ refusal) |'
    echo '|---|---|---|---|---|---|---|---|---|---|'
    printf '| refusal: `GET /api-tokens/self`, no key (floor) | %.0f | %.2f | %.2f | 1.00 | 1.00 | — | %s | %s (401 expected) | %s |\n' \
      "$r_rps" "$(mean p50_ms refusal)" "$r_p99" "$(per_request selects refusal)" "$(mean non2xx refusal | cut -d. -f1)" "$(cpu_us refusal)"
    local s_ratio
    s_ratio="$(calc "$(mean rps self) / $r_rps")"
    printf '| `GET /api-tokens/self`, valid key | %.0f | %.2f | %.2f | %s | %s | ≥ 0.6: %s | %s | %s | %s |\n' \
      "$(mean rps self)" "$(mean p50_ms self)" "$(mean p99_ms self)" "$s_ratio" \
      "$(calc "$(mean p99_ms self) / $r_p99")" "$(pass "$s_ratio >= 0.6")" "$(per_request selects self)" \
      "$(mean non2xx self | cut -d. -f1)" "$(cpu_cell self)"
    if [ "$HAS_VERIFY" = 1 ]; then
      local v_ratio v_p99
      v_ratio="$(calc "$(mean rps verify) / $r_rps")"; v_p99="$(calc "$(mean p99_ms verify) / $r_p99")"
      printf '| `POST /api-tokens/verify`, valid caller and key | %.0f | %.2f | %.2f | %s | %s | ≥ 0.85: %s; p99 ≤ 1.5×: %s | %s | %s | %s |\n' \
        "$(mean rps verify)" "$(mean p50_ms verify)" "$(mean p99_ms verify)" "$v_ratio" "$v_p99" \
        "$(pass "$v_ratio >= 0.85")" "$(pass "$v_p99 <= 1.5")" "$(per_request selects verify)" \
        "$(mean non2xx verify | cut -d. -f1)" "$(cpu_cell verify)"
    else
      printf '| `POST /api-tokens/verify` | %s | | | | | | | | |\n' "$verify_note"
    fi
    if [ "$HAS_QUERY" = 1 ]; then
      printf '| `POST /api-tokens/verify`, a 50-name permission query | %.0f | %.2f | %.2f | %s | %s | ÷ verify of a list: %s | %s | %s | %s |\n' \
        "$(mean rps query)" "$(mean p50_ms query)" "$(mean p99_ms query)" "$(calc "$(mean rps query) / $r_rps")" \
        "$(calc "$(mean p99_ms query) / $r_p99")" "$(calc "$(mean rps query) / $(mean rps verify)")" "$(per_request selects query)" \
        "$(mean non2xx query | cut -d. -f1)" "$(cpu_cell query)"
    fi
    if [ "$HAS_RICH" = 1 ]; then
      local rich_ratio; rich_ratio="$(calc "$(mean rps rich) / $(mean rps verify)")"
      printf '| `POST /api-tokens/verify`, a key with 1 KiB of metadata and an owner | %.0f | %.2f | %.2f | %s | %s | ÷ verify of a plain key ≥ 0.95: %s %s | %s | %s | %s |\n' \
        "$(mean rps rich)" "$(mean p50_ms rich)" "$(mean p99_ms rich)" "$(calc "$(mean rps rich) / $r_rps")" \
        "$(calc "$(mean p99_ms rich) / $r_p99")" "$rich_ratio" "$(pass "$rich_ratio >= 0.95")" "$(per_request selects rich)" \
        "$(mean non2xx rich | cut -d. -f1)" "$(cpu_cell rich)"
    fi
    local kind label
    for kind in liveness readiness notfound wrongmethod; do
      case "$kind" in
        liveness) label='`GET /health/liveness`' ;;
        readiness) label='`GET /health/readiness`' ;;
        notfound) label='`GET /no-such-path` (404)' ;;
        wrongmethod) label='`DELETE /health` (405)' ;;
      esac
      local k_ratio; k_ratio="$(calc "$(mean rps "$kind") / $r_rps")"
      printf '| %s | %.0f | %.2f | %.2f | %s | %s | ≥ 0.9: %s | %s | %s | %s |\n' \
        "$label" "$(mean rps "$kind")" "$(mean p50_ms "$kind")" "$(mean p99_ms "$kind")" "$k_ratio" \
        "$(calc "$(mean p99_ms "$kind") / $r_p99")" "$(pass "$k_ratio >= 0.9")" "$(per_request selects "$kind")" \
        "$(mean non2xx "$kind" | cut -d. -f1)" "$(cpu_cell "$kind")"
    done
    printf '\nEach run ÷ the floor runs around it (the mean above pools runs minutes apart): self %s; verify %s; verify with a 50-name query %s; verify of a key with 1 KiB of metadata and an owner %s; liveness %s; readiness %s; 404 %s; 405 %s.\n' \
      "$(bracketed self)" "$(bracketed verify)" "$(bracketed query)" "$(bracketed rich)" "$(bracketed liveness)" "$(bracketed readiness)" "$(bracketed notfound)" "$(bracketed wrongmethod)"
    printf '\n**Probe under load**: `GET /health/liveness` on two connections while `GET /api-tokens/self` (valid key) runs at %s connections: p50 %s ms, **p90 %s ms**, p99 %s ms (target p90 ≤ 100 ms: %s).\n' \
      "$CONNS" "$(field p50_ms "$probe_line")" "$(field p90_ms "$probe_line")" "$(field p99_ms "$probe_line")" \
      "$(pass "$(field p90_ms "$probe_line") <= 100")"
    printf '\n**Flood** (%ss, both wrk at %s connections): valid checks (`%s`) beside random well-formed keys (`GET /api-tokens/self`, each request a different key).\n\n' \
      "$DURATION" "$CONNS" "$valid"
    echo '| | req/s | p50 ms | p99 ms | non-2xx | note |'
    echo '|---|---|---|---|---|---|'
    printf '| valid checks during the flood | %.0f | %.2f | %.2f | %s | %s of the same check alone |\n' \
      "$(field rps "$valid_line")" "$(field p50_ms "$valid_line")" "$(field p99_ms "$valid_line")" \
      "$(field non2xx "$valid_line")" "$(calc "$(field rps "$valid_line") / $(mean rps "$valid")")"
    printf '| flood of random keys | %.0f | %.2f | %.2f | %s (401 expected) | %s distinct keys sent |\n' \
      "$(field rps "$flood_line")" "$(field p50_ms "$flood_line")" "$(field p99_ms "$flood_line")" \
      "$(field non2xx "$flood_line")" "$(field distinct_keys "$flood_line")"
    printf '\nDatabase queries during the flood: Com_select delta %s, Questions delta %s; minus the valid checks'"'"' own share (their selects/req alone × their requests) = **%s caused by the flood**, %s per answered flood request (each a different key).' \
      "$flood_db" "$flood_questions" "$flood_caused" "$flood_per_key"
    [ "$IS_MARIADB" = 1 ] && printf ' (Global server counters: any other client of this MariaDB during the run counts too.)'
    printf '\n'
    if [ "$LASTUSED" = 1 ]; then
      printf '\n**lastUsedAt**: %s tokens (created in %ss), %ss of `GET /api-tokens/self` spread across them: %.0f req/s, %s requests, non-2xx %s → **%s UPDATE statements** (Com_update delta; Com_insert %s).' \
        "$LASTUSED_TOKENS" "$lu_create" "$LASTUSED_SECONDS" "$(field rps "$lu_line")" "$(field requests "$lu_line")" \
        "$(field non2xx "$lu_line")" "$lu_updates" "$lu_inserts"
      [ "$IS_MARIADB" = 1 ] && printf ' (Global server counters.)'
      printf '\n'
    fi
    if [ -n "$prop_line" ]; then
      printf '\n**Propagation** (two nodes, one MariaDB): %s rotations on node A (`POST /api-tokens/{id}/rotate`), node B polled with the old value from A'"'"'s 200 until its first 401: **p50 %s ms, p99 %s ms, max %s ms** (refused %s, timed out %s, %s polls). Target p99 ≤ 1000 ms: %s.\n' \
        "$(field rounds "$prop_line")" "$(field p50_ms "$prop_line")" "$(field p99_ms "$prop_line")" \
        "$(field max_ms "$prop_line")" "$(field refused "$prop_line")" "$(field timeouts "$prop_line")" \
        "$(field polls "$prop_line")" "$(pass "$(field p99_ms "$prop_line") <= 1000 && $(field timeouts "$prop_line") == 0")"
    elif [ "$PROPAGATION" = 1 ]; then
      printf '\n**Propagation**: n/a on H2 (embedded, one node).\n'
    fi
    if [ -s "$WARNINGS" ]; then echo; cat "$WARNINGS"; fi
  } >>"$SUMMARY"
}

# ---------------------------------------------------------------------------------------------
TOTAL_START=$SECONDS
FLOOD_KEYS="$WORK/flood-keys.txt"
flood_count=$(( DURATION * 50000 < 1000000 ? DURATION * 50000 : 1000000 ))
log "generating $flood_count random well-formed keys for the flood"
keygen "$flood_count" >"$FLOOD_KEYS"

{
  printf '# Keyward benchmark — %s\n\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'Command: `scripts/bench/run.sh %s --duration %ss --connections %s --warmup %ss --rounds %s --prewarm %ss%s%s`; commit %s; %s cores, %s; server and wrk on the same machine.\n' \
    "$MODE" "$DURATION" "$CONNS" "$WARMUP" "$ROUNDS" "$PREWARM" "$( [ "$LASTUSED" = 1 ] && echo ' --lastused')" \
    "$( [ "$PROPAGATION" = 1 ] && echo " --propagation --rotations $ROTATIONS")" \
    "$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)" "$(nproc)" \
    "$(java -version 2>&1 | head -1)"
} >"$SUMMARY"

case "$MODE" in
  h2) bench_database h2 ;;
  mariadb) bench_database mariadb ;;
  all) bench_database h2; bench_database mariadb ;;
esac

printf '\nWall time: %s; total %ss.\n' "$(IFS=,; echo "${WALL[*]}" | sed 's/,/, /g')" "$(( SECONDS - TOTAL_START ))" >>"$SUMMARY"
cp "$SUMMARY" "$BENCH_DIR/last-run.md"
echo
cat "$SUMMARY"
