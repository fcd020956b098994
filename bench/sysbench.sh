#!/usr/bin/env bash
# Runs sysbench oltp_point_select, oltp_read_only and oltp_read_write directly against MariaDB and
# through the dbmesh sidecar (same threads, same duration), and prints QPS, p95 latency, the ratio
# sidecar/direct, the sidecar's CPU time per query, its RSS after the run and its start-up time.
# Right after the point selects, the same point selects through a single-threaded HAProxy in plain
# TCP mode give a reference row: what the extra hop alone costs on this machine (see lib.sh).
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
# The sidecar gets WARMUP seconds (default 10) of point selects before the measured runs.
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

# --- the TCP relay reference (point selects only) -----------------------------------------------
RELAY_NOTE=""
[[ " $TESTS " == *" oltp_point_select "* ]] || RELAY=0
if [[ "$RELAY" != 0 ]]; then
  if command -v haproxy >/dev/null; then
    start_tcp_relay "$DB_HOST" "$DB_PORT"
  else
    RELAY=0
    RELAY_NOTE="tcp relay (haproxy) skipped: haproxy is not installed (apt-get install -y haproxy)"
  fi
fi

{
  echo "dbmesh sysbench $STAMP: $TABLES tables x $TABLE_SIZE rows, $THREADS threads, ${DURATION}s per run"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); backend $DB_HOST:$DB_PORT $(db -N -e 'SELECT VERSION()')"
  echo "load average before: $(loadavg) (other processes share these cores)"
  echo "sidecar start-up: ${START_MS} ms from launch to listening (sidecar's own measure: ${SELF_MS:-?} ms)"
  printf "%-18s %12s %12s %8s %10s %10s %14s\n" test direct_qps sidecar_qps ratio direct_p95 sidecar_p95 sidecar_cpu/q
} | tee "$REPORT"

for test in $TESTS; do
  sb "$test" "$DB_HOST" "$DB_PORT" run >"$WORK/$test.direct" 2>&1 || { cat "$WORK/$test.direct" >&2; exit 1; }
  before=$(cpu_ticks "$SIDECAR_PID")
  sb "$test" 127.0.0.1 "$PORT" run >"$WORK/$test.sidecar" 2>&1 || { cat "$WORK/$test.sidecar" >&2; tail -20 "$WORK/sidecar.log" >&2; exit 1; }
  after=$(cpu_ticks "$SIDECAR_PID")
  read -r dq _ dp <<<"$(parse "$WORK/$test.direct")"
  read -r sq squeries sp <<<"$(parse "$WORK/$test.sidecar")"
  printf "%-18s %12.0f %12.0f %8s %8s ms %8s ms %14s\n" "$test" "$dq" "$sq" "$(ratio "$sq" "$dq")" "$dp" "$sp" \
    "$(cpu_us_per_query $((after - before)) "$squeries")" | tee -a "$REPORT"
  [[ "$test" == oltp_point_select ]] || continue
  if [[ "$RELAY" != 0 ]]; then
    before=$(cpu_ticks "$RELAY_PID")
    sb "$test" 127.0.0.1 "$RELAY_PORT" run >"$WORK/$test.relay" 2>&1 || { cat "$WORK/$test.relay" >&2; cat "$WORK/haproxy.log" >&2; exit 1; }
    after=$(cpu_ticks "$RELAY_PID")
    read -r rq rqueries rp <<<"$(parse "$WORK/$test.relay")"
    printf "%-18s %12.0f qps, ratio %s, p95 %s ms, cpu/q %s (point selects through a 1-thread HAProxy, mode tcp; ratio to direct)\n" \
      "tcp relay (haproxy)" "$rq" "$(ratio "$rq" "$dq")" "$rp" "$(cpu_us_per_query $((after - before)) "$rqueries")" | tee -a "$REPORT"
  elif [[ -n "$RELAY_NOTE" ]]; then
    echo "$RELAY_NOTE" | tee -a "$REPORT"
  fi
done
echo "sidecar RSS after the runs: $(rss_mb "$SIDECAR_PID") MB; load average after: $(loadavg)" | tee -a "$REPORT"

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
