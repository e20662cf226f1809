/* gradlens-figure.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "gradlens-figure.h"

char *
gradlens_format_decay (double decay)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (decay))
    return NULL;
  g_ascii_formatd (buf, sizeof buf, decay >= 0.01 && decay < 100 ? "%.2f" : "%.2g", decay);
  return g_strdup_printf ("×%s per layer", buf);
}

char *
gradlens_default_label (const GradlensRunConfig *config,
                        guint                    n)
{
  const NnConfig *c = &config->nn;

  if (config->label != NULL && config->label[0] != '\0')
    return g_strdup (config->label);
  if (c->init == NN_INIT_DEFAULT)
    return g_strdup_printf ("Run %u: %s, %d×%d", n, nn_activation_name (c->activation), c->depth, c->width);
  return g_strdup_printf ("Run %u: %s, %s, %d×%d", n, nn_activation_name (c->activation),
                          nn_init_name (c->init), c->depth, c->width);
}

static void
set_categories (PlotFigure              *figure,
                GradlensXAxis            x_axis,
                const GradlensRunResult *widest)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (widest == NULL)
    return;
  for (int p = 0; p < widest->n_params; p++)
    {
      if (x_axis == GRADLENS_X_LAYER)
        {
          if (widest->is_weight[p])
            g_ptr_array_add (names, g_strdup_printf ("%d", widest->layers[p]));
        }
      else
        g_ptr_array_add (names, g_strdup (widest->names[p]));
    }
  plot_figure_set_categories (figure, (const char * const *) names->pdata, names->len);
}

guint
gradlens_figure_add_result (PlotFigure              *figure,
                            GradlensXAxis            x_axis,
                            const GradlensRunResult *r,
                            guint                    index)
{
  g_autofree double *values = g_new (double, r->n_params);
  g_autofree double *q1 = g_new (double, r->n_params);
  g_autofree double *q3 = g_new (double, r->n_params);
  g_autofree double *lo = g_new (double, r->n_params);
  g_autofree double *hi = g_new (double, r->n_params);
  g_autofree char *label = gradlens_default_label (&r->config, index + 1);
  g_autofree char *suffix = gradlens_format_decay (r->decay_per_layer);
  PlotRgba color;
  gsize n = 0;
  guint series;

  if (r->config.color == NULL || !plot_rgba_parse (&color, r->config.color))
    plot_palette_color (index, &color);
  /* a deeper run widens the x axis of the whole figure */
  if (plot_figure_get_n_categories (figure)
      < (guint) (x_axis == GRADLENS_X_LAYER ? r->depth : r->n_params))
    set_categories (figure, x_axis, r);

  for (int p = 0; p < r->n_params; p++)
    {
      if (x_axis == GRADLENS_X_LAYER && !r->is_weight[p])
        continue;
      values[n] = r->grad_norm[p];
      if (r->stats != NULL)
        {
          q1[n] = r->stats[p].q1;
          q3[n] = r->stats[p].q3;
          lo[n] = r->stats[p].min;
          hi[n] = r->stats[p].max;
        }
      n++;
    }

  series = plot_figure_add_series (figure, label, &color, values, n);
  if (r->stats != NULL)
    {
      plot_figure_set_series_band (figure, series, q1, q3, n);
      plot_figure_set_series_whiskers (figure, series, lo, hi, n);
    }
  if (suffix != NULL)
    plot_figure_set_series_legend_suffix (figure, series, suffix);
  return series;
}

PlotFigure *
gradlens_figure_from_results (const GradlensPlotSettings *settings,
                              GradlensRunResult * const  *results,
                              guint                       n_results)
{
  PlotFigure *figure = plot_figure_new ();
  const GradlensRunResult *widest = NULL;

  plot_figure_set_title (figure, settings->title ? settings->title : "");
  plot_figure_set_x_title (figure, settings->x_title ? settings->x_title : "");
  plot_figure_set_y_title (figure, settings->y_title ? settings->y_title : "");
  plot_figure_set_theme (figure, settings->theme == GRADLENS_THEME_LIGHT ? PLOT_THEME_LIGHT : PLOT_THEME_DARK);
  plot_figure_set_y_scale (figure, settings->y_scale == GRADLENS_Y_LINEAR ? PLOT_SCALE_LINEAR : PLOT_SCALE_LOG);

  for (guint i = 0; i < n_results; i++)
    if (widest == NULL || results[i]->n_params > widest->n_params)
      widest = results[i];
  set_categories (figure, settings->x_axis, widest);

  for (guint i = 0; i < n_results; i++)
    gradlens_figure_add_result (figure, settings->x_axis, results[i], i);
  return figure;
}
