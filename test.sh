#!/usr/bin/env bash
# Runs every test of Pactwerk: starts a throwaway PostgreSQL on a loopback port (unless
# PACTWERK_TEST_POSTGRES already points at one), runs `dotnet test` on the solution, and prints
# a plain "N passed, N failed" line. Exits non-zero on any failure, or when no PostgreSQL test ran.
set -uo pipefail
cd "$(dirname "$0")"

results=$(mktemp -d /tmp/pactwerk-results.XXXXXX)
pgdir=""

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
    command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
}

stop_postgres() {
    if [ -n "$pgdir" ] && [ -f "$pgdir/data/postmaster.pid" ]; then
        as_postgres "$(pg_bin pg_ctl)" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    [ -n "$pgdir" ] && rm -rf "$pgdir"
    rm -rf "$results"
}
trap stop_postgres EXIT

start_postgres() {
    local initdb pg_ctl port
    initdb=$(pg_bin initdb); pg_ctl=$(pg_bin pg_ctl)
    if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then
        echo "PostgreSQL (initdb, pg_ctl) is not installed: apt-get install -y postgresql" >&2
        return 1
    fi
    pgdir=$(mktemp -d /tmp/pactwerk-pg.XXXXXX)
    chmod 755 "$pgdir"
    [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
    as_postgres "$initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null || return 1
    for _ in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 30000))
        if as_postgres "$pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -t 30 \
            -o "-h 127.0.0.1 -p $port -k $pgdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null; then
            export PACTWERK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Include Error Detail=true;Timeout=60"
            echo "PostgreSQL started on 127.0.0.1:$port"
            return 0
        fi
    done
    cat "$pgdir/log" >&2
    return 1
}

if [ -z "${PACTWERK_TEST_POSTGRES:-}" ]; then
    start_postgres || { echo "0 passed, 1 failed"; exit 1; }
fi

# Every test host would otherwise watch its appsettings files: one inotify instance each, and the
# machine's limit (often 128) runs out when many hosts are alive at once.
export DOTNET_hostBuilder__reloadConfigOnChange=false
# `dotnet test` on the solution runs its two test projects one after the other. The HTTP tests wait on
# PostgreSQL and the browser stories on Chromium much of the time, so after one build the two run side by side.
args=(); build=1
for arg in "$@"; do
    if [ "$arg" = "--no-build" ]; then build=0; else args+=("$arg"); fi
done
rc=0
if [ "$build" = 1 ]; then
    dotnet build Pactwerk.slnx -nologo -v q || rc=$?
fi
if [ "$rc" -eq 0 ]; then
    dotnet test tests/Pactwerk.Tests/Pactwerk.Tests.csproj --no-build --logger "trx;LogFileName=unit.trx" --results-directory "$results" "${args[@]}" &
    unit=$!
    dotnet test tests/Pactwerk.BrowserTests/Pactwerk.BrowserTests.csproj --no-build --logger "trx;LogFileName=browser.trx" --results-directory "$results" "${args[@]}" &
    browser=$!
    wait "$unit" || rc=$?
    wait "$browser" || rc=$?
fi

passed=0; failed=0; total=0; postgres=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    total=$((total + $(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")))
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
    postgres=$((postgres + $(grep -o '<UnitTestResult [^>]*testName="[^"]*Postgres[^"]*"[^>]*outcome="Passed"' "$trx" | wc -l)))
done
notrun=$((total - passed - failed))

# The trx files hold every test's start, end and duration: kept where PACTWERK_TEST_RESULTS says, to find
# which tests make the suite slow (`python3 .ci/durations.py DIR/*.trx`).
if [ -n "${PACTWERK_TEST_RESULTS:-}" ]; then
    mkdir -p "$PACTWERK_TEST_RESULTS" && cp "$results"/*.trx "$PACTWERK_TEST_RESULTS"/ 2>/dev/null || true
fi

if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1   # the build or the test host failed before any test could report
fi
if [ "$postgres" -eq 0 ]; then
    echo "No PostgreSQL test passed: the PostgreSQL run did not happen." >&2
    failed=$((failed + 1))
fi
echo "PostgreSQL tests passed: $postgres; not run: $notrun"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$notrun" -eq 0 ] && [ "$total" -gt 0 ]
