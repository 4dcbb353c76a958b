# cdc: MongoDB change streams to Kafka (Avro, Schema Registry). See docs/deployment.md.
#
#   docker build -t cdc:dev .
#   docker run --rm -v "$PWD/cdc.json:/etc/cdc/cdc.json:ro" -p 127.0.0.1:8080:8080 cdc:dev
#
# No Docker engine was available where this file was written: it is checked statically by
# tests/Cdc.Deployment.Tests/DockerfileTests.cs, not by a build (docs/deployment.md says what that means).

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
# The program references Microsoft.AspNetCore.App (Kestrel serves /healthz, /readyz, /metrics), so the runtime stage
# needs the aspnet image; the plain runtime image has only Microsoft.NETCore.App and the program would not start.
# Chiseled: no shell, no package manager, only what .NET needs (glibc, OpenSSL, CA certificates) and a non-root `app`
# user. Nothing else is needed: librdkafka comes with its NuGet package (a build that needs only glibc), the MongoDB
# driver is managed code, and the connector runs with invariant globalization (no ICU).
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled

# ---------------------------------------------------------------------------------------------------------------------
FROM ${SDK_IMAGE} AS build
WORKDIR /src

# Restore as its own layer: only the files restore reads, so editing a .cs file does not invalidate the package cache.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Cdc.Schemas/Cdc.Schemas.csproj src/Cdc.Schemas/
COPY src/Cdc.Sandbox/Cdc.Sandbox.csproj src/Cdc.Sandbox/
COPY src/Cdc.Connector/Cdc.Connector.csproj src/Cdc.Connector/
COPY src/Cdc.Demo/Cdc.Demo.csproj src/Cdc.Demo/
COPY src/Cdc.Cli/Cdc.Cli.csproj src/Cdc.Cli/
RUN dotnet restore src/Cdc.Cli/Cdc.Cli.csproj

# The sources, and .editorconfig: the build enforces code style, so it must see the same rules as a developer's build.
COPY .editorconfig ./
COPY src/ src/
# The `cdc` program with every verb: it references the sandbox and the demo, so `cdc sandbox` and `cdc demo` are in the
# image too, unused by `cdc run` (docs/deployment.md, "What the image holds").
# Framework-dependent (the runtime image brings .NET); the output has the apphost `cdc` beside cdc.dll and, from the
# librdkafka.redist package, runtimes/<rid>/native/ for every platform (and librdkafka/x64, x86: Windows DLLs its
# build props copy into every output): only linux-x64 and linux-arm64, the image's platforms, stay.
RUN dotnet publish src/Cdc.Cli/Cdc.Cli.csproj -c Release --no-restore -o /app \
    && rm -rf /app/runtimes/osx-* /app/runtimes/win-* /app/runtimes/linux-s390x /app/librdkafka
# The runtime stage has no shell to make directories with: the configuration's mount point and the data directory
# (where a file checkpoint goes, deploy/compose/cdc.json) are made here and copied over.
RUN mkdir -p /rootfs/etc/cdc /rootfs/var/lib/cdc

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

COPY --from=build /app /app

# /var/lib/cdc is owned by the app user so that a fresh named volume mounted there is writable (Docker copies the
# directory's ownership into a new volume). The apphost /app/cdc finds cdc.dll beside itself and the shared runtime
# through DOTNET_ROOT, set explicitly rather than relying on the apphost's default install location.
COPY --from=build /rootfs/etc/cdc /etc/cdc
COPY --from=build --chown=1654:1654 /rootfs/var/lib/cdc /var/lib/cdc
ENV DOTNET_ROOT=/usr/share/dotnet

# The base image's non-root `app` user (APP_UID=1654), by number so Kubernetes' runAsNonRoot can verify it.
USER 1654
WORKDIR /var/lib/cdc

# http.port's default: /healthz, /readyz, /metrics (docs/connector.md, "Operations").
EXPOSE 8080

# No HEALTHCHECK: the image has no shell and no HTTP client to call /healthz with, and under Kubernetes the probes (httpGet on
# /healthz and /readyz) are the health mechanism; with Docker, poll http://127.0.0.1:8080/readyz from the host.
ENTRYPOINT ["/app/cdc"]
CMD ["run", "--config", "/etc/cdc/cdc.json"]
