# Sourced by scripts/test: exports HEADWATER_TEST_POSTGRES_URL for a PostgreSQL server.
# Uses a server already listening on 127.0.0.1:5432 if it accepts the postgres user; otherwise
# installs PostgreSQL from Debian's packages (when root) and starts a private cluster under
# .test-servers/pg. Without either, the API tests run on SQLite only, and say so.
_pg_ready() { python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
host, port = sys.argv[1].split(":")
s = socket.socket(); s.settimeout(1)
sys.exit(s.connect_ex((host, int(port))))
PY
}

_pg_try_existing() {
  _pg_ready 127.0.0.1:5432 || return 1
  uv run --frozen --no-sync python - <<'PY' 2>/dev/null
import psycopg
psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()
PY
}

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

_pg_start_private() {
  local bin dir port=54329
  bin=$(_pg_bin)
  if [ -z "$bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "headwater tests: installing PostgreSQL from Debian's packages..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 || true
    bin=$(_pg_bin)
  fi
  [ -n "$bin" ] || return 1
  dir="$PWD/.test-servers/pg"
  local as=()
  if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir" && { [ "$(id -u)" != 0 ] || chown postgres "$dir"; }
    "${as[@]}" "$bin/initdb" -D "$dir" -U postgres -A trust >/dev/null || return 1
  fi
  if ! _pg_ready 127.0.0.1:$port; then
    "${as[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null || return 1
  fi
  export HEADWATER_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
}

if [ -n "${HEADWATER_TEST_POSTGRES_URL:-}" ]; then
  :
elif _pg_try_existing; then
  export HEADWATER_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:5432/postgres"
elif _pg_start_private; then
  :
else
  echo "headwater tests: no PostgreSQL server available; API tests run on SQLite only" >&2
fi
echo "headwater tests: metadata backends: sqlite${HEADWATER_TEST_POSTGRES_URL:+, postgresql}" >&2
