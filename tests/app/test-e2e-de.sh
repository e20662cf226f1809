#!/bin/sh
# test-e2e-de.sh MESON BUILDDIR
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end, in German: starts gradlens the way the README does, from the source folder
# with a relative preset path,
#     LANG=de_DE.UTF-8 LANGUAGE=de meson devenv -C BUILDDIR ./src/app/gradlens data/presets/notebook.json
# (under xvfb-run or xvfb-wrapper.sh) and checks what a person reads:
#   - the preset given by its relative path opens (against the start folder, not the build
#     folder), as a template: the window title is "Unbenannt (aus ...) – Gradlens",
#   - the Run button says "_Ausführen",
#   - Ctrl+? shows the shortcuts window with German titles ("Die Tiefe durchlaufen"),
#   - Escape closes it,
#   - the user prefers the dark style (the "style" setting, in a keyfile written before the
#     start): Ctrl+E shows the Export dialog in German, its theme is the window's (dark,
#     although the preset asks for it too) and the PNG written with a typed name has the
#     screen's background,
#   - Ctrl+Q quits with status 0 (nothing was changed: no question).
set -u

meson=${1:?usage: test-e2e-de.sh MESON BUILDDIR}
builddir=${2:?usage: test-e2e-de.sh MESON BUILDDIR}
root=${GRADLENS_SOURCE_ROOT:?GRADLENS_SOURCE_ROOT is not set}
: "${DISPLAY:?no DISPLAY: run this through tests/app/xvfb-wrapper.sh}"
for tool in xdotool import python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is missing" >&2; exit 1; }
done
locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' || { echo "FAIL: the de_DE.UTF-8 locale is missing (locales)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gradlens-e2e-de.XXXXXX")
mkdir -p "$tmp/home" "$tmp/config/glib-2.0/settings" "$tmp/shots" "$tmp/out"
# the user's settings: the dark style (GSettings' keyfile backend reads them at start)
printf '[io/github/gradlens/Gradlens]\nstyle='"'dark'"'\n' > "$tmp/config/glib-2.0/settings/keyfile"
state="$tmp/state.json"
log="$tmp/app.log"
pid=""
keep=${GRADLENS_E2E_KEEP:-0}

cleanup() {
    if [ -n "${wid:-}" ]; then
        apid=$(xdotool getwindowpid "$wid" 2>/dev/null)
        [ -n "$apid" ] && kill -KILL "$apid" 2>/dev/null
    fi
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        sleep 1
        kill -KILL "$pid" 2>/dev/null
    fi
    if [ "$keep" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
# fail, q, wait_state, keys, wait_exit, check_log, the windows' and files' waits, export_as,
# corner_color and same_color
. "$(dirname "$0")/e2e-lib.sh"

step() { echo "# $*"; }

step "LANGUAGE=de meson devenv -C BUILDDIR ./src/app/gradlens data/presets/notebook.json, from the source folder"
cd "$root" || fail "no source folder"
LANG=de_DE.UTF-8 LANGUAGE=de HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" GRADLENS_STATE_FILE="$state" \
    GSETTINGS_BACKEND=keyfile GTK_A11Y=none GSK_RENDERER=cairo \
    "$meson" devenv -C "$builddir" ./src/app/gradlens data/presets/notebook.json >"$log" 2>&1 &
pid=$!
wid=$(wait_window 'Gradlens$') || fail "no Gradlens window appeared"
wait_state "len(s['runs']) == 4 and not s['running']" "the notebook's four runs (the relative path)"

step "the window title is German and names the template"
title=$(xdotool getwindowname "$wid")
echo "  $title"
case "$title" in
    "Unbenannt (aus Vanishing gradients"*"– Gradlens") ;;
    *) fail "the window title is not German: $title" ;;
esac
sleep 0.3
import -window root "$tmp/shots/german.png"

step "the Run button says _Ausführen"
[ "$(q "s['run_button']")" = "_Ausführen" ] || fail "the Run button says $(q "s['run_button']")"

step "Ctrl+? shows the shortcuts in German"
keys ctrl+question
wait_state "len(s['shortcuts']) > 0" "the shortcuts window"
[ "$(q "'Die Tiefe durchlaufen' in s['shortcuts'] and 'Sweep the depth' not in s['shortcuts']")" = True ] \
    || fail "the shortcuts are not German: $(q "s['shortcuts']")"
sleep 0.5
import -window root "$tmp/shots/shortcuts.png"
xdotool key --clearmodifiers Escape
wait_state "len(s['shortcuts']) == 0" "Escape to close the shortcuts window"

step "the dark style: Ctrl+E, the Export dialog in German offers the window's theme, the PNG looks like the screen"
eval "$(xdotool getwindowgeometry --shell "$wid" | grep -E '^(X|Y)=')"
import -window root "$tmp/shots/dark.png"
geometry=$(q "'%dx%d+%d+%d' % (s['plot']['width'], s['plot']['height'], s['plot']['x'] + $X, s['plot']['y'] + $Y)")
convert "$tmp/shots/dark.png" -crop "$geometry" +repage "$tmp/shots/dark-plot.png"
screen_bg=$(corner_color "$tmp/shots/dark-plot.png")
[ "$(echo "$screen_bg" | cut -d' ' -f1)" -lt 80 ] || fail "the window is not dark ($screen_bg) with the style set to dark"
export_as '^Exportieren$' "$tmp/out/dunkel.png" "$tmp/out/dunkel.png"
figure_bg=$(corner_color "$tmp/out/dunkel.png")
echo "  background: screen $screen_bg, dunkel.png $figure_bg"
same_color "$screen_bg" "$figure_bg" || fail "dunkel.png's background ($figure_bg) is not the screen's ($screen_bg)"

step "Ctrl+Q quits with status 0, without a question"
keys ctrl+q
wait_exit "Ctrl+Q"
wid=""
check_log
echo "ok: end-to-end in German"
