#!/usr/bin/python3
# progress-timeline.py
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""When a long run first tells its progress, and how it moves: runs a
gradlens-cli command with GRADLENS_PROGRESS=now (progress on stderr from the
start) and prints the seconds from the start to the first update and to
each quarter, and the exit. Give two binaries (say, two builds) to compare
them on the same work in one run, alternating.

    /usr/bin/python3 tests/bench/progress-timeline.py build/src/cli/gradlens-cli [OTHER-CLI] \\
        [-- run --depth 1000 --width 512 --format json]
"""
import os
import re
import subprocess
import sys
import time


def timeline(command):
    env = dict(os.environ, GRADLENS_PROGRESS="now")
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    line = b""
    marks = []
    while True:
        c = process.stderr.read(1)
        if not c:
            break
        if c != b"\r":
            line += c
            continue
        found = re.search(rb"\((\d+)%\)", line)
        if found:
            marks.append((time.monotonic() - start, int(found.group(1))))
        line = b""
    process.wait()
    return marks, time.monotonic() - start, process.returncode


def main():
    args = sys.argv[1:]
    work = ["run", "--depth", "1000", "--width", "512", "--format", "json"]
    if "--" in args:
        work = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    if not args:
        sys.exit(__doc__)
    for rounds in range(2):
        for cli in args:
            marks, end, status = timeline([cli] + work)
            quarters = {}
            for t, percent in marks:
                for q in (25, 50, 75, 100):
                    if percent >= q and q not in quarters:
                        quarters[q] = t
            first = f"first update at {marks[0][0]:.2f} s ({marks[0][1]}%)" if marks else "no update"
            told = ", ".join(f"{q}% at {t:.2f} s" for q, t in sorted(quarters.items()))
            print(f"{cli}: {first}; {told}; exit {status} at {end:.2f} s")


if __name__ == "__main__":
    main()
