/* gradlens-train-page.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gradlens-export.h"
#include "gradlens-heatmap-view.h"
#include "gradlens-number-field.h"
#include "gradlens-series.h"
#include "gradlens-train-page-private.h"
#include "gradlens-train-run.h"

G_DEFINE_FINAL_TYPE (GradlensTrainPage, gradlens_train_page, GRADLENS_TYPE_PAGE)

static GListModel *
train_page_get_series (GradlensPage *page)
{
  return gradlens_session_get_trainings (gradlens_page_get_session (page));
}

static void follow_session (GradlensTrainPage *self);

/* the most steps of the trainings listed (their length), and the most
 * filled in */
static guint
max_steps (GListModel *trainings,
           guint      *filled)
{
  guint n = g_list_model_get_n_items (trainings);
  guint most = 0;

  *filled = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensTrainRun) run = g_list_model_get_item (trainings, i);

      most = MAX (most, (guint) gradlens_train_run_get_settings (run)->steps);
      *filled = MAX (*filled, gradlens_train_run_get_n_steps (run));
    }
  return most;
}

guint
gradlens_train_page_get_step (GradlensTrainPage *self)
{
  g_return_val_if_fail (GRADLENS_IS_TRAIN_PAGE (self), 0);

  return (guint) MAX (0.0, round (gtk_adjustment_get_value (self->step_adjustment)));
}

/* the norm profile of each training at the step on the slider */
static PlotFigure *
train_page_build_figure (GradlensPage *page)
{
  GradlensTrainPage *self = GRADLENS_TRAIN_PAGE (page);
  GListModel *trainings = train_page_get_series (page);
  guint n = g_list_model_get_n_items (trainings);
  guint step = gradlens_train_page_get_step (self);
  PlotFigure *figure = plot_figure_new ();
  g_autofree char *title = NULL;
  int most_params = 0;

  follow_session (self);
  /* Translators: the title of the gradient plot of the Training view */
  title = g_strdup_printf (_("Gradient Norms at Step %u"), step);
  plot_figure_set_title (figure, title);
  plot_figure_set_x_title (figure, _("Layer Index"));
  plot_figure_set_y_title (figure, _("Gradient Norm"));
  plot_figure_set_y_scale (figure, gradlens_session_get_y_scale (gradlens_page_get_session (page)) == GRADLENS_Y_LINEAR
                                     ? PLOT_SCALE_LINEAR : PLOT_SCALE_LOG);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensTrainRun) run = g_list_model_get_item (trainings, i);
      const GradlensTrainResult *r = gradlens_train_run_get_result (run);

      if (r != NULL && r->n_params > most_params)
        {
          most_params = r->n_params;
          plot_figure_set_categories (figure, (const char * const *) r->names, r->n_params);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensTrainRun) run = g_list_model_get_item (trainings, i);
      const GradlensTrainResult *r = gradlens_train_run_get_result (run);
      guint filled = gradlens_train_run_get_n_steps (run);
      g_autofree double *values = NULL;
      PlotRgba color;

      plot_rgba_parse (&color, gradlens_series_get_color (GRADLENS_SERIES (run)));
      values = g_new (double, MAX (most_params, 1));
      for (int p = 0; p < most_params; p++)
        values[p] = r != NULL && filled > 0 && p < r->n_params
                      ? gradlens_train_run_get_norm (run, MIN (step, filled - 1), p) : NAN;
      plot_figure_add_series (figure, gradlens_series_get_label (GRADLENS_SERIES (run)), &color, values,
                              r != NULL && filled > 0 ? (gsize) r->n_params : 0);
    }
  return figure;
}

/* ---- following the trainings ------------------------------------------ */

static void
update_step_label (GradlensTrainPage *self)
{
  guint filled = 0;
  guint most = self->trainings != NULL ? max_steps (self->trainings, &filled) : 0;
  g_autofree char *text = NULL;

  /* Translators: the step the slider shows, of how many: "Step 12 of 300" */
  text = g_strdup_printf (_("Step %u of %u"), gradlens_train_page_get_step (self), most);
  gtk_label_set_label (self->step_label, text);
}

