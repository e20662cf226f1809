/* gradlens-page.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gradlens-plot-view.h"
#include "gradlens-session.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_PAGE (gradlens_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (GradlensPage, gradlens_page, GRADLENS, PAGE, GtkBox)

/* One view of the window: a plot of some series of the session. The base
 * class keeps the figure up to date (series added, removed, renamed, hidden,
 * the plot settings, the dark or light style) and toggles a series from its
 * legend entry; a subclass says which series it draws, how it builds its
 * figure and what it exports as values. */
struct _GradlensPageClass
{
  GtkBoxClass parent_class;

  /* the session's runs or sweeps */
  GListModel *(*get_series)      (GradlensPage *self);
  /* transfer full */
  PlotFigure *(*build_figure)    (GradlensPage *self);
  /* the values shown, as CSV or JSON; NULL: the runs' values */
  char       *(*dup_export_text) (GradlensPage *self,
                                  gboolean      json);
  /* transfer full, nullable: a training figure exported in place of the
   * plot view's figure */
  PlotHeatmap *(*dup_heatmap)    (GradlensPage *self);
};

void              gradlens_page_set_session      (GradlensPage     *self,
                                                  GradlensSession  *session);
GradlensSession  *gradlens_page_get_session      (GradlensPage     *self);
GradlensPlotView *gradlens_page_get_plot_view    (GradlensPage     *self);
GListModel       *gradlens_page_get_series       (GradlensPage     *self);
void              gradlens_page_update_figure    (GradlensPage     *self,
                                                  gboolean          keep_view);
char             *gradlens_page_dup_export_text  (GradlensPage     *self,
                                                  gboolean          json);

/* for subclasses: the plot view of their template, set in init */
void              gradlens_page_set_plot_view    (GradlensPage     *self,
                                                  GradlensPlotView *view);
/* the legend's decay per layer, in the window's language */
void              gradlens_page_add_legend_suffixes (PlotFigure    *figure,
                                                  GListModel       *series);
/* the results of the session's runs, for the experiment library */
GradlensRunResult **gradlens_page_dup_results    (GradlensSession  *session,
                                                  guint            *n_results);

/* exporting the figure or the values of a page */
typedef struct _GradlensPageExport GradlensPageExport;

GradlensPageExport *gradlens_page_prepare_export (GradlensPage     *self,
                                                  GradlensPage     *fallback,
                                                  const char       *path,
                                                  int               width,
                                                  int               height,
                                                  GradlensTheme     theme,
                                                  GError          **error);
gboolean          gradlens_page_export_write     (GradlensPageExport *export,
                                                  GError          **error);
const char       *gradlens_page_export_get_path  (GradlensPageExport *export);
void              gradlens_page_export_free      (GradlensPageExport *export);
gboolean          gradlens_page_export_known_suffix (const char    *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GradlensPageExport, gradlens_page_export_free)

G_END_DECLS
