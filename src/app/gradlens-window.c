/* gradlens-window.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-backward-page.h"
#include "gradlens-forward-page.h"
#include "gradlens-gradients-page.h"
#include "gradlens-series-row.h"
#include "gradlens-sweep-page.h"
#include "gradlens-train-page.h"
#include "gradlens-window-private.h"
#include "gradlens-window-size.h"

/* The window, a shell: the header bar, the side panel, the views, progress,
 * toasts and dialogs around a GradlensSession, which owns the experiment and
 * computes it. Its actions (gradlens-window-actions.c) forward to the page on
 * screen or to the session; the Export dialog, the question before unsaved
 * changes go and the state dump for tests are objects of their own. */

G_DEFINE_FINAL_TYPE (GradlensWindow, gradlens_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_Y_SCALE,
  PROP_X_AXIS,
  PROP_VIEW,
  PROP_STATISTIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* something a test's state dump shows changed */
static void
state_changed (GradlensWindow *self)
{
  if (self->state_file != NULL)
    gradlens_state_file_changed (self->state_file);
}

/* ---- the title -------------------------------------------------------- */

/* what the experiment is called: its title, or "Untitled (from …)" for a
 * template (a built-in or shipped preset, which saving never rewrites) */
char *
gradlens_window_dup_display_title (GradlensWindow *self)
{
  const char *preset_title = gradlens_session_get_title (self->session);
  gboolean titled = preset_title != NULL && preset_title[0] != '\0';

  if (gradlens_session_get_file (self->session) == NULL && titled)
    /* Translators: a built-in experiment the user has not saved yet */
    return g_strdup_printf (_("Untitled (from %s)"), preset_title);
  return g_strdup (titled ? preset_title : _("Untitled Experiment"));
}

static void
update_title (GradlensWindow *self)
{
  GFile *file = gradlens_session_get_file (self->session);
  g_autofree char *title = gradlens_window_dup_display_title (self);
  g_autofree char *window_title = NULL;
  g_autofree char *basename = NULL;

  /* a modified experiment's name has a dot before it, as in GNOME apps */
  if (gradlens_session_get_modified (self->session))
    {
      char *marked = g_strdup_printf ("• %s", title);

      g_free (title);
      title = marked;
    }
  if (file != NULL)
    basename = g_file_get_basename (file);
  adw_window_title_set_title (self->window_title, title);
  if (self->progress == NULL || gradlens_progress_get_text (self->progress) == NULL)
    adw_window_title_set_subtitle (self->window_title, basename);
  /* Translators: the window title: "<experiment> – Gradlens" */
  window_title = g_strdup_printf (_("%s – Gradlens"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
  state_changed (self);
}

/* ---- the session's news ----------------------------------------------- */

static void
list_changed_cb (GradlensWindow *self)
{
  _gradlens_window_update_actions (self);
  state_changed (self);
}

static void
plot_setting_cb (GradlensWindow  *self,
                 GParamSpec      *pspec,
                 GradlensSession *session)
{
  if (g_str_equal (g_param_spec_get_name (pspec), "y-scale"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_SCALE]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);
}

/* ---- computing -------------------------------------------------------- */

/* the header says what computes while the progress bar shows */
static void
progress_text_cb (GradlensWindow *self)
{
  const char *text = gradlens_progress_get_text (self->progress);

  if (text != NULL)
    adw_window_title_set_subtitle (self->window_title, text);
  else
    update_title (self);
}

/* a computation started or ended */
static void
running_changed_cb (GradlensWindow *self)
{
  if (gradlens_session_get_running (self->session))
    gradlens_progress_begin (self->progress, gradlens_session_get_job (self->session));
  else
    gradlens_progress_end (self->progress);
  _gradlens_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  state_changed (self);
}

/* ---- the views --------------------------------------------------------- */

/* the view shown: "gradients", "forward", "backward", "sweep" or "train" */
const char *
gradlens_window_get_view (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->views != NULL ? gradlens_views_get_view (self->views) : "gradients";
}

/* the page on screen */
GradlensPage *
gradlens_window_get_visible_page (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return gradlens_views_get_visible_page (self->views);
}

static void
view_changed_cb (GradlensWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
views_changed_cb (GradlensWindow *self)
{
  _gradlens_window_update_actions (self);
  state_changed (self);
}

static void
statistic_changed_cb (GradlensWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATISTIC]);
  state_changed (self);
}

/* ---- GObject ---------------------------------------------------------- */

static gboolean
gradlens_window_close_request (GtkWindow *window)
{
  GradlensWindow *self = GRADLENS_WINDOW (window);

  /* unsaved changes: ask first (Save / Discard / Cancel) */
  if (!gradlens_unsaved_changes_confirm_close (self->changes))
    return TRUE;
  /* the worker notices promptly and its results are dropped; files still
   * being read are dropped when they arrive */
  self->closed = TRUE;
  gradlens_window_stop (self);
  if (self->export_dialog != NULL)
    gradlens_export_dialog_close (self->export_dialog);
  gradlens_window_size_save (GTK_WINDOW (self), self->settings);

  return GTK_WINDOW_CLASS (gradlens_window_parent_class)->close_request (window);
}

static void
gradlens_window_dispose (GObject *object)
{
  GradlensWindow *self = (GradlensWindow *) object;

  self->closed = TRUE;
  if (self->session != NULL)
    {
      gradlens_session_stop (self->session);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (gradlens_session_get_runs (self->session), self);
      g_signal_handlers_disconnect_by_data (gradlens_session_get_sweeps (self->session), self);
    }
  if (self->progress != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->progress, self);
      gradlens_progress_end (self->progress);
    }
  if (self->plot_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->plot_stack, self);
  if (self->views != NULL)
    gradlens_views_close (self->views);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->error_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->error_dialog), (gpointer *) &self->error_dialog);
      gtk_window_destroy (self->error_dialog);
      self->error_dialog = NULL;
    }
  if (self->error_toast != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->error_toast), (gpointer *) &self->error_toast);
      self->error_toast = NULL;
    }
  if (self->changes != NULL)
    gradlens_unsaved_changes_close (self->changes);
  if (self->export_dialog != NULL)
    gradlens_export_dialog_close (self->export_dialog);
  if (self->state_file != NULL)
    gradlens_state_file_close (self->state_file);
  /* the window goes after its changes were saved or discarded: so does its draft */
  if (self->draft != NULL)
    gradlens_draft_discard (self->draft);
  g_clear_pointer (&self->undo_items, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), GRADLENS_TYPE_WINDOW);

  g_clear_object (&self->views);
  g_clear_object (&self->changes);
  g_clear_object (&self->export_dialog);
  g_clear_object (&self->state_file);
  g_clear_object (&self->draft);
  g_clear_object (&self->session);
  g_clear_object (&self->progress);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gradlens_window_parent_class)->dispose (object);
}

