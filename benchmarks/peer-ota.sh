#!/usr/bin/env bash
# Snapshots, Open Terms Archive's engine and urlwatch side by side on the same real pages (issue 25, item 4).
#
# Corpus: the latest capture of each series in ../shared/replay (or REPLAY_DIR), copied to N documents at distinct URLs on
# a loopback page server (Python's http.server: Last-Modified, 304 to If-Modified-Since). With --rendered every page's
# body is put into the DOM by a script (as JavaScript-published terms are), every declaration says executeClientScripts,
# and urlwatch (which has no browser here) sits out.
# Each tool has its own store: an in-memory Azurite for snapshots, OTA's git repositories, urlwatch's SQLite cache.
# Cycles: every page new, then unchanged (the server answers 304). With --runs R the tools alternate R times.
# Printed per tool and cycle: wall time, CPU of the tool's process tree (user + system, children included), CPU of its
# store (Azurite) and of the page server, peak resident memory of the whole process tree (browser included, sampled every
# 50 ms), and versions recorded; then each ratio to OTA and to urlwatch.
#
# OTA's engine comes from a checkout or git directory (OTA_ENGINE_DIR; by default ../ota-engine beside the repository or
# the library mirror), exported once into benchmarks/.ota-engine with its npm dependencies (Puppeteer's own browser is
# not downloaded: it drives Debian's Chromium, PUPPETEER_EXECUTABLE_PATH).
# PEER_OUTPUT_DIR=DIR keeps what each tool printed, per run and cycle, as DIR/RUN-CYCLE-TOOL.out.
# Everything it starts is stopped when it ends.
# Usage: benchmarks/peer-ota.sh [--documents N] [--rendered] [--runs R]      (default 100 documents, 1 run)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
documents=100 rendered=0 runs=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --documents) documents="$2"; shift 2 ;;
    --rendered) rendered=1; shift ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1 (use --documents N, --rendered, --runs R)" >&2; exit 2 ;;
  esac
done
replay="${REPLAY_DIR:-$root/../shared/replay}"
[[ -z "${PEER_OUTPUT_DIR:-}" ]] || mkdir -p "$PEER_OUTPUT_DIR"
[[ -d "$replay" ]] || { echo "no replay data at $replay (set REPLAY_DIR)" >&2; exit 2; }
chromium=$(command -v chromium || true)
[[ -n "$chromium" ]] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; chromium=$(command -v chromium); }
if ! command -v urlwatch >/dev/null; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq urlwatch >/dev/null; fi
[[ -x /usr/bin/time ]] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
[ -d node_modules/azurite ] || npm ci --no-audit --no-fund

