/* export.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "figure.h"

G_BEGIN_DECLS

/**
 * PLOT_ERROR:
 *
 * Error domain of the plot library. Failures to create, write or rename files use
 * %G_IO_ERROR instead.
 */
#define PLOT_ERROR (plot_error_quark ())

/**
 * PlotError:
 * @PLOT_ERROR_UNKNOWN_FORMAT: the file name has no extension, or one that is not .png, .svg
 *   or .pdf
 * @PLOT_ERROR_INVALID_SIZE: the size or scale is not a positive finite number, or too large
 *   for the format
 * @PLOT_ERROR_RENDER: cairo failed to draw or encode the figure
 *
 * Errors in the %PLOT_ERROR domain.
 */
typedef enum
{
  PLOT_ERROR_UNKNOWN_FORMAT,
  PLOT_ERROR_INVALID_SIZE,
  PLOT_ERROR_RENDER,
} PlotError;

/**
 * PlotFormat:
 * @PLOT_FORMAT_PNG: PNG image; sizes in pixels
 * @PLOT_FORMAT_SVG: SVG document; sizes in CSS pixels (px)
 * @PLOT_FORMAT_PDF: PDF document; sizes in points
 *
 * File formats of plot_export().
 */
typedef enum
{
  PLOT_FORMAT_PNG,
  PLOT_FORMAT_SVG,
  PLOT_FORMAT_PDF,
} PlotFormat;

/**
 * PLOT_EXPORT_MAX_PIXELS:
 *
 * Largest width or height in pixels of a PNG export (cairo's limit for image surfaces).
 */
#define PLOT_EXPORT_MAX_PIXELS 32767

/**
 * PLOT_PT_PER_PX:
 *
 * Points (1/72 inch) per CSS pixel (1/96 inch): a PDF export of 1600 × 900 pixels is a page
 * of 1200 × 675 points, which renders as 1600 × 900 at 96 dpi.
 */
#define PLOT_PT_PER_PX 0.75

/**
 * PLOT_EXPORT_MAX_POINTS:
 *
 * Largest width or height in points of an SVG or PDF export.
 */
#define PLOT_EXPORT_MAX_POINTS 100000

GQuark       plot_error_quark          (void);

cairo_surface_t *plot_vector_surface_create (PlotFormat          format,
                                             cairo_write_func_t  write_func,
                                             void               *closure,
                                             double              width,
                                             double              height);

/**
 * PlotWriteFunc:
 * @data: encoded bytes
 * @length: how many
 * @user_data: the caller's data
 * @error: return location for a #GError
 *
 * Receives the bytes of plot_export_to_func().
 *
 * Returns: %TRUE when they were taken, %FALSE with @error set otherwise
 */
typedef gboolean (*PlotWriteFunc) (const unsigned char  *data,
                                   unsigned int          length,
                                   gpointer              user_data,
                                   GError              **error);

gboolean     plot_export_to_func       (const PlotFigure  *fig,
                                        const char        *name,
                                        PlotFormat         format,
                                        double             width,
                                        double             height,
                                        double             scale,
                                        PlotWriteFunc      func,
                                        gpointer           user_data,
                                        GError           **error);
guint64      plot_export_memory        (PlotFormat         format,
                                        double             width,
                                        double             height,
                                        double             scale);
gboolean     plot_format_from_path     (const char        *path,
                                        PlotFormat        *format,
                                        GError           **error);
const char  *plot_format_get_extension (PlotFormat         format);
gboolean     plot_export               (const PlotFigure  *fig,
                                        const char        *path,
                                        PlotFormat         format,
                                        double             width,
                                        double             height,
                                        double             scale,
                                        GError           **error);

G_END_DECLS
