/* gradlens-controls.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gradlens-choices.h"
#include "gradlens-controls.h"
#include "gradlens-number-field.h"
#include "gradlens-problems.h"
#include "gradlens-remedies.h"

struct _GradlensControls
{
  GtkBox               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *sweep_group;
  GtkSpinButton       *sweep_from_spin;
  GtkSpinButton       *sweep_to_spin;
  GtkSpinButton       *sweep_step_spin;
  AdwActionRow        *depth_row;
  GtkSpinButton       *depth_spin;
  GtkSpinButton       *width_spin;
  GtkSpinButton       *inputs_spin;
  GtkSpinButton       *outputs_spin;
  GtkSpinButton       *samples_spin;
  AdwComboRow         *activation_row;
  GtkSpinButton       *slope_spin;
  GtkSwitch           *output_activation_switch;
  GtkSwitch           *residual_switch;
  AdwComboRow         *norm_row;
  AdwComboRow         *init_row;
  GtkSpinButton       *gain_spin;
  AdwActionRow        *a_row;
  GtkSpinButton       *a_spin;
  GtkSpinButton       *b_spin;
  AdwComboRow         *mode_row;
  AdwComboRow         *nonlinearity_row;
  GtkSpinButton       *mean_spin;
  GtkSpinButton       *std_spin;
  AdwComboRow         *bias_row;
  GtkSpinButton       *seed_spin;
  GtkSpinButton       *seeds_spin;
  AdwComboRow         *dtype_row;
  AdwEntryRow         *label_row;
};

G_DEFINE_FINAL_TYPE (GradlensControls, gradlens_controls, GTK_TYPE_BOX)

/* The control of each field: a spin button for a number, a combo row for a
 * choice, a switch for a true/false field (the residual connections) and for
 * the output activation ("same" when on) */
typedef struct
{
  const char *section;
  const char *key;
  gsize       offset;
} Control;

#define CONTROL(section, key, widget) { section, key, G_STRUCT_OFFSET (GradlensControls, widget) }

static const Control controls[] = {
  CONTROL ("network", "depth", depth_spin),
  CONTROL ("network", "width", width_spin),
  CONTROL ("network", "inputs", inputs_spin),
  CONTROL ("network", "outputs", outputs_spin),
  CONTROL ("data", "samples", samples_spin),
  CONTROL ("network", "activation", activation_row),
  CONTROL ("network", "negative_slope", slope_spin),
  CONTROL ("network", "output_activation", output_activation_switch),
  CONTROL ("network", "residual", residual_switch),
  CONTROL ("network", "norm", norm_row),
  CONTROL ("init", "weights", init_row),
  CONTROL ("init", "gain", gain_spin),
  CONTROL ("init", "a", a_spin),
  CONTROL ("init", "b", b_spin),
  CONTROL ("init", "mode", mode_row),
  CONTROL ("init", "nonlinearity", nonlinearity_row),
  CONTROL ("init", "mean", mean_spin),
  CONTROL ("init", "std", std_spin),
  CONTROL ("init", "bias", bias_row),
  CONTROL ("data", "seed", seed_spin),
  CONTROL ("data", "seeds", seeds_spin),
  CONTROL (NULL, "dtype", dtype_row),
};

/* the step of a sweep's depths, checked like a field */
static const GradlensField step_field = { NULL, "step", NULL, GRADLENS_FIELD_INT, 1, 999, NULL, 0 };

static GtkWidget *
control_widget (GradlensControls *self,
                const Control    *control)
{
  return G_STRUCT_MEMBER (GtkWidget *, self, control->offset);
}

static const GradlensField *
control_field (const Control *control)
{
  const GradlensField *field = gradlens_field_lookup (control->section, control->key);

  g_assert (field != NULL);
  return field;
}

static const Control *
find_control (const char *section,
              const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    if (g_strcmp0 (controls[i].section, section) == 0 && g_str_equal (controls[i].key, key))
      return &controls[i];
  return NULL;
}

static void
clear_errors (GradlensControls *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gradlens_problems_clear_mark (control_widget (self, &controls[i]));
}

/* ---- choices and visibility ------------------------------------------- */