/* new steps came: the slider reaches them, the figures redraw */
static void
refresh (GradlensTrainPage *self)
{
  guint filled = 0;
  guint n;

  follow_session (self);
  if (self->trainings == NULL)
    return;
  n = g_list_model_get_n_items (self->trainings);
  max_steps (self->trainings, &filled);
  gtk_adjustment_set_upper (self->step_adjustment, filled > 0 ? filled - 1 : 0);
  gtk_widget_set_visible (self->hint_label, n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->heatmap_view), n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->play_button), filled > 1);
  gradlens_heatmap_view_set_heatmap (self->heatmap_view, _gradlens_train_page_build_heatmap (self, TRUE));
  gradlens_page_update_figure (GRADLENS_PAGE (self), TRUE);
  update_step_label (self);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  GradlensTrainPage *self = user_data;

  self->update_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* at most one redraw per frame however often the steps come */
static void
queue_refresh (GradlensTrainPage *self)
{
  if (self->update_id == 0 && !self->disposed)
    self->update_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_idle_cb, self, NULL);
}

static void
trainings_changed_cb (GradlensTrainPage *self,
                      guint              position,
                      guint              removed,
                      guint              added,
                      GListModel        *list)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) run = g_list_model_get_item (list, i);

      g_signal_connect_object (run, "notify::n-steps", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (run, "notify::visible", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
    }
  if (added > 0)
    gtk_adjustment_set_value (self->step_adjustment, 0);
  queue_refresh (self);
}

static void
show_changed_cb (GradlensTrainPage *self)
{
  refresh (self);
}

static void
step_changed_cb (GradlensTrainPage *self)
{
  PlotHeatmap *hm = (PlotHeatmap *) gradlens_heatmap_view_get_heatmap (self->heatmap_view);

  if (hm != NULL)
    {
      plot_heatmap_set_marker (hm, (int) gradlens_train_page_get_step (self));
      gtk_widget_queue_draw (GTK_WIDGET (self->heatmap_view));
    }
  gradlens_page_update_figure (GRADLENS_PAGE (self), TRUE);
  update_step_label (self);
}

void
gradlens_train_page_set_step (GradlensTrainPage *self,
                              guint              step)
{
  g_return_if_fail (GRADLENS_IS_TRAIN_PAGE (self));

  gtk_adjustment_set_value (self->step_adjustment, step);
}

/* ---- play ------------------------------------------------------------- */

static void
stop_playing (GradlensTrainPage *self)
{
  g_clear_handle_id (&self->play_id, g_source_remove);
  if (gtk_toggle_button_get_active (self->play_button))
    gtk_toggle_button_set_active (self->play_button, FALSE);
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button), "media-playback-start-symbolic");
}

static gboolean
play_tick_cb (gpointer user_data)
{
  GradlensTrainPage *self = user_data;
  double upper = gtk_adjustment_get_upper (self->step_adjustment);
  double value = gtk_adjustment_get_value (self->step_adjustment);
  double stride = MAX (1.0, ceil ((upper + 1.0) / PLAY_FRAMES));

  if (value >= upper)
    {
      self->play_id = 0;
      stop_playing (self);
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (self->step_adjustment, MIN (upper, value + stride));
  return G_SOURCE_CONTINUE;
}

static void
play_toggled_cb (GradlensTrainPage *self)
{
  if (!gtk_toggle_button_get_active (self->play_button))
    {
      stop_playing (self);
      return;
    }
  /* from the start when at the end */
  if (gtk_adjustment_get_value (self->step_adjustment) >= gtk_adjustment_get_upper (self->step_adjustment))
    gtk_adjustment_set_value (self->step_adjustment, 0);
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button), "media-playback-pause-symbolic");
  if (self->play_id == 0)
    self->play_id = g_timeout_add (PLAY_INTERVAL_MS, play_tick_cb, self);
}

gboolean
gradlens_train_page_get_playing (GradlensTrainPage *self)
{
  g_return_val_if_fail (GRADLENS_IS_TRAIN_PAGE (self), FALSE);

  return self->play_id != 0;
}

