#!/usr/bin/env python3
"""Runs commands in alternating rounds and prints their medians, ratios and peak memory.

    bench-pairs.py [--runs N] [--base LABEL] [--size FILE] LABEL=COMMAND ...

Each round runs every command once, in an order that rotates from round to
round (A B C, B C A, C A B, ...), so a busy minute on this shared machine
falls on all of them alike. Standard output goes to /dev/null. Wall time is
measured around the process; peak memory is GNU time's %M (the maximum
resident set size, in KB) of the same run. Prints a Markdown table: median,
min and max wall time, the ratio of medians to the base command (the first
unless --base), the median of the per-round ratios, and the largest peak RSS
(also as a multiple of --size's bytes when given). Not a test: it prints figures.
"""
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    args = sys.argv[1:]
    runs, base, size_file, warmup = 10, None, None, 1
    commands = []
    while args:
        a = args.pop(0)
        if a == "--runs":
            runs = int(args.pop(0))
        elif a == "--base":
            base = args.pop(0)
        elif a == "--size":
            size_file = args.pop(0)
        elif a == "--warmup":
            warmup = int(args.pop(0))
        elif "=" in a:
            label, command = a.split("=", 1)
            commands.append((label, shlex.split(command)))
        else:
            sys.exit(f"bench-pairs.py: unexpected argument {a!r}")
    if not commands:
        sys.exit(__doc__)
    labels = [c[0] for c in commands]
    base = base or labels[0]
    size = os.path.getsize(size_file) if size_file else None
    load_before = " ".join(open("/proc/loadavg").read().split()[:3])
    times = {l: [] for l in labels}
    rss = {l: [] for l in labels}
    with tempfile.NamedTemporaryFile("r") as out:
        def run(argv):
            start = time.perf_counter()
            p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name] + argv,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            out.seek(0)
            lines = [l for l in out.read().split("\n") if l.strip()]
            return wall, int(lines[-1]) if lines and lines[-1].strip().isdigit() else 0, p.returncode
        for _ in range(warmup):
            for label, argv in commands:
                run(argv)
        for r in range(runs):
            order = commands[r % len(commands):] + commands[:r % len(commands)]
            for label, argv in order:
                wall, kb, status = run(argv)
                if status not in (0, 1):
                    sys.exit(f"bench-pairs.py: {label} exited with status {status}: {shlex.join(argv)}")
                times[label].append(wall)
                rss[label].append(kb)
    load = open("/proc/loadavg").read().split()[:3]
    print(f"{runs} alternating rounds (+{warmup} warm-up); load average before {load_before}, after {' '.join(load)}")
    head = "| command | median | min | max | ratio of medians to " + base + " | median of paired ratios | peak RSS |"
    if size:
        head += " RSS / file size |"
    print(head)
    print("|" + " --- |" * (head.count("|") - 1))
    mb = statistics.median(times[base])
    for label in labels:
        t = times[label]
        paired = statistics.median(a / b for a, b in zip(t, times[base]))
        row = (f"| {label} | {statistics.median(t) * 1000:.0f} ms | {min(t) * 1000:.0f} ms | {max(t) * 1000:.0f} ms"
               f" | {statistics.median(t) / mb:.2f}x | {paired:.2f}x | {max(rss[label]) / 1024:.0f} MB |")
        if size:
            row += f" {max(rss[label]) * 1024 / size:.2f}x |"
        print(row)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
