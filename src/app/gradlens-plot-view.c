/* gradlens-plot-view.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-plot-view-private.h"

G_DEFINE_FINAL_TYPE (GradlensPlotView, gradlens_plot_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FIGURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LEGEND_CLICKED,
  VIEW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
compute_layout (GradlensPlotView *self,
                PlotLayout       *layout)
{
  plot_layout_compute (layout, self->figure,
                       gtk_widget_get_width (GTK_WIDGET (self)),
                       gtk_widget_get_height (GTK_WIDGET (self)));
}

static void
view_changed (GradlensPlotView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

static void
zoom_at (GradlensPlotView *self,
         double            x,
         double            y,
         double            factor)
{
  PlotLayout layout;

  if (self->figure == NULL || !(factor > 0.0))
    return;
  compute_layout (self, &layout);
  if (!layout.has_data)
    return;
  plot_layout_zoom (&layout, self->figure, x, y, factor, factor);
  view_changed (self);
}

static gboolean
scroll_cb (GradlensPlotView         *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  double x, y;

  if (self->figure == NULL || dy == 0.0)
    return FALSE;
  if (self->has_pointer)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  else
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  /* scrolling up (dy < 0) zooms in; smooth scrolling gives fractional steps */
  zoom_at (self, x, y, pow (ZOOM_STEP, -dy));
  return TRUE;
}

static void
motion_cb (GradlensPlotView         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;
}

static void
leave_cb (GradlensPlotView         *self,
          GtkEventControllerMotion *controller)
{
  self->has_pointer = FALSE;
}

static void
drag_begin_cb (GradlensPlotView *self,
               double            x,
               double            y,
               GtkGestureDrag   *gesture)
{
  self->drag_x = 0.0;
  self->drag_y = 0.0;
}

static void
drag_update_cb (GradlensPlotView *self,
                double            offset_x,
                double            offset_y,
                GtkGestureDrag   *gesture)
{
  PlotLayout layout;
  double dx = offset_x - self->drag_x;
  double dy = offset_y - self->drag_y;

  if (self->figure == NULL)
    return;
  /* below the drag threshold it is a click (legend, double-click) */
  if (!gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, (int) offset_x, (int) offset_y)
      && self->drag_x == 0.0 && self->drag_y == 0.0)
    return;
  compute_layout (self, &layout);
  if (!layout.has_data)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  plot_layout_pan (&layout, self->figure, dx, dy);
  self->drag_x = offset_x;
  self->drag_y = offset_y;
  view_changed (self);
}

static void
pressed_cb (GradlensPlotView *self,
            int               n_press,
            double            x,
            double            y,
            GtkGestureClick  *gesture)
{
  int series;

  if (self->figure == NULL)
    return;

  series = plot_hit_legend (self->figure, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), x, y);
  if (series >= 0)
    {
      /* every click on the legend toggles, however fast they come */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      g_signal_emit (self, signals[LEGEND_CLICKED], 0, (guint) series);
      return;
    }
  if (n_press == 2)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gradlens_plot_view_reset_view (self);
    }
}

static void
secondary_pressed_cb (GradlensPlotView *self,
                      int               n_press,
                      double            x,
                      double            y,
                      GtkGestureClick  *gesture)
{
  g_autofree char *copied = gradlens_plot_view_copy_value_at (self, x, y);

  if (copied != NULL)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
query_tooltip_cb (GradlensPlotView *self,
                  int               x,
                  int               y,
                  gboolean          keyboard_mode,
                  GtkTooltip       *tooltip)
{
  g_autofree char *markup = NULL;
  GtkWidget *label;

  if (keyboard_mode)
    return FALSE;
  markup = gradlens_plot_view_dup_tooltip (self, x, y);
  if (markup == NULL)
    return FALSE;
  /* a box a person reads: the diagnosis wrapped, not one line across the window */
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 56);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

static void
gradlens_plot_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  GradlensPlotView *self = GRADLENS_PLOT_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->figure == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  plot_render (cr, width, height, self->figure);
  cairo_destroy (cr);
}

