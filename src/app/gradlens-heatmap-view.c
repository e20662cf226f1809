/* gradlens-heatmap-view.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-heatmap-view.h"

struct _GradlensHeatmapView
{
  GtkWidget parent_instance;

  /* Owned */
  PlotHeatmap *heatmap;
  GPtrArray   *panel_labels;   /* for the tooltip: the panels' labels */
  GPtrArray   *row_names;      /* of GStrv: the panels' full parameter names */
  char        *value_name;
};

G_DEFINE_FINAL_TYPE (GradlensHeatmapView, gradlens_heatmap_view, GTK_TYPE_WIDGET)

static void
gradlens_heatmap_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  GradlensHeatmapView *self = GRADLENS_HEATMAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->heatmap == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  plot_heatmap_render (cr, width, height, self->heatmap);
  cairo_destroy (cr);
}

/**
 * gradlens_heatmap_view_dup_tooltip:
 * @self: a heatmap view
 * @x: widget coordinates
 * @y: widget coordinates
 *
 * Returns: (transfer full) (nullable): "label · parameter · step t" and the
 *   exact value, or the loss at that step
 */
char *
gradlens_heatmap_view_dup_tooltip (GradlensHeatmapView *self,
                                   double               x,
                                   double               y)
{
  g_autofree char *value = NULL;
  PlotHeatmapHit hit;

  g_return_val_if_fail (GRADLENS_IS_HEATMAP_VIEW (self), NULL);

  if (self->heatmap == NULL
      || !plot_heatmap_hit (self->heatmap, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), x, y, &hit))
    return NULL;
  value = g_strdup_printf ("%.17g", hit.value);
  if (hit.row < 0)
    /* Translators: the tooltip on a loss curve: the training, the step, the exact loss */
    return g_strdup_printf (_("%s · step %u\nloss %s"), (const char *) g_ptr_array_index (self->panel_labels, hit.panel),
                            hit.step, value);
  /* Translators: the tooltip on a heatmap cell: the training, the parameter, the step, what the value is
   * ("gradient norm"), the exact value */
  return g_strdup_printf (_("%s · %s · step %u\n%s %s"),
                          (const char *) g_ptr_array_index (self->panel_labels, hit.panel),
                          ((char **) g_ptr_array_index (self->row_names, hit.panel))[hit.row], hit.step,
                          self->value_name != NULL ? self->value_name : "", value);
}

static gboolean
query_tooltip_cb (GradlensHeatmapView *self,
                  int                  x,
                  int                  y,
                  gboolean             keyboard,
                  GtkTooltip          *tooltip)
{
  g_autofree char *text = gradlens_heatmap_view_dup_tooltip (self, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
gradlens_heatmap_view_finalize (GObject *object)
{
  GradlensHeatmapView *self = (GradlensHeatmapView *) object;

  g_clear_pointer (&self->heatmap, plot_heatmap_free);
  g_clear_pointer (&self->panel_labels, g_ptr_array_unref);
  g_clear_pointer (&self->row_names, g_ptr_array_unref);
  g_clear_pointer (&self->value_name, g_free);

  G_OBJECT_CLASS (gradlens_heatmap_view_parent_class)->finalize (object);
}

static void
gradlens_heatmap_view_class_init (GradlensHeatmapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gradlens_heatmap_view_finalize;
  widget_class->snapshot = gradlens_heatmap_view_snapshot;
  gtk_widget_class_set_css_name (widget_class, "heatmapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gradlens_heatmap_view_init (GradlensHeatmapView *self)
{
  self->panel_labels = g_ptr_array_new_with_free_func (g_free);
  self->row_names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
gradlens_heatmap_view_new (void)
{
  return g_object_new (GRADLENS_TYPE_HEATMAP_VIEW, NULL);
}

/* what the tooltip names: panel by panel from 0, its label and its rows'
 * full names */
void
gradlens_heatmap_view_set_names (GradlensHeatmapView *self,
                                 guint                panel,
                                 const char          *label,
                                 const char * const  *rows)
{
  g_return_if_fail (GRADLENS_IS_HEATMAP_VIEW (self));

  if (panel == 0)
    {
      g_ptr_array_set_size (self->panel_labels, 0);
      g_ptr_array_set_size (self->row_names, 0);
    }
  g_ptr_array_add (self->panel_labels, g_strdup (label));
  g_ptr_array_add (self->row_names, g_strdupv ((char **) rows));
}

void
gradlens_heatmap_view_set_heatmap (GradlensHeatmapView *self,
                                   PlotHeatmap         *heatmap)
{
  g_return_if_fail (GRADLENS_IS_HEATMAP_VIEW (self));

  g_clear_pointer (&self->heatmap, plot_heatmap_free);
  self->heatmap = heatmap;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gradlens_heatmap_view_set_value_name (GradlensHeatmapView *self,
                                      const char          *name)
{
  g_return_if_fail (GRADLENS_IS_HEATMAP_VIEW (self));

  g_free (self->value_name);
  self->value_name = g_strdup (name);
}

const PlotHeatmap *
gradlens_heatmap_view_get_heatmap (GradlensHeatmapView *self)
{
  g_return_val_if_fail (GRADLENS_IS_HEATMAP_VIEW (self), NULL);

  return self->heatmap;
}
