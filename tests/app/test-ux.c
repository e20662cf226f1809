/* test-ux.c: in-process tests of how the window's controls, tables and plot
 * behave for a person (issue 14): typed values said on their field, run
 * subtitles, tables that scroll, the axis after hiding a run, the window's
 * size and the plot's text, the plot's title
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "app-test-util.h"
#include "gradlens-choices.h"
#include "gradlens-locale.h"
#include "gradlens-plot-title.h"
#include "gradlens-run-summary.h"
#include "gradlens-series-row.h"
#include "gradlens-window.h"
#include "gradlens-train-page.h"

static GradlensWindow *
new_window_sized (int width,
                  int height)
{
  GradlensWindow *window = g_object_new (GRADLENS_TYPE_WINDOW, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static GtkSpinButton *
spin (GradlensWindow *window,
      const char     *section,
      const char     *key)
{
  return GTK_SPIN_BUTTON (gradlens_controls_get_field_widget (gradlens_window_get_controls (window), section, key));
}

static const char *
row_subtitle (GradlensWindow *window,
              const char     *section,
              const char     *key)
{
  GtkWidget *row = gradlens_controls_get_field_row (gradlens_window_get_controls (window), section, key);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* what a person does: types into the field, then leaves it (Tab or Enter
 * commit the text the same way) */
static void
type_and_commit (GradlensWindow *window,
                 const char     *section,
                 const char     *key,
                 const char     *text)
{
  GtkSpinButton *button = spin (window, section, key);

  gtk_editable_set_text (GTK_EDITABLE (button), text);
  gtk_spin_button_update (button);
}

static gboolean
has_width (gpointer data)
{
  gtk_widget_queue_draw (GTK_WIDGET (data));
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

/* ---- a value not kept as typed is said on its field -------------------- */

static void
test_typed_values (void)
{
  GradlensWindow *window = new_window_sized (1280, 800);
  const GradlensField *depth = gradlens_field_lookup ("network", "depth");
  const GradlensField *samples = gradlens_field_lookup ("data", "samples");
  g_autofree char *max = g_strdup_printf ("%.0f", depth->max);
  g_autofree char *too_deep = g_strdup_printf ("%.0f", depth->max * 5);
  g_autofree char *expect = NULL;
  GtkWidget *depth_spin = GTK_WIDGET (spin (window, "network", "depth"));
  const char *subtitle;

  g_assert_cmpuint (gtk_widget_get_width (depth_spin), >, 0);
  /* five times the most layers allowed: the most is used, and said so */
  type_and_commit (window, "network", "depth", too_deep);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (depth_spin)), ==, depth->max);
  g_assert_true (gtk_widget_has_css_class (depth_spin, "error"));
  subtitle = row_subtitle (window, "network", "depth");
  g_assert_nonnull (subtitle);
  expect = g_strdup_printf ("%s is more than %s, the most allowed; using %s", too_deep, max, max);
  g_assert_cmpstr (subtitle, ==, expect);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (depth_spin), ==, expect);

  /* checking the form again (the live preview, Run) keeps the note: the
   * value is valid */
  {
    GradlensRunConfig config;
    g_autofree char *message = NULL;

    gradlens_run_config_init (&config);
    g_assert_true (gradlens_controls_get_config (gradlens_window_get_controls (window), &config, &message));
    g_assert_cmpint (config.nn.depth, ==, (int) depth->max);
    gradlens_run_config_clear (&config);
  }
  g_assert_true (gtk_widget_has_css_class (depth_spin, "error"));

  /* the next edit ends it; the row's own subtitle comes back */
  type_and_commit (window, "network", "depth", "7");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (depth_spin)), ==, 7);
  g_assert_false (gtk_widget_has_css_class (depth_spin, "error"));
  g_assert_cmpstr (row_subtitle (window, "network", "depth"), !=, expect);

  /* letters are refused (the numeric field takes none, so nothing is
   * left): the value before is kept, and said so, never 1 */
  type_and_commit (window, "data", "samples", "many");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin (window, "data", "samples")), ==, 100);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (spin (window, "data", "samples")), "error"));
  g_assert_cmpstr (row_subtitle (window, "data", "samples"), ==, "No number was given; keeping 100");
  type_and_commit (window, "data", "samples", "-");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin (window, "data", "samples")), ==, 100);
  g_assert_cmpstr (row_subtitle (window, "data", "samples"), ==, "“-” is not a number; keeping 100");

  /* below the least: the least */
  type_and_commit (window, "data", "samples", "0");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin (window, "data", "samples")), ==, samples->min);
  g_assert_nonnull (strstr (row_subtitle (window, "data", "samples"), "the least allowed"));

  /* a valid value: no mark */
  type_and_commit (window, "data", "samples", "256");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin (window, "data", "samples")), ==, 256);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (spin (window, "data", "samples")), "error"));

  destroy_window (window);
}

