#!/usr/bin/env bash
# Sharding benchmark: sysbench's sbtest tables sharded by `id` (mod 2) over two data sources, and a
# scatter ORDER BY ... LIMIT over 1M rows.
#
#  (a) oltp_point_select, oltp_read_only, oltp_read_write through the sidecar (sharded logical
#      database over two physical databases) and directly on one MariaDB database holding the same
#      rows (same threads, same duration), and on that database through a TCP relay (1-thread HAProxy,
#      the yardstick of issue 13): QPS, p95, ratios sidecar/relay and sidecar/direct, CPU per query;
#      then the issue 13 summary (ratios, CPU minus relay's, peak RSS including the load phase).
#  (b) SELECT ... ORDER BY <non-key column> LIMIT 10 over SCATTER_ROWS rows split over the shards,
#      through the sidecar vs directly on one table with the same rows: best-of-N time, and the
#      sidecar's peak RSS (VmHWM) before and after the scatter queries.
#
#   bench/sysbench-sharded.sh                     # defaults below
#   DURATION=30 THREADS=16 bench/sysbench-sharded.sh
#
# "Two backends" are two databases (bench_shard_ds0, bench_shard_ds1) of the MariaDB at
# $DB_HOST:$DB_PORT: the sidecar cannot tell them from two servers (one pool each), and a second
# mariadbd on the same 2 cores would only add noise. Results also go to bench/out/sysbench-sharded-<time>.txt.
#
# sysbench's statements: the tables are prepared through the sidecar (CREATE TABLE, multi-row
# INSERTs, CREATE INDEX all fan out / split per shard) with --auto_inc=off, since a sharded INSERT
# needs the shard key and sysbench's default leaves `id` to AUTO_INCREMENT. If that prepare fails,
# the script says so and loads the shards directly (INSERT ... SELECT by id % 2) instead.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOGICAL=bench_shard            # the sidecar's logical database
DIRECT=bench_shard_direct      # one MariaDB database with all rows, the baseline
DS0=bench_shard_ds0
DS1=bench_shard_ds1
TABLES="${TABLES:-2}"
TABLE_SIZE="${TABLE_SIZE:-20000}"
THREADS="${THREADS:-4}"
DURATION="${DURATION:-12}"
SCATTER_ROWS="${SCATTER_ROWS:-1000000}"
SCATTER_REPEAT="${SCATTER_REPEAT:-3}"
TESTS="${TESTS:-oltp_point_select oltp_read_only oltp_read_write}"
# extra sysbench options for every run (e.g. "--range_selects=off" if the sidecar refuses one)
SB_OPTS="${SB_OPTS:-}"

require_sysbench_and_client
bench_init sysbench-sharded dbmesh-bench-shard

