/* test-plot-export.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* PNG, SVG and PDF export: contents, the same layout in every format, atomic replacement,
 * and every failure path. */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "plot-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("plot-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Names in the folder, sorted, joined by spaces: shows leftover temporary files. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
run_tool (const char *const *argv,
          int                *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (err != NULL && err[0] != '\0')
    g_test_message ("%s: %s", argv[0], err);
  return out;
}

static gboolean
require_tool (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", name);

      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "figure.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  cairo_surface_t *image, *direct;
  gsize len;

  g_assert_true (plot_export (fig, path, PLOT_FORMAT_PNG, 640, 400, 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8);
  g_assert_true (memcmp (contents, "\x89PNG\r\n\x1a\n", 8) == 0);

  /* Exactly what plot_render() draws on an image surface */
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 400);
  direct = plot_test_render (fig, 640, 400);
  g_assert_cmpuint (plot_test_count_differences (image, direct, 0, NULL), ==, 0);
  cairo_surface_destroy (direct);
  cairo_surface_destroy (image);

  /* HiDPI: twice the pixels, same layout */
  g_assert_true (plot_export (fig, path, PLOT_FORMAT_PNG, 640, 400, 2.0, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);
  {
    PlotLayout layout;
    PlotRgba color;
    double x, y;

    plot_layout_compute (&layout, fig, 640, 400);
    plot_figure_get_series_color (fig, 1, &color);
    g_assert_true (plot_layout_point_position (&layout, fig, 1, 9, &x, &y));
    g_assert_true (plot_test_pixel_is (image, (int) (2 * x), (int) (2 * y), &color, 8));
  }
  cairo_surface_destroy (image);

  /* No temporary file left behind */
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "figure.png");
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(PlotFigure) fig = plot_test_nonfinite_figure ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "figure.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "xmllint", "--noout", path, NULL };
  int status;

  g_assert_true (plot_export (fig, path, PLOT_FORMAT_SVG, 640, 400, 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  /* CSS pixels: 640 x 400 renders as 640 x 400 */
  g_assert_nonnull (strstr (contents, "width=\"640px\""));
  g_assert_nonnull (strstr (contents, "height=\"400px\""));

  if (!require_tool ("xmllint"))
    return;
  out = run_tool (argv, &status);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(PlotFigure) fig = plot_test_nonfinite_figure ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "figure.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", path, "-", NULL };
  int status;

  g_assert_true (plot_export (fig, path, PLOT_FORMAT_PDF, 800, 450, 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  if (!require_tool ("pdftotext"))
    return;
  text = run_tool (argv, &status);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_test_message ("pdftotext: %s", text);
  g_assert_nonnull (strstr (text, "Underflow and overflow"));
  g_assert_nonnull (strstr (text, "Vanilla Sigmoid Network"));
  g_assert_nonnull (strstr (text, "Broken run"));
  g_assert_nonnull (strstr (text, "Gradient Norm"));
  g_assert_nonnull (strstr (text, "lin1.w"));
  g_assert_nonnull (strstr (text, "lin1.w = 0 (underflow)"));
  g_assert_nonnull (strstr (text, "NaN"));
}

/* Convert the SVG and PDF back to pixels with other renderers (librsvg, poppler) and compare
 * with the PNG: the same layout in every format. */
static void
compare_with_png (const PlotFigure *fig,
                  const char       *png,
                  const char       *other,
                  const char       *what)
{
  cairo_surface_t *a = cairo_image_surface_create_from_png (png);
  cairo_surface_t *b = cairo_image_surface_create_from_png (other);
  guint bad, moved;
  int worst;

  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
  bad = plot_test_count_differences (a, b, 96, &worst);
  moved = plot_test_count_moved (a, b, 96, 1);
  g_test_message ("%s: %u pixels differ by more than 96 (worst %d), %u with no match within "
                  "a pixel", what, bad, worst, moved);
  /* Text is hinted and antialiased differently by each renderer, but nothing may move:
   * every pixel has a match within one pixel in the other image */
  g_assert_cmpuint (bad, <, 640 * 400 / 50);
  g_assert_cmpuint (moved, <, 640 * 400 / 2000);

  {
    PlotLayout layout;
    PlotRgba color;
    double x, y;

    plot_layout_compute (&layout, fig, 640, 400);
    plot_figure_get_series_color (fig, 0, &color);
    g_assert_true (plot_layout_point_position (&layout, fig, 0, 4, &x, &y));
    g_assert_true (plot_test_pixel_is (b, (int) x, (int) y, &color, 12));
  }
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_same_layout (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PlotFigure) notebook = plot_test_notebook_figure ();
  g_autoptr(PlotFigure) long_labels = plot_test_long_labels_figure ();
  PlotFigure *figs[2];
  guint k;

  /* The legend beside the data area (with a suffix under a label), and below it */
  figs[0] = notebook;
  figs[1] = long_labels;
  for (k = 0; k < G_N_ELEMENTS (figs); k++)
    {
      PlotFigure *fig = figs[k];
      g_autoptr(GError) error = NULL;
      g_autofree char *png = g_build_filename (f->dir, "a.png", NULL);
      g_autofree char *svg = g_build_filename (f->dir, "a.svg", NULL);
      g_autofree char *pdf = g_build_filename (f->dir, "a.pdf", NULL);
      g_autofree char *svg_png = g_build_filename (f->dir, "svg.png", NULL);
      g_autofree char *pdf_prefix = g_build_filename (f->dir, "pdf", NULL);
      g_autofree char *pdf_png = g_build_filename (f->dir, "pdf.png", NULL);
      int status;

      g_assert_true (plot_export (fig, png, PLOT_FORMAT_PNG, 640, 400, 1.0, &error));
      g_assert_true (plot_export (fig, svg, PLOT_FORMAT_SVG, 640, 400, 1.0, &error));
      g_assert_true (plot_export (fig, pdf, PLOT_FORMAT_PDF, 640, 400, 1.0, &error));
      g_assert_no_error (error);

      if (require_tool ("rsvg-convert"))
        {
          /* 640px is 640 pixels at any resolution */
          const char *argv[] = { "rsvg-convert", "--dpi-x", "150", "--dpi-y", "150", "-o", svg_png,
                                 svg, NULL };
          g_autofree char *out = run_tool (argv, &status);

          g_assert_true (g_spawn_check_wait_status (status, &error));
          compare_with_png (fig, png, svg_png, "svg");
        }
      if (require_tool ("pdftoppm"))
        {
          /* 640 CSS pixels are 480 pt, 640 px at 96 dpi */
          const char *argv[] = { "pdftoppm", "-png", "-r", "96", "-singlefile", pdf, pdf_prefix,
                                 NULL };
          g_autofree char *out = run_tool (argv, &status);

          g_assert_true (g_spawn_check_wait_status (status, &error));
          compare_with_png (fig, png, pdf_png, "pdf");
        }
    }
}

/* Replacing a file swaps it atomically; a symbolic link keeps pointing at the new file. */
static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "old.png", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_true (plot_export (fig, path, PLOT_FORMAT_PNG, 200, 120, 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\x89PNG"));
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (symlink ("old.png", link), ==, 0);
  g_assert_true (plot_export (fig, link, PLOT_FORMAT_SVG, 200, 120, 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));

  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "link.png old.png");
}

static void
test_format_from_path (void)
{
  static const struct { const char *path; PlotFormat format; } ok[] = {
    { "figure.png", PLOT_FORMAT_PNG },
    { "/tmp/x/FIGURE.PNG", PLOT_FORMAT_PNG },
    { "a.b.Svg", PLOT_FORMAT_SVG },
    { "slides/figure.pdf", PLOT_FORMAT_PDF },
  };
  PlotFormat format;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (plot_format_from_path (ok[i].path, &format, &error));
      g_assert_no_error (error);
      g_assert_cmpint (format, ==, ok[i].format);
    }
  g_assert_cmpstr (plot_format_get_extension (PLOT_FORMAT_PDF), ==, "pdf");

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (plot_format_from_path ("figure.jpg", &format, &error));
    g_assert_error (error, PLOT_ERROR, PLOT_ERROR_UNKNOWN_FORMAT);
    g_assert_nonnull (strstr (error->message, ".jpg"));
    g_assert_nonnull (strstr (error->message, "figure.jpg"));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (plot_format_from_path ("dir.png/figure", &format, &error));
    g_assert_error (error, PLOT_ERROR, PLOT_ERROR_UNKNOWN_FORMAT);
    g_assert_nonnull (strstr (error->message, "no file extension"));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (plot_format_from_path (".png", &format, &error));
    g_assert_error (error, PLOT_ERROR, PLOT_ERROR_UNKNOWN_FORMAT);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (plot_format_from_path ("figure.", &format, &error));
    g_assert_error (error, PLOT_ERROR, PLOT_ERROR_UNKNOWN_FORMAT);
  }
}

static void
expect_failure (const char *path,
                PlotFormat  format,
                double      width,
                double      height,
                double      scale,
                GQuark      domain,
                int         code)
{
  g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
  g_autoptr(GError) error = NULL;

  g_assert_false (plot_export (fig, path, format, width, height, scale, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s: %s", path, error->message);
  /* The message names the file */
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "figure.png", NULL);
  g_autofree char *good = g_build_filename (f->dir, "figure.png", NULL);
  g_autofree char *listing = NULL;
  PlotFormat formats[] = { PLOT_FORMAT_PNG, PLOT_FORMAT_SVG, PLOT_FORMAT_PDF };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      /* A folder that does not exist */
      expect_failure (missing, formats[i], 300, 200, 1, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      /* A "folder" that is a regular file (chmod tricks do not work as root) */
      expect_failure ("/etc/hostname/figure.png", formats[i], 300, 200, 1,
                      G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
      /* A folder as the target */
      expect_failure (f->dir, formats[i], 300, 200, 1, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
      /* A full disk */
      if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
        expect_failure ("/dev/full", formats[i], 300, 200, 1, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      /* Sizes */
      expect_failure (good, formats[i], 0, 200, 1, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE);
      expect_failure (good, formats[i], 300, -1, 1, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE);
      expect_failure (good, formats[i], NAN, 200, 1, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE);
      expect_failure (good, formats[i], 300, INFINITY, 1, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE);
    }
  expect_failure (good, PLOT_FORMAT_PNG, 40000, 200, 1, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE);
  expect_failure (good, PLOT_FORMAT_PNG, 20000, 200, 2, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE);
  expect_failure (good, PLOT_FORMAT_PNG, 300, 200, 0, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE);
  expect_failure (good, PLOT_FORMAT_PNG, 300, 200, NAN, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE);
  expect_failure (good, PLOT_FORMAT_PDF, 1e6, 200, 1, PLOT_ERROR, PLOT_ERROR_INVALID_SIZE);

  /* /dev/full is still a device: the export must not have replaced it */
  if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      GStatBuf st;

      g_assert_cmpint (g_stat ("/dev/full", &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
    }
  /* ...and nothing was left in the folder */
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "");
}

/* The disk fills up half-way through writing a file that already exists: the export fails
 * naming the file, the old file is untouched and the temporary file is gone. Run in a
 * subprocess because the file size limit applies to the whole process. */
static void
test_disk_full_midway (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "figure.pdf", NULL);

  if (g_test_subprocess ())
    {
      g_autoptr(PlotFigure) fig = plot_test_notebook_figure ();
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *listing = NULL;
      struct rlimit limit = { 4096, 4096 };
      PlotFormat formats[] = { PLOT_FORMAT_PNG, PLOT_FORMAT_SVG, PLOT_FORMAT_PDF };
      guint i;

      g_assert_true (g_file_set_contents (path, "precious", -1, NULL));
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      for (i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          g_assert_false (plot_export (fig, path, formats[i], 800, 500, 1.0, &error));
          g_assert_error (error, G_IO_ERROR, g_io_error_from_errno (EFBIG));
          g_assert_nonnull (strstr (error->message, path));
          g_clear_error (&error);
        }

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "precious");
      listing = list_dir (f->dir);
      g_assert_cmpstr (listing, ==, "figure.pdf");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/gradlens/plot/export/png", Fixture, NULL, fixture_set_up, test_png,
              fixture_tear_down);
  g_test_add ("/gradlens/plot/export/svg", Fixture, NULL, fixture_set_up, test_svg,
              fixture_tear_down);
  g_test_add ("/gradlens/plot/export/pdf", Fixture, NULL, fixture_set_up, test_pdf,
              fixture_tear_down);
  g_test_add ("/gradlens/plot/export/same-layout", Fixture, NULL, fixture_set_up, test_same_layout,
              fixture_tear_down);
  g_test_add ("/gradlens/plot/export/replace", Fixture, NULL, fixture_set_up, test_replace,
              fixture_tear_down);
  g_test_add_func ("/gradlens/plot/export/format-from-path", test_format_from_path);
  g_test_add ("/gradlens/plot/export/errors", Fixture, NULL, fixture_set_up, test_errors,
              fixture_tear_down);
  g_test_add ("/gradlens/plot/export/disk-full-midway", Fixture, NULL, fixture_set_up,
              test_disk_full_midway, fixture_tear_down);

  return g_test_run ();
}
