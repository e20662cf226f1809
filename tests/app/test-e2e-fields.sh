#!/bin/sh
# test-e2e-fields.sh GRADLENS
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end, with real X wheel, mouse and key events (xdotool) under a private X server
# (xvfb-wrapper.sh): the side panel's number fields change only when meant.
#   - a depth of 5000 typed into Depth (allowed: 1 to 1000) is used as 1000 and the field
#     is marked as an error, not silently clamped,
#   - the wheel over a number field that has no focus scrolls the panel, and the field
#     keeps its value,
#   - once the field has the focus (clicked into), the wheel changes its value,
#   - the same in the Training view (Alt+5): the wheel over Steps and Learning rate without
#     focus changes neither; clicked into, Learning rate goes one step up; 500000 typed
#     into Steps (allowed: 1 to 100000) is used as 100000 and marked.
# Where to point comes from GRADLENS_STATE_FILE (see test-e2e.sh).
set -u

app=${1:?usage: test-e2e-fields.sh GRADLENS}
root=${GRADLENS_SOURCE_ROOT:?GRADLENS_SOURCE_ROOT is not set}
: "${DISPLAY:?no DISPLAY: run this through tests/app/xvfb-wrapper.sh}"
for tool in xdotool python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is missing" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gradlens-fields.XXXXXX")
mkdir -p "$tmp/home" "$tmp/config"
state="$tmp/state.json"
log="$tmp/app.log"
pid=""

cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        sleep 1
        kill -KILL "$pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
# fail, q, wait_state, keys, wait_exit, check_log, point_at and type_into
. "$(dirname "$0")/e2e-lib.sh"

cp "$root/data/presets/notebook.json" "$tmp/notebook.json"
HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" GRADLENS_STATE_FILE="$state" \
    GSETTINGS_BACKEND=memory GTK_A11Y=none GSK_RENDERER=cairo \
    "$app" "$tmp/notebook.json" >"$log" 2>&1 &
pid=$!
n=0
wid=""
while [ -z "$wid" ] && [ $n -lt 100 ]; do
    wid=$(xdotool search --onlyvisible --name 'Gradlens$' 2>/dev/null | head -n 1)
    sleep 0.1
    n=$((n + 1))
done
[ -n "$wid" ] || fail "no Gradlens window appeared"
wait_state "len(s['runs']) == 4 and not s['running'] and s['widgets']['samples'] is not None" "the notebook's runs"

echo "# type 5000 into Depth (1 to 1000) and Tab: 1000 is used and the field says so"
type_into depth 5000
wait_state "s['fields']['depth']['text'] == '1000'" "the depth to be clamped"
[ "$(q "s['fields']['depth']['error']")" = True ] || fail "the clamped depth is not marked"

echo "  Depth shows 1000, marked"

echo "# the wheel over Samples, which has no focus: the panel scrolls, Samples keeps 100"
[ "$(q "s['fields']['samples']['focus']")" = False ] || fail "Samples has the focus at the start"
samples=$(q "s['fields']['samples']['text']")
[ "$samples" = 100 ] || fail "Samples does not show the preset's 100: $samples"
y0=$(q "s['widgets']['samples']['y']")
point_at samples
sleep 0.3
xdotool click 5
sleep 0.3
xdotool click 5
sleep 1
[ "$(q "s['fields']['samples']['text']")" = "$samples" ] || fail "the wheel changed Samples: $(q "s['fields']['samples']['text']")"
wait_state "s['widgets']['samples'] is None or s['widgets']['samples']['y'] < $y0" "the panel to scroll under the wheel"
[ "$(q "s['fields']['samples']['text']")" = "$samples" ] || fail "the wheel changed Samples: $(q "s['fields']['samples']['text']")"
[ "$(q "s['fields']['samples']['focus']")" = False ] || fail "the wheel gave Samples the focus"
echo "  Samples moved up from y $y0 to $(q "s['widgets']['samples']['y']"), still $samples"

echo "# click into Samples: now the wheel changes it"
point_at samples 20
xdotool click 1
wait_state "s['fields']['samples']['focus']" "Samples to have the focus"
y1=$(q "s['widgets']['samples']['y']")
xdotool click 4
wait_state "s['fields']['samples']['text'] != '$samples'" "the wheel to change the focused field"
[ "$(q "s['fields']['samples']['text']")" = 101 ] || fail "the wheel up did not add one: $(q "s['fields']['samples']['text']")"
[ "$(q "s['widgets']['samples']['y']")" = "$y1" ] || fail "the panel scrolled under a focused field"

echo "# Alt+5, the Training view: the wheel over Steps and Learning rate, not focused, changes neither"
xdotool key --clearmodifiers alt+5
wait_state "s['view'] == 'train' and s['widgets']['train_steps'] is not None and s['widgets']['train_lr'] is not None" "the Training view"
for f in train_steps train_lr; do
    before=$(q "s['fields']['$f']['text']")
    [ "$(q "s['fields']['$f']['focus']")" = False ] || fail "$f has the focus at the start"
    point_at "$f"
    sleep 0.3
    xdotool click 4
    sleep 0.3
    xdotool click 5
    sleep 0.3
    xdotool click 5
    sleep 1
    [ "$(q "s['fields']['$f']['text']")" = "$before" ] || fail "the wheel changed $f: $before -> $(q "s['fields']['$f']['text']")"
    [ "$(q "s['fields']['$f']['focus']")" = False ] || fail "the wheel gave $f the focus"
    echo "  $f kept $before under the wheel"
done

echo "# click into Learning rate: now the wheel changes it, one step (0.01) up"
lr=$(q "s['fields']['train_lr']['text']")
point_at train_lr 20
xdotool click 1
wait_state "s['fields']['train_lr']['focus']" "Learning rate to have the focus"
xdotool click 4
wait_state "s['fields']['train_lr']['text'] != '$lr'" "the wheel to change the focused learning rate"
[ "$(q "abs(float(s['fields']['train_lr']['text']) - ($lr + 0.01)) < 1e-9")" = True ] \
    || fail "the wheel up did not add 0.01 to $lr: $(q "s['fields']['train_lr']['text']")"
echo "  Learning rate $lr -> $(q "s['fields']['train_lr']['text']")"

echo "# type 500000 into Steps (1 to 100000) and Tab: 100000 is used and the field says so"
type_into train_steps 500000
wait_state "s['fields']['train_steps']['text'] == '100000'" "the steps to be clamped"
[ "$(q "s['fields']['train_steps']['error']")" = True ] || fail "the clamped steps are not marked"
echo "  Steps shows 100000, marked"

keys ctrl+q
wait_exit "Ctrl+Q"
check_log
echo "ok: number fields"
