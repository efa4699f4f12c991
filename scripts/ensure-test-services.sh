#!/usr/bin/env bash
# Run by `./mvnw verify` once, before the first integration test (the root pom binds it to
# pre-integration-test; `compile`, `test` and `package` never run it): brings up what the *IT tests
# need on a fresh machine of this kind — the MariaDB server it ships, Debian's Chromium +
# ChromeDriver for the browser tests, Debian's nginx (auth_request) and Caddy (forward_auth) for the gateway tests, and a 3-node Galera cluster
# (scripts/galera.sh) for the *GaleraIT tests. Best effort: it never fails the build itself; a test that still
# lacks its server or browser fails with a message saying how to provide it.
# The build passes --skip-its=<skipITs> --skip-all=<maven.test.skip>: with either true, no test will
# need a server, so nothing is started or installed.
set -u

for argument in "$@"; do
  case "$argument" in
    --skip-its=true | --skip-all=true)
      echo "ensure-test-services: integration tests skipped (${argument%%=*}), nothing to bring up"
      exit 0 ;;
  esac
done

db_up() { (echo > /dev/tcp/127.0.0.1/3306) 2>/dev/null; }

if [ -z "${KEYWARD_TEST_DB_URL:-}" ] && ! db_up && [ -x /usr/sbin/mariadbd ] && [ "$(id -u)" = 0 ]; then
  echo "ensure-test-services: starting MariaDB on 127.0.0.1:3306"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  for _ in $(seq 1 30); do db_up && break; sleep 1; done
fi

if { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; } \
    && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "ensure-test-services: installing Debian's chromium and chromium-driver for the browser tests"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
    || echo "ensure-test-services: could not install chromium; the browser tests will say how to"
fi
if [ ! -x /usr/sbin/nginx ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "ensure-test-services: installing Debian's nginx for the gateway test (ForwardAuthNginxIT)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null \
    || echo "ensure-test-services: could not install nginx; the gateway test will say how to"
fi
if [ ! -x /usr/bin/caddy ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "ensure-test-services: installing Debian's caddy for the gateway test (ForwardAuthCaddyIT)"
  # the package's service is never started here (no systemd); the test runs caddy as a plain process
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy >/dev/null \
    || echo "ensure-test-services: could not install caddy; the gateway test will say how to"
fi
# The three-node Galera cluster for the *GaleraIT tests (127.0.0.1:3311-3313): galera.sh installs
# galera-4 and rsync from Debian if missing and starts what is not running.
if [ -z "${KEYWARD_TEST_GALERA_NODES:-}" ] && [ "$(id -u)" = 0 ]; then
  echo "ensure-test-services: starting the 3-node Galera cluster (scripts/galera.sh start)"
  bash "$(dirname "${BASH_SOURCE[0]}")/galera.sh" start \
    || echo "ensure-test-services: the Galera cluster did not start; the *GaleraIT tests will say how to start it"
fi
exit 0
