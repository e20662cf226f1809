/* gradlens-figure.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

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
gradlens_diagnosis_dup_text (const GradlensRunResult *r)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (r != NULL, NULL);

  if (r->n_diagnosis <= 0 || r->diagnosis == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (int i = 0; i < r->n_diagnosis; i++)
    {
      g_autofree char *sentence = gradlens_finding_text (&r->diagnosis[i], &r->config.nn, r->layer_stats);

      if (sentence == NULL || sentence[0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, sentence);
    }
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* the remedies, when on, so that overlaid runs and sweeps tell themselves
 * apart: ", residual, batch norm" or "" */
static char *
remedies_suffix (const NnConfig *c)
{
  return g_strdup_printf ("%s%s%s", c->residual ? ", residual" : "", c->norm == NN_NORM_BATCH ? ", batch norm" : "",
                          c->norm == NN_NORM_LAYER ? ", layer norm" : "");
}

char *
gradlens_default_label (const GradlensRunConfig *config,
                        guint                    n)
{
  const NnConfig *c = &config->nn;
  g_autofree char *remedies = remedies_suffix (c);

  if (config->label != NULL && config->label[0] != '\0')
    return g_strdup (config->label);
  if (c->init == NN_INIT_DEFAULT)
    return g_strdup_printf ("Run %u: %s%s, %d×%d", n, nn_activation_name (c->activation), remedies, c->depth,
                            c->width);
  return g_strdup_printf ("Run %u: %s, %s%s, %d×%d", n, nn_activation_name (c->activation),
                          nn_init_name (c->init), remedies, c->depth, c->width);
}

/* the categories of r's values on the figure's x axis: its parameters'
 * names, or its layers ("1", "2", ...) for its Linear weights */
static GPtrArray *
category_names (GradlensXAxis            x_axis,
                const GradlensRunResult *r)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (int p = 0; p < r->n_params; p++)
    {
      if (x_axis == GRADLENS_X_LAYER)
        {
          if (r->is_weight[p])
            g_ptr_array_add (names, g_strdup_printf ("%d", r->layers[p]));
        }
      else
        g_ptr_array_add (names, g_strdup (r->names[p]));
    }
  return names;
}

guint
gradlens_figure_add_result (PlotFigure              *figure,
                            GradlensXAxis            x_axis,
                            const GradlensRunResult *r,
                            guint                    index)
{
  g_autoptr(GPtrArray) names = category_names (x_axis, r);
  g_autofree guint *slots = NULL;
  g_autofree double *values = NULL;
  g_autofree double *q1 = NULL;
  g_autofree double *q3 = NULL;
  g_autofree double *lo = NULL;
  g_autofree double *hi = NULL;
  g_autofree gboolean *gaps = NULL;
  g_autofree char *label = gradlens_default_label (&r->config, index + 1);
  g_autofree char *suffix = gradlens_format_decay (r->decay_per_layer);
  PlotRgba color;
  gsize n = 0, k = 0;
  guint series;

  if (r->config.color == NULL || !plot_rgba_parse (&color, r->config.color))
    plot_palette_color (index, &color);
  /* each value at its parameter's name: runs with and without norm layers,
   * or of other depths, share the axis, with a gap where a run has no such
   * parameter */
  slots = plot_figure_merge_categories (figure, (const char * const *) names->pdata, names->len);
  for (guint i = 0; i < names->len; i++)
    n = MAX (n, (gsize) slots[i] + 1);
  values = g_new (double, MAX (n, 1));
  q1 = g_new (double, MAX (n, 1));
  q3 = g_new (double, MAX (n, 1));
  lo = g_new (double, MAX (n, 1));
  hi = g_new (double, MAX (n, 1));
  gaps = g_new (gboolean, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      values[i] = q1[i] = q3[i] = lo[i] = hi[i] = NAN;
      gaps[i] = TRUE;
    }
  for (int p = 0; p < r->n_params; p++)
    {
      guint at;

      if (x_axis == GRADLENS_X_LAYER && !r->is_weight[p])
        continue;
      at = slots[k++];
      values[at] = r->grad_norm[p];
      gaps[at] = FALSE;
      if (r->stats != NULL)
        {
          q1[at] = r->stats[p].q1;
          q3[at] = r->stats[p].q3;
          lo[at] = r->stats[p].min;
          hi[at] = r->stats[p].max;
        }
    }

  series = plot_figure_add_series (figure, label, &color, values, n);
  plot_figure_set_series_gaps (figure, series, gaps, n);
  if (r->stats != NULL)
    {
      plot_figure_set_series_band (figure, series, q1, q3, n);
      plot_figure_set_series_whiskers (figure, series, lo, hi, n);
    }
  if (suffix != NULL)
    plot_figure_set_series_legend_suffix (figure, series, suffix);
  /* DESIGN.md "Teaching contracts": a dead network's zeros are not an underflow */
  for (int i = 0; i < r->n_diagnosis; i++)
    if (r->diagnosis[i].kind == GRADLENS_FINDING_ZERO_GRADIENTS
        && r->diagnosis[i].cause == GRADLENS_ZERO_CAUSE_NO_SIGNAL)
      /* Translators: why a gradient norm is exactly 0, in the figure's note: "0 (no signal: dead units)" */
      plot_figure_set_series_zero_cause (figure, series, _("no signal: dead units"));
  /* why the line has its shape, for tooltips (never drawn) */
  {
    g_autofree char *note = gradlens_diagnosis_dup_text (r);

    plot_figure_set_series_note (figure, series, note);
  }
  return series;
}

