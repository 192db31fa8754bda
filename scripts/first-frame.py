#!/usr/bin/env python3
"""Time from starting the dashboard to its first frame, and to the data, in a real pty.

Not a test: it prints figures for docs/PERFORMANCE.md (issue 11: the first frame
within 150 ms of start on 1M rows, the data when the load finishes, a key
answered within 50 ms during the load).

    scripts/first-frame.py BIN DATA_DIR [RUNS] [--every SECONDS]

Each run starts `BIN --data DATA_DIR` in a new 120x40 pty (TERM=xterm-256color),
reads its output and notes when "Esc cancels" (the loading screen) first
appears, then when "Loaded " (the Overview of the data) appears. During the
load it presses `?` and notes how long the help takes to appear ("cancel
loading", which only the loading screen's help says), then presses `?` again
to close it. With `--every S` it does that again every S seconds until the data
arrives (a long load: 10M rows), and reports the worst answer as well as the
median, and how many presses fell after the file was read (100%: the index is
being built). Then it sends `q` and waits for the exit. Medians over RUNS
(default 5).
"""
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time


def run_once(binary, data, every):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["LANG"] = "C.UTF-8"
        os.environ.pop("NO_COLOR", None)
        os.environ["XDG_STATE_HOME"] = "/nonexistent-uptake-bench-state"
        os.execv(binary, [binary, "--data", data])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.monotonic()
    seen = tail = b""
    unanswered = 0
    pending = False
    first = loaded = read_done = None
    keys = []          # (pressed at, seconds since start; answered after, seconds)
    asked = None       # when the `?` that opens the help was pressed, until it is seen
    next_press = None  # when to press `?` again (with --every)
    deadline = start + 600
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.002)
        now = time.monotonic()
        if r:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            now = time.monotonic()
            window = tail + chunk  # across the chunk boundary
            tail = window[-64:]
            if read_done is None and first is not None and b"100%" in window:
                read_done = now - start
            if loaded is None and first is not None and b"Loaded " in window:
                loaded = now - start
            if first is None and b"Esc cancels" in seen:
                first = now - start
                seen = b""
                os.write(fd, b"?")
                asked = now
            elif asked is not None and b"cancel loading" in seen:
                keys.append((asked - start, now - asked))
                asked = None
                seen = b""
                os.write(fd, b"?")  # close the help (the data may arrive under it: closing redraws the pane)
                next_press = now + every if every else None
            if loaded is not None:
                pending = asked is not None  # pressed just before the data came: its help is the data's
                break
        if asked is not None and now - asked > 5:
            # No help after 5 s: the data may have come first (its help says other things, and may hide
            # "Loaded "). Close it (which redraws what it covered) and go on.
            unanswered += 1
            asked = None
            seen = b""
            os.write(fd, b"?")
        if next_press is not None and asked is None and loaded is None and now >= next_press:
            seen = b""
            os.write(fd, b"?")
            asked = now
            next_press = None
    # A help still open (a key pressed as the data came) takes the first key: Esc closes it, then q quits.
    os.write(fd, b"\x1b" if pending else b"q")
    if pending:
        time.sleep(0.3)
        os.write(fd, b"q")
    quit_by = time.monotonic() + 30
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            break
        if done:
            break
        if time.monotonic() > quit_by:
            os.kill(pid, 15)
            os.waitpid(pid, 0)
            break
        try:
            if select.select([fd], [], [], 0.01)[0]:
                os.read(fd, 1 << 16)  # keep draining, so the dashboard is never blocked writing its last frames
        except OSError:
            time.sleep(0.01)
    os.close(fd)
    return first, keys, loaded, read_done, unanswered, pending


def main():
    args = sys.argv[1:]
    every = None
    if "--every" in args:
        i = args.index("--every")
        every = float(args[i + 1])
        del args[i:i + 2]
    binary, data = args[0], args[1]
    runs = int(args[2]) if len(args) > 2 else 5
    firsts, keys, worst, loads = [], [], [], []
    for n in range(runs):
        f, k, l, done, unanswered, pending = run_once(binary, data, every)
        if f is not None:
            firsts.append(f * 1000)
        if k:
            keys.extend(ms for _, ms in [(a, b * 1000) for a, b in k])
            worst.append(max(b for _, b in k) * 1000)
        if l is not None:
            loads.append(l * 1000)
        after = sum(1 for a, _ in k if done is not None and a >= done)
        print(f"run {n + 1}: first frame {f * 1000 if f else float('nan'):.0f} ms; file read at "
              f"{done * 1000 if done else float('nan'):.0f} ms; data at {l * 1000 if l else float('nan'):.0f} ms; "
              f"{len(k)} keys answered ({after} after the file was read), worst {max((b for _, b in k), default=0) * 1000:.0f} ms"
              + (f"; {unanswered} not answered within 5 s" if unanswered else "")
              + ("; one pressed as the data came (not counted)" if pending else ""), flush=True)
        slow = [(a, b) for a, b in k if b * 1000 > 50]
        if slow:
            print("  answered after more than 50 ms: " + ", ".join(f"{b * 1000:.0f} ms (pressed at {a:.1f} s)" for a, b in slow), flush=True)

    def show(name, xs):
        if xs:
            print(f"{name}: median {statistics.median(xs):.0f} ms (min {min(xs):.0f}, max {max(xs):.0f}, {len(xs)} samples)")
        else:
            print(f"{name}: not seen")
    show("first frame (loading screen)", firsts)
    show("key answered during the load (? opens help)", keys)
    show("worst key answer per run", worst)
    show("data on screen", loads)


if __name__ == "__main__":
    main()
