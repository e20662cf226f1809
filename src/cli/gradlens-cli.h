/* gradlens-cli.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* exit codes (DESIGN.md "Command line") */
#define GRADLENS_EXIT_OK      0
#define GRADLENS_EXIT_FAILURE 1
#define GRADLENS_EXIT_USAGE   2

int gradlens_cli_main (int    argc,
                       char **argv);
int gradlens_cli_plot (int    argc,
                       char **argv);

G_END_DECLS
