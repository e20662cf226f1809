/* gradlens-backward-page.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-backward-page.h"
#include "gradlens-figure.h"
#include "gradlens-remedies.h"
#include "gradlens-run-item.h"

struct _GradlensBackwardPage
{
  GradlensPage      parent_instance;

  /* Template widgets */
  GtkLabel         *explanation;
  GtkLabel         *remedies_note;
  GradlensPlotView *plot_view;
  GtkGrid          *gains_grid;

  /* Owned: what the gains table shows (the figure and the visible runs),
   * so that zooming and panning do not rebuild it */
  char             *gains_key;
};

G_DEFINE_FINAL_TYPE (GradlensBackwardPage, gradlens_backward_page, GRADLENS_TYPE_PAGE)

static GListModel *
backward_page_get_series (GradlensPage *page)
{
  return gradlens_session_get_runs (gradlens_page_get_session (page));
}

static PlotFigure *
backward_page_build_figure (GradlensPage *page)
{
  guint n = 0;
  g_autofree GradlensRunResult **results = gradlens_page_dup_results (gradlens_page_get_session (page), &n);
  GradlensPlotSettings settings = { 0 };
  PlotFigure *figure;
  GListModel *runs = gradlens_page_get_series (page);

  /* Translators: the title of the Backward Signal view's figure */
  settings.title = (char *) _("Backward Signal per Layer: Measured and Predicted");
  /* Translators: the x axis of the Backward Signal view */
  settings.x_title = (char *) _("Layer");
  /* Translators: the y axis of the Backward Signal view: the root mean square of the gradient by z
   * (short: the plot may be low; the title above says it is the backward signal) */
  settings.y_title = (char *) _("RMS of ∂L/∂z");
  settings.y_scale = GRADLENS_Y_LOG;
  figure = gradlens_figure_from_backward_signal (&settings, results, n);
  /* the prediction of a hidden run is hidden too */
  for (guint i = 0; i < n && n + i < plot_figure_get_n_series (figure); i++)
    {
      g_autoptr(GradlensSeries) item = g_list_model_get_item (runs, i);

      plot_figure_set_series_visible (figure, n + i, gradlens_series_get_visible (item));
    }
  return figure;
}

static void
append_number (GString    *out,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (value))
    g_string_append (out, g_ascii_dtostr (buf, sizeof buf, value));
  else
    g_string_append (out, "null");
}

/* per run and layer: the measured and predicted signal and the gains */
static char *
backward_page_dup_export_text (GradlensPage *page,
                               gboolean      json)
{
  guint n = 0;
  g_autofree GradlensRunResult **results = gradlens_page_dup_results (gradlens_page_get_session (page), &n);
  GString *out = g_string_new (NULL);

  if (json)
    g_string_append (out, "{\"backward_signal\": [");
  else
    g_string_append (out, "run,layer,grad_rms,predicted_grad_rms,activation_gain,weight_gain,deriv_sq_mean\n");
  for (guint i = 0; i < n; i++)
    {
      const GradlensRunResult *r = results[i];
      g_autofree char *label = gradlens_default_label (&r->config, i + 1);

      if (json)
        {
          g_autofree char *escaped = g_strescape (label, NULL);

          g_string_append_printf (out, "%s{\"label\": \"%s\", \"layers\": [", i > 0 ? ", " : "", escaped);
        }
      for (int l = 1; r->layer_stats != NULL && l <= r->depth; l++)
        {
          const NnLayerStats *s = &r->layer_stats[l - 1];
          const double values[] = { s->grad_rms, s->predicted_grad_rms, s->activation_gain, s->weight_gain,
                                    s->deriv_sq_mean };
          static const char *const keys[] = { "grad_rms", "predicted_grad_rms", "activation_gain",
                                              "weight_gain", "deriv_sq_mean" };

          if (json)
            {
              g_string_append_printf (out, "%s{\"layer\": %d", l > 1 ? ", " : "", l);
              for (guint k = 0; k < G_N_ELEMENTS (values); k++)
                {
                  g_string_append_printf (out, ", \"%s\": ", keys[k]);
                  append_number (out, values[k]);
                }
              g_string_append_c (out, '}');
            }
          else
            {
              g_autofree char *quoted = NULL;
              g_auto(GStrv) parts = g_strsplit (label, "\"", -1);
              g_autofree char *doubled = g_strjoinv ("\"\"", parts);

              quoted = g_strdup_printf ("\"%s\"", doubled);
              g_string_append_printf (out, "%s,%d", quoted, l);
              for (guint k = 0; k < G_N_ELEMENTS (values); k++)
                {
                  g_string_append_c (out, ',');
                  if (isfinite (values[k]))
                    append_number (out, values[k]);
                }
              g_string_append_c (out, '\n');
            }
        }
      if (json)
        g_string_append (out, "]}");
    }
  if (json)
    g_string_append (out, "]}\n");
  return g_string_free (out, FALSE);
}

