/* gradlens-param.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gradlens-param.h"

struct _GradlensParam
{
  GObject parent_instance;

  /* Owned */
  GradlensRun *run;
  guint        index;
};

G_DEFINE_FINAL_TYPE (GradlensParam, gradlens_param, G_TYPE_OBJECT)

static void
gradlens_param_dispose (GObject *object)
{
  GradlensParam *self = (GradlensParam *) object;

  g_clear_object (&self->run);

  G_OBJECT_CLASS (gradlens_param_parent_class)->dispose (object);
}

static void
gradlens_param_class_init (GradlensParamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gradlens_param_dispose;
}

static void
gradlens_param_init (GradlensParam *self)
{
}

GradlensParam *
gradlens_param_new (GradlensRun *run,
                    guint        index)
{
  GradlensParam *self;

  g_return_val_if_fail (GRADLENS_IS_RUN (run), NULL);

  self = g_object_new (GRADLENS_TYPE_PARAM, NULL);
  self->run = g_object_ref (run);
  self->index = index;
  return self;
}

GradlensRun *
gradlens_param_get_run (GradlensParam *self)
{
  g_return_val_if_fail (GRADLENS_IS_PARAM (self), NULL);

  return self->run;
}

guint
gradlens_param_get_index (GradlensParam *self)
{
  g_return_val_if_fail (GRADLENS_IS_PARAM (self), 0);

  return self->index;
}

char *
gradlens_param_dup_text (GradlensParam  *self,
                         GradlensColumn  column)
{
  g_return_val_if_fail (GRADLENS_IS_PARAM (self), NULL);

  return gradlens_run_dup_cell (self->run, self->index, column, FALSE);
}
