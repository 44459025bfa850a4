#!/usr/bin/env bash
# The engine floor on the two fast REST engines of Camel, in the same interleaved rounds (issue 13):
#   bench/floors.sh
# netty-http (the gateway's engine) and platform-http on Vert.x, both bench/peers/camel-floor: a bare REST route forwarding the QF request to the simulator with camel-http,
# no logic. Prints, for each engine and round at 32 connections: answers/s, CPU per answer of the floor's JVM and
# of the simulator (µs), resident memory and threads. The JVMs run with the gateway's options (bench/run.sh).
# Settings: FLOORS_ROUNDS (default 3), FLOORS_SECONDS (default 15).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${FLOORS_ROUNDS:-3}
SECONDS_PER_RUN=${FLOORS_SECONDS:-15}
export MALLOC_ARENA_MAX=2
JVM="-XX:+UseSerialGC -Xms160m -Xmx160m -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT

mvn -B -q -DskipTests package
mvn -B -q -DskipTests -f bench/peers/camel-floor/pom.xml package
java -Xms128m -Xmx256m -jar target/cdap-gateway.jar simulator --gateway.simulator.port=18091 \
  --logging.level.root=WARN > /dev/null 2>&1 &
SIM=$!; PIDS+=("$SIM")
# each from its own directory: Spring Boot would read the gateway's ./config/application.yml from this one
(cd bench/peers/camel-floor && CDAP_BASE_URL=http://127.0.0.1:18091 FLOOR_PORT=18087 \
  exec java $JVM -jar target/camel-floor.jar) > /dev/null 2>&1 &
NETTY=$!; PIDS+=("$NETTY")
(cd bench/peers/camel-floor && CDAP_BASE_URL=http://127.0.0.1:18091 FLOOR_PORT=18097 \
  exec java $JVM -jar target/camel-floor.jar --floor.engine=vertx --camel.rest.component=platform-http) \
  > /dev/null 2>&1 &
VERTX=$!; PIDS+=("$VERTX")
for url in http://127.0.0.1:18091/dossiers/1000042 http://127.0.0.1:18087/api/v1/dossiers/1000042/quotient-familial \
           http://127.0.0.1:18097/api/v1/dossiers/1000042/quotient-familial; do
  for _ in $(seq 1 240); do curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null | grep -q '^[24]' && break; sleep 0.5; done
done

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
load() { # name pid port seconds
  local t0 t1 s0 s1 ok out
  out=$(mktemp)
  t0=$(ticks "$2"); s0=$(ticks "$SIM")
  wrk -t2 -c32 -d"$4"s -s bench/direct.lua "http://127.0.0.1:$3/api/v1/dossiers/1000042/quotient-familial" > "$out"
  t1=$(ticks "$2"); s1=$(ticks "$SIM")
  ok=$(awk '/requests in/ {total=$1} /Non-2xx/ {bad=$5} END {print total-bad}' "$out")
  rm -f "$out"
  local hz; hz=$(getconf CLK_TCK)
  echo "$1 answers/s=$(( ok / $4 )) floor_us=$(( (t1 - t0) * 1000000 / hz / ok )) simulator_us=$(( (s1 - s0) * 1000000 / hz / ok )) rss_mb=$(( $(ps -o rss= -p "$2") / 1024 )) threads=$(ls "/proc/$2/task" | wc -l)"
}
# warm-up: the JIT settles after about a minute of load on two cores
for w in 45 30; do load netty "$NETTY" 18087 "$w" > /dev/null; load vertx "$VERTX" 18097 "$w" > /dev/null; done
for _ in $(seq 1 "$ROUNDS"); do
  load netty-http "$NETTY" 18087 "$SECONDS_PER_RUN"
  load platform-http-vertx "$VERTX" 18097 "$SECONDS_PER_RUN"
done
