/* gradlens-export.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gradlens-runner.h"

G_BEGIN_DECLS

/* DESIGN.md's pinned `run --format json` object: {"runs": [...]} */
char     *gradlens_results_to_json  (GradlensRunResult * const *results,
                                     guint                      n_results);
/* one row per run and parameter, RFC 4180 */
char     *gradlens_results_to_csv   (GradlensRunResult * const *results,
                                     guint                      n_results);
/* an aligned table for people */
char     *gradlens_results_to_table (GradlensRunResult * const *results,
                                     guint                      n_results);

/* json-glib 1.6 writes a double whose shortest form has an exponent and no
 * point with ".0" appended: 1e-08 becomes 1e-08.0, which is not JSON (and
 * which json-glib itself refuses). Drops those ".0"s, outside strings, in
 * place; call it on every json_generator_to_data result. */
/* "name": v, or "name": null when v is not finite */
void      gradlens_json_add_number   (JsonBuilder              *builder,
                                      const char               *name,
                                      double                    value);
/* appends one CSV field, quoted as RFC 4180 asks when it needs to be */
void      gradlens_csv_append_field  (GString                  *s,
                                      const char               *text);

/* pretty-printed JSON text (indent 0: compact) with numbers repaired and
 * a final newline; (transfer full) */
char     *gradlens_json_to_text     (JsonNode                 *root,
                                     guint                     indent);
void      gradlens_json_repair_numbers (char                   *text);

/* g_file_set_contents: a temporary file renamed into place */
gboolean  gradlens_write_file_atomic (const char               *path,
                                      const char               *contents,
                                      GError                  **error);

G_END_DECLS
