#!/usr/bin/env bash
# Does the Playwright library Snapshots ships work in a native AOT image? Builds benchmarks/aot/playwright-probe (render
# one scripted page in Debian's Chromium, take a full-page screenshot) twice: as a normal .NET build (the control) and as a
# native AOT publish with the settings of benchmarks/aot-trial.sh (reflection-based JSON allowed, partial trimming), then
# runs both and prints what each got. About one minute on 2 cores; everything is built in a temporary folder, removed at the end.
# Usage: benchmarks/aot/playwright-probe.sh [CHROMIUM]      (default /usr/bin/chromium)
# PLAYWRIGHT_PROBE_PUBLISH="-p:Name=value ..." adds properties to the AOT publish (e.g. -p:IlcTrimMetadata=false).
set -uo pipefail
cd "$(dirname "$0")/../.."
chromium=${1:-/usr/bin/chromium}
work=$(mktemp -d /tmp/snapshots-playwright-probe-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
project=benchmarks/aot/playwright-probe/PlaywrightProbe.csproj
common=(-c Release -v quiet -nologo -clp:ErrorsOnly -p:BaseIntermediateOutputPath="$work/obj/" -p:BaseOutputPath="$work/bin/")
dotnet build "$project" "${common[@]}" -o "$work/jit" || exit 2
dotnet publish "$project" "${common[@]}" --use-current-runtime -p:PublishAot=true -p:CppCompilerAndLinker=gcc \
  -p:TreatWarningsAsErrors=false -p:TrimMode=partial -p:SuppressTrimAnalysisWarnings=true -p:JsonSerializerIsReflectionEnabledByDefault=true ${PLAYWRIGHT_PROBE_PUBLISH:-} -o "$work/aot" || exit 2
cp -a "$work/jit/.playwright" "$work/aot/"   # the driver (Node and Playwright's package), which an AOT publish does not copy
echo "== .NET runtime (JIT), the control:"; dotnet "$work/jit/PlaywrightProbe.dll" "$chromium"; jit=$?
echo "== native AOT:"; "$work/aot/PlaywrightProbe" "$chromium"; aot=$?
echo "exit codes: JIT $jit, native AOT $aot"
