/* gradlens-format.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gradlens-runner.h"
#include "gradlens-sweep.h"

G_BEGIN_DECLS

/* The pinned outputs that the CLI and the app share, and the number
 * formats they use. Every number is written the same way under every
 * locale. */

/* "nan", "inf", "-inf"; exact: every digit (C locale, shortest round
 * trip), otherwise 4 significant digits for people */
char *gradlens_number_format       (double                     value,
                                    gboolean                   exact);
/* "×0.12 per layer" (translated), NULL when decay is not finite */
char *gradlens_decay_format        (double                     decay);
/* printf-style "%*.*e" under the C locale whatever the user's locale */
void  gradlens_string_append_e     (GString                   *s,
                                    int                        width,
                                    int                        precision,
                                    double                     value);

/* "stats": {"min", "q1", "median", "q3", "max"} */
void  gradlens_json_add_stats      (JsonBuilder               *builder,
                                    const GradlensStats       *stats);
/* the array of DESIGN.md's sweep object: [{"depth", "first_weight_grad_norm"
 * (null with "non_finite" when not finite), "stats" (with_stats)}] */
void  gradlens_sweep_build_json    (JsonBuilder               *builder,
                                    const GradlensSweepPoint  *points,
                                    guint                      n_points,
                                    gboolean                   with_stats);
/* `gradlens-cli sweep`'s JSON: {"sweep": [...]} */
char *gradlens_sweep_to_json       (const GradlensSweepPoint  *points,
                                    guint                      n_points,
                                    gboolean                   with_stats);
char *gradlens_sweep_to_table      (const GradlensSweepPoint  *points,
                                    guint                      n_points,
                                    gboolean                   with_stats);
/* the header "label,depth,first_weight_grad_norm,min,q1,median,q3,max\n" */
void  gradlens_sweep_csv_header    (GString                   *s);
/* one row per depth under that header */
void  gradlens_sweep_append_csv    (GString                   *s,
                                    const char                *label,
                                    const GradlensSweepPoint  *points,
                                    guint                      n_points,
                                    gboolean                   with_stats);
/* a label for a table: control characters (and so terminal escapes)
 * written as \n, \t, \x1b */
char *gradlens_escape_label        (const char                *label);

G_END_DECLS
