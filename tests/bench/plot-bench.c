/* plot-bench.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Renders a figure of 50 runs × 200 parameters at 1200×800 onto an image surface again and
 * again, and prints the time per frame. The GUI target is under 8 ms per redraw (DESIGN.md).
 * It prints and never asserts on time: timings belong in reports, not in tests.
 *
 *   plot-bench [--frames N] [--bands] [--recording]
 *
 * --recording draws on a cairo recording surface and replays it onto the image, the way
 * a GTK 4 snapshot (gtk_snapshot_append_cairo) is drawn.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "plot.h"

#define N_RUNS 50
#define N_PARAMS 200
#define WIDTH 1200
#define HEIGHT 800

static PlotFigure *
make_figure (gboolean bands)
{
  PlotFigure *fig = plot_figure_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  double values[N_PARAMS], low[N_PARAMS], high[N_PARAMS];
  guint r, i;

  plot_figure_set_title (fig, "Gradient Norms Across Layers");
  plot_figure_set_x_title (fig, "Parameter");
  plot_figure_set_y_title (fig, "Gradient Norm");
  for (i = 0; i < N_PARAMS; i++)
    g_ptr_array_add (names, g_strdup_printf ("lin%u.%s", i / 2 + 1, i % 2 ? "bias" : "weight"));
  plot_figure_set_categories (fig, (const char *const *) names->pdata, names->len);

  for (r = 0; r < N_RUNS; r++)
    {
      g_autofree char *label = g_strdup_printf ("Run %u (seed %u)", r + 1, r);
      guint s;

      for (i = 0; i < N_PARAMS; i++)
        {
          /* Vanishing towards the input, different per run, with some wiggle. */
          double decades = (N_PARAMS - i) / (double) N_PARAMS * (2.0 + r * 0.1);

          values[i] = pow (10.0, -decades + 0.3 * sin (i * 0.7 + r));
          low[i] = values[i] * 0.7;
          high[i] = values[i] * 1.4;
        }
      s = plot_figure_add_series (fig, label, NULL, values, N_PARAMS);
      if (bands)
        plot_figure_set_series_band (fig, s, low, high, N_PARAMS);
    }
  return fig;
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
draw_frame (cairo_t          *cr,
            const PlotFigure *fig,
            gboolean          recording)
{
  cairo_surface_t *rec;
  cairo_t *rec_cr;

  if (!recording)
    {
      plot_render (cr, WIDTH, HEIGHT, fig);
      return;
    }
  rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  rec_cr = cairo_create (rec);
  plot_render (rec_cr, WIDTH, HEIGHT, fig);
  cairo_destroy (rec_cr);
  cairo_set_source_surface (cr, rec, 0, 0);
  cairo_paint (cr);
  cairo_surface_destroy (rec);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PlotFigure) fig = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean bands = FALSE;
  gboolean recording = FALSE;
  int frames = 200;
  gint64 start, elapsed;
  double cpu_start, cpu;
  int i;

  for (i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--bands"))
        bands = TRUE;
      else if (g_str_equal (argv[i], "--recording"))
        recording = TRUE;
      else if (g_str_equal (argv[i], "--frames") && i + 1 < argc)
        {
          frames = atoi (argv[++i]);
          frames = MAX (frames, 1);
        }
      else
        {
          g_printerr ("usage: plot-bench [--frames N] [--bands] [--recording]\n");
          return 2;
        }
    }

  fig = make_figure (bands);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);

  /* Warm up the font caches like a running app has them. */
  draw_frame (cr, fig, recording);

  start = g_get_monotonic_time ();
  cpu_start = thread_cpu_ms ();
  for (i = 0; i < frames; i++)
    draw_frame (cr, fig, recording);
  cairo_surface_flush (surface);
  elapsed = g_get_monotonic_time () - start;
  cpu = thread_cpu_ms () - cpu_start;

  /* CPU time too: on a busy machine the wall clock also counts other processes. */
  g_print ("plot-bench: %d runs x %d parameters%s at %dx%d%s: %.2f ms per frame "
           "(%.2f ms of CPU; %d frames; target < 8 ms)\n",
           N_RUNS, N_PARAMS, bands ? " with bands" : "", WIDTH, HEIGHT,
           recording ? " through a recording surface" : " on an image surface",
           elapsed / 1000.0 / frames, cpu / frames, frames);

  if (g_getenv ("PLOT_BENCH_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("PLOT_BENCH_PNG"));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
