#!/usr/bin/env bash
# Run by `./mvnw verify` before any test (see the root pom): brings up what the tests need on a fresh
# machine of this kind — the MariaDB server it ships, and Debian's Chromium + ChromeDriver for the
# browser tests. Best effort: it never fails the build itself; a test that still lacks its server or
# browser fails with a message saying how to provide it.
set -u

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
exit 0