/* the choices of the combo rows as the field table has them */
static void
fill_choices (GradlensControls *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      GtkWidget *widget = control_widget (self, &controls[i]);
      const GradlensField *field = control_field (&controls[i]);
      g_autoptr(GtkStringList) model = NULL;

      if (!ADW_IS_COMBO_ROW (widget))
        continue;
      model = gtk_string_list_new (NULL);
      for (int c = 0; c < field->n_choices; c++)
        gtk_string_list_append (model, gradlens_choice_label (field, c));
      adw_combo_row_set_model (ADW_COMBO_ROW (widget), G_LIST_MODEL (model));
    }
}

/* a choice field from its control */
static void
read_choice (GradlensControls  *self,
             const Control     *control,
             GradlensRunConfig *config)
{
  const GradlensField *field = control_field (control);
  GtkWidget *widget = control_widget (self, control);
  int index;

  if (GTK_IS_SWITCH (widget))
    index = gradlens_choice_index (field, gtk_switch_get_active (GTK_SWITCH (widget)) ? "same" : "identity");
  else
    index = (int) adw_combo_row_get_selected (ADW_COMBO_ROW (widget));
  if (index >= 0 && index < field->n_choices)
    gradlens_field_set_choice (field, config, index);
}

/* Only the arguments of the chosen scheme are shown (as in torch.nn.init). */
static void
update_visibility (GradlensControls *self)
{
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  const GradlensField *weights = gradlens_field_lookup ("init", "weights");
  const char *init;

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    if (control_field (&controls[i])->type == GRADLENS_FIELD_CHOICE)
      read_choice (self, &controls[i], config);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_visible (gradlens_problems_row (control_widget (self, &controls[i])),
                            gradlens_field_is_used (control_field (&controls[i]), config));

  init = weights->choice_name (gradlens_field_get_choice (weights, config));
  /* each scheme in one line with its variance formula, and the mode in words */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->init_row),
                               gradlens_choice_description (weights, gradlens_field_get_choice (weights, config)));
  {
    const GradlensField *mode = gradlens_field_lookup ("init", "mode");
    const GradlensField *bias = gradlens_field_lookup ("init", "bias");

    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mode_row),
                                 gradlens_choice_description (mode, gradlens_field_get_choice (mode, config)));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->bias_row),
                                 gradlens_choice_description (bias, gradlens_field_get_choice (bias, config)));
  }
  gradlens_remedies_describe_norm_row (self->norm_row, config);
  if (g_str_has_prefix (init, "kaiming"))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->a_row), _("Negative slope _a"));
      /* Translators: kaiming's argument a in a student's words */
      adw_action_row_set_subtitle (self->a_row, _("How much of a negative input the Leaky ReLU after the "
                                                  "layer lets through (0 for ReLU): gain² = 2/(1 + a²)"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->a_row), _("Lower bound _a"));
      /* Translators: uniform's argument a */
      adw_action_row_set_subtitle (self->a_row, _("The smallest value a weight can take"));
    }
}

/* a problem the experiment library found, such as batch norm with one
 * sample, on the controls of the fields its message begins with
 * ("network.norm: ...", the preset path) */
static gboolean
mark_library_problem (GradlensControls *self,
                      GradlensProblems *problems,
                      const char       *message)
{
  gboolean marked = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autofree char *path = controls[i].section != NULL
                              ? g_strdup_printf ("%s.%s:", controls[i].section, controls[i].key)
                              : g_strdup_printf ("%s:", controls[i].key);

      if (g_str_has_prefix (message, path))
        {
          gradlens_problems_report (problems, control_widget (self, &controls[i]), message);
          marked = TRUE;
        }
    }
  /* batch norm's statistics need the samples too */
  if (marked && g_str_has_prefix (message, "network.norm:") && strstr (message, "data.samples") != NULL)
    gradlens_problems_mark (GTK_WIDGET (self->samples_spin), message);
  return marked;
}

static void
spin_changed_cb (GtkSpinButton *spin)
{
  gradlens_problems_clear_mark (GTK_WIDGET (spin));
}

