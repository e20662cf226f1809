/* gradlens-state-file.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <json-glib/json-glib.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-run-item.h"
#include "gradlens-state-file.h"
#include "gradlens-train-page.h"
#include "gradlens-unsaved-changes.h"

/* A state dump for end-to-end tests, written only when the environment
 * variable GRADLENS_STATE_FILE names a file: after each frame that shows a
 * change, the window writes (atomically) what a test driving it with real
 * input events needs to know: whether it computes, the runs, and where the
 * plot and its legend entries are in the window's X surface (for xdotool).
 * It exports nothing and changes nothing: tests still press the keys and
 * click the legend like a user. */

struct _GradlensStateFile
{
  GObject         parent_instance;

  /* Borrowed */
  GradlensWindow *window;     /* owns this */
  /* Owned */
  char           *path;
  gulong          tick_id;
  gboolean        dirty;
};

G_DEFINE_FINAL_TYPE (GradlensStateFile, gradlens_state_file, G_TYPE_OBJECT)

static void
add_rect (JsonBuilder           *builder,
          const graphene_rect_t *rect)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "x");
  json_builder_add_double_value (builder, rect->origin.x);
  json_builder_set_member_name (builder, "y");
  json_builder_add_double_value (builder, rect->origin.y);
  json_builder_set_member_name (builder, "width");
  json_builder_add_double_value (builder, rect->size.width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_double_value (builder, rect->size.height);
  json_builder_end_object (builder);
}

/* a widget's box in the X surface's coordinates */
static void
add_widget (JsonBuilder    *builder,
            GradlensWindow *self,
            const char     *name,
            GtkWidget      *widget,
            double          sx,
            double          sy)
{
  graphene_rect_t rect;

  json_builder_set_member_name (builder, name);
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_compute_bounds (widget, GTK_WIDGET (self), &rect))
    {
      json_builder_add_null_value (builder);
      return;
    }
  rect.origin.x += sx;
  rect.origin.y += sy;
  add_rect (builder, &rect);
}

/* the texts a person reads: the Run button's label and, while the shortcuts
 * window is shown, its shortcuts' titles (tests of the translations) */
static void
collect_shortcut_titles (GtkWidget   *widget,
                         JsonBuilder *builder)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      if (title != NULL)
        json_builder_add_string_value (builder, title);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcut_titles (child, builder);
}

/* the side panel's number fields in the state: text, error mark, focus */
static const char *const field_keys[][2] = {
  { "network", "depth" }, { "network", "width" }, { "network", "inputs" }, { "data", "samples" }, { "data", "seeds" },
};

/* and the Training view's: its key (gradlens_train_page_get_field) and its
 * name in the state */
static const char *const train_field_keys[][2] = {
  { "steps", "train_steps" }, { "lr", "train_lr" }, { "momentum", "train_momentum" },
};

static void
add_field (JsonBuilder    *builder,
           GradlensWindow *self,
           const char     *name,
           GtkWidget      *spin)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (spin)));
  json_builder_set_member_name (builder, "error");
  json_builder_add_boolean_value (builder, gtk_widget_has_css_class (spin, "error"));
  json_builder_set_member_name (builder, "focus");
  json_builder_add_boolean_value (builder, gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (self)), spin));
  json_builder_end_object (builder);
}

static GtkWidget *
train_field (GradlensWindow *self,
             const char     *key)
{
  return GTK_WIDGET (gradlens_train_page_get_field (GRADLENS_TRAIN_PAGE (gradlens_window_get_page (self, "train")), key));
}

static void
add_fields (JsonBuilder    *builder,
            GradlensWindow *self)
{
  const char *const (*keys)[2] = field_keys;

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (field_keys); i++)
    add_field (builder, self, keys[i][1],
               gradlens_controls_get_field_widget (gradlens_window_get_controls (self), keys[i][0], keys[i][1]));
  for (guint i = 0; i < G_N_ELEMENTS (train_field_keys); i++)
    add_field (builder, self, train_field_keys[i][1], train_field (self, train_field_keys[i][0]));
  json_builder_end_object (builder);
}

static void
add_texts (JsonBuilder    *builder,
           GradlensWindow *self)
{
  GtkWidget *content = gtk_button_get_child (gradlens_window_get_run_button (self));
  GListModel *toplevels = gtk_window_get_toplevels ();

  json_builder_set_member_name (builder, "run_button");
  json_builder_add_string_value (builder, ADW_IS_BUTTON_CONTENT (content)
                                          ? adw_button_content_get_label (ADW_BUTTON_CONTENT (content))
                                          : gtk_button_get_label (gradlens_window_get_run_button (self)));
  json_builder_set_member_name (builder, "shortcuts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window) && gtk_widget_get_visible (window))
        collect_shortcut_titles (window, builder);
    }
  json_builder_end_array (builder);
}

