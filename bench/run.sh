#!/usr/bin/env bash
# The benchmark of SPEC §13, in one command, on loopback:
#   bench/run.sh
# Builds the jar, starts the CDAP simulator alone, an nginx reverse proxy in front of it (auth_basic on {SSHA}
# hashes, limit_req, access log), the engine floor (bench/peers/camel-floor: a bare Camel REST route on the
# gateway's netty-http forwarding with camel-http, no logic), Spring Cloud Gateway (bench/peers/spring-cloud-gateway:
# HTTP Basic on salted SHA-256, a rate limiter, an access log), and two gateways in front of it — one on
# PostgreSQL, one on H2 — and loads each with wrk: the same QF consultation, same concurrency levels, several runs, medians. The four targets are
# loaded in turn within each round (not one after the other for the whole run), so that the machine's drift
# weighs on all of them alike. During each load the CPU time of every process (wrk, simulator, nginx, gateway,
# PostgreSQL) is counted: the report gives the CPU cost of one answered request, per process.
# Then: added latency at half the gateway's saturation load (open-loop), cached authentication cost (JMH),
# durable traces/s with and without group commit, start-up time, resident memory under load, and a CPU profile
# of the gateway under load (async-profiler from Maven Central, or JFR when it is not available).
# The gateways run as the container runs them: extracted jar, class-data-sharing archive, JVM options of the
# Dockerfile (GATEWAY_JVM below).
# Writes bench/results/<time>/report.md (and bench/results/latest.md).
#
# Settings (environment): BENCH_DURATION (s, default 10), BENCH_RUNS (default 3),
# BENCH_CONNECTIONS (default "8 32 128"), BENCH_SKIP_JMH=1, BENCH_SKIP_TRACES=1, BENCH_SKIP_H2=1 (the gateway on
# PostgreSQL only), BENCH_RATE (the open-loop rate of the added-latency target, default 200 requests/s).
# Installs wrk, nginx, postgresql, time, python3 and unzip from Debian's packages when they are missing (needs
# root for that); async-profiler comes from Maven Central.
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
SIM_PORT=18091 NGINX_PORT=18088 PG_PORT=15432 FLOOR_PORT=18087 SCG_PORT=18089
TARGET_RATE=${BENCH_RATE:-200}
declare -A API_PORT=([gateway-pg]=18080 [gateway-h2]=18082) MGMT_PORT=([gateway-pg]=18081 [gateway-h2]=18083)
declare -A CONSOLE_PORT=([gateway-pg]=18084 [gateway-h2]=18085)
declare -A PID_OF
# The JVM options and malloc setting of the Dockerfile's ENTRYPOINT and ENV (keep the two in step).
GATEWAY_JVM="-XX:+UseSerialGC -Xms160m -Xmx160m -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
export MALLOC_ARENA_MAX=2
APP=$OUT/app
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

ticks() { # CPU ticks (user+system) of the given processes, summed
  local sum=0 pid
  for pid in "$@"; do [ -r "/proc/$pid/stat" ] && sum=$(( sum + $(awk '{print $14+$15}' "/proc/$pid/stat" 2>/dev/null || echo 0) )); done
  echo "$sum"
}
proc_ticks() { local v=${1#*:}; ticks ${v//,/ }; } # name:pid,pid,...
machine_ticks() { awk '/^cpu / {print $2+$3+$4+$7+$8}' /proc/stat; }

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# wrk's latency lines are like "99%  3.21ms": in milliseconds
wrk_ms() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}'; }

run_wrk() { # name url lua connections run: one measured load, with the CPU time of every process
  local name=$1 url=$2 lua=$3 c=$4 r=$5 f="$OUT/wrk-$1-c$4-r$5.txt"
  local procs="sim:${PID_OF[simulator]} nginx:$(pgrep -d, -x nginx || true) pg:$(pgrep -d, -x postgres || true)"
  case $name in gateway-*|floor|scg) procs="$procs gw:${PID_OF[$name]}";; esac
  local before=() after=() p
  for p in $procs; do before+=("$(proc_ticks "$p")"); done
  local m0; m0=$(machine_ticks)
  /usr/bin/time -f "%U %S" -o "$f.time" wrk -t2 -c"$c" -d"${DURATION}s" --latency -s "$lua" "$url" > "$f"
  local m1; m1=$(machine_ticks)
  for p in $procs; do after+=("$(proc_ticks "$p")"); done
  local rps p50 p99 ok errors cpu="" i=0 hz; hz=$(getconf CLK_TCK)
  # successful answers only: a fast refusal (429, 503) must not count as throughput
  ok=$(awk '/requests in/ {total=$1} /Non-2xx/ {bad=$5} END {print total-bad}' "$f")
  rps=$(awk -v ok="$ok" -v d="$DURATION" 'BEGIN {printf "%.1f", ok/d}')
  p50=$(wrk_ms 50% < "$f"); p99=$(wrk_ms 99% < "$f")
  # CPU microseconds per successful answer: wrk, then each process, then the whole machine
  cpu="wrk=$(awk -v ok="$ok" '{printf "%.0f", ($1+$2)*1e6/ok}' "$f.time")"
  for p in $procs; do
    cpu="$cpu ${p%%:*}=$(awk -v a="${before[$i]}" -v b="${after[$i]}" -v ok="$ok" -v hz="$hz" 'BEGIN {printf "%.0f", (b-a)*1e6/hz/ok}')"
    i=$((i + 1))
  done
  cpu="$cpu all=$(awk -v a="$m0" -v b="$m1" -v ok="$ok" -v hz="$hz" 'BEGIN {printf "%.0f", (b-a)*1e6/hz/ok}')"
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$f" | tr '\n' ' ')
  echo "$name $c $r $rps $p50 $p99 $cpu $errors" | tee -a "$OUT/wrk.tsv"
}