ota="$root/benchmarks/.ota-engine"
if [[ ! -f "$ota/.installed" ]]; then
  source_dir="${OTA_ENGINE_DIR:-}"
  for candidate in "$root/../ota-engine" /work/.mirror/OpenTermsArchive+engine/repo; do
    [[ -z "$source_dir" && -e "$candidate" ]] && source_dir="$candidate"
  done
  [[ -n "$source_dir" ]] || { echo "no Open Terms Archive engine: set OTA_ENGINE_DIR to a checkout or git directory of OpenTermsArchive/engine" >&2; exit 2; }
  echo "installing Open Terms Archive's engine from $source_dir into $ota (npm ci, once)" >&2
  rm -rf "$ota" && mkdir -p "$ota"
  git --git-dir="$( [[ -d "$source_dir/.git" ]] && echo "$source_dir/.git" || echo "$source_dir")" archive HEAD | tar -x -C "$ota"
  if ! (cd "$ota" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --omit=dev --no-audit --no-fund >"$ota/.npm.log" 2>&1); then
    # A registry mirror may lack versions the lock file names (here: @accordproject/markdown-cicero 0.18, which OTA uses
    # only to turn PDFs into Markdown; these pages are HTML). Resolve from package.json instead, with that one pinned to
    # the newest 0.16 the mirror has, and say so.
    echo "npm ci failed ($(grep -m1 'npm error 404' "$ota/.npm.log" || tail -1 "$ota/.npm.log")); installing without the lock file, @accordproject/markdown-cicero pinned to 0.16.25" >&2
    (cd "$ota" && rm -f package-lock.json && node -e '
      const fs = require("fs"); const p = JSON.parse(fs.readFileSync("package.json"));
      p.dependencies["@accordproject/markdown-cicero"] = "0.16.25"; fs.writeFileSync("package.json", JSON.stringify(p, null, 2));' \
      && PUPPETEER_SKIP_DOWNLOAD=1 npm install --omit=dev --no-audit --no-fund >"$ota/.npm.log" 2>&1) \
      || { tail -20 "$ota/.npm.log" >&2; exit 2; }
  fi
  touch "$ota/.installed"
fi
./snapshots --version >/dev/null
cli="$root/src/Snapshots.Cli/bin/publish/Snapshots.Cli"   # self-contained: its own runtime, not `dotnet X.dll`

work=$(mktemp -d /tmp/snapshots-peer-ota-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
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

python3 benchmarks/replay-corpus.py "$replay" "$work" "$documents" "$site_port" --ota --urlwatch $( ((rendered)) && echo --rendered )

# Peak resident memory of a process tree, sampled every 50 ms until the root ends: prints MiB.
cat >"$work/peak.py" <<'PY'
import os, sys, time
root, peak = int(sys.argv[1]), 0
def children():
    kids = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try: kids.setdefault(int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1]), []).append(int(pid))
        except OSError: pass
    return kids
def rss(pid):
    try: return int(open(f"/proc/{pid}/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError: return 0
while os.path.exists(f"/proc/{root}"):
    kids, tree, total = children(), [root], 0
    while tree:
        pid = tree.pop(); total += rss(pid); tree.extend(kids.get(pid, []))
    peak = max(peak, total); time.sleep(0.05)
print(peak // 2**20)
PY

(cd "$work/site" && exec python3 -m http.server "$site_port" --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!); disown
site_pid=${pids[0]}
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
export Fetch__AllowPrivateNetworks=true Fetch__Browser__ExecutablePath="$chromium" Outbox__Path="$work/outbox" DOTNET_NOLOGO=1
ota_config=$(printf '{"@opentermsarchive/engine":{"collectionPath":"%s","recorder":{"versions":{"storage":{"git":{"path":"%s"}}},"snapshots":{"storage":{"git":{"path":"%s"}}}}}}' \
  "$work/ota" "$work/ota/data/versions" "$work/ota/data/snapshots")
uw=(urlwatch --urls "$work/urlwatch/urls.yaml" --config "$work/urlwatch/urlwatch.yaml" --hooks "$work/urlwatch/hooks.py" --cache "$work/urlwatch/cache.db")
otarun=(env -C "$ota" NODE_CONFIG="$ota_config" PUPPETEER_EXECUTABLE_PATH="$chromium" OTA_ENGINE_FETCHER_NO_SANDBOX=1 node bin/ota.js track)

# Empty stores for every tool: a new in-memory Azurite with the declarations imported, new git repositories for OTA, no
# urlwatch cache. Each run starts from here, so each run has a true first cycle.
fresh_stores() {
  if [[ -n "${azurite_pid:-}" ]]; then
    kill "$azurite_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$azurite_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  node node_modules/azurite/dist/src/azurite.js --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
    --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port" >/dev/null 2>&1 & pids+=($!); disown
  azurite_pid=$!
  for _ in $(seq 1 100); do (echo >/dev/tcp/127.0.0.1/"$table_port") 2>/dev/null && (echo >/dev/tcp/127.0.0.1/"$site_port") 2>/dev/null && break; sleep 0.1; done
  "$cli" documents import "$work/declarations" >"$work/import.log" 2>&1 || { cat "$work/import.log"; exit 2; }
  rm -rf "$work/ota/data" "$work/urlwatch/cache.db"
  git init -q "$work/ota/data/versions" && git init -q "$work/ota/data/snapshots"
}
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }
commits() { git -C "$work/ota/data/versions" rev-list --count HEAD 2>/dev/null || echo 0; }
# One run of a tool: "wall-seconds peak-tree-MiB tree-CPU store-CPU site-CPU versions-recorded".
measure() {
  local tool=$1 store_pid=$2; shift 2
  local site0 store0 commits0; site0=$(cpu_of "$site_pid"); store0=$( [[ -n "$store_pid" ]] && cpu_of "$store_pid" || echo 0); commits0=$(commits)
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$work/$tool.out" 2>&1 &
  local pid=$!
  local peak; peak=$(python3 "$work/peak.py" "$pid")
  if ! wait "$pid"; then
    echo "$tool failed; the end of its output:" >&2
    tail -15 "$work/$tool.out" >&2
  fi
  read -r s user sys < <(tail -1 "$work/time")
  local site store versions; site=$(echo "$(cpu_of "$site_pid") - $site0" | bc); store=$( [[ -n "$store_pid" ]] && echo "$(cpu_of "$store_pid") - $store0" | bc || echo 0)
  case "$tool" in
    snapshots) versions=$(grep -oE '[0-9]+ changed' "$work/$tool.out" | tail -1 | cut -d' ' -f1) ;;
    ota) versions=$(( $(commits) - commits0 )) ;;
    *) versions=- ;;
  esac
  printf '%s %s %.2f %.2f %.2f %s\n' "$s" "$peak" "$(echo "$user + $sys" | bc)" "$store" "$site" "${versions:-?}"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| run | cycle | tool | wall s | CPU s: tool tree | CPU s: store | CPU s: page server | peak MiB (tree) | versions recorded |"
