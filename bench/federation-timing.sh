#!/usr/bin/env bash
# Federated statements through the sidecar on the shipped orders example (conf/examples/orders.yaml):
# the first, the second and the median of ten more executions of four federated statements (joins off
# the shard key, IN-subquery, UNION), and a server-side prepared statement executed with changing
# parameters (bench/FederationTiming.java), once with the plan cache off
# (federation: {plan_cache_size: 0}: every execution plans and generates code again) and once with
# the shipped default. A measurement, not a check: the answers are checked by the it-tests.
#
#   bench/federation-timing.sh
#
# The two shards are databases bench_fed_ds0 / bench_fed_ds1 of the MariaDB at $DB_HOST:$DB_PORT.
# Results also go to bench/out/federation-<time>.txt.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DS0=bench_fed_ds0
DS1=bench_fed_ds1

command -v mariadb >/dev/null || { echo "the mariadb client is not installed: apt-get install -y mariadb-client" >&2; exit 1; }
bench_init federation dbmesh-bench-fed
JAVA="$("$ROOT/bin/java-home")/bin/java"
DRIVER="$(ls "$HOME"/.m2/repository/org/mariadb/jdbc/mariadb-java-client/*/mariadb-java-client-*.jar | grep -v sources | tail -1)"
export DS0_URL="jdbc:mariadb://$DB_HOST:$DB_PORT/$DS0" DS1_URL="jdbc:mariadb://$DB_HOST:$DB_PORT/$DS1"
export DS0_USER="$DB_USER" DS1_USER="$DB_USER" DS0_PASSWORD="$DB_PASSWORD" DS1_PASSWORD="$DB_PASSWORD"
build_sidecar

{
  echo "# bench/federation-timing.sh $STAMP: MariaDB $(db -N -e 'SELECT VERSION()') at $DB_HOST:$DB_PORT, load $(loadavg)"
  for cache in 0 default; do
    PORT="$(free_port)"
    export DBMESH_ADMIN_PORT="$(free_port)"
    awk -v port="$PORT" -v cache="$cache" '
      /^  port: 3307$/ { print "  port: " port; next }
      { print }
      /^    sharding:$/ && cache != "default" { print "      federation: {plan_cache_size: " cache "}" }
    ' "$ROOT/conf/examples/orders.yaml" >"$WORK/orders-$cache.yaml"
    db -e "DROP DATABASE IF EXISTS $DS0; DROP DATABASE IF EXISTS $DS1"
    start_sidecar "$WORK/orders-$cache.yaml" "$WORK/sidecar-$cache.log"
    "$JAVA" -cp "$DRIVER" "$ROOT/bench/FederationTiming.java" "jdbc:mariadb://127.0.0.1:$PORT/orders" "plan_cache_size=$cache"
    stop_child "$SIDECAR_PID"
  done
} | tee "$REPORT"
db -e "DROP DATABASE IF EXISTS $DS0; DROP DATABASE IF EXISTS $DS1"
