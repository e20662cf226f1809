/* gradlens-guide.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-choices.h"
#include "gradlens-figure.h"
#include "gradlens-guide.h"
#include "gradlens-remedies.h"
#include "gradlens-run-item.h"
#include "gradlens-train-run.h"

#define PRESETS_PATH "/io/github/gradlens/Gradlens/presets/"

struct _GradlensGuide
{
  AdwWindow       parent_instance;

  /* Borrowed: the guide is the window's transient child and dies with it */
  GradlensWindow *window;

  /* Owned */
  GradlensSession *session;

  /* Children */
  GtkLabel       *answers[GRADLENS_GUIDE_N_QUESTIONS];
  GtkButton      *buttons[GRADLENS_GUIDE_N_QUESTIONS];
};

G_DEFINE_FINAL_TYPE (GradlensGuide, gradlens_guide, ADW_TYPE_WINDOW)

static const struct
{
  const char *question;
  const char *preset;
} questions[GRADLENS_GUIDE_N_QUESTIONS] = {
  { N_("What pattern do the gradient norms show, and where do they vanish?"), "notebook-1-sigmoid.json" },
  { N_("Why do sigmoid activations make gradients vanish in deep networks?"), "deep-diagnostics.json" },
  { N_("What changes with ReLU or Leaky ReLU?"), "notebook-2-leaky-relu.json" },
  { N_("What do Xavier and He initialisation do, and why?"), "notebook.json" },
  { N_("What does a vanishing gradient cost when the network trains?"), "what-vanishing-costs.json" },
  { N_("What do residual connections and normalisation change?"), "remedies.json" },
};

/* the first visible run on screen that matches: its activation and weight
 * initialisation named as in the field table's choices ("sigmoid",
 * "default"; init NULL: any but "default") */
static const GradlensRunResult *
find_run (GradlensGuide *self,
          const char    *activation,
          const char    *init)
{
  GListModel *runs = gradlens_session_get_runs (self->session);
  const GradlensField *activation_field = gradlens_field_lookup ("network", "activation");
  const GradlensField *init_field = gradlens_field_lookup ("init", "weights");
  int wanted_activation = gradlens_choice_index (activation_field, activation);
  int default_init = gradlens_choice_index (init_field, "default");
  int wanted_init = init != NULL ? gradlens_choice_index (init_field, init) : -1;

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(GradlensRunItem) item = g_list_model_get_item (runs, i);
      const GradlensRunResult *r = gradlens_run_item_get_result (item);
      int run_init = gradlens_field_get_choice (init_field, &r->config);

      if (!gradlens_series_get_visible (GRADLENS_SERIES (item))
          || gradlens_field_get_choice (activation_field, &r->config) != wanted_activation)
        continue;
      if (init != NULL ? run_init == wanted_init : run_init != default_init)
        return r;
    }
  return NULL;
}

/* the gradient norm of the first layer's and the last layer's weight */
static gboolean
end_norms (const GradlensRunResult *r,
           double                  *first,
           double                  *last)
{
  *first = NAN;
  *last = NAN;
  for (int p = 0; p < r->n_params; p++)
    if (r->is_weight[p])
      {
        if (r->layers[p] == 1)
          *first = r->grad_norm[p];
        if (r->layers[p] == r->depth)
          *last = r->grad_norm[p];
      }
  return isfinite (*first) && isfinite (*last) && *first > 0;
}

