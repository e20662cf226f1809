/* main.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <unistd.h>

#include "gradlens-application.h"
#include "gradlens-locale.h"

/* `meson devenv -C build` starts the app inside the build folder but leaves
 * the folder the user started from in PWD: go back there, so that paths on
 * the command line mean what the user typed */
static void
return_to_start_folder (void)
{
  const char *pwd = g_getenv ("PWD");

  if (g_getenv ("MESON_DEVENV") == NULL || pwd == NULL || !g_path_is_absolute (pwd)
      || !g_file_test (pwd, G_FILE_TEST_IS_DIR))
    return;
  if (chdir (pwd) != 0)
    g_printerr ("gradlens: could not return to %s\n", pwd);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GradlensApplication) app = NULL;

  return_to_start_folder ();
  gradlens_locale_init (NULL);
  app = gradlens_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
