#!/usr/bin/env bash
# Runs sysbench oltp_point_select, oltp_read_only and oltp_read_write directly against MariaDB and
# through the dbmesh sidecar (same threads, same duration), and prints QPS, p95 latency, the ratio
# sidecar/direct, the sidecar's CPU time per query, its RSS after the run and its start-up time.
#
#   bench/sysbench.sh                       # defaults below
#   DURATION=30 THREADS=16 bench/sysbench.sh
#
# Needs sysbench (apt-get install -y sysbench) and a MariaDB at $DB_HOST:$DB_PORT (root, no password
# by default). Installs nothing itself. Results also go to bench/out/sysbench-<time>.txt.
# The sidecar gets WARMUP seconds (default 10) of point selects before the measured runs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_USER="${DB_USER:-root}"
DB_PASSWORD="${DB_PASSWORD:-}"
DB_NAME="${DB_NAME:-bench_sysbench}"
TABLES="${TABLES:-4}"
TABLE_SIZE="${TABLE_SIZE:-100000}"
THREADS="${THREADS:-8}"
DURATION="${DURATION:-20}"
TESTS="${TESTS:-oltp_point_select oltp_read_only oltp_read_write}"

command -v sysbench >/dev/null || { echo "sysbench is not installed: apt-get install -y sysbench" >&2; exit 1; }
command -v mariadb >/dev/null || { echo "the mariadb client is not installed: apt-get install -y mariadb-client" >&2; exit 1; }