echo "|--:|---|---|--:|--:|--:|--:|--:|--:|"
tools=(snapshots ota); ((rendered)) || tools+=(urlwatch)
declare -A wall cpu peak
for run in $(seq 1 "$runs"); do
  fresh_stores
  for cycle in first unchanged; do
    for tool in "${tools[@]}"; do
      case "$tool" in
        snapshots) read -r s mib c st si v < <(measure snapshots "$azurite_pid" "$cli" check) ;;
        ota) read -r s mib c st si v < <(measure ota "" "${otarun[@]}") ;;
        urlwatch) read -r s mib c st si v < <(measure urlwatch "" "${uw[@]}") ;;
      esac
      wall[$run,$cycle,$tool]=$s cpu[$run,$cycle,$tool]=$(echo "$c + $st" | bc) peak[$run,$cycle,$tool]=$mib
      [[ -z "${PEER_OUTPUT_DIR:-}" ]] || cp "$work/$tool.out" "$PEER_OUTPUT_DIR/$run-$cycle-$tool.out"
      echo "| $run | $cycle | $tool | $s | $c | $st | $si | $mib | $v |"
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | cycle | snapshots / OTA: wall | CPU (with store) | peak | snapshots / urlwatch: wall | CPU (with store) |"
echo "|--:|---|--:|--:|--:|--:|--:|"
for run in $(seq 1 "$runs"); do
  for cycle in first unchanged; do
    r() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
    uwall=- ucpu=-
    if ((!rendered)); then uwall=$(r "${wall[$run,$cycle,snapshots]}" "${wall[$run,$cycle,urlwatch]}"); ucpu=$(r "${cpu[$run,$cycle,snapshots]}" "${cpu[$run,$cycle,urlwatch]}"); fi
    echo "| $run | $cycle | $(r "${wall[$run,$cycle,snapshots]}" "${wall[$run,$cycle,ota]}") | $(r "${cpu[$run,$cycle,snapshots]}" "${cpu[$run,$cycle,ota]}") | $(r "${peak[$run,$cycle,snapshots]}" "${peak[$run,$cycle,ota]}") | $uwall | $ucpu |"
  done
done
