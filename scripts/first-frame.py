#!/usr/bin/env python3
"""Time from starting the dashboard to its first frame, and to the data, in a real pty.

Not a test: it prints figures for docs/PERFORMANCE.md (issue 11: the first frame
within 150 ms of start on 1M rows, the data when the load finishes, a key
answered within 50 ms during the load).

    scripts/first-frame.py BIN DATA_DIR [RUNS]

Each run starts `BIN --data DATA_DIR` in a new 120x40 pty (TERM=xterm-256color),
reads its output and notes when "Esc cancels" (the loading screen) first
appears, then when "Loaded " (the Overview of the data) appears. During the
load it presses `?` and notes how long the help takes to appear. Then it sends
`q` and waits for the exit. Medians over RUNS (default 5).
"""
import os
import pty
import select
import statistics
import struct
import sys
import termios
import fcntl
import time


def run_once(binary, data):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["LANG"] = "C.UTF-8"
        os.environ.pop("NO_COLOR", None)
        os.environ["XDG_STATE_HOME"] = "/nonexistent-uptake-bench-state"
        os.execv(binary, [binary, "--data", data])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.monotonic()
    seen = b""
    first = loaded = key = None
    asked = None
    deadline = start + 300
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.01)
        if r:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            now = time.monotonic()
            if first is None and b"Esc cancels" in seen:
                first = now - start
                seen = b""
                os.write(fd, b"?")
                asked = now
            elif asked is not None and key is None and b"cancel loading" in seen:
                key = now - asked
                os.write(fd, b"\x1b")  # close the help
            if first is not None and b"Loaded " in seen:
                loaded = now - start
                break
    os.write(fd, b"q")
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)
    return first, key, loaded


def main():
    binary, data = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    firsts, keys, loads = [], [], []
    for _ in range(runs):
        f, k, l = run_once(binary, data)
        if f is not None:
            firsts.append(f * 1000)
        if k is not None:
            keys.append(k * 1000)
        if l is not None:
            loads.append(l * 1000)
    def show(name, xs):
        if xs:
            print(f"{name}: median {statistics.median(xs):.0f} ms (min {min(xs):.0f}, max {max(xs):.0f}, {len(xs)} runs)")
        else:
            print(f"{name}: not seen")
    show("first frame (loading screen)", firsts)
    show("key answered during the load (? opens help)", keys)
    show("data on screen", loads)


if __name__ == "__main__":
    main()