static void
write_state (GradlensStateFile *state)
{
  GradlensWindow *self = state->window;
  GradlensSession *session = gradlens_window_get_session (self);
  GradlensControls *controls = gradlens_window_get_controls (self);
  GradlensSeriesPanel *runs_panel = gradlens_window_get_panel (self, "runs");
  GradlensSeriesPanel *sweeps_panel = gradlens_window_get_panel (self, "sweeps");
  GradlensPage *gradients_page = gradlens_window_get_page (self, "gradients");
  static guint serial;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  graphene_rect_t plot;
  double sx = 0, sy = 0;
  GListModel *runs = gradlens_session_get_runs (session);
  GListModel *sweeps = gradlens_session_get_sweeps (session);
  guint n = g_list_model_get_n_items (runs);

  gtk_native_get_surface_transform (GTK_NATIVE (self), &sx, &sy);
  if (!gtk_widget_compute_bounds (GTK_WIDGET (gradlens_page_get_plot_view (gradients_page)), GTK_WIDGET (self), &plot))
    graphene_rect_init (&plot, 0, 0, 0, 0);
  plot.origin.x += sx;
  plot.origin.y += sy;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "serial");
  json_builder_add_int_value (builder, ++serial);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, gtk_window_get_title (GTK_WINDOW (self)));
  json_builder_set_member_name (builder, "running");
  json_builder_add_boolean_value (builder, gradlens_window_get_running (self));
  json_builder_set_member_name (builder, "modified");
  json_builder_add_boolean_value (builder, gradlens_session_get_modified (session));
  json_builder_set_member_name (builder, "asking");
  json_builder_add_boolean_value (builder, gradlens_unsaved_changes_get_asking (gradlens_window_get_unsaved_changes (self)));
  json_builder_set_member_name (builder, "view");
  json_builder_add_string_value (builder, gradlens_window_get_view (self));
  add_texts (builder, self);
  add_fields (builder, self);
  json_builder_set_member_name (builder, "window");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, gtk_widget_get_width (GTK_WIDGET (self)));
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, gtk_widget_get_height (GTK_WIDGET (self)));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "plot");
  add_rect (builder, &plot);
  json_builder_set_member_name (builder, "widgets");
  json_builder_begin_object (builder);
  add_widget (builder, self, "controls", GTK_WIDGET (gtk_widget_get_ancestor (GTK_WIDGET (controls), GTK_TYPE_SCROLLED_WINDOW)), sx, sy);
  add_widget (builder, self, "depth", gradlens_controls_get_field_widget (controls, "network", "depth"), sx, sy);
  add_widget (builder, self, "width", gradlens_controls_get_field_widget (controls, "network", "width"), sx, sy);
  add_widget (builder, self, "samples", gradlens_controls_get_field_widget (controls, "data", "samples"), sx, sy);
  add_widget (builder, self, "seeds", gradlens_controls_get_field_widget (controls, "data", "seeds"), sx, sy);
  add_widget (builder, self, "run_button", GTK_WIDGET (gradlens_window_get_run_button (self)), sx, sy);
  add_widget (builder, self, "runs_list", GTK_WIDGET (gradlens_series_panel_get_list (runs_panel)), sx, sy);
  add_widget (builder, self, "values", GTK_WIDGET (gradlens_series_table_get_view (gradlens_series_panel_get_table (runs_panel, "gradients"))), sx, sy);
  add_widget (builder, self, "forward_plot", GTK_WIDGET (gradlens_page_get_plot_view (gradlens_window_get_page (self, "forward"))), sx, sy);
  add_widget (builder, self, "sweep_plot", GTK_WIDGET (gradlens_page_get_plot_view (gradlens_window_get_page (self, "sweep"))), sx, sy);
  add_widget (builder, self, "sweep_to", gradlens_controls_get_sweep_widget (controls, "to"), sx, sy);
  add_widget (builder, self, "sweeps_list", GTK_WIDGET (gradlens_series_panel_get_list (sweeps_panel)), sx, sy);
  for (guint i = 0; i < G_N_ELEMENTS (train_field_keys); i++)
    add_widget (builder, self, train_field_keys[i][1], train_field (self, train_field_keys[i][0]), sx, sy);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRunItem) run = g_list_model_get_item (runs, i);
      graphene_rect_t entry;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, gradlens_series_get_label (GRADLENS_SERIES (run)));
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, gradlens_series_get_color (GRADLENS_SERIES (run)));
      json_builder_set_member_name (builder, "visible");
      json_builder_add_boolean_value (builder, gradlens_series_get_visible (GRADLENS_SERIES (run)));
      json_builder_set_member_name (builder, "depth");
      json_builder_add_int_value (builder, gradlens_run_item_get_result (run)->depth);
      json_builder_set_member_name (builder, "legend");
      if (gradlens_plot_view_legend_entry (gradlens_page_get_plot_view (gradients_page), i, &entry))
        {
          entry.origin.x += plot.origin.x;
          entry.origin.y += plot.origin.y;
          add_rect (builder, &entry);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "sweeps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (sweeps); i++)
    {
      g_autoptr(GradlensDepthSweep) sweep = g_list_model_get_item (sweeps, i);
      guint n_points = 0;

      gradlens_depth_sweep_get_points (sweep, &n_points);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, gradlens_series_get_label (GRADLENS_SERIES (sweep)));
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, gradlens_series_get_color (GRADLENS_SERIES (sweep)));
      json_builder_set_member_name (builder, "points");
      json_builder_add_int_value (builder, n_points);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  if (!g_file_set_contents (state->path, text, -1, &error))
    g_printerr ("gradlens: cannot write the state file: %s\n", error->message);
}

