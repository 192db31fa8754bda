#!/usr/bin/env python3
"""Which threads run, millisecond by millisecond: idle-core time and where it falls.

    timeline.py [--hz N] [--window MS] BIN ARG...

Runs BIN ARG... under `perf record -F N -s` (standard output to /dev/null), then buckets the samples by
millisecond and thread: a thread with N/1000 samples in a millisecond was busy all of it. Prints the total
idle core-milliseconds on a two-core machine and, for each window of MS milliseconds with idle time, how much
and the busiest symbols. perf slows the run (about 1.5x): the shares, not the times, are the result.
"""
import collections, os, re, subprocess, sys, tempfile

def main():
    args = sys.argv[1:]
    hz, window = 10000, 10
    while args and args[0].startswith("--"):
        if args[0] == "--hz": hz = int(args[1]); args = args[2:]
        elif args[0] == "--window": window = int(args[1]); args = args[2:]
        else: sys.exit(__doc__)
    if not args: sys.exit(__doc__)
    with tempfile.NamedTemporaryFile(suffix=".perf", delete=False) as f:
        data = f.name
    subprocess.run(["perf", "record", "-q", "-F", str(hz), "-s", "-o", data, "--"] + args,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    out = subprocess.run(["perf", "script", "-i", data, "-F", "tid,time,ip,sym"], capture_output=True, text=True).stdout
    os.unlink(data)
    rows = []
    for line in out.splitlines():
        p = line.split()
        if len(p) < 3: continue
        sym = " ".join(p[3:]).replace("$s10UptakeCore", "")
        rows.append((float(p[1].rstrip(":")), p[0], sym[:60]))
    if not rows: sys.exit("no samples (is perf allowed here?)")
    t0 = min(r[0] for r in rows)
    per_ms = collections.defaultdict(collections.Counter)
    syms = collections.defaultdict(collections.Counter)
    for t, tid, sym in rows:
        ms = int((t - t0) * 1000)
        per_ms[ms][tid] += 1
        syms[ms // window][sym] += 1
    full = hz / 1000
    idle = collections.defaultdict(float)
    last = max(per_ms)
    for ms in range(last + 1):
        busy = min(2.0, sum(per_ms[ms].values()) / full)
        idle[ms // window] += 2 - busy
    total = sum(idle.values())
    print(f"{last + 1} ms under perf; idle core-ms {total:.1f} ({100 * total / (2 * (last + 1)):.0f}% of two cores)")
    for w in sorted(idle):
        if idle[w] >= 0.25 * window:
            top = ", ".join(s for s, _ in syms[w].most_common(3))
            print(f"{w * window:6d} ms  idle {idle[w]:5.1f}  {top}")

main()
