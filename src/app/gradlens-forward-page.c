/* gradlens-forward-page.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-figure.h"
#include "gradlens-forward-page.h"

struct _GradlensForwardPage
{
  GradlensPage       parent_instance;

  /* Template widgets */
  GtkDropDown       *stat_dropdown;
  GtkLabel          *stat_explanation;
  GradlensPlotView  *plot_view;

  GradlensLayerStat  stat;
};

G_DEFINE_FINAL_TYPE (GradlensForwardPage, gradlens_forward_page, GRADLENS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_STATISTIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the forward view offers, in the order of GradlensLayerStat */
static const struct
{
  GradlensLayerStat  stat;
  const char        *name;         /* in the chooser */
  const char        *title;        /* of the figure */
  const char        *y_title;
  const char        *explanation;  /* one sentence: the chooser's tooltip */
} statistics[] = {
  { GRADLENS_LAYER_DERIV_MEAN,
    N_("Mean activation derivative"),
    N_("Mean Activation Derivative per Layer"),
    N_("Mean activation derivative"),
    N_("The factor by which each layer multiplies the backward signal, besides its weights: "
       "sigmoid’s is at most 0.25, ReLU’s is the share of active units.") },
  { GRADLENS_LAYER_SATURATED_FRACTION,
    N_("Saturated fraction"),
    N_("Saturated Activations per Layer"),
    N_("Fraction of saturated activations"),
    /* xgettext:no-c-format */
    N_("The share of activations whose derivative is below 1% of its largest value, so that almost "
       "no gradient passes them: sigmoid and tanh far from zero, ReLU below zero.") },
  { GRADLENS_LAYER_DEAD_FRACTION,
    N_("Dead units"),
    N_("Dead Units per Layer"),
    N_("Fraction of the layer’s units that are dead"),
    N_("The share of a layer’s units whose derivative is zero on every sample: they pass no "
       "gradient at all and stop learning (dying ReLU).") },
  { GRADLENS_LAYER_PRE_STD,
    N_("Pre-activation std"),
    N_("Spread of the Pre-activations per Layer"),
    N_("Standard deviation before the activation"),
    N_("The spread of each linear layer’s outputs: shrinking from layer to layer means a fading "
       "signal, growing an exploding one, and large values saturate sigmoid and tanh.") },
  { GRADLENS_LAYER_ACT_STD,
    N_("Activation std"),
    N_("Spread of the Activations per Layer"),
    N_("Standard deviation after the activation"),
    N_("The spread of each layer’s outputs after the activation: when it shrinks towards zero, "
       "deeper layers see nearly the same input for every sample.") },
  { GRADLENS_LAYER_ACT_MEAN,
    N_("Activation mean"),
    N_("Mean Activation per Layer"),
    N_("Mean after the activation"),
    N_("The average output of each layer: sigmoid’s is about 0.5 rather than zero, which shifts "
       "every input of the next layer the same way.") },
  { GRADLENS_LAYER_PRE_MEAN,
    N_("Pre-activation mean"),
    N_("Mean Pre-activation per Layer"),
    N_("Mean before the activation"),
    N_("The average of each linear layer’s outputs: far from zero, it pushes the activation "
       "towards one of its flat ends.") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (statistics) == GRADLENS_N_LAYER_STATS);

/* ---- the forward view ------------------------------------------------- */


static GListModel *
forward_page_get_series (GradlensPage *page)
{
  return gradlens_session_get_runs (gradlens_page_get_session (page));
}

/* the chosen statistic of each layer of every run */
static PlotFigure *
forward_page_build_figure (GradlensPage *page)
{
  GradlensForwardPage *self = GRADLENS_FORWARD_PAGE (page);
  guint n = 0;
  g_autofree GradlensRunResult **results = gradlens_page_dup_results (gradlens_page_get_session (page), &n);
  GradlensPlotSettings settings = { 0 };

  settings.title = (char *) _(statistics[self->stat].title);
  /* Translators: the x axis of the forward view */
  settings.x_title = (char *) _("Layer");
  settings.y_title = (char *) _(statistics[self->stat].y_title);
  return gradlens_figure_from_layer_stats (&settings, results, n, self->stat);
}

static void
statistic_selected_cb (GradlensForwardPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->stat_dropdown);
  const char *explanation;

  if (selected >= GRADLENS_N_LAYER_STATS)
    return;
  explanation = _(statistics[selected].explanation);
  /* the whole sentence also as a tooltip, when the window is too narrow for
   * it; not on the chooser, where it would cover the popup's list */
  gtk_label_set_label (self->stat_explanation, explanation);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stat_explanation), explanation);
  if (self->stat == statistics[selected].stat && gradlens_plot_view_get_figure (self->plot_view) != NULL)
    return;
  self->stat = statistics[selected].stat;
  gradlens_page_update_figure (GRADLENS_PAGE (self), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATISTIC]);
}