static char *
live_sentence (GradlensGuide        *self,
               GradlensGuideQuestion question)
{
  const GradlensRunResult *r;
  double first, last, act, weight, measured;

  switch (question)
    {
    case GRADLENS_GUIDE_PATTERN:
      r = find_run (self, "sigmoid", "default");
      if (r == NULL || !end_norms (r, &first, &last) || !isfinite (r->decay_per_layer))
        break;
      /* Translators: live numbers of a run on screen: its label, the first and last layer's weight
       * gradient norms, how many times smaller the first is, the decay per layer */
      {
        double ratio = last / first;
        g_autofree char *times = g_strdup_printf (ratio < 1e6 ? "%.0f" : "%.2g", ratio);

        return g_strdup_printf (_("On screen, “%s”: lin1.weight’s gradient norm is %.3g, lin%d.weight’s %.3g, "
                                  "%s times larger: ×%.2f per layer."),
                                r->config.label != NULL ? r->config.label : "", first, r->depth, last, times,
                                r->decay_per_layer);
      }
    case GRADLENS_GUIDE_SIGMOID:
      r = find_run (self, "sigmoid", "default");
      if (r == NULL)
        break;
      gradlens_backward_mean_gains (r, &act, &weight, &measured);
      if (!isfinite (act) || !isfinite (weight) || !isfinite (measured))
        break;
      /* Translators: live numbers: a run's label, its mean activation gain, weight gain, their
       * product and the step measured */
      return g_strdup_printf (_("On screen, “%s”, between its hidden layers: activation ×%.2f × weights ×%.2f ≈ "
                                "×%.2f per layer; measured ×%.2f (see the Backward Signal view)."),
                              r->config.label != NULL ? r->config.label : "", act, weight, act * weight, measured);
    case GRADLENS_GUIDE_RELU:
      r = find_run (self, "leaky_relu", "default");
      if (r == NULL)
        r = find_run (self, "leaky_relu", NULL);
      if (r == NULL)
        r = find_run (self, "relu", "default");
      if (r == NULL)
        break;
      gradlens_backward_mean_gains (r, &act, &weight, &measured);
      if (!isfinite (act) || !isfinite (r->decay_per_layer))
        break;
      /* Translators: live numbers: a run's label, its activation gain and its decay per layer */
      return g_strdup_printf (_("On screen, “%s”: the activation’s gain is ×%.2f (sigmoid’s at most ×0.25), "
                                "and the gradient norm changes ×%.2f per layer."),
                              r->config.label != NULL ? r->config.label : "", act, r->decay_per_layer);
    case GRADLENS_GUIDE_INIT:
      r = find_run (self, "sigmoid", NULL);
      if (r == NULL)
        r = find_run (self, "leaky_relu", NULL);
      if (r == NULL)
        break;
      gradlens_backward_mean_gains (r, &act, &weight, &measured);
      if (!isfinite (weight) || !isfinite (r->decay_per_layer))
        break;
      /* Translators: live numbers: a run's label, its mean weight gain, its decay per layer */
      return g_strdup_printf (_("On screen, “%s”: the weights’ gain is ×%.2f (about ×0.6 with nn.Linear’s "
                                "default), and the gradient norm changes ×%.2f per layer."),
                              r->config.label != NULL ? r->config.label : "", weight, r->decay_per_layer);
    case GRADLENS_GUIDE_TRAINING:
      {
        GListModel *trainings = gradlens_session_get_trainings (self->session);

        for (guint i = 0; i < g_list_model_get_n_items (trainings); i++)
          {
            g_autoptr(GradlensTrainRun) item = g_list_model_get_item (trainings, i);
            const GradlensTrainResult *t = gradlens_train_run_get_result (item);
            guint n = gradlens_train_run_get_n_steps (item);

            if (t == NULL || n == 0 || t->depth < 2 || !t->has_change[0] || !t->has_change[t->depth - 1])
              continue;
            /* Translators: live numbers of a training on screen: its label, its number of steps, how
             * far (in %) its first and its last layer's weights have moved from where they started */
            return g_strdup_printf (_("On screen, “%s” after %u steps: the first layer’s weights have moved "
                                      "%.2g %% of their size, the last layer’s %.2g %%."),
                                    t->config.label != NULL ? t->config.label : "", n,
                                    100 * t->weight_change[(gsize) (n - 1) * t->depth],
                                    100 * t->weight_change[(gsize) (n - 1) * t->depth + t->depth - 1]);
          }
        /* Translators: the guide's training answer without a training on screen */
        return g_strdup (_("Press “Show me”, then Train in the Training view, to see the numbers here."));
      }
    case GRADLENS_GUIDE_REMEDIES:
      {
        char *sentence = gradlens_remedies_live_sentence (gradlens_session_get_runs (self->session));

        if (sentence != NULL)
          return sentence;
        break;
      }
    case GRADLENS_GUIDE_N_QUESTIONS:
    default:
      break;
    }
  /* Translators: the guide without a matching run on screen */
  return g_strdup (_("Press “Show me” to compute an example and see the numbers here."));
}

