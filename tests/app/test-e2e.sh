#!/bin/sh
# test-e2e.sh GRADLENS READ-CLIPBOARD
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end: starts the real gradlens binary with the notebook's preset on the command
# line (under xvfb-wrapper.sh, which provides a private X server) and drives it like a
# user, with real X key and mouse events from xdotool:
#   - the four runs are computed and drawn: each run's colour is counted in a screenshot
#     of the plot (ImageMagick),
#   - a click on a legend entry hides that run (its colour leaves the plot) and a second
#     click shows it again,
#   - a click in the Depth field, typing 8 and Ctrl+Return add a fifth run, 8 layers
#     deep, in the next palette colour,
#   - a click in the table of values and Ctrl+C put the selected run's values on the
#     clipboard as tab-separated text,
#   - a long run (typed into the fields, the side panel scrolled with the wheel) shows
#     progress and Escape stops it without adding a run,
#   - Ctrl+E opens the Export file chooser in the home folder (the pictures folder is
#     missing; never the working folder), where a bare name is typed; then full paths: a
#     PNG (checked for size and colours) and a CSV (checked for its rows),
#   - the exported PNG's background is the screen's (the window's theme, not the preset's),
#   - Ctrl+E and Return at once export in the format and folder of the last export (CSV),
#   - choosing "SVG Image" in the Export dialog's format drop-down (a click, Home, Down,
#     Return) turns the offered name's extension into .svg and an SVG is written; a typed
#     .pdf name wins over the format offered (SVG) and a PDF is written,
#   - Alt+2 shows the forward pass of every run, Alt+4 the depth sweep, where a last depth
#     typed into its field and Ctrl+Shift+Return compute a sweep that is drawn, and Escape
#     stops a long one,
#   - the title marks the modified experiment with "•"; Ctrl+Q asks Save / Discard /
#     Cancel: Escape (Cancel) keeps the app, Return (Save) writes the file and quits with
#     status 0; started again, a sixth run and Alt+D (Discard) quit leaving the file as it
#     was,
#   - a shipped preset (data/presets/notebook.json) opens as "Untitled (from ...)": Ctrl+S
#     asks for a new file in the XDG documents folder and the shipped file stays byte for
#     byte,
#   - F1 opens the guide, whose first "Show Me" (focused, Space) opens the sigmoid figure,
#   - the log holds no GTK warning or critical.
# Where to click comes from GRADLENS_STATE_FILE, a state dump the window writes after
# each frame (runs, legend entries and widget boxes in window coordinates); the test
# never exports or acts through it.
set -u

app=${1:?usage: test-e2e.sh GRADLENS READ-CLIPBOARD}
read_clipboard=${2:?usage: test-e2e.sh GRADLENS READ-CLIPBOARD}
root=${GRADLENS_SOURCE_ROOT:?GRADLENS_SOURCE_ROOT is not set}
: "${DISPLAY:?no DISPLAY: run this through tests/app/xvfb-wrapper.sh}"
for tool in xdotool convert import identify python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is missing" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gradlens-e2e.XXXXXX")
mkdir -p "$tmp/home" "$tmp/config" "$tmp/out" "$tmp/shots" "$tmp/docs"
# the user's documents folder, where Save As starts for a template
echo "XDG_DOCUMENTS_DIR=\"$tmp/docs\"" > "$tmp/config/user-dirs.dirs"
state="$tmp/state.json"
log="$tmp/app.log"
pid=""
# GRADLENS_E2E_KEEP=1 keeps the screenshots, exports and logs for a look
keep=${GRADLENS_E2E_KEEP:-0}