sidecar_db() { mariadb -h127.0.0.1 -P"$PORT" -u"$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} --ssl=0 "$@"; }
sb() { # sysbench TEST HOST PORT DATABASE COMMAND
  # shellcheck disable=SC2086 # SB_OPTS is a list of options
  sb_run "$1" "$2" "$3" "$4" "$5" --auto_inc=off $SB_OPTS
}

# --- sidecar config: sbtest1..N and scatter_t sharded by id mod 2 over ds_0 / ds_1 ------------
PORT="$(free_port)"
{
  cat <<YAML
listener: { host: 127.0.0.1, port: $PORT, max_connections: 1024 }
tls: { enabled: false }
users:
  - { name: "$DB_USER", password: "$DB_PASSWORD", databases: ["*"] }
data_sources:
  ds_0:
    url: "jdbc:mariadb://$DB_HOST:$DB_PORT/$DS0"
    user: "$DB_USER"
    password: "$DB_PASSWORD"
    pool: { max_size: $((THREADS * 2)), min_idle: $THREADS }
  ds_1:
    url: "jdbc:mariadb://$DB_HOST:$DB_PORT/$DS1"
    user: "$DB_USER"
    password: "$DB_PASSWORD"
    pool: { max_size: $((THREADS * 2)), min_idle: $THREADS }
databases:
  $LOGICAL:
    sharding:
      default_data_source: ds_0
      tables:
YAML
  for t in $(seq 1 "$TABLES") ; do
    echo "        sbtest$t: { key: id, nodes: \"ds_[0..1].sbtest$t\", algorithm: mod }"
  done
  echo "        scatter_t: { key: id, nodes: \"ds_[0..1].scatter_t\", algorithm: mod }"
} >"$WORK/sharded.yaml"
build_sidecar

# --- data (a): fresh every run, small ----------------------------------------------------------
db -e "DROP DATABASE IF EXISTS $DIRECT; CREATE DATABASE $DIRECT;
       DROP DATABASE IF EXISTS $DS0; CREATE DATABASE $DS0; DROP DATABASE IF EXISTS $DS1; CREATE DATABASE $DS1"
start_sidecar "$WORK/sharded.yaml" "$WORK/sidecar.log"

# sysbench prepare writes random strings: the direct copy is made from the shards afterwards, so
# both sides hold the same rows.
LOAD_NOTE=""
echo "preparing $TABLES tables x $TABLE_SIZE rows through the sidecar (sharded over $DS0 / $DS1) ..."
t0=$(date +%s%N)
if sb oltp_read_write 127.0.0.1 "$PORT" "$LOGICAL" prepare >"$WORK/prepare.log" 2>&1; then
  LOAD_NOTE="loaded through the sidecar with sysbench prepare (--auto_inc=off) in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
else
  err="$(grep -m1 -i 'error' "$WORK/prepare.log" || tail -1 "$WORK/prepare.log")"
  echo "sysbench prepare through the sidecar failed: $err" >&2
  LOAD_NOTE="prepare through the sidecar failed ($err); shards loaded directly by id % 2"
  sb oltp_read_write "$DB_HOST" "$DB_PORT" "$DIRECT" prepare >/dev/null
  for t in $(seq 1 "$TABLES"); do
    for s in 0 1; do
      ds=$DS0; [[ $s == 1 ]] && ds=$DS1
      db -e "DROP TABLE IF EXISTS $ds.sbtest$t; CREATE TABLE $ds.sbtest$t LIKE $DIRECT.sbtest$t;
             INSERT INTO $ds.sbtest$t SELECT * FROM $DIRECT.sbtest$t WHERE id % 2 = $s"
    done
    db -e "DROP TABLE $DIRECT.sbtest$t"
  done
fi
for t in $(seq 1 "$TABLES"); do # direct copy = union of the shards; each shard holds only its ids
  db -e "CREATE TABLE $DIRECT.sbtest$t LIKE $DS0.sbtest$t;
         INSERT INTO $DIRECT.sbtest$t SELECT * FROM $DS0.sbtest$t UNION ALL SELECT * FROM $DS1.sbtest$t"
  check="$(db -N -e "SELECT (SELECT COUNT(*) FROM $DIRECT.sbtest$t),
                            (SELECT COUNT(*) FROM $DS0.sbtest$t WHERE id % 2 <> 0) + (SELECT COUNT(*) FROM $DS1.sbtest$t WHERE id % 2 <> 1),
                            (SELECT COUNT(*) FROM $DS1.sbtest$t)")"
  read -r total misplaced on_ds1 <<<"$check"
  [[ "$total" == "$TABLE_SIZE" && "$misplaced" == 0 && "$on_ds1" -gt 0 ]] \
    || { echo "sbtest$t: $total rows (want $TABLE_SIZE), $misplaced on the wrong shard, $on_ds1 on ds_1" >&2; cat "$WORK/prepare.log" >&2; exit 1; }
done

# The yardstick: a TCP relay (1-thread HAProxy) to the one backend, running the same tests on the
# direct copy. It pays the sidecar's extra hop and nothing else (see lib.sh). RELAY=0 to skip.
start_relay_if_wanted "$DB_HOST" "$DB_PORT"
HWM_LOAD="$(hwm_mb "$SIDECAR_PID")"

LOAD_BEFORE="$(loadavg)"
{
  echo "dbmesh sharded sysbench $STAMP: $TABLES tables x $TABLE_SIZE rows sharded by id mod 2 over 2 databases, $THREADS threads, ${DURATION}s per run${SB_OPTS:+, options: $SB_OPTS}"
  echo "machine: $(nproc) cores; backend $DB_HOST:$DB_PORT $(db -N -e 'SELECT VERSION()'); $LOAD_NOTE"
  echo "sidecar peak RSS (VmHWM) after the load phase: $HWM_LOAD MB"
  echo "load average before: $LOAD_BEFORE (other processes share these cores)"
  echo "columns: QPS direct (one database) | through the tcp relay to it | through the sidecar (2 shards); ratios; p95; CPU per query of relay and sidecar; the backend server's CPU per query (mariadbd, when local) behind each; statements the server received per client query behind relay and sidecar; the whole machine's busy CPU per query (client, proxy, server, kernel) in each run"
  [[ -z "$RELAY_NOTE" ]] || echo "$RELAY_NOTE"
  echo "$COMPARE_HEADER"
} | tee "$REPORT"

# JIT warm-up of the sidecar (not measured), as in bench/sysbench.sh. WARMUP=0 to skip.
# shellcheck disable=SC2086 # SB_OPTS is a list of options
warm_up "$PORT" "$LOGICAL" --auto_inc=off $SB_OPTS

# sysbench's read_write deletes and re-inserts rows: the direct and sharded copies stay equal in shape.
run_on() { # direct|relay|sidecar TEST
  case $1 in
    direct) sb "$2" "$DB_HOST" "$DB_PORT" "$DIRECT" run ;;
    relay) sb "$2" 127.0.0.1 "$RELAY_PORT" "$DIRECT" run ;;
    sidecar) sb "$2" 127.0.0.1 "$PORT" "$LOGICAL" run ;;
  esac
}
for test in $TESTS; do
  compare_test "$test" || printf "%-18s %s\n" "$test" "FAILED (see above)" | tee -a "$REPORT"