med() { # name connections column(4=rps,5=p50,6=p99)
  awk -v n="$1" -v c="$2" -v k="$3" '$1==n && $2==c {print $k}' "$OUT/wrk.tsv" | median
}

cpu_med() { # name connections process: median CPU microseconds per answer of that process
  awk -v n="$1" -v c="$2" -v p="$3" '$1==n && $2==c {for (i=7; i<=NF; i++) if (index($i, p "=")==1) print substr($i, length(p)+2)}' \
    "$OUT/wrk.tsv" | median
}

pg() { # pg_ctl as the postgres user (PostgreSQL refuses to run as root)
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$PGDATA" "$@"; else "$bin/pg_ctl" -D "$PGDATA" "$@"; fi
}

start_gateway() { # name db-url
  local name=$1 url=$2
  local t0; t0=$(date +%s%N)
  (cd "$APP" && CDAP_BASE_URL=http://127.0.0.1:$SIM_PORT DB_URL=$url DB_USER=postgres DB_PASSWORD=postgres \
    GATEWAY_DEMO=true exec "$JAVA" $GATEWAY_JVM -XX:SharedArchiveFile=app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar cdap-gateway.jar --gateway.api.port="${API_PORT[$name]}" --management.server.port="${MGMT_PORT[$name]}" \
    --server.port="${CONSOLE_PORT[$name]}" \
    --gateway.trace.instance="$name" $GATEWAY_ARGS) > "$OUT/$name.log" 2>&1 &
  PID_OF[$name]=$!
  PIDS+=("$!")
  wait_for "http://127.0.0.1:${MGMT_PORT[$name]}/actuator/health/readiness" 120
  echo $(( ($(date +%s%N) - t0) / 1000000 )) > "$OUT/startup-$name.ms"
  log "$name ready in $(cat "$OUT/startup-$name.ms") ms (process start to readiness UP)"
  sample_rss "${PID_OF[$name]}" "$OUT/rss-$name.kb" &
}

sample_rss() { # pid file: resident memory every half second while the process lives
  while kill -0 "$1" 2>/dev/null; do ps -o rss= -p "$1" >> "$2" 2>/dev/null || true; sleep 0.5; done
}

# The limits are for humans; a load generator is not one. The run raises them, and says so in the report.
GATEWAY_ARGS="--gateway.api.host=127.0.0.1 --server.address=127.0.0.1 --management.server.address=127.0.0.1
 --gateway.throttle.per-user.capacity=100000000 --gateway.throttle.per-user.refill=100000000
 --gateway.throttle.per-convention.capacity=100000000 --gateway.throttle.per-convention.refill=100000000
 --gateway.throttle.per-user-daily=100000000 --gateway.cdap.bulkhead.max-concurrent-calls=1000
 --logging.level.root=WARN"

