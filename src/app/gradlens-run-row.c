/* gradlens-run-row.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-depth-sweep.h"
#include "gradlens-run-row.h"
#include "plot.h"

/* A run (or a depth sweep) in its list: colour swatch, label (rename in
 * place), the decay per layer and what it is, and buttons to hide, rename
 * and remove it. The item is anything with the properties "label" (read,
 * write), "color", "visible" (read, write) and "detail": a GradlensRun or a
 * GradlensDepthSweep. */
struct _GradlensRunRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkDrawingArea   *swatch;
  GtkEditableLabel *label_edit;
  GtkLabel         *detail_label;
  GtkToggleButton  *visible_button;
  GtkButton        *rename_button;
  GtkButton        *remove_button;

  /* Owned */
  GObject          *item;
};

G_DEFINE_FINAL_TYPE (GradlensRunRow, gradlens_run_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
item_dup_string (GradlensRunRow *self,
                 const char     *name)
{
  char *value = NULL;

  g_object_get (self->item, name, &value, NULL);
  return value;
}

static gboolean
item_get_visible (GradlensRunRow *self)
{
  gboolean visible = TRUE;

  g_object_get (self->item, "visible", &visible, NULL);
  return visible;
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GradlensRunRow *self = user_data;
  g_autofree char *spec = NULL;
  PlotRgba color;
  double size = MIN (width, height);

  if (self->item == NULL)
    return;
  spec = item_dup_string (self, "color");
  if (spec == NULL || !plot_rgba_parse (&color, spec))
    return;
  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0 - 1, 0, 2 * G_PI);
  if (item_get_visible (self))
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
visible_changed_cb (GradlensRunRow *self)
{
  gboolean visible = item_get_visible (self);

  gtk_button_set_icon_name (GTK_BUTTON (self->visible_button),
                            visible ? "view-reveal-symbolic" : "view-conceal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->visible_button),
                               visible ? _("Hide in the Plot") : _("Show in the Plot"));
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
}

static void
rename_clicked_cb (GradlensRunRow *self,
                   GtkButton      *button)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->label_edit));
  gtk_editable_label_start_editing (self->label_edit);
}

static void
remove_clicked_cb (GradlensRunRow *self,
                   GtkButton      *button)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self));

  if (index >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self),
                                GRADLENS_IS_DEPTH_SWEEP (self->item) ? "win.remove-sweep" : "win.remove-run",
                                "u", (guint) index);
}

/* an empty name would leave the legend entry blank: keep the old one */
static void
editing_cb (GradlensRunRow *self)
{
  g_autofree char *text = NULL;

  if (gtk_editable_label_get_editing (self->label_edit))
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_edit))));
  if (text[0] == '\0')
    {
      g_autofree char *label = item_dup_string (self, "label");

      gtk_editable_set_text (GTK_EDITABLE (self->label_edit), label != NULL ? label : "");
    }
  else
    g_object_set (self->item, "label", text, NULL);
}

static void
label_changed_cb (GradlensRunRow *self)
{
  g_autofree char *label = item_dup_string (self, "label");
  g_autofree char *name = NULL;

  if (GRADLENS_IS_DEPTH_SWEEP (self->item))
    /* Translators: the accessible name of a sweep in the list of depth sweeps */
    name = g_strdup_printf (_("Sweep “%s”"), label);
  else
    /* Translators: the accessible name of a run in the list of runs */
    name = g_strdup_printf (_("Run “%s”"), label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
gradlens_run_row_constructed (GObject *object)
{
  GradlensRunRow *self = (GradlensRunRow *) object;

  G_OBJECT_CLASS (gradlens_run_row_parent_class)->constructed (object);

  g_assert (GRADLENS_IS_RUN (self->item) || GRADLENS_IS_DEPTH_SWEEP (self->item));

  g_object_bind_property (self->item, "label", self->label_edit, "text", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->item, "detail", self->detail_label, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->item, "detail", self->detail_label, "tooltip-text", G_BINDING_SYNC_CREATE);
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
}

static void
gradlens_run_row_dispose (GObject *object)
{
  GradlensRunRow *self = (GradlensRunRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GRADLENS_TYPE_RUN_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (gradlens_run_row_parent_class)->dispose (object);
}

static void
gradlens_run_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GradlensRunRow *self = GRADLENS_RUN_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_run_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GradlensRunRow *self = GRADLENS_RUN_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_run_row_class_init (GradlensRunRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gradlens_run_row_constructed;
  object_class->dispose = gradlens_run_row_dispose;
  object_class->get_property = gradlens_run_row_get_property;
  object_class->set_property = gradlens_run_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-run-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensRunRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, GradlensRunRow, label_edit);
  gtk_widget_class_bind_template_child (widget_class, GradlensRunRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GradlensRunRow, visible_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensRunRow, rename_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensRunRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, rename_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
gradlens_run_row_init (GradlensRunRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch, self, NULL);
}

GtkWidget *
gradlens_run_row_new (GradlensRun *run)
{
  g_return_val_if_fail (GRADLENS_IS_RUN (run), NULL);

  return g_object_new (GRADLENS_TYPE_RUN_ROW, "item", run, NULL);
}

GtkWidget *
gradlens_run_row_new_for_sweep (GradlensDepthSweep *sweep)
{
  g_return_val_if_fail (GRADLENS_IS_DEPTH_SWEEP (sweep), NULL);

  return g_object_new (GRADLENS_TYPE_RUN_ROW, "item", sweep, NULL);
}

/* the run, or NULL when the row shows a sweep */
GradlensRun *
gradlens_run_row_get_run (GradlensRunRow *self)
{
  g_return_val_if_fail (GRADLENS_IS_RUN_ROW (self), NULL);

  return GRADLENS_IS_RUN (self->item) ? GRADLENS_RUN (self->item) : NULL;
}

/* the sweep, or NULL when the row shows a run */
GradlensDepthSweep *
gradlens_run_row_get_sweep (GradlensRunRow *self)
{
  g_return_val_if_fail (GRADLENS_IS_RUN_ROW (self), NULL);

  return GRADLENS_IS_DEPTH_SWEEP (self->item) ? GRADLENS_DEPTH_SWEEP (self->item) : NULL;
}

/* the detail line: the decay per layer first, then what the item is */
GtkLabel *
gradlens_run_row_get_detail_label (GradlensRunRow *self)
{
  g_return_val_if_fail (GRADLENS_IS_RUN_ROW (self), NULL);

  return self->detail_label;
}
