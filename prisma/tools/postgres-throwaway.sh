#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for tests and CI (never for real data).
#   prisma/tools/postgres-throwaway.sh start   installs PostgreSQL from Debian if missing, creates the
#                                         cluster in $PG_THROWAWAY_DIR and starts it; prints its URL
#   prisma/tools/postgres-throwaway.sh stop    stops it and deletes the cluster
# Port: $PG_THROWAWAY_PORT [54329]. Directory: $PG_THROWAWAY_DIR [/tmp/backorder-pg-<port>].
# Trust authentication on 127.0.0.1 only; fsync off (a crash loses a test run, nothing else).
set -euo pipefail
port="${PG_THROWAWAY_PORT:-54329}"
dir="${PG_THROWAWAY_DIR:-/tmp/backorder-pg-${port}}"

pg_bin() {
  # Debian puts the server programs in /usr/lib/postgresql/<major>/bin, not on PATH.
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "${found}" ] && [ -x "${found}/pg_ctl" ]; then echo "${found}"; return; fi
  if command -v pg_ctl >/dev/null; then dirname "$(command -v pg_ctl)"; return; fi
  return 1
}

# initdb and postgres refuse to run as root: as root, the cluster belongs to the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if ! bin="$(pg_bin)"; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      bin="$(pg_bin)"
    fi
    if ! as_owner "${bin}/pg_ctl" status -D "${dir}/data" >/dev/null 2>&1; then
      rm -rf "${dir}" && mkdir -p "${dir}"
      [ "$(id -u)" = 0 ] && chown postgres: "${dir}"
      user="$(id -un)"; [ "${user}" = root ] && user=postgres
      as_owner "${bin}/initdb" -D "${dir}/data" -U "${user}" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
      as_owner "${bin}/pg_ctl" start -w -D "${dir}/data" -l "${dir}/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
    fi
    user="$(id -un)"; [ "${user}" = root ] && user=postgres
    echo "postgresql://${user}@127.0.0.1:${port}/postgres"
    ;;
  stop)
    if bin="$(pg_bin)" && [ -d "${dir}/data" ]; then as_owner "${bin}/pg_ctl" stop -D "${dir}/data" -m fast >/dev/null || true; fi
    rm -rf "${dir}"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