/* ---- settings --------------------------------------------------------- */

/* SGD has a momentum; Adam does not */
static gboolean
is_sgd (const GradlensTrainSettings *settings)
{
  return g_strcmp0 (gradlens_train_settings_get_optimizer (settings), "sgd") == 0;
}

static void
read_settings (GradlensTrainPage     *self,
               GradlensTrainSettings *settings)
{
  gradlens_train_settings_init (settings);
  settings->steps = gtk_spin_button_get_value_as_int (self->steps_spin);
  gradlens_train_settings_parse (settings, "optimizer",
                                 gtk_drop_down_get_selected (self->optimizer_dropdown) == 1 ? "adam" : "sgd", NULL);
  settings->lr = gtk_spin_button_get_value (self->lr_spin);
  settings->momentum = is_sgd (settings) ? gtk_spin_button_get_value (self->momentum_spin) : 0.0;
}

/* the session's settings (a preset loaded) into the controls */
static void
show_settings (GradlensTrainPage *self)
{
  GradlensSession *session = gradlens_page_get_session (GRADLENS_PAGE (self));
  const GradlensTrainSettings *settings;

  if (session == NULL)
    return;
  settings = gradlens_session_get_train_settings (session);
  self->showing_settings = TRUE;
  gtk_spin_button_set_value (self->steps_spin, settings->steps);
  gtk_drop_down_set_selected (self->optimizer_dropdown, is_sgd (settings) ? 0 : 1);
  gtk_spin_button_set_value (self->lr_spin, settings->lr);
  gtk_spin_button_set_value (self->momentum_spin, settings->momentum);
  self->showing_settings = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->momentum_spin), is_sgd (settings));
  gtk_widget_set_sensitive (self->momentum_label, is_sgd (settings));
}

static void
settings_changed_cb (GradlensTrainPage *self)
{
  GradlensSession *session = gradlens_page_get_session (GRADLENS_PAGE (self));
  GradlensTrainSettings settings;

  if (self->showing_settings || session == NULL)
    return;
  read_settings (self, &settings);
  gtk_widget_set_sensitive (GTK_WIDGET (self->momentum_spin), is_sgd (&settings));
  gtk_widget_set_sensitive (self->momentum_label, is_sgd (&settings));
  if (gradlens_train_settings_validate (&settings, GRADLENS_NAMING_PRESET, NULL))
    gradlens_session_set_train_settings (session, &settings);
}

/**
 * gradlens_train_page_train:
 * @self: a training page with a session
 * @error: why nothing started: no runs, settings or runs beyond the limits
 *
 * Returns: %TRUE if the training started
 */
gboolean
gradlens_train_page_train (GradlensTrainPage  *self,
                           GError            **error)
{
  GradlensSession *session;
  GListModel *runs;
  g_autoptr(GPtrArray) configs = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (GRADLENS_IS_TRAIN_PAGE (self), FALSE);
  g_return_val_if_fail (gradlens_page_get_session (GRADLENS_PAGE (self)) != NULL, FALSE);

  session = gradlens_page_get_session (GRADLENS_PAGE (self));
  settings_changed_cb (self);
  runs = gradlens_session_get_runs (session);
  n = g_list_model_get_n_items (runs);
  for (guint i = 0; i < n; i++)
    {
      GradlensSeries *run = g_list_model_get_item (runs, i);

      g_ptr_array_add (items, run);
      if (gradlens_series_get_visible (run))
        g_ptr_array_add (configs, (gpointer) gradlens_series_get_config (run));
    }
  if (configs->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Nothing to train: run a network first, or open a preset"));
      return FALSE;
    }
  stop_playing (self);
  return gradlens_session_train (session, (GradlensRunConfig * const *) configs->pdata, configs->len, error);
}

