# CamDashboard's image: `docker compose up -d` (compose.yaml), or `docker build -t camdashboard .`
# (podman builds it as it is). The app runs as its own user, with its database, keys and videos
# on the /data volume, ffmpeg (network cameras) and libgtk (OpenCV's native library) inside.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# The project files first: the restore is cached until a package changes.
COPY Directory.Build.props Directory.Packages.props global.json .editorconfig ./
COPY CamDashboard/CamDashboard.csproj CamDashboard/
COPY CamDashboard.Streaming/CamDashboard.Streaming.csproj CamDashboard.Streaming/
RUN dotnet restore CamDashboard/CamDashboard.csproj
COPY CamDashboard/ CamDashboard/
COPY CamDashboard.Streaming/ CamDashboard.Streaming/
COPY wwwroot/ wwwroot/
RUN dotnet publish CamDashboard/CamDashboard.csproj -c Release -o /app --no-restore

FROM ${RUNTIME_IMAGE}
# OpenCV's native library needs libgtk-3-0 (libgtk-3-0t64 from Debian 13 on, the .NET 10 images' base)
# and libatomic1; ffmpeg reads network cameras; curl is the health check.
RUN apt-get update \
    && (apt-get install -y --no-install-recommends libgtk-3-0t64 || apt-get install -y --no-install-recommends libgtk-3-0) \
    && apt-get install -y --no-install-recommends libatomic1 ffmpeg curl \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin camdashboard \
    && mkdir -p /data && chown camdashboard:camdashboard /data && chmod 700 /data
COPY --from=build /app /app
WORKDIR /app
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080 \
    ConnectionStrings__CamDashboard="Data Source=/data/camdashboard.db"
VOLUME /data
EXPOSE 8080
USER camdashboard
# /healthz needs no credentials and names no camera: 200 Healthy or Degraded, 503 Unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || exit 1
# SIGTERM stops it cleanly: streams are told, the database is closed.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "CamDashboard.dll"]