/* the wheel and typed values: see gradlens-number-field.c */
static void
setup_number_fields (GradlensControls *self,
                     GtkSpinButton    *depth_spins[3])
{
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    if (GTK_IS_SPIN_BUTTON (control_widget (self, &controls[i])))
      gradlens_number_field_setup (GTK_SPIN_BUTTON (control_widget (self, &controls[i])), control_field (&controls[i]));
  gradlens_number_field_setup (depth_spins[0], gradlens_field_lookup ("network", "depth"));
  gradlens_number_field_setup (depth_spins[1], gradlens_field_lookup ("network", "depth"));
  gradlens_number_field_setup (depth_spins[2], &step_field);
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_controls_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GRADLENS_TYPE_CONTROLS);

  G_OBJECT_CLASS (gradlens_controls_parent_class)->dispose (object);
}

static void
gradlens_controls_class_init (GradlensControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gradlens_controls_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gradlens/Gradlens/ui/gradlens-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, sweep_group);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, sweep_from_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, sweep_to_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, sweep_step_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, depth_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, width_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, inputs_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, outputs_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, samples_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, activation_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, slope_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, output_activation_switch);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, residual_switch);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, norm_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, init_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, gain_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, a_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, a_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, b_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, mode_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, nonlinearity_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, mean_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, std_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, bias_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, seeds_spin);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, dtype_row);
  gtk_widget_class_bind_template_child (widget_class, GradlensControls, label_row);
}

static void
gradlens_controls_init (GradlensControls *self)
{
  g_autoptr(GradlensRunConfig) defaults = gradlens_run_config_new ();
  GtkSpinButton *depth_spins[3];

  gtk_widget_init_template (GTK_WIDGET (self));
  depth_spins[0] = self->sweep_from_spin;
  depth_spins[1] = self->sweep_to_spin;
  depth_spins[2] = self->sweep_step_spin;

  fill_choices (self);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      GtkWidget *widget = control_widget (self, &controls[i]);

      if (GTK_IS_SPIN_BUTTON (widget))
        g_signal_connect (widget, "changed", G_CALLBACK (spin_changed_cb), NULL);
      else if (ADW_IS_COMBO_ROW (widget))
        g_signal_connect_object (widget, "notify::selected", G_CALLBACK (update_visibility), self,
                                 G_CONNECT_SWAPPED);
    }
  for (guint i = 0; i < G_N_ELEMENTS (depth_spins); i++)
    g_signal_connect (depth_spins[i], "changed", G_CALLBACK (spin_changed_cb), NULL);
  setup_number_fields (self, depth_spins);
  /* the notebook's defaults (DESIGN.md), as the experiment library has them */
  gradlens_controls_set_config (self, defaults);
}

/* ---- public API ------------------------------------------------------- */

void
gradlens_controls_set_config (GradlensControls        *self,
                              const GradlensRunConfig *config)
{
  g_return_if_fail (GRADLENS_IS_CONTROLS (self));
  g_return_if_fail (config != NULL);

  clear_errors (self);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      const GradlensField *field = control_field (&controls[i]);
      GtkWidget *widget = control_widget (self, &controls[i]);

      if (GTK_IS_SPIN_BUTTON (widget))
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), gradlens_field_get_number (field, config));
      else if (field->type == GRADLENS_FIELD_BOOL)
        gradlens_remedies_show_switch (field, GTK_SWITCH (widget), config);
      else if (GTK_IS_SWITCH (widget))
        gtk_switch_set_active (GTK_SWITCH (widget),
                               gradlens_field_get_choice (field, config) == gradlens_choice_index (field, "same"));
      else
        adw_combo_row_set_selected (ADW_COMBO_ROW (widget), gradlens_field_get_choice (field, config));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), config->label != NULL ? config->label : "");
  update_visibility (self);
}

/**
 * gradlens_controls_get_config:
 * @self: the controls
 * @config: (out caller-allocates): an initialised config to fill
 * @message: (out) (optional): the first problem, for a toast
 *
 * Reads every control, checks it against the field table of
 * gradlens-config.h and the rules between fields (uniform's a <= b, the last
 * seed, the memory limit), and marks each invalid control.
 *
 * Returns: %TRUE if @config is valid
 */