/* the chooser's popup: each statistic with its explanation as tooltip */
static void
setup_stat_item_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
}

static void
bind_stat_item_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  gboolean with_tooltip = GPOINTER_TO_INT (user_data);
  guint position = gtk_list_item_get_position (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  if (position >= GRADLENS_N_LAYER_STATS)
    return;
  gtk_label_set_label (GTK_LABEL (label), _(statistics[position].name));
  if (with_tooltip)
    gtk_widget_set_tooltip_text (label, _(statistics[position].explanation));
}

static void
setup_statistics (GradlensForwardPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  for (guint i = 0; i < G_N_ELEMENTS (statistics); i++)
    gtk_string_list_append (model, _(statistics[i].name));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_stat_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_stat_item_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_stat_item_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_stat_item_cb), GINT_TO_POINTER (TRUE));
  gtk_drop_down_set_factory (self->stat_dropdown, factory);
  gtk_drop_down_set_list_factory (self->stat_dropdown, list_factory);
  gtk_drop_down_set_model (self->stat_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->stat_dropdown, self->stat);
  g_signal_connect_object (self->stat_dropdown, "notify::selected", G_CALLBACK (statistic_selected_cb), self,
                           G_CONNECT_SWAPPED);
  statistic_selected_cb (self);
}

static void
gradlens_forward_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GRADLENS_TYPE_FORWARD_PAGE);

  G_OBJECT_CLASS (gradlens_forward_page_parent_class)->dispose (object);
}

static void
gradlens_forward_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GradlensForwardPage *self = GRADLENS_FORWARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATISTIC:
      g_value_set_string (value, gradlens_forward_page_get_statistic (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_forward_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GradlensForwardPage *self = GRADLENS_FORWARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATISTIC:
      gradlens_forward_page_set_statistic (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_forward_page_class_init (GradlensForwardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GradlensPageClass *page_class = GRADLENS_PAGE_CLASS (klass);

  object_class->dispose = gradlens_forward_page_dispose;
  object_class->get_property = gradlens_forward_page_get_property;
  object_class->set_property = gradlens_forward_page_set_property;
  page_class->get_series = forward_page_get_series;
  page_class->build_figure = forward_page_build_figure;

  /* "deriv_mean", "saturated_fraction", ... (gradlens_layer_stat_name()) */
  properties[PROP_STATISTIC] =
    g_param_spec_string ("statistic", NULL, NULL, "deriv_mean",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GRADLENS_TYPE_PLOT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-forward-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensForwardPage, stat_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GradlensForwardPage, stat_explanation);
  gtk_widget_class_bind_template_child (widget_class, GradlensForwardPage, plot_view);
}

static void
gradlens_forward_page_init (GradlensForwardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gradlens_page_set_plot_view (GRADLENS_PAGE (self), self->plot_view);
  self->stat = GRADLENS_LAYER_DERIV_MEAN;
  setup_statistics (self);
}

const char *
gradlens_forward_page_get_statistic (GradlensForwardPage *self)
{
  g_return_val_if_fail (GRADLENS_IS_FORWARD_PAGE (self), NULL);

  return gradlens_layer_stat_name (self->stat);
}

void
gradlens_forward_page_set_statistic (GradlensForwardPage *self,
                                     const char          *name)
{
  int stat = gradlens_layer_stat_from_name (name);

  g_return_if_fail (GRADLENS_IS_FORWARD_PAGE (self));

  if (stat < 0)
    return;
  /* the chooser lists the statistics in their order */
  gtk_drop_down_set_selected (self->stat_dropdown, (guint) stat);
}

GtkDropDown *
gradlens_forward_page_get_chooser (GradlensForwardPage *self)
{
  g_return_val_if_fail (GRADLENS_IS_FORWARD_PAGE (self), NULL);

  return self->stat_dropdown;
}

GtkLabel *
gradlens_forward_page_get_explanation (GradlensForwardPage *self)
{
  g_return_val_if_fail (GRADLENS_IS_FORWARD_PAGE (self), NULL);

  return self->stat_explanation;
}
