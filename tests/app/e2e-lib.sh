# e2e-lib.sh: what the end-to-end scripts share (sourced; POSIX sh)
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The sourcing script sets $log (the app's output), $state (GRADLENS_STATE_FILE), $pid
# (the app's process, empty when none) and $wid (its main window's X id).

# fail MESSAGE: says why, with the app's log and its last state, and exits 1
fail() {
    echo "FAIL: $*" >&2
    [ -f "$log" ] && { echo "--- application log" >&2; cat "$log" >&2; }
    [ -f "$state" ] && { echo "--- last state" >&2; cat "$state" >&2; }
    exit 1
}

# q EXPR: evaluates a Python expression over the state s
q() {
    python3 - "$state" "$1" <<'PY'
import json, sys
try:
    s = json.load(open(sys.argv[1]))
except Exception:
    print("")
    sys.exit(0)
print(eval(sys.argv[2]))
PY
}

# wait_state EXPR WHAT: until the Python expression over the state is true
wait_state() {
    n=0
    while [ $n -lt 300 ]; do
        [ "$(q "$1")" = "True" ] && return 0
        kill -0 "$pid" 2>/dev/null || fail "gradlens exited while waiting for $2"
        sleep 0.1
        n=$((n + 1))
    done
    fail "timed out waiting for $2"
}

# keys go to the main window (there is no window manager to give it the focus)
keys() {
    xdotool windowfocus "$wid" 2>/dev/null || true
    sleep 0.2
    xdotool key --clearmodifiers "$@"
}

# wait_exit WHAT: the app quits with status 0
wait_exit() {
    n=0
    while kill -0 "$pid" 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
    kill -0 "$pid" 2>/dev/null && fail "gradlens did not quit after $1"
    wait "$pid"
    status=$?
    pid=""
    [ "$status" -eq 0 ] || fail "gradlens exited with status $status after $1"
}

# check_log: the app's log holds no warning or critical
check_log() {
    if grep -E 'CRITICAL|WARNING|Gtk-|Adwaita-|GLib-' "$log"; then
        fail "warnings in the log"
    fi
}

# corner_color IMAGE: the colour of a pixel near the top left corner, as "r g b"
corner_color() {
    convert "$1" -format '%[fx:int(255*p{3,3}.r)] %[fx:int(255*p{3,3}.g)] %[fx:int(255*p{3,3}.b)]' info:
}

# same_color "R G B" "R G B": the two colours differ by at most 8 in each channel
same_color() {
    python3 -c 'import sys; a, b = (list(map(int, x.split())) for x in sys.argv[1:3]); sys.exit(0 if all(abs(p - q) <= 8 for p, q in zip(a, b)) else 1)' "$1" "$2"
}

wait_file() {
    n=0
    while [ $n -lt 100 ]; do
        [ -s "$1" ] && return 0
        sleep 0.1
        n=$((n + 1))
    done
    fail "$1 was not written"
}

# the window's X id, found by its title
window_id() {
    xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1
}

wait_window() {
    n=0
    while [ $n -lt 150 ]; do
        w=$(window_id "$1")
        [ -n "$w" ] && { echo "$w"; return 0; }
        sleep 0.1
        n=$((n + 1))
    done
    return 1
}

# wait_gone TITLE: until no window has that title (a dialog closing)
wait_gone() {
    n=0
    while [ -n "$(window_id "$1")" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
}

# export_as TITLE TYPED FILE: Ctrl+E opens the Export dialog (titled TITLE, a pattern), TYPED
# goes into its name field and Return exports; waits for FILE and for the dialog to close
export_as() {
    keys ctrl+e
    ewid=$(wait_window "$1") || fail "Ctrl+E opened no Export dialog titled $1"
    sleep 0.5
    import -window root "$tmp/shots/export-dialog.png"
    xdotool windowfocus "$ewid" 2>/dev/null || true
    xdotool key --clearmodifiers ctrl+a
    xdotool type --delay 20 "$2"
    xdotool key --clearmodifiers Return
    wait_file "$3"
    wait_gone "$1"
}

# point_at WIDGET [DX]: the pointer onto a widget of the state's "widgets", DX pixels from
# its left edge (into a number field's text) or at its middle; at half its height
point_at() {
    xy=$(q "'%d %d' % (s['widgets']['$1']['x'] + (${2:-s['widgets']['$1']['width'] / 2}), s['widgets']['$1']['y'] + s['widgets']['$1']['height'] / 2)")
    # shellcheck disable=SC2086
    xdotool mousemove --window "$wid" $xy
}

# type_into FIELD TEXT: a click into a number field (the state's widget and field FIELD), its
# text replaced by TEXT, Tab
type_into() {
    point_at "$1" 20
    xdotool click 1
    wait_state "s['fields']['$1']['focus']" "$1 to have the focus"
    xdotool key --clearmodifiers ctrl+a
    xdotool type --delay 40 "$2"
    xdotool key --clearmodifiers Tab
}