PlotFigure *
gradlens_figure_from_results (const GradlensPlotSettings *settings,
                              GradlensRunResult * const  *results,
                              guint                       n_results)
{
  PlotFigure *figure = plot_figure_new ();

  plot_figure_set_title (figure, settings->title ? settings->title : "");
  plot_figure_set_x_title (figure, settings->x_title ? settings->x_title : "");
  plot_figure_set_y_title (figure, settings->y_title ? settings->y_title : "");
  plot_figure_set_theme (figure, settings->theme == GRADLENS_THEME_LIGHT ? PLOT_THEME_LIGHT : PLOT_THEME_DARK);
  plot_figure_set_y_scale (figure, settings->y_scale == GRADLENS_Y_LINEAR ? PLOT_SCALE_LINEAR : PLOT_SCALE_LOG);

  for (guint i = 0; i < n_results; i++)
    gradlens_figure_add_result (figure, settings->x_axis, results[i], i);
  return figure;
}

/* ---- forward statistics per layer ------------------------------------- */

static const struct
{
  const char *name;
  const char *title;
  PlotScale   scale;
} layer_stats[GRADLENS_N_LAYER_STATS] = {
  [GRADLENS_LAYER_DERIV_MEAN] = { "deriv_mean", "Mean activation derivative", PLOT_SCALE_LINEAR },
  [GRADLENS_LAYER_SATURATED_FRACTION] = { "saturated_fraction", "Saturated fraction", PLOT_SCALE_LINEAR },
  [GRADLENS_LAYER_DEAD_FRACTION] = { "dead_fraction", "Dead units (fraction)", PLOT_SCALE_LINEAR },
  [GRADLENS_LAYER_PRE_STD] = { "pre_std", "Pre-activation std", PLOT_SCALE_LOG },
  [GRADLENS_LAYER_ACT_STD] = { "act_std", "Activation std", PLOT_SCALE_LOG },
  [GRADLENS_LAYER_ACT_MEAN] = { "act_mean", "Activation mean", PLOT_SCALE_LINEAR },
  [GRADLENS_LAYER_PRE_MEAN] = { "pre_mean", "Pre-activation mean", PLOT_SCALE_LINEAR },
};

const char *
gradlens_layer_stat_name (GradlensLayerStat stat)
{
  return (guint) stat < GRADLENS_N_LAYER_STATS ? layer_stats[stat].name : NULL;
}

int
gradlens_layer_stat_from_name (const char *name)
{
  for (guint i = 0; name != NULL && i < GRADLENS_N_LAYER_STATS; i++)
    if (g_str_equal (name, layer_stats[i].name))
      return (int) i;
  return -1;
}

const char *
gradlens_layer_stat_title (GradlensLayerStat stat)
{
  return (guint) stat < GRADLENS_N_LAYER_STATS ? layer_stats[stat].title : NULL;
}

PlotScale
gradlens_layer_stat_scale (GradlensLayerStat stat)
{
  return (guint) stat < GRADLENS_N_LAYER_STATS ? layer_stats[stat].scale : PLOT_SCALE_LINEAR;
}

