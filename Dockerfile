# syntax=docker/dockerfile:1
# cdap-gateway: multi-stage build, JRE-only runtime, non-root, layered jar (dependencies change less often),
# class-data-sharing archive from a training run (start-up: see docs/benchmarks.md).
# Build: docker build -t cdap-gateway .
# Run (production): docker run -e DB_URL=jdbc:postgresql://db:5432/gateway -e DB_USER=... -e DB_PASSWORD=... \
#     -e CDAP_BASE_URL=https://cdap.example -e CDAP_SERVICE_LOGIN=... -e CDAP_SERVICE_PASSWORD=... \
#     -e GATEWAY_TRACE_KEY="$(openssl rand -base64 32)" \
#     -e GATEWAY_TLS_CERTIFICATE=/tls/fullchain.pem -e GATEWAY_TLS_PRIVATE_KEY=/tls/key.pem -v /etc/cdap-tls:/tls:ro \
#     -p 8443:8080 -p 8082:8082 -p 8081:8081 cdap-gateway
#   8080: the API; 8082: the web console (HTTPS with the same files); 8081: actuator, keep it internal.
#   (or -e GATEWAY_TLS_TERMINATING_PROXY=true behind a TLS-terminating proxy: docs/operations.md).
#   Keep the trace key: it must stay the same across restarts (rotation: docs/traceability.md).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/cdap-gateway.jar extract --layers --destination target/extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system gateway \
 && useradd --system --gid gateway --home-dir /app --shell /usr/sbin/nologin gateway \
 && mkdir -p /app/data \
 && chown gateway:gateway /app/data
# The working directory is where config/ and routes/ are read from (file:routes/*.camel.yaml, ./config/).
WORKDIR /app
COPY --from=build /build/target/extracted/dependencies/ ./
COPY --from=build /build/target/extracted/spring-boot-loader/ ./
COPY --from=build /build/target/extracted/snapshot-dependencies/ ./
COPY --from=build /build/target/extracted/application/ ./
COPY routes/ routes/
COPY config/ config/
# CDS training run: start the application up to a refreshed context (in-memory H2, no demo data, nothing reached
# outside the container) and archive the classes it loaded. bench/run.sh does the same. A dynamic archive needs
# the JVM's base archive: -Xshare:dump makes sure it is there (it is a no-op rewrite when the image has one).
RUN java -Xshare:dump > /dev/null \
 && java -XX:ArchiveClassesAtExit=cdap-gateway.jsa -Dspring.context.exit=onRefresh -jar cdap-gateway.jar \
      "--spring.datasource.url=jdbc:h2:mem:cds;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
      --gateway.demo=false > /dev/null \
 && test -s cdap-gateway.jsa
USER gateway
# The image runs in production mode: PostgreSQL (DB_URL...) and the real backend (CDAP_BASE_URL) are required,
# demo data and the simulator are off. Override SPRING_PROFILES_ACTIVE to try the demo.
ENV SPRING_PROFILES_ACTIVE=prod MALLOC_ARENA_MAX=2
EXPOSE 8080 8081 8082
# Readiness over HTTP without curl in the image: bash's /dev/tcp (the temurin images are Ubuntu, with bash).
# Healthy only on "200": a readiness that is OUT_OF_SERVICE (503) still lists components whose status is UP.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s CMD ["bash", "-c", \
  "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# Memory: a fixed 160 MB heap and the serial collector, as measured in docs/benchmarks.md: on 2 cores it costs
# about 1 % of the gateway's CPU against 10 % for G1 at this heap size. The native heap is given back every 5 s
# (the JIT's and the HTTP servers' transient buffers) and glibc keeps two malloc arenas instead of one per thread:
# together about 60 MB less resident memory under load (docs/benchmarks.md, "Memory"). Extra JVM
# options go in JAVA_TOOL_OPTIONS; to change these, override the entrypoint (for the same option, the command
# line wins over JAVA_TOOL_OPTIONS).
ENTRYPOINT ["java", "-XX:SharedArchiveFile=cdap-gateway.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", \
  "-XX:+UseSerialGC", "-Xms160m", "-Xmx160m", "-XX:TrimNativeHeapInterval=5000", "-XX:+ExitOnOutOfMemoryError", \
  "-jar", "cdap-gateway.jar"]
