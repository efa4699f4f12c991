#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on this machine, from Debian's packages (mariadb-server, galera-4,
# rsync), for the integration tests that run Keyward nodes against different cluster nodes.
#
#   scripts/galera.sh start     # idempotent: starts what is not running, waits until all 3 are synced
#   scripts/galera.sh stop      # stops the three servers (their data stays under $KEYWARD_GALERA_DIR)
#   scripts/galera.sh status    # one line per node: port, wsrep_local_state_comment, cluster size
#   scripts/galera.sh kill N    # SIGKILL node N (1-3), as a crash would
#   scripts/galera.sh start-node N   # (re)start node N, which rejoins by state transfer
#
# Nodes answer SQL on 127.0.0.1:3311, 3312 and 3313 (root, no password). Group communication, IST
# and rsync SST listen on 4511-4513, 4521-4523 and 4531-4533. The servers run as the mysql user: the
# rsync state transfer refuses to run as root. Settings Galera needs and Keyward relies on:
# binlog_format=ROW, innodb_autoinc_lock_mode=2 (interleaved: each node hands out its own ids),
# wsrep_auto_increment_control (ids step by the cluster size, offset by node).
set -euo pipefail

BASE="${KEYWARD_GALERA_DIR:-/var/tmp/keyward-galera}"
NODES=(1 2 3)
PROVIDER=""
for candidate in /usr/lib/galera/libgalera_smm.so /usr/lib/libgalera_smm.so /usr/lib/galera-4/libgalera_smm.so; do
  [ -f "$candidate" ] && PROVIDER="$candidate" && break
done

sql_port() { echo $((3310 + $1)); }
node_dir() { echo "$BASE/node$1"; }
socket() { echo "$(node_dir "$1")/mysqld.sock"; }
client() { mariadb --protocol=socket -S "$(socket "$1")" -uroot -N -B "${@:2}"; }
port_open() { (echo > "/dev/tcp/127.0.0.1/$(sql_port "$1")") 2>/dev/null; }
running() { [ -S "$(socket "$1")" ] && client "$1" -e "SELECT 1" >/dev/null 2>&1; }
state() { client "$1" -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | awk '{print $2}'; }
size() { client "$1" -e "SHOW STATUS LIKE 'wsrep_cluster_size'" 2>/dev/null | awk '{print $2}'; }

install_packages() {
  local missing=()
  [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
  [ -n "$PROVIDER" ] || missing+=(galera-4)
  command -v rsync >/dev/null || missing+=(rsync)
  command -v lsof >/dev/null || missing+=(lsof)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
      echo "galera.sh: needs ${missing[*]}: apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
    echo "galera.sh: installing ${missing[*]} from Debian"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    for candidate in /usr/lib/galera/libgalera_smm.so /usr/lib/libgalera_smm.so; do
      [ -f "$candidate" ] && PROVIDER="$candidate" && break
    done
  fi
}

write_config() {
  local n=$1 dir
  dir="$(node_dir "$n")"
  cat > "$dir/my.cnf" <<EOF
[mysqld]
user=mysql
datadir=$dir/data
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
max_connections=400
innodb_buffer_pool_size=96M
innodb_log_file_size=48M
innodb_flush_log_at_trx_commit=2
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=keyward_test
wsrep_cluster_address=gcomm://127.0.0.1:4511,127.0.0.1:4512,127.0.0.1:4513
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$((4510 + n))
wsrep_provider_options=gmcast.listen_addr=tcp://127.0.0.1:$((4510 + n));ist.recv_addr=127.0.0.1:$((4520 + n));gcache.size=64M
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((4530 + n))
wsrep_slave_threads=2
EOF
}

start_node() {
  local n=$1 first=${2:-} dir
  dir="$(node_dir "$n")"
  if running "$n"; then return 0; fi
  mkdir -p "$dir/data"
  write_config "$n"
  if [ ! -d "$dir/data/mysql" ]; then
    mariadb-install-db --defaults-file="$dir/my.cnf" --user=mysql --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/install.log" 2>&1
  fi
  chown -R mysql:mysql "$dir"
  local flags=()
  if [ -n "$first" ]; then
    flags+=(--wsrep-new-cluster)
    # A cluster whose every node stopped: this node bootstraps it again.
    [ -f "$dir/data/grastate.dat" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$dir/data/grastate.dat"
  fi
  /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" "${flags[@]}" >>"$dir/stdout.log" 2>&1 &
  for _ in $(seq 1 120); do
    if running "$n" && [ "$(state "$n")" = "Synced" ]; then
      return 0
    fi
    sleep 0.5
  done
  echo "galera.sh: node $n did not reach Synced within 60 s; see $dir/error.log" >&2
  tail -20 "$dir/error.log" >&2 || true
  return 1
}

grant_tcp_root() {
  client 1 -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
}

any_running() {
  local n
  for n in "${NODES[@]}"; do running "$n" && return 0; done
  return 1
}

stop_node() {
  local n=$1 pid_file
  pid_file="$(node_dir "$n")/mysqld.pid"
  [ -f "$pid_file" ] || return 0
  local pid
  pid="$(cat "$pid_file")"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}

case "${1:-start}" in
  start)
    install_packages
    mkdir -p "$BASE"
    chown mysql:mysql "$BASE"
    if ! any_running; then
      start_node 1 bootstrap
    fi
    for n in "${NODES[@]}"; do start_node "$n"; done
    grant_tcp_root
    echo "galera.sh: 3 nodes synced on 127.0.0.1:3311-3313 (cluster size $(size 1))"
    ;;
  start-node)
    start_node "$2"
    ;;
  kill)
    pid_file="$(node_dir "$2")/mysqld.pid"
    [ -f "$pid_file" ] && kill -9 "$(cat "$pid_file")" 2>/dev/null || true
    ;;
  stop)
    for n in 3 2 1; do stop_node "$n"; done
    ;;
  status)
    for n in "${NODES[@]}"; do
      if running "$n"; then
        echo "node$n 127.0.0.1:$(sql_port "$n") $(state "$n") size=$(size "$n")"
      else
        echo "node$n 127.0.0.1:$(sql_port "$n") down"
      fi
    done
    ;;
  *)
    sed -n '2,15p' "$0"
    exit 2
    ;;
esac
