/* gradlens-plot-view-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-plot-view.h"

G_BEGIN_DECLS

/* How far (pixels) the pointer may be from a marker for its tooltip */
#define HIT_DISTANCE 12.0
/* Zoom per scroll step */
#define ZOOM_STEP 1.25

/* The figure on screen. Drawing is plot_render() onto the snapshot's cairo
 * context, so the screen and the exported files are the same picture; the
 * widget only maps pointer events to the figure's view (zoom, pan) and to
 * its series (tooltip, legend clicks). */
struct _GradlensPlotView
{
  GtkWidget parent_instance;

  /* Owned */
  PlotFigure *figure;

  /* pointer position, for zooming around it */
  double      pointer_x;
  double      pointer_y;
  gboolean    has_pointer;
  /* drag-to-pan: the offset already applied */
  double      drag_x;
  double      drag_y;
};

G_END_DECLS
