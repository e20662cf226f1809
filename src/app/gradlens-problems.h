/* gradlens-problems.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gradlens-config.h"

G_BEGIN_DECLS

/* The problems of a form of controls: the first message (for a toast, with
 * the row's title) and how many; every control concerned is marked. */
typedef struct
{
  char  *first;
  guint  n_errors;
} GradlensProblems;

GtkWidget *gradlens_problems_row         (GtkWidget           *widget);
void       gradlens_problems_mark        (GtkWidget           *spin,
                                          const char          *message);
void       gradlens_problems_clear_mark  (GtkWidget           *spin);
/* a value typed but not kept as typed: a mark that lasts until the next edit */
void       gradlens_problems_mark_note   (GtkWidget           *spin,
                                          const char          *message);
void       gradlens_problems_clear_note  (GtkWidget           *spin);
void       gradlens_problems_report      (GradlensProblems    *problems,
                                          GtkWidget           *spin,
                                          const char          *message);
/* the one validator: a spin button's text against a field's type and
 * range; commits the value typed when it is valid, reports it if not */
gboolean   gradlens_problems_check_spin  (GradlensProblems    *problems,
                                          GtkSpinButton       *spin,
                                          const GradlensField *field,
                                          double              *value);

G_END_DECLS
