/* export.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "export.h"
#include "render-private.h"

G_DEFINE_QUARK (plot-error-quark, plot_error)

/* Where the encoded bytes go: a file descriptor, with the first failure kept. */
typedef struct
{
  int            fd;
  const char    *path;
  GError        *error;
  PlotWriteFunc  func;        /* instead of fd when set */
  gpointer       user_data;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (sink->func != NULL)
    return sink->func (data, length, sink->user_data, &sink->error) ? CAIRO_STATUS_SUCCESS
                                                                    : CAIRO_STATUS_WRITE_ERROR;

  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          /* Translators: the first %s is a file name, the second the system's reason */
          g_set_error (&sink->error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write “%s”: %s"), sink->path, g_strerror (saved_errno));
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
cairo_failed (cairo_status_t   status,
              Sink            *sink,
              const char      *path,
              GError         **error)
{
  if (sink->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sink->error));
      return TRUE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PLOT_ERROR, PLOT_ERROR_RENDER,
                   /* Translators: the first %s is a file name, the second cairo's reason */
                   _("Could not draw the figure for “%s”: %s"), path,
                   cairo_status_to_string (status));
      return TRUE;
    }
  return FALSE;
}

static gboolean
encode_png (const PlotFigure  *fig,
            Sink              *sink,
            double             width,
            double             height,
            double             scale,
            GError           **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int pw, ph;

  pw = (int) ceil (width * scale - 1e-6);
  ph = (int) ceil (height * scale - 1e-6);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  _plot_render_with_scale (cr, width, height, fig, scale);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, sink_write, sink);
  cairo_surface_destroy (surface);
  return !cairo_failed (status, sink, sink->path, error);
}

/**
 * plot_vector_surface_create:
 * @format: %PLOT_FORMAT_SVG or %PLOT_FORMAT_PDF
 * @write_func: where the file's bytes go
 * @closure: for @write_func
 * @width: width in CSS pixels
 * @height: height in CSS pixels
 *
 * An SVG or PDF surface whose user space is @width × @height CSS pixels, as on screen and
 * in the Export dialog: an SVG in px, a PDF page of @width × %PLOT_PT_PER_PX points (both
 * render as @width × @height at 96 dpi). Draw on it as on a PNG of @width × @height.
 *
 * Returns: (transfer full): the surface
 */
cairo_surface_t *
plot_vector_surface_create (PlotFormat          format,
                            cairo_write_func_t  write_func,
                            void               *closure,
                            double              width,
                            double              height)
{
  cairo_surface_t *surface;

  g_return_val_if_fail (format == PLOT_FORMAT_SVG || format == PLOT_FORMAT_PDF, NULL);

  if (format == PLOT_FORMAT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (write_func, closure, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      return surface;
    }
  surface = cairo_pdf_surface_create_for_stream (write_func, closure, width * PLOT_PT_PER_PX,
                                                 height * PLOT_PT_PER_PX);
  cairo_surface_set_device_scale (surface, PLOT_PT_PER_PX, PLOT_PT_PER_PX);
  return surface;
}

static gboolean
encode_vector (const PlotFigure  *fig,
               Sink              *sink,
               PlotFormat         format,
               double             width,
               double             height,
               GError           **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  /* sizes are CSS pixels, as on screen and in the Export dialog (a 1600 x 900
   * figure renders as 1600 x 900 at 96 dpi): an SVG says px; a PDF page is
   * in points, 0.75 to the pixel (1200 x 675 pt). The PDF's pixels are a
   * device scale of the surface, not a scale of the drawing: Pango sees the
   * same user space as for a PNG, so the text measures and lays out exactly
   * as there (under a scaled CTM it measured its fonts at 0.75 of their size
   * and the legend moved) */
  surface = plot_vector_surface_create (format, sink_write, sink, width, height);
  if (format == PLOT_FORMAT_PDF)
    {
      const char *title = plot_figure_get_title (fig);

      if (title != NULL && title[0] != '\0' && g_utf8_validate (title, -1, NULL))
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gradlens");
    }

  cr = cairo_create (surface);
  /* Vector output: no pixel grid to snap to. */
  _plot_render_with_scale (cr, width, height, fig, 0.0);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return !cairo_failed (status, sink, sink->path, error);
}

static gboolean
encode (const PlotFigure  *fig,
        Sink              *sink,
        PlotFormat         format,
        double             width,
        double             height,
        double             scale,
        GError           **error)
{
  if (format == PLOT_FORMAT_PNG)
    return encode_png (fig, sink, width, height, scale, error);
  return encode_vector (fig, sink, format, width, height, error);
}

static void
set_file_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: the first %s is a file name, the second the system's reason */
               _("Could not save “%s”: %s"), path, g_strerror (saved_errno));
}