static void
after_paint_cb (GradlensStateFile *self,
                GdkFrameClock     *clock)
{
  g_clear_signal_handler (&self->tick_id, clock);
  if (!self->dirty || self->window == NULL)
    return;
  self->dirty = FALSE;
  write_state (self);
}

static void
schedule (GradlensStateFile *self)
{
  GdkFrameClock *clock;

  if (self->window == NULL || self->tick_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self->window)))
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->window));
  if (clock == NULL)
    return;
  /* written after the frame that shows the change is painted, so that a
   * screenshot taken then shows it */
  self->tick_id = g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), self,
                                           G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self->window));
}

static void
map_cb (GradlensStateFile *self)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self->window));

  /* the shortcuts window (set by the application once the window was made)
   * shown or hidden */
  if (overlay != NULL && g_object_get_data (G_OBJECT (overlay), "gradlens-state") == NULL)
    {
      g_object_set_data (G_OBJECT (overlay), "gradlens-state", self);
      g_signal_connect_object (overlay, "notify::visible", G_CALLBACK (gradlens_state_file_changed), self,
                               G_CONNECT_SWAPPED);
    }
  gradlens_state_file_changed (self);
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_state_file_dispose (GObject *object)
{
  gradlens_state_file_close (GRADLENS_STATE_FILE (object));

  G_OBJECT_CLASS (gradlens_state_file_parent_class)->dispose (object);
}

static void
gradlens_state_file_finalize (GObject *object)
{
  g_free (GRADLENS_STATE_FILE (object)->path);

  G_OBJECT_CLASS (gradlens_state_file_parent_class)->finalize (object);
}

static void
gradlens_state_file_class_init (GradlensStateFileClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gradlens_state_file_dispose;
  G_OBJECT_CLASS (klass)->finalize = gradlens_state_file_finalize;
}

static void
gradlens_state_file_init (GradlensStateFile *self)
{
}

/* a number field's text and marks are in the state (add_fields) */
static void
watch_field (GradlensStateFile *self,
             GtkWidget         *spin)
{
  g_signal_connect_object (spin, "changed", G_CALLBACK (gradlens_state_file_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (spin, "notify::css-classes", G_CALLBACK (gradlens_state_file_changed), self,
                           G_CONNECT_SWAPPED);
}

/* ---- public API ------------------------------------------------------- */

/**
 * gradlens_state_file_new:
 * @window: the window described; it owns the result
 *
 * Returns: (transfer full) (nullable): the state dump of @window, %NULL
 *   unless GRADLENS_STATE_FILE names a file
 */
GradlensStateFile *
gradlens_state_file_new (GradlensWindow *window)
{
  const char *path = g_getenv ("GRADLENS_STATE_FILE");
  GradlensStateFile *self;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (window), NULL);

  if (path == NULL || path[0] == '\0')
    return NULL;
  self = g_object_new (GRADLENS_TYPE_STATE_FILE, NULL);
  self->window = window;
  self->path = g_strdup (path);
  g_signal_connect_object (window, "map", G_CALLBACK (map_cb), self, G_CONNECT_SWAPPED);
  /* the boxes of the controls move when the side panel scrolls */
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (gradlens_window_get_controls (window)), GTK_TYPE_SCROLLED_WINDOW))),
                           "value-changed", G_CALLBACK (gradlens_state_file_changed), self, G_CONNECT_SWAPPED);
  /* the number fields' text, marks and focus (add_fields) */
  g_signal_connect_object (window, "notify::focus-widget", G_CALLBACK (gradlens_state_file_changed), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (field_keys); i++)
    watch_field (self, gradlens_controls_get_field_widget (gradlens_window_get_controls (window), field_keys[i][0],
                                                           field_keys[i][1]));
  for (guint i = 0; i < G_N_ELEMENTS (train_field_keys); i++)
    watch_field (self, train_field (window, train_field_keys[i][0]));
  return self;
}

/* something a test looks at changed: written after the next frame */
void
gradlens_state_file_changed (GradlensStateFile *self)
{
  g_return_if_fail (GRADLENS_IS_STATE_FILE (self));

  self->dirty = TRUE;
  schedule (self);
}

/* the window goes: nothing more is written */
void
gradlens_state_file_close (GradlensStateFile *self)
{
  g_return_if_fail (GRADLENS_IS_STATE_FILE (self));

  if (self->tick_id != 0 && self->window != NULL)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->window));

      if (clock != NULL)
        g_clear_signal_handler (&self->tick_id, clock);
    }
  self->tick_id = 0;
  self->window = NULL;
}