/* ---- run subtitles say what differs from the defaults ------------------ */

/* runs the configs in the window's session and waits for them */
static void
run_configs (GradlensWindow     *window,
             GradlensRunConfig **configs,
             guint               n)
{
  gradlens_session_run (gradlens_window_get_session (window), configs, n);
  wait_for (not_running, window, 60000, "the runs");
}

static void
set_choice (GradlensRunConfig *config,
            const char        *section,
            const char        *key,
            const char        *name)
{
  const GradlensField *field = gradlens_field_lookup (section, key);

  gradlens_field_set_choice (field, config, gradlens_choice_index (field, name));
}

static void
test_run_subtitles (void)
{
  GradlensWindow *window = new_window_sized (1024, 600);
  GtkListBox *list = gradlens_series_panel_get_list (gradlens_window_get_panel (window, "runs"));
  GradlensRunConfig *configs[4];
  const char *details[4];

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    configs[i] = gradlens_run_config_new ();
  /* the notebook's network, then the same with one thing changed that the
   * subtitle did not show before: inputs, samples and outputs; seed and
   * the number type; the remedies */
  configs[1]->nn.inputs = 20;
  configs[1]->nn.samples = 256;
  configs[1]->nn.outputs = 3;
  configs[2]->seed = 7;
  set_choice (configs[2], NULL, "dtype", "float64");
  configs[3]->nn.width = 10;
  configs[3]->nn.residual = TRUE;
  set_choice (configs[3], "network", "norm", "batch");
  run_configs (window, configs, G_N_ELEMENTS (configs));
  g_assert_cmpuint (n_runs (window), ==, G_N_ELEMENTS (configs));

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      details[i] = gradlens_series_get_detail (GRADLENS_SERIES (run_at (window, i)));
      g_test_message ("run %u: %s", i + 1, details[i]);
      for (guint k = 0; k < i; k++)
        g_assert_cmpstr (details[i], !=, details[k]);
    }
  /* the runs list shows the whole line, wrapped, at the smallest window */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      GtkLabel *label = gradlens_series_row_get_detail_label (GRADLENS_SERIES_ROW (gtk_list_box_get_row_at_index (list, i)));

      wait_for (has_width, label, 5000, "the run's row to be laid out");
      g_assert_cmpstr (gtk_label_get_label (label), ==, details[i]);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
    }
  /* the defaults add nothing */
  g_assert_null (strstr (details[0], "inputs"));
  g_assert_null (strstr (details[0], "samples"));
  g_assert_null (strstr (details[0], "float32"));
  g_assert_nonnull (strstr (details[1], "20 inputs"));
  g_assert_nonnull (strstr (details[1], "3 outputs"));
  g_assert_nonnull (strstr (details[1], "256 samples"));
  g_assert_nonnull (strstr (details[2], "seed 7"));
  g_assert_nonnull (strstr (details[2], "float64"));
  /* the remedies beside the activation ("sigmoid, residual, batch norm"),
   * once */
  g_assert_nonnull (strstr (details[3], "sigmoid, residual, batch norm"));
  g_assert_null (strstr (strstr (details[3], "residual") + 1, "residual"));
  g_assert_null (strstr (details[3], "norm batch"));
  /* a gain is named only where the scheme uses it */
  g_assert_null (gradlens_run_summary_dup_differences (configs[0]));
  configs[0]->nn.gain = 2;
  g_assert_null (gradlens_run_summary_dup_differences (configs[0]));
  set_choice (configs[0], "init", "weights", "xavier_normal");
  {
    g_autofree char *differences = gradlens_run_summary_dup_differences (configs[0]);

    g_assert_cmpstr (differences, ==, "gain 2");
  }
  /* settings in words, not preset keys */
  set_choice (configs[0], "network", "output_activation", "identity");
  set_choice (configs[0], "init", "bias", "zeros");
  {
    g_autofree char *differences = gradlens_run_summary_dup_differences (configs[0]);

    g_assert_cmpstr (differences, ==, "no output activation, zero biases, gain 2");
  }

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    gradlens_run_config_free (configs[i]);
  destroy_window (window);
}