log "tools"
install_if_missing wrk wrk
install_if_missing nginx nginx
install_if_missing /usr/bin/time time
install_if_missing python3 python3
install_if_missing unzip unzip
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || install_if_missing initdb postgresql
{ uname -srm; echo "$(nproc) cores"; free -h | awk '/Mem/ {print $2 " RAM"}'; "$JAVA" -version 2>&1 | head -1;
  (wrk --version 2>&1 || true) | head -1; nginx -v 2>&1; ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; } \
  > "$OUT/machine.txt" || true

log "build; extracted jar and class-data-sharing archive, as in the container"
mvn -B -q -DskipTests package
"$JAVA" -Djarmode=tools -jar target/cdap-gateway.jar extract --destination "$APP" >/dev/null
cp -r config routes "$APP/"
# training run: the classes loaded up to a refreshed context go into app.jsa (the Dockerfile does the same)
(cd "$APP" && "$JAVA" -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh -jar cdap-gateway.jar \
  --spring.datasource.url="jdbc:h2:mem:cds;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  --gateway.demo=false --gateway.api.port=18090 --server.port=18089 --management.server.port=18088 \
  --gateway.simulator.port=18092 \
  --logging.level.root=WARN) > "$OUT/cds-training.log" 2>&1 || true

log "simulator alone on $SIM_PORT"
(cd "$APP" && exec "$JAVA" -Xms128m -Xmx256m -XX:SharedArchiveFile=app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar cdap-gateway.jar simulator --gateway.simulator.port=$SIM_PORT --logging.level.root=WARN) > "$OUT/simulator.log" 2>&1 &
PID_OF[simulator]=$!
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

# The two peers: built here (not part of the product's build), run with the gateway's JVM options.
log "peers: the engine floor on $FLOOR_PORT, Spring Cloud Gateway on $SCG_PORT"
for peer in camel-floor spring-cloud-gateway; do mvn -B -q -DskipTests -f "bench/peers/$peer/pom.xml" package; done
# each from its own directory: Spring Boot would read the gateway's ./config/application.yml from this one
(cd bench/peers/camel-floor && CDAP_BASE_URL=http://127.0.0.1:$SIM_PORT FLOOR_PORT=$FLOOR_PORT \
  exec "$JAVA" $GATEWAY_JVM -jar target/camel-floor.jar) > "$OUT/floor.log" 2>&1 &
PID_OF[floor]=$!
PIDS+=("$!")
sample_rss "${PID_OF[floor]}" "$OUT/rss-floor.kb" &
(cd bench/peers/spring-cloud-gateway && CDAP_BASE_URL=http://127.0.0.1:$SIM_PORT PEER_PORT=$SCG_PORT \
  PEER_ACCESS_LOG=$OUT/scg-access.log exec "$JAVA" $GATEWAY_JVM -Dreactor.netty.http.server.accessLogEnabled=true \
  -jar target/spring-cloud-gateway.jar) > "$OUT/scg.log" 2>&1 &
PID_OF[scg]=$!
PIDS+=("$!")
sample_rss "${PID_OF[scg]}" "$OUT/rss-scg.kb" &
wait_for "http://127.0.0.1:$FLOOR_PORT/api/v1/dossiers/1000042/quotient-familial" 60
wait_for "http://127.0.0.1:$SCG_PORT/actuator" 60 || true

log "PostgreSQL on $PG_PORT (durable: fsync and synchronous_commit on)"
mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$BIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
else "$BIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null; fi
pg -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" \
  -l "$PGDATA/server.log" -w start >/dev/null
"$BIN/psql" -q -h 127.0.0.1 -p $PG_PORT -U postgres -c "create database gateway" >/dev/null

log "gateways: on PostgreSQL, then on H2 (each started alone, for its start-up time)"
start_gateway gateway-pg "jdbc:postgresql://127.0.0.1:$PG_PORT/gateway"
[ -n "${BENCH_SKIP_H2:-}" ] || start_gateway gateway-h2 "jdbc:h2:file:$OUT/h2/gateway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"

declare -A URL_OF=([direct]="http://127.0.0.1:$SIM_PORT/dossiers/1000042" [nginx]="http://127.0.0.1:$NGINX_PORT/dossiers/1000042"
  [gateway-pg]="http://127.0.0.1:${API_PORT[gateway-pg]}/api/v1/dossiers/1000042/quotient-familial"
  [gateway-h2]="http://127.0.0.1:${API_PORT[gateway-h2]}/api/v1/dossiers/1000042/quotient-familial"
  [floor]="http://127.0.0.1:$FLOOR_PORT/api/v1/dossiers/1000042/quotient-familial"
  [scg]="http://127.0.0.1:$SCG_PORT/api/v1/dossiers/1000042/quotient-familial")
declare -A LUA_OF=([direct]=bench/direct.lua [nginx]=bench/nginx.lua [gateway-pg]=bench/gateway.lua [gateway-h2]=bench/gateway.lua
  [floor]=bench/direct.lua [scg]=bench/gateway.lua)
TARGETS="direct nginx floor scg gateway-pg gateway-h2"
[ -z "${BENCH_SKIP_H2:-}" ] || TARGETS="direct nginx floor scg gateway-pg"
GATEWAYS="gateway-pg gateway-h2"
[ -z "${BENCH_SKIP_H2:-}" ] || GATEWAYS="gateway-pg"

# The JVMs' JIT keeps compiling for minutes under this load: after 30 s the CPU per answer of the floor and of the
# gateway alike still fell by a third from one round to the next. Each JVM gets the same warm-up, long enough for
# the rounds to measure the steady state the targets are about.
WARMUP=${BENCH_WARMUP:-90}
log "warm-up (JIT, pools, caches): 5 s direct and nginx, $WARMUP s each JVM"
for t in $TARGETS; do
  case $t in direct|nginx) w=5;; *) w=$WARMUP;; esac
  wrk -t2 -c32 -d${w}s -s "${LUA_OF[$t]}" "${URL_OF[$t]}" > "$OUT/warmup-$t.txt"
