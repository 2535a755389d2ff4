#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the tests and exports MUMSTRONG_TEST_POSTGRES_URL.
# Source it (`. .ci/postgres.sh`); the server is stopped and its directory removed on exit.
# initdb runs as the `postgres` user (when we are root) into a temporary directory, on a free port,
# listening on loopback only. Installs Debian's postgresql when the binaries are missing.

pg_find_bin() {
  local initdb
  initdb=$(command -v initdb 2>/dev/null || true)
  if [ -n "$initdb" ]; then dirname "$(readlink -f "$initdb")"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_bin=$(pg_find_bin)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "== installing postgresql (initdb not found)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq postgresql >/dev/null; fi
  pg_bin=$(pg_find_bin)
fi

pg_dir=$(mktemp -d)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$pg_dir" postgres
  chown postgres "$pg_dir"
  pg_as() { su postgres -s /bin/bash -c "$*"; }
else
  pg_as() { bash -c "$*"; }
fi

pg_stop() {
  # A server that crashed or restarted (a full disk, an out-of-memory kill) says why here.
  if grep -qE 'PANIC|terminated by signal|No space left' "$pg_dir/server.log" 2>/dev/null; then
    echo "== PostgreSQL's log had trouble (disk free by its data: $(df -h "$pg_dir" | awk 'NR==2 {print $4}')):"; grep -E 'PANIC|FATAL|terminated|No space' "$pg_dir/server.log" | tail -n 20
  fi
  pg_as "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}

pg_as "'$pg_bin/initdb' -D '$pg_dir/data' -U postgres -A trust -E UTF8 --no-locale" >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; echo "initdb failed"; return 1 2>/dev/null || exit 1; }
pg_as "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w -o \"-p $pg_port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start" >/dev/null \
  || { cat "$pg_dir/server.log"; echo "PostgreSQL did not start"; return 1 2>/dev/null || exit 1; }
export MUMSTRONG_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $pg_port ($MUMSTRONG_TEST_POSTGRES_URL)"
