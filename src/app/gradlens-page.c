/* gradlens-page.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "gradlens-export.h"

#include "gradlens-page.h"
#include "gradlens-run-item.h"

typedef struct
{
  /* Borrowed: a child of the subclass's template */
  GradlensPlotView *plot_view;

  /* Owned */
  GradlensSession  *session;
} GradlensPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (GradlensPage, gradlens_page, GTK_TYPE_BOX)

enum {
  FIGURE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PlotTheme
current_theme (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? PLOT_THEME_DARK : PLOT_THEME_LIGHT;
}

static void
figure_changed (GradlensPage *self)
{
  g_signal_emit (self, signals[FIGURE_CHANGED], 0);
}

/* a series added or removed: a new figure, the zoom reset */
static void
series_list_changed_cb (GradlensPage *self)
{
  gradlens_page_update_figure (self, FALSE);
}

/* a series renamed or hidden */
static void
series_changed_cb (GradlensPage    *self,
                   GListModel      *list,
                   guint            position,
                   const char      *property,
                   GradlensSession *session)
{
  GradlensPagePrivate *priv = gradlens_page_get_instance_private (self);
  PlotFigure *figure = gradlens_plot_view_get_figure (priv->plot_view);
  g_autoptr(GradlensSeries) series = NULL;

  if (list != gradlens_page_get_series (self))
    return;
  if (!g_str_equal (property, "visible"))
    {
      gradlens_page_update_figure (self, TRUE);
      return;
    }
  series = g_list_model_get_item (list, position);
  if (figure == NULL || series == NULL || position >= plot_figure_get_n_series (figure))
    return;
  plot_figure_set_series_visible (figure, position, gradlens_series_get_visible (series));
  gradlens_plot_view_figure_changed (priv->plot_view);
  figure_changed (self);
}

/* results landed: new series, or more points of those listed (a sweep
 * extended to more depths) */
static void
job_results_cb (GradlensPage    *self,
                GListModel      *list,
                int              position,
                GradlensSession *session)
{
  if (list == gradlens_page_get_series (self))
    gradlens_page_update_figure (self, FALSE);
}

static void
plot_setting_cb (GradlensPage *self)
{
  gradlens_page_update_figure (self, FALSE);
}

static void
dark_changed_cb (GradlensPage *self)
{
  GradlensPagePrivate *priv = gradlens_page_get_instance_private (self);
  PlotFigure *figure = gradlens_plot_view_get_figure (priv->plot_view);

  if (figure == NULL)
    return;
  plot_figure_set_theme (figure, current_theme ());
  gradlens_plot_view_figure_changed (priv->plot_view);
  figure_changed (self);
}

/* a click on a legend entry hides or shows its series */
static void
legend_clicked_cb (GradlensPage     *self,
                   guint             index,
                   GradlensPlotView *view)
{
  g_autoptr(GradlensSeries) series = NULL;

  if (gradlens_page_get_series (self) == NULL)
    return;
  series = g_list_model_get_item (gradlens_page_get_series (self), index);
  if (series != NULL)
    gradlens_series_set_visible (series, !gradlens_series_get_visible (series));
}

static void
disconnect_session (GradlensPage *self)
{
  GradlensPagePrivate *priv = gradlens_page_get_instance_private (self);

  if (priv->session == NULL)
    return;
  g_signal_handlers_disconnect_by_data (priv->session, self);
  g_signal_handlers_disconnect_by_data (gradlens_session_get_runs (priv->session), self);
  g_signal_handlers_disconnect_by_data (gradlens_session_get_sweeps (priv->session), self);
  g_clear_object (&priv->session);
}

static void
gradlens_page_dispose (GObject *object)
{
  disconnect_session (GRADLENS_PAGE (object));

  G_OBJECT_CLASS (gradlens_page_parent_class)->dispose (object);
}

static void
gradlens_page_class_init (GradlensPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gradlens_page_dispose;

  /* the figure on screen changed: new, restyled, a series hidden */
  signals[FIGURE_CHANGED] =
    g_signal_new ("figure-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gradlens_page_init (GradlensPage *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * gradlens_page_set_session:
 * @self: a page
 * @session: what it shows
 *
 * The page draws @session's series from now on.
 */
void
gradlens_page_set_session (GradlensPage    *self,
                           GradlensSession *session)
{
  GradlensPagePrivate *priv = gradlens_page_get_instance_private (self);

  g_return_if_fail (GRADLENS_IS_PAGE (self));
  g_return_if_fail (GRADLENS_IS_SESSION (session));

  disconnect_session (self);
  priv->session = g_object_ref (session);
  g_signal_connect_object (gradlens_page_get_series (self), "items-changed", G_CALLBACK (series_list_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "series-changed", G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "job-results", G_CALLBACK (job_results_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::y-scale", G_CALLBACK (plot_setting_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::x-axis", G_CALLBACK (plot_setting_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::plot-title", G_CALLBACK (plot_setting_cb), self, G_CONNECT_SWAPPED);
  gradlens_page_update_figure (self, FALSE);
}

GradlensSession *
gradlens_page_get_session (GradlensPage *self)
{
  GradlensPagePrivate *priv = gradlens_page_get_instance_private (self);

  g_return_val_if_fail (GRADLENS_IS_PAGE (self), NULL);

  return priv->session;
}

GradlensPlotView *
gradlens_page_get_plot_view (GradlensPage *self)
{
  GradlensPagePrivate *priv = gradlens_page_get_instance_private (self);

  g_return_val_if_fail (GRADLENS_IS_PAGE (self), NULL);

  return priv->plot_view;
}

void
gradlens_page_set_plot_view (GradlensPage     *self,
                             GradlensPlotView *view)
{
  GradlensPagePrivate *priv = gradlens_page_get_instance_private (self);

  g_return_if_fail (GRADLENS_IS_PAGE (self));
  g_return_if_fail (GRADLENS_IS_PLOT_VIEW (view));

  priv->plot_view = view;
  g_signal_connect_object (view, "legend-clicked", G_CALLBACK (legend_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "view-changed", G_CALLBACK (figure_changed), self, G_CONNECT_SWAPPED);
}

/* Returns: (transfer none) (nullable): the series the page draws */
GListModel *
gradlens_page_get_series (GradlensPage *self)
{
  GradlensPagePrivate *priv = gradlens_page_get_instance_private (self);

  g_return_val_if_fail (GRADLENS_IS_PAGE (self), NULL);

  if (priv->session == NULL)
    return NULL;
  return GRADLENS_PAGE_GET_CLASS (self)->get_series (self);
}

/**
 * gradlens_page_update_figure:
 * @self: a page
 * @keep_view: keep the zoom (a series renamed) or reset it
 *
 * Builds the figure again, then applies what only the screen has: the
 * window's dark or light style, hidden series, the zoom.
 */
void
gradlens_page_update_figure (GradlensPage *self,
                             gboolean      keep_view)
{
  GradlensPagePrivate *priv = gradlens_page_get_instance_private (self);
  GListModel *series;
  PlotFigure *old;
  PlotFigure *figure;
  double lo, hi;
  guint n;

  g_return_if_fail (GRADLENS_IS_PAGE (self));

  if (priv->session == NULL || priv->plot_view == NULL)
    return;
  series = gradlens_page_get_series (self);
  old = gradlens_plot_view_get_figure (priv->plot_view);
  figure = GRADLENS_PAGE_GET_CLASS (self)->build_figure (self);
  n = MIN (g_list_model_get_n_items (series), plot_figure_get_n_series (figure));
  plot_figure_set_theme (figure, current_theme ());
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensSeries) item = g_list_model_get_item (series, i);

      plot_figure_set_series_visible (figure, i, gradlens_series_get_visible (item));
    }
  if (keep_view && old != NULL)
    {
      if (plot_figure_get_x_view (old, &lo, &hi))
        plot_figure_set_x_view (figure, lo, hi);
      if (plot_figure_get_y_view (old, &lo, &hi))
        plot_figure_set_y_view (figure, lo, hi);
    }
  gradlens_plot_view_set_figure (priv->plot_view, figure);
  plot_figure_unref (figure);
  figure_changed (self);
}

/* Returns: (transfer full) (nullable): the values on screen as text, NULL
 * when the page has none of its own */
char *
gradlens_page_dup_export_text (GradlensPage *self,
                               gboolean      json)
{
  g_return_val_if_fail (GRADLENS_IS_PAGE (self), NULL);

  if (GRADLENS_PAGE_GET_CLASS (self)->dup_export_text == NULL)
    return NULL;
  return GRADLENS_PAGE_GET_CLASS (self)->dup_export_text (self, json);
}

void
gradlens_page_add_legend_suffixes (PlotFigure *figure,
                                   GListModel *series)
{
  guint n = MIN (g_list_model_get_n_items (series), plot_figure_get_n_series (figure));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensSeries) item = g_list_model_get_item (series, i);
      g_autofree char *suffix = gradlens_series_dup_legend_suffix (item);

      if (suffix != NULL)
        plot_figure_set_series_legend_suffix (figure, i, suffix);
    }
}

/**
 * gradlens_page_dup_results:
 * @session: a session
 * @n_results: (out): how many
 *
 * Returns: (transfer container): the results of its runs, NULL-terminated
 */
GradlensRunResult **
gradlens_page_dup_results (GradlensSession *session,
                           guint           *n_results)
{
  GListModel *runs = gradlens_session_get_runs (session);
  guint n = g_list_model_get_n_items (runs);
  GradlensRunResult **results = g_new0 (GradlensRunResult *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRunItem) run = g_list_model_get_item (runs, i);

      results[i] = (GradlensRunResult *) gradlens_run_item_get_result (run);
    }
  *n_results = n;
  return results;
}

/* ---- export ----------------------------------------------------------- */

/* What an export writes, taken on the main thread so that a worker writing
 * it touches nothing the page owns */
struct _GradlensPageExport
{
  char       *path;
  PlotFigure *figure;   /* a copy, for .png, .svg, .pdf */
  PlotFormat  format;
  int         width;
  int         height;
  char       *text;     /* for .csv, .json */
  PlotHeatmap *heatmap; /* a page's training figure, for .png, .svg, .pdf */
};

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

/* .png, .svg, .pdf (the figure), .csv, .json (the values) */
gboolean
gradlens_page_export_known_suffix (const char *path)
{
  static const char * const suffixes[] = { ".png", ".svg", ".pdf", ".csv", ".json" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (has_suffix (path, suffixes[i]))
      return TRUE;
  return FALSE;
}

void
gradlens_page_export_free (GradlensPageExport *export)
{
  g_free (export->path);
  g_clear_pointer (&export->figure, plot_figure_unref);
  g_free (export->text);
  g_clear_pointer (&export->heatmap, plot_heatmap_free);
  g_free (export);
}

const char *
gradlens_page_export_get_path (GradlensPageExport *export)
{
  return export->path;
}

/**
 * gradlens_page_prepare_export:
 * @self: a page
 * @path: the file to write; its extension picks the format: .png, .svg,
 *   .pdf (the figure on screen, with the same series hidden and the same
 *   zoom), .csv, .json (the page's values; without any, @fallback's)
 * @fallback: (nullable): the page whose values a page without any exports
 * @width: width of the figure: pixels for PNG, CSS pixels for SVG, points for PDF
 * @height: height of the figure
 * @theme: theme of the figure
 * @error: names an unknown extension
 *
 * Returns: (transfer full) (nullable): what to write, with
 *   gradlens_page_export_write() in any thread
 */
GradlensPageExport *
gradlens_page_prepare_export (GradlensPage  *self,
                              GradlensPage  *fallback,
                              const char    *path,
                              int            width,
                              int            height,
                              GradlensTheme  theme,
                              GError       **error)
{
  g_autoptr(GradlensPageExport) export = g_new0 (GradlensPageExport, 1);
  GradlensPagePrivate *priv = gradlens_page_get_instance_private (self);

  g_return_val_if_fail (GRADLENS_IS_PAGE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  export->path = g_strdup (path);
  export->width = width;
  export->height = height;
  if (has_suffix (path, ".csv") || has_suffix (path, ".json"))
    {
      export->text = gradlens_page_dup_export_text (self, has_suffix (path, ".json"));
      if (export->text == NULL && fallback != NULL)
        export->text = gradlens_page_dup_export_text (fallback, has_suffix (path, ".json"));
      return g_steal_pointer (&export);
    }
  if (!plot_format_from_path (path, &export->format, error))
    return NULL;
  if (GRADLENS_PAGE_GET_CLASS (self)->dup_heatmap != NULL)
    export->heatmap = GRADLENS_PAGE_GET_CLASS (self)->dup_heatmap (self);
  if (export->heatmap != NULL)
    {
      plot_heatmap_set_theme (export->heatmap, theme == GRADLENS_THEME_LIGHT ? PLOT_THEME_LIGHT : PLOT_THEME_DARK);
      return g_steal_pointer (&export);
    }
  export->figure = plot_figure_copy (gradlens_plot_view_get_figure (priv->plot_view));
  plot_figure_set_theme (export->figure, theme == GRADLENS_THEME_LIGHT ? PLOT_THEME_LIGHT : PLOT_THEME_DARK);
  plot_figure_set_scale (export->figure, 1.0);
  return g_steal_pointer (&export);
}

/* any thread: through the code the CLI uses (plot_export(),
 * gradlens_write_file_atomic()) */
gboolean
gradlens_page_export_write (GradlensPageExport  *export,
                            GError             **error)
{
  if (export->text != NULL)
    return gradlens_write_file_atomic (export->path, export->text, error);
  if (export->heatmap != NULL)
    return plot_heatmap_export (export->heatmap, export->path, export->format, export->width, export->height, error);
  if (!plot_export (export->figure, export->path, export->format, export->width, export->height, 1.0, error))
    {
      /* plot_export names the problem; make sure the file is named too */
      if (error != NULL && *error != NULL && strstr ((*error)->message, export->path) == NULL)
        g_prefix_error (error, "%s: ", export->path);
      return FALSE;
    }
  return TRUE;
}
