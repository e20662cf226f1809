/* plot.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* The Gradlens figure renderer: Cairo, PangoCairo and GLib, never GTK. Include this
 * header only. */

#include "axis.h"
#include "export.h"
#include "figure.h"
#include "heatmap.h"
#include "hit.h"
#include "layout.h"
#include "palette.h"
#include "render.h"
