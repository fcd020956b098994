#!/usr/bin/env bash
# Runs sysbench oltp_point_select, oltp_read_only and oltp_read_write directly against MariaDB and
# through the dbmesh sidecar (same threads, same duration), and prints QPS, p95 latency, the ratio
# sidecar/direct, the sidecar's CPU time per query, its RSS after the run and its start-up time.
# Every test also runs through a single-threaded HAProxy in plain TCP mode, the yardstick of issue 13:
# it pays the same extra hop and nothing else (see lib.sh). The end of the report gives the ratios
# sidecar/relay, the sidecar's CPU per point select minus the relay's, its peak RSS and load averages.
#
#   bench/sysbench.sh                       # defaults below
#   DURATION=30 THREADS=16 bench/sysbench.sh
#   RELAY=0 bench/sysbench.sh               # without the HAProxy row (on when haproxy is installed)
#   TELEMETRY=1 bench/sysbench.sh           # also: point selects through a second sidecar with telemetry
#                                           # on (metrics, digests, slow log, traces at 1 % to a local
#                                           # OTLP sink), alternating with the plain one: QPS and CPU/q cost
#
# Needs sysbench (apt-get install -y sysbench) and a MariaDB at $DB_HOST:$DB_PORT (root, no password
# by default); the relay row needs haproxy (apt-get install -y haproxy) and is skipped with a note
# without it. Installs nothing itself. Results also go to bench/out/sysbench-<time>.txt.
# The sidecar gets WARMUP seconds (default 10) of point selects, then as long of read_write, before
# the measured runs (lib.sh warm_up: every measured code path compiled first).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB_NAME="${DB_NAME:-bench_sysbench}"
TABLES="${TABLES:-4}"
TABLE_SIZE="${TABLE_SIZE:-100000}"
THREADS="${THREADS:-8}"
DURATION="${DURATION:-20}"
TESTS="${TESTS:-oltp_point_select oltp_read_only oltp_read_write}"
RELAY="${RELAY:-1}"
TELEMETRY="${TELEMETRY:-0}"
ROUNDS="${ROUNDS:-2}"

require_sysbench_and_client
bench_init sysbench dbmesh-bench

sb() { sb_run "$1" "$2" "$3" "$DB_NAME" "$4"; } # sysbench TEST HOST PORT COMMAND