static gboolean
check_size (PlotFormat   format,
            double       width,
            double       height,
            double       scale,
            const char  *path,
            GError     **error)
{
  if (!(width > 0.0 && height > 0.0 && isfinite (width) && isfinite (height)))
    {
      g_set_error (error, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE,
                   _("Could not save “%s”: the size %g×%g is not positive"),
                   path, width, height);
      return FALSE;
    }
  if (format == PLOT_FORMAT_PNG)
    {
      if (!(scale > 0.0 && isfinite (scale)))
        {
          g_set_error (error, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE,
                       _("Could not save “%s”: the scale %g is not positive"), path, scale);
          return FALSE;
        }
      if (ceil (width * scale - 1e-6) > PLOT_EXPORT_MAX_PIXELS
          || ceil (height * scale - 1e-6) > PLOT_EXPORT_MAX_PIXELS
          || width * scale < 1.0 || height * scale < 1.0)
        {
          g_set_error (error, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE,
                       _("Could not save “%s”: %g×%g pixels at scale %g is outside 1 to %d "
                         "pixels"), path, width, height, scale, PLOT_EXPORT_MAX_PIXELS);
          return FALSE;
        }
    }
  else if (width > PLOT_EXPORT_MAX_POINTS || height > PLOT_EXPORT_MAX_POINTS)
    {
      g_set_error (error, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE,
                   _("Could not save “%s”: %g×%g points is larger than %d points"),
                   path, width, height, PLOT_EXPORT_MAX_POINTS);
      return FALSE;
    }
  return TRUE;
}

/* Writes straight into something that is not a regular file (a device such as /dev/stdout
 * or /dev/full, a pipe): a temporary file renamed over it would replace the device. */
static gboolean
export_direct (const PlotFigure  *fig,
               const char        *path,
               PlotFormat         format,
               double             width,
               double             height,
               double             scale,
               GError           **error)
{
  Sink sink = { -1, path, NULL, NULL, NULL };
  gboolean ok;

  sink.fd = g_open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (sink.fd < 0)
    {
      set_file_error (error, errno, path);
      return FALSE;
    }
  ok = encode (fig, &sink, format, width, height, scale, error);
  if (close (sink.fd) != 0 && ok)
    {
      set_file_error (error, errno, path);
      ok = FALSE;
    }
  return ok;
}

/**
 * plot_export:
 * @fig: the figure
 * @path: file to write, in the GLib file name encoding
 * @format: the file format (see plot_format_from_path())
 * @width: width: pixels for PNG, CSS pixels for SVG and PDF (a PDF page is 0.75 pt a pixel)
 * @height: height, in the same units
 * @scale: HiDPI scale of a PNG: the image is @width × @scale by @height × @scale pixels with
 *   the layout of @width × @height (2 for a sharp image on a HiDPI screen); ignored for SVG
 *   and PDF
 * @error: return location for a #GError
 *
 * Draws @fig with plot_render() into a PNG, SVG or PDF file. The file is written to a
 * temporary file next to @path (`.name.XXXXXX`), synced and renamed over @path, so @path
 * holds either its old contents or the whole new figure, never a part; the temporary file is
 * removed on failure. A path that exists but is not a regular file (a device or a pipe) is
 * written directly. A symbolic link is kept and its target replaced.
 *
 * Returns: %TRUE on success; on failure %FALSE with @error set, in %G_IO_ERROR for a file
 *   that cannot be created, written or renamed (naming @path and the reason: no such folder,
 *   not a folder, permission denied, no space left on the device) or %PLOT_ERROR for an
 *   invalid size or a drawing failure
 */
gboolean
plot_export (const PlotFigure  *fig,
             const char        *path,
             PlotFormat         format,
             double             width,
             double             height,
             double             scale,
             GError           **error)
{
  g_autofree char *real = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *tmp_name = NULL;
  Sink sink = { -1, path, NULL, NULL, NULL };
  GStatBuf st;

  g_return_val_if_fail (fig != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format == PLOT_FORMAT_PNG || format == PLOT_FORMAT_SVG
                        || format == PLOT_FORMAT_PDF, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_size (format, width, height, scale, path, error))
    return FALSE;

  if (path[0] == '\0')
    {
      set_file_error (error, ENOENT, path);
      return FALSE;
    }

  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          set_file_error (error, EISDIR, path);
          return FALSE;
        }
      if (!S_ISREG (st.st_mode))
        return export_direct (fig, path, format, width, height, scale, error);
      /* Replace the target of a symbolic link, not the link. */
      real = realpath (path, NULL);
    }
  if (real == NULL)
    real = g_strdup (path);

  dir = g_path_get_dirname (real);
  base = g_path_get_basename (real);
  tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);

  sink.fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (sink.fd < 0)
    {
      set_file_error (error, errno, path);
      return FALSE;
    }

  if (!encode (fig, &sink, format, width, height, scale, error))
    goto fail;

  if (fsync (sink.fd) != 0)
    {
      set_file_error (error, errno, path);
      goto fail;
    }
  if (close (sink.fd) != 0)
    {
      sink.fd = -1;
      set_file_error (error, errno, path);
      goto fail;
    }
  sink.fd = -1;

  if (g_rename (tmp_path, real) != 0)
    {
      set_file_error (error, errno, path);
      goto fail;
    }
  return TRUE;