/* ---- tables keep every column whole and scroll ------------------------- */

static void
collect_titles (GtkWidget *widget,
                gboolean   in_title,
                GPtrArray *labels)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, g_type_from_name ("GtkColumnViewTitle")))
    in_title = TRUE;
  if (in_title && GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_titles (c, in_title, labels);
}

static void
draw (GradlensWindow *window)
{
  gtk_widget_queue_resize (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

/* every title of a table whole, the last column reachable, the table
 * scrolling when it is wider than its place */
static void
check_table (GradlensWindow *window,
             const char     *name,
             guint           n_columns,
             const char     *last)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GtkColumnView *view = gradlens_series_table_get_view (gradlens_window_get_table (window, name));
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  gboolean saw_last = FALSE;
  graphene_rect_t box;
  GtkWidget *title;

  gradlens_series_panel_show_table (gradlens_window_get_panel (window, "runs"), name);
  draw (window);
  collect_titles (GTK_WIDGET (view), FALSE, titles);
  g_assert_cmpuint (titles->len, ==, n_columns);
  for (guint i = 0; i < titles->len; i++)
    {
      GtkLabel *label = titles->pdata[i];
      int natural;

      wait_for (has_width, label, 5000, "the table to be laid out");
      gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_test_message ("%s: title “%s”: %d of %d px", name, gtk_label_get_label (label),
                      gtk_widget_get_width (GTK_WIDGET (label)), natural);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (label)), >=, natural);
      /* and its column as wide: a title wider than its column is drawn cut
       * (or under the next one) though the label itself is whole */
      title = gtk_widget_get_ancestor (GTK_WIDGET (label), g_type_from_name ("GtkColumnViewTitle"));
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), title, &box));
      g_assert_cmpfloat (box.origin.x, >=, -0.5);
      g_assert_cmpfloat (box.origin.x + box.size.width, <=, gtk_widget_get_width (title) + 0.5);
      if (g_str_equal (gtk_label_get_label (label), last))
        {
          saw_last = TRUE;
          /* reachable: within what the table scrolls to */
          g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), GTK_WIDGET (view), &box));
          g_assert_cmpfloat (box.origin.x + box.size.width, <=, gtk_adjustment_get_upper (h) + 0.5);
        }
    }
  g_assert_true (saw_last);
  /* at this size the table is wider than its place: it scrolls, header and all */
  g_test_message ("%s: %g px wide in %g px", name, gtk_adjustment_get_upper (h), gtk_adjustment_get_page_size (h));
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h));
}

static void
test_tables (void)
{
  GradlensWindow *window = new_window_sized (1024, 600);
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();

  /* an ensemble: the statistics' columns too */
  config->seeds = 9;
  run_configs (window, &config, 1);
  /* parameter, shape, norm, min, q1, median, q3, max */
  check_table (window, "gradients", 8, "Max");
  /* per layer: ... saturated, dead units */
  check_table (window, "layers",
               gradlens_run_layers_table.n_columns, _(gradlens_run_layers_table.columns[gradlens_run_layers_table.n_columns - 1].title));

  destroy_window (window);
}

/* ---- hiding a run rescales the axis -------------------------------------- */

static GradlensPlotView *
gradients_view (GradlensWindow *window)
{
  return gradlens_page_get_plot_view (gradlens_window_get_page (window, "gradients"));
}