done
[[ -z "${RELAY_PID:-}" ]] || stop_child "$RELAY_PID"
yardstick_summary "$SIDECAR_PID" "$LOAD_BEFORE" | tee -a "$REPORT"

# --- (b) scatter ORDER BY <non-key> LIMIT 10 over SCATTER_ROWS rows -------------------------------
# k is a pseudo-random, unindexed column: every shard sorts its half, the sidecar merges 2 x 10 rows.
echo "loading $SCATTER_ROWS rows for the scatter query (direct table + two shards) ..."
last=$((SCATTER_ROWS - 1))
ddl="(id BIGINT PRIMARY KEY, k INT NOT NULL, c CHAR(40) NOT NULL)"
gen="SELECT seq, (seq * 7919 + 13) % 1000003, MD5(seq) FROM seq_0_to_$last"
db -D "$DIRECT" -e "CREATE TABLE $DIRECT.scatter_t $ddl; INSERT INTO $DIRECT.scatter_t $gen;
       CREATE TABLE $DS0.scatter_t $ddl; INSERT INTO $DS0.scatter_t $gen WHERE seq % 2 = 0;
       CREATE TABLE $DS1.scatter_t $ddl; INSERT INTO $DS1.scatter_t $gen WHERE seq % 2 = 1"
QUERY="SELECT id, k, c FROM scatter_t ORDER BY k, id LIMIT 10"
best_ms() { # best wall time of SCATTER_REPEAT runs of QUERY; $1 = client function, $2 = database
  local best=""
  for _ in $(seq 1 "$SCATTER_REPEAT"); do
    local t0 t1
    t0=$(date +%s%N)
    "$1" -N "$2" -e "$QUERY" >"$WORK/scatter.$1" || { echo "scatter query failed via $1" >&2; tail -20 "$WORK/sidecar.log" >&2; exit 1; }
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    [[ -z "$best" || $ms -lt $best ]] && best=$ms
  done
  echo "$best"
}
direct_ms=$(best_ms db "$DIRECT")
hwm_before=$(hwm_mb "$SIDECAR_PID"); rss_before=$(rss_mb "$SIDECAR_PID")
sidecar_ms=$(best_ms sidecar_db "$LOGICAL")
hwm_after=$(hwm_mb "$SIDECAR_PID")
cmp -s "$WORK/scatter.db" "$WORK/scatter.sidecar_db" || { echo "scatter results differ:" >&2; diff "$WORK/scatter.db" "$WORK/scatter.sidecar_db" >&2; exit 1; }
{
  echo "scatter: $QUERY over $SCATTER_ROWS rows (k unindexed), best of $SCATTER_REPEAT, client wall time incl. connect"
  printf "  direct (one table) %6d ms | sidecar (2 shards) %6d ms | ratio %s | results identical\n" "$direct_ms" "$sidecar_ms" \
    "$(ratio "$sidecar_ms" "$direct_ms")"
  echo "  sidecar peak RSS (VmHWM): ${hwm_before} MB before the scatter queries, ${hwm_after} MB after (RSS before: ${rss_before} MB)"
  echo "load average after: $(loadavg)"
} | tee -a "$REPORT"
db -e "DROP DATABASE $DIRECT; DROP DATABASE $DS0; DROP DATABASE $DS1"
echo "report: $REPORT"