fail:
  if (sink.fd >= 0)
    close (sink.fd);
  g_unlink (tmp_path);
  return FALSE;
}

/**
 * plot_export_to_func:
 * @fig: the figure
 * @name: what to call the destination in messages
 * @format: the file format
 * @width: width: pixels for PNG, CSS pixels for SVG and PDF
 * @height: height, in the same units
 * @scale: HiDPI scale of a PNG (see plot_export())
 * @func: called with each piece of the encoded file, in order
 * @user_data: passed to @func
 * @error: return location for a #GError
 *
 * Like plot_export(), with the bytes handed to @func instead of a file: the
 * caller decides where they go. The first failure of @func ends the export
 * with its error.
 *
 * Returns: %TRUE on success
 */
gboolean
plot_export_to_func (const PlotFigure  *fig,
                     const char        *name,
                     PlotFormat         format,
                     double             width,
                     double             height,
                     double             scale,
                     PlotWriteFunc      func,
                     gpointer           user_data,
                     GError           **error)
{
  Sink sink = { -1, name, NULL, func, user_data };

  g_return_val_if_fail (fig != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_size (format, width, height, scale, name, error))
    return FALSE;
  return encode (fig, &sink, format, width, height, scale, error);
}

/**
 * plot_export_memory:
 * @format: the file format
 * @width: width: pixels for PNG, CSS pixels for SVG and PDF
 * @height: height, in the same units
 * @scale: HiDPI scale of a PNG
 *
 * Returns: about how many bytes an export of this size holds at once (the
 *   image surface of a PNG and its encoder's buffers)
 */
guint64
plot_export_memory (PlotFormat format,
                    double     width,
                    double     height,
                    double     scale)
{
  double pw, ph;

  if (format != PLOT_FORMAT_PNG)
    return 16 << 20;
  pw = ceil (width * scale);
  ph = ceil (height * scale);
  /* the ARGB32 surface, libpng's row buffers and zlib's window */
  return (guint64) (pw * ph * 4.0) + (guint64) (pw * 8.0) + (8 << 20);
}

/**
 * plot_format_from_path:
 * @path: a file name
 * @format: (out): the format its extension names
 * @error: return location for a #GError
 *
 * Picks the export format from the extension of @path: `.png`, `.svg` or `.pdf`, in any
 * case.
 *
 * Returns: %TRUE on success; %FALSE with a %PLOT_ERROR_UNKNOWN_FORMAT error naming the
 *   extension (or its absence) otherwise
 */
gboolean
plot_format_from_path (const char  *path,
                       PlotFormat  *format,
                       GError     **error)
{
  static const struct { const char *ext; PlotFormat format; } formats[] = {
    { "png", PLOT_FORMAT_PNG },
    { "svg", PLOT_FORMAT_SVG },
    { "pdf", PLOT_FORMAT_PDF },
  };
  g_autofree char *base = NULL;
  const char *dot;
  guint i;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot == NULL || dot == base || dot[1] == '\0')
    {
      g_set_error (error, PLOT_ERROR, PLOT_ERROR_UNKNOWN_FORMAT,
                   _("“%s” has no file extension: use .png, .svg or .pdf"), path);
      return FALSE;
    }
  for (i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i].ext) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  g_set_error (error, PLOT_ERROR, PLOT_ERROR_UNKNOWN_FORMAT,
               _("Unknown file extension “%s” in “%s”: use .png, .svg or .pdf"), dot, path);
  return FALSE;
}

/**
 * plot_format_get_extension:
 * @format: a format
 *
 * Returns: the usual file extension of @format, without the dot: "png", "svg" or "pdf"
 */
const char *
plot_format_get_extension (PlotFormat format)
{
  switch (format)
    {
    case PLOT_FORMAT_SVG:
      return "svg";
    case PLOT_FORMAT_PDF:
      return "pdf";
    case PLOT_FORMAT_PNG:
    default:
      return "png";
    }
}