double
gradlens_layer_stat_value (const GradlensRunResult *r,
                           int                      layer,
                           GradlensLayerStat        stat)
{
  const NnLayerStats *s;
  int units;

  g_return_val_if_fail (r != NULL, NAN);
  g_return_val_if_fail (layer >= 1 && layer <= r->depth, NAN);

  if (r->layer_stats == NULL)
    return NAN;
  s = &r->layer_stats[layer - 1];
  switch (stat)
    {
    case GRADLENS_LAYER_DERIV_MEAN:
      return s->deriv_mean;
    case GRADLENS_LAYER_SATURATED_FRACTION:
      return s->saturated_fraction;
    case GRADLENS_LAYER_DEAD_FRACTION:
      units = layer < r->depth ? r->config.nn.width : r->config.nn.outputs;
      return units > 0 ? (double) s->dead_units / units : NAN;
    case GRADLENS_LAYER_PRE_STD:
      return s->pre_std;
    case GRADLENS_LAYER_ACT_STD:
      return s->act_std;
    case GRADLENS_LAYER_ACT_MEAN:
      return s->act_mean;
    case GRADLENS_LAYER_PRE_MEAN:
      return s->pre_mean;
    case GRADLENS_N_LAYER_STATS:
    default:
      g_return_val_if_reached (NAN);
    }
}

static void
set_layer_categories (PlotFigure *figure,
                      int         depth)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i <= depth; i++)
    g_ptr_array_add (names, g_strdup_printf ("%d", i));
  plot_figure_set_categories (figure, (const char * const *) names->pdata, names->len);
}

static void
apply_settings (PlotFigure                 *figure,
                const GradlensPlotSettings *settings,
                const char                 *title,
                const char                 *x_title,
                const char                 *y_title)
{
  plot_figure_set_title (figure, settings->title ? settings->title : title);
  plot_figure_set_x_title (figure, settings->x_title ? settings->x_title : x_title);
  plot_figure_set_y_title (figure, settings->y_title ? settings->y_title : y_title);
  plot_figure_set_theme (figure, settings->theme == GRADLENS_THEME_LIGHT ? PLOT_THEME_LIGHT : PLOT_THEME_DARK);
}

PlotFigure *
gradlens_figure_from_layer_stats (const GradlensPlotSettings *settings,
                                  GradlensRunResult * const  *results,
                                  guint                       n_results,
                                  GradlensLayerStat           stat)
{
  PlotFigure *figure;
  g_autofree char *title = NULL;
  int deepest = 0;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail ((guint) stat < GRADLENS_N_LAYER_STATS, NULL);

  figure = plot_figure_new ();
  title = g_strdup_printf ("%s per layer", layer_stats[stat].title);
  apply_settings (figure, settings, title, "Layer", layer_stats[stat].title);
  plot_figure_set_y_scale (figure, layer_stats[stat].scale);

  for (guint i = 0; i < n_results; i++)
    deepest = MAX (deepest, results[i]->depth);
  set_layer_categories (figure, deepest);

  for (guint i = 0; i < n_results; i++)
    {
      const GradlensRunResult *r = results[i];
      g_autofree double *values = g_new (double, MAX (r->depth, 1));
      g_autofree char *label = gradlens_default_label (&r->config, i + 1);
      PlotRgba color;

      if (r->config.color == NULL || !plot_rgba_parse (&color, r->config.color))
        plot_palette_color (i, &color);
      for (int l = 1; l <= r->depth; l++)
        values[l - 1] = gradlens_layer_stat_value (r, l, stat);
      plot_figure_add_series (figure, label, &color, values, r->depth);
    }
  return figure;
}

/* ---- the backward signal ---------------------------------------------- */

double
gradlens_backward_step (const GradlensRunResult *r,
                        int                      layer,
                        double                  *activation_gain,
                        double                  *weight_gain)
{
  const NnLayerStats *s;

  g_return_val_if_fail (r != NULL, NAN);

  if (r->layer_stats == NULL || layer < 1 || layer >= r->depth)
    return NAN;
  s = r->layer_stats;
  if (activation_gain != NULL)
    *activation_gain = s[layer - 1].activation_gain;
  if (weight_gain != NULL)
    *weight_gain = s[layer].weight_gain;
  return s[layer - 1].activation_gain * s[layer].weight_gain;
}

/* the geometric mean of the positive, finite values; NAN without any */
static double
geometric_mean (const double *values,
                int           n)
{
  double sum = 0;
  int count = 0;

  for (int i = 0; i < n; i++)
    if (isfinite (values[i]) && values[i] > 0)
      {
        sum += log (values[i]);
        count++;
      }
  return count > 0 ? exp (sum / count) : NAN;
}

