/* main.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gradlens-application.h"
#include "gradlens-locale.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GradlensApplication) app = NULL;

  gradlens_locale_init (NULL);
  app = gradlens_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
