/* gradlens-series.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gradlens-runner.h"

#include "gradlens-format.h"

G_BEGIN_DECLS

/* A column of a series' table: its key (the header of the copied text),
 * its heading on screen and how it shows */
typedef enum
{
  GRADLENS_COLUMN_FLAG_LEFT    = 1 << 0,   /* aligned left (names), else right (numbers) */
  GRADLENS_COLUMN_FLAG_NUMERIC = 1 << 1,   /* tabular digits */
  GRADLENS_COLUMN_FLAG_EXPAND  = 1 << 2,   /* takes the spare width */
  GRADLENS_COLUMN_FLAG_STATS   = 1 << 3,   /* a statistic over seeds: only with several */
} GradlensColumnFlags;

typedef struct
{
  const char          *key;
  const char          *title;   /* N_(): translated where shown */
  GradlensColumnFlags  flags;
} GradlensColumnSpec;

typedef struct
{
  const GradlensColumnSpec *columns;
  guint                     n_columns;
} GradlensTableSpec;

#define GRADLENS_TYPE_SERIES (gradlens_series_get_type ())

G_DECLARE_INTERFACE (GradlensSeries, gradlens_series, GRADLENS, SERIES, GObject)

/* Everything drawn as a line with a table behind it (a run, a depth sweep;
 * later a training history): its label, colour, visibility and detail line
 * (the properties "label", "color", "visible", "detail"), its tables (a
 * series has one or more, numbered from 0, each described by a
 * GradlensTableSpec) and the text they copy as. */
struct _GradlensSeriesInterface
{
  GTypeInterface parent_iface;

  const char              *(*get_label)    (GradlensSeries *self);
  void                     (*set_label)    (GradlensSeries *self,
                                            const char     *label);
  const char              *(*get_color)    (GradlensSeries *self);
  gboolean                 (*get_visible)  (GradlensSeries *self);
  void                     (*set_visible)  (GradlensSeries *self,
                                            gboolean        visible);
  const char              *(*get_detail)   (GradlensSeries *self);
  /* the decay per layer of the legend and the detail line (NAN: none) */
  double                   (*get_decay)    (GradlensSeries *self);
  gboolean                 (*has_stats)    (GradlensSeries *self);
  const GradlensRunConfig *(*get_config)   (GradlensSeries *self);
  /* "Run “%s”": the list row's accessible name */
  char                    *(*dup_accessible_name) (GradlensSeries *self);
  const GradlensTableSpec *(*get_table)    (GradlensSeries *self,
                                            guint           table);
  guint                    (*get_n_rows)   (GradlensSeries *self,
                                            guint           table);
  char                    *(*dup_cell)     (GradlensSeries *self,
                                            guint           table,
                                            guint           row,
                                            guint           column,
                                            gboolean        exact);
  /* optional: why the series looks as it does, in sentences (NULL: nothing
   * to say); transfer full */
  char                    *(*dup_diagnosis) (GradlensSeries *self);
};

const char              *gradlens_series_get_label     (GradlensSeries *self);
void                     gradlens_series_set_label     (GradlensSeries *self,
                                                        const char     *label);
const char              *gradlens_series_get_color     (GradlensSeries *self);
gboolean                 gradlens_series_get_visible   (GradlensSeries *self);
void                     gradlens_series_set_visible   (GradlensSeries *self,
                                                        gboolean        visible);
const char              *gradlens_series_get_detail    (GradlensSeries *self);
double                   gradlens_series_get_decay     (GradlensSeries *self);
gboolean                 gradlens_series_has_stats     (GradlensSeries *self);
const GradlensRunConfig *gradlens_series_get_config    (GradlensSeries *self);
char                    *gradlens_series_dup_accessible_name (GradlensSeries *self);
/* the series' diagnosis in sentences, or NULL */
char                    *gradlens_series_dup_diagnosis (GradlensSeries *self);
/* "×0.12 per layer", or NULL without a decay */
char                    *gradlens_series_dup_legend_suffix (GradlensSeries *self);

const GradlensTableSpec *gradlens_series_get_table     (GradlensSeries *self,
                                                        guint           table);
guint                    gradlens_series_get_n_rows    (GradlensSeries *self,
                                                        guint           table);
/* one cell: for people (locale, 4 digits) or exact (C locale, every digit) */
char                    *gradlens_series_dup_cell      (GradlensSeries *self,
                                                        guint           table,
                                                        guint           row,
                                                        guint           column,
                                                        gboolean        exact);
gboolean                 gradlens_series_column_visible (GradlensSeries *self,
                                                        guint           table,
                                                        guint           column);
/* the table as tab-separated text: a header line of the visible columns'
 * keys, then one line per row with every digit */
char                    *gradlens_series_dup_tsv       (GradlensSeries *self,
                                                        guint           table);

/* colours and labels in a list of series: the first palette colour none
 * has, and base made unique ("Leaky ReLU (2)") */
char                    *gradlens_series_list_next_color (GListModel    *series);
char                    *gradlens_series_list_unique_label (GListModel  *series,
                                                        const char     *base);

G_END_DECLS