void
gradlens_backward_mean_gains (const GradlensRunResult *r,
                              double                  *activation_gain,
                              double                  *weight_gain,
                              double                  *measured)
{
  /* the steps between hidden layers: the output layer's weights (a single
   * output unit's among them) have a gain of their own, once */
  int n = r->depth >= 3 ? r->depth - 2 : MAX (r->depth - 1, 0);
  g_autofree double *act = g_new0 (double, MAX (n, 1));
  g_autofree double *weight = g_new0 (double, MAX (n, 1));
  g_autofree double *ratio = g_new0 (double, MAX (n, 1));

  for (int l = 1; l <= n; l++)
    {
      gradlens_backward_step (r, l, &act[l - 1], &weight[l - 1]);
      ratio[l - 1] = r->layer_stats != NULL && r->layer_stats[l].grad_rms > 0
                     ? r->layer_stats[l - 1].grad_rms / r->layer_stats[l].grad_rms : NAN;
    }
  *activation_gain = r->layer_stats != NULL ? geometric_mean (act, n) : NAN;
  *weight_gain = r->layer_stats != NULL ? geometric_mean (weight, n) : NAN;
  *measured = r->layer_stats != NULL ? geometric_mean (ratio, n) : NAN;
}

PlotFigure *
gradlens_figure_from_backward_signal (const GradlensPlotSettings *settings,
                                      GradlensRunResult * const  *results,
                                      guint                       n_results)
{
  PlotFigure *figure;
  int deepest = 0;

  g_return_val_if_fail (settings != NULL, NULL);

  figure = plot_figure_new ();
  apply_settings (figure, settings, "Backward Signal per Layer: Measured and Predicted", "Layer",
                  "RMS of dL/dz");
  plot_figure_set_y_scale (figure, settings->y_scale == GRADLENS_Y_LINEAR ? PLOT_SCALE_LINEAR : PLOT_SCALE_LOG);
  for (guint i = 0; i < n_results; i++)
    deepest = MAX (deepest, results[i]->depth);
  set_layer_categories (figure, deepest);

  /* the measurements first (series i is run i), then the predictions */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_results; i++)
      {
        const GradlensRunResult *r = results[i];
        g_autofree double *values = g_new (double, MAX (r->depth, 1));
        g_autofree char *label = gradlens_default_label (&r->config, i + 1);
        g_autofree char *suffix = NULL;
        double act, weight, measured;
        PlotRgba color;
        guint series;

        if (r->config.color == NULL || !plot_rgba_parse (&color, r->config.color))
          plot_palette_color (i, &color);
        for (int l = 1; l <= r->depth; l++)
          values[l - 1] = r->layer_stats == NULL ? NAN
                          : pass == 0 ? r->layer_stats[l - 1].grad_rms
                          : r->layer_stats[l - 1].predicted_grad_rms;
        gradlens_backward_mean_gains (r, &act, &weight, &measured);
        if (pass == 0)
          {
            series = plot_figure_add_series (figure, label, &color, values, r->depth);
            if (isfinite (measured))
              /* Translators: legend suffix of a measured backward signal: how it changes per layer */
              suffix = g_strdup_printf (_("hidden layers: measured ×%.2f per layer"), measured);
          }
        else
          {
            /* Translators: legend label of a run's predicted backward signal, drawn dashed */
            g_autofree char *predicted = g_strdup_printf (_("%s (predicted)"), label);

            series = plot_figure_add_series (figure, predicted, &color, values, r->depth);
            plot_figure_set_series_dashed (figure, series, TRUE);
            if (!nn_config_is_plain (&r->config.nn))
              {
                /* DESIGN.md: no prediction with residual connections or
                 * normalisation; its entry says why instead of a line of
                 * NaN markers */
                g_autofree gboolean *gaps = g_new (gboolean, MAX (r->depth, 1));

                for (int l = 0; l < r->depth; l++)
                  gaps[l] = TRUE;
                plot_figure_set_series_gaps (figure, series, gaps, r->depth);
                /* Translators: legend suffix of a run with residual connections or normalisation in the
                 * Backward Signal view, where the variance argument predicts nothing */
                suffix = g_strdup (_("no prediction: the variance argument does not cover residual connections "
                                     "or normalisation"));
              }
            else if (isfinite (act) && isfinite (weight))
              /* Translators: legend suffix of a predicted backward signal: the mean activation gain
               * times the mean weight gain per layer */
              suffix = g_strdup_printf (_("hidden layers: ×%.2f activation × %.2f weights ≈ ×%.2f"), act, weight,
                                        act * weight);
          }
        if (suffix != NULL)
          plot_figure_set_series_legend_suffix (figure, series, suffix);
      }
  return figure;
}

/* ---- depth sweeps ----------------------------------------------------- */

double
gradlens_sweep_decay_per_layer (const GradlensSweepPoint *points,
                                guint                     n_points)
{
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  guint n = 0;

  for (guint i = 0; i < n_points; i++)
    {
      double x = points[i].depth, y;

      if (!isfinite (points[i].value) || points[i].value <= 0.0)
        continue;
      y = log10 (points[i].value);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      n++;
    }
  if (n < 2 || n * sxx - sx * sx == 0.0)
    return NAN;
  return pow (10.0, (n * sxy - sx * sy) / (n * sxx - sx * sx));
}