/* grid lines snap to device pixels at the widget's scale */
static void
scale_factor_cb (GradlensPlotView *self)
{
  if (self->figure != NULL)
    plot_figure_set_scale (self->figure, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gradlens_plot_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 450;
}

static void
gradlens_plot_view_dispose (GObject *object)
{
  GradlensPlotView *self = (GradlensPlotView *) object;

  g_clear_pointer (&self->figure, plot_figure_unref);

  G_OBJECT_CLASS (gradlens_plot_view_parent_class)->dispose (object);
}

static void
gradlens_plot_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GradlensPlotView *self = GRADLENS_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_FIGURE:
      g_value_set_boxed (value, self->figure);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_plot_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GradlensPlotView *self = GRADLENS_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_FIGURE:
      gradlens_plot_view_set_figure (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_plot_view_class_init (GradlensPlotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gradlens_plot_view_dispose;
  object_class->get_property = gradlens_plot_view_get_property;
  object_class->set_property = gradlens_plot_view_set_property;

  widget_class->snapshot = gradlens_plot_view_snapshot;
  widget_class->measure = gradlens_plot_view_measure;

  properties[PROP_FIGURE] =
    g_param_spec_boxed ("figure", NULL, NULL, PLOT_TYPE_FIGURE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GradlensPlotView::legend-clicked:
   * @series: the series whose legend entry was clicked
   *
   * The user asks to hide or show a series.
   */
  signals[LEGEND_CLICKED] =
    g_signal_new ("legend-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * GradlensPlotView::view-changed:
   *
   * The zoom or pan of the figure changed.
   */
  signals[VIEW_CHANGED] =
    g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "plotview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gradlens_plot_view_init (GradlensPlotView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

GtkWidget *
gradlens_plot_view_new (void)
{
  return g_object_new (GRADLENS_TYPE_PLOT_VIEW, NULL);
}

/**
 * gradlens_plot_view_get_figure:
 * @self: a plot view
 *
 * Returns: (transfer none) (nullable): the figure shown
 */
PlotFigure *
gradlens_plot_view_get_figure (GradlensPlotView *self)
{
  g_return_val_if_fail (GRADLENS_IS_PLOT_VIEW (self), NULL);

  return self->figure;
}

/**
 * gradlens_plot_view_set_figure:
 * @self: a plot view
 * @figure: (nullable): the figure to show; the view changes its zoom
 *
 * Shows @figure (taking a reference).
 */
void
gradlens_plot_view_set_figure (GradlensPlotView *self,
                               PlotFigure       *figure)
{
  g_return_if_fail (GRADLENS_IS_PLOT_VIEW (self));

  if (self->figure == figure)
    return;
  g_clear_pointer (&self->figure, plot_figure_unref);
  if (figure != NULL)
    {
      self->figure = plot_figure_ref (figure);
      plot_figure_set_scale (self->figure, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIGURE]);
}

/* the figure was changed in place (visibility, theme, labels) */
void
gradlens_plot_view_figure_changed (GradlensPlotView *self)
{
  g_return_if_fail (GRADLENS_IS_PLOT_VIEW (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* zoom around the centre of the data area (keyboard) */
void
gradlens_plot_view_zoom (GradlensPlotView *self,
                         double            factor)
{
  PlotLayout layout;

  g_return_if_fail (GRADLENS_IS_PLOT_VIEW (self));

  if (self->figure == NULL)
    return;
  compute_layout (self, &layout);
  zoom_at (self, layout.area.x + layout.area.width / 2, layout.area.y + layout.area.height / 2,
           factor);
}

void
gradlens_plot_view_reset_view (GradlensPlotView *self)
{
  g_return_if_fail (GRADLENS_IS_PLOT_VIEW (self));

  if (self->figure == NULL)
    return;
  plot_figure_reset_view (self->figure);
  view_changed (self);
}

/**
 * gradlens_plot_view_legend_entry:
 * @self: a plot view
 * @series: a series
 * @bounds: (out): where its legend entry is, in widget coordinates
 *
 * Returns: %TRUE if the legend shows @series
 */
gboolean
gradlens_plot_view_legend_entry (GradlensPlotView *self,
                                 guint             series,
                                 graphene_rect_t  *bounds)
{
  PlotLayout layout;
  PlotRect rect;

  g_return_val_if_fail (GRADLENS_IS_PLOT_VIEW (self), FALSE);

  if (self->figure == NULL)
    return FALSE;
  compute_layout (self, &layout);
  /* the renderer's own geometry: right beside the plot and below it in columns */
  if (!plot_layout_legend_entry (&layout, series, &rect))
    return FALSE;
  graphene_rect_init (bounds, rect.x, rect.y, rect.width, rect.height);
  return TRUE;
}
