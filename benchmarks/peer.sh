#!/usr/bin/env bash
# urlwatch and `snapshots check` on the same generated pages, side by side (benchmarks/README.md, "Peer comparison").
# Installs urlwatch from Debian's packages when it is absent, builds the benchmark in Release and runs it.
# Usage: benchmarks/peer.sh [--documents N] [--seed S] [--output FILE] [--trace FILE]     (default 760 documents)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v urlwatch >/dev/null; then
  echo "installing urlwatch (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq urlwatch >/dev/null
fi
[ -d node_modules/azurite ] || npm ci --no-audit --no-fund
dotnet build -c Release benchmarks/Snapshots.Benchmarks -v quiet -nologo
# The snapshots side runs exactly what ./snapshots runs: the executable it publishes (self-contained, composite ReadyToRun).
./snapshots --version >/dev/null
exec dotnet benchmarks/Snapshots.Benchmarks/bin/Release/net10.0/Snapshots.Benchmarks.dll peer --cli src/Snapshots.Cli/bin/publish/Snapshots.Cli "$@"
