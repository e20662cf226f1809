/* main.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>

#include "gradlens-cli.h"

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  return gradlens_cli_main (argc, argv);
}