char *
gradlens_default_sweep_label (const GradlensRunConfig *config)
{
  const NnConfig *c = &config->nn;
  g_autofree char *remedies = remedies_suffix (c);

  if (config->label != NULL && config->label[0] != '\0')
    return g_strdup (config->label);
  if (c->init == NN_INIT_DEFAULT)
    return g_strdup_printf ("%s%s", nn_activation_name (c->activation), remedies);
  return g_strdup_printf ("%s, %s%s", nn_activation_name (c->activation), nn_init_name (c->init), remedies);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

PlotFigure *
gradlens_figure_from_sweeps (const GradlensPlotSettings *settings,
                             const GradlensSweepSeries  *sweeps,
                             guint                       n_sweeps)
{
  PlotFigure *figure;
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (sweeps != NULL || n_sweeps == 0, NULL);

  figure = plot_figure_new ();
  apply_settings (figure, settings, "First layer's gradient norm against depth", "Depth",
                  "Gradient norm of lin1.weight");
  plot_figure_set_y_scale (figure, settings->y_scale == GRADLENS_Y_LINEAR ? PLOT_SCALE_LINEAR : PLOT_SCALE_LOG);

  /* the categories: every depth any sweep has, in order */
  for (guint s = 0; s < n_sweeps; s++)
    for (guint i = 0; i < sweeps[s].n_points; i++)
      g_array_append_val (depths, sweeps[s].points[i].depth);
  g_array_sort (depths, compare_ints);
  for (guint i = 0; i < depths->len; i++)
    {
      int d = g_array_index (depths, int, i);

      if (i > 0 && d == g_array_index (depths, int, i - 1))
        {
          g_array_remove_index (depths, i);
          i--;
          continue;
        }
      g_ptr_array_add (names, g_strdup_printf ("%d", d));
    }
  plot_figure_set_categories (figure, (const char * const *) names->pdata, names->len);

  for (guint s = 0; s < n_sweeps; s++)
    {
      const GradlensSweepSeries *sweep = &sweeps[s];
      g_autofree double *values = NULL;
      g_autofree double *q1 = NULL, *q3 = NULL, *lo = NULL, *hi = NULL;
      g_autofree gboolean *gaps = NULL;
      gboolean any_gap = FALSE;
      g_autofree char *suffix = gradlens_format_decay (gradlens_sweep_decay_per_layer (sweep->points,
                                                                                       sweep->n_points));
      PlotRgba color;
      guint n = 0, series;

      if (sweep->color == NULL || !plot_rgba_parse (&color, sweep->color))
        plot_palette_color (s, &color);
      /* the values up to the sweep's deepest depth, by category */
      if (sweep->n_points > 0)
        {
          int last = sweep->points[sweep->n_points - 1].depth;

          while (n < depths->len && g_array_index (depths, int, n) <= last)
            n++;
        }
      values = g_new (double, MAX (n, 1));
      q1 = g_new (double, MAX (n, 1));
      q3 = g_new (double, MAX (n, 1));
      lo = g_new (double, MAX (n, 1));
      hi = g_new (double, MAX (n, 1));
      gaps = g_new0 (gboolean, MAX (n, 1));
      for (guint k = 0, p = 0; k < n; k++)
        {
          int d = g_array_index (depths, int, k);

          while (p < sweep->n_points && sweep->points[p].depth < d)
            p++;
          if (p < sweep->n_points && sweep->points[p].depth == d)
            {
              const GradlensSweepPoint *point = &sweep->points[p];

              values[k] = point->value;
              q1[k] = point->stats.q1;
              q3[k] = point->stats.q3;
              lo[k] = point->stats.min;
              hi[k] = point->stats.max;
            }
          else
            {
              /* a depth another sweep has and this one has not: a gap,
               * drawn as nothing and never noted as NaN */
              values[k] = q1[k] = q3[k] = lo[k] = hi[k] = NAN;
              gaps[k] = any_gap = TRUE;
            }
        }
      series = plot_figure_add_series (figure, sweep->label != NULL ? sweep->label : "", &color, values, n);
      if (any_gap)
        plot_figure_set_series_gaps (figure, series, gaps, n);
      if (sweep->has_stats)
        {
          plot_figure_set_series_band (figure, series, q1, q3, n);
          plot_figure_set_series_whiskers (figure, series, lo, hi, n);
        }
      if (suffix != NULL)
        plot_figure_set_series_legend_suffix (figure, series, suffix);
    }
  return figure;
}