done

log "load: $RUNS rounds; in each, every concurrency level, every target in turn"
for r in $(seq 1 "$RUNS"); do
  for c in $CONNECTIONS; do
    for t in $TARGETS; do run_wrk "$t" "${URL_OF[$t]}" "${LUA_OF[$t]}" "$c" "$r"; done
  done
done

log "added latency at half the gateway's saturation load (open loop)"
BEST=0
for c in $CONNECTIONS; do v=$(med gateway-pg "$c" 4); BEST=$(awk -v a="$BEST" -v b="$v" 'BEGIN {print (b>a?b:a)}'); done
RATE=$(awk -v b="$BEST" 'BEGIN {printf "%d", b/2}')
"$JAVA" bench/RateLoad.java "${URL_OF[direct]}" "$RATE" "$DURATION" \
  Authorization="Basic Y2RhcC1nYXRld2F5OnNpbXVsYXRldXI=" X-Utilisateur=niort.agent1 X-Convention=79-2017-19 X-Profil=T2 \
  > "$OUT/half-load-direct.txt"
"$JAVA" bench/RateLoad.java "${URL_OF[gateway-pg]}" "$RATE" "$DURATION" \
  Authorization="Basic bmlvcnQuYWdlbnQxOkRlbW8tQ2RhcC0yMDI2IQ==" X-Motif=RESTAURATION_SCOLAIRE \
  > "$OUT/half-load-gateway.txt"

log "added latency at $TARGET_RATE requests/s (open loop): the simulator alone, the floor, the gateway"
"$JAVA" bench/RateLoad.java "${URL_OF[direct]}" "$TARGET_RATE" "$DURATION" \
  Authorization="Basic Y2RhcC1nYXRld2F5OnNpbXVsYXRldXI=" X-Utilisateur=niort.agent1 X-Convention=79-2017-19 X-Profil=T2 \
  > "$OUT/rate-load-direct.txt"
"$JAVA" bench/RateLoad.java "${URL_OF[floor]}" "$TARGET_RATE" "$DURATION" \
  Authorization="Basic Y2RhcC1nYXRld2F5OnNpbXVsYXRldXI=" X-Utilisateur=niort.agent1 X-Convention=79-2017-19 X-Profil=T2 \
  > "$OUT/rate-load-floor.txt"
"$JAVA" bench/RateLoad.java "${URL_OF[gateway-pg]}" "$TARGET_RATE" "$DURATION" \
  Authorization="Basic bmlvcnQuYWdlbnQxOkRlbW8tQ2RhcC0yMDI2IQ==" X-Motif=RESTAURATION_SCOLAIRE \
  > "$OUT/rate-load-gateway.txt"

# resident memory under load: what was sampled up to here (the profiler's own buffers come next)
for t in $GATEWAYS floor scg; do cp "$OUT/rss-$t.kb" "$OUT/rss-$t.load.kb"; done