static void
test_hide_rescales (void)
{
  GradlensWindow *window = new_window_sized (1280, 800);
  GradlensRunConfig *configs[2] = { gradlens_run_config_new (), gradlens_run_config_new () };
  GradlensPlotView *view;
  double lo_all, hi_all, lo, hi, x_lo, x_hi;
  const GradlensRunResult *deep;

  /* a deep sigmoid network (norms down to 1e-9 and less) beside a shallow one */
  configs[0]->nn.depth = 12;
  configs[1]->nn.depth = 2;
  run_configs (window, configs, 2);
  view = gradients_view (window);
  deep = gradlens_run_item_get_result (run_at (window, 0));
  g_assert_true (gradlens_plot_view_get_ranges (view, NULL, NULL, &lo_all, &hi_all));
  g_test_message ("both runs: %g to %g", lo_all, hi_all);
  /* the deep run's first weight is in view */
  g_assert_cmpfloat (lo_all, <=, deep->grad_norm[0]);

  /* hidden, the axis fits the shallow run alone */
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 0)), FALSE);
  g_assert_true (gradlens_plot_view_get_ranges (view, &x_lo, &x_hi, &lo, &hi));
  g_test_message ("shallow run alone: %g to %g", lo, hi);
  g_assert_cmpfloat (lo, >, deep->grad_norm[0]);
  g_assert_cmpfloat (lo, >, lo_all);
  /* the x axis too: the shallow run's 4 parameters, not the deep run's 24 */
  g_assert_cmpfloat (x_hi, <, 4);

  /* shown again: the full view */
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 0)), TRUE);
  g_assert_true (gradlens_plot_view_get_ranges (view, NULL, NULL, &lo, &hi));
  g_assert_cmpfloat (lo, ==, lo_all);
  g_assert_cmpfloat (hi, ==, hi_all);

  /* zoomed in, the view stays where the user put it (as Plotly's after a
   * zoom); double-click or the reset action restores the full view */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_assert_true (gradlens_plot_view_get_ranges (view, NULL, NULL, &lo, &hi));
  g_assert_cmpfloat (lo, >, lo_all);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-view", NULL);
  g_assert_true (gradlens_plot_view_get_ranges (view, NULL, NULL, &lo, &hi));
  g_assert_cmpfloat (lo, ==, lo_all);
  g_assert_cmpfloat (hi, ==, hi_all);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  {
    PlotLayout layout;
    GtkWidget *widget = GTK_WIDGET (view);
    GtkGesture *click = NULL;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

    /* a double-click in the data area, through the plot's click gesture */
    plot_layout_compute (&layout, gradlens_plot_view_get_figure (view), gtk_widget_get_width (widget),
                         gtk_widget_get_height (widget));
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller) && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY)
          click = GTK_GESTURE (controller);
      }
    g_assert_nonnull (click);
    g_signal_emit_by_name (click, "pressed", 2, layout.area.x + layout.area.width / 2,
                           layout.area.y + layout.area.height / 2);
  }
  g_assert_true (gradlens_plot_view_get_ranges (view, NULL, NULL, &lo, &hi));
  g_assert_cmpfloat (lo, ==, lo_all);
  g_assert_cmpfloat (hi, ==, hi_all);

  gradlens_run_config_free (configs[0]);
  gradlens_run_config_free (configs[1]);
  destroy_window (window);
}

