/* gradlens-series-row.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-series-row.h"
#include "plot.h"

/* A series (a run, a depth sweep) in its list: colour swatch, label (rename
 * in place), the decay per layer and what it is, and buttons to hide, rename
 * and remove it (the action given, with the row's index). */
struct _GradlensSeriesRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkDrawingArea   *swatch;
  GtkEditableLabel *label_edit;
  GtkLabel         *detail_label;
  GtkLabel         *diagnosis_label;
  GtkToggleButton  *visible_button;
  GtkButton        *rename_button;
  GtkButton        *remove_button;

  /* Owned */
  GradlensSeries   *item;
  char             *remove_action;
};

G_DEFINE_FINAL_TYPE (GradlensSeriesRow, gradlens_series_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SERIES,
  PROP_REMOVE_ACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GradlensSeriesRow *self = user_data;
  const char *spec;
  PlotRgba color;
  double size = MIN (width, height);

  if (self->item == NULL)
    return;
  spec = gradlens_series_get_color (self->item);
  if (spec == NULL || !plot_rgba_parse (&color, spec))
    return;
  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0 - 1, 0, 2 * G_PI);
  if (gradlens_series_get_visible (self->item))
    {
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1.0);
      cairo_fill (cr);
    }
  else
    {
      /* hidden: only the outline */
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static void
visible_changed_cb (GradlensSeriesRow *self)
{
  gboolean visible = gradlens_series_get_visible (self->item);

  gtk_button_set_icon_name (GTK_BUTTON (self->visible_button),
                            visible ? "view-reveal-symbolic" : "view-conceal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->visible_button),
                               visible ? _("Hide in the Plot") : _("Show in the Plot"));
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
}

static void
rename_clicked_cb (GradlensSeriesRow *self,
                   GtkButton      *button)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->label_edit));
  gtk_editable_label_start_editing (self->label_edit);
}

static void
remove_clicked_cb (GradlensSeriesRow *self,
                   GtkButton      *button)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self));

  if (index >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self), self->remove_action, "u", (guint) index);
}

/* an empty name would leave the legend entry blank: keep the old one */
static void
editing_cb (GradlensSeriesRow *self)
{
  g_autofree char *text = NULL;

  if (gtk_editable_label_get_editing (self->label_edit))
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_edit))));
  if (text[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->label_edit), gradlens_series_get_label (self->item));
  else
    gradlens_series_set_label (self->item, text);
}

static void
label_changed_cb (GradlensSeriesRow *self)
{
  g_autofree char *name = gradlens_series_dup_accessible_name (self->item);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* the detail line's tooltip: the line itself, and what its decay means */
static void
detail_changed_cb (GradlensSeriesRow *self)
{
  const char *detail = gradlens_series_get_detail (self->item);
  double decay = gradlens_series_get_decay (self->item);
  g_autofree char *factor = NULL;
  g_autofree char *tooltip = NULL;

  if (detail == NULL || !isfinite (decay))
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_label), detail);
      return;
    }
  factor = g_strdup_printf ("%.2g", decay);
  /* Translators: the tooltip of a run's detail line: the line, then what its decay per layer means */
  tooltip = g_strdup_printf (_("%s\n\n×%s per layer: from the output towards the input, the gradient norm is "
                               "multiplied by about %s at each layer (the straight line through the weights’ "
                               "gradient norms on the log axis). Below 1 the gradients vanish: the first layers "
                               "learn the slowest; above 1 they explode."),
                             detail, factor, factor);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_label), tooltip);
}

/* A long label is cut with "…" (the legend and the values' title say it whole)
 * instead of widening the list and the window past a 1024 px screen: the
 * editable label's own label ellipsized, its entry no wider than needed. */
static void
let_label_shrink (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    let_label_shrink (child);
}

