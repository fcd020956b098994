#!/usr/bin/env bash
# Transaction-mode benchmark: `local` vs `xa` on a sharded bank (account(id, balance) split by
# id % 2 over two data sources). Each session runs BEGIN; UPDATE …-1; UPDATE …+1; COMMIT for
# DURATION seconds (bench/XaBench.java, a small Java load over MariaDB Connector/J):
#
#   single: both accounts on one shard  -> xa takes the one-phase path (XA COMMIT … ONE PHASE)
#   two:    one account on each shard   -> xa takes the two-phase path (PREPARE, decision log, COMMIT)
#
# Reports TPS, p95 and p99 latency per mode and shape, xa/local ratios, and the decision-log write
# rate of the two-shard xa run (decisions/s; INSERT statements/s on the log server, read from its
# Com_insert counter: fewer INSERTs than decisions = group commit at work; other clients of that
# server inflate it).
#
#   bench/xa.sh                      # THREADS=8 DURATION=15 ACCOUNTS=2000
#   THREADS=16 DURATION=30 bench/xa.sh
#
# "Two shards" are two databases (bench_xa_ds0, bench_xa_ds1) of the MariaDB at $DB_HOST:$DB_PORT,
# like bench/sysbench-sharded.sh. Results also go to bench/out/xa-<time>.txt.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

THREADS="${THREADS:-8}"
DURATION="${DURATION:-15}"
ACCOUNTS="${ACCOUNTS:-2000}"
DS0=bench_xa_ds0
DS1=bench_xa_ds1

command -v mariadb >/dev/null || { echo "the mariadb client is not installed: apt-get install -y mariadb-client" >&2; exit 1; }
bench_init xa dbmesh-bench-xa
JAVA="$("$ROOT/bin/java-home")/bin/java"
DRIVER="$(ls "$HOME"/.m2/repository/org/mariadb/jdbc/mariadb-java-client/*/mariadb-java-client-*.jar | grep -v sources | tail -1)"

PORT="$(free_port)"
cat >"$WORK/xa.yaml" <<YAML
listener: { host: 127.0.0.1, port: $PORT, max_connections: 1024 }
users:
  - { name: "$DB_USER", password: "$DB_PASSWORD", databases: ["*"] }
data_sources:
  ds_0:
    url: "jdbc:mariadb://$DB_HOST:$DB_PORT/$DS0"
    user: "$DB_USER"
    password: "$DB_PASSWORD"
    pool: { max_size: $((THREADS * 2 + 4)), min_idle: $THREADS }
  ds_1:
    url: "jdbc:mariadb://$DB_HOST:$DB_PORT/$DS1"
    user: "$DB_USER"
    password: "$DB_PASSWORD"
    pool: { max_size: $((THREADS * 2 + 4)), min_idle: $THREADS }
databases:
  bank:
    sharding:
      default_data_source: ds_0
      tables:
        account: { key: id, nodes: "ds_[0..1].account", algorithm: mod }
      schema:
        - CREATE TABLE IF NOT EXISTS account (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)
    # the database stays local; each bench session picks its mode with SET @dbmesh_transaction_mode
    transactions: { mode: local, log: { data_source: ds_0 } }
YAML
build_sidecar
db -e "DROP DATABASE IF EXISTS $DS0; DROP DATABASE IF EXISTS $DS1"
start_sidecar "$WORK/xa.yaml" "$WORK/sidecar.log"
values="$(seq 1 "$ACCOUNTS" | awk '{printf "%s(%d,1000)", (NR > 1 ? "," : ""), $1}')"
mariadb -h127.0.0.1 -P"$PORT" -u"$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} --ssl=0 bank \
  -e "INSERT INTO account (id, balance) VALUES $values"

URL="jdbc:mariadb://127.0.0.1:$PORT/bank"
com_insert() { db -N -e "SHOW GLOBAL STATUS LIKE 'Com_insert'" | awk '{print $2}'; }
run() { # MODE SHAPE -> one result line
  "$JAVA" -cp "$DRIVER" "$ROOT/bench/XaBench.java" "$URL" "$THREADS" "$DURATION" "$1" "$2" "$ACCOUNTS"
}

echo "warm-up ..."
DURATION=5 run xa two >/dev/null
DURATION=5 run local two >/dev/null
declare -A TPS P95 P99
for shape in single two; do
  for mode in local xa; do
    before="$(com_insert)"
    read -r _ _ tps p95 p99 n errs < <(run "$mode" "$shape")
    after="$(com_insert)"
    TPS[$mode-$shape]=$tps; P95[$mode-$shape]=$p95; P99[$mode-$shape]=$p99
    echo "$mode $shape: $tps TPS, p95 $p95 ms, p99 $p99 ms ($n transactions, $errs errors)"
    if [[ "$mode-$shape" == "xa-two" ]]; then
      LOG_RATE="decisions $tps/s, log INSERT statements $(awk -v d=$((after - before)) -v s="$DURATION" 'BEGIN {printf "%.1f", d / s}')/s"
    fi
  done
done

{
  echo "# bench/xa.sh $STAMP: THREADS=$THREADS DURATION=${DURATION}s ACCOUNTS=$ACCOUNTS, MariaDB $(db -N -e 'SELECT VERSION()') at $DB_HOST:$DB_PORT, load $(loadavg)"
  printf "%-8s %-6s %10s %9s %9s\n" shape mode TPS p95_ms p99_ms
  for shape in single two; do
    for mode in local xa; do
      printf "%-8s %-6s %10s %9s %9s\n" "$shape" "$mode" "${TPS[$mode-$shape]}" "${P95[$mode-$shape]}" "${P99[$mode-$shape]}"
    done
    echo "$shape: xa/local TPS $(ratio "${TPS[xa-$shape]}" "${TPS[local-$shape]}")"
  done
  echo "two-shard xa decision log: $LOG_RATE"
} | tee "$REPORT"