/* ---- the window fits 1024 x 600 ----------------------------------------- */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
print_minimums (GtkWidget *widget,
                int        depth)
{
  int min_w, min_h;

  if (depth > 9 || !gtk_widget_get_visible (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
  if (min_w > 250 || min_h > 150)
    g_test_message ("%*s%s %s: %d x %d", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
                    gtk_widget_get_name (widget), min_w, min_h);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    print_minimums (c, depth + 1);
}

/* the desktop's font size in pixels, from GtkSettings */
static double
settings_font_px (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *name = NULL;
  PangoFontDescription *desc;
  double size;
  int dpi = 0;

  g_object_get (settings, "gtk-font-name", &name, "gtk-xft-dpi", &dpi, NULL);
  desc = pango_font_description_from_string (name);
  size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (desc))
    size *= (dpi > 0 ? dpi / 1024.0 : 96.0) / 72.0;
  pango_font_description_free (desc);
  g_test_message ("the desktop's font: %s, %g px", name, size);
  return size;
}

static void
assert_apart (GtkWidget  *window,
              GtkWidget **widgets,
              guint       n)
{
  graphene_rect_t boxes[8];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (boxes));
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (gtk_widget_compute_bounds (widgets[i], window, &boxes[i]));
      g_test_message ("  %s at %g,%g, %g x %g", G_OBJECT_TYPE_NAME (widgets[i]), boxes[i].origin.x,
                      boxes[i].origin.y, boxes[i].size.width, boxes[i].size.height);
      g_assert_cmpfloat (boxes[i].size.width, >, 50);
      g_assert_cmpfloat (boxes[i].size.height, >, 50);
      g_assert_cmpfloat (boxes[i].origin.x, >=, 0);
      g_assert_cmpfloat (boxes[i].origin.y, >=, 0);
      g_assert_cmpfloat (boxes[i].origin.x + boxes[i].size.width, <=, gtk_widget_get_width (window));
      g_assert_cmpfloat (boxes[i].origin.y + boxes[i].size.height, <=, gtk_widget_get_height (window));
      for (guint k = 0; k < i; k++)
        g_assert_false (graphene_rect_intersection (&boxes[i], &boxes[k], NULL));
    }
}

/* the settings' widgets: labels, buttons, spin buttons, drop-downs (not their parts) */
static void
collect_fields (GtkWidget *widget,
                GPtrArray *widgets)
{
  if (GTK_IS_LABEL (widget) || GTK_IS_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    {
      g_ptr_array_add (widgets, widget);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_fields (c, widgets);
}

/* every widget of the Training view's settings whole within the view's
 * visible place (not scrolled out of sight, sideways or down) */
static void
check_train_settings (GradlensWindow *window)
{
  GtkWidget *page = GTK_WIDGET (gradlens_window_get_page (window, "train"));
  GtkWidget *settings = find_descendant (page, GTK_TYPE_FLOW_BOX);
  GtkWidget *place = gtk_widget_get_ancestor (page, GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "train");
  draw (window);
  g_assert_nonnull (settings);
  g_assert_nonnull (place);
  collect_fields (settings, widgets);
  /* the button, two labels and two numbers, the optimizer, momentum's label and number */
  g_assert_cmpuint (widgets->len, ==, 8);
  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = widgets->pdata[i];
      graphene_rect_t box;

      g_assert_true (gtk_widget_compute_bounds (widget, place, &box));
      g_test_message ("  the Training view's %s %s: %g,%g, %g x %g in %d x %d", G_OBJECT_TYPE_NAME (widget),
                      GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget)) : "",
                      box.origin.x, box.origin.y, box.size.width, box.size.height,
                      gtk_widget_get_width (place), gtk_widget_get_height (place));
      g_assert_cmpfloat (box.size.width, >, 0);
      g_assert_cmpfloat (box.origin.x, >=, 0);
      g_assert_cmpfloat (box.origin.y, >=, 0);
      g_assert_cmpfloat (box.origin.x + box.size.width, <=, gtk_widget_get_width (place));
      g_assert_cmpfloat (box.origin.y + box.size.height, <=, gtk_widget_get_height (place));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "gradients");
}

/* The window fits 1024 x 600 in every view, its parts side by side, the
 * views' names all shown; the plot's text is never smaller than the
 * desktop's font, there and at 1280 x 800. */
