#!/usr/bin/env bash
# Issue 25 item 2: the text of every rendered page must be identical before and after the cheaper renders, and an unchanged
# cycle must give the same text as a full render. Runs `rendered-cycles` alternating before/after (ROUNDS times), on the
# rendered benchmark's scripted pages and the latest capture of every replay series (served on loopback, rendered with its
# declaration), then compares (rendered-text-compare.py) the extracted-text SHA-256 of every page rendered in both:
# unchanged cycle vs its first. Exits 1 on any difference. Figures (wall, CPU, peak RSS) go to the report file.
# usage: benchmarks/rendered-text.sh [--pages N] [--replay DIR] [--rounds R] [--output FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
pages=10; replay=../shared/replay; rounds=2; output=/tmp/render/rendered-cycles.out
while [ $# -gt 0 ]; do
  case "$1" in
    --pages) pages=$2; shift 2;; --replay) replay=$2; shift 2;; --rounds) rounds=$2; shift 2;; --output) output=$2; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
bin=benchmarks/Snapshots.Benchmarks/bin/Release/net10.0/Snapshots.Benchmarks
[ -x "$bin" ] || dotnet build -c Release benchmarks/Snapshots.Benchmarks >/dev/null
work=$(mktemp -d)
: > "$output"
for round in $(seq 1 "$rounds"); do
  for mode in before after; do
    echo "round $round, $mode (load average: $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$output"
    /usr/bin/time -f "process tree: wall %e s, CPU user %U s + system %S s (dotnet and reaped children), max RSS of one process %M KiB" \
      "$bin" rendered-cycles --mode "$mode" --pages "$pages" --replay "$replay" --texts "$work/$mode-$round.tsv" --output "$output" 2>>"$output" >/dev/null
    tail -1 "$output"
  done
done
status=0
for round in $(seq 1 "$rounds"); do
  python3 benchmarks/rendered-text-compare.py "$work/before-$round.tsv" "$work/after-$round.tsv" | tee -a "$output" || status=1
done
exit $status
