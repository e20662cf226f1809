/* gradlens-gradients-page.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gradlens-export.h"
#include "gradlens-figure.h"
#include "gradlens-gradients-page.h"

struct _GradlensGradientsPage
{
  GradlensPage      parent_instance;

  /* Template widgets */
  GradlensPlotView *plot_view;
};

G_DEFINE_FINAL_TYPE (GradlensGradientsPage, gradlens_gradients_page, GRADLENS_TYPE_PAGE)

static GListModel *
gradients_page_get_series (GradlensPage *page)
{
  return gradlens_session_get_runs (gradlens_page_get_session (page));
}

/* the code the CLI and the exports use, then the legend in the window's language */
static PlotFigure *
gradients_page_build_figure (GradlensPage *page)
{
  GradlensSession *session = gradlens_page_get_session (page);
  guint n = 0;
  g_autofree GradlensRunResult **results = gradlens_page_dup_results (session, &n);
  PlotFigure *figure = gradlens_figure_from_results (gradlens_session_get_plot_settings (session), results, n);

  gradlens_page_add_legend_suffixes (figure, gradients_page_get_series (page));
  return figure;
}

/* the values of every run, as the CLI writes them */
static char *
gradients_page_dup_export_text (GradlensPage *page,
                                gboolean      json)
{
  guint n = 0;
  g_autofree GradlensRunResult **results = gradlens_page_dup_results (gradlens_page_get_session (page), &n);

  return json ? gradlens_results_to_json (results, n) : gradlens_results_to_csv (results, n);
}

static void
gradlens_gradients_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GRADLENS_TYPE_GRADIENTS_PAGE);

  G_OBJECT_CLASS (gradlens_gradients_page_parent_class)->dispose (object);
}

static void
gradlens_gradients_page_class_init (GradlensGradientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GradlensPageClass *page_class = GRADLENS_PAGE_CLASS (klass);

  object_class->dispose = gradlens_gradients_page_dispose;
  page_class->get_series = gradients_page_get_series;
  page_class->build_figure = gradients_page_build_figure;
  page_class->dup_export_text = gradients_page_dup_export_text;

  g_type_ensure (GRADLENS_TYPE_PLOT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-gradients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensGradientsPage, plot_view);
}

static void
gradlens_gradients_page_init (GradlensGradientsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gradlens_page_set_plot_view (GRADLENS_PAGE (self), self->plot_view);
}