static void
gradlens_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GradlensWindow *self = GRADLENS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, gradlens_window_get_running (self));
      break;
    case PROP_Y_SCALE:
      g_value_set_string (value, gradlens_y_scale_name (gradlens_session_get_y_scale (self->session)));
      break;
    case PROP_X_AXIS:
      g_value_set_string (value, gradlens_x_axis_name (gradlens_session_get_x_axis (self->session)));
      break;
    case PROP_VIEW:
      g_value_set_string (value, gradlens_window_get_view (self));
      break;
    case PROP_STATISTIC:
      g_value_set_string (value, gradlens_forward_page_get_statistic (GRADLENS_FORWARD_PAGE (self->forward_page)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GradlensWindow *self = GRADLENS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_Y_SCALE:
    case PROP_X_AXIS:
      /* the session says when it changed (plot_setting_cb) */
      g_object_set_property (G_OBJECT (self->session), g_param_spec_get_name (pspec), value);
      break;
    case PROP_VIEW:
      /* notifies when the stack shows the page */
      gradlens_views_set_view (self->views, g_value_get_string (value));
      break;
    case PROP_STATISTIC:
      gradlens_forward_page_set_statistic (GRADLENS_FORWARD_PAGE (self->forward_page), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_window_class_init (GradlensWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gradlens_window_dispose;
  object_class->get_property = gradlens_window_get_property;
  object_class->set_property = gradlens_window_set_property;
  window_class->close_request = gradlens_window_close_request;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y_SCALE] =
    g_param_spec_string ("y-scale", NULL, NULL, "log",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X_AXIS] =
    g_param_spec_string ("x-axis", NULL, NULL, "parameter",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "gradients", "forward" or "sweep": what the plot shows */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "gradients",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the forward view's statistic: "deriv_mean", "saturated_fraction", ... */
  properties[PROP_STATISTIC] =
    g_param_spec_string ("statistic", NULL, NULL, "deriv_mean",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GRADLENS_TYPE_CONTROLS);
  g_type_ensure (GRADLENS_TYPE_SERIES_PANEL);
  g_type_ensure (GRADLENS_TYPE_GRADIENTS_PAGE);
  g_type_ensure (GRADLENS_TYPE_FORWARD_PAGE);
  g_type_ensure (GRADLENS_TYPE_BACKWARD_PAGE);
  g_type_ensure (GRADLENS_TYPE_SWEEP_PAGE);
  g_type_ensure (GRADLENS_TYPE_TRAIN_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, main_paned);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, controls_scroller);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, controls);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, presets_menu);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, plot_stack);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, gradients_page);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, forward_page);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweep_page);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, train_page);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, lower_stack);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, runs_panel);
  gtk_widget_class_bind_template_child (widget_class, GradlensWindow, sweeps_panel);

  _gradlens_window_actions_class_init (widget_class);
}