static void
test_small_screen (void)
{
  static const char *const views[] = { "gradients", "forward", "backward", "sweep", "train" };
  static const int sizes[][2] = { { 1024, 600 }, { 1280, 800 } };
  double font_px = settings_font_px ();

  g_assert_cmpfloat (font_px, >=, 8);
  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      GradlensWindow *window = new_window_sized (sizes[z][0], sizes[z][1]);
      g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
      GradlensPlotView *view;
      GtkWidget *parts[3];
      GtkWidget *switcher;
      GtkWidget *scroller;
      PlotLayout layout;

      /* a run with a long name (the notebook's are as long) */
      g_free (config->label);
      config->label = g_strdup ("Leaky ReLU with Xavier Initialization, a long name");
      run_configs (window, &config, 1);
      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          int min_w, min_h;

          gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[v]);
          if (g_test_verbose ())
            print_minimums (GTK_WIDGET (window), 0);
          gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
          gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, 1024, &min_h, NULL, NULL, NULL);
          g_test_message ("%s: the window's minimum: %d x %d", views[v], min_w, min_h);
          g_assert_cmpint (min_w, <=, 1024);
          g_assert_cmpint (min_h, <=, 600);
        }
      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "gradients");
      view = gradients_view (window);
      wait_for (has_width, view, 5000, "the plot to be laid out");
      draw (window);
      g_test_message ("window %d x %d", gtk_widget_get_width (GTK_WIDGET (window)),
                      gtk_widget_get_height (GTK_WIDGET (window)));
      /* the window is no larger than asked (it has a shadow's margin) */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, sizes[z][0]);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, sizes[z][1]);

      /* side panel, plot and runs side by side, none over another */
      parts[0] = gtk_widget_get_ancestor (GTK_WIDGET (gradlens_window_get_controls (window)), GTK_TYPE_SCROLLED_WINDOW);
      parts[1] = GTK_WIDGET (view);
      parts[2] = GTK_WIDGET (gradlens_window_get_panel (window, "runs"));
      assert_apart (GTK_WIDGET (window), parts, G_N_ELEMENTS (parts));

      /* every view's name shows whole: none is scrolled out of sight */
      switcher = find_descendant (GTK_WIDGET (window), GTK_TYPE_STACK_SWITCHER);
      scroller = gtk_widget_get_ancestor (switcher, GTK_TYPE_SCROLLED_WINDOW);
      for (GtkWidget *c = gtk_widget_get_first_child (switcher); c != NULL; c = gtk_widget_get_next_sibling (c))
        {
          graphene_rect_t box;
          int natural;

          gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          g_assert_true (gtk_widget_compute_bounds (c, scroller, &box));
          g_test_message ("  a view's name: %g to %g of %d px (needs %d)", box.origin.x,
                          box.origin.x + box.size.width, gtk_widget_get_width (scroller), natural);
          g_assert_cmpfloat (box.origin.x, >=, 0);
          g_assert_cmpfloat (box.origin.x + box.size.width, <=, gtk_widget_get_width (scroller));
          g_assert_cmpfloat (box.size.width, >=, natural);
        }

      check_train_settings (window);

      /* the plot's text: at least the desktop's font */
      plot_layout_compute (&layout, gradlens_plot_view_get_figure (view), gtk_widget_get_width (GTK_WIDGET (view)),
                           gtk_widget_get_height (GTK_WIDGET (view)));
      g_test_message ("plot %d x %d: text %g px", gtk_widget_get_width (GTK_WIDGET (view)),
                      gtk_widget_get_height (GTK_WIDGET (view)), layout.em);
      g_assert_cmpfloat (layout.em, >=, font_px - 0.01);
      destroy_window (window);
    }
}

/* In German too (longer words), the Training view's settings fit 1024 x 600 */
static void
test_train_settings_de (void)
{
  GradlensWindow *window;

  gradlens_locale_init ("de_DE.UTF-8");
  /* the German catalogue in the build tree (GRADLENS_LOCALEDIR) */
  g_assert_cmpstr (_("Steps"), ==, "Schritte");
  window = new_window_sized (1024, 600);
  check_train_settings (window);
  destroy_window (window);
  gradlens_locale_init ("C.UTF-8");
}

/* ---- the Training view's number fields, as the side panel's ------------- */

/* the wheel: GtkSpinButton's own handler off, gradlens_number_field_setup's on */
static void
assert_wheel_only_focused (GtkSpinButton *button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (button));
  gboolean ours = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        continue;
      if (g_strcmp0 (gtk_event_controller_get_name (controller), "gradlens-number-field-scroll") == 0)
        ours = TRUE;
      else
        g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_NONE);
    }
  g_assert_true (ours);
}

