# ticket-sync image: the production fat jar on a JRE, running as a non-root user.
#   docker build -t ticket-sync .
# Stage 1 builds the jars with the same command as the README; stage 2 only runs the production
# one, target/ticket-sync.jar, which carries no Kafka broker (that is target/ticket-sync-dev.jar,
# for `dev` only, and never copied here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY config config
COPY src src
RUN mvn -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 ticketsync \
    && useradd --system --uid 10001 --gid ticketsync --home-dir /app --shell /usr/sbin/nologin ticketsync \
    && mkdir -p /app /var/lib/ticket-sync \
    && chown ticketsync:ticketsync /var/lib/ticket-sync
COPY --from=build /src/target/ticket-sync.jar /app/ticket-sync.jar
COPY --chmod=0755 docker-entrypoint.sh /app/docker-entrypoint.sh
USER 10001:10001
WORKDIR /app
# RocksDB state lives here; mount a volume to keep it across restarts (faster recovery).
ENV TICKET_SYNC_STATE_DIR=/var/lib/ticket-sync \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME /var/lib/ticket-sync
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-jar", "/app/ticket-sync.jar", "probe", "live"]
ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["run"]
