#!/usr/bin/env bash
# Before/after CPU of `snapshots check`, two builds alternating (A B A B ...), on peer-replay.sh's corpus: the latest
# capture of each Open Terms Archive series in ../shared/replay (or REPLAY_DIR), copied to N documents at distinct URLs,
# served by Python's http.server on loopback (304 to If-Modified-Since). Each run of a build gets a fresh in-memory
# Azurite, imports the declarations, then runs a first check (every page new) and an unchanged check. It records the CPU
# (user + system, GNU time) of each check process, Azurite's CPU in the same cycle (/proc), the wall time and peak RSS of
# each check, and the 1-minute load average before each run, one line per run in a TSV, then prints medians and ranges per
# build and cycle.
# Usage: benchmarks/cpu-ab.sh --documents N --rounds R --out FILE.tsv NAME_A=CLI_A NAME_B=CLI_B [...]
#   e.g. base=/work/wt-base/src/Snapshots.Cli/bin/publish/Snapshots.Cli  (publish each with ./snapshots --version)
#   A path not ending in .dll is run directly (the executable of the self-contained publish ./snapshots makes); a .dll
#   (a framework-dependent publish, as ./snapshots made before benchmarks/results/cpu-r2r.md) with `dotnet`.
# Environment: CPU_AB_ENV_<NAME>="VAR=value ..." adds environment variables to that build's runs (to test a knob);
# CPU_AB_LOGS=DIR keeps each check's output as DIR/NAME-ROUND-first.log and DIR/NAME-ROUND-unchanged.log, and Azurite's
# access log (every request of the import and both checks) as DIR/azurite-NAME-ROUND.log.
# CPU_AB_TRACE=DIR runs each first check under dotnet-trace (CPU sampling) into DIR/NAME-ROUND.nettrace (its CPU then counts
# the tracing too: use it to find where time goes, not for figures); CPU_AB_PERF=DIR likewise under `perf record`
# (with DOTNET_PerfMapEnabled=1, so JIT-compiled and ReadyToRun methods have names) into DIR/NAME-ROUND.perf;
# CPU_AB_PERF_CYCLE=unchanged records the unchanged check instead of the first.
# Everything it starts is stopped when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
documents=300 rounds=5 out=""
builds=()
while (($#)); do
  case "$1" in
    --documents) documents=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *=*) builds+=("$1"); shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