cleanup() {
    # never leave a shipped preset rewritten, whatever happened
    if [ -f "$tmp/shipped-before.json" ] && ! cmp -s "$tmp/shipped-before.json" "$root/data/presets/notebook.json"; then
        cp "$tmp/shipped-before.json" "$root/data/presets/notebook.json"
    fi
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        sleep 1
        kill -KILL "$pid" 2>/dev/null
    fi
    if [ "${keep:-0}" = 1 ]; then
        echo "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
# fail, q, wait_state, keys, wait_exit, check_log, the windows' and files' waits, export_as,
# corner_color and same_color
. "$(dirname "$0")/e2e-lib.sh"

step() {
    echo "# $*"
}

# set_spin NAME VALUE: click into a spin button of the side panel and type a value
set_spin() {
    point_at "$1" 20
    xdotool click 1
    sleep 0.2
    keys ctrl+a
    xdotool type --delay 40 "$2"
}

# count_color IMAGE COLOUR: pixels of that colour (within a small tolerance)
count_color() {
    convert "$1" -alpha off -fuzz 6% -fill black +opaque "$2" -fill white -opaque "$2" \
        -format '%[fx:int(mean*w*h+0.5)]' info:
}

# widget_shot NAME WIDGET: a screenshot cropped to a widget of the state's "widgets"
widget_shot() {
    import -window root "$tmp/shots/$1-full.png" || fail "screenshot failed"
    geometry=$(q "'%dx%d+%d+%d' % (s['widgets']['$2']['width'], s['widgets']['$2']['height'], s['widgets']['$2']['x'] + $wx, s['widgets']['$2']['y'] + $wy)")
    convert "$tmp/shots/$1-full.png" -crop "$geometry" +repage "$tmp/shots/$1.png" || fail "crop failed"
    echo "$tmp/shots/$1.png"
}

# plot_shot NAME: a screenshot of the root window, cropped to the plot
plot_shot() {
    import -window root "$tmp/shots/$1-full.png" || fail "screenshot failed"
    geometry=$(q "'%dx%d+%d+%d' % (s['plot']['width'], s['plot']['height'], s['plot']['x'] + $wx, s['plot']['y'] + $wy)")
    convert "$tmp/shots/$1-full.png" -crop "$geometry" +repage "$tmp/shots/$1.png" || fail "crop failed"
    echo "$tmp/shots/$1.png"
}

# start_app FILE: starts gradlens on FILE with a fresh state file
start_app() {
    rm -f "$state"
    HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" GRADLENS_STATE_FILE="$state" \
        GSETTINGS_BACKEND=memory GTK_A11Y=none GSK_RENDERER=cairo \
        "$app" "$1" >>"$log" 2>&1 &
    pid=$!
    wid=$(wait_window 'Gradlens$') || fail "no Gradlens window appeared"
}

blue='#636efa'
red='#EF553B'
green='#00cc96'
purple='#ab63fa'
orange='#FFA15A'

cp "$root/data/presets/notebook.json" "$tmp/notebook.json"

step "start gradlens with the notebook's preset"
HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" GRADLENS_STATE_FILE="$state" \
    GSETTINGS_BACKEND=memory GTK_A11Y=none GSK_RENDERER=cairo \
    "$app" "$tmp/notebook.json" >"$log" 2>&1 &
pid=$!

wid=$(wait_window 'Gradlens$') || fail "no Gradlens window appeared"
wait_state "len(s['runs']) == 4 and not s['running']" "the notebook's four runs"
wait_state "s['runs'][0]['legend'] is not None" "the legend"
eval "$(xdotool getwindowgeometry --shell "$wid" | grep -E '^(X|Y)=')"
wx=$X
wy=$Y
title=$(xdotool getwindowname "$wid")
case "$title" in
    *"Vanishing gradients"*Gradlens*) ;;
    *) fail "the window title names neither the preset nor Gradlens: $title" ;;
esac

step "the plot shows the four runs"
shot=$(plot_shot notebook)
for c in "$blue" "$red" "$green" "$purple"; do
    n=$(count_color "$shot" "$c")
    echo "  $c: $n pixels"
    [ "$n" -gt 150 ] || fail "colour $c has only $n pixels in the plot"
done
blue_before=$(count_color "$shot" "$blue")

step "click the first legend entry: the run is hidden"
lx=$(q "int(s['runs'][0]['legend']['x'] + 12)")
ly=$(q "int(s['runs'][0]['legend']['y'] + s['runs'][0]['legend']['height'] / 2)")
xdotool mousemove --window "$wid" "$lx" "$ly" click 1
wait_state "s['runs'][0]['visible'] == False" "the first run to be hidden"
shot=$(plot_shot hidden)
blue_hidden=$(count_color "$shot" "$blue")
echo "  $blue: $blue_before -> $blue_hidden pixels"
[ "$blue_hidden" -lt $((blue_before / 4)) ] || fail "the hidden run is still drawn ($blue_hidden pixels)"

step "click it again: the run is back"
xdotool mousemove --window "$wid" "$lx" "$ly" click 1
wait_state "s['runs'][0]['visible'] == True" "the first run to be shown"
shot=$(plot_shot shown)
n=$(count_color "$shot" "$blue")
[ "$n" -gt $((blue_before * 3 / 4)) ] || fail "the run did not come back ($n pixels)"
xdotool mousemove --window "$wid" 5 5