log "profile: where the gateway's time goes (gateway on PostgreSQL, 32 connections)"
PROFILER=""
if mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1 >/dev/null 2>&1; then
  mkdir -p "$OUT/async-profiler"
  (cd "$OUT/async-profiler" && unzip -q -o ~/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar 'linux-x64/*')
  PROFILER=$OUT/async-profiler/linux-x64/libasyncProfiler.so
fi
if [ -n "$PROFILER" ]; then
  # jcmd's argument parser would split "a=b" options: the option string is quoted once more
  jcmd "${PID_OF[gateway-pg]}" JVMTI.agent_load "$PROFILER" "\"start,event=cpu,interval=1ms\"" >/dev/null
  wrk -t2 -c32 -d"${DURATION}s" -s bench/gateway.lua "${URL_OF[gateway-pg]}" > "$OUT/wrk-profile.txt"
  jcmd "${PID_OF[gateway-pg]}" JVMTI.agent_load "$PROFILER" "\"stop,file=$OUT/profile.collapsed,collapsed\"" >/dev/null
  PROFILED=$(awk '/requests in/ {print $1}' "$OUT/wrk-profile.txt")
  python3 bench/profile-summary.py "$OUT/profile.collapsed" "$PROFILED" > "$OUT/profile.txt" || true
else
  jcmd "${PID_OF[gateway-pg]}" JFR.start name=bench settings=profile filename="$OUT/gateway-pg.jfr" >/dev/null
  wrk -t2 -c32 -d"${DURATION}s" -s bench/gateway.lua "${URL_OF[gateway-pg]}" > "$OUT/wrk-profile.txt"
  jcmd "${PID_OF[gateway-pg]}" JFR.stop name=bench >/dev/null
  jfr print --events jdk.ExecutionSample "$OUT/gateway-pg.jfr" | awk '/at / {print $2; getline}' | sort | uniq -c \
    | sort -rn | head -40 > "$OUT/profile.txt" || true
fi

