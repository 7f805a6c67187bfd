#!/usr/bin/env bash
# A native AOT publish of the CLI, for measuring only (benchmarks/results/fixed-cost.md): `snapshots check` of static pages
# and `documents import` work in it; nothing else has been tried, so ./snapshots does not ship it. It is built from a
# temporary worktree of HEAD (its own obj folders, so the ./snapshots publish is left alone) with gcc as the linker, and
# takes 11-14 minutes on 2 cores. Reflection-based JSON stays allowed (the libraries' own), trimming is partial, and
# benchmarks/aot/rd.xml adds the Azure table binder's generic instantiations. The worktree is removed when it ends.
# Usage: benchmarks/aot-trial.sh OUT_DIR     then e.g. PEER_CLI=OUT_DIR/Snapshots.Cli benchmarks/peer-replay.sh --documents 100
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$(realpath -m "${1:?usage: benchmarks/aot-trial.sh OUT_DIR}")
tree=$(mktemp -d /tmp/snapshots-aot-XXXXXX)
cleanup() { git -C "$root" worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"; }
trap cleanup EXIT INT TERM
git worktree add --detach -q "$tree" HEAD
dotnet publish "$tree/src/Snapshots.Cli/Snapshots.Cli.csproj" -c Release --use-current-runtime -p:PublishAot=true \
  -p:CppCompilerAndLinker=gcc -p:TreatWarningsAsErrors=false -p:SuppressTrimAnalysisWarnings=true -p:TrimMode=partial \
  -p:JsonSerializerIsReflectionEnabledByDefault=true -p:CustomAfterMicrosoftCommonTargets="$root/benchmarks/aot/trial.targets" \
  -o "$out" -v quiet -nologo -clp:ErrorsOnly
echo "native AOT CLI: $out/Snapshots.Cli"
