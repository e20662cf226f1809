/* gradlens-window-controls.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "gradlens-error.h"
#include "gradlens-window-private.h"

/* The side panel: a GradlensRunConfig in controls, and back with every value
 * checked. An invalid value is marked on its control (the "error" style class
 * and the message as its tooltip) instead of a dialog per problem. */

/* A numeric control: its spin button, its row, and its field in the table of
 * gradlens-config.h (ranges, names). */
typedef struct
{
  const char *section;
  const char *key;
  gsize       spin_offset;
} SpinControl;

#define SPIN(section, key, spin) { section, key, G_STRUCT_OFFSET (GradlensWindow, spin) }

static const SpinControl spin_controls[] = {
  SPIN ("network", "depth", depth_spin),
  SPIN ("network", "width", width_spin),
  SPIN ("network", "inputs", inputs_spin),
  SPIN ("network", "outputs", outputs_spin),
  SPIN ("data", "samples", samples_spin),
  SPIN ("network", "negative_slope", slope_spin),
  SPIN ("init", "gain", gain_spin),
  SPIN ("init", "a", a_spin),
  SPIN ("init", "b", b_spin),
  SPIN ("init", "mean", mean_spin),
  SPIN ("init", "std", std_spin),
  SPIN ("data", "seed", seed_spin),
  SPIN ("data", "seeds", seeds_spin),
};

static GtkSpinButton *
control_spin (GradlensWindow    *self,
              const SpinControl *control)
{
  return G_STRUCT_MEMBER (GtkSpinButton *, self, control->spin_offset);
}

static GtkWidget *
control_row (GtkWidget *spin)
{
  return gtk_widget_get_ancestor (spin, ADW_TYPE_PREFERENCES_ROW);
}

static const SpinControl *
find_control (const char *section,
              const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (spin_controls); i++)
    if (g_str_equal (spin_controls[i].section, section) && g_str_equal (spin_controls[i].key, key))
      return &spin_controls[i];
  return NULL;
}

static void
mark_error (GtkWidget  *spin,
            const char *message)
{
  GtkWidget *row = control_row (spin);

  gtk_widget_add_css_class (spin, "error");
  gtk_widget_set_tooltip_text (spin, message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
    }
}

static void
clear_error (GtkWidget *spin)
{
  GtkWidget *row = control_row (spin);

  if (!gtk_widget_has_css_class (spin, "error"))
    return;
  gtk_widget_remove_css_class (spin, "error");
  gtk_widget_set_tooltip_text (spin, NULL);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_STATE_INVALID);
  if (row != NULL)
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
    }
}

void
_gradlens_window_controls_clear_errors (GradlensWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (spin_controls); i++)
    clear_error (GTK_WIDGET (control_spin (self, &spin_controls[i])));
}

/* Only the arguments of the chosen scheme are shown (as in torch.nn.init). */
static void
update_visibility (GradlensWindow *self)
{
  guint act = adw_combo_row_get_selected (self->activation_row);
  guint init = adw_combo_row_get_selected (self->init_row);
  gboolean kaiming = init == NN_INIT_KAIMING_NORMAL || init == NN_INIT_KAIMING_UNIFORM;

  gtk_widget_set_visible (GTK_WIDGET (self->slope_row), act == NN_ACT_LEAKY_RELU);
  gtk_widget_set_visible (GTK_WIDGET (self->gain_row),
                          init == NN_INIT_XAVIER_NORMAL || init == NN_INIT_XAVIER_UNIFORM
                          || init == NN_INIT_ORTHOGONAL);
  gtk_widget_set_visible (GTK_WIDGET (self->a_row), kaiming || init == NN_INIT_UNIFORM);
  gtk_widget_set_visible (GTK_WIDGET (self->b_row), init == NN_INIT_UNIFORM);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_row), kaiming);
  gtk_widget_set_visible (GTK_WIDGET (self->nonlinearity_row), kaiming);
  gtk_widget_set_visible (GTK_WIDGET (self->mean_row), init == NN_INIT_NORMAL);
  gtk_widget_set_visible (GTK_WIDGET (self->std_row), init == NN_INIT_NORMAL);

  if (kaiming)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->a_row), _("Negative slope _a"));
      adw_action_row_set_subtitle (self->a_row, _("Of the leaky_relu after the layer"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->a_row), _("Lower bound _a"));
      adw_action_row_set_subtitle (self->a_row, NULL);
    }
}

static void
spin_changed_cb (GtkSpinButton *spin)
{
  clear_error (GTK_WIDGET (spin));
}

