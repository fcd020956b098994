#!/usr/bin/env bash
# Read/write splitting benchmark: starts a MariaDB primary and two GTID replicas (mariadbd
# processes under /tmp, like the it-tests harness), then runs sysbench directly against the primary,
# through a dbmesh sidecar on the primary alone (the proxy's own cost) and through a sidecar on the
# replica group (same threads, same duration), and prints QPS, p95 latency, the ratio to direct and
# how the replica-group sidecar's SELECTs spread over the servers.
#
#   bench/sysbench-rw.sh                      # defaults below
#   DURATION=30 THREADS=16 bench/sysbench-rw.sh
#
# Tests (sysbench's own scripts):
#   oltp_read_only --skip_trx=on   plain reads outside transactions: these are what replicas serve
#   oltp_read_only                 the same reads in BEGIN/COMMIT: transactions stay on the primary
#   oltp_read_write                reads and writes in transactions (primary), read-your-writes on
# Needs sysbench, mariadbd and mariadb-install-db (mariadb-server), the mariadb client. Kills
# everything it started on exit. Results also go to bench/out/sysbench-rw-<time>.txt.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TABLES="${TABLES:-4}"
TABLE_SIZE="${TABLE_SIZE:-100000}"
THREADS="${THREADS:-8}"
DURATION="${DURATION:-20}"
DB_NAME=bench_rw
DB_USER=root     # the servers below are this script's own: root without a password
DB_PASSWORD=
TESTS="${TESTS:-oltp_read_only:skip_trx oltp_read_only oltp_read_write}"

for tool in sysbench mariadb mariadb-install-db; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install -y sysbench mariadb-server mariadb-client)" >&2; exit 1; }
done
MARIADBD="$(command -v mariadbd || ls /usr/sbin/mariadbd 2>/dev/null || true)"
[[ -x "$MARIADBD" ]] || { echo "mariadbd not found" >&2; exit 1; }

bench_init sysbench-rw dbmesh-bench-rw

as_root=(); [[ "$(id -u)" == 0 ]] && as_root=(--user=root)

# --- replication cluster: server 1 = primary, 2 and 3 = replicas -------------------------------
declare -A PORT
for id in 1 2 3; do
  PORT[$id]="$(free_port)"
  mkdir -p "$WORK/tmp$id"
  mariadb-install-db --no-defaults --datadir="$WORK/d$id" --tmpdir="$WORK/tmp$id" "${as_root[@]}" \
    --auth-root-authentication-method=normal --skip-test-db >"$WORK/install$id.log" 2>&1 &
done
wait
for id in 1 2 3; do
  ro=(); [[ $id != 1 ]] && ro=(--read-only=1)
  "$MARIADBD" --no-defaults --datadir="$WORK/d$id" --tmpdir="$WORK/tmp$id" --port="${PORT[$id]}" \
    --bind-address=127.0.0.1 --socket="$WORK/d$id.sock" --server-id=$id --log-bin=binlog --binlog-format=ROW \
    --gtid-strict-mode=1 --log-slave-updates=1 --skip-name-resolve --innodb-buffer-pool-size=256M \
    --innodb-flush-log-at-trx-commit=2 --sync-binlog=0 --max-connections=500 --log-error="$WORK/d$id.err" \
    "${ro[@]}" "${as_root[@]}" >/dev/null 2>&1 &
  CHILDREN+=($!)
done
server_db() { local id=$1; shift; mariadb -uroot -h127.0.0.1 -P"${PORT[$id]}" "$@"; } # ID [mariadb args]
for id in 1 2 3; do
  for _ in $(seq 1 300); do server_db $id -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
done
server_db 1 -e "CREATE USER repl@'%' IDENTIFIED BY 'repl'; GRANT REPLICATION SLAVE ON *.* TO repl@'%'; CREATE DATABASE $DB_NAME"
for id in 2 3; do
  server_db $id -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${PORT[1]}, MASTER_USER='repl', MASTER_PASSWORD='repl', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE"
done

sb() { # sysbench TEST HOST PORT COMMAND [extra options]
  local test=$1 host=$2 port=$3 cmd=$4; shift 4
  sb_run "$test" "$host" "$port" "$DB_NAME" "$cmd" "$@"
}
echo "preparing $TABLES tables x $TABLE_SIZE rows on the primary (replicated) ..."
sb oltp_read_write 127.0.0.1 "${PORT[1]}" prepare >/dev/null
pos="$(server_db 1 -N -e 'SELECT @@gtid_binlog_pos')"
for id in 2 3; do server_db $id -N -e "SELECT MASTER_GTID_WAIT('$pos', 120)" >/dev/null; done