for t in $GATEWAYS; do kill -TERM "${PID_OF[$t]}" 2>/dev/null || true; wait "${PID_OF[$t]}" 2>/dev/null || true; done

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
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
{
  echo "# Benchmark run $STAMP"
  echo
  echo "Machine: $(tr '\n' ';' < "$OUT/machine.txt")"
  echo "wrk -t2, ${DURATION}s per run, $RUNS rounds (each round loads every target in turn at every level), medians of"
  echo "successful answers per second (non-2xx excluded). The gateways run as in the container (extracted jar, CDS archive,"
  echo "\`$GATEWAY_JVM\`). Their per-user, per-day and per-convention limits and their backend bulkhead were raised"
  echo "for the run (a load generator is not a human; 128 connections exceed the default bulkhead); with limits that large"
  echo "each instance consumes up to 1 % of a shared bucket locally between synchronisations (gateway.throttle.cluster)."
  echo
  rss_mb() { sort -n "$OUT/rss-$1.load.kb" 2>/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'; }
  echo "## Issue 25's targets (32 connections, medians; gateway on PostgreSQL)"
  echo
  GC=32; case " $CONNECTIONS " in *" 32 "*) ;; *) GC=${CONNECTIONS%% *};; esac
  gcpu=$(cpu_med gateway-pg "$GC" gw); fcpu=$(cpu_med floor "$GC" gw); scpu=$(cpu_med scg "$GC" gw)
  grps=$(med gateway-pg "$GC" 4); frps=$(med floor "$GC" 4); srps=$(med scg "$GC" 4)
  read -r _ _ _ _ _ rd99 _ < "$OUT/rate-load-direct.txt"; read -r _ _ _ _ _ rg99 _ < "$OUT/rate-load-gateway.txt"
  read -r _ _ _ _ _ rf99 _ < "$OUT/rate-load-floor.txt"
  grss=$(rss_mb gateway-pg); frss=$(rss_mb floor); srss=$(rss_mb scg)
  echo "| measure | gateway | floor | Spring Cloud Gateway | ratio to floor | ratio to SCG | target |"
  echo "|---|---|---|---|---|---|---|"
  echo "| CPU per answer ($GC connections, µs, gateway JVM) | $gcpu | $fcpu | $scpu | $(ratio "$gcpu" "$fcpu") | $(ratio "$gcpu" "$scpu") | ≤ 1.6 × floor, ≤ 0.6 × SCG |"
  echo "| answers/s ($GC connections) | ${grps%.*} | ${frps%.*} | ${srps%.*} | $(ratio "$grps" "$frps") | $(ratio "$grps" "$srps") | ≥ 0.6 × floor, ≥ 1.3 × SCG |"
  awk -v g="$rg99" -v f="$rf99" -v d="$rd99" -v r="$TARGET_RATE" 'BEGIN {printf "| added p99 at %d requests/s, open loop (ms, over the simulator alone) | %.2f | %.2f | | | | ≤ 3 ms |\n", r, g-d, f-d}'
  echo "| resident memory under load (MB, max) | $grss | $frss | $srss | floor + $(( grss - frss )) MB | | ≤ floor + 120 MB |"
  echo
  echo "## Throughput (answers/s, median) and ratios"
  echo
  echo "floor: a bare Camel REST route on netty-http forwarding with camel-http (the gateway's engine, no logic);"
  echo "scg: Spring Cloud Gateway with HTTP Basic (salted SHA-256), a per-user rate limiter and an access log."
  echo
  echo "| connections | direct | nginx | floor | scg | gateway (PostgreSQL) | gateway (H2) | gateway-pg / direct | gateway-pg / nginx | gateway-pg / floor | gateway-pg / scg | gateway-h2 / nginx |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for c in $CONNECTIONS; do
    d=$(med direct "$c" 4); n=$(med nginx "$c" 4); gp=$(med gateway-pg "$c" 4); gh=$(med gateway-h2 "$c" 4)
    fl=$(med floor "$c" 4); sc=$(med scg "$c" 4)
    echo "| $c | ${d%.*} | ${n%.*} | ${fl%.*} | ${sc%.*} | ${gp%.*} | ${gh%.*} | $(ratio "$gp" "$d") | $(ratio "$gp" "$n") | $(ratio "$gp" "$fl") | $(ratio "$gp" "$sc") | $(ratio "$gh" "$n") |"
  done
  echo
  echo "## Latency under closed-loop load (ms, median of runs: p50 / p99)"
  echo
  echo "| connections | direct | nginx | floor | scg | gateway (PostgreSQL) | gateway (H2) |"
  echo "|---|---|---|---|---|---|---|"
  for c in $CONNECTIONS; do
    echo "| $c | $(med direct "$c" 5) / $(med direct "$c" 6) | $(med nginx "$c" 5) / $(med nginx "$c" 6) | $(med floor "$c" 5) / $(med floor "$c" 6) | $(med scg "$c" 5) / $(med scg "$c" 6) | $(med gateway-pg "$c" 5) / $(med gateway-pg "$c" 6) | $(med gateway-h2 "$c" 5) / $(med gateway-h2 "$c" 6) |"
  done
  echo
  echo "## CPU cost of one answered request (microseconds of CPU, median of runs, by process)"
  echo
  echo "Two cores give 2,000,000 µs of CPU a second: a target's throughput is at most that divided by its total."
  echo
  echo "(\"gateway\" is the JVM in front of the simulator: the floor's, Spring Cloud Gateway's or the gateway's.)"
  echo
  echo "| connections | target | wrk | simulator | nginx | gateway | PostgreSQL | whole machine |"
  echo "|---|---|---|---|---|---|---|---|"
  for c in $CONNECTIONS; do
    for t in $TARGETS; do
      echo "| $c | $t | $(cpu_med "$t" "$c" wrk) | $(cpu_med "$t" "$c" sim) | $(cpu_med "$t" "$c" nginx) | $(cpu_med "$t" "$c" gw) | $(cpu_med "$t" "$c" pg) | $(cpu_med "$t" "$c" all) |"
    done
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
  echo "- start-up to readiness UP (process start, wall clock): PostgreSQL $(cat "$OUT/startup-gateway-pg.ms") ms, H2 $(cat "$OUT/startup-gateway-h2.ms" 2>/dev/null || echo "(not run)") ms"
  echo "- resident memory under load (max over the warm-up, the load rounds and the half-load run; not the profiled minute): PostgreSQL $(rss_mb gateway-pg) MB, H2 $(rss_mb gateway-h2) MB, floor $(rss_mb floor) MB, Spring Cloud Gateway $(rss_mb scg) MB"
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
  echo "## Where the gateway's time goes (CPU profile, gateway on PostgreSQL, 32 connections)"
  echo
  echo '```'
  head -60 "$OUT/profile.txt"
  echo '```'
} > "$OUT/report.md"
cp "$OUT/report.md" "$ROOT/bench/results/latest.md"
cat "$OUT/report.md"