gboolean
gradlens_controls_get_config (GradlensControls   *self,
                              GradlensRunConfig  *config,
                              char              **message)
{
  GradlensProblems problems = { NULL, 0 };
  g_autofree char *label = NULL;
  guint64 bytes;

  g_return_val_if_fail (GRADLENS_IS_CONTROLS (self), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  clear_errors (self);
  /* the choices first: they say which numbers matter */
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    if (control_field (&controls[i])->type == GRADLENS_FIELD_CHOICE)
      read_choice (self, &controls[i], config);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      const GradlensField *field = control_field (&controls[i]);
      GtkWidget *widget = control_widget (self, &controls[i]);
      double value;

      if (field->type == GRADLENS_FIELD_CHOICE)
        continue;
      if (field->type == GRADLENS_FIELD_BOOL)
        {
          gradlens_remedies_read_switch (field, GTK_SWITCH (widget), config);
          continue;
        }
      /* a hidden argument of another scheme cannot be wrong: keep its value */
      if (!gradlens_field_is_used (field, config))
        value = gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget));
      else if (!gradlens_problems_check_spin (&problems, GTK_SPIN_BUTTON (widget), field, &value))
        continue;
      gradlens_field_set_number (field, config, value);
    }
  if (problems.n_errors > 0)
    goto out;

  label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_row))));
  g_clear_pointer (&config->label, g_free);
  if (label[0] != '\0')
    config->label = g_steal_pointer (&label);

  /* the rules between fields, named on every control they concern */
  if (gradlens_field_is_used (gradlens_field_lookup ("init", "b"), config) && config->nn.a > config->nn.b)
    {
      const char *msg = _("The lower bound a must not be above the upper bound b");

      gradlens_problems_report (&problems, GTK_WIDGET (self->a_spin), msg);
      gradlens_problems_report (&problems, GTK_WIDGET (self->b_spin), msg);
    }
  if (config->seed > GRADLENS_MAX_SEED - config->seeds + 1)
    {
      g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, config->seed);
      g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT, config->seed + config->seeds - 1);
      g_autofree char *largest = g_strdup_printf ("%" G_GINT64_FORMAT, GRADLENS_MAX_SEED);
      /* Translators: the seeds s to s + n - 1 of a run, and the largest seed there is */
      g_autofree char *msg = g_strdup_printf (_("The seeds %s to %s go past the largest seed, %s"),
                                              first, last, largest);

      gradlens_problems_report (&problems, GTK_WIDGET (self->seed_spin), msg);
      gradlens_problems_report (&problems, GTK_WIDGET (self->seeds_spin), msg);
    }
  bytes = gradlens_run_config_memory (config);
  if (bytes > GRADLENS_DEFAULT_MEMORY_LIMIT)
    {
      g_autofree char *need = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (GRADLENS_DEFAULT_MEMORY_LIMIT, G_FORMAT_SIZE_IEC_UNITS);
      /* Translators: the first %s is a size such as "12.5 GiB", the second the limit "4.0 GiB" */
      g_autofree char *msg = g_strdup_printf (_("This run needs about %s of memory, more than the limit of %s"),
                                              need, limit);

      gradlens_problems_report (&problems, GTK_WIDGET (self->depth_spin), msg);
      gradlens_problems_report (&problems, GTK_WIDGET (self->width_spin), msg);
      gradlens_problems_report (&problems, GTK_WIDGET (self->samples_spin), msg);
    }
  if (problems.n_errors > 0)
    goto out;

  /* the experiment library has the last word; anything it still refuses is
   * named in its message */
  {
    g_autoptr(GError) error = NULL;

    if (!gradlens_run_config_validate (config, GRADLENS_NAMING_PRESET, GRADLENS_DEFAULT_MEMORY_LIMIT, &error)
        && !mark_library_problem (self, &problems, error->message))
      {
        problems.first = g_strdup (error->message);
        problems.n_errors++;
      }
  }

out:
  if (message != NULL)
    *message = g_steal_pointer (&problems.first);
  g_free (problems.first);
  return problems.n_errors == 0;
}

/* the next run gets a label of its own */
void
gradlens_controls_clear_label (GradlensControls *self)
{
  g_return_if_fail (GRADLENS_IS_CONTROLS (self));

  gtk_editable_set_text (GTK_EDITABLE (self->label_row), "");
}

