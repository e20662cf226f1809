/* gradlens-series-table.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-series-table.h"

/* A row of the table: row `index` of the series' table; its cells' text is
 * asked from the series when bound */
#define GRADLENS_TYPE_TABLE_ROW (gradlens_table_row_get_type ())

G_DECLARE_FINAL_TYPE (GradlensTableRow, gradlens_table_row, GRADLENS, TABLE_ROW, GObject)

struct _GradlensTableRow
{
  GObject parent_instance;

  GradlensSeries *series;   /* Owned */
  guint           index;
};

G_DEFINE_FINAL_TYPE (GradlensTableRow, gradlens_table_row, G_TYPE_OBJECT)

static void
gradlens_table_row_dispose (GObject *object)
{
  g_clear_object (&GRADLENS_TABLE_ROW (object)->series);

  G_OBJECT_CLASS (gradlens_table_row_parent_class)->dispose (object);
}

static void
gradlens_table_row_class_init (GradlensTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gradlens_table_row_dispose;
}

static void
gradlens_table_row_init (GradlensTableRow *self)
{
}

struct _GradlensSeriesTable
{
  GObject parent_instance;

  /* Borrowed */
  const GradlensTableSpec *spec;

  /* Owned */
  GtkColumnView           *view;      /* Borrowed: it keeps the table's factories */
  GListStore              *rows;      /* of GradlensTableRow */
  GPtrArray               *columns;   /* of GtkColumnViewColumn */
  GradlensSeries          *series;
  guint                    table;
};

G_DEFINE_FINAL_TYPE (GradlensSeriesTable, gradlens_series_table, G_TYPE_OBJECT)

/* what a column's factory needs: nothing of the table object, which may go
 * before the view */
typedef struct
{
  const GradlensTableSpec *spec;
  guint                    table;
  guint                    column;
} Cell;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               Cell                     *cell)
{
  GradlensColumnFlags flags = cell->spec->columns[cell->column].flags;
  GtkWidget *label = gtk_label_new (NULL);

  /* names line up on the left, numbers on the right */
  gtk_label_set_xalign (GTK_LABEL (label), flags & GRADLENS_COLUMN_FLAG_LEFT ? 0.0 : 1.0);
  if (flags & GRADLENS_COLUMN_FLAG_NUMERIC)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              Cell                     *cell)
{
  GradlensTableRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = gradlens_series_dup_cell (row->series, cell->table, row->index, cell->column, FALSE);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
gradlens_series_table_dispose (GObject *object)
{
  GradlensSeriesTable *self = (GradlensSeriesTable *) object;

  g_clear_object (&self->series);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (gradlens_series_table_parent_class)->dispose (object);
}

static void
gradlens_series_table_class_init (GradlensSeriesTableClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gradlens_series_table_dispose;
}

static void
gradlens_series_table_init (GradlensSeriesTable *self)
{
  self->rows = g_list_store_new (GRADLENS_TYPE_TABLE_ROW);
  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The column view ellipsizes its column titles, and gives a column no more
 * than its minimum width when the table is narrower than its content:
 * "Satura…", and the ensemble's last columns cut. Titles that keep their
 * whole width make each column at least as wide as its title, and the
 * table scrolls horizontally (its header with it) instead. */
static void
keep_titles_whole (GtkWidget *widget,
                   gboolean   in_title)
{
  GType title_type = g_type_from_name ("GtkColumnViewTitle");

  if (title_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (widget, title_type))
    in_title = TRUE;
  if (in_title && GTK_IS_LABEL (widget))
    gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_NONE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    keep_titles_whole (child, in_title);
}

/**
 * gradlens_series_table_new:
 * @view: the column view to fill
 * @spec: its columns
 * @table: which table of a series it shows
 * @shortcut_widget: (nullable): where Ctrl+C copies the table
 *
 * Returns: (transfer full): the table; it lives as long as the caller
 *   keeps it
 */
GradlensSeriesTable *
gradlens_series_table_new (GtkColumnView           *view,
                           const GradlensTableSpec *spec,
                           guint                    table,
                           GtkWidget               *shortcut_widget)
{
  GradlensSeriesTable *self;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  self = g_object_new (GRADLENS_TYPE_SERIES_TABLE, NULL);
  self->spec = spec;
  self->table = table;
  self->view = view;
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  for (guint c = 0; c < spec->n_columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      Cell *cell = g_new0 (Cell, 1);

      cell->spec = spec;
      cell->table = table;
      cell->column = c;
      g_signal_connect_data (factory, "setup", G_CALLBACK (setup_cell_cb), cell, (GClosureNotify) g_free, 0);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), cell);
      column = gtk_column_view_column_new (_(spec->columns[c].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (spec->columns[c].flags & GRADLENS_COLUMN_FLAG_EXPAND)
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (view, column);
      g_ptr_array_add (self->columns, column);
    }

  keep_titles_whole (GTK_WIDGET (view), FALSE);
  if (shortcut_widget != NULL)
    {
      GtkEventController *shortcuts = gtk_shortcut_controller_new ();

      /* Ctrl+C in the table copies the whole table (elsewhere it copies text) */
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                              gtk_named_action_new ("win.copy-values")));
      gtk_widget_add_controller (shortcut_widget, shortcuts);
    }
  gradlens_series_table_set_series (self, NULL);
  return self;
}

GradlensSeries *
gradlens_series_table_get_series (GradlensSeriesTable *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_TABLE (self), NULL);

  return self->series;
}

/* the rows of @series (nullable); the same series again refreshes them */
void
gradlens_series_table_set_series (GradlensSeriesTable *self,
                                  GradlensSeries      *series)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = series != NULL ? gradlens_series_get_n_rows (series, self->table) : 0;

  g_return_if_fail (GRADLENS_IS_SERIES_TABLE (self));
  g_return_if_fail (series == NULL || GRADLENS_IS_SERIES (series));

  g_set_object (&self->series, series);
  for (guint i = 0; i < n; i++)
    {
      GradlensTableRow *row = g_object_new (GRADLENS_TYPE_TABLE_ROW, NULL);

      row->series = g_object_ref (series);
      row->index = i;
      g_ptr_array_add (items, row);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), items->pdata, items->len);
  for (guint c = 0; c < self->spec->n_columns; c++)
    gtk_column_view_column_set_visible (g_ptr_array_index (self->columns, c),
                                        series != NULL ? gradlens_series_column_visible (series, self->table, c)
                                                       : !(self->spec->columns[c].flags & GRADLENS_COLUMN_FLAG_STATS));
}

GListModel *
gradlens_series_table_get_model (GradlensSeriesTable *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_TABLE (self), NULL);

  return G_LIST_MODEL (self->rows);
}

GtkColumnViewColumn *
gradlens_series_table_get_column (GradlensSeriesTable *self,
                                  guint                column)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_TABLE (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return g_ptr_array_index (self->columns, column);
}

/* Returns: (transfer full) (nullable): the table as text, NULL without a series */
char *
gradlens_series_table_dup_tsv (GradlensSeriesTable *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_TABLE (self), NULL);

  return self->series != NULL ? gradlens_series_dup_tsv (self->series, self->table) : NULL;
}

/* Returns: (transfer none): the column view it fills */
GtkColumnView *
gradlens_series_table_get_view (GradlensSeriesTable *self)
{
  g_return_val_if_fail (GRADLENS_IS_SERIES_TABLE (self), NULL);

  return self->view;
}