static const char *
answer_text (GradlensGuideQuestion question)
{
  switch (question)
    {
    case GRADLENS_GUIDE_PATTERN:
      return _("The gradient norm of a parameter is the length of its gradient, "
               "‖∂L/∂W‖₂ = √(Σᵢⱼ (∂L/∂wᵢⱼ)²): how far one step of gradient descent moves it. "
               "With sigmoid the norms fall by about ten times per layer from the output towards the "
               "input, a straight line on the log axis. The first layers barely learn: that is the "
               "vanishing gradient.");
    case GRADLENS_GUIDE_SIGMOID:
      return _("Going backwards through a layer, the gradient’s variance is multiplied by n·Var(W) (the "
               "weights) and by E[f′(z)²] (the activation). Sigmoid’s derivative f′ = σ(1 − σ) is at most "
               "1/4, so the activation alone shrinks the signal about four times in every layer, and "
               "nn.Linear’s default weights shrink it further. The factors multiply: with L layers the first "
               "layer’s gradient is about 0.14ᴸ⁻¹ times the last one’s, so the deeper the network, the worse.");
    case GRADLENS_GUIDE_RELU:
      return _("ReLU’s derivative is 1 for positive inputs and 0 for negative ones; Leaky ReLU’s is 1 and "
               "0.01. Where units are active the activation passes the gradient on unchanged, so the "
               "norms shrink far more slowly. ReLU’s risk is the opposite: a unit that is negative for "
               "every sample is dead and passes nothing, and a single output unit on Leaky ReLU’s flat "
               "side scales every gradient by 0.01.");
    case GRADLENS_GUIDE_INIT:
      return _("Both choose the weights’ variance so that the signal keeps its size. Xavier (Glorot): "
               "Var(W) = 2/(n_in + n_out), so that Var(Wx) ≈ Var(x) forwards and Var(Wᵀδ) ≈ Var(δ) "
               "backwards, for sigmoid and tanh. He (Kaiming): Var(W) = 2/n_in, twice as large, because ReLU "
               "zeroes half of its inputs: Var(ReLU(Wx)) ≈ Var(x). Initialisation fixes the weights’ factor "
               "n·Var(W) ≈ 1; it cannot fix sigmoid’s factor of at most 1/4.");
    case GRADLENS_GUIDE_TRAINING:
      return _("Gradient descent moves each weight by the learning rate times its gradient, so a layer "
               "whose gradient has vanished does not learn. Trained side by side, the sigmoid network’s "
               "first layers stay where they started while its last layer learns, and its loss barely "
               "falls; with Leaky ReLU and He initialisation every layer moves and the loss falls. In the "
               "Training view, switch the heatmap to “Weight change” to see how far each layer has moved.");
    case GRADLENS_GUIDE_REMEDIES:
      return _("Both change the path the gradient takes back. A residual connection computes h + f(h), so "
               "going backwards the gradient is passed on unchanged besides what flows through the layer: "
               "the factors of the layers no longer simply multiply, and the fall slows down. Normalisation "
               "(batch norm over the samples, layer norm over a sample’s units) rescales each layer’s output "
               "to mean 0 and spread 1 before the activation, so sigmoid is kept in its steep middle, where "
               "its derivative is near its largest, 1/4, and the weights’ size no longer matters. A good "
               "activation and initialisation (Leaky ReLU + He) keep the profile flat without changing the "
               "network. The variance argument of the Backward Signal view does not cover these layers.");
    case GRADLENS_GUIDE_N_QUESTIONS:
    default:
      return "";
    }
}

static void
refresh (GradlensGuide *self)
{
  for (guint q = 0; q < GRADLENS_GUIDE_N_QUESTIONS; q++)
    {
      g_autofree char *live = live_sentence (self, q);
      g_autofree char *text = g_strdup_printf ("%s\n\n%s", answer_text (q), live);

      gtk_label_set_text (self->answers[q], text);
    }
}

static void
show_me_cb (GtkButton     *button,
            GradlensGuide *self)
{
  guint q = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "question"));
  g_autofree char *path = g_strconcat (PRESETS_PATH, questions[q].preset, NULL);

  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.open-builtin", "s", path);
}

static void
gradlens_guide_dispose (GObject *object)
{
  GradlensGuide *self = GRADLENS_GUIDE (object);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (gradlens_session_get_runs (self->session), self);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_clear_object (&self->session);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;

  G_OBJECT_CLASS (gradlens_guide_parent_class)->dispose (object);
}

static void
gradlens_guide_class_init (GradlensGuideClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gradlens_guide_dispose;
}

