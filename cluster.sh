#!/usr/bin/env bash
# A local cluster for trying Pactwerk on several instances: a PostgreSQL on a loopback port, N
# instances of the app on it, and nginx in front of them on http://127.0.0.1:5080.
#
#   ./cluster.sh 2        start two instances (any N from 1 to 9); prints where everything is
#   ./cluster.sh status   what runs
#   ./cluster.sh stop     stops what the start started, and removes its database
#
# Needs PostgreSQL's initdb/pg_ctl and nginx (apt-get install -y postgresql nginx). Everything lives
# in .cluster/ (git-ignored): the database, the logs, the nginx configuration and the process ids.
# PACTWERK_CLUSTER_PORT changes the proxy's port (instances take the next N ports), PACTWERK_CLUSTER_BUILD=Debug
# uses a Debug build, PACTWERK_CLUSTER_NO_BUILD=1 uses the build as it is, PACTWERK_CLUSTER_DIR another folder.
set -euo pipefail
cd "$(dirname "$0")"
dir="${PACTWERK_CLUSTER_DIR:-$PWD/.cluster}"
proxy_port="${PACTWERK_CLUSTER_PORT:-5080}"
configuration="${PACTWERK_CLUSTER_BUILD:-Release}"

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
    command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
}

stop() {
    # Only what this script started: the ids it wrote down.
    for pidfile in "$dir"/instance-*.pid; do
        [ -f "$pidfile" ] || continue
        kill "$(cat "$pidfile")" 2>/dev/null || true
        rm -f "$pidfile"
    done
    if [ -f "$dir/nginx.pid" ]; then
        kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
        rm -f "$dir/nginx.pid"
    fi
    if [ -f "$dir/pg/data/postmaster.pid" ]; then
        as_postgres "$(pg_bin pg_ctl)" -D "$dir/pg/data" -m fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    echo "cluster stopped"
}

status() {
    [ -d "$dir" ] || { echo "no cluster"; return 0; }
    for pidfile in "$dir"/instance-*.pid "$dir/nginx.pid"; do
        [ -f "$pidfile" ] || continue
        if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "running: $(basename "$pidfile" .pid)"; else echo "gone: $(basename "$pidfile" .pid)"; fi
    done
}

