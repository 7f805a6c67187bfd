#!/usr/bin/env bash
# Replays real history (Open Terms Archive series) through `snapshots history import` into a fresh in-memory Azurite
# and scores our versions against OTA's record (eval/Snapshots.Replay, settings in eval/series.json, noise notes in
# eval/NOISE.md). The series of one platform are imported in one command (platform chrome is compared across them).
# Exits non-zero if a non-noise series misses a real change, a noise series records more versions than OTA, a recorded
# version's diff from the one before it shows nothing, or a re-import records anything.
#   REPLAY_DIR  folder of series (default: ../shared/replay relative to the repository root)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
replay_dir="$(cd "${REPLAY_DIR:-$root/../shared/replay}" && pwd)"
work="$(mktemp -d)"
azurite_pid=""
cleanup() {
  if [[ -n "$azurite_pid" ]]; then kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building"
dotnet build "$root/src/Snapshots.Cli/Snapshots.Cli.csproj" -c Release -o "$work/cli" -v quiet -nologo >"$work/build-cli.log" || { cat "$work/build-cli.log"; exit 2; }
dotnet build "$root/eval/Snapshots.Replay/Snapshots.Replay.csproj" -c Release -o "$work/replay" -v quiet -nologo >"$work/build-replay.log" || { cat "$work/build-replay.log"; exit 2; }
snapshots() { dotnet "$work/cli/Snapshots.Cli.dll" "$@"; }
replay() { dotnet "$work/replay/Snapshots.Replay.dll" "$@"; }

echo "== starting Azurite (in memory, free ports)"
[[ -f "$root/node_modules/azurite/dist/src/azurite.js" ]] || (cd "$root" && npm ci --no-audit --no-fund >/dev/null)
blob=$(node "$root/eval/free-port.js"); queue=$(node "$root/eval/free-port.js"); table=$(node "$root/eval/free-port.js")
node "$root/node_modules/azurite/dist/src/azurite.js" --silent --skipApiVersionCheck --disableTelemetry --inMemoryPersistence \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" \
  >"$work/azurite.log" 2>&1 &
azurite_pid=$!
# If this script is killed without running its trap (SIGKILL), Azurite must not outlive it: a watcher stops it within a second.
( while kill -0 $$ 2>/dev/null; do sleep 1; done; kill "$azurite_pid" 2>/dev/null ) >/dev/null 2>&1 </dev/null &
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null; then break; fi
  sleep 0.2
done
account=devstoreaccount1
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"

start=$SECONDS
# The series of one platform (expected.json's service) are imported together, as `history import` compares a platform's
# documents for site chrome when they are imported in one command.
groups="$(node -e '
  const fs = require("fs"), path = require("path"), dir = process.argv[1];
  const groups = new Map();
  for (const name of fs.readdirSync(dir).sort()) {
    const expected = path.join(dir, name, "expected.json");
    if (!fs.existsSync(expected)) continue;
    const service = (JSON.parse(fs.readFileSync(expected, "utf8")).service || name).toLowerCase();
    groups.set(service, [...(groups.get(service) || []), name]);
  }
  for (const names of groups.values()) console.log(names.join(" "));
' "$replay_dir")"
while read -r group; do
  [[ -n "$group" ]] || continue
  folders=()
  for name in $group; do folders+=("$replay_dir/$name"); done
  echo "== importing $group"
  log="$work/$(echo "$group" | tr ' ' '+').log"
  snapshots history import "${folders[@]}" >"$log" 2>&1 || { cat "$log"; echo "import of $group failed"; exit 2; }
  grep -E "^(failed|skipped) " "$log" || true
  grep -E "captures read" "$log"
done <<<"$groups"
echo "== imported in $((SECONDS - start)) s"
echo

status=0
replay score "$replay_dir" "$root/eval/series.json" || status=1

reimport="$(node -e "console.log(require('$root/eval/series.json').reimport)")"
# Another set of series (REPLAY_DIR) may not hold the configured one: re-import its first series instead.
[[ -d "$replay_dir/$reimport" ]] || reimport="$(basename "$(ls -d "$replay_dir"/*/ | head -n 1)")"
# Re-imported with the other series of its platform, as it was imported.
group="$(grep -E "(^| )$reimport( |$)" <<<"$groups")"
folders=()
for name in $group; do folders+=("$replay_dir/$name"); done
versions() { local sum=0 name; for name in $group; do sum=$((sum + $(replay count "$replay_dir/$name"))); done; echo "$sum"; }
before=$(versions)
snapshots history import "${folders[@]}" >"$work/reimport.log" 2>&1
after=$(versions)
echo
if [[ "$before" == "$after" ]]; then
  echo "re-import of $group: PASS (0 new versions; still $after)"
else
  echo "re-import of $group: FAIL ($before versions before, $after after)"; status=1
fi
exit $status
