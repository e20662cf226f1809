/* gradlens-problems.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include <adwaita.h>

#include "gradlens-problems.h"

/* An invalid value is marked on its control (the "error" style class and
 * the message as its tooltip, on the control and its row, and as the row's
 * subtitle while marked) instead of a dialog per problem. */

#define SUBTITLE_KEY "gradlens-problems-subtitle"

/* the message in words under the row's title; its own subtitle comes back
 * when the mark goes */
static void
show_in_subtitle (GtkWidget  *row,
                  const char *message)
{
  if (!ADW_IS_ACTION_ROW (row))
    return;
  if (g_object_get_data (G_OBJECT (row), SUBTITLE_KEY) == NULL)
    g_object_set_data_full (G_OBJECT (row), SUBTITLE_KEY,
                            g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) != NULL
                                      ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : ""), g_free);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
}

static void
restore_subtitle (GtkWidget *row)
{
  g_autofree char *subtitle = g_object_steal_data (G_OBJECT (row), SUBTITLE_KEY);

  if (subtitle != NULL && ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

/* the row that holds a control (itself for a combo row) */
GtkWidget *
gradlens_problems_row (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return widget;
  return gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
}

#define NOTE_KEY "gradlens-problems-note"

static void
mark (GtkWidget  *spin,
      const char *message)
{
  GtkWidget *row = gradlens_problems_row (spin);

  gtk_widget_add_css_class (spin, "error");
  gtk_widget_set_tooltip_text (spin, message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      show_in_subtitle (row, message);
    }
}

static void
clear_mark (GtkWidget *spin)
{
  GtkWidget *row = gradlens_problems_row (spin);

  g_object_set_data (G_OBJECT (spin), NOTE_KEY, NULL);
  if (!gtk_widget_has_css_class (spin, "error"))
    return;
  gtk_widget_remove_css_class (spin, "error");
  gtk_widget_set_tooltip_text (spin, NULL);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_STATE_INVALID);
  if (row != NULL)
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      restore_subtitle (row);
    }
}

void
gradlens_problems_mark (GtkWidget  *spin,
                        const char *message)
{
  g_object_set_data (G_OBJECT (spin), NOTE_KEY, NULL);
  mark (spin, message);
}

/* A problem of the values: gone when the form is checked again. A note
 * (gradlens_problems_mark_note) stays until gradlens_problems_clear_note. */
void
gradlens_problems_clear_mark (GtkWidget *spin)
{
  if (g_object_get_data (G_OBJECT (spin), NOTE_KEY) == NULL)
    clear_mark (spin);
}

/* a value typed that the control could not keep as typed (clamped, or
 * refused): marked the same way, but the value used is valid, so checking
 * the form again keeps the note; the next edit clears it */
void
gradlens_problems_mark_note (GtkWidget  *spin,
                             const char *message)
{
  mark (spin, message);
  g_object_set_data (G_OBJECT (spin), NOTE_KEY, GINT_TO_POINTER (TRUE));
}

void
gradlens_problems_clear_note (GtkWidget *spin)
{
  if (g_object_get_data (G_OBJECT (spin), NOTE_KEY) != NULL)
    clear_mark (spin);
}

/* The one validator: a spin button's text against its field's type and
 * range. The spin buttons format with the locale's decimal separator; read
 * back with g_strtod, which takes it and the C locale's. */
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
  /* commit what was typed, so the control shows what runs */
  if (value != gtk_spin_button_get_value (spin))
    gtk_spin_button_set_value (spin, value);
  *out = value;
  return TRUE;
}

void
gradlens_problems_report (GradlensProblems *problems,
        GtkWidget   *spin,
        const char  *message)
{
  gradlens_problems_mark (spin, message);
  if (problems->first == NULL)
    {
      GtkWidget *row = gradlens_problems_row (spin);
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

gboolean
gradlens_problems_check_spin (GradlensProblems    *problems,
            GtkSpinButton       *spin,
            const GradlensField *field,
            double              *value)
{
  g_autofree char *message = NULL;

  if (read_spin (spin, field, value, &message))
    return TRUE;
  gradlens_problems_report (problems, GTK_WIDGET (spin), message);
  return FALSE;
}