# --- sidecars: on the primary alone, and on the replica group -----------------------------------
PPORT="$(free_port)"
cat >"$WORK/plain.yaml" <<YAML
listener: { host: 127.0.0.1, port: $PPORT, max_connections: 1024 }
tls: { enabled: false }
users: [{ name: root, password: "", databases: ["*"] }]
data_sources:
  ds0:
    url: "jdbc:mariadb://127.0.0.1:${PORT[1]}/$DB_NAME"
    user: root
    password: ""
    pool: { max_size: $((THREADS * 2)), min_idle: $THREADS }
databases:
  $DB_NAME: { data_source: ds0 }
YAML
SPORT="$(free_port)"
cat >"$WORK/rw.yaml" <<YAML
listener: { host: 127.0.0.1, port: $SPORT, max_connections: 1024 }
tls: { enabled: false }
users: [{ name: root, password: "", databases: ["*"] }]
data_sources:
  ds0:
    url: "jdbc:mariadb://127.0.0.1:${PORT[1]}/$DB_NAME"
    user: root
    password: ""
    pool: { max_size: $((THREADS * 2)), min_idle: $THREADS }
    replicas:
      - "jdbc:mariadb://127.0.0.1:${PORT[2]}/$DB_NAME"
      - "jdbc:mariadb://127.0.0.1:${PORT[3]}/$DB_NAME"
    load_balancing: round_robin
databases:
  $DB_NAME: { data_source: ds0, consistency: session }
YAML
start_sidecar "$WORK/plain.yaml" "$WORK/plain.log"
start_sidecar "$WORK/rw.yaml" "$WORK/sidecar.log"

questions() { server_db "$1" -N -e "SHOW GLOBAL STATUS LIKE 'Com_select'" | awk '{print $2}'; }

{
  echo "dbmesh read/write splitting sysbench $STAMP: $TABLES tables x $TABLE_SIZE rows, $THREADS threads, ${DURATION}s per run"
  echo "machine: $(nproc) cores; primary + 2 replicas: $(server_db 1 -N -e 'SELECT VERSION()') (all on this machine)"
  echo "columns: direct on the primary | sidecar on the primary alone | sidecar on primary + 2 replicas (ratios to direct)"
  printf "%-26s %10s %10s %6s %10s %6s %10s %10s %10s   %s\n" test direct_qps plain_qps ratio split_qps ratio direct_p95 plain_p95 split_p95 "split: SELECTs on primary/replica1/replica2"
} | tee "$REPORT"

for spec in $TESTS; do
  test="${spec%%:*}"
  extra=()
  label="$test"
  if [[ "$spec" == *:skip_trx ]]; then extra=(--skip_trx=on); label="$test (no trx)"; fi
  sb "$test" 127.0.0.1 "${PORT[1]}" run "${extra[@]}" >"$WORK/$test.direct" 2>&1 || { cat "$WORK/$test.direct" >&2; exit 1; }
  sb "$test" 127.0.0.1 "$PPORT" run "${extra[@]}" >"$WORK/$test.plain" 2>&1 || { cat "$WORK/$test.plain" >&2; exit 1; }
  b1=$(questions 1); b2=$(questions 2); b3=$(questions 3)
  sb "$test" 127.0.0.1 "$SPORT" run "${extra[@]}" >"$WORK/$test.sidecar" 2>&1 || { cat "$WORK/$test.sidecar" >&2; tail -20 "$WORK/sidecar.log" >&2; exit 1; }
  a1=$(questions 1); a2=$(questions 2); a3=$(questions 3)
  read -r dq _ dp <<<"$(parse "$WORK/$test.direct")"
  read -r pq _ pp <<<"$(parse "$WORK/$test.plain")"
  read -r sq _ sp <<<"$(parse "$WORK/$test.sidecar")"
  pratio=$(ratio "$pq" "$dq")
  sratio=$(ratio "$sq" "$dq")
  printf "%-26s %10.0f %10.0f %6s %10.0f %6s %7s ms %7s ms %7s ms   %s / %s / %s\n" "$label" "$dq" "$pq" "$pratio" "$sq" "$sratio" \
    "$dp" "$pp" "$sp" $((a1 - b1)) $((a2 - b2)) $((a3 - b3)) | tee -a "$REPORT"
done
echo "report: $REPORT"
