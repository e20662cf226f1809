/* gradlens-train-page-heatmap.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gradlens-export.h"
#include "gradlens-series.h"
#include "gradlens-train-page-private.h"
#include "gradlens-train-run.h"

/* The Training view's heatmap (each parameter's gradient norm, or each
 * layer's weight change, over the steps) and its exported values. */

/* how far layer l's weights moved by step t (the median over seeds) */
static double
weight_change (const GradlensTrainResult *r,
               guint                      t,
               int                        l)
{
  if (r->change_stats != NULL)
    return r->change_stats_defined[l] ? r->change_stats[(gsize) t * r->depth + l].median : NAN;
  return r->has_change[l] ? r->weight_change[(gsize) t * r->depth + l] : NAN;
}

static gboolean
showing_change (GradlensTrainPage *self)
{
  return gtk_drop_down_get_selected (self->show_dropdown) == 1;
}

/* the heatmap of every training (each parameter's gradient norm, or each
 * layer's weight change), the step of the slider marked */
PlotHeatmap *
_gradlens_train_page_build_heatmap (GradlensTrainPage *self,
                                    gboolean           for_screen)
{
  GListModel *trainings = gradlens_page_get_series (GRADLENS_PAGE (self));
  guint n = g_list_model_get_n_items (trainings);
  gboolean change = showing_change (self);
  PlotHeatmap *hm = plot_heatmap_new ();

  plot_heatmap_set_titles (hm, for_screen ? NULL : _("Training: Gradient Norms and Loss per Step"),
                           /* Translators: the titles of the heatmap's colour bar */
                           change ? _("Weight change") : _("Gradient norm"), _("Loss"), _("Step"));
  plot_heatmap_set_zero_low (hm, change);
  plot_heatmap_set_theme (hm, adw_style_manager_get_dark (adw_style_manager_get_default ())
                                ? PLOT_THEME_DARK : PLOT_THEME_LIGHT);
  plot_heatmap_set_marker (hm, (int) gradlens_train_page_get_step (self));
  if (for_screen)
    gradlens_heatmap_view_set_value_name (self->heatmap_view, change ? _("weight change") : _("gradient norm"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensTrainRun) run = g_list_model_get_item (trainings, i);
      const GradlensTrainResult *r = gradlens_train_run_get_result (run);
      guint filled = gradlens_train_run_get_n_steps (run);
      guint steps = (guint) gradlens_train_run_get_settings (run)->steps;
      g_autofree double *values = NULL;
      g_autofree double *losses = NULL;
      g_auto(GStrv) rows = NULL;
      g_auto(GStrv) names = NULL;
      int n_rows;
      PlotRgba color;

      if (r == NULL || !gradlens_series_get_visible (GRADLENS_SERIES (run)))
        continue;
      n_rows = change ? r->depth : r->n_params;
      plot_rgba_parse (&color, gradlens_series_get_color (GRADLENS_SERIES (run)));
      values = g_new (double, (gsize) MAX (filled, 1) * n_rows);
      losses = g_new (double, MAX (filled, 1));
      for (guint t = 0; t < filled; t++)
        {
          losses[t] = gradlens_train_run_get_loss (run, t);
          for (int p = 0; p < n_rows; p++)
            values[(gsize) t * n_rows + p] = change ? weight_change (r, t, p) : gradlens_train_run_get_norm (run, t, p);
        }
      rows = g_new0 (char *, n_rows + 1);
      names = g_new0 (char *, n_rows + 1);
      for (int p = 0; p < n_rows; p++)
        {
          rows[p] = change ? g_strdup_printf ("lin%d", p + 1) : plot_shorten_parameter_name (r->names[p]);
          names[p] = change ? g_strdup_printf ("lin%d.weight", p + 1) : g_strdup (r->names[p]);
        }
      plot_heatmap_add_panel (hm, gradlens_series_get_label (GRADLENS_SERIES (run)), &color,
                              (const char * const *) rows, n_rows, steps, filled, values, losses);
      if (for_screen)
        gradlens_heatmap_view_set_names (self->heatmap_view, plot_heatmap_get_n_panels (hm) - 1,
                                         gradlens_series_get_label (GRADLENS_SERIES (run)),
                                         (const char * const *) names);
    }
  return hm;
}

PlotHeatmap *
_gradlens_train_page_dup_heatmap (GradlensPage *page)
{
  GradlensTrainPage *self = GRADLENS_TRAIN_PAGE (page);

  if (g_list_model_get_n_items (gradlens_page_get_series (page)) == 0)
    return NULL;
  return _gradlens_train_page_build_heatmap (self, FALSE);
}

char *
_gradlens_train_page_dup_export_text (GradlensPage *page,
                                        gboolean      json)
{
  GListModel *trainings = gradlens_page_get_series (page);
  guint n = g_list_model_get_n_items (trainings);
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  GString *s;

  if (n == 0)
    return NULL;
  if (!json)
    {
      s = g_string_new (NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GradlensTrainRun) run = g_list_model_get_item (trainings, i);
          const GradlensTrainResult *r = gradlens_train_run_get_result (run);
          g_autofree char *csv = NULL;
          g_auto(GStrv) lines = NULL;

          if (r == NULL || gradlens_train_run_get_n_steps (run) < (guint) r->n_steps)
            continue;
          csv = gradlens_train_to_csv (r);
          lines = g_strsplit (csv, "\n", -1);
          for (guint k = 0; lines[k] != NULL; k++)
            {
              if (lines[k][0] == '\0' || (k == 0 && s->len > 0))
                continue;
              if (k == 0)
                g_string_append (s, "label,");
              else
                {
                  gradlens_csv_append_field (s, gradlens_series_get_label (GRADLENS_SERIES (run)));
                  g_string_append_c (s, ',');
                }
              g_string_append (s, lines[k]);
              g_string_append_c (s, '\n');
            }
        }
      return g_string_free (s, FALSE);
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "trainings");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensTrainRun) run = g_list_model_get_item (trainings, i);
      const GradlensTrainResult *r = gradlens_train_run_get_result (run);
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) node = NULL;

      if (r == NULL || gradlens_train_run_get_n_steps (run) < (guint) r->n_steps)
        continue;
      text = gradlens_train_to_json (r);
      node = json_from_string (text, NULL);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, gradlens_series_get_label (GRADLENS_SERIES (run)));
      json_builder_set_member_name (b, "config");
      gradlens_run_config_build_json (gradlens_train_run_get_config (run), b);
      json_builder_set_member_name (b, "settings");
      gradlens_train_settings_build_json (gradlens_train_run_get_settings (run), b);
      json_builder_set_member_name (b, "train");
      json_builder_add_value (b, json_node_copy (json_object_get_member (json_node_get_object (node), "train")));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return gradlens_json_to_text (root, 2);
}