static void
gradlens_guide_init (GradlensGuide *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  /* Translators: the guide window's title */
  gtk_window_set_title (GTK_WINDOW (self), _("Guide: Why Deep Networks Stop Learning"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  gtk_window_set_hide_on_close (GTK_WINDOW (self), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  for (guint q = 0; q < GRADLENS_GUIDE_N_QUESTIONS; q++)
    {
      GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      GtkWidget *title = gtk_label_new (_(questions[q].question));
      GtkWidget *answer = gtk_label_new (NULL);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Show Me"));
      g_autofree char *tooltip = NULL;

      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_xalign (GTK_LABEL (title), 0.0);
      gtk_widget_add_css_class (title, "title-4");
      gtk_label_set_wrap (GTK_LABEL (answer), TRUE);
      gtk_label_set_xalign (GTK_LABEL (answer), 0.0);
      gtk_label_set_selectable (GTK_LABEL (answer), FALSE);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      /* Translators: the tooltip of a guide's "Show me" button: which built-in experiment it opens */
      tooltip = g_strdup_printf (_("Open the built-in experiment “%s”, which shows this"), questions[q].preset);
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data (G_OBJECT (button), "question", GUINT_TO_POINTER (q));
      g_signal_connect (button, "clicked", G_CALLBACK (show_me_cb), self);
      gtk_box_append (GTK_BOX (section), title);
      gtk_box_append (GTK_BOX (section), answer);
      gtk_box_append (GTK_BOX (section), button);
      gtk_box_append (GTK_BOX (content), section);
      self->answers[q] = GTK_LABEL (answer);
      self->buttons[q] = GTK_BUTTON (button);
    }
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * gradlens_guide_new:
 * @window: the window whose runs give the live numbers
 *
 * Returns: (transfer none): a new guide, transient for @window and destroyed
 *   with it (GTK owns toplevel windows; end it with gtk_window_destroy())
 */
GradlensGuide *
gradlens_guide_new (GradlensWindow *window)
{
  GradlensGuide *self;

  g_return_val_if_fail (GRADLENS_IS_WINDOW (window), NULL);

  self = g_object_new (GRADLENS_TYPE_GUIDE, "transient-for", window, "destroy-with-parent", TRUE, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->session = g_object_ref (gradlens_window_get_session (window));
  g_signal_connect_object (gradlens_session_get_runs (self->session), "items-changed", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "series-changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gradlens_session_get_trainings (self->session), "items-changed", G_CALLBACK (refresh),
                           self, G_CONNECT_SWAPPED);
  refresh (self);
  return self;
}

const char *
gradlens_guide_get_answer (GradlensGuide         *self,
                           GradlensGuideQuestion  question)
{
  g_return_val_if_fail (GRADLENS_IS_GUIDE (self), NULL);
  g_return_val_if_fail (question < GRADLENS_GUIDE_N_QUESTIONS, NULL);

  return gtk_label_get_text (self->answers[question]);
}

GtkButton *
gradlens_guide_get_show_button (GradlensGuide         *self,
                                GradlensGuideQuestion  question)
{
  g_return_val_if_fail (GRADLENS_IS_GUIDE (self), NULL);
  g_return_val_if_fail (question < GRADLENS_GUIDE_N_QUESTIONS, NULL);

  return self->buttons[question];
}

const char *
gradlens_guide_get_preset (GradlensGuideQuestion question)
{
  g_return_val_if_fail (question < GRADLENS_GUIDE_N_QUESTIONS, NULL);

  return questions[question].preset;
}

static void
drop_guide (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  g_object_unref (data);
}

/* win.guide: one guide per window, kept on the window */
static void
guide_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GradlensGuide *guide = g_object_get_data (G_OBJECT (widget), "gradlens-guide");

  if (guide == NULL)
    {
      guide = gradlens_guide_new (GRADLENS_WINDOW (widget));
      g_object_set_data_full (G_OBJECT (widget), "gradlens-guide", g_object_ref (guide), drop_guide);
    }
  gtk_window_present (GTK_WINDOW (guide));
  /* the keyboard starts on the first answer's "Show me" */
  gtk_widget_grab_focus (GTK_WIDGET (guide->buttons[0]));
}

void
gradlens_guide_install_action (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.guide", NULL, guide_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.guide", NULL);
}
