#!/usr/bin/env bash
# The hostile probe suite: every test marked [Trait("Category", "Hostile")] in tests/Snapshots.Tests (pages, PDFs and
# declaration files built to hang, exhaust or fool the pipeline) and tests/Snapshots.IntegrationTests (loopback servers
# sending hostile responses, faults of the store between recording a version and announcing it), run on their own.
# Prints "N probes, M handled" and the name of every probe not handled; exits 1 if any is not.
#   HOSTILE_NO_BUILD=1  use the existing Debug build (CI builds first)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build=()
[[ "${HOSTILE_NO_BUILD:-}" == "1" ]] && build=(--no-build)
status=0
for project in Snapshots.Tests Snapshots.IntegrationTests; do
  dotnet test "$root/tests/$project/$project.csproj" "${build[@]}" --filter "Category=Hostile" \
    --logger "trx;LogFileName=$project.trx" --results-directory "$work" -v quiet -nologo >"$work/$project.log" 2>&1 || status=1
  [[ -f "$work/$project.trx" ]] || { cat "$work/$project.log"; echo "no results from $project"; exit 2; }
done

node - "$work"/*.trx <<'JS'
const fs = require('fs');
let total = 0, passed = 0; const failed = [];
for (const file of process.argv.slice(2)) {
  const trx = fs.readFileSync(file, 'utf8');
  for (const m of trx.matchAll(/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="([^"]*)"/g)) {
    total++;
    if (m[2] === 'Passed') passed++; else failed.push(`${m[2]}: ${m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')}`);
  }
}
for (const f of failed) console.log(`  not handled (${f})`);
console.log(`${total} probes, ${passed} handled`);
process.exit(total > 0 && passed === total ? 0 : 1);
JS
node_status=$?
[[ $status -eq 0 && $node_status -eq 0 ]] || exit 1