static void
commit_text (GtkSpinButton *button,
             const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (button), text);
  gtk_spin_button_update (button);
}

static void
test_train_fields (void)
{
  GradlensWindow *window = new_window_sized (1024, 600);
  GradlensTrainPage *page = GRADLENS_TRAIN_PAGE (gradlens_window_get_page (window, "train"));
  GradlensSession *session = gradlens_window_get_session (window);
  const GradlensField *steps = gradlens_train_field ("steps");
  const GradlensField *momentum = gradlens_train_field ("momentum");
  g_autofree char *too_many = g_strdup_printf ("%.0f", steps->max * 5);
  g_autofree char *expect = NULL;
  GtkAdjustment *adjustment;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "train");
  draw (window);
  assert_wheel_only_focused (gradlens_train_page_get_field (page, "steps"));
  assert_wheel_only_focused (gradlens_train_page_get_field (page, "lr"));
  assert_wheel_only_focused (gradlens_train_page_get_field (page, "momentum"));
  /* the ranges are the experiment library's */
  adjustment = gtk_spin_button_get_adjustment (gradlens_train_page_get_field (page, "lr"));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, gradlens_train_field ("lr")->max);
  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, gradlens_train_field ("lr")->min);

  /* more steps than allowed: the most, said on the field, and the session's */
  commit_text (gradlens_train_page_get_field (page, "steps"), too_many);
  g_assert_cmpfloat (gtk_spin_button_get_value (gradlens_train_page_get_field (page, "steps")), ==, steps->max);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gradlens_train_page_get_field (page, "steps")), "error"));
  expect = g_strdup_printf ("%s is more than %.0f, the most allowed; using %.0f", too_many, steps->max, steps->max);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (gradlens_train_page_get_field (page, "steps"))), ==, expect);
  g_assert_cmpint (gradlens_session_get_train_settings (session)->steps, ==, (int) steps->max);
  /* the next edit ends the note */
  commit_text (gradlens_train_page_get_field (page, "steps"), "50");
  g_assert_cmpint (gradlens_session_get_train_settings (session)->steps, ==, 50);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (gradlens_train_page_get_field (page, "steps")), "error"));

  /* a momentum above 1: 1 */
  commit_text (gradlens_train_page_get_field (page, "momentum"), "3");
  g_assert_cmpfloat (gtk_spin_button_get_value (gradlens_train_page_get_field (page, "momentum")), ==, momentum->max);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gradlens_train_page_get_field (page, "momentum")), "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (gradlens_train_page_get_field (page, "momentum"))), "the most allowed"));

  /* not a number: the learning rate before is kept, and said so */
  commit_text (gradlens_train_page_get_field (page, "lr"), "");
  g_assert_cmpfloat (gtk_spin_button_get_value (gradlens_train_page_get_field (page, "lr")), ==, 0.1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (gradlens_train_page_get_field (page, "lr"))), ==, "No number was given; keeping 0.1");
  destroy_window (window);
}

/* ---- the plot's title follows the runs or is the user's ----------------- */

static const char *
plot_title (GradlensWindow *window)
{
  return plot_figure_get_title (gradlens_plot_view_get_figure (gradients_view (window)));
}