/* "×0.24" as people read it */
static char *
times (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf (value >= 0.01 && value < 100 ? "×%.2f" : "×%.2g", value);
}

static GtkWidget *
cell_label (const char *markup,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The table of gains: a row per layer, a column per visible run; each step
 * from layer l + 1 down to l is the activation's gain in l times the
 * weights' gain of l + 1, beside the step measured. */
static void
rebuild_gains (GradlensBackwardPage *self)
{
  GradlensSession *session = gradlens_page_get_session (GRADLENS_PAGE (self));
  GListModel *runs;
  GtkWidget *child;
  guint n, column = 1;
  int deepest = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->gains_grid))) != NULL)
    gtk_grid_remove (self->gains_grid, child);
  if (session == NULL)
    return;
  runs = gradlens_session_get_runs (session);
  n = g_list_model_get_n_items (runs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRunItem) item = g_list_model_get_item (runs, i);

      if (gradlens_series_get_visible (GRADLENS_SERIES (item)))
        deepest = MAX (deepest, gradlens_run_item_get_result (item)->depth);
    }
  if (deepest == 0)
    return;

  /* Translators: the gains table's first heading: the step from one layer down to the one before */
  gtk_grid_attach (self->gains_grid, cell_label (_("<b>Layer</b>"), 0.0), 0, 0, 1, 1);
  for (int l = 1; l <= deepest; l++)
    {
      g_autofree char *text = l < deepest ? g_strdup_printf ("%d ← %d", l, l + 1) : g_strdup_printf ("%d", l);
      GtkWidget *label = cell_label (text, 0.0);

      if (l < deepest)
        gtk_widget_set_tooltip_text (label, _("The step from this layer’s output back to the one below"));
      gtk_grid_attach (self->gains_grid, label, 0, l, 1, 1);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GradlensRunItem) item = g_list_model_get_item (runs, i);
      const GradlensRunResult *r = gradlens_run_item_get_result (item);
      const char *color = gradlens_series_get_color (GRADLENS_SERIES (item));
      g_autofree char *heading = NULL;
      g_autofree char *remedies = gradlens_remedies_describe (&r->config);

      if (!gradlens_series_get_visible (GRADLENS_SERIES (item)))
        continue;
      heading = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> <b>%s</b>", color != NULL ? color : "#888888",
                                         gradlens_series_get_label (GRADLENS_SERIES (item)));
      gtk_grid_attach (self->gains_grid, cell_label (heading, 0.0), column, 0, 1, 1);
      for (int l = 1; l <= r->depth && r->layer_stats != NULL; l++)
        {
          g_autofree char *text = NULL;
          GtkWidget *label;

          if (l < r->depth)
            {
              double act = NAN, weight = NAN;
              double step = gradlens_backward_step (r, l, &act, &weight);
              double measured = r->layer_stats[l].grad_rms > 0
                                ? r->layer_stats[l - 1].grad_rms / r->layer_stats[l].grad_rms : NAN;
              g_autofree char *a = times (act);
              g_autofree char *w = g_strdup_printf ("%.2f", weight);
              g_autofree char *p = times (step);
              g_autofree char *m = times (measured);

              if (remedies != NULL)
                /* Translators: a step of the backward signal of a run with residual connections or
                 * normalisation, which the variance argument does not predict: "measured ×0.85 (no prediction)" */
                text = g_markup_printf_escaped (_("measured <b>%s</b> <span alpha=\"70%%\">(no prediction)</span>"), m);
              else
                /* Translators: a step of the backward signal: activation gain × weight gain ≈ predicted
                 * step, then the step measured, e.g. "×0.24 activation × 0.61 weights ≈ ×0.15 (measured ×0.14)" */
                text = g_markup_printf_escaped (_("%s activation × %s weights ≈ <b>%s</b> <span alpha=\"70%%\">(measured %s)</span>"),
                                                a, w, p, m);
            }
          else
            {
              g_autofree char *a = times (r->layer_stats[l - 1].activation_gain);

              /* Translators: the output layer's row of the gains table: where the prediction starts */
              text = g_markup_printf_escaped (_("%s activation (output: the prediction starts here)"), a);
            }
          label = cell_label (text, 0.0);
          gtk_grid_attach (self->gains_grid, label, column, l, 1, 1);
        }
      column++;
    }
}

