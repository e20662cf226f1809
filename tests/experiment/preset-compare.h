/* preset-compare.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Field-by-field comparison of presets, shared by the preset tests and the
 * preset fuzzer. Written against the structs, not through the field table
 * or the JSON writer, so that it checks them instead of repeating them. */

#include <string.h>

#include "gradlens-preset.h"

G_BEGIN_DECLS

/* doubles must be the same bits: a round trip must not lose precision */
static inline gboolean
preset_compare_same_double (double a,
                            double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* Returns: NULL when a and b agree in every field, else a description of
 * the first difference (free it) */
static inline char *
preset_compare_runs (const GradlensRunConfig *a,
                     const GradlensRunConfig *b)
{
#define INT_FIELD(f) \
  if (a->f != b->f) \
    return g_strdup_printf ("%s: %lld != %lld", #f, (long long) a->f, (long long) b->f);
#define DOUBLE_FIELD(f) \
  if (!preset_compare_same_double (a->f, b->f)) \
    return g_strdup_printf ("%s: %.17g != %.17g", #f, a->f, b->f);

  if (g_strcmp0 (a->label, b->label) != 0)
    return g_strdup_printf ("label: “%s” != “%s”", a->label, b->label);
  if (g_strcmp0 (a->color, b->color) != 0)
    return g_strdup_printf ("color: %s != %s", a->color ? a->color : "(none)", b->color ? b->color : "(none)");
  INT_FIELD (seed)
  INT_FIELD (seeds)
  INT_FIELD (nn.depth)
  INT_FIELD (nn.width)
  INT_FIELD (nn.inputs)
  INT_FIELD (nn.outputs)
  INT_FIELD (nn.samples)
  INT_FIELD (nn.activation)
  DOUBLE_FIELD (nn.negative_slope)
  INT_FIELD (nn.output_activation)
  INT_FIELD (nn.residual)
  INT_FIELD (nn.norm)
  INT_FIELD (nn.init)
  INT_FIELD (nn.bias)
  DOUBLE_FIELD (nn.gain)
  DOUBLE_FIELD (nn.a)
  DOUBLE_FIELD (nn.b)
  INT_FIELD (nn.mode)
  INT_FIELD (nn.nonlinearity)
  DOUBLE_FIELD (nn.mean)
  DOUBLE_FIELD (nn.std)
  INT_FIELD (nn.dtype)
  return NULL;
#undef INT_FIELD
#undef DOUBLE_FIELD
}

static inline char *
preset_compare (const GradlensPreset *a,
                const GradlensPreset *b)
{
  if (g_strcmp0 (a->title, b->title) != 0)
    return g_strdup_printf ("title: “%s” != “%s”", a->title, b->title);
  if (g_strcmp0 (a->description, b->description) != 0)
    return g_strdup_printf ("description: “%s” != “%s”", a->description, b->description);
  if (a->plot.y_scale != b->plot.y_scale)
    return g_strdup ("plot.y_scale differs");
  if (a->plot.x_axis != b->plot.x_axis)
    return g_strdup ("plot.x_axis differs");
  if (a->plot.theme != b->plot.theme)
    return g_strdup ("plot.theme differs");
  if (g_strcmp0 (a->plot.title, b->plot.title) != 0)
    return g_strdup_printf ("plot.title: “%s” != “%s”", a->plot.title, b->plot.title);
  if (g_strcmp0 (a->plot.x_title, b->plot.x_title) != 0)
    return g_strdup_printf ("plot.x_title: “%s” != “%s”", a->plot.x_title, b->plot.x_title);
  if (g_strcmp0 (a->plot.y_title, b->plot.y_title) != 0)
    return g_strdup_printf ("plot.y_title: “%s” != “%s”", a->plot.y_title, b->plot.y_title);
  if (a->has_train != b->has_train)
    return g_strdup ("train: present in one only");
  if (a->has_train
      && (a->train.steps != b->train.steps || a->train.optimizer != b->train.optimizer
          || a->train.lr != b->train.lr || a->train.momentum != b->train.momentum))
    return g_strdup ("train differs");
  if (a->accept_long_work != b->accept_long_work)
    return g_strdup ("accept_long_work differs");
  if ((a->controls == NULL) != (b->controls == NULL))
    return g_strdup ("controls: present in one only");
  if (a->controls != NULL)
    {
      char *diff = preset_compare_runs (a->controls, b->controls);

      if (diff != NULL)
        {
          char *where = g_strdup_printf ("controls.%s", diff);

          g_free (diff);
          return where;
        }
    }
  if (a->runs->len != b->runs->len)
    return g_strdup_printf ("%u runs != %u runs", a->runs->len, b->runs->len);
  for (guint i = 0; i < a->runs->len; i++)
    {
      char *diff = preset_compare_runs (g_ptr_array_index (a->runs, i), g_ptr_array_index (b->runs, i));

      if (diff != NULL)
        {
          char *where = g_strdup_printf ("runs[%u].%s", i, diff);

          g_free (diff);
          return where;
        }
    }
  return NULL;
}

G_END_DECLS
