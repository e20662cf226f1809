/* gradlens-preset.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gradlens-config.h"
#include "gradlens-train.h"

G_BEGIN_DECLS

#define GRADLENS_PRESET_MAX_BYTES (16 * 1024 * 1024)
#define GRADLENS_PRESET_MAX_DEPTH 32     /* nesting of [ and { */
#define GRADLENS_PRESET_MAX_RUNS  256

typedef enum { GRADLENS_Y_LOG, GRADLENS_Y_LINEAR } GradlensYScale;
typedef enum { GRADLENS_X_PARAMETER, GRADLENS_X_LAYER } GradlensXAxis;
typedef enum { GRADLENS_THEME_DARK, GRADLENS_THEME_LIGHT } GradlensTheme;

/* The "plot" object of a preset */
typedef struct
{
  GradlensYScale  y_scale;
  GradlensXAxis   x_axis;
  GradlensTheme   theme;
  char           *title;
  char           *x_title;
  char           *y_title;
} GradlensPlotSettings;

/* A preset: a titled experiment of one or more runs (DESIGN.md "Presets") */
typedef struct
{
  char                 *title;
  /* the optional "train" object: how `gradlens-cli train` (and the app's
   * training) trains the runs; has_train FALSE when the file has none */
  gboolean              has_train;
  GradlensTrainSettings train;
  GradlensPlotSettings  plot;
  GPtrArray            *runs;   /* of GradlensRunConfig */
  char                 *description;   /* optional: why these runs, what a student should notice ("" when none) */
  /* optional: the app's controls panel as it was saved (a run's keys), NULL when none */
  GradlensRunConfig    *controls;
  /* optional: work estimated at more than an hour starts without --yes */
  gboolean              accept_long_work;
} GradlensPreset;

GradlensPreset *gradlens_preset_new        (void);
void            gradlens_preset_free       (GradlensPreset        *preset);
GradlensPreset *gradlens_preset_copy       (const GradlensPreset  *preset);

/* Reads a preset. An error in its contents reads "Could not read “name”: "
 * followed by the line and column of a syntax error, or by the key path,
 * the value and what is allowed; a run is named by its number from 1 and
 * its label ("run 5 “Deep sigmoid (8)”: network.depth: ..."). Files over
 * 16 MiB and nesting deeper than GRADLENS_PRESET_MAX_DEPTH are refused
 * before parsing. */
GradlensPreset *gradlens_preset_load_path  (const char            *path,
                                            GError               **error);
GradlensPreset *gradlens_preset_load_data  (const char            *data,
                                            gssize                 length,
                                            const char            *name,
                                            GError               **error);
/* the preset as JSON: a node (to put inside another document), or text */
JsonNode       *gradlens_preset_to_node    (const GradlensPreset  *preset);
char           *gradlens_preset_to_data    (const GradlensPreset  *preset);
char           *gradlens_preset_describe_run (guint                 index,
                                              const char           *label);
/* atomic: a temporary file renamed into place */
gboolean        gradlens_preset_save       (const GradlensPreset  *preset,
                                            const char            *path,
                                            GError               **error);

const char     *gradlens_y_scale_name      (GradlensYScale         scale);
const char     *gradlens_x_axis_name       (GradlensXAxis          axis);
const char     *gradlens_theme_name        (GradlensTheme          theme);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GradlensPreset, gradlens_preset_free)

G_END_DECLS