static void
train_clicked_cb (GradlensTrainPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!gradlens_train_page_train (self, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("Could Not Train"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* ---- GObject ---------------------------------------------------------- */

/* one computation at a time: Train waits for the one running (Stop ends it) */
static void
running_cb (GradlensTrainPage *self)
{
  gtk_widget_set_sensitive (self->train_button, !gradlens_session_get_running (self->session));
}

/* the page was given a session (its first figure): follow its trainings
 * and settings */
static void
follow_session (GradlensTrainPage *self)
{
  GradlensSession *session = gradlens_page_get_session (GRADLENS_PAGE (self));

  if (session == NULL || session == self->session || self->disposed)
    return;
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (self->trainings, self);
    }
  g_set_object (&self->session, session);
  g_set_object (&self->trainings, gradlens_session_get_trainings (session));
  g_signal_connect_object (self->trainings, "items-changed", G_CALLBACK (trainings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "changed", G_CALLBACK (show_settings), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::running", G_CALLBACK (running_cb), self, G_CONNECT_SWAPPED);
  running_cb (self);
  show_settings (self);
  queue_refresh (self);
}

static void
gradlens_train_page_dispose (GObject *object)
{
  GradlensTrainPage *self = GRADLENS_TRAIN_PAGE (object);

  g_clear_handle_id (&self->play_id, g_source_remove);
  self->disposed = TRUE;
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (self->trainings, self);
    }
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_object (&self->trainings);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (object), GRADLENS_TYPE_TRAIN_PAGE);

  G_OBJECT_CLASS (gradlens_train_page_parent_class)->dispose (object);
}

static void
gradlens_train_page_class_init (GradlensTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GradlensPageClass *page_class = GRADLENS_PAGE_CLASS (klass);

  object_class->dispose = gradlens_train_page_dispose;
  page_class->get_series = train_page_get_series;
  page_class->build_figure = train_page_build_figure;
  page_class->dup_export_text = _gradlens_train_page_dup_export_text;
  page_class->dup_heatmap = _gradlens_train_page_dup_heatmap;

  g_type_ensure (GRADLENS_TYPE_PLOT_VIEW);
  g_type_ensure (GRADLENS_TYPE_HEATMAP_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-train-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, heatmap_view);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, plot_view);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, train_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, steps_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, optimizer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, lr_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, momentum_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, momentum_label);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, play_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, step_scale);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, step_label);
  gtk_widget_class_bind_template_child (widget_class, GradlensTrainPage, step_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, train_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, settings_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, play_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_changed_cb);
}

static void
gradlens_train_page_init (GradlensTrainPage *self)
{
  GradlensTrainSettings defaults;

  gtk_widget_init_template (GTK_WIDGET (self));
  gradlens_page_set_plot_view (GRADLENS_PAGE (self), self->plot_view);
  /* the side panel's wheel and notes; the ranges from the experiment library */
  gradlens_number_field_setup (self->steps_spin, gradlens_train_field ("steps"));
  gradlens_number_field_setup (self->lr_spin, gradlens_train_field ("lr"));
  gradlens_number_field_setup (self->momentum_spin, gradlens_train_field ("momentum"));
  gradlens_train_settings_init (&defaults);
  self->showing_settings = TRUE;
  gtk_spin_button_set_value (self->steps_spin, defaults.steps);
  gtk_spin_button_set_value (self->lr_spin, defaults.lr);
  gtk_spin_button_set_value (self->momentum_spin, defaults.momentum);
  self->showing_settings = FALSE;
  g_signal_connect_object (self->step_adjustment, "value-changed", G_CALLBACK (step_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (queue_refresh), self,
                           G_CONNECT_SWAPPED);
  update_step_label (self);
}

/**
 * gradlens_train_page_get_field:
 * @self: the Training page
 * @key: "steps", "lr" or "momentum" (as gradlens_train_field() names them)
 *
 * Returns: (transfer none) (nullable): the field's number control
 */
GtkSpinButton *
gradlens_train_page_get_field (GradlensTrainPage *self,
                               const char        *key)
{
  g_return_val_if_fail (GRADLENS_IS_TRAIN_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_equal (key, "steps"))
    return self->steps_spin;
  if (g_str_equal (key, "lr"))
    return self->lr_spin;
  if (g_str_equal (key, "momentum"))
    return self->momentum_spin;
  return NULL;
}