static void
gradlens_series_row_constructed (GObject *object)
{
  GradlensSeriesRow *self = (GradlensSeriesRow *) object;

  G_OBJECT_CLASS (gradlens_series_row_parent_class)->constructed (object);

  g_assert (GRADLENS_IS_SERIES (self->item));
  g_assert (self->remove_action != NULL);

  g_object_bind_property (self->item, "label", self->label_edit, "text", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->item, "detail", self->detail_label, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->item, "notify::detail", G_CALLBACK (detail_changed_cb), self,
                           G_CONNECT_SWAPPED);
  detail_changed_cb (self);
  g_object_bind_property (self->item, "visible", self->visible_button, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_signal_connect_object (self->item, "notify::visible", G_CALLBACK (visible_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->label_edit, "notify::editing", G_CALLBACK (editing_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item, "notify::label", G_CALLBACK (label_changed_cb), self,
                           G_CONNECT_SWAPPED);
  visible_changed_cb (self);
  label_changed_cb (self);
  {
    g_autofree char *diagnosis = gradlens_series_dup_diagnosis (self->item);

    /* why the line looks as it does: every finding, in words */
    gtk_label_set_label (self->diagnosis_label, diagnosis != NULL ? diagnosis : "");
    gtk_widget_set_visible (GTK_WIDGET (self->diagnosis_label), diagnosis != NULL);
  }
}

static void
gradlens_series_row_dispose (GObject *object)
{
  GradlensSeriesRow *self = (GradlensSeriesRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GRADLENS_TYPE_SERIES_ROW);
  g_clear_object (&self->item);
  g_clear_pointer (&self->remove_action, g_free);

  G_OBJECT_CLASS (gradlens_series_row_parent_class)->dispose (object);
}

static void
gradlens_series_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GradlensSeriesRow *self = GRADLENS_SERIES_ROW (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      g_value_set_object (value, self->item);
      break;
    case PROP_REMOVE_ACTION:
      g_value_set_string (value, self->remove_action);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_series_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GradlensSeriesRow *self = GRADLENS_SERIES_ROW (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      self->item = g_value_dup_object (value);
      break;
    case PROP_REMOVE_ACTION:
      self->remove_action = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_series_row_class_init (GradlensSeriesRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gradlens_series_row_constructed;
  object_class->dispose = gradlens_series_row_dispose;
  object_class->get_property = gradlens_series_row_get_property;
  object_class->set_property = gradlens_series_row_set_property;

  properties[PROP_SERIES] =
    g_param_spec_object ("series", NULL, NULL, GRADLENS_TYPE_SERIES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* a window action taking the row's index ("u"), such as "win.remove-run" */
  properties[PROP_REMOVE_ACTION] =
    g_param_spec_string ("remove-action", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-series-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesRow, label_edit);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesRow, diagnosis_label);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesRow, visible_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesRow, rename_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, rename_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
gradlens_series_row_init (GradlensSeriesRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch, self, NULL);
  let_label_shrink (GTK_WIDGET (self->label_edit));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->label_edit), 8);
}

/**
 * gradlens_series_row_new:
 * @series: what the row shows
 * @remove_action: the action its Remove button activates with the row's index
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
gradlens_series_row_new (GradlensSeries *series,
                         const char     *remove_action)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES (series), NULL);
  g_return_val_if_fail (remove_action != NULL, NULL);

  return g_object_new (GRADLENS_TYPE_SERIES_ROW, "series", series, "remove-action", remove_action, NULL);
}

GradlensSeries *
gradlens_series_row_get_series (GradlensSeriesRow *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_ROW (self), NULL);

  return self->item;
}

/* the detail line: the decay per layer first, then what the item is */
GtkLabel *
gradlens_series_row_get_detail_label (GradlensSeriesRow *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_ROW (self), NULL);

  return self->detail_label;
}

/* why the series looks as it does, in words (hidden when there is nothing to say) */
GtkLabel *
gradlens_series_row_get_diagnosis_label (GradlensSeriesRow *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_ROW (self), NULL);

  return self->diagnosis_label;
}
