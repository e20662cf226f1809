#!/bin/sh
# xvfb-wrapper.sh COMMAND [ARG...]
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs COMMAND with a private X server of its own, so that GUI tests never depend on the
# caller's display and run in parallel without colliding: `Xvfb -displayfd` picks a free
# display number itself (taking its lock file atomically) and writes it to a file
# descriptor once it accepts connections. No display number is guessed, so there is no
# race. The server is stopped (and killed if need be) when COMMAND ends, whatever way.
# Exits with COMMAND's status, or 1 when no X server could be started: a GUI test never
# skips silently.
set -u

if ! command -v Xvfb >/dev/null 2>&1; then
    echo "xvfb-wrapper: Xvfb is not installed (Debian: apt-get install xvfb)" >&2
    exit 1
fi
if [ $# -eq 0 ]; then
    echo "usage: xvfb-wrapper.sh COMMAND [ARG...]" >&2
    exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/gradlens-xvfb.XXXXXX") || exit 1
xvfb_pid=""

cleanup() {
    if [ -n "$xvfb_pid" ] && kill -0 "$xvfb_pid" 2>/dev/null; then
        kill -TERM "$xvfb_pid" 2>/dev/null
        n=0
        while kill -0 "$xvfb_pid" 2>/dev/null && [ $n -lt 50 ]; do
            sleep 0.1
            n=$((n + 1))
        done
        kill -KILL "$xvfb_pid" 2>/dev/null
        wait "$xvfb_pid" 2>/dev/null
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# -displayfd 3: write the display number to fd 3 when ready; -noreset: keep state when
# the last client leaves (tests connect more than once)
Xvfb -displayfd 3 -screen 0 "${GRADLENS_XVFB_SCREEN:-1400x900x24}" -nolisten tcp -noreset \
    3>"$dir/display" >"$dir/xvfb.log" 2>&1 &
xvfb_pid=$!

display=""
n=0
while [ $n -lt 300 ]; do   # up to 30 s on a loaded machine
    if [ -s "$dir/display" ]; then
        display=$(head -n 1 "$dir/display" | tr -cd '0-9')
        [ -n "$display" ] && break
    fi
    if ! kill -0 "$xvfb_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
    n=$((n + 1))
done
if [ -z "$display" ]; then
    echo "xvfb-wrapper: Xvfb did not start; its log:" >&2
    cat "$dir/xvfb.log" >&2
    exit 1
fi

DISPLAY=":$display"
export DISPLAY
unset WAYLAND_DISPLAY
GDK_BACKEND=x11
export GDK_BACKEND

"$@"
status=$?
exit $status
