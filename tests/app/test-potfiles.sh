#!/bin/sh
# test-potfiles.sh SOURCE_ROOT
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# po/POTFILES.in must list, sorted (C locale), exactly the files with translatable
# strings: every .c under src/ that calls _(), N_(), C_() or ngettext, every .ui with
# translatable="yes", the desktop entry, the metainfo and the GSettings schema.
set -eu
root=${1:?usage: test-potfiles.sh SOURCE_ROOT}
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

{
    grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|g_dngettext|ngettext|g_dpgettext2)\(' --include='*.c' src || true
    grep -rl 'translatable="yes"' --include='*.ui' ui || true
    ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml
} | LC_ALL=C sort -u > "$tmp/expected"

grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in > "$tmp/listed"
LC_ALL=C sort "$tmp/listed" > "$tmp/sorted"

status=0
if ! cmp -s "$tmp/listed" "$tmp/sorted"; then
    echo "po/POTFILES.in is not sorted (LC_ALL=C sort):"
    diff "$tmp/listed" "$tmp/sorted" || true
    status=1
fi
while read -r f; do
    [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; status=1; }
done < "$tmp/listed"
if ! diff -u "$tmp/expected" "$tmp/sorted" > "$tmp/diff"; then
    echo "po/POTFILES.in differs from the files with translatable strings (- missing, + extra):"
    cat "$tmp/diff"
    status=1
fi
[ $status -eq 0 ] && echo "po/POTFILES.in: $(wc -l < "$tmp/listed") files, complete and sorted"
exit $status