static void
figure_changed_cb (GradlensBackwardPage *self)
{
  PlotFigure *figure = gradlens_plot_view_get_figure (self->plot_view);
  GradlensSession *session = gradlens_page_get_session (GRADLENS_PAGE (self));
  GListModel *runs;
  gboolean changed = FALSE;
  guint n;

  if (figure != NULL && session != NULL)
    {
      runs = gradlens_session_get_runs (session);
      n = g_list_model_get_n_items (runs);
      /* the base class hides or shows a run's measurement: its prediction follows */
      for (guint i = 0; i < n && n + i < plot_figure_get_n_series (figure); i++)
        if (plot_figure_get_series_visible (figure, n + i) != plot_figure_get_series_visible (figure, i))
          {
            plot_figure_set_series_visible (figure, n + i, plot_figure_get_series_visible (figure, i));
            changed = TRUE;
          }
      if (changed)
        gradlens_plot_view_figure_changed (self->plot_view);
    }
  {
    g_autoptr(GString) key = g_string_new (NULL);

    g_string_append_printf (key, "%p", (void *) figure);
    for (guint i = 0; figure != NULL && i < plot_figure_get_n_series (figure); i++)
      g_string_append_c (key, plot_figure_get_series_visible (figure, i) ? '1' : '0');
    if (g_strcmp0 (key->str, self->gains_key) == 0)
      return;
    g_free (self->gains_key);
    self->gains_key = g_string_free (g_steal_pointer (&key), FALSE);
  }
  rebuild_gains (self);
  if (session != NULL)
    {
      g_autofree char *note = gradlens_remedies_backward_note (gradlens_session_get_runs (session));

      gtk_label_set_text (self->remedies_note, note != NULL ? note : "");
      gtk_widget_set_visible (GTK_WIDGET (self->remedies_note), note != NULL);
    }
}

/* a prediction's legend entry toggles its run (the measurements' entries
 * are the base class's) */
static void
legend_clicked_cb (GradlensBackwardPage *self,
                   guint                 index)
{
  GListModel *runs = gradlens_page_get_series (GRADLENS_PAGE (self));
  g_autoptr(GradlensSeries) series = NULL;
  guint n;

  if (runs == NULL)
    return;
  n = g_list_model_get_n_items (runs);
  if (index < n)
    return;
  series = g_list_model_get_item (runs, index - n);
  if (series != NULL)
    gradlens_series_set_visible (series, !gradlens_series_get_visible (series));
}

static void
gradlens_backward_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GRADLENS_TYPE_BACKWARD_PAGE);
  g_clear_pointer (&GRADLENS_BACKWARD_PAGE (object)->gains_key, g_free);

  G_OBJECT_CLASS (gradlens_backward_page_parent_class)->dispose (object);
}

static void
gradlens_backward_page_class_init (GradlensBackwardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GradlensPageClass *page_class = GRADLENS_PAGE_CLASS (klass);

  object_class->dispose = gradlens_backward_page_dispose;
  page_class->get_series = backward_page_get_series;
  page_class->build_figure = backward_page_build_figure;
  page_class->dup_export_text = backward_page_dup_export_text;

  g_type_ensure (GRADLENS_TYPE_PLOT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-backward-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensBackwardPage, explanation);
  gtk_widget_class_bind_template_child (widget_class, GradlensBackwardPage, remedies_note);
  gtk_widget_class_bind_template_child (widget_class, GradlensBackwardPage, plot_view);
  gtk_widget_class_bind_template_child (widget_class, GradlensBackwardPage, gains_grid);
}

static void
gradlens_backward_page_init (GradlensBackwardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gradlens_page_set_plot_view (GRADLENS_PAGE (self), self->plot_view);
  g_signal_connect (self, "figure-changed", G_CALLBACK (figure_changed_cb), NULL);
  g_signal_connect_object (self->plot_view, "legend-clicked", G_CALLBACK (legend_clicked_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkGrid *
gradlens_backward_page_get_gains_grid (GradlensBackwardPage *self)
{
  g_return_val_if_fail (GRADLENS_IS_BACKWARD_PAGE (self), NULL);

  return self->gains_grid;
}

const char *
gradlens_backward_page_get_gains_cell (GradlensBackwardPage *self,
                                       int                   column,
                                       int                   row)
{
  GtkWidget *cell;

  g_return_val_if_fail (GRADLENS_IS_BACKWARD_PAGE (self), NULL);

  cell = gtk_grid_get_child_at (self->gains_grid, column, row);
  return cell != NULL && GTK_IS_LABEL (cell) ? gtk_label_get_text (GTK_LABEL (cell)) : NULL;
}