step "type depth 8 and press Ctrl+Return: a fifth run in the next colour"
set_spin depth 8
keys ctrl+Return
wait_state "len(s['runs']) == 5 and not s['running']" "the fifth run"
[ "$(q "s['runs'][4]['depth']")" = 8 ] || fail "the fifth run is not 8 layers deep: $(q "s['runs'][4]")"
[ "$(q "s['runs'][4]['color'].lower()")" = "$(echo "$orange" | tr 'A-F' 'a-f')" ] || fail "the fifth run is not orange"
shot=$(plot_shot five)
n=$(count_color "$shot" "$orange")
echo "  $orange: $n pixels"
[ "$n" -gt 150 ] || fail "the fifth run is not drawn ($n pixels)"

step "click in the table of values, Ctrl+C: the values are on the clipboard"
tx=$(q "int(s['widgets']['values']['x'] + 40)")
ty=$(q "int(s['widgets']['values']['y'] + 40)")
xdotool mousemove --window "$wid" "$tx" "$ty" click 1
sleep 0.3
keys ctrl+c
sleep 0.5
"$read_clipboard" > "$tmp/clipboard.tsv" || fail "nothing on the clipboard"
head -n 1 "$tmp/clipboard.tsv" | grep -q "$(printf '^parameter\tshape\tgrad_norm$')" || fail "the clipboard lacks the header: $(head -n 1 "$tmp/clipboard.tsv")"
[ "$(wc -l < "$tmp/clipboard.tsv")" -eq 17 ] || fail "the clipboard does not hold the 16 parameters of the fifth run"
grep -q "$(printf '^lin8.weight\t1x10\t')" "$tmp/clipboard.tsv" || fail "the clipboard lacks lin8.weight"

step "a long run: progress shows, Escape stops it, nothing is added"
set_spin width 256
set_spin samples 256
set_spin depth 60
point_at controls
n=0
while [ "$(q "s['widgets']['seeds']['y'] + s['widgets']['seeds']['height'] <= s['widgets']['controls']['y'] + s['widgets']['controls']['height']")" != True ]; do
    [ $n -lt 30 ] || fail "could not scroll the Seeds field into view"
    xdotool click 5
    sleep 0.2
    n=$((n + 1))
done
set_spin seeds 5000
keys ctrl+Return
wait_state "s['running']" "the long run to start"
sleep 1
import -window root "$tmp/shots/running.png"
[ "$(q "s['running']")" = True ] || fail "the long run ended by itself"
keys Escape
wait_state "not s['running']" "Escape to stop the run"
[ "$(q "len(s['runs'])")" = 5 ] || fail "the stopped run was added"
set_spin seeds 1

step "Ctrl+E, a bare name: the first export goes to the home folder (there is no pictures folder), never the working folder"
export_as '^Export$' first.png "$tmp/home/first.png"

step "Ctrl+E, type a .png path in the file chooser: the figure is exported"
export_as '^Export$' "$tmp/out/figure.png" "$tmp/out/figure.png"
size=$(identify -format '%wx%h' "$tmp/out/figure.png") || fail "figure.png is not an image"
[ "$size" = "1600x900" ] || fail "figure.png is $size, not 1600x900"
for c in "$blue" "$red" "$green" "$purple" "$orange"; do
    n=$(count_color "$tmp/out/figure.png" "$c")
    echo "  figure.png $c: $n pixels"
    [ "$n" -gt 200 ] || fail "colour $c has only $n pixels in the exported figure"
done
# the export looks like the screen: the window is light (the preset asks for dark), and
# so is the figure's background by default
screen_bg=$(corner_color "$(plot_shot screen-theme)")
figure_bg=$(corner_color "$tmp/out/figure.png")
echo "  background: screen $screen_bg, figure.png $figure_bg"
same_color "$screen_bg" "$figure_bg" || fail "figure.png's background ($figure_bg) is not the screen's ($screen_bg)"

step "Ctrl+E again, a .csv path: the values are exported"
export_as '^Export$' "$tmp/out/values.csv" "$tmp/out/values.csv"
rows=$(grep -c ',weight,\|,bias,' "$tmp/out/values.csv")   # the kind column (the header has weight_gain)
# 4 runs of 5 layers and one of 8, two parameters per layer
[ "$rows" -eq 56 ] || fail "values.csv has $rows parameter rows, not 56"
grep -q 'Vanilla Sigmoid Network' "$tmp/out/values.csv" || fail "values.csv lacks the run labels"

step "Ctrl+E, Return: the format (CSV) and the folder of the last export are offered"
keys ctrl+e
ewid=$(wait_window '^Export$') || fail "Ctrl+E opened no Export dialog"
sleep 0.5
xdotool windowfocus "$ewid" 2>/dev/null || true
xdotool key --clearmodifiers Return
wait_file "$tmp/out/vanishing-gradients-sigmoid-vs-leaky-relu.csv"
wait_gone '^Export$'

