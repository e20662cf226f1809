#!/bin/sh
# regen-golden.sh
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates the golden images in tests/plot/golden/ from the current renderer, on
# purpose, after a change to the drawing that is meant. Look at every image before
# committing them.
#
#   tests/plot/regen-golden.sh [BUILDDIR]      (default: build)

set -eu

srcdir=$(cd "$(dirname "$0")" && pwd)
builddir=${1:-build}

meson compile -C "$builddir" test-plot-render
GRADLENS_PLOT_REGEN_GOLDEN=1 \
G_TEST_SRCDIR="$srcdir" \
G_TEST_BUILDDIR="$builddir/tests/plot" \
  "$builddir/tests/plot/test-plot-render" -p /gradlens/plot/render/golden

ls -l "$srcdir/golden"
git -C "$srcdir" status --short -- golden || true
