/* gradlens-series-panel.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-series-panel.h"
#include "gradlens-series-row.h"

struct _GradlensSeriesPanel
{
  GtkBox      parent_instance;

  /* Template widgets */
  GtkLabel   *heading_label;
  GtkButton  *clear_button;
  GtkListBox *list;
  GtkLabel   *values_title;
  GtkWidget  *tables_switcher;
  GtkStack   *tables_stack;

  /* Owned */
  GHashTable *tables;          /* name -> GradlensSeriesTable */
  char       *remove_action;
  GradlensSeries *watched;     /* the selected series, for its label */
};

G_DEFINE_FINAL_TYPE (GradlensSeriesPanel, gradlens_series_panel, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_HEADING,
  PROP_PLACEHOLDER,
  PROP_CLEAR_ACTION,
  PROP_CLEAR_TOOLTIP,
  PROP_REMOVE_ACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  GradlensSeriesPanel *self = user_data;

  return gradlens_series_row_new (GRADLENS_SERIES (item), self->remove_action);
}

/* the tables show the selected series; the heading names it */
static void
update (GradlensSeriesPanel *self)
{
  GradlensSeries *series = gradlens_series_panel_get_selected (self);
  gboolean switcher = g_hash_table_size (self->tables) > 1;
  GHashTableIter iter;
  gpointer table;

  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &table))
    gradlens_series_table_set_series (table, series);
  if (series != NULL)
    {
      /* Translators: the heading of the table of values, %s is a run's label */
      g_autofree char *title = g_strdup_printf (_("Values of “%s”"), gradlens_series_get_label (series));

      /* with a switcher beside it saying which table, the heading names the series */
      gtk_label_set_label (self->values_title, switcher ? gradlens_series_get_label (series) : title);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->values_title), switcher ? title : NULL);
    }
  else
    {
      gtk_label_set_label (self->values_title, _("Values"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->values_title), NULL);
    }
}

static void
row_selected_cb (GradlensSeriesPanel *self)
{
  GradlensSeries *series = gradlens_series_panel_get_selected (self);

  if (series != self->watched)
    {
      if (self->watched != NULL)
        g_signal_handlers_disconnect_by_data (self->watched, self);
      g_set_object (&self->watched, series);
      if (series != NULL)
        g_signal_connect_object (series, "notify::label", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
gradlens_series_panel_dispose (GObject *object)
{
  GradlensSeriesPanel *self = (GradlensSeriesPanel *) object;

  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->tables_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->tables_stack, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRADLENS_TYPE_SERIES_PANEL);
  g_clear_pointer (&self->tables, g_hash_table_unref);

  G_OBJECT_CLASS (gradlens_series_panel_parent_class)->dispose (object);
}

static void
gradlens_series_panel_finalize (GObject *object)
{
  g_free (GRADLENS_SERIES_PANEL (object)->remove_action);

  G_OBJECT_CLASS (gradlens_series_panel_parent_class)->finalize (object);
}

static void
gradlens_series_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GradlensSeriesPanel *self = GRADLENS_SERIES_PANEL (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      g_value_set_string (value, gtk_label_get_label (self->heading_label));
      break;
    case PROP_CLEAR_ACTION:
      g_value_set_string (value, gtk_actionable_get_action_name (GTK_ACTIONABLE (self->clear_button)));
      break;
    case PROP_REMOVE_ACTION:
      g_value_set_string (value, self->remove_action);
      break;
    case PROP_CLEAR_TOOLTIP:
      g_value_set_string (value, gtk_widget_get_tooltip_text (GTK_WIDGET (self->clear_button)));
      break;
    case PROP_PLACEHOLDER:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_series_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GradlensSeriesPanel *self = GRADLENS_SERIES_PANEL (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      gtk_label_set_label (self->heading_label, g_value_get_string (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_value_get_string (value), -1);
      break;
    case PROP_PLACEHOLDER:
      {
        GtkWidget *placeholder = gtk_label_new (g_value_get_string (value));

        gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
        gtk_label_set_justify (GTK_LABEL (placeholder), GTK_JUSTIFY_CENTER);
        gtk_widget_set_margin_start (placeholder, 12);
        gtk_widget_set_margin_end (placeholder, 12);
        gtk_widget_set_margin_top (placeholder, 24);
        gtk_widget_add_css_class (placeholder, "dim-label");
        gtk_list_box_set_placeholder (self->list, placeholder);
      }
      break;
    case PROP_CLEAR_ACTION:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->clear_button), g_value_get_string (value));
      break;
    case PROP_CLEAR_TOOLTIP:
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->clear_button), g_value_get_string (value));
      break;
    case PROP_REMOVE_ACTION:
      g_free (self->remove_action);
      self->remove_action = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_series_panel_class_init (GradlensSeriesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gradlens_series_panel_dispose;
  object_class->finalize = gradlens_series_panel_finalize;
  object_class->get_property = gradlens_series_panel_get_property;
  object_class->set_property = gradlens_series_panel_set_property;

  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLACEHOLDER] =
    g_param_spec_string ("placeholder", NULL, NULL, NULL, G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLEAR_ACTION] =
    g_param_spec_string ("clear-action", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLEAR_TOOLTIP] =
    g_param_spec_string ("clear-tooltip", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOVE_ACTION] =
    g_param_spec_string ("remove-action", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* another series is selected, or none */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-series-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesPanel, heading_label);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesPanel, clear_button);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesPanel, list);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesPanel, values_title);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesPanel, tables_switcher);
  gtk_widget_class_bind_template_child (widget_class, GradlensSeriesPanel, tables_stack);
}

