#!/usr/bin/env python3
"""Where a check's own CPU goes, from a `perf record -g` of the composite ReadyToRun build.

perf names no method of the composite image (Snapshots.Cli.r2r.dll is a PE file, not ELF), so this reads the samples with
`perf script` and names the image's frames from the symbol map crossgen writes beside it (`.r2rmap`: RVA, size, method).
The image's code section is mapped from file offset 0 at its RVA less 0x10000 (the section's RVA 0x10400 at file offset
0x400), which is the offset perf prints. Frames in JIT-compiled code and stubs are named by the runtime's perf map
(DOTNET_PerfMapEnabled=1, as cpu-ab.sh's CPU_AB_PERF sets; DOTNET_EnableWriteXorExecute=0 so that perf sees them).

  dotnet publish src/Snapshots.Cli/Snapshots.Cli.csproj -c Release --use-current-runtime --self-contained true \\
      -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:PublishReadyToRunEmitSymbols=true -o /tmp/pub-sym
  CPU_AB_PERF=/tmp/perf CPU_AB_ENV_sym=DOTNET_EnableWriteXorExecute=0 bash benchmarks/cpu-ab.sh --documents 300 \\
      --rounds 1 sym=/tmp/pub-sym/Snapshots.Cli
  python3 benchmarks/perf-r2r.py /tmp/perf/sym-1.perf /tmp/pub-sym/Snapshots.Cli.r2r.ni.r2rmap [self|owner|under REGEX] [N]

self: the leaf frames that take most samples. owner: each sample charged to the innermost method of Snapshots that is not
an async state machine or lambda (what our code is responsible for, the libraries it calls included). under REGEX: the leaf
frames of the samples with a frame matching REGEX. Percentages are of all samples of the process; with PERF_THREAD=REGEX,
of the samples of the threads whose name matches (".NET TP Worker", "extraction", ".NET BGC").
"""
import bisect
import collections
import os
import re
import subprocess
import sys


def symbols(r2rmap):
    entries = []
    for line in open(r2rmap, encoding="utf-8", errors="replace"):
        parts = line.rstrip("\n").split(" ", 2)
        if len(parts) == 3 and not parts[0].startswith("FFFFFF"):
            entries.append((int(parts[0], 16), int(parts[1], 16), parts[2]))
    entries.sort()
    return [e[0] for e in entries], entries


def samples(perf_data, r2rmap):
    starts, entries = symbols(r2rmap)

    def name(offset):
        rva = offset + 0x10000
        i = bisect.bisect_right(starts, rva) - 1
        return entries[i][2] if i >= 0 and entries[i][0] <= rva < entries[i][0] + max(entries[i][1], 1) else "[composite image]"

    script = subprocess.run(["perf", "script", "-i", perf_data, "-F", "comm,tid,ip,sym,dso"], capture_output=True, text=True,
                            errors="replace", check=True).stdout
    thread = re.compile(os.environ.get("PERF_THREAD", ""))
    result, frames = [], None
    for line in script.splitlines():
        if not line.strip():
            if frames is not None:
                result.append(frames)
            frames = None
        elif not line[0].isspace():
            frames = [] if thread.search(line) else None
        elif frames is not None:
            address, _, rest = line.strip().partition(" ")
            if ".r2r.dll" in rest:
                frames.append(name(int(address, 16)))
            elif rest.startswith("[unknown]"):
                frames.append(rest)  # a library without symbols: its name is all there is
            else:
                frames.append(re.sub(r"\s*\([^()]*\)\s*$", "", rest))
    if frames:
        result.append(frames)
    return result


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    all_samples = samples(sys.argv[1], sys.argv[2])
    mode = sys.argv[3] if len(sys.argv) > 3 else "self"
    pattern = re.compile(sys.argv[4]) if mode == "under" else None
    top = int(sys.argv[5 if mode == "under" else 4]) if len(sys.argv) > (5 if mode == "under" else 4) else 40
    counts = collections.Counter()
    ours = re.compile(r"\bSnapshots\.(?!Cli\b)")
    for frames in all_samples:
        if not frames:
            continue
        if mode == "self":
            counts[frames[0]] += 1
        elif mode == "owner":
            owner = next((f for f in frames if ours.search(f) and not re.search(r"d__\d|b__\d|DisplayClass|LargeStack", f)), None)
            counts[owner or "(no method of Snapshots: runtime, GC, I/O threads)"] += 1
        elif pattern is not None and any(pattern.search(f) for f in frames):
            counts[frames[0]] += 1
    total = len(all_samples)
    print(f"{total} samples")
    for frame, count in counts.most_common(top):
        print(f"{100 * count / total:6.2f}%  {frame[:160]}")


if __name__ == "__main__":
    main()
