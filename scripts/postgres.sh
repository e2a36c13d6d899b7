#!/usr/bin/env bash
# A private PostgreSQL 15 for tests/test_store_postgres.py: its own cluster in a folder, listening on
# 127.0.0.1 only, trust auth (nothing but this machine can reach it). Idempotent and quick when the
# server already runs. Prints the URL for STORYLINE_TEST_PG on stdout. Never fails the build: where
# PostgreSQL cannot be installed or started it says why and exits 0, and the PostgreSQL tests skip.
set -uo pipefail

DIR="${STORYLINE_PG_DIR:-${TMPDIR:-/tmp}/storyline-pg}"
PORT="${STORYLINE_PG_PORT:-54329}"
DB=storyline_test
URL="postgresql+psycopg://postgres@127.0.0.1:${PORT}/${DB}"
BIN=/usr/lib/postgresql/15/bin

give_up() {
    echo "postgres.sh: $*; the PostgreSQL store tests will skip" >&2
    exit 0
}

# As the postgres user when we are root (the server refuses to run as root), else as ourselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ensure_database() {
    local found
    found=$("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname = '${DB}'") || give_up "cannot query the server on port ${PORT}"
    if [ "$found" != 1 ]; then
        # A language-aware collation, like most production servers: the tests then show that the
        # store sorts the same as on SQLite whatever the server's locale.
        "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres --template=template0 --locale=C.UTF-8 \
            --locale-provider=icu --icu-locale=en "$DB" 2>/dev/null \
            || "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB" \
            || give_up "cannot create database ${DB}"
    fi
    echo "$URL"
    exit 0
}

if [ -x "$BIN/pg_isready" ] && "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres; then
    ensure_database
fi

if [ ! -x "$BIN/initdb" ]; then
    [ "$(id -u)" -eq 0 ] || give_up "PostgreSQL 15 is not installed and installing it needs root"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql-15; } >/dev/null 2>&1 \
        || give_up "apt-get install postgresql-15 failed"
fi
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    give_up "no postgres user to run the server as"
fi

mkdir -p "$DIR" || give_up "cannot create ${DIR}"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$DIR"
fi
chmod 700 "$DIR"

if [ ! -s "$DIR/data/PG_VERSION" ]; then
    rm -rf "$DIR/data"
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --locale=C --encoding=UTF8 >"$DIR/initdb.log" 2>&1 \
        || give_up "initdb failed, see ${DIR}/initdb.log"
fi

# The socket goes in our folder too, so no system directory (/var/run/postgresql) is needed.
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p ${PORT} -k ${DIR}" start >/dev/null \
    || give_up "the server did not start, see ${DIR}/server.log"

ensure_database
