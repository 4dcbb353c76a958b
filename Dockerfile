# cdc: MongoDB change streams to Kafka (Avro, Schema Registry). See docs/deployment.md.
#
#   docker build -t cdc:dev .
#   docker run --rm -v "$PWD/cdc.json:/etc/cdc/cdc.json:ro" -p 127.0.0.1:8080:8080 cdc:dev
#
# No Docker engine was available where this file was written: it is checked statically by
# tests/Cdc.Connector.Tests/Deployment/DockerfileTests.cs, not by a build (docs/deployment.md says what that means).

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
# The connector references Microsoft.AspNetCore.App (Kestrel serves /healthz, /readyz, /metrics), so the runtime stage
# needs the aspnet image; the plain runtime image has only Microsoft.NETCore.App and the program would not start.
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble

# ---------------------------------------------------------------------------------------------------------------------
FROM ${SDK_IMAGE} AS build
WORKDIR /src

# Restore as its own layer: only the files restore reads, so editing a .cs file does not invalidate the package cache.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Cdc.Schemas/Cdc.Schemas.csproj src/Cdc.Schemas/
COPY src/Cdc.Sandbox/Cdc.Sandbox.csproj src/Cdc.Sandbox/
COPY src/Cdc.Connector/Cdc.Connector.csproj src/Cdc.Connector/
RUN dotnet restore src/Cdc.Connector/Cdc.Connector.csproj

# The sources, and .editorconfig: the build enforces code style, so it must see the same rules as a developer's build.
COPY .editorconfig ./
COPY src/ src/
# Framework-dependent (the runtime image brings .NET); the output has the apphost `cdc` beside cdc.dll, and
# Confluent.Kafka.dll (a plain Reference into the downloaded package) without its librdkafka.redist natives.
RUN dotnet publish src/Cdc.Connector/Cdc.Connector.csproj -c Release --no-restore -o /app

# ---------------------------------------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime

# The repository states no licence and no public address yet: pass them at build time
# (--build-arg VERSION=1.2.3 --build-arg SOURCE_URL=https://… --build-arg LICENSES=<SPDX expression>).
# NOASSERTION is SPDX's word for "not stated".
ARG VERSION=0.0.0-dev
ARG SOURCE_URL=""
ARG LICENSES=NOASSERTION
LABEL org.opencontainers.image.title="cdc" \
      org.opencontainers.image.description="MongoDB change streams to Kafka as Avro records, registered in a Schema Registry" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="${LICENSES}" \
      org.opencontainers.image.version="${VERSION}"

# The native library the connector loads by soname (Sink/LibrdkafkaLoader.cs); MongoDB is reached through the managed
# MongoDB.Driver, which needs nothing from apt:
#   librdkafka.so.1     <- librdkafka1          (Ubuntu 24.04 "noble", universe: librdkafka 2.3.0)
# The base image runs as root until USER below, so apt works here; nothing else is installed (no curl, no shell tools).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        librdkafka1 \
    && rm -rf /var/lib/apt/lists/*

COPY --from=build /app /app

# `cdc` on PATH: a symlink to the apphost. The apphost finds cdc.dll through its own resolved path (/app), and the
# shared runtime through DOTNET_ROOT, set explicitly rather than relying on the apphost's default install location.
# /var/lib/cdc is where a file checkpoint goes (deploy/compose/cdc.json); owned by the app user so that a fresh named
# volume mounted there is writable (Docker copies the directory's ownership into a new volume).
ENV DOTNET_ROOT=/usr/share/dotnet
RUN ln -s /app/cdc /usr/local/bin/cdc \
    && mkdir -p /etc/cdc /var/lib/cdc \
    && chown 1654:1654 /var/lib/cdc

# The base image's non-root `app` user (APP_UID=1654), by number so Kubernetes' runAsNonRoot can verify it.
USER 1654
WORKDIR /var/lib/cdc

# http.port's default: /healthz, /readyz, /metrics (docs/connector.md, "Operations").
EXPOSE 8080

# No HEALTHCHECK: the image has no HTTP client to call /healthz with, and under Kubernetes the probes (httpGet on
# /healthz and /readyz) are the health mechanism; with Docker, poll http://127.0.0.1:8080/readyz from the host.
ENTRYPOINT ["cdc"]
CMD ["run", "--config", "/etc/cdc/cdc.json"]
