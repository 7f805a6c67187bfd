#!/usr/bin/env bash
# Compiles and lints infra/main.bicep with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64),
# so that CI checks the Bicep without the Azure CLI or any download but the package feed.
# Fails on any compile error and on any linter warning or error; "Info" diagnostics (see
# infra/bicepconfig.json) are printed only.
# Usage: infra/build.sh            (BICEP_CLI_VERSION=x.y.z to try another CLI version)
set -euo pipefail

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${BICEP_CLI_VERSION:-0.49.2}"
packages="$infra/tools/.packages"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [[ ! -x "$bicep" ]]; then
  echo "restoring Bicep CLI $version from NuGet"
  dotnet restore "$infra/tools/BicepCli.csproj" --packages "$packages" -p:BicepCliVersion="$version" --verbosity quiet
  chmod +x "$bicep" 2>/dev/null || true
fi
[[ -x "$bicep" ]] || { echo "infra/build.sh: no bicep binary at $bicep" >&2; exit 1; }
"$bicep" --version

echo "bicep build infra/main.bicep"
"$bicep" build "$infra/main.bicep" --stdout > /dev/null

echo "bicep lint infra/main.bicep"
lint_output="$("$bicep" lint "$infra/main.bicep" 2>&1)" || { echo "$lint_output" >&2; exit 1; }
[[ -z "$lint_output" ]] || echo "$lint_output"
if grep -qE ' : (Warning|Error) ' <<<"$lint_output"; then
  echo "infra/build.sh: the linter reported warnings or errors (above)" >&2
  exit 1
fi
echo "infra: Bicep compiles and lints clean"