void
_gradlens_window_controls_init (GradlensWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (spin_controls); i++)
    g_signal_connect (control_spin (self, &spin_controls[i]), "changed",
                      G_CALLBACK (spin_changed_cb), NULL);
  g_signal_connect_object (self->activation_row, "notify::selected",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->init_row, "notify::selected",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  update_visibility (self);
}

/* The spin buttons format with the locale's decimal separator; read back
 * with g_strtod, which takes it and the C locale's. */
static gboolean
read_spin (GtkSpinButton        *spin,
           const GradlensField  *field,
           double               *out,
           char                **message)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  gboolean integer = field->type == GRADLENS_FIELD_INT || field->type == GRADLENS_FIELD_INT64;
  char *end = NULL;
  double value;

  value = g_strtod (text, &end);
  if (text[0] == '\0' || end == NULL || *end != '\0' || !isfinite (value))
    {
      /* Translators: %s is what was typed into a number field */
      *message = g_strdup_printf (_("“%s” is not a number"), text);
      return FALSE;
    }
  if (integer && value != floor (value))
    {
      /* Translators: %s is what was typed into a field for whole numbers */
      *message = g_strdup_printf (_("%s is not a whole number"), text);
      return FALSE;
    }
  if (value < field->min || value > field->max)
    {
      g_autofree char *min = integer ? g_strdup_printf ("%.0f", field->min) : g_strdup_printf ("%g", field->min);
      g_autofree char *max = integer ? g_strdup_printf ("%.0f", field->max) : g_strdup_printf ("%g", field->max);

      /* Translators: a value out of range: "0 is outside the allowed range of 1 to 1000" */
      *message = g_strdup_printf (_("%s is outside the allowed range of %s to %s"), text, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* collects the first message and marks every control it concerns */
typedef struct
{
  GradlensWindow *self;
  char           *first;
  guint           n_errors;
} Problems;

static void
report (Problems    *problems,
        GtkWidget   *spin,
        const char  *message)
{
  mark_error (spin, message);
  if (problems->first == NULL)
    {
      GtkWidget *row = control_row (spin);
      const char *title = row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
      g_autofree char *name = NULL;

      if (title != NULL)
        {
          GString *s = g_string_new (NULL);

          /* the row titles carry mnemonics */
          for (const char *p = title; *p; p++)
            if (*p != '_')
              g_string_append_c (s, *p);
          name = g_string_free (s, FALSE);
        }
      /* Translators: "Depth: 0 is outside the allowed range of 1 to 1000" */
      problems->first = name != NULL ? g_strdup_printf (_("%s: %s"), name, message) : g_strdup (message);
    }
  problems->n_errors++;
}

void
_gradlens_window_controls_set_config (GradlensWindow          *self,
                                      const GradlensRunConfig *config)
{
  const NnConfig *nn = &config->nn;

  _gradlens_window_controls_clear_errors (self);

  gtk_spin_button_set_value (self->depth_spin, nn->depth);
  gtk_spin_button_set_value (self->width_spin, nn->width);
  gtk_spin_button_set_value (self->inputs_spin, nn->inputs);
  gtk_spin_button_set_value (self->outputs_spin, nn->outputs);
  gtk_spin_button_set_value (self->samples_spin, nn->samples);
  adw_combo_row_set_selected (self->activation_row, nn->activation);
  gtk_spin_button_set_value (self->slope_spin, nn->negative_slope);
  gtk_switch_set_active (self->output_activation_switch, nn->output_activation);
  adw_combo_row_set_selected (self->init_row, nn->init);
  gtk_spin_button_set_value (self->gain_spin, nn->gain);
  gtk_spin_button_set_value (self->a_spin, nn->a);
  gtk_spin_button_set_value (self->b_spin, nn->b);
  adw_combo_row_set_selected (self->mode_row, nn->mode);
  adw_combo_row_set_selected (self->nonlinearity_row, nn->nonlinearity);
  gtk_spin_button_set_value (self->mean_spin, nn->mean);
  gtk_spin_button_set_value (self->std_spin, nn->std);
  adw_combo_row_set_selected (self->bias_row, nn->bias);
  gtk_spin_button_set_value (self->seed_spin, (double) config->seed);
  gtk_spin_button_set_value (self->seeds_spin, config->seeds);
  adw_combo_row_set_selected (self->dtype_row, nn->dtype);
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), config->label != NULL ? config->label : "");
  update_visibility (self);
}

