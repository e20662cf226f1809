/* gradlens-sweep-page.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-export.h"
#include "gradlens-figure.h"
#include "gradlens-remedy-sweep.h"
#include "gradlens-sweep-page.h"

struct _GradlensSweepPage
{
  GradlensPage      parent_instance;

  /* Template widgets */
  GradlensPlotView *plot_view;
  GtkButton        *remedies_button;
  /* Borrowed */
  GradlensSession  *watched;   /* whose running state the button follows */
};

G_DEFINE_FINAL_TYPE (GradlensSweepPage, gradlens_sweep_page, GRADLENS_TYPE_PAGE)

static void watch_session (GradlensSweepPage *self,
                           GradlensSession   *session);

static GListModel *
sweep_page_get_series (GradlensPage *page)
{
  return gradlens_session_get_sweeps (gradlens_page_get_session (page));
}

/* every sweep, with the y scale of the gradient norms */
static PlotFigure *
sweep_page_build_figure (GradlensPage *page)
{
  GradlensSession *session = gradlens_page_get_session (page);
  GListModel *sweeps = sweep_page_get_series (page);
  guint n = g_list_model_get_n_items (sweeps);
  g_autofree GradlensSweepSeries *series = g_new0 (GradlensSweepSeries, n + 1);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GradlensPlotSettings settings = { 0 };
  PlotFigure *figure;

  for (guint i = 0; i < n; i++)
    {
      GradlensDepthSweep *sweep = g_list_model_get_item (sweeps, i);

      g_ptr_array_add (items, sweep);
      series[i].label = gradlens_series_get_label (GRADLENS_SERIES (sweep));
      series[i].color = gradlens_series_get_color (GRADLENS_SERIES (sweep));
      series[i].points = gradlens_depth_sweep_get_points (sweep, &series[i].n_points);
      series[i].has_stats = gradlens_series_has_stats (GRADLENS_SERIES (sweep));
    }
  watch_session (GRADLENS_SWEEP_PAGE (page), session);
  settings.y_scale = gradlens_session_get_y_scale (session);
  settings.title = (char *) _("First Layer’s Gradient Norm against Depth");
  /* Translators: the x axis of the depth sweep: the number of linear layers */
  settings.x_title = (char *) _("Depth (linear layers)");
  settings.y_title = (char *) _("Gradient norm of lin1.weight");
  figure = gradlens_figure_from_sweeps (&settings, series, n);
  gradlens_page_add_legend_suffixes (figure, sweeps);
  return figure;
}

/**
 * sweep_page_dup_export_text:
 * @page: the page
 * @json: %TRUE for JSON, %FALSE for CSV
 *
 * Every sweep for the export: JSON as the CLI's `sweep` command prints one
 * ({"sweeps": [{"label", "config", "sweep": [{"depth",
 * "first_weight_grad_norm", "stats"}]}]}), or CSV with one row per sweep and
 * depth (label, depth, first_weight_grad_norm, min, q1, median, q3, max).
 *
 * Returns: (transfer full): the text
 */
static char *
sweep_page_dup_export_text (GradlensPage *page,
                            gboolean      json)
{
  GListModel *sweeps = gradlens_session_get_sweeps (gradlens_page_get_session (page));
  guint n = g_list_model_get_n_items (sweeps);
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  GString *s;

  if (!json)
    {
      s = g_string_new (NULL);
      gradlens_sweep_csv_header (s);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (sweeps, i);
          const GradlensSweepPoint *points;
          guint n_points = 0;

          points = gradlens_depth_sweep_get_points (sweep, &n_points);
          gradlens_sweep_append_csv (s, gradlens_series_get_label (GRADLENS_SERIES (sweep)), points, n_points,
                                     gradlens_series_has_stats (GRADLENS_SERIES (sweep)));
        }
      return g_string_free (s, FALSE);
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sweeps");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (sweeps, i);
      const GradlensSweepPoint *points;
      guint n_points = 0;

      points = gradlens_depth_sweep_get_points (sweep, &n_points);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, gradlens_series_get_label (GRADLENS_SERIES (sweep)));
      json_builder_set_member_name (b, "config");
      gradlens_run_config_build_json (gradlens_depth_sweep_get_config (sweep), b);
      json_builder_set_member_name (b, "sweep");
      gradlens_sweep_build_json (b, points, n_points, gradlens_series_has_stats (GRADLENS_SERIES (sweep)));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return gradlens_json_to_text (root, 2);
}

/* sweep-page.remedies: the window's sweep with and without each remedy
 * (gradlens-remedy-sweep.c) */
static void
remedies_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GRADLENS_IS_WINDOW (root))
    gradlens_window_sweep_remedies (GRADLENS_WINDOW (root));
}

/* one computation at a time, as the Sweep button */
static void
running_changed_cb (GradlensSweepPage *self)
{
  GradlensSession *session = gradlens_page_get_session (GRADLENS_PAGE (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sweep-page.remedies",
                                 session == NULL || !gradlens_session_get_running (session));
}

/* the page's session is known once it builds its first figure
 * (gradlens_page_set_session()) */
static void
watch_session (GradlensSweepPage *self,
               GradlensSession   *session)
{
  if (session == NULL || session == self->watched)
    return;
  self->watched = session;
  g_signal_connect_object (session, "notify::running", G_CALLBACK (running_changed_cb), self, G_CONNECT_SWAPPED);
  running_changed_cb (self);
}

static void
gradlens_sweep_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GRADLENS_TYPE_SWEEP_PAGE);

  G_OBJECT_CLASS (gradlens_sweep_page_parent_class)->dispose (object);
}

static void
gradlens_sweep_page_class_init (GradlensSweepPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GradlensPageClass *page_class = GRADLENS_PAGE_CLASS (klass);

  object_class->dispose = gradlens_sweep_page_dispose;
  page_class->get_series = sweep_page_get_series;
  page_class->build_figure = sweep_page_build_figure;
  page_class->dup_export_text = sweep_page_dup_export_text;

  g_type_ensure (GRADLENS_TYPE_PLOT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-sweep-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensSweepPage, plot_view);
  gtk_widget_class_bind_template_child (widget_class, GradlensSweepPage, remedies_button);
  gtk_widget_class_install_action (widget_class, "sweep-page.remedies", NULL, remedies_action);
}

static void
gradlens_sweep_page_init (GradlensSweepPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gradlens_page_set_plot_view (GRADLENS_PAGE (self), self->plot_view);
}
