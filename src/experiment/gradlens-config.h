/* gradlens-config.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "nn.h"

G_BEGIN_DECLS

#define GRADLENS_MAX_SEED            G_GINT64_CONSTANT (9007199254740991)   /* 2^53 - 1 */
#define GRADLENS_DEFAULT_MEMORY_LIMIT (G_GUINT64_CONSTANT (4) << 30)

/* One run of an experiment: a network, its initialisation and its data
 * (DESIGN.md "Presets": the keys of one entry of "runs"). */
typedef struct
{
  char     *label;
  char     *color;   /* "#rrggbb" or NULL for the next palette colour */
  gboolean  hidden;  /* left out of the app's plot ("visible": false); computed all the same */
  NnConfig  nn;
  gint64    seed;
  int       seeds;
} GradlensRunConfig;

/* How a field is named in messages: as a preset key path or as a
 * command-line option. */
typedef enum
{
  GRADLENS_NAMING_PRESET,
  GRADLENS_NAMING_OPTION,
} GradlensNaming;

typedef enum
{
  GRADLENS_FIELD_INT,
  GRADLENS_FIELD_INT64,
  GRADLENS_FIELD_DOUBLE,
  GRADLENS_FIELD_CHOICE,
  GRADLENS_FIELD_BOOL,     /* a JSON boolean; on the command line a flag without a value */
} GradlensFieldType;

/* The fields of a run, with their preset path, option name and range. */
typedef struct
{
  const char        *section;   /* "network", "init", "data" or NULL (top level) */
  const char        *key;
  const char        *option;    /* long option without "--", NULL when none */
  GradlensFieldType  type;
  double             min;
  double             max;
  const char *(*choice_name) (int index);   /* for GRADLENS_FIELD_CHOICE */
  int                n_choices;
  const char        *description;   /* untranslated (N_); gradlens_field_help translates */
} GradlensField;

const GradlensField *gradlens_fields            (guint                   *n_fields);
const GradlensField *gradlens_field_by_option   (const char              *option);
const GradlensField *gradlens_field_lookup      (const char              *section,
                                                 const char              *key);
char                *gradlens_field_describe    (const GradlensField     *field,
                                                 GradlensNaming           naming);
char                *gradlens_field_allowed     (const GradlensField     *field);
/* the field's value in config as text ("5", "sigmoid", "0.01") */
char                *gradlens_field_format     (const GradlensField     *field,
                                                 const GradlensRunConfig *config);
/* "Linear layers (default 5; an integer from 1 to 1000)", translated:
 * --help and the man page take it from here, so it cannot drift */
char                *gradlens_field_help       (const GradlensField     *field);

/* set a field from a command-line string, with a GError naming the option,
 * the value and what is allowed */
gboolean             gradlens_field_parse       (const GradlensField     *field,
                                                 const char              *text,
                                                 GradlensRunConfig       *config,
                                                 GError                 **error);
/* "the string “five”", "the number 3", "true", "an object", ...: for
 * messages that name the value found */
char                *gradlens_json_describe     (JsonNode                *node);
/* set a field from a JSON node (preset), naming `where` in errors */
gboolean             gradlens_field_set_json    (const GradlensField     *field,
                                                 JsonNode                *node,
                                                 const char              *where,
                                                 GradlensRunConfig       *config,
                                                 GError                 **error);

/* the same, quoting literal (the number as written in the file, or NULL)
 * in messages instead of the value it was read as */
gboolean             gradlens_field_set_json_literal (const GradlensField *field,
                                                      JsonNode            *node,
                                                      const char          *literal,
                                                      const char          *where,
                                                      GradlensRunConfig   *config,
                                                      GError             **error);

void                 gradlens_run_config_init   (GradlensRunConfig       *config);
void                 gradlens_run_config_clear  (GradlensRunConfig       *config);
void                 gradlens_run_config_copy   (GradlensRunConfig       *dest,
                                                 const GradlensRunConfig *src);
GradlensRunConfig   *gradlens_run_config_new    (void);
GradlensRunConfig   *gradlens_run_config_dup    (const GradlensRunConfig *config);
void                 gradlens_run_config_free   (GradlensRunConfig       *config);

/* every range and cross-field rule, then the memory estimate against
 * memory_limit (bytes; 0 = no limit) */
gboolean             gradlens_run_config_validate (const GradlensRunConfig *config,
                                                   GradlensNaming           naming,
                                                   guint64                  memory_limit,
                                                   GError                 **error);
guint64              gradlens_run_config_memory   (const GradlensRunConfig *config);

/* {"network": {...}, "init": {...}, "data": {...}, "dtype": ...} */
void                 gradlens_run_config_build_json (const GradlensRunConfig *config,
                                                     JsonBuilder             *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GradlensRunConfig, gradlens_run_config_free)

G_END_DECLS
