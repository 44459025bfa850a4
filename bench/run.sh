#!/usr/bin/env bash
# The benchmark of SPEC §13, in one command, on loopback:
#   bench/run.sh
# Builds the jar, starts the CDAP simulator alone, an nginx reverse proxy in front of it (auth_basic on {SSHA}
# hashes, limit_req, access log), and the gateway in front of it — on PostgreSQL, then on H2 — and loads each
# with wrk: the same QF consultation, same concurrency levels, several runs, medians. Then: added latency at half
# the gateway's saturation load (open-loop), cached authentication cost (JMH), durable traces/s with and without
# group commit, start-up time, resident memory under load, and a JFR profile of the gateway under load.
# Writes bench/results/<time>/report.md (and bench/results/latest.md).
#
# Settings (environment): BENCH_DURATION (s, default 10), BENCH_RUNS (default 3),
# BENCH_CONNECTIONS (default "8 32 128"), BENCH_SKIP_JMH=1, BENCH_SKIP_TRACES=1.
# Installs wrk, nginx and postgresql from Debian's packages when they are missing (needs root for that).
# The gateway runs with its human-pace limits raised (a load generator is not a human): see GATEWAY_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${BENCH_DURATION:-10}
RUNS=${BENCH_RUNS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-"8 32 128"}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/$STAMP
mkdir -p "$OUT"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SIM_PORT=18091 NGINX_PORT=18088 GW_PORT=18080 GW_MGMT=18081 PG_PORT=15432
PGDATA=/tmp/cdap-bench-pg-$$
PIDS=()

log() { printf '\n== %s\n' "$*" | tee -a "$OUT/run.log"; }

cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  if [ -d "$PGDATA" ]; then pg stop -m fast >/dev/null 2>&1 || true; rm -rf "$PGDATA"; fi
}
trap cleanup EXIT

