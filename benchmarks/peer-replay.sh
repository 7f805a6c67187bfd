#!/usr/bin/env bash
# urlwatch and `snapshots check` side by side on real pages: the latest capture of each Open Terms Archive series in
# ../shared/replay (or REPLAY_DIR), copied to N documents at distinct URLs, served by Python's http.server on loopback
# (Last-Modified, and 304 to If-Modified-Since), each tool with its own store (urlwatch's SQLite cache; an in-memory
# Azurite for snapshots). Three cycles: every page new, then unchanged (the server answers 304), then unchanged with the
# server ignoring validators (200 and the same body again). Prints wall time and
# peak resident memory (GNU time's maxrss) per tool and cycle, and the CPU each process used in the cycle: the tool's own
# (user + system), Azurite's and the page server's (from /proc). On 2 cores a tool's wall time cannot go below half the
# CPU of everything it makes run (itself, its store, the server); the last two columns print that floor for snapshots,
# and the part of it that Azurite and the page server set alone (what snapshots' wall time could not go below even if
# its own process took no CPU at all).
# Everything it starts is stopped when it ends.
# Usage: benchmarks/peer-replay.sh [--documents N]     (default 760; PEER_CLI=path/to/Snapshots.Cli for another build)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
documents=760
[[ "${1:-}" == "--documents" ]] && documents="$2"
replay="${REPLAY_DIR:-$root/../shared/replay}"
[[ -d "$replay" ]] || { echo "no replay data at $replay (set REPLAY_DIR)" >&2; exit 2; }
if ! command -v urlwatch >/dev/null; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq urlwatch >/dev/null; fi
[[ -x /usr/bin/time ]] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
[ -d node_modules/azurite ] || npm ci --no-audit --no-fund
# PEER_CLI=path runs another build of the command (another commit's publish, a native AOT trial) instead of ./snapshots'.
if [[ -n "${PEER_CLI:-}" ]]; then cli=$PEER_CLI; else
  ./snapshots --version >/dev/null
  cli="$root/src/Snapshots.Cli/bin/publish/Snapshots.Cli"   # self-contained: its own runtime, not `dotnet X.dll`
fi

work=$(mktemp -d /tmp/snapshots-peer-replay-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # Azurite takes a moment to stop: wait for each process, then kill what is left.
  for _ in $(seq 1 50); do alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done; ((alive)) || break; sleep 0.1; done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
read -r site_port blob_port < <(python3 -c 'import socket
def free():
    s=socket.socket(); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]; s.close(); return p
print(free(), free())')
queue_port=$((blob_port + 1)); table_port=$((blob_port + 2))

python3 benchmarks/replay-corpus.py "$replay" "$work" "$documents" "$site_port" --urlwatch

# Python's http.server, except that while $work/ignore-validators exists it ignores If-Modified-Since and If-None-Match
# (every page is sent again, 200 with the same body: the third cycle).
(cd "$work/site" && exec python3 -c '
import http.server, os, sys
flag = sys.argv[2]
class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        if os.path.exists(flag):
            for name in ("If-Modified-Since", "If-None-Match"):
                del self.headers[name]
        return super().send_head()
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
' "$site_port" "$work/ignore-validators" >/dev/null 2>&1) & pids+=($!); disown
node node_modules/azurite/dist/src/azurite.js --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
  --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port" >/dev/null 2>&1 & pids+=($!); disown
for _ in $(seq 1 100); do (echo >/dev/tcp/127.0.0.1/"$table_port") 2>/dev/null && (echo >/dev/tcp/127.0.0.1/"$site_port") 2>/dev/null && break; sleep 0.1; done

export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
export Fetch__AllowPrivateNetworks=true Outbox__Path="$work/outbox" DOTNET_NOLOGO=1
"$cli" documents import "$work/declarations" >"$work/import.log" 2>&1 || { cat "$work/import.log"; exit 2; }
uw=(urlwatch --urls "$work/urlwatch/urls.yaml" --config "$work/urlwatch/urlwatch.yaml" --hooks "$work/urlwatch/hooks.py" --cache "$work/urlwatch/cache.db")
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }
site_pid=${pids[0]} azurite_pid=${pids[1]}
# One run of a tool; prints "wall-seconds peak-MiB own-CPU store-CPU site-CPU" (GNU time for the tool, /proc for the
# two servers; store-CPU is 0 when no store pid is given).
measure() {
  local store_pid=$1; shift
  local site0 store0; site0=$(cpu_of "$site_pid"); store0=$( [[ -n "$store_pid" ]] && cpu_of "$store_pid" || echo 0)
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >"$work/out" 2>&1 || true
  read -r s kb user sys <"$work/time"
  local site store; site=$(echo "$(cpu_of "$site_pid") - $site0" | bc); store=$( [[ -n "$store_pid" ]] && echo "$(cpu_of "$store_pid") - $store0" | bc || echo 0)
  printf '%s %s %.2f %.2f %.2f\n' "$s" "$((kb / 1024))" "$(echo "$user + $sys" | bc)" "$store" "$site"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cores=$(nproc)
echo "| cycle | urlwatch | snapshots | ratio | CPU s: urlwatch + site | CPU s: snapshots + Azurite + site | floor on $cores cores: all CPU | floor: Azurite + site alone |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|"
for cycle in "first (every page new)" "unchanged, server answers 304" "unchanged, validators ignored (200, same body)"; do
  [[ "$cycle" == *"validators ignored"* ]] && touch "$work/ignore-validators"
  read -r uw_s uw_mib uw_cpu _ uw_site < <(measure "" "${uw[@]}")
  read -r sn_s sn_mib sn_cpu sn_store sn_site < <(measure "$azurite_pid" "$cli" check)
  floors=$(awk -v c="$cores" -v own="$sn_cpu" -v store="$sn_store" -v site="$sn_site" 'BEGIN { printf "%.2f s | %.2f s", (own + store + site) / c, (store + site) / c }')
  ratio=$(awk -v a="$sn_s" -v b="$uw_s" 'BEGIN { printf "%.2f", a / b }')
  echo "| $cycle | $uw_s s, $uw_mib MiB | $sn_s s, $sn_mib MiB | $ratio | $uw_cpu + $uw_site | $sn_cpu + $sn_store + $sn_site | $floors |"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
