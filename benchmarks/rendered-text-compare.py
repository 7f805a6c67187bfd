#!/usr/bin/env python3
"""Compares the per-page text hashes that `rendered-cycles --texts` wrote: BEFORE.tsv AFTER.tsv.
Exits 1 when a page rendered in both differs: first cycle before vs after, and in each file the unchanged cycle vs the
first (a page not rendered in the unchanged cycle was revalidated and keeps the first cycle's text by construction).
A render that failed (a timeout on a loaded machine) is reported, not compared."""
import sys

def read(path):
    cycles = {"first": {}, "unchanged": {}}
    for line in open(path, encoding="utf-8"):
        cycle, page, result = line.rstrip("\n").split("\t", 2)
        cycles[cycle][page] = result
    return cycles

def compare(label, a, b):
    same = differ = failed = 0
    for page in a:
        x, y = a[page], b.get(page, "missing")
        if y == "not rendered (revalidated)": y = x
        if x.startswith("failed") or y.startswith("failed"): failed += 1; print(f"{label}: {page}: a render failed, not compared"); continue
        if x == y: same += 1
        else: differ += 1; print(f"{label}: {page}: TEXT DIFFERS {x} {y}")
    print(f"{label}: {same} identical, {differ} different, {failed} not compared (failed render)")
    return differ

before, after = read(sys.argv[1]), read(sys.argv[2])
d = compare("first cycle, before vs after", before["first"], after["first"])
d += compare("before: unchanged vs first", before["first"], before["unchanged"])
d += compare("after: unchanged vs first", after["first"], after["unchanged"])
sys.exit(1 if d else 0)