install_if_missing() { # command package
  if ! command -v "$1" >/dev/null 2>&1; then
    log "installing $2 from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}

wait_for() { # url seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    if curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null | grep -q '^[24]'; then return 0; fi
    sleep 0.1
  done
  echo "timeout waiting for $1" >&2; return 1
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# wrk's latency lines are like "99%  3.21ms": in milliseconds
wrk_ms() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}'; }

load() { # name url lua
  local name=$1 url=$2 lua=$3
  wrk -t2 -c32 -d3s -s "$lua" "$url" >/dev/null # warm-up (JIT, pools, caches)
  for c in $CONNECTIONS; do
    for r in $(seq 1 "$RUNS"); do
      wrk -t2 -c"$c" -d"${DURATION}s" --latency -s "$lua" "$url" > "$OUT/wrk-$name-c$c-r$r.txt"
      local rps p50 p99 errors
      # successful answers per second only: a fast refusal (429, 503) must not count as throughput
      rps=$(awk -v d="$DURATION" '/requests in/ {total=$1} /Non-2xx/ {bad=$5} END {printf "%.1f", (total-bad)/d}' \
        "$OUT/wrk-$name-c$c-r$r.txt")
      p50=$(wrk_ms 50% < "$OUT/wrk-$name-c$c-r$r.txt")
      p99=$(wrk_ms 99% < "$OUT/wrk-$name-c$c-r$r.txt")
      errors=$(awk '/Non-2xx|Socket errors/ {print}' "$OUT/wrk-$name-c$c-r$r.txt" | tr '\n' ' ')
      echo "$name $c $r $rps $p50 $p99 $errors" | tee -a "$OUT/wrk.tsv"
    done
  done
}

med() { # name connections column(4=rps,5=p50,6=p99)
  awk -v n="$1" -v c="$2" -v k="$3" '$1==n && $2==c {print $k}' "$OUT/wrk.tsv" | median
}

pg() { # pg_ctl as the postgres user (PostgreSQL refuses to run as root)
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$PGDATA" "$@"; else "$bin/pg_ctl" -D "$PGDATA" "$@"; fi
}

start_gateway() { # name db-url extra-jvm-args...
  local name=$1 url=$2; shift 2
  local t0; t0=$(date +%s%N)
  CDAP_BASE_URL=http://127.0.0.1:$SIM_PORT DB_URL=$url DB_USER=postgres DB_PASSWORD=postgres GATEWAY_DEMO=true \
    "$JAVA" -Xms256m -Xmx512m "$@" -jar target/cdap-gateway.jar $GATEWAY_ARGS > "$OUT/$name.log" 2>&1 &
  GATEWAY_PID=$!
  PIDS+=("$GATEWAY_PID")
  wait_for "http://127.0.0.1:$GW_MGMT/actuator/health/readiness" 120
  echo $(( ($(date +%s%N) - t0) / 1000000 )) > "$OUT/startup-$name.ms"
  log "$name ready in $(cat "$OUT/startup-$name.ms") ms (process start to readiness UP)"
}

stop_gateway() {
  kill -TERM "$GATEWAY_PID" 2>/dev/null || true
  wait "$GATEWAY_PID" 2>/dev/null || true
}

sample_rss() { # pid file: resident memory every half second while the process lives
  while kill -0 "$1" 2>/dev/null; do ps -o rss= -p "$1" >> "$2" 2>/dev/null || true; sleep 0.5; done
}

# The limits are for humans; a load generator is not one. The run raises them, and says so in the report.
GATEWAY_ARGS="--gateway.api.host=127.0.0.1 --gateway.api.port=$GW_PORT --server.port=$GW_MGMT --server.address=127.0.0.1
 --gateway.throttle.per-user.capacity=100000000 --gateway.throttle.per-user.refill=100000000
 --gateway.throttle.per-convention.capacity=100000000 --gateway.throttle.per-convention.refill=100000000
 --gateway.throttle.per-user-daily=100000000 --gateway.cdap.bulkhead.max-concurrent-calls=1000
 --logging.level.root=WARN"

log "tools"
install_if_missing wrk wrk
install_if_missing nginx nginx
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || install_if_missing initdb postgresql
{ uname -srm; echo "$(nproc) cores"; free -h | awk '/Mem/ {print $2 " RAM"}'; "$JAVA" -version 2>&1 | head -1;
  (wrk --version 2>&1 || true) | head -1; nginx -v 2>&1; ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; } \
  > "$OUT/machine.txt" || true

log "build"
mvn -B -q -DskipTests package

log "simulator alone on $SIM_PORT"
"$JAVA" -Xms128m -Xmx256m -jar target/cdap-gateway.jar simulator --gateway.simulator.port=$SIM_PORT \
  --logging.level.root=WARN > "$OUT/simulator.log" 2>&1 &
PIDS+=("$!")
wait_for "http://127.0.0.1:$SIM_PORT/dossiers/1000042" 60

log "nginx on $NGINX_PORT (auth_basic {SSHA}, limit_req, access log)"
python3 - "$OUT/htpasswd" <<'PY'
import base64, hashlib, os, sys
salt = os.urandom(8)
digest = hashlib.sha1(b"Nginx-Bench-2026!" + salt).digest()
open(sys.argv[1], "w").write("nginx-agent:{SSHA}" + base64.b64encode(digest + salt).decode() + "\n")
PY
sed -e "s#@OUT@#$OUT#g" -e "s#@SIMULATOR_PORT@#$SIM_PORT#g" -e "s#@NGINX_PORT@#$NGINX_PORT#g" \
  bench/nginx.conf.template > "$OUT/nginx.conf"
nginx -c "$OUT/nginx.conf" -p "$OUT" &
PIDS+=("$!")
wait_for "http://127.0.0.1:$NGINX_PORT/dossiers/1000042" 30

log "PostgreSQL on $PG_PORT (durable: fsync and synchronous_commit on)"
mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$BIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
else "$BIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null; fi
pg -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" \
  -l "$PGDATA/server.log" -w start >/dev/null
"$BIN/psql" -q -h 127.0.0.1 -p $PG_PORT -U postgres -c "create database gateway" >/dev/null

log "direct calls to the simulator"
load direct "http://127.0.0.1:$SIM_PORT/dossiers/1000042" bench/direct.lua
log "through nginx"
load nginx "http://127.0.0.1:$NGINX_PORT/dossiers/1000042" bench/nginx.lua

log "gateway on PostgreSQL (JFR profile recorded)"
start_gateway gateway-pg "jdbc:postgresql://127.0.0.1:$PG_PORT/gateway" \
  "-XX:StartFlightRecording=filename=$OUT/gateway-pg.jfr,settings=profile,dumponexit=true"
sample_rss "$GATEWAY_PID" "$OUT/rss-gateway-pg.kb" &
load gateway-pg "http://127.0.0.1:$GW_PORT/api/v1/dossiers/1000042/quotient-familial" bench/gateway.lua

log "added latency at half the gateway's saturation load (open loop)"
BEST=0
for c in $CONNECTIONS; do v=$(med gateway-pg "$c" 4); BEST=$(awk -v a="$BEST" -v b="$v" 'BEGIN {print (b>a?b:a)}'); done
RATE=$(awk -v b="$BEST" 'BEGIN {printf "%d", b/2}')
"$JAVA" bench/RateLoad.java "http://127.0.0.1:$SIM_PORT/dossiers/1000042" "$RATE" "$DURATION" \
  Authorization="Basic Y2RhcC1nYXRld2F5OnNpbXVsYXRldXI=" X-Utilisateur=niort.agent1 X-Convention=79-2017-19 \
  > "$OUT/half-load-direct.txt"
"$JAVA" bench/RateLoad.java "http://127.0.0.1:$GW_PORT/api/v1/dossiers/1000042/quotient-familial" "$RATE" "$DURATION" \
  Authorization="Basic bmlvcnQuYWdlbnQxOkRlbW8tQ2RhcC0yMDI2IQ==" X-Motif=RESTAURATION_SCOLAIRE \
  > "$OUT/half-load-gateway.txt"
stop_gateway

log "gateway on H2"
start_gateway gateway-h2 "jdbc:h2:file:$OUT/h2/gateway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
sample_rss "$GATEWAY_PID" "$OUT/rss-gateway-h2.kb" &
load gateway-h2 "http://127.0.0.1:$GW_PORT/api/v1/dossiers/1000042/quotient-familial" bench/gateway.lua
stop_gateway

log "profile: where the gateway's time goes"
JFR_TOOL=""
for j in /usr/lib/jvm/temurin-25*/bin/jfr; do [ -x "$j" ] && JFR_TOOL=$j; done
if [ -n "$JFR_TOOL" ]; then
  "$JFR_TOOL" view --width 160 hot-methods "$OUT/gateway-pg.jfr" > "$OUT/profile-hot-methods.txt" 2>&1 || true
else
  jfr print --events jdk.ExecutionSample "$OUT/gateway-pg.jfr" | awk '/at / {print $2; getline}' | sort | uniq -c \
    | sort -rn | head -40 > "$OUT/profile-hot-methods.txt" || true
fi

if [ -z "${BENCH_SKIP_JMH:-}" ]; then
  log "cached authentication (JMH)"
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
  "$JAVA" -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" org.openjdk.jmh.Main \
    CredentialCheckBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -bm avgt -tu us > "$OUT/jmh.txt" 2>&1 || true
fi

if [ -z "${BENCH_SKIP_TRACES:-}" ]; then
  log "durable traces per second, with and without group commit (PostgreSQL, fsync on)"
  mvn -B -q verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=TraceThroughputIT >/dev/null 2>&1 || true
  cp target/trace-throughput.txt "$OUT/" 2>/dev/null || true
fi

log "report"
{
  echo "# Benchmark run $STAMP"
  echo
  echo "Machine: $(tr '\n' ';' < "$OUT/machine.txt")"
  echo "wrk -t2, ${DURATION}s per run, $RUNS runs per point, medians of successful answers per second (non-2xx excluded)."
  echo "The gateway's per-user, per-day and per-convention limits and its backend bulkhead were raised for the run (a load"
  echo "generator is not a human, and 128 connections exceed the default bulkhead); everything else is the default configuration."
  echo
  echo "## Throughput (requests/s, median) and ratios"
  echo
  echo "| connections | direct | nginx | gateway (PostgreSQL) | gateway (H2) | gateway-pg / direct | gateway-pg / nginx | gateway-h2 / direct | gateway-h2 / nginx |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for c in $CONNECTIONS; do
    d=$(med direct "$c" 4); n=$(med nginx "$c" 4); gp=$(med gateway-pg "$c" 4); gh=$(med gateway-h2 "$c" 4)
    awk -v c="$c" -v d="$d" -v n="$n" -v gp="$gp" -v gh="$gh" \
      'BEGIN {printf "| %s | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f |\n", c, d, n, gp, gh, gp/d, gp/n, gh/d, gh/n}'
  done
  echo
  echo "## Latency under closed-loop load (ms, median of runs: p50 / p99)"
  echo
  echo "| connections | direct | nginx | gateway (PostgreSQL) | gateway (H2) |"
  echo "|---|---|---|---|---|"
  for c in $CONNECTIONS; do
    echo "| $c | $(med direct "$c" 5) / $(med direct "$c" 6) | $(med nginx "$c" 5) / $(med nginx "$c" 6) | $(med gateway-pg "$c" 5) / $(med gateway-pg "$c" 6) | $(med gateway-h2 "$c" 5) / $(med gateway-h2 "$c" 6) |"
  done
  echo
  echo "## Added latency at half the gateway's saturation load ($RATE requests/s, open loop, ${DURATION}s)"
  echo
  echo "| target | sent | ok | errors | p50 ms | p90 ms | p99 ms | p99.9 ms |"
  echo "|---|---|---|---|---|---|---|---|"
  echo "| direct | $(tr ' ' '|' < "$OUT/half-load-direct.txt" | sed 's/|/ | /g') |"
  echo "| gateway (PostgreSQL) | $(tr ' ' '|' < "$OUT/half-load-gateway.txt" | sed 's/|/ | /g') |"
  read -r _ _ _ d50 _ d99 _ < "$OUT/half-load-direct.txt"
  read -r _ _ _ g50 _ g99 _ < "$OUT/half-load-gateway.txt"
  awk -v d50="$d50" -v d99="$d99" -v g50="$g50" -v g99="$g99" \
    'BEGIN {printf "\nAdded by the gateway: p50 %.2f ms, p99 %.2f ms.\n", g50-d50, g99-d99}'
  echo
  echo "## Start-up, memory"
  echo
  echo "- start-up to readiness UP (process start, wall clock): PostgreSQL $(cat "$OUT/startup-gateway-pg.ms") ms, H2 $(cat "$OUT/startup-gateway-h2.ms") ms"
  echo "- resident memory under load (max): PostgreSQL $(sort -n "$OUT/rss-gateway-pg.kb" | tail -1 | awk '{printf "%.0f MB", $1/1024}'), H2 $(sort -n "$OUT/rss-gateway-h2.kb" | tail -1 | awk '{printf "%.0f MB", $1/1024}')"
  echo
  echo "## Cached authentication (JMH, average time)"
  echo
  echo '```'
  grep -E "^Benchmark|CredentialCheckBenchmark\." "$OUT/jmh.txt" 2>/dev/null || echo "(skipped)"
  echo '```'
  echo
  echo "## Durable traces per second"
  echo
  cat "$OUT/trace-throughput.txt" 2>/dev/null || echo "(skipped)"
  echo
  echo "## Where the gateway's time goes (JFR, hot methods, gateway on PostgreSQL under load)"
  echo
  echo '```'
  head -40 "$OUT/profile-hot-methods.txt"
  echo '```'
} > "$OUT/report.md"
cp "$OUT/report.md" "$ROOT/bench/results/latest.md"
cat "$OUT/report.md"
