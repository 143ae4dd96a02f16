#!/usr/bin/env bash
# The PostgreSQL pass of the test suite (README, "Running on PostgreSQL"):
#   npm run test:postgres [-- <vitest options>]
# Every HTTP and repository test under test/ runs with TEST_DATABASE=postgresql, each file on a
# fresh database of its own (test/helpers/database.ts); test/multi-instance.test.ts runs only here.
# The browser test and the Dockerfile test do not touch the database and run only in `npm test`.
#
# With TEST_POSTGRES_URL set (an administrator URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres)
# the tests use that server. Otherwise this script starts a private, throwaway cluster from
# PostgreSQL's binaries (Debian: apt-get install postgresql; or set PG_BINDIR) on a free loopback
# port, as user postgres when run as root, and stops and deletes it on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${TEST_POSTGRES_URL:-}" ]]; then
  bindir=${PG_BINDIR:-$(find /usr/lib/postgresql -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)}
  if [[ ! -x "$bindir/initdb" ]] && command -v initdb >/dev/null; then bindir=$(dirname "$(command -v initdb)"); fi
  if [[ ! -x "$bindir/initdb" ]]; then
    echo "PostgreSQL binaries not found: apt-get install postgresql, set PG_BINDIR, or set TEST_POSTGRES_URL" >&2
    exit 1
  fi
  dir=$(mktemp -d /tmp/breakeven-postgres.XXXXXX)
  as_owner=()
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$dir"
    as_owner=(runuser -u postgres --)
  fi
  port=$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  stop_cluster() {
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  }
  trap stop_cluster EXIT
  "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
  # fsync=off: a throwaway cluster need not survive a power cut, and CREATE DATABASE per test file
  # otherwise waits on disk flushes. Commits still reach the operating system before they are
  # acknowledged (synchronous_commit stays on), so a server stopped with -m immediate (the
  # durability tests) loses no acknowledged transaction.
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" -l "$dir/log" -w start >/dev/null
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster in $dir)"
  export TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
fi

export TEST_DATABASE=postgresql
status=0
# Named test files replace the default `test/` (vitest ORs its filters: `test/` would run everything).
targets=(test/)
for arg in "$@"; do
  if [[ $arg == test/*.ts ]]; then targets=(); fi
done
npx vitest run "${targets[@]}" --exclude '**/*.browser.test.ts' --exclude test/dockerfile.test.ts "$@" || status=$?
exit "$status"
