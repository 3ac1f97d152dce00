#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the store's tests (and for developers):
#
#   scripts/pg-test-cluster.sh start DIR   initdb + pg_ctl start in DIR (created), on a free
#                                          loopback port with its socket in DIR; prints the URL
#                                          (also written to DIR/url)
#   scripts/pg-test-cluster.sh stop DIR    stops it (DIR is left for the caller to remove)
#
#   export CADASTRO_TEST_PG_URL=$(scripts/pg-test-cluster.sh start /tmp/cadastro-pg)
#   cargo test -p cadastro-store
#   scripts/pg-test-cluster.sh stop /tmp/cadastro-pg
#
# The server binaries come from PG_BIN, else `pg_config --bindir`, else the newest
# /usr/lib/postgresql/*/bin (Debian's postgresql package). initdb refuses to run as root: as
# root the cluster runs as PG_TEST_OS_USER (default `nobody`), which is given DIR. The cluster
# trusts local connections (user `cadastro`, superuser) and skips fsync: it is for tests only.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [[ -z $cmd || -z $dir ]]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

find_bin() {
    if [[ -n ${PG_BIN:-} && -x $PG_BIN/initdb ]]; then echo "$PG_BIN"; return; fi
    local b
    for b in /usr/lib/postgresql/*/bin; do
        [[ -x $b/initdb ]] && echo "$b"
    done | sort -V | tail -n 1 | grep . && return
    if command -v pg_config >/dev/null 2>&1; then
        b=$(pg_config --bindir)
        if [[ -x $b/initdb ]]; then echo "$b"; return; fi
    fi
    return 1
}

bin=$(find_bin) || { echo "pg-test-cluster: no PostgreSQL server binaries (initdb) found" >&2; exit 3; }
run=()
if [[ $(id -u) == 0 ]]; then
    run=(runuser -u "${PG_TEST_OS_USER:-nobody}" --)
fi

case $cmd in
start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ ${#run[@]} -gt 0 ]]; then
        chown "${PG_TEST_OS_USER:-nobody}" "$dir"
    fi
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U cadastro --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 3
    }
    for _ in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 30000))
        if "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
            start >"$dir/pg_ctl.log" 2>&1; then
            url="postgres://cadastro@127.0.0.1:$port/postgres"
            echo "$url" >"$dir/url"
            echo "$url"
            exit 0
        fi
    done
    echo "pg-test-cluster: the server did not start:" >&2
    tail -n 20 "$dir/server.log" >&2 || true
    exit 3
    ;;
stop)
    if [[ -d $dir/data ]]; then
        "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    fi
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
