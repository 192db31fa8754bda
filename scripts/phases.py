#!/usr/bin/env python3
"""Where one uptake command's wall time goes: the phases it marks, as medians over runs.

    phases.py [--runs N] BIN ARG...      e.g. phases.py --runs 9 .build/release/uptake report --data DIR --format csv

Runs `BIN ARG...` N times (standard output to /dev/null) with UPTAKE_PHASES=1, which makes uptake write a
line `uptake-phase MS NAME` to standard error at each phase it marks (MS: CLOCK_MONOTONIC in milliseconds,
the clock Python's time.monotonic reads here). Prints a Markdown table: each phase's median time since the
process was started and the median step from the row above (phases in order of their medians; the two
halves of a parse run at once, so the later's step is the gap between them), then the exit. Not a test: it prints figures.
"""
import os
import statistics
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    runs = 9
    if args[:1] == ["--runs"]:
        runs = int(args[1])
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    env = dict(os.environ, UPTAKE_PHASES="1")
    times = []   # per run: phase name -> ms since the process was started
    for _ in range(runs):
        start = time.monotonic() * 1000
        done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        end = time.monotonic() * 1000
        marks = {p[2]: float(p[1]) - start for p in
                 (line.split(" ", 2) for line in done.stderr.decode("utf-8", "replace").splitlines())
                 if len(p) == 3 and p[0] == "uptake-phase"}
        marks["exit"] = end - start
        times.append(marks)
    names = {name for marks in times for name in marks}
    at = {name: statistics.median(m[name] for m in times if name in m) for name in names}
    order = sorted(names, key=lambda name: at[name])
    print(f"{runs} runs of {' '.join(args)}")
    print("| phase | since start (median ms) | step from the row above (median ms) |")
    print("| --- | --- | --- |")
    previous = None
    for name in order:
        steps = [m[name] - (m[previous] if previous else 0) for m in times if name in m and (previous is None or previous in m)]
        print(f"| {name} | {at[name]:.0f} | {statistics.median(steps):.0f} |")
        previous = name


if __name__ == "__main__":
    main()