wait_ready() {
    local url=$1 name=$2
    local pidfile=${3:-}
    for _ in $(seq 1 240); do
        if curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; then return 0; fi
        if [ -n "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            echo "$name stopped; the end of its log:" >&2; tail -n 20 "${pidfile%.pid}.log" >&2; return 1
        fi
        sleep 0.5
    done
    echo "$name did not become ready; see its log in $dir" >&2
    return 1
}

start() {
    local n=$1
    [[ "$n" =~ ^[1-9]$ ]] || { echo "usage: ./cluster.sh N (1-9) | status | stop" >&2; exit 2; }
    [ ! -d "$dir" ] || { echo "a cluster runs already (./cluster.sh stop first)" >&2; exit 1; }
    local initdb pg_ctl nginx
    initdb=$(pg_bin initdb); pg_ctl=$(pg_bin pg_ctl); nginx=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
    [ -n "$initdb" ] && [ -n "$pg_ctl" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
    [ -n "$nginx" ] || { echo "nginx is not installed: apt-get install -y nginx" >&2; exit 1; }
    # Every port the cluster takes: the proxy's, one per instance, and one per instance's mail sink (+100).
    local port
    for port in "$proxy_port" $(seq $((proxy_port + 1)) $((proxy_port + n))) $(seq $((proxy_port + 101)) $((proxy_port + 100 + n))); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "port $port is taken (another Pactwerk?); set PACTWERK_CLUSTER_PORT to a port with the next $n and those 100 above them free" >&2; exit 1
        fi
    done

    mkdir -p "$dir/pg"
    chmod 755 "$dir" "$dir/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/pg"
    as_postgres "$initdb" -D "$dir/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    local pg_port
    for _ in 1 2 3 4 5; do
        pg_port=$((20000 + RANDOM % 30000))
        if as_postgres "$pg_ctl" -D "$dir/pg/data" -l "$dir/pg/log" -w -t 30 \
            -o "-h 127.0.0.1 -p $pg_port -k $dir/pg -c max_connections=300" start >/dev/null; then
            break
        fi
        pg_port=""
    done
    [ -n "$pg_port" ] || { cat "$dir/pg/log" >&2; exit 1; }
    local connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=pactwerk"

    if [ -z "${PACTWERK_CLUSTER_NO_BUILD:-}" ]; then
        echo "building ($configuration) …"
        dotnet build -c "$configuration" src/Pactwerk.Web -v quiet -nologo >"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; exit 1; }
    fi

    # Each instance its own port for the development mail sink (its SMTP server, proxy port + 100 + i).
    # The first instance alone: it migrates the database and loads the reference data and the demo;
    # the others start once it is ready, on a database that is.
    local upstreams=""
    for i in $(seq 1 "$n"); do
        local port=$((proxy_port + i))
        (cd src/Pactwerk.Web && ASPNETCORE_ENVIRONMENT=Development DOTNET_hostBuilder__reloadConfigOnChange=false \
            exec dotnet "bin/$configuration/net10.0/Pactwerk.Web.dll" --urls "http://127.0.0.1:$port" \
            --Database:Provider Postgres --Database:ConnectionString "$connection" \
            --Hosting:BehindProxy true --Hosting:PublicBaseUrl "http://127.0.0.1:$proxy_port" --Newsletter:Smtp:Port "$((port + 100))" \
            >"$dir/instance-$i.log" 2>&1) &
        echo $! >"$dir/instance-$i.pid"
        [ "$i" = 1 ] && wait_ready "http://127.0.0.1:$port" "instance 1" "$dir/instance-1.pid"
        upstreams="$upstreams        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
    done
    for i in $(seq 2 "$n"); do wait_ready "http://127.0.0.1:$((proxy_port + i))" "instance $i" "$dir/instance-$i.pid"; done

    cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log $dir/nginx-access.log;
    client_max_body_size 50m;
    client_body_temp_path $dir/nginx-body;
    proxy_temp_path $dir/nginx-proxy;
    fastcgi_temp_path $dir/nginx-fastcgi;
    uwsgi_temp_path $dir/nginx-uwsgi;
    scgi_temp_path $dir/nginx-scgi;
    upstream pactwerk {
$upstreams        # Connections to the instances are kept open and reused: a new one per request cost more than half
        # of the proxy's throughput on a cached monitor page (bench cluster, bench/results/2026-12-05-cluster.md).
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$proxy_port;
        location / {
            proxy_pass http://pactwerk;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # A request an instance could not answer (it died) goes to the next one.
            proxy_next_upstream error timeout http_502 http_503;
            add_header X-Pactwerk-Upstream \$upstream_addr always;
        }
    }
}
EOF
    "$nginx" -c "$dir/nginx.conf" -p "$dir" >"$dir/nginx.log" 2>&1 &
    for _ in $(seq 1 40); do [ -f "$dir/nginx.pid" ] && break; sleep 0.25; done
    wait_ready "http://127.0.0.1:$proxy_port" "the proxy"

    echo "PostgreSQL on 127.0.0.1:$pg_port (database pactwerk)"
    for i in $(seq 1 "$n"); do echo "instance $i on http://127.0.0.1:$((proxy_port + i)) (log $dir/instance-$i.log)"; done
    echo "Pactwerk on http://127.0.0.1:$proxy_port (nginx, round robin; the X-Pactwerk-Upstream header names the instance)"
    echo "stop with ./cluster.sh stop"
}

case "${1:-}" in
    stop) stop ;;
    status) status ;;
    *) start "${1:-}" ;;
esac
