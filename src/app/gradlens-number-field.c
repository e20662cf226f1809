/* gradlens-number-field.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gradlens-number-field.h"
#include "gradlens-problems.h"

/* A spin button of the side panel changes only when meant:
 *  - the mouse wheel over it scrolls the panel unless it has the keyboard
 *    focus (GtkSpinButton's own wheel handler would change the number under
 *    a pointer that merely passes by, and take the focus as well);
 *  - a typed value it cannot keep (out of the field's range, not a number,
 *    not whole) is committed as GtkSpinButton would (clamped, or the value
 *    before kept), but said on the field: marked as an error, with what was
 *    allowed and what is used, until the next edit. */

#define NOTE_KEY "gradlens-number-field-note"

static gboolean
has_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           GtkSpinButton            *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  /* not focused: let the event go on to the scrolled window around */
  if (!has_focus (GTK_WIDGET (spin)) || dy == 0)
    return GDK_EVENT_PROPAGATE;
  gtk_spin_button_spin (spin, GTK_SPIN_USER_DEFINED, -dy * gtk_adjustment_get_step_increment (adjustment));
  return GDK_EVENT_STOP;
}

static char *
format_value (const GradlensField *field,
              double               value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (field->type == GRADLENS_FIELD_INT || field->type == GRADLENS_FIELD_INT64)
    return g_strdup_printf ("%.0f", value);
  /* as the spin buttons show numbers: in the user's locale */
  g_snprintf (buffer, sizeof buffer, "%g", value);
  return g_strdup (buffer);
}

/* What GtkSpinButton does with the text, and what to say about it: the
 * value used (clamped, rounded, or the one before) and the note, NULL
 * when the text is a valid value. */
static char *
judge (GtkSpinButton       *spin,
       const GradlensField *field,
       double              *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  gboolean integer = field->type == GRADLENS_FIELD_INT || field->type == GRADLENS_FIELD_INT64;
  g_autofree char *used = NULL;
  g_autofree char *limit = NULL;
  char *end = NULL;
  double typed;

  typed = g_strtod (text, &end);
  if (text[0] == '\0' || end == NULL || *end != '\0' || !isfinite (typed))
    {
      *value = gtk_spin_button_get_value (spin);
      used = format_value (field, *value);
      if (text[0] == '\0')
        /* Translators: an emptied number field; %s is the value it keeps */
        return g_strdup_printf (_("No number was given; keeping %s"), used);
      /* Translators: the first %s is what was typed into a number field, the second the value it keeps */
      return g_strdup_printf (_("“%s” is not a number; keeping %s"), text, used);
    }
  if (typed > field->max)
    {
      *value = field->max;
      limit = format_value (field, field->max);
      /* Translators: "5000 is more than 1000, the most allowed; using 1000" */
      return g_strdup_printf (_("%s is more than %s, the most allowed; using %s"), text, limit, limit);
    }
  if (typed < field->min)
    {
      *value = field->min;
      limit = format_value (field, field->min);
      /* Translators: "0 is less than 1, the least allowed; using 1" */
      return g_strdup_printf (_("%s is less than %s, the least allowed; using %s"), text, limit, limit);
    }
  if (integer && typed != floor (typed))
    {
      *value = round (typed);
      used = format_value (field, *value);
      /* Translators: "2.5 is not a whole number; using 3" */
      return g_strdup_printf (_("%s is not a whole number; using %s"), text, used);
    }
  *value = typed;
  return NULL;
}

/* GtkSpinButton::input: the value of the typed text, noted when it is not
 * what was typed */
static int
input_cb (GtkSpinButton *spin,
          double        *new_value,
          gpointer       data)
{
  const GradlensField *field = data;

  g_object_set_data_full (G_OBJECT (spin), NOTE_KEY, judge (spin, field, new_value), g_free);
  return TRUE;
}

/* the text now shows the value used: say why, if it is not what was typed;
 * any other change of the text (an edit) ends the note */
static void
changed_cb (GtkSpinButton *spin)
{
  g_autofree char *note = NULL;

  /* setting the text empties it first: wait for the value's text */
  if (gtk_editable_get_text (GTK_EDITABLE (spin))[0] == '\0')
    return;
  note = g_object_steal_data (G_OBJECT (spin), NOTE_KEY);
  if (note != NULL)
    gradlens_problems_mark_note (GTK_WIDGET (spin), note);
  else
    gradlens_problems_clear_note (GTK_WIDGET (spin));
}

/**
 * gradlens_number_field_setup:
 * @spin: a spin button of a form
 * @field: the field it edits: its range comes from the field table
 *
 * Gives @spin the field's range, makes the wheel change it only while it
 * has the focus, and says on it when a typed value is not kept as typed.
 * Connect handlers that clear its mark on "changed" before calling this.
 */
void
gradlens_number_field_setup (GtkSpinButton       *spin,
                             const GradlensField *field)
{
  g_autoptr(GListModel) controllers = NULL;
  GtkAdjustment *adjustment;
  GtkEventController *scroll;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));
  g_return_if_fail (field != NULL);

  adjustment = gtk_spin_button_get_adjustment (spin);
  gtk_adjustment_set_lower (adjustment, field->min);
  gtk_adjustment_set_upper (adjustment, field->max);

  /* GtkSpinButton's own wheel handler changes the value whatever has the
   * focus: switched off, ours below decides */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (spin));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_NONE);
    }
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                            GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  gtk_event_controller_set_name (scroll, "gradlens-number-field-scroll");
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), spin);
  gtk_widget_add_controller (GTK_WIDGET (spin), scroll);

  g_signal_connect (spin, "input", G_CALLBACK (input_cb), (gpointer) field);
  g_signal_connect (spin, "changed", G_CALLBACK (changed_cb), NULL);
}
