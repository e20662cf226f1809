#!/bin/sh
# test-e2e-recover.sh GRADLENS
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end, with real keys (xdotool) under a private X server (xvfb-wrapper.sh): unsaved
# work survives a crash.
#   - the user's experiment (a copy of the notebook's preset) gets a fifth run with
#     Ctrl+Return: the title marks it modified and a draft appears in
#     $XDG_STATE_HOME/gradlens/drafts,
#   - the app is killed (SIGKILL: no question, no clean-up),
#   - started again without a file, it shows the experiment as it was: five runs, still
#     modified ("•"), with the user's file,
#   - Ctrl+S writes the five runs to the user's file and the draft goes,
#   - Ctrl+Q quits at once (nothing unsaved) with status 0, and the log has no warning.
# Where the app is comes from GRADLENS_STATE_FILE (see test-e2e.sh).
set -u

app=${1:?usage: test-e2e-recover.sh GRADLENS}
root=${GRADLENS_SOURCE_ROOT:?GRADLENS_SOURCE_ROOT is not set}
: "${DISPLAY:?no DISPLAY: run this through tests/app/xvfb-wrapper.sh}"
for tool in xdotool python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is missing" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gradlens-recover.XXXXXX")
mkdir -p "$tmp/home" "$tmp/config" "$tmp/state"
state="$tmp/state.json"
log="$tmp/app.log"
drafts="$tmp/state/gradlens/drafts"
pid=""

cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
# fail, q, wait_state, keys, wait_exit and check_log
. "$(dirname "$0")/e2e-lib.sh"

# start_app [FILE]: gradlens, on FILE or on nothing, with a fresh state file
start_app() {
    rm -f "$state"
    HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" GRADLENS_STATE_FILE="$state" \
        GSETTINGS_BACKEND=memory GTK_A11Y=none GSK_RENDERER=cairo \
        "$app" "$@" >>"$log" 2>&1 &
    pid=$!
    n=0
    wid=""
    while [ -z "$wid" ] && [ $n -lt 100 ]; do
        wid=$(xdotool search --onlyvisible --pid "$pid" --name 'Gradlens$' 2>/dev/null | head -n 1)
        sleep 0.1
        n=$((n + 1))
    done
    [ -n "$wid" ] || fail "no Gradlens window appeared"
}

drafts_written() {
    ls "$drafts"/*.json 2>/dev/null | wc -l
}

echo "# the user's experiment, a fifth run (Ctrl+Return): modified, and a draft on disk"
cp "$root/data/presets/notebook.json" "$tmp/mine.json"
start_app "$tmp/mine.json"
wait_state "len(s['runs']) == 4 and not s['running']" "the experiment's four runs"
title=$(q "s['title']")
keys ctrl+Return
wait_state "len(s['runs']) == 5 and not s['running'] and s['modified']" "the fifth run"
n=0
while [ "$(drafts_written)" -lt 1 ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(drafts_written)" -eq 1 ] || fail "no draft was written in $drafts"
echo "  $(ls "$drafts")"

echo "# the app is killed (SIGKILL)"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
pid=""

echo "# started again without a file: the five runs, still modified, with the user's file"
start_app
wait_state "len(s['runs']) == 5 and not s['running']" "the recovered runs"
[ "$(q "s['modified']")" = True ] || fail "the recovered experiment is not marked modified"
[ "$(q "s['title']")" = "• $title" ] || fail "the title is $(q "s['title']"), not • $title"
[ "$(q "s['runs'][4]['depth']")" = 5 ] || fail "the fifth run is not the one added"
[ "$(drafts_written)" -eq 1 ] || fail "the recovered draft is not kept until saved"
echo "  $(q "s['title']")"

echo "# Ctrl+S: the five runs in the user's file, the draft gone"
keys ctrl+s
wait_state "not s['modified']" "the save"
python3 - "$tmp/mine.json" <<'PY' || fail "mine.json does not hold the five runs"
import json, sys
sys.exit(0 if len(json.load(open(sys.argv[1]))["runs"]) == 5 else 1)
PY
n=0
while [ "$(drafts_written)" -gt 0 ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(drafts_written)" -eq 0 ] || fail "the draft stayed after the save: $(ls "$drafts")"

echo "# Ctrl+Q quits at once with status 0"
keys ctrl+q
wait_exit "Ctrl+Q"
check_log
echo "ok: unsaved work recovered after a crash"