step "Ctrl+E, the format drop-down set to SVG Image with a click and keys: the name follows"
keys ctrl+e
ewid=$(wait_window '^Export$') || fail "Ctrl+E opened no Export dialog"
sleep 0.5
eval "$(xdotool getwindowgeometry --shell "$ewid")"
# the format drop-down is at the right end of the row above the buttons
xdotool mousemove --window "$ewid" $((WIDTH - 70)) $((HEIGHT - 82)) click 1
sleep 0.7
xdotool key --clearmodifiers Home
sleep 0.2
xdotool key --clearmodifiers Down
sleep 0.2
xdotool key --clearmodifiers Return
sleep 0.5
import -window root "$tmp/shots/export-svg-chosen.png"
# the name in the dialog (copied from its field as a user would) follows the format
xdotool mousemove --window "$ewid" $((WIDTH / 2)) 16 click 1
sleep 0.2
xdotool key --clearmodifiers ctrl+a ctrl+c
sleep 0.3
name=$("$read_clipboard") || fail "the name field's text did not reach the clipboard"
echo "  name after choosing SVG Image: $name"
[ "$name" = "vanishing-gradients-sigmoid-vs-leaky-relu.svg" ] || fail "the name did not follow the format: $name"
xdotool key --clearmodifiers Return
wait_file "$tmp/out/vanishing-gradients-sigmoid-vs-leaky-relu.svg"
head -c 400 "$tmp/out/vanishing-gradients-sigmoid-vs-leaky-relu.svg" | grep -q '<svg' \
    || fail "the .svg export is not an SVG"
wait_gone '^Export$'

step "Ctrl+E offers SVG now; a typed .pdf name wins over the format: a PDF"
export_as '^Export$' "$tmp/out/typed.pdf" "$tmp/out/typed.pdf"
[ "$(head -c 5 "$tmp/out/typed.pdf")" = "%PDF-" ] || fail "typed.pdf is not a PDF"
[ ! -e "$tmp/out/typed.pdf.svg" ] && [ ! -e "$tmp/out/typed.svg" ] || fail "a typed .pdf was written as SVG"

step "Alt+2: the forward pass of the five runs, per layer"
keys alt+2
wait_state "s['view'] == 'forward' and s['widgets']['forward_plot'] is not None" "the forward view"
sleep 0.3
shot=$(widget_shot forward forward_plot)
for c in "$red" "$purple" "$orange"; do
    n=$(count_color "$shot" "$c")
    echo "  $c: $n pixels"
    [ "$n" -gt 100 ] || fail "colour $c has only $n pixels in the forward view"
done

step "Alt+4, last depth 12, Ctrl+Shift+Return: a depth sweep, drawn"
keys alt+4
wait_state "s['view'] == 'sweep' and s['widgets']['sweep_to'] is not None" "the sweep view"
point_at controls
n=0
while [ "$(q "s['widgets']['sweep_to']['y'] >= s['widgets']['controls']['y']")" != True ]; do
    [ $n -lt 40 ] || fail "could not scroll the sweep's fields into view"
    xdotool click 4
    sleep 0.2
    n=$((n + 1))
done
set_spin sweep_to 12
keys ctrl+shift+Return
wait_state "len(s['sweeps']) == 1 and s['sweeps'][0]['points'] == 12 and not s['running']" "the sweep"
sleep 0.3
shot=$(widget_shot sweep sweep_plot)
n=$(count_color "$shot" "$blue")
echo "  $blue: $n pixels"
[ "$n" -gt 150 ] || fail "the sweep is not drawn ($n pixels)"

step "a long sweep: Escape stops it and keeps the depths it computed, a series of its own"
set_spin sweep_to 400
keys ctrl+shift+Return
wait_state "s['running']" "the long sweep to start"
sleep 1
import -window root "$tmp/shots/sweeping.png"
[ "$(q "s['running']")" = True ] || fail "the long sweep ended by itself"
keys Escape
wait_state "not s['running']" "Escape to stop the sweep"
[ "$(q "len(s['sweeps']) == 2 and s['sweeps'][0]['points'] == 12 and 1 <= s['sweeps'][1]['points'] < 400")" = True ] ||
  fail "the stopped sweep did not keep its depths beside the first sweep: $(q "[w['points'] for w in s['sweeps']]")"

step "the title marks the experiment as modified"
wait_state "s['modified'] and s['title'].startswith('• ')" "the modified mark in the title"