# --- data set (reused when a previous run left one of the same shape) --------------------------
rows="$(db -N -e "SELECT COUNT(*) FROM \`$DB_NAME\`.sbtest$TABLES" 2>/dev/null || echo 0)"
if [[ "$rows" != "$TABLE_SIZE" ]]; then
  echo "preparing $TABLES tables x $TABLE_SIZE rows in $DB_NAME on $DB_HOST:$DB_PORT ..."
  db -e "DROP DATABASE IF EXISTS \`$DB_NAME\`; CREATE DATABASE \`$DB_NAME\`"
  sb oltp_read_write "$DB_HOST" "$DB_PORT" prepare >/dev/null
fi

# --- sidecar ------------------------------------------------------------------------------------
PORT="$(free_port)"
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
build_sidecar
prime_cds "$WORK/bench.yaml" "$WORK/sidecar.log"

launched=$(date +%s%N)
start_sidecar "$WORK/bench.yaml" "$WORK/sidecar.log"
listening=$(date +%s%N)
START_MS=$(( (listening - launched) / 1000000 ))
SELF_MS="$(sed -n 's/.*started in \([0-9]*\) ms.*/\1/p' "$WORK/sidecar.log" | head -n1)"

warm_up "$PORT" "$DB_NAME"

# --- the TCP relay reference: every test also runs through it ----------------------------------
start_relay_if_wanted "$DB_HOST" "$DB_PORT"

LOAD_BEFORE="$(loadavg)"
{
  echo "dbmesh sysbench $STAMP: $TABLES tables x $TABLE_SIZE rows, $THREADS threads, ${DURATION}s per run"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); backend $DB_HOST:$DB_PORT $(db -N -e 'SELECT VERSION()')"
  echo "load average before: $LOAD_BEFORE (other processes share these cores)"
  echo "sidecar start-up: ${START_MS} ms from launch to listening (sidecar's own measure: ${SELF_MS:-?} ms)"
  echo "columns: QPS direct | through the tcp relay (1-thread HAProxy, mode tcp) | through the sidecar; ratios; p95; CPU per query of relay and sidecar; the backend server's CPU per query (mariadbd, when local) behind each; statements the server received per client query behind relay and sidecar; the whole machine's busy CPU per query (client, proxy, server, kernel) in each run"
  [[ -z "$RELAY_NOTE" ]] || echo "$RELAY_NOTE"
  echo "$COMPARE_HEADER"
} | tee "$REPORT"

run_on() { # direct|relay|sidecar TEST
  case $1 in
    direct) sb "$2" "$DB_HOST" "$DB_PORT" run ;;
    relay) sb "$2" 127.0.0.1 "$RELAY_PORT" run ;;
    sidecar) sb "$2" 127.0.0.1 "$PORT" run ;;
  esac
}
for test in $TESTS; do
  compare_test "$test" || exit 1
done
echo "sidecar RSS after the runs: $(rss_mb "$SIDECAR_PID") MB" | tee -a "$REPORT"
yardstick_summary "$SIDECAR_PID" "$LOAD_BEFORE" | tee -a "$REPORT"

# --- telemetry cost: the same point selects, telemetry off and on, alternating ------------------
if [[ "$TELEMETRY" != 0 ]]; then
  PLAIN_PID="$SIDECAR_PID"
  SINK_PORT="$(free_port)"
  python3 - "$SINK_PORT" >/dev/null 2>&1 <<'PY' &
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):  # an OTLP/HTTP receiver that accepts and drops
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        self.send_response(200); self.send_header('Content-Length', '0'); self.end_headers()
    def log_message(self, *args): pass
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), Sink).serve_forever()
PY
  CHILDREN+=("$!")
  TPORT="$(free_port)"
  sed -e "s/port: $PORT,/port: $TPORT,/" "$WORK/bench.yaml" >"$WORK/bench-telemetry.yaml"
  cat >>"$WORK/bench-telemetry.yaml" <<YAML
admin: { port: $(free_port) }
telemetry:
  metrics: true
  digests: { max: 2000 }
  slow_log: { threshold: 1s, file: "$WORK/slow.log" }
  tracing: { endpoint: "http://127.0.0.1:$SINK_PORT/v1/traces", sampling_ratio: 0.01 }
YAML
  start_sidecar "$WORK/bench-telemetry.yaml" "$WORK/sidecar-telemetry.log"
  TELEMETRY_PID="$SIDECAR_PID"
  warm_up "$TPORT" "$DB_NAME"
  echo "telemetry cost, oltp_point_select, $ROUNDS rounds of off/on (${DURATION}s each):" | tee -a "$REPORT"
  printf "%-26s %12s %10s %14s\n" sidecar qps p95 cpu/q | tee -a "$REPORT"
  for round in $(seq "$ROUNDS"); do
    for mode in off on; do
      if [[ $mode == off ]]; then pid=$PLAIN_PID; port=$PORT; else pid=$TELEMETRY_PID; port=$TPORT; fi
      before=$(cpu_ticks "$pid")
      sb oltp_point_select 127.0.0.1 "$port" run >"$WORK/telemetry.$mode" 2>&1 || { cat "$WORK/telemetry.$mode" >&2; exit 1; }
      after=$(cpu_ticks "$pid")
      read -r q queries p <<<"$(parse "$WORK/telemetry.$mode")"
      printf "%-26s %12.0f %7s ms %14s\n" "telemetry $mode (round $round)" "$q" "$p" "$(cpu_us_per_query $((after - before)) "$queries")" | tee -a "$REPORT"
    done
  done
fi
echo "report: $REPORT"
