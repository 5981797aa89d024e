#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temporary folder, a
# free port on 127.0.0.1, DATABASE_URL exported to the command, and the cluster stopped
# and removed on exit, whatever happens (trap). Needs Debian's `postgresql` package
# (apt-get install postgresql); its initdb and pg_ctl live in /usr/lib/postgresql/<v>/bin.
# The server refuses to run as root, so as root it runs as the `postgres` user.
# Usage: bash scripts/with-postgres.sh <command> [args…]   (npm run test:db, npm run bench:db)
set -euo pipefail

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: no PostgreSQL server found in /usr/lib/postgresql/*/bin; install Debian's postgresql (apt-get install postgresql)" >&2
  exit 1
fi

as_server_user=()
if [ "$(id -u)" = 0 ]; then as_server_user=(runuser -u postgres --); fi

cluster="$(mktemp -d "${TMPDIR:-/tmp}/billing-job-pg.XXXXXX")"
if [ "$(id -u)" = 0 ]; then chown postgres: "$cluster"; fi
stop() {
  # Runs on every exit: stop the server if it started, then remove the cluster.
  if [ -f "$cluster/data/postmaster.pid" ]; then
    (cd "$cluster" && "${as_server_user[@]}" "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null) || true
  fi
  rm -rf "$cluster"
}
trap stop EXIT
trap 'exit 130' INT TERM

port="$(node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
cd "$cluster"
"${as_server_user[@]}" "$bin/initdb" -D "$cluster/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" \
  || { cat "$cluster/initdb.log" >&2; exit 1; }
"${as_server_user[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $port -k $cluster -c max_connections=50" start >/dev/null \
  || { cat "$cluster/server.log" >&2; exit 1; }
cd - >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
# For the tests that restart the server mid-run or edit its access rules (pg_hba.conf):
# the data folder and the command that runs pg_ctl as the server's user.
export WITH_POSTGRES_DATA="$cluster/data"
export WITH_POSTGRES_PG_CTL="${as_server_user[*]:+${as_server_user[*]} }$bin/pg_ctl"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port (cluster in $cluster)" >&2
"$@"
