/* gradlens-preview.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "gradlens-choices.h"
#include "gradlens-figure.h"

#include "gradlens-controls.h"
#include "gradlens-job.h"
#include "gradlens-page.h"
#include "gradlens-preview.h"

/* multiply-adds per millisecond that 2 cores of this kind of machine always
 * reach on small networks (DESIGN.md measures far more) */
#define MULADDS_PER_MS 2.0e5

struct _GradlensPreview
{
  GObject            parent_instance;

  /* Borrowed: the preview lives on the window (object data) */
  GradlensWindow    *window;

  /* Owned */
  GradlensJob       *job;
  GCancellable      *cancellable;
  GradlensRunResult *result;
  PlotFigure        *decorated;   /* the figure the preview's series was added to (a ref) */
  guint              idle_id;
  gboolean           active;
};

G_DEFINE_FINAL_TYPE (GradlensPreview, gradlens_preview, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

double
gradlens_preview_estimate_ms (const GradlensRunConfig *config)
{
  const NnConfig *c;
  double per_sample;

  g_return_val_if_fail (config != NULL, INFINITY);

  c = &config->nn;
  if (c->depth <= 1)
    per_sample = (double) c->inputs * c->outputs;
  else
    per_sample = (double) c->inputs * c->width + (double) (c->depth - 2) * c->width * c->width
                 + (double) c->width * c->outputs;
  /* forward, backward (two products) and the initialisation's draws */
  return (3.0 * per_sample * c->samples * MAX (config->seeds, 1) + per_sample) / MULADDS_PER_MS;
}

/* ---- drawing ---------------------------------------------------------- */

static GradlensPage *
gradients_page (GradlensPreview *self)
{
  return self->window != NULL ? gradlens_window_get_page (self->window, "gradients") : NULL;
}

/* after the page built its figure from the runs: the preview as a dashed
 * series after them, once per figure */
static void
decorate (GradlensPreview *self)
{
  GradlensPage *page = gradients_page (self);
  GradlensPlotView *view;
  PlotFigure *figure;
  guint series;

  if (page == NULL || self->result == NULL)
    return;
  view = gradlens_page_get_plot_view (page);
  figure = gradlens_plot_view_get_figure (view);
  if (figure == NULL || figure == self->decorated)
    return;
  series = gradlens_figure_add_result (figure, gradlens_session_get_x_axis (gradlens_window_get_session (self->window)),
                                       self->result, plot_figure_get_n_series (figure));
  plot_figure_set_series_dashed (figure, series, TRUE);
  g_clear_pointer (&self->decorated, plot_figure_unref);
  self->decorated = plot_figure_ref (figure);
  gradlens_plot_view_figure_changed (view);
}

/* the figure again from the runs, with or without the preview */
static void
redraw (GradlensPreview *self)
{
  GradlensPage *page = gradients_page (self);

  g_clear_pointer (&self->decorated, plot_figure_unref);
  if (page != NULL)
    gradlens_page_update_figure (page, TRUE);
  decorate (self);
}

static void
set_result (GradlensPreview   *self,
            GradlensRunResult *result)
{
  if (result == NULL && self->result == NULL)
    return;
  g_clear_pointer (&self->result, gradlens_run_result_free);
  self->result = result;
  redraw (self);
}

/* ---- computing -------------------------------------------------------- */

static void
set_busy (GradlensPreview *self,
          GradlensJob     *job)
{
  gboolean was_busy = self->job != NULL;

  g_set_object (&self->job, job);
  if (was_busy != (job != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
stop (GradlensPreview *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, NULL);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GradlensPreview) self = user_data;
  GradlensJob *job = GRADLENS_JOB (object);
  g_autoptr(GError) error = NULL;
  gboolean ok = gradlens_job_run_finish (job, result, &error);

  /* a newer change replaced this one */
  if (job != self->job)
    return;
  set_busy (self, NULL);
  g_clear_object (&self->cancellable);
  if (!ok || gradlens_job_get_n_done (job) < 1)
    {
      set_result (self, NULL);
      return;
    }
  set_result (self, gradlens_job_steal_output (job, 0, NULL));
}

/* the controls changed (or the preview was turned on): compute them if cheap */
static gboolean
update_cb (gpointer data)
{
  GradlensPreview *self = data;
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  g_autoptr(GradlensJob) job = NULL;
  GradlensControls *controls;
  g_autofree char *message = NULL;

  self->idle_id = 0;
  stop (self);
  if (!self->active || self->window == NULL)
    {
      set_result (self, NULL);
      return G_SOURCE_REMOVE;
    }
  controls = gradlens_window_get_controls (self->window);
  if (!gradlens_controls_get_config (controls, config, &message)
      || gradlens_preview_estimate_ms (config) > GRADLENS_PREVIEW_BUDGET_MS)
    {
      set_result (self, NULL);
      return G_SOURCE_REMOVE;
    }
  g_free (config->label);
  /* Translators: the label of the live preview's dashed series */
  config->label = g_strdup (_("Preview"));
  g_free (config->color);
  config->color = gradlens_series_list_next_color (gradlens_session_get_runs (gradlens_window_get_session (self->window)));
  job = gradlens_job_new (GRADLENS_JOB_RUN);
  gradlens_job_add (job, config, NULL, 0, NULL);
  self->cancellable = g_cancellable_new ();
  set_busy (self, job);
  gradlens_job_run_async (job, self->cancellable, job_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
queue_update (GradlensPreview *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (update_cb, self);
}

/* the page rebuilt its figure (a run added, renamed, a setting): add the preview again */
static void
figure_changed_cb (GradlensPreview *self)
{
  decorate (self);
}

/* a run was kept (Ctrl+Return) or removed: the preview waits for the next change */
static void
runs_changed_cb (GradlensPreview *self,
                 guint            position,
                 guint            removed,
                 guint            added)
{
  if (added > 0 && self->result != NULL)
    {
      stop (self);
      set_result (self, NULL);
    }
}

static void
connect_controls (GradlensPreview *self)
{
  GradlensControls *controls = gradlens_window_get_controls (self->window);
  guint n_fields = 0;
  const GradlensField *fields = gradlens_fields (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *widget = gradlens_controls_get_field_widget (controls, fields[i].section, fields[i].key);
      const char *signal;

      if (widget == NULL)
        continue;
      if (GTK_IS_SPIN_BUTTON (widget))
        signal = "notify::value";
      else if (GTK_IS_SWITCH (widget))
        signal = "notify::active";
      else if (ADW_IS_COMBO_ROW (widget))
        signal = "notify::selected";
      else
        continue;
      g_signal_connect_object (widget, signal, G_CALLBACK (queue_update), self, G_CONNECT_SWAPPED);
      if (GTK_IS_SPIN_BUTTON (widget))
        /* typing, before the value is taken */
        g_signal_connect_object (widget, "changed", G_CALLBACK (queue_update), self, G_CONNECT_SWAPPED);
    }
}

static void
gradlens_preview_dispose (GObject *object)
{
  GradlensPreview *self = GRADLENS_PREVIEW (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  stop (self);
  g_clear_pointer (&self->result, gradlens_run_result_free);
  g_clear_pointer (&self->decorated, plot_figure_unref);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;

  G_OBJECT_CLASS (gradlens_preview_parent_class)->dispose (object);
}

static void
gradlens_preview_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GradlensPreview *self = GRADLENS_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->job != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_preview_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ACTIVE:
      gradlens_preview_set_active (GRADLENS_PREVIEW (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_preview_class_init (GradlensPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gradlens_preview_dispose;
  object_class->get_property = gradlens_preview_get_property;
  object_class->set_property = gradlens_preview_set_property;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gradlens_preview_init (GradlensPreview *self)
{
}

GradlensPreview *
gradlens_preview_new (GradlensWindow *window)
{
  GradlensPreview *self;
  GradlensPage *page;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (window), NULL);

  self = g_object_new (GRADLENS_TYPE_PREVIEW, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  page = gradients_page (self);
  if (page != NULL)
    g_signal_connect_object (page, "figure-changed", G_CALLBACK (figure_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gradlens_session_get_runs (gradlens_window_get_session (window)), "items-changed",
                           G_CALLBACK (runs_changed_cb), self, G_CONNECT_SWAPPED);
  connect_controls (self);
  return self;
}

gboolean
gradlens_preview_get_active (GradlensPreview *self)
{
  g_return_val_if_fail (GRADLENS_IS_PREVIEW (self), FALSE);

  return self->active;
}

void
gradlens_preview_set_active (GradlensPreview *self,
                             gboolean         active)
{
  g_return_if_fail (GRADLENS_IS_PREVIEW (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

const GradlensRunResult *
gradlens_preview_get_result (GradlensPreview *self)
{
  g_return_val_if_fail (GRADLENS_IS_PREVIEW (self), NULL);

  return self->result;
}

gboolean
gradlens_preview_get_busy (GradlensPreview *self)
{
  g_return_val_if_fail (GRADLENS_IS_PREVIEW (self), FALSE);

  return self->job != NULL || self->idle_id != 0;
}

GradlensPreview *
gradlens_preview_get_for_window (GradlensWindow *window)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (window), NULL);

  return g_object_get_data (G_OBJECT (window), "gradlens-preview");
}

/* win.preview turns the preview on and off; the preview object lives on the window */
static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GradlensPreview *preview = gradlens_preview_get_for_window (GRADLENS_WINDOW (widget));

  if (preview == NULL)
    {
      preview = gradlens_preview_new (GRADLENS_WINDOW (widget));
      g_object_set_data_full (G_OBJECT (widget), "gradlens-preview", preview, g_object_unref);
    }
  gradlens_preview_set_active (preview, !gradlens_preview_get_active (preview));
}

void
gradlens_preview_install_action (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.preview", NULL, preview_action);
}