((${#builds[@]} >= 1)) || { echo "name at least one build: NAME=path/to/Snapshots.Cli (or Snapshots.Cli.dll)" >&2; exit 2; }
[[ -n "$out" ]] || out=$(mktemp /tmp/cpu-ab-XXXXXX.tsv)
replay="${REPLAY_DIR:-$root/../shared/replay}"
[[ -d "$replay" ]] || { echo "no replay data at $replay (set REPLAY_DIR)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
[ -d node_modules/azurite ] || npm ci --no-audit --no-fund

work=$(mktemp -d /tmp/snapshots-cpu-ab-XXXXXX)
site_pid="" azurite_pid=""
stop() { local pid=$1; [[ -n "$pid" ]] || return 0; kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$pid" 2>/dev/null || true; }
cleanup() { stop "$azurite_pid"; stop "$site_pid"; rm -rf "$work"; }
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket
s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
site_port=$(free_port)

python3 benchmarks/replay-corpus.py "$replay" "$work" "$documents" "$site_port"
(cd "$work/site" && exec python3 -m http.server "$site_port" --bind 127.0.0.1 >/dev/null 2>&1) & site_pid=$!; disown

answers() { (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
# A fresh in-memory Azurite on three free ports; tried again on other ports when it exits before all three answer (on a
# shared machine a port next to the free one can be taken, or the start can take longer than a few seconds).
start_azurite() {
  local attempt
  for attempt in 1 2 3 4 5; do
    blob_port=$(free_port); queue_port=$((blob_port + 1)); table_port=$((blob_port + 2))
    if answers "$queue_port" || answers "$table_port"; then continue; fi
    local access=(--silent) log=/dev/null
    [[ -n "${CPU_AB_LOGS:-}" ]] && access=() log="$CPU_AB_LOGS/azurite-$name-$round.log"
    node node_modules/azurite/dist/src/azurite.js --inMemoryPersistence "${access[@]}" --skipApiVersionCheck --disableTelemetry \
      --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port" >"$log" 2>&1 & azurite_pid=$!; disown
    for _ in $(seq 1 300); do
      kill -0 "$azurite_pid" 2>/dev/null || break
      answers "$blob_port" && answers "$queue_port" && answers "$table_port" && answers "$site_port" && return 0
      sleep 0.1
    done
    stop "$azurite_pid"; azurite_pid=""
  done
  echo "Azurite did not start" >&2; exit 2
}
# The command line of a build: `dotnet X.dll`, or the executable itself.
cli_of() { if [[ "$1" == *.dll ]]; then echo "dotnet $1"; else echo "$1"; fi; }
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }
# One check; prints "own-CPU azurite-CPU wall peak-RSS-KiB".
check() {
  local a0 trace=(); a0=$(cpu_of "$azurite_pid")
  [[ -n "${CPU_AB_TRACE:-}" && "$1" == first ]] && trace=(dotnet-trace collect --profile dotnet-sampled-thread-time -o "$CPU_AB_TRACE/$name-$round.nettrace" --)
  [[ -n "${CPU_AB_PERF:-}" && "$1" == "${CPU_AB_PERF_CYCLE:-first}" ]] && trace=(DOTNET_PerfMapEnabled=1 perf record -F 499 -g -q -o "$CPU_AB_PERF/$name-$round.perf" --)
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" env $extra "${trace[@]}" $(cli_of "$dll") check >"$work/check.log" 2>&1 || { tail -5 "$work/check.log" >&2; }
  [[ -n "${CPU_AB_LOGS:-}" ]] && cp "$work/check.log" "$CPU_AB_LOGS/$name-$round-$1.log"
  read -r wall user sys rss < <(tail -1 "$work/time")
  printf '%.2f %.2f %s %s\n' "$(echo "$user + $sys" | bc)" "$(echo "$(cpu_of "$azurite_pid") - $a0" | bc)" "$wall" "$rss"
}
export Fetch__AllowPrivateNetworks=true DOTNET_NOLOGO=1
[[ -s "$out" ]] || printf 'round\tbuild\tload1\tfirst_cpu\tfirst_azurite\tfirst_wall\tunchanged_cpu\tunchanged_azurite\tunchanged_wall\tfirst_rss_kib\tunchanged_rss_kib\n' >"$out"
echo "$documents documents, $rounds rounds, results in $out" >&2
for round in $(seq 1 "$rounds"); do
  for build in "${builds[@]}"; do
    name=${build%%=*} dll=${build#*=}
    var="CPU_AB_ENV_$name"; extra="${!var:-}"
    start_azurite
    export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
    export Outbox__Path="$work/outbox-$name-$round"
    $(cli_of "$dll") documents import "$work/declarations" >"$work/import.log" 2>&1 || { cat "$work/import.log" >&2; exit 2; }
    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r f_cpu f_az f_wall f_rss < <(check first)
    read -r u_cpu u_az u_wall u_rss < <(check unchanged)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$load" "$f_cpu" "$f_az" "$f_wall" "$u_cpu" "$u_az" "$u_wall" "$f_rss" "$u_rss" | tee -a "$out" >&2
    stop "$azurite_pid"; azurite_pid=""
  done
done
python3 - "$out" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| build | runs | load (median) | first: own CPU s, median (range) | first: Azurite | first: wall s | first: peak RSS MiB | unchanged: own CPU s | unchanged: Azurite | unchanged: wall s | unchanged: peak RSS MiB |")
print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
for name in dict.fromkeys(r["build"] for r in rows):
    mine = [r for r in rows if r["build"] == name]
    def col(c, scale=1.0, digits=2):
        v = sorted(float(r[c]) / scale for r in mine if r.get(c))
        if not v: return "–"
        return f"{statistics.median(v):.{digits}f} ({v[0]:.{digits}f}–{v[-1]:.{digits}f})"
    print(f"| {name} | {len(mine)} | {statistics.median(float(r['load1']) for r in mine):.1f} | {col('first_cpu')} | {col('first_azurite')} "
          f"| {col('first_wall')} | {col('first_rss_kib', 1024, 0)} | {col('unchanged_cpu')} | {col('unchanged_azurite')} "
          f"| {col('unchanged_wall')} | {col('unchanged_rss_kib', 1024, 0)} |")
PY
