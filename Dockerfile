# syntax=docker/dockerfile:1
# cdap-gateway: multi-stage build, JRE-only runtime, non-root, layered jar (dependencies change less often),
# class-data-sharing archive from a training run (start-up: see docs/benchmarks.md).
# Build: docker build -t cdap-gateway:0.1.0 --build-arg REVISION="$(git rev-parse HEAD)" \
#          --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" .
# With PostgreSQL and the secrets as files: compose.yaml. On Kubernetes: deploy/k8s (kustomize).
# Run (production): docker run -e DB_URL=jdbc:postgresql://db:5432/gateway -e DB_USER=... -e DB_PASSWORD=... \
#     -e CDAP_BASE_URL=https://cdap.example -e CDAP_SERVICE_LOGIN=... -e CDAP_SERVICE_PASSWORD=... \
#     -e GATEWAY_TRACE_KEY="$(openssl rand -base64 32)" \
#     -e MAIL_HOST=smtp.example -e MAIL_USERNAME=... -e MAIL_PASSWORD=... -e GATEWAY_CONSOLE_PUBLIC_URL=https://... \
#     -e GATEWAY_TLS_CERTIFICATE=/tls/fullchain.pem -e GATEWAY_TLS_PRIVATE_KEY=/tls/key.pem -v /etc/cdap-tls:/tls:ro \
#     -e GATEWAY_HEAP=160m -p 8443:8080 -p 8082:8082 -p 8081:8081 cdap-gateway:0.1.0
#   8080: the API; 8082: the web console (HTTPS with the same files); 8081: actuator, keep it internal.
#   (or -e GATEWAY_TLS_TERMINATING_PROXY=true behind a TLS-terminating proxy: docs/operations.md).
#   Keep the trace key: it must stay the same across restarts (rotation: docs/traceability.md).

# Base images pinned to exact releases (a rebuild takes the same JDK and OS); for byte-for-byte rebuilds, pin their
# digests as well (docker buildx imagetools inspect <image> gives them) -- update both with each security release.
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-17-noble
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.16_8-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/cdap-gateway.jar extract --layers --destination target/extracted

FROM ${RUNTIME_IMAGE}
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="cdap-gateway" \
      org.opencontainers.image.description="Passerelle d'intégration entre les partenaires de la CAF et le service CDAP (Apache Camel, Spring Boot)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/cdap-gateway/cdap-gateway" \
      org.opencontainers.image.documentation="https://github.com/cdap-gateway/cdap-gateway/blob/main/README.md" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"
# A numeric user (10001, not in the base image): Kubernetes' runAsNonRoot can check it without a passwd lookup.
RUN groupadd --system --gid 10001 gateway \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin gateway \
 && mkdir -p /app/data \
 && chown 10001:10001 /app/data
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
USER 10001:10001
# The image runs in production mode: PostgreSQL (DB_URL...) and the real backend (CDAP_BASE_URL) are required,
# demo data and the simulator are off. Override SPRING_PROFILES_ACTIVE to try the demo.
ENV SPRING_PROFILES_ACTIVE=prod MALLOC_ARENA_MAX=2
EXPOSE 8080 8081 8082
# Readiness over HTTP without curl in the image: bash's /dev/tcp (the temurin images are Ubuntu, with bash).
# Healthy only on "200": a readiness that is OUT_OF_SERVICE (503) still lists components whose status is UP.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s CMD ["bash", "-c", \
  "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# Memory: a fixed heap (GATEWAY_HEAP, default 160m as measured in docs/benchmarks.md: the live set is about 60 MB)
# and the serial collector: on 2 cores it costs about 1 % of the gateway's CPU against 10 % for G1 at this heap size.
# Give the container about 350 MB more than the heap (metaspace, code cache, threads, direct buffers). The native
# heap is given back every 5 s (the JIT's and the HTTP servers' transient buffers) and glibc keeps two malloc arenas
# instead of one per thread: together about 60 MB less resident memory under load (docs/benchmarks.md, "Memory").
# Extra JVM options go in JAVA_TOOL_OPTIONS; arguments after the image name go to the application.
ENV GATEWAY_HEAP=160m
ENTRYPOINT ["sh", "-c", "exec java -XX:SharedArchiveFile=cdap-gateway.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
  -XX:+UseSerialGC -Xms\"$GATEWAY_HEAP\" -Xmx\"$GATEWAY_HEAP\" -XX:TrimNativeHeapInterval=5000 \
  -XX:+ExitOnOutOfMemoryError -jar cdap-gateway.jar \"$@\"", "cdap-gateway"]
