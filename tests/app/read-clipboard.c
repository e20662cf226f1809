/* read-clipboard.c: prints the text on the X clipboard (for test-e2e.sh)
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gtk/gtk.h>

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  int *status = user_data;

  if (text == NULL)
    {
      g_printerr ("read-clipboard: %s\n", error != NULL ? error->message : "no text");
      *status = 1;
      return;
    }
  g_print ("%s", text);
  *status = 0;
}

int
main (int    argc,
      char **argv)
{
  int status = -1;

  if (!gtk_init_check ())
    {
      g_printerr ("read-clipboard: no display\n");
      return 1;
    }
  gdk_clipboard_read_text_async (gdk_display_get_clipboard (gdk_display_get_default ()), NULL, read_cb, &status);
  while (status < 0)
    g_main_context_iteration (NULL, TRUE);
  return status;
}
