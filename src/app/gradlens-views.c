/* gradlens-views.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-run-item.h"
#include "gradlens-views.h"

/* The views of the window: the pages (GradlensPage) in the plot stack above,
 * the panels of runs and of sweeps (GradlensSeriesPanel) below; which one
 * shows follows the page on screen, and so do the table shown and the side
 * panel's sweep mode. */

struct _GradlensViews
{
  GObject              parent_instance;

  /* Borrowed: the window's template widgets, and its session */
  GtkStack            *plot_stack;
  GtkStack            *lower_stack;
  GradlensSeriesPanel *runs_panel;
  GradlensSeriesPanel *sweeps_panel;
  GradlensControls    *controls;
};

G_DEFINE_FINAL_TYPE (GradlensViews, gradlens_views, G_TYPE_OBJECT)

enum {
  CHANGED,
  FIGURE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed (GradlensViews *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
figure_changed_cb (GradlensViews *self)
{
  g_signal_emit (self, signals[FIGURE_CHANGED], 0);
}

/* the rest of the window follows what the plot shows */
static void
view_changed_cb (GradlensViews *self)
{
  const char *view = gradlens_views_get_view (self);
  gboolean sweep = g_str_equal (view, "sweep");

  gtk_stack_set_visible_child_name (self->lower_stack, sweep ? "sweeps" : "runs");
  if (g_str_equal (view, "forward") || g_str_equal (view, "backward"))
    gradlens_series_panel_show_table (self->runs_panel, "layers");
  else if (g_str_equal (view, "gradients"))
    gradlens_series_panel_show_table (self->runs_panel, "gradients");
  gradlens_controls_set_sweep_mode (self->controls, sweep);
  changed (self);
}

/* the layers of a run with several seeds are those of its first */
static void
run_selected_cb (GradlensViews *self)
{
  GradlensSeries *run;
  GradlensSeriesTable *layers;

  /* closed (the window's dispose) */
  if (self->runs_panel == NULL)
    return;
  run = gradlens_series_panel_get_selected (self->runs_panel);
  layers = gradlens_series_panel_get_table (self->runs_panel, "layers");

  gtk_widget_set_tooltip_text (GTK_WIDGET (gradlens_series_table_get_view (layers)),
                               run != NULL && gradlens_series_has_stats (run)
                               ? _("Over the first seed of the run") : NULL);
  changed (self);
}

static void
gradlens_views_dispose (GObject *object)
{
  gradlens_views_close (GRADLENS_VIEWS (object));

  G_OBJECT_CLASS (gradlens_views_parent_class)->dispose (object);
}

static void
gradlens_views_class_init (GradlensViewsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gradlens_views_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FIGURE_CHANGED] =
    g_signal_new ("figure-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
gradlens_views_init (GradlensViews *self)
{
}

/**
 * gradlens_views_new:
 * @plot_stack: the pages, named by their view ("gradients", "forward",
 *   "backward", "sweep", "train")
 * @lower_stack: the panels, named "runs" and "sweeps"
 * @runs_panel: the list of runs and their tables
 * @sweeps_panel: the list of sweeps and their table
 * @controls: the side panel
 * @session: the experiment every page shows
 *
 * Gives each page the session and sets up the panels' tables. The widgets
 * are borrowed until gradlens_views_close().
 *
 * Returns: (transfer full): the views
 */
GradlensViews *
gradlens_views_new (GtkStack            *plot_stack,
                    GtkStack            *lower_stack,
                    GradlensSeriesPanel *runs_panel,
                    GradlensSeriesPanel *sweeps_panel,
                    GradlensControls    *controls,
                    GradlensSession     *session)
{
  GradlensViews *self = g_object_new (GRADLENS_TYPE_VIEWS, NULL);

  self->plot_stack = plot_stack;
  self->lower_stack = lower_stack;
  self->runs_panel = runs_panel;
  self->sweeps_panel = sweeps_panel;
  self->controls = controls;

  gradlens_series_panel_add_table (self->runs_panel, "gradients",
                                   /* Translators: a table: the gradient norm of each parameter */
                                   _("Gradients"), _("Gradient norms of the selected run"),
                                   &gradlens_run_values_table, GRADLENS_RUN_TABLE_VALUES);
  gradlens_series_panel_add_table (self->runs_panel, "layers",
                                   /* Translators: a table: the forward statistics of each layer */
                                   _("Layers"), _("Forward statistics of each layer of the selected run"),
                                   &gradlens_run_layers_table, GRADLENS_RUN_TABLE_LAYERS);
  gradlens_series_panel_add_table (self->sweeps_panel, "sweep", NULL,
                                   _("The first layer’s gradient norm at each depth of the selected sweep"),
                                   &gradlens_sweep_table, 0);
  gradlens_series_panel_show_table (self->runs_panel, "gradients");
  gradlens_series_panel_bind (self->runs_panel, gradlens_session_get_runs (session));
  gradlens_series_panel_bind (self->sweeps_panel, gradlens_session_get_sweeps (session));
  g_signal_connect_object (self->runs_panel, "selection-changed", G_CALLBACK (run_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sweeps_panel, "selection-changed", G_CALLBACK (changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gradlens_series_panel_get_stack (self->runs_panel), "notify::visible-child-name",
                           G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
  /* every view's page follows the session */
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (plot_stack)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    if (GRADLENS_IS_PAGE (page))
      {
        gradlens_page_set_session (GRADLENS_PAGE (page), session);
        g_signal_connect_object (page, "figure-changed", G_CALLBACK (figure_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      }
  g_signal_connect_object (self->plot_stack, "notify::visible-child-name", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/* the view shown: "gradients", "forward", "backward", "sweep" or "train" */
const char *
gradlens_views_get_view (GradlensViews *self)
{
  const char *name;

  g_return_val_if_fail (GRADLENS_IS_VIEWS (self), NULL);

  name = self->plot_stack != NULL ? gtk_stack_get_visible_child_name (self->plot_stack) : NULL;
  return name != NULL ? name : "gradients";
}

/* shows @view, if there is such a view */
void
gradlens_views_set_view (GradlensViews *self,
                         const char    *view)
{
  g_return_if_fail (GRADLENS_IS_VIEWS (self));

  if (view == NULL || self->plot_stack == NULL || gtk_stack_get_child_by_name (self->plot_stack, view) == NULL)
    return;
  gtk_stack_set_visible_child_name (self->plot_stack, view);
}

/* the page on screen */
GradlensPage *
gradlens_views_get_visible_page (GradlensViews *self)
{
  g_return_val_if_fail (GRADLENS_IS_VIEWS (self), NULL);

  return GRADLENS_PAGE (gtk_stack_get_visible_child (self->plot_stack));
}

/* the panel below: the sweeps' in the Depth Sweep view, else the runs' */
GradlensSeriesPanel *
gradlens_views_get_visible_panel (GradlensViews *self)
{
  g_return_val_if_fail (GRADLENS_IS_VIEWS (self), NULL);

  return g_strcmp0 (gradlens_views_get_view (self), "sweep") == 0 ? self->sweeps_panel : self->runs_panel;
}

/* the window's widgets go (its dispose) */
void
gradlens_views_close (GradlensViews *self)
{
  g_return_if_fail (GRADLENS_IS_VIEWS (self));

  if (self->plot_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->plot_stack, self);
  self->plot_stack = NULL;
  self->lower_stack = NULL;
  self->runs_panel = NULL;
  self->sweeps_panel = NULL;
  self->controls = NULL;
}