void
gradlens_controls_set_sweep_mode (GradlensControls *self,
                                  gboolean          sweep_mode)
{
  g_return_if_fail (GRADLENS_IS_CONTROLS (self));

  gtk_widget_set_visible (GTK_WIDGET (self->sweep_group), sweep_mode);
  /* a sweep sets the depth itself */
  gtk_widget_set_sensitive (GTK_WIDGET (self->depth_row), !sweep_mode);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->depth_row),
                               sweep_mode ? _("A sweep sets the depth: see Depth Sweep above") : NULL);
}

/**
 * gradlens_controls_get_depths:
 * @self: the controls
 * @depths: an array of int to append the depths to, from the first to the
 *   last by the step
 * @message: (out) (optional): the problem, for a toast
 *
 * Returns: %TRUE if the depths are valid; otherwise their controls are marked
 */
gboolean
gradlens_controls_get_depths (GradlensControls  *self,
                              GArray            *depths,
                              char             **message)
{
  const GradlensField *depth = gradlens_field_lookup ("network", "depth");
  GradlensProblems problems = { NULL, 0 };
  double from = 0, to = 0, step = 0;
  gboolean ok;

  g_return_val_if_fail (GRADLENS_IS_CONTROLS (self), FALSE);

  ok = gradlens_problems_check_spin (&problems, self->sweep_from_spin, depth, &from);
  ok = gradlens_problems_check_spin (&problems, self->sweep_to_spin, depth, &to) && ok;
  ok = gradlens_problems_check_spin (&problems, self->sweep_step_spin, &step_field, &step) && ok;
  if (ok && from > to)
    {
      const char *msg = _("The first depth must not be above the last");

      gradlens_problems_report (&problems, GTK_WIDGET (self->sweep_from_spin), msg);
      gradlens_problems_report (&problems, GTK_WIDGET (self->sweep_to_spin), msg);
      ok = FALSE;
    }
  if (ok)
    for (int d = (int) from; d <= (int) to; d += (int) step)
      g_array_append_val (depths, d);
  if (message != NULL)
    *message = g_steal_pointer (&problems.first);
  g_free (problems.first);
  return ok;
}

/* a sweep refused for its depths (too deep for the memory limit) */
void
gradlens_controls_mark_depths (GradlensControls *self,
                               const char       *message)
{
  g_return_if_fail (GRADLENS_IS_CONTROLS (self));

  gradlens_problems_mark (GTK_WIDGET (self->sweep_to_spin), message);
}

GtkWidget *
gradlens_controls_get_field_widget (GradlensControls *self,
                                    const char       *section,
                                    const char       *key)
{
  const Control *control;

  g_return_val_if_fail (GRADLENS_IS_CONTROLS (self), NULL);

  control = find_control (section, key);
  return control != NULL ? control_widget (self, control) : NULL;
}

GtkWidget *
gradlens_controls_get_field_row (GradlensControls *self,
                                 const char       *section,
                                 const char       *key)
{
  GtkWidget *widget = gradlens_controls_get_field_widget (self, section, key);

  return widget != NULL ? gradlens_problems_row (widget) : NULL;
}

GtkWidget *
gradlens_controls_get_label_row (GradlensControls *self)
{
  g_return_val_if_fail (GRADLENS_IS_CONTROLS (self), NULL);

  return GTK_WIDGET (self->label_row);
}

GtkWidget *
gradlens_controls_get_sweep_widget (GradlensControls *self,
                                    const char       *name)
{
  g_return_val_if_fail (GRADLENS_IS_CONTROLS (self), NULL);

  if (g_strcmp0 (name, "group") == 0)
    return GTK_WIDGET (self->sweep_group);
  if (g_strcmp0 (name, "from") == 0)
    return GTK_WIDGET (self->sweep_from_spin);
  if (g_strcmp0 (name, "to") == 0)
    return GTK_WIDGET (self->sweep_to_spin);
  if (g_strcmp0 (name, "step") == 0)
    return GTK_WIDGET (self->sweep_step_spin);
  return NULL;
}
