/* gradlens-plot-title.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "gradlens-plot-title.h"
#include "gradlens-window.h"

/* The plot's title, edited by the user (win.edit-plot-title): a question
 * with the title in an entry. "Set Title" makes it the user's (it stays
 * whatever runs come and go); "Follow the Runs" gives it back to the runs. */

#define ENTRY_KEY "gradlens-plot-title-entry"

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GradlensSession  *session)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), ENTRY_KEY);

  if (g_str_equal (response, "set"))
    {
      g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

      gradlens_session_set_plot_title (session, title);
    }
  else if (g_str_equal (response, "follow"))
    gradlens_session_set_plot_title (session, NULL);
}

/**
 * gradlens_plot_title_dialog_new:
 * @parent: the window
 * @session: its session, whose plot title is edited
 *
 * Returns: (transfer none): the question, shown; it closes itself
 */
GtkWindow *
gradlens_plot_title_dialog_new (GtkWindow       *parent,
                                GradlensSession *session)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (GRADLENS_IS_SESSION (session), NULL);

  dialog = adw_message_dialog_new (parent, _("Plot Title"),
                                   _("A title you set stays whatever runs you add or remove, and is saved "
                                     "with the experiment. Otherwise the title follows the runs."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), gradlens_session_get_plot_settings (session)->title);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Plot title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), ENTRY_KEY, entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: the plot's title goes back to following the runs shown */
                                    "follow", _("_Follow the Runs"),
                                    "set", _("_Set Title"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "follow",
                                           gradlens_session_get_plot_title_is_users (session));
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), session, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return GTK_WINDOW (dialog);
}

GtkEditable *
gradlens_plot_title_dialog_get_entry (GtkWindow *dialog)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  return g_object_get_data (G_OBJECT (dialog), ENTRY_KEY);
}

/* win.edit-plot-title */
void
gradlens_plot_title_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  gradlens_plot_title_dialog_new (GTK_WINDOW (widget), gradlens_window_get_session (GRADLENS_WINDOW (widget)));
}