static void
test_plot_title (void)
{
  const char *path = "/io/github/gradlens/Gradlens/presets/seed-ensembles.json";
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GradlensPreset) reloaded = NULL;
  g_autoptr(GradlensRunConfig) other = gradlens_run_config_new ();
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = g_dir_make_tmp ("gradlens-title-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (dir, "mine.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (saved);
  GradlensWindow *window = new_window_sized (1280, 800);
  GradlensSession *session = gradlens_window_get_session (window);
  GtkWindow *dialog;
  guint n;

  preset = gradlens_preset_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), path, NULL);
  g_assert_nonnull (preset);
  g_assert_nonnull (strstr (preset->plot.title, "200 seeds"));
  g_assert_true (gradlens_window_open_resource (window, path));
  wait_for (not_running, window, 60000, "the preset's runs");
  n = n_runs (window);
  g_assert_cmpuint (n, ==, preset->runs->len);
  /* the preset's runs: the preset's title */
  g_assert_cmpstr (plot_title (window), ==, preset->plot.title);

  /* another run (one seed): the title no longer says "of 200 seeds" */
  run_configs (window, &other, 1);
  g_assert_cmpuint (n_runs (window), ==, n + 1);
  g_assert_cmpstr (plot_title (window), ==, "Gradient Norms Across Layers");
  /* removed again: the preset's runs, the preset's title */
  {
    g_autoptr(GObject) last = g_list_model_get_item (gradlens_session_get_runs (session), n);

    g_ptr_array_add (removed, g_steal_pointer (&last));
  }
  gradlens_session_remove (session, gradlens_session_get_runs (session), n, 1);
  g_assert_cmpstr (plot_title (window), ==, preset->plot.title);
  /* one of the preset's runs removed: the title follows the runs left */
  gradlens_session_remove (session, gradlens_session_get_runs (session), 0, 1);
  g_assert_cmpstr (plot_title (window), ==, "Gradient Norms Across Layers, median and quartiles of 200 seeds");

  /* the user's title, set in the question (Plot Title… in the menu) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-plot-title", NULL));
  dialog = find_message_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (gradlens_plot_title_dialog_get_entry (dialog)), ==, plot_title (window));
  gtk_editable_set_text (gradlens_plot_title_dialog_get_entry (dialog), "  Two hundred seeds, mine  ");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "set");
  g_assert_cmpstr (plot_title (window), ==, "Two hundred seeds, mine");
  g_assert_true (gradlens_session_get_plot_title_is_users (session));
  g_assert_true (gradlens_session_get_modified (session));
  /* (a click on a response closes the question; emitted here, it is closed by hand) */
  gtk_window_destroy (dialog);
  /* it stays whatever runs come */
  gradlens_session_insert (session, gradlens_session_get_runs (session), 0, removed);
  run_configs (window, &other, 1);
  g_assert_cmpstr (plot_title (window), ==, "Two hundred seeds, mine");

  /* saved with the experiment, and there when it is opened again */
  g_assert_true (gradlens_session_save (session, file, NULL));
  g_assert_true (g_file_get_contents (saved, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"Two hundred seeds, mine\""));
  reloaded = gradlens_preset_load_path (saved, NULL);
  g_assert_nonnull (reloaded);
  gradlens_session_load_preset (session, reloaded, file);
  wait_for (not_running, window, 60000, "the saved runs");
  g_assert_cmpstr (plot_title (window), ==, "Two hundred seeds, mine");

  /* "Follow the Runs": the runs' title again */
  gradlens_session_set_plot_title (session, "Mine again");
  dialog = gradlens_plot_title_dialog_new (GTK_WINDOW (window), session);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "follow");
  /* (a click on a response closes the question; emitted here, it is closed by hand) */
  gtk_window_destroy (dialog);
  g_assert_false (gradlens_session_get_plot_title_is_users (session));
  g_assert_cmpstr (plot_title (window), ==, "Two hundred seeds, mine");   /* the saved runs' own title */
  run_configs (window, &other, 1);
  g_assert_cmpstr (plot_title (window), ==, "Gradient Norms Across Layers");

  g_unlink (saved);
  g_rmdir (dir);
  destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);
  /* the application's style sheet, which AdwApplication loads in the app */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/gradlens/Gradlens/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/gradlens/ux/typed-values", test_typed_values);
  g_test_add_func ("/gradlens/ux/run-subtitles", test_run_subtitles);
  g_test_add_func ("/gradlens/ux/tables", test_tables);
  g_test_add_func ("/gradlens/ux/hide-rescales", test_hide_rescales);
  g_test_add_func ("/gradlens/ux/small-screen", test_small_screen);
  g_test_add_func ("/gradlens/ux/train-settings-de", test_train_settings_de);
  g_test_add_func ("/gradlens/ux/train-fields", test_train_fields);
  g_test_add_func ("/gradlens/ux/plot-title", test_plot_title);

  return g_test_run ();
}
