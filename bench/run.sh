#!/usr/bin/env bash
# One command: builds the app and the load client in Release, runs every scenario against the
# app on 127.0.0.1, and writes bench/RESULTS.md and bench/chart.svg. Takes about fifteen minutes.
# Extra arguments go to the load client, e.g. `bash bench/run.sh 1,100` for a quick look.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
dotnet publish CamDashboard/CamDashboard.csproj -c Release -o "$out/app" --nologo -v quiet
dotnet build bench/CamDashboard.Bench/CamDashboard.Bench.csproj -c Release -o "$out/client" --nologo -v quiet
gcc -O2 -Wall -o "$out/floor" bench/floor.c
ulimit -n 65536 2>/dev/null || true
dotnet "$out/client/CamDashboard.Bench.dll" "$PWD/$out/app/CamDashboard.dll" "$PWD/bench" "$@"