static void
gradlens_series_panel_init (GradlensSeriesPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (row_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tables_stack, "notify::visible-child-name", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
}

/* the list shows @series, of #GradlensSeries */
void
gradlens_series_panel_bind (GradlensSeriesPanel *self,
                            GListModel          *series)
{
  g_return_if_fail (GRADLENS_IS_SERIES_PANEL (self));
  g_return_if_fail (self->remove_action != NULL);

  gtk_list_box_bind_model (self->list, series, create_row_cb, self, NULL);
}

/**
 * gradlens_series_panel_add_table:
 * @self: a panel
 * @name: its name in the switcher's stack
 * @title: (nullable): its title in the switcher (translated)
 * @accessible_label: what the table shows (translated)
 * @spec: its columns
 * @table: which table of a series it shows
 */
void
gradlens_series_panel_add_table (GradlensSeriesPanel     *self,
                                 const char              *name,
                                 const char              *title,
                                 const char              *accessible_label,
                                 const GradlensTableSpec *spec,
                                 guint                    table)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_column_view_new (NULL);

  g_return_if_fail (GRADLENS_IS_SERIES_PANEL (self));

  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (view), FALSE);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_widget_add_css_class (view, "data-table");
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_stack_add_titled (self->tables_stack, scroller, name, title);
  g_hash_table_insert (self->tables, g_strdup (name),
                       gradlens_series_table_new (GTK_COLUMN_VIEW (view), spec, table, scroller));
  gtk_widget_set_visible (self->tables_switcher, g_hash_table_size (self->tables) > 1);
  update (self);
}

/* Returns: (transfer none) (nullable): the table of that name */
GradlensSeriesTable *
gradlens_series_panel_get_table (GradlensSeriesPanel *self,
                                 const char          *name)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_PANEL (self), NULL);

  return g_hash_table_lookup (self->tables, name);
}

GradlensSeriesTable *
gradlens_series_panel_get_visible_table (GradlensSeriesPanel *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_PANEL (self), NULL);

  return gradlens_series_panel_get_table (self, gtk_stack_get_visible_child_name (self->tables_stack));
}

void
gradlens_series_panel_show_table (GradlensSeriesPanel *self,
                                  const char          *name)
{
  g_return_if_fail (GRADLENS_IS_SERIES_PANEL (self));

  gtk_stack_set_visible_child_name (self->tables_stack, name);
}

/* Returns: (transfer none) (nullable): the selected series */
GradlensSeries *
gradlens_series_panel_get_selected (GradlensSeriesPanel *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (GRADLENS_IS_SERIES_PANEL (self), NULL);

  if (self->list == NULL)
    return NULL;
  row = gtk_list_box_get_selected_row (self->list);
  return row != NULL ? gradlens_series_row_get_series (GRADLENS_SERIES_ROW (row)) : NULL;
}

void
gradlens_series_panel_select (GradlensSeriesPanel *self,
                              guint                index)
{
  GtkListBoxRow *row;

  g_return_if_fail (GRADLENS_IS_SERIES_PANEL (self));

  row = gtk_list_box_get_row_at_index (self->list, index);
  if (row != NULL)
    gtk_list_box_select_row (self->list, row);
  update (self);
}

GtkListBox *
gradlens_series_panel_get_list (GradlensSeriesPanel *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_PANEL (self), NULL);

  return self->list;
}

GtkStack *
gradlens_series_panel_get_stack (GradlensSeriesPanel *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_PANEL (self), NULL);

  return self->tables_stack;
}

GtkLabel *
gradlens_series_panel_get_values_title (GradlensSeriesPanel *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_PANEL (self), NULL);

  return self->values_title;
}