/**
 * _gradlens_window_controls_get_config:
 * @self: the window
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
_gradlens_window_controls_get_config (GradlensWindow     *self,
                                      GradlensRunConfig  *config,
                                      char              **message)
{
  Problems problems = { self, NULL, 0 };
  double values[G_N_ELEMENTS (spin_controls)];
  NnConfig *nn = &config->nn;
  g_autofree char *label = NULL;
  guint64 bytes;

  _gradlens_window_controls_clear_errors (self);

  for (guint i = 0; i < G_N_ELEMENTS (spin_controls); i++)
    {
      const SpinControl *control = &spin_controls[i];
      const GradlensField *field = gradlens_field_lookup (control->section, control->key);
      GtkSpinButton *spin = control_spin (self, control);
      g_autofree char *problem = NULL;

      g_assert (field != NULL);
      /* a hidden argument of another scheme cannot be wrong: keep its value */
      if (!gtk_widget_get_visible (control_row (GTK_WIDGET (spin))))
        {
          values[i] = gtk_spin_button_get_value (spin);
          continue;
        }
      if (!read_spin (spin, field, &values[i], &problem))
        {
          report (&problems, GTK_WIDGET (spin), problem);
          continue;
        }
      /* commit what was typed, so the control shows what runs */
      if (values[i] != gtk_spin_button_get_value (spin))
        gtk_spin_button_set_value (spin, values[i]);
    }
  if (problems.n_errors > 0)
    goto out;

  nn->depth = (int) values[0];
  nn->width = (int) values[1];
  nn->inputs = (int) values[2];
  nn->outputs = (int) values[3];
  nn->samples = (int) values[4];
  nn->negative_slope = values[5];
  nn->gain = values[6];
  nn->a = values[7];
  nn->b = values[8];
  nn->mean = values[9];
  nn->std = values[10];
  config->seed = (gint64) values[11];
  config->seeds = (int) values[12];
  nn->activation = adw_combo_row_get_selected (self->activation_row);
  nn->output_activation = gtk_switch_get_active (self->output_activation_switch);
  nn->init = adw_combo_row_get_selected (self->init_row);
  nn->mode = adw_combo_row_get_selected (self->mode_row);
  nn->nonlinearity = adw_combo_row_get_selected (self->nonlinearity_row);
  nn->bias = adw_combo_row_get_selected (self->bias_row);
  nn->dtype = adw_combo_row_get_selected (self->dtype_row);
  label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_row))));
  g_clear_pointer (&config->label, g_free);
  if (label[0] != '\0')
    config->label = g_steal_pointer (&label);

  /* the rules between fields, named on every control they concern */
  if (nn->init == NN_INIT_UNIFORM && nn->a > nn->b)
    {
      const char *msg = _("The lower bound a must not be above the upper bound b");

      report (&problems, GTK_WIDGET (self->a_spin), msg);
      report (&problems, GTK_WIDGET (self->b_spin), msg);
    }
  if (config->seed > GRADLENS_MAX_SEED - config->seeds + 1)
    {
      g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, config->seed);
      g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT, config->seed + config->seeds - 1);
      g_autofree char *largest = g_strdup_printf ("%" G_GINT64_FORMAT, GRADLENS_MAX_SEED);
      /* Translators: the seeds s to s + n - 1 of a run, and the largest seed there is */
      g_autofree char *msg = g_strdup_printf (_("The seeds %s to %s go past the largest seed, %s"),
                                              first, last, largest);

      report (&problems, GTK_WIDGET (self->seed_spin), msg);
      report (&problems, GTK_WIDGET (self->seeds_spin), msg);
    }
  bytes = gradlens_run_config_memory (config);
  if (bytes > GRADLENS_DEFAULT_MEMORY_LIMIT)
    {
      g_autofree char *need = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (GRADLENS_DEFAULT_MEMORY_LIMIT, G_FORMAT_SIZE_IEC_UNITS);
      /* Translators: the first %s is a size such as "12.5 GiB", the second the limit "4.0 GiB" */
      g_autofree char *msg = g_strdup_printf (_("This run needs about %s of memory, more than the limit of %s"),
                                              need, limit);

      report (&problems, GTK_WIDGET (self->depth_spin), msg);
      report (&problems, GTK_WIDGET (self->width_spin), msg);
      report (&problems, GTK_WIDGET (self->samples_spin), msg);
    }
  if (problems.n_errors > 0)
    goto out;

  /* the experiment library has the last word; anything it still refuses is
   * named in its message */
  {
    g_autoptr(GError) error = NULL;

    if (!gradlens_run_config_validate (config, GRADLENS_NAMING_PRESET, GRADLENS_DEFAULT_MEMORY_LIMIT, &error))
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

/* the spin button of a field ("network", "depth"), NULL for the others */
GtkWidget *
_gradlens_window_controls_lookup (GradlensWindow *self,
                                  const char     *section,
                                  const char     *key)
{
  const SpinControl *control = find_control (section, key);

  return control != NULL ? GTK_WIDGET (control_spin (self, control)) : NULL;
}