OUT_DIR="$ROOT/bench/out"
mkdir -p "$OUT_DIR"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
REPORT="$OUT_DIR/sysbench-$STAMP.txt"
WORK="$(mktemp -d /tmp/dbmesh-bench-XXXXXX)"
SIDECAR_PID=""
cleanup() {
  if [[ -n "$SIDECAR_PID" ]] && kill -0 "$SIDECAR_PID" 2>/dev/null; then
    kill "$SIDECAR_PID" 2>/dev/null || true
    wait "$SIDECAR_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

db() { mariadb -h"$DB_HOST" -P"$DB_PORT" -u"$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} "$@"; }
sb() { # sysbench TEST HOST PORT COMMAND
  sysbench "$1" --db-driver=mysql --mysql-host="$2" --mysql-port="$3" --mysql-user="$DB_USER" \
    --mysql-password="$DB_PASSWORD" --mysql-db="$DB_NAME" --mysql-ssl=off --tables="$TABLES" \
    --table-size="$TABLE_SIZE" --threads="$THREADS" --time="$DURATION" --report-interval=0 \
    --percentile=95 --rand-type=uniform "$4"
}

# --- data set (reused when a previous run left one of the same shape) --------------------------
rows="$(db -N -e "SELECT COUNT(*) FROM \`$DB_NAME\`.sbtest$TABLES" 2>/dev/null || echo 0)"
if [[ "$rows" != "$TABLE_SIZE" ]]; then
  echo "preparing $TABLES tables x $TABLE_SIZE rows in $DB_NAME on $DB_HOST:$DB_PORT ..."
  db -e "DROP DATABASE IF EXISTS \`$DB_NAME\`; CREATE DATABASE \`$DB_NAME\`"
  sb oltp_read_write "$DB_HOST" "$DB_PORT" prepare >/dev/null
fi

# --- sidecar ------------------------------------------------------------------------------------
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat >"$WORK/bench.yaml" <<YAML
listener: { host: 127.0.0.1, port: $PORT, max_connections: 1024 }
tls: { enabled: false }
users:
  - { name: "$DB_USER", password: "$DB_PASSWORD", databases: ["*"] }
data_sources:
  ds0:
    url: "jdbc:mariadb://$DB_HOST:$DB_PORT/$DB_NAME"
    user: "$DB_USER"
    password: "$DB_PASSWORD"
    pool: { max_size: $((THREADS * 2)), min_idle: $THREADS }
databases:
  $DB_NAME: { data_source: ds0 }
YAML
"$ROOT/bin/dbmesh" --version >/dev/null # builds the jar first if it is missing or stale

start_sidecar() { # -> SIDECAR_PID, once it listens
  : >"$WORK/sidecar.log" # emptied here: the child's own redirect may come after our first grep
  "$ROOT/bin/dbmesh" start --config "$WORK/bench.yaml" >"$WORK/sidecar.log" 2>&1 &
  SIDECAR_PID=$!
  until grep -q "started in" "$WORK/sidecar.log" 2>/dev/null; do
    kill -0 "$SIDECAR_PID" 2>/dev/null || { echo "sidecar failed to start:" >&2; cat "$WORK/sidecar.log" >&2; exit 1; }
    sleep 0.02
  done
}

# Start-up is measured the way users start it: with the class-data-sharing archive bin/dbmesh keeps
# in .dbmesh/cds. A fresh jar has none yet: one start records the class list, the next launch
# builds the archive.
JAVA_MAJOR="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$("$ROOT/bin/java-home")/release")"
ARCHIVE="$ROOT/.dbmesh/cds/dbmesh-$JAVA_MAJOR.jsa"
JAR="$(ls "$ROOT"/sql-proxy/target/sql-proxy-*-all.jar | head -n 1)"
if [[ "${DBMESH_CDS:-1}" == "1" && ! ( -f "$ARCHIVE" && "$ARCHIVE" -nt "$JAR" ) ]]; then
  echo "priming the class-data-sharing archive ..."
  start_sidecar; kill "$SIDECAR_PID"; wait "$SIDECAR_PID" 2>/dev/null || true; SIDECAR_PID=""
  "$ROOT/bin/dbmesh" --version >/dev/null
  for _ in $(seq 1 120); do [[ -f "$ARCHIVE" && "$ARCHIVE" -nt "$JAR" ]] && break; sleep 1; done
fi

launched=$(date +%s%N)
start_sidecar
listening=$(date +%s%N)
START_MS=$(( (listening - launched) / 1000000 ))
SELF_MS="$(sed -n 's/.*started in \([0-9]*\) ms.*/\1/p' "$WORK/sidecar.log" | head -n1)"

CLK_TCK="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SIDECAR_PID/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SIDECAR_PID/status"; }

parse() { # sysbench output file -> "qps queries p95"
  awk '/queries:/ && /per sec/ {gsub(/[()]/, "", $3); q=$2; qps=$3}
       /95th percentile:/ {p95=$3}
       END {printf "%s %s %s\n", qps, q, p95}' "$1"
}

# JIT warm-up of the sidecar (not measured): a sidecar runs for days, its first seconds are not
# what users live with. WARMUP=0 to skip.
if (( ${WARMUP:-10} > 0 )); then
  sysbench oltp_point_select --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$PORT" --mysql-user="$DB_USER" \
    --mysql-password="$DB_PASSWORD" --mysql-db="$DB_NAME" --mysql-ssl=off --tables="$TABLES" --table-size="$TABLE_SIZE" \
    --threads="$THREADS" --time="${WARMUP:-10}" run >/dev/null 2>&1 || true
fi

{
  echo "dbmesh sysbench $STAMP: $TABLES tables x $TABLE_SIZE rows, $THREADS threads, ${DURATION}s per run"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); backend $DB_HOST:$DB_PORT $(db -N -e 'SELECT VERSION()')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores)"
  echo "sidecar start-up: ${START_MS} ms from launch to listening (sidecar's own measure: ${SELF_MS:-?} ms)"
  printf "%-18s %12s %12s %8s %10s %10s %14s\n" test direct_qps sidecar_qps ratio direct_p95 sidecar_p95 sidecar_cpu/q
} | tee "$REPORT"

for test in $TESTS; do
  sb "$test" "$DB_HOST" "$DB_PORT" run >"$WORK/$test.direct" 2>&1 || { cat "$WORK/$test.direct" >&2; exit 1; }
  before=$(cpu_ticks)
  sb "$test" 127.0.0.1 "$PORT" run >"$WORK/$test.sidecar" 2>&1 || { cat "$WORK/$test.sidecar" >&2; tail -20 "$WORK/sidecar.log" >&2; exit 1; }
  after=$(cpu_ticks)
  read -r dq _ dp <<<"$(parse "$WORK/$test.direct")"
  read -r sq squeries sp <<<"$(parse "$WORK/$test.sidecar")"
  ratio=$(awk -v a="$sq" -v b="$dq" 'BEGIN {printf "%.2f", a / b}')
  cpu_us=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v q="$squeries" 'BEGIN {printf "%.1f us", t / hz * 1e6 / q}')
  printf "%-18s %12.0f %12.0f %8s %8s ms %8s ms %14s\n" "$test" "$dq" "$sq" "$ratio" "$dp" "$sp" "$cpu_us" | tee -a "$REPORT"
done
echo "sidecar RSS after the runs: $(rss_mb) MB; load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$REPORT"
echo "report: $REPORT"