static void
gradlens_window_init (GradlensWindow *self)
{
  /* first: the property actions ask it from the template on */
  self->session = gradlens_session_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Escape stops a computation, before any child sees the key (a toast on
   * screen would otherwise take the first Escape to dismiss itself); while
   * nothing runs the action is disabled and the key goes on as usual */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("win.stop")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  self->progress = gradlens_progress_new (self->progress_revealer, self->progress_bar);
  g_signal_connect_object (self->progress, "notify::text", G_CALLBACK (progress_text_cb), self, G_CONNECT_SWAPPED);

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = gradlens_window_size_restore (GTK_WINDOW (self));

  g_signal_connect_object (self->session, "notify::running", G_CALLBACK (running_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::y-scale", G_CALLBACK (plot_setting_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::x-axis", G_CALLBACK (plot_setting_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::title", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::file", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::modified", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gradlens_session_get_runs (self->session), "items-changed", G_CALLBACK (list_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gradlens_session_get_sweeps (self->session), "items-changed",
                           G_CALLBACK (list_changed_cb), self, G_CONNECT_SWAPPED);

  self->views = gradlens_views_new (self->plot_stack, self->lower_stack, self->runs_panel, self->sweeps_panel,
                                    self->controls, self->session);
  g_signal_connect_object (self->views, "changed", G_CALLBACK (views_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->views, "figure-changed", G_CALLBACK (state_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plot_stack, "notify::visible-child-name", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->forward_page, "notify::statistic", G_CALLBACK (statistic_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->changes = gradlens_unsaved_changes_new (self);
  g_signal_connect_object (self->changes, "notify::asking", G_CALLBACK (state_changed), self, G_CONNECT_SWAPPED);
  self->export_dialog = gradlens_export_dialog_new (self, self->settings);
  _gradlens_window_actions_init (self);
  self->state_file = gradlens_state_file_new (self);
  self->draft = gradlens_draft_new (self->session);

  update_title (self);
  _gradlens_window_update_actions (self);
}

/* ---- public API ------------------------------------------------------- */

GradlensWindow *
gradlens_window_new (AdwApplication *application)
{
  return g_object_new (GRADLENS_TYPE_WINDOW, "application", application, NULL);
}

/**
 * gradlens_window_get_session:
 * @self: the window
 *
 * Returns: (transfer none): the experiment the window shows
 */
/**
 * gradlens_window_get_controls:
 * @self: the window
 *
 * Returns: (transfer none): the side panel's controls
 */
GradlensControls *
gradlens_window_get_controls (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->controls;
}

GradlensSession *
gradlens_window_get_session (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->session;
}

/* the header bar's Run button */
GtkButton *
gradlens_window_get_run_button (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->run_button;
}

/* the application's settings; %NULL without the installed schema */
GSettings *
gradlens_window_get_settings (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->settings;
}

/* close-request or dispose ran: late results (files read, exports) are dropped */
gboolean
gradlens_window_is_closed (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), TRUE);

  return self->closed;
}

/* the unsaved work on disk (gradlens_window_recover_draft()) */
GradlensDraft *
gradlens_window_get_draft (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->draft;
}

/* the question before unsaved changes go */
GradlensUnsavedChanges *
gradlens_window_get_unsaved_changes (GradlensWindow *self)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  return self->changes;
}

/**
 * gradlens_window_dup_values_tsv:
 * @self: the window
 *
 * The table on screen: in the Depth Sweep view the selected sweep's, else
 * the selected run's gradient norms or layers, as its table switcher says.
 *
 * Returns: (transfer full) (nullable): the table as tab-separated text,
 *   %NULL without a selected run (sweep)
 */
char *
gradlens_window_dup_values_tsv (GradlensWindow *self)
{
  GradlensSeriesPanel *panel;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  panel = gradlens_views_get_visible_panel (self->views);
  return gradlens_series_table_dup_tsv (gradlens_series_panel_get_visible_table (panel));
}

/**
 * gradlens_window_get_table:
 * @self: the window
 * @name: "gradients", "layers" or "sweep"
 *
 * Returns: (transfer none) (nullable): the table of that name
 */
GradlensSeriesTable *
gradlens_window_get_table (GradlensWindow *self,
                           const char     *name)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  if (g_strcmp0 (name, "sweep") == 0)
    return gradlens_series_panel_get_table (self->sweeps_panel, name);
  return gradlens_series_panel_get_table (self->runs_panel, name);
}

/**
 * gradlens_window_get_panel:
 * @self: the window
 * @name: "runs" or "sweeps"
 *
 * Returns: (transfer none) (nullable): the list of that name and its tables
 */
GradlensSeriesPanel *
gradlens_window_get_panel (GradlensWindow *self,
                           const char     *name)
{
  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  if (g_strcmp0 (name, "runs") == 0)
    return self->runs_panel;
  if (g_strcmp0 (name, "sweeps") == 0)
    return self->sweeps_panel;
  return NULL;
}

/**
 * gradlens_window_get_page:
 * @self: the window
 * @name: a view: "gradients", "forward" or "sweep"
 *
 * Returns: (transfer none) (nullable): the page of that view
 */
GradlensPage *
gradlens_window_get_page (GradlensWindow *self,
                          const char     *name)
{
  GtkWidget *page;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (self), NULL);

  page = gtk_stack_get_child_by_name (self->plot_stack, name);
  return page != NULL ? GRADLENS_PAGE (page) : NULL;
}
