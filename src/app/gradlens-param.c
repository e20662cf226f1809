/* gradlens-param.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "gradlens-param.h"

struct _GradlensParam
{
  GObject parent_instance;

  /* Owned */
  GObject *owner;
  guint    index;
};

G_DEFINE_FINAL_TYPE (GradlensParam, gradlens_param, G_TYPE_OBJECT)

static void
gradlens_param_dispose (GObject *object)
{
  GradlensParam *self = (GradlensParam *) object;

  g_clear_object (&self->owner);

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
  g_return_val_if_fail (GRADLENS_IS_RUN (run), NULL);

  return gradlens_param_new_for (run, index);
}

GradlensParam *
gradlens_param_new_for (gpointer owner,
                        guint    index)
{
  GradlensParam *self;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);

  self = g_object_new (GRADLENS_TYPE_PARAM, NULL);
  self->owner = g_object_ref (owner);
  self->index = index;
  return self;
}

/* the run, or NULL when the row belongs to something else */
GradlensRun *
gradlens_param_get_run (GradlensParam *self)
{
  g_return_val_if_fail (GRADLENS_IS_PARAM (self), NULL);

  return GRADLENS_IS_RUN (self->owner) ? GRADLENS_RUN (self->owner) : NULL;
}

gpointer
gradlens_param_get_owner (GradlensParam *self)
{
  g_return_val_if_fail (GRADLENS_IS_PARAM (self), NULL);

  return self->owner;
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

  g_return_val_if_fail (GRADLENS_IS_RUN (self->owner), NULL);

  return gradlens_run_dup_cell (GRADLENS_RUN (self->owner), self->index, column, FALSE);
}
