# shellcheck shell=bash
# Shared setup of the bench/ scripts (sourced by sysbench.sh, sysbench-rw.sh, sysbench-sharded.sh;
# not run on its own): backend defaults, the report and work directory, child processes stopped by
# an EXIT trap, the sidecar's start and CDS priming, the TCP relay reference, free ports, sysbench
# runs and the parse of their output, and per-process CPU / memory readings from /proc.
# Each script keeps its own sizes (TABLES, TABLE_SIZE, THREADS, DURATION, TESTS) and report layout.
# shellcheck disable=SC2034 # variables set here are read by the scripts that source this file

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The backend for sysbench.sh and sysbench-sharded.sh (sysbench-rw.sh starts its own servers).
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_USER="${DB_USER:-root}"
DB_PASSWORD="${DB_PASSWORD:-}"

db() { mariadb -h"$DB_HOST" -P"$DB_PORT" -u"$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} "$@"; }

require_sysbench_and_client() {
  command -v sysbench >/dev/null || { echo "sysbench is not installed: apt-get install -y sysbench" >&2; exit 1; }
  command -v mariadb >/dev/null || { echo "the mariadb client is not installed: apt-get install -y mariadb-client" >&2; exit 1; }
}

# --- report, work directory and the processes we start --------------------------------------------
CHILDREN=() # background processes this script started: the EXIT trap stops them
WORK=""
cleanup() {
  local pid
  # all signalled first, then waited for: the servers and sidecars shut down in parallel
  for pid in "${CHILDREN[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${CHILDREN[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -z "$WORK" ]] || rm -rf "$WORK"
}
bench_init() { # REPORT_NAME WORK_PREFIX -> OUT_DIR, STAMP, REPORT, WORK; installs the EXIT trap
  OUT_DIR="$ROOT/bench/out"
  mkdir -p "$OUT_DIR"
  STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
  REPORT="$OUT_DIR/$1-$STAMP.txt"
  WORK="$(mktemp -d "/tmp/$2-XXXXXX")"
  trap cleanup EXIT
}
stop_child() { # PID: stops one process before the end and forgets it
  local pid=$1 kept=() p
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${CHILDREN[@]}"; do [[ "$p" == "$pid" ]] || kept+=("$p"); done
  CHILDREN=("${kept[@]}")
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# PORT has a listening socket on 127.0.0.1 (read from /proc: connecting to find out would open a
# backend connection through a relay)
listening() { awk -v p="$(printf '0100007F:%04X' "$1")" '$2 == p && $4 == "0A" {f = 1} END {exit !f}' /proc/net/tcp; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# --- the sidecar ---------------------------------------------------------------------------------
build_sidecar() { "$ROOT/bin/dbmesh" --version >/dev/null; } # builds the jar first if it is missing or stale

start_sidecar() { # CONFIG LOG -> SIDECAR_PID, once it listens
  : >"$2" # emptied here: the child's own redirect may come after our first grep
  "$ROOT/bin/dbmesh" start --config "$1" >"$2" 2>&1 &
  SIDECAR_PID=$!
  CHILDREN+=("$SIDECAR_PID")
  until grep -q "started in" "$2" 2>/dev/null; do
    kill -0 "$SIDECAR_PID" 2>/dev/null || { echo "sidecar failed to start:" >&2; cat "$2" >&2; exit 1; }
    sleep 0.02
  done
}

# Start-up is measured the way users start it: with the class-data-sharing archive bin/dbmesh keeps
# in .dbmesh/cds. A fresh jar has none yet: one start records the class list, the next launch
# builds the archive.
prime_cds() { # CONFIG LOG
  local major archive jars
  major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$("$ROOT/bin/java-home")/release")"
  # bin/dbmesh names the archive of a JVM with compact object headers (JDK 25+) apart
  archive="$ROOT/.dbmesh/cds/dbmesh-$major$( (( major >= 25 )) && echo -coh).jsa"
  jars=("$ROOT"/sql-proxy/target/sql-proxy-*-all.jar)
  if [[ "${DBMESH_CDS:-1}" == "1" && ! ( -f "$archive" && "$archive" -nt "${jars[0]}" ) ]]; then
    echo "priming the class-data-sharing archive ..."
    start_sidecar "$1" "$2"; stop_child "$SIDECAR_PID"; SIDECAR_PID=""
    "$ROOT/bin/dbmesh" --version >/dev/null
    for _ in $(seq 1 120); do [[ -f "$archive" && "$archive" -nt "${jars[0]}" ]] && break; sleep 1; done
  fi
}

# JIT warm-up of the sidecar (not measured): a sidecar runs for days, its first seconds are not
# what users live with. WARMUP seconds (default 10) of point selects, then as long of read_write,
# whose mix (point and range selects, SUM, DISTINCT, ORDER BY, BEGIN/COMMIT, writes) covers the
# code paths of every measured test: with point selects alone, the range selects' and merges' code
# was compiled during the measured read_only run, and the C2 compiler's CPU landed in that run's
# CPU per query (sharded read_only: 116 us in a first run against 70 us in the next two, issue 13).
# WARMUP=0 to skip.
warm_up() { # PORT DATABASE [sysbench options]
  (( ${WARMUP:-10} > 0 )) || return 0
  DURATION="${WARMUP:-10}" sb_run oltp_point_select 127.0.0.1 "$1" "$2" run "${@:3}" >/dev/null 2>&1 || true
  DURATION="${WARMUP:-10}" sb_run oltp_read_write 127.0.0.1 "$1" "$2" run "${@:3}" >/dev/null 2>&1 || true
}

# --- a plain TCP relay: the cost of the extra hop alone -------------------------------------------
# A single-threaded HAProxy in mode tcp copies bytes between client and backend, nothing else: on a
# small box the extra hop (two more loopback round trips and wake-ups per query) costs even a C relay
# something, and measuring one in the same run shows how much of the sidecar's gap is that hop.
# It runs in the foreground as our child with its own config: the Debian haproxy service is not
# needed (and not touched).
start_tcp_relay() { # BACKEND_HOST BACKEND_PORT -> RELAY_PID, RELAY_PORT, once it listens
  RELAY_PORT="$(free_port)"
  cat >"$WORK/haproxy.cfg" <<CFG
global
  nbthread 1
  maxconn 1024
defaults
  mode tcp
  timeout connect 5s
  timeout client 1h
  timeout server 1h
listen relay
  bind 127.0.0.1:$RELAY_PORT
  server backend $1:$2
CFG
  haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
  RELAY_PID=$!
  CHILDREN+=("$RELAY_PID")
  until listening "$RELAY_PORT"; do
    kill -0 "$RELAY_PID" 2>/dev/null || { echo "haproxy failed to start:" >&2; cat "$WORK/haproxy.log" >&2; exit 1; }
    sleep 0.02
  done
}

# --- sysbench and measurements -------------------------------------------------------------------
sb_run() { # sysbench TEST HOST PORT DATABASE COMMAND [extra options]
  local test=$1 host=$2 port=$3 database=$4 cmd=$5; shift 5
  sysbench "$test" --db-driver=mysql --mysql-host="$host" --mysql-port="$port" --mysql-user="$DB_USER" \
    --mysql-password="$DB_PASSWORD" --mysql-db="$database" --mysql-ssl=off --tables="$TABLES" \
    --table-size="$TABLE_SIZE" --threads="$THREADS" --time="$DURATION" --report-interval=0 \
    --percentile=95 --rand-type=uniform "$@" "$cmd"
}

parse() { # sysbench output file -> "qps queries p95"
  awk '/queries:/ && /per sec/ {gsub(/[()]/, "", $3); q=$2; qps=$3}
       /95th percentile:/ {p95=$3}
       END {printf "%s %s %s\n", qps, q, p95}' "$1"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; } # A / B

CLK_TCK="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # PID: user + system time
cpu_us_per_query() { # TICKS QUERIES -> "12.3 us"
  awk -v t="$1" -v hz="$CLK_TCK" -v q="$2" 'BEGIN {printf "%.1f us", t / hz * 1e6 / q}'
}
cpu_us() { awk -v t="$1" -v hz="$CLK_TCK" -v q="$2" 'BEGIN {printf "%.1f", t / hz * 1e6 / q}'; } # TICKS QUERIES -> "12.3"
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
hwm_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; } # peak RSS

# The backend server's own process when it runs on this machine (the mariadbd listening on DB_PORT):
# its CPU per query shows what the path costs the server (text vs binary protocol, extra round trips).
# Empty when it is remote or not ours to read.
backend_pid() {
  [[ "$DB_HOST" == 127.0.0.1 || "$DB_HOST" == localhost ]] || return 0
  ss -Htlnp "sport = :$DB_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2
}

# The statements the backend server has received so far (its Questions counter; empty when it cannot
# be read): their number per client query shows what a path asks of the server (a sharded range
# select is one statement per shard, a transaction a BEGIN and COMMIT per shard it touched).
server_questions() { db -N -e "SHOW GLOBAL STATUS LIKE 'Questions'" 2>/dev/null | awk '{print $2}'; }
# Busy CPU time of the whole machine so far (all cores, user + nice + system + irq + softirq, in
# ticks): per query it is what the whole path costs (client, proxy, server, kernel), the figure a
# CPU-bound run's throughput is inversely proportional to.
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8; exit}' /proc/stat; }

# One measured sysbench run: the run's QPS, query count and p95, the CPU time PID spent per query
# during it (PID empty: no process of ours in the path, CPU "-"), the backend server's (M_DB_CPU_US,
# "-" when backend_pid finds none), the statements the server received per client query (M_DB_STMTS)
# and the whole machine's busy CPU per query (M_ALL_CPU_US). Output of the run in OUT.
measure() { # PID OUT COMMAND... -> M_QPS M_QUERIES M_P95 M_CPU_US M_DB_CPU_US M_DB_STMTS M_ALL_CPU_US; non-zero when the command fails
  local pid=$1 out=$2 before="" after db_pid db_before="" q_before q_after all_before
  shift 2
  db_pid="$(backend_pid)"
  q_before="$(server_questions)"
  all_before="$(machine_ticks)"
  [[ -z "$pid" ]] || before=$(cpu_ticks "$pid")
  [[ -z "$db_pid" ]] || db_before=$(cpu_ticks "$db_pid")
  "$@" >"$out" 2>&1 || return 1
  read -r M_QPS M_QUERIES M_P95 <<<"$(parse "$out")"
  M_CPU_US="-" M_DB_CPU_US="-" M_DB_STMTS="-"
  [[ -z "$pid" ]] || { after=$(cpu_ticks "$pid"); M_CPU_US="$(cpu_us $((after - before)) "$M_QUERIES")"; }
  [[ -z "$db_pid" ]] || { after=$(cpu_ticks "$db_pid"); M_DB_CPU_US="$(cpu_us $((after - db_before)) "$M_QUERIES")"; }
  M_ALL_CPU_US="$(cpu_us $(( $(machine_ticks) - all_before )) "$M_QUERIES")"
  q_after="$(server_questions)"
  if [[ -n "$q_before" && -n "$q_after" ]]; then
    M_DB_STMTS="$(awk -v a="$q_after" -v b="$q_before" -v q="$M_QUERIES" 'BEGIN {printf "%.2f", (a - b - 1) / q}')"
  fi
}

# --- the issue 13 figures: the sidecar against the byte relay of the same run ---------------------
# Each script records per test the relay's and the sidecar's QPS and CPU per query (yardstick_record),
# then prints one summary: dbmesh/relay per workload, sidecar minus relay CPU per point select, the
# sidecar's peak RSS (VmHWM, since its start, so including a load phase) and the load averages.
declare -A Y_RATIO=() Y_CPU_RELAY=() Y_CPU_SIDECAR=()
Y_TESTS=()
yardstick_record() { # TEST RELAY_QPS RELAY_CPU_US SIDECAR_QPS SIDECAR_CPU_US
  Y_TESTS+=("$1")
  Y_RATIO[$1]="$(ratio "$4" "$2")"
  Y_CPU_RELAY[$1]="$3"
  Y_CPU_SIDECAR[$1]="$5"
}
yardstick_summary() { # SIDECAR_PID LOAD_BEFORE -> the summary lines on stdout
  local t line="" diff="n/a (no point select run through both)"
  for t in "${Y_TESTS[@]}"; do line+=" $t ${Y_RATIO[$t]};"; done
  t=oltp_point_select
  if [[ -n "${Y_CPU_RELAY[$t]:-}" ]]; then
    diff="$(awk -v s="${Y_CPU_SIDECAR[$t]}" -v r="${Y_CPU_RELAY[$t]}" 'BEGIN {printf "%+.1f us (sidecar %.1f us, relay %.1f us)", s - r, s, r}')"
  fi
  echo "issue 13 figures (the sidecar against the tcp relay of this run):"
  echo "  dbmesh/relay QPS:${line:- n/a (no relay: haproxy missing or RELAY=0)}"
  echo "  sidecar CPU per point select minus relay's: $diff"
  echo "  sidecar peak RSS (VmHWM, since its start): $(hwm_mb "$1") MB"
  echo "  load average before: $2; after: $(loadavg)"
}

# The relay for the yardstick rows, when RELAY is on and haproxy is installed; else RELAY=0 and a note.
start_relay_if_wanted() { # BACKEND_HOST BACKEND_PORT -> RELAY (0/1), RELAY_NOTE, RELAY_PID/RELAY_PORT
  RELAY_NOTE=""
  [[ "${RELAY:=1}" != 0 ]] || return 0
  if command -v haproxy >/dev/null; then
    start_tcp_relay "$1" "$2"
  else
    RELAY=0
    RELAY_NOTE="tcp relay (haproxy) skipped: haproxy is not installed (apt-get install -y haproxy)"
  fi
}
COMPARE_HEADER="$(printf "%-18s %10s %10s %10s %8s %8s %22s %10s %10s %24s %20s %26s" test direct relay sidecar s/relay s/direct \
  "p95 direct/relay/sc ms" relay_cpu/q sc_cpu/q "server cpu/q d/relay/sc" "server stmts/q r/sc" "machine cpu/q d/relay/sc")"
# One row of the report: TEST directly, through the relay (when on) and through the sidecar, each via
# the script's run_on (direct|relay|sidecar TEST: the sysbench run), printed and appended to REPORT,
# and recorded for the summary. Fails (after printing why) when a run fails.
compare_test() { # TEST
  local test=$1 dq dp ddb dall rq="" rp="-" rcpu="-" rdb="-" rst="-" rall="-" sq sp scpu sdb sst sall
  measure "" "$WORK/$test.direct" run_on direct "$test" || { cat "$WORK/$test.direct" >&2; return 1; }
  dq=$M_QPS dp=$M_P95 ddb=$M_DB_CPU_US dall=$M_ALL_CPU_US
  if [[ "$RELAY" != 0 ]]; then
    measure "$RELAY_PID" "$WORK/$test.relay" run_on relay "$test" \
      || { cat "$WORK/$test.relay" >&2; cat "$WORK/haproxy.log" >&2; return 1; }
    rq=$M_QPS rp=$M_P95 rcpu=$M_CPU_US rdb=$M_DB_CPU_US rst=$M_DB_STMTS rall=$M_ALL_CPU_US
  fi
  measure "$SIDECAR_PID" "$WORK/$test.sidecar" run_on sidecar "$test" \
    || { echo "$test through the sidecar failed:" >&2; tail -20 "$WORK/$test.sidecar" >&2; tail -20 "$WORK/sidecar.log" >&2; return 1; }
  sq=$M_QPS sp=$M_P95 scpu=$M_CPU_US sdb=$M_DB_CPU_US sst=$M_DB_STMTS sall=$M_ALL_CPU_US
  [[ -z "$rq" ]] || yardstick_record "$test" "$rq" "$rcpu" "$sq" "$scpu"
  printf "%-18s %10.0f %10s %10.0f %8s %8s %22s %8s us %8s us %21s us %20s %23s us\n" "$test" "$dq" "${rq:+$(printf %.0f "$rq")}" "$sq" \
    "${rq:+$(ratio "$sq" "$rq")}" "$(ratio "$sq" "$dq")" "$dp / $rp / $sp" "$rcpu" "$scpu" "$ddb / $rdb / $sdb" \
    "$rst / $sst" "$dall / $rall / $sall" | tee -a "$REPORT"
}