step "Ctrl+Q with unsaved changes asks; Escape (Cancel) keeps the app and the runs"
keys ctrl+q
dwid=$(wait_window '^Save Changes') || fail "Ctrl+Q with unsaved changes asked nothing"
wait_state "s['asking']" "the question"
sleep 0.5
import -window root "$tmp/shots/save-changes.png"
xdotool windowfocus "$dwid" 2>/dev/null || true
xdotool key --clearmodifiers Escape
wait_state "not s['asking']" "Cancel to close the question"
kill -0 "$pid" 2>/dev/null || fail "Cancel quit the app"
[ "$(q "len(s['runs']) == 5 and s['modified']")" = True ] || fail "Cancel changed the experiment"

step "Ctrl+Q, Return (Save): the experiment is written and the app quits"
keys ctrl+q
dwid=$(wait_window '^Save Changes') || fail "the second Ctrl+Q asked nothing"
sleep 0.3
xdotool windowfocus "$dwid" 2>/dev/null || true
xdotool key --clearmodifiers Return
wait_exit "Save in the question"
python3 - "$tmp/notebook.json" <<'EOF2' || fail "Save did not write the five runs"
import json, sys
p = json.load(open(sys.argv[1]))
assert len(p['runs']) == 5, len(p['runs'])
assert p['runs'][4]['network']['depth'] == 8, p['runs'][4]
EOF2
check_log

step "again: a sixth run, Ctrl+Q, Alt+D (Discard): the app quits, the file keeps five runs"
cp "$tmp/notebook.json" "$tmp/saved.json"
start_app "$tmp/notebook.json"
wait_state "len(s['runs']) == 5 and not s['running']" "the saved five runs"
[ "$(q "s['modified'] or '•' in s['title']")" = False ] || fail "a file just opened is marked modified: $(q "s['title']")"
keys ctrl+Return
wait_state "len(s['runs']) == 6 and not s['running'] and s['modified']" "the sixth run"
keys ctrl+q
dwid=$(wait_window '^Save Changes') || fail "Ctrl+Q with a sixth run asked nothing"
sleep 0.3
xdotool windowfocus "$dwid" 2>/dev/null || true
xdotool key --clearmodifiers alt+d
wait_exit "Discard in the question"
cmp -s "$tmp/notebook.json" "$tmp/saved.json" || fail "Discard changed the file"
check_log

step "a shipped preset is a template: Ctrl+S asks for a new file in Documents, the shipped file stays"
shipped="$root/data/presets/notebook.json"
cp "$shipped" "$tmp/shipped-before.json"
start_app "$shipped"
wait_state "len(s['runs']) == 4 and not s['running']" "the shipped preset's four runs"
case "$(q "s['title']")" in
    "Untitled (from Vanishing gradients"*) ;;
    *) fail "a shipped preset is not untitled: $(q "s['title']")" ;;
esac
keys ctrl+Return
wait_state "len(s['runs']) == 5 and not s['running'] and s['modified']" "a fifth run"
keys ctrl+s
swid=$(wait_window '^Save Experiment$') || fail "Ctrl+S on a shipped preset asked for no file"
sleep 0.5
import -window root "$tmp/shots/save-as.png"
xdotool windowfocus "$swid" 2>/dev/null || true
# a bare name: the chooser starts in the documents folder (XDG_DOCUMENTS_DIR)
xdotool key --clearmodifiers ctrl+a
xdotool type --delay 20 mine.json
xdotool key --clearmodifiers Return
wait_file "$tmp/docs/mine.json"
cmp -s "$shipped" "$tmp/shipped-before.json" || { cp "$tmp/shipped-before.json" "$shipped"; fail "Ctrl+S rewrote the shipped preset"; }
wait_state "not s['modified'] and s['title'].startswith('Vanishing gradients')" "the title of the saved file"
step "F1 opens the guide; its first Show Me opens the sigmoid figure"
keys F1
gwid=$(wait_window "^Guide") || fail "F1 opened no guide"
xdotool windowfocus "$gwid" 2>/dev/null || true
sleep 0.3
# the guide opens with the first answer's "Show Me" focused
xdotool key --clearmodifiers space
wait_state "len(s['runs']) == 1 and not s['running'] and s['runs'][0]['label'] == 'Vanilla Sigmoid Network'" \
    "the guide's preset"
import -window root "$tmp/shots/guide.png"
keys ctrl+q
wait_exit "Ctrl+Q after saving"
check_log
if grep -E 'CRITICAL|WARNING|Gtk-|Adwaita-|GLib-' "$log"; then
    fail "warnings in the log"
fi
echo "ok: end-to-end"
