/* gradlens-progress.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "gradlens-progress.h"

/* How long a computation may take before the progress bar shows (ms) */
#define PROGRESS_DELAY_MS 150

struct _GradlensProgress
{
  GObject         parent_instance;

  /* Borrowed: widgets of the window, which outlives this */
  GtkRevealer    *revealer;
  GtkProgressBar *bar;

  /* Owned */
  GradlensJob    *job;
  char           *text;
  guint           timeout_id;
  guint           pulse_id;
};

G_DEFINE_FINAL_TYPE (GradlensProgress, gradlens_progress, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_text (GradlensProgress *self,
          char             *text)
{
  if (g_strcmp0 (text, self->text) == 0)
    {
      g_free (text);
      return;
    }
  g_free (self->text);
  self->text = text;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* the bar, and the header's line once the bar shows */
static void
update (GradlensProgress *self)
{
  double fraction;
  char *text;

  if (self->job == NULL)
    return;
  fraction = gradlens_job_get_fraction (self->job);
  gtk_progress_bar_set_fraction (self->bar, fraction);
  if (!gtk_revealer_get_reveal_child (self->revealer))
    return;
  if (gradlens_job_get_kind (self->job) == GRADLENS_JOB_SWEEP)
    /* Translators: progress of a depth sweep, in the header bar */
    text = g_strdup_printf (_("Sweeping… %.0f %%"), 100.0 * fraction);
  else if (gradlens_job_get_kind (self->job) == GRADLENS_JOB_TRAIN)
    /* Translators: progress of a training, in the header bar */
    text = g_strdup_printf (_("Training… %.0f %%"), 100.0 * fraction);
  else if (gradlens_job_get_n_items (self->job) > 1)
    {
      guint n = gradlens_job_get_n_items (self->job);
      guint done = gradlens_job_get_n_done (self->job);

      /* Translators: progress of a computation of several runs, in the header bar */
      text = g_strdup_printf (_("Computing run %u of %u… %.0f %%"), MIN (done + 1, n), n, 100.0 * fraction);
    }
  else
    /* Translators: progress of a computation, in the header bar */
    text = g_strdup_printf (_("Computing… %.0f %%"), 100.0 * fraction);
  set_text (self, text);
}

/* a single long run reports no fraction until it ends: show that it works */
static gboolean
pulse_cb (gpointer user_data)
{
  GradlensProgress *self = user_data;

  if (self->job == NULL || gradlens_job_get_fraction (self->job) > 0.0)
    {
      self->pulse_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_progress_bar_pulse (self->bar);
  return G_SOURCE_CONTINUE;
}

static gboolean
show_cb (gpointer user_data)
{
  GradlensProgress *self = user_data;

  self->timeout_id = 0;
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  update (self);
  if (self->job != NULL && gradlens_job_get_fraction (self->job) == 0.0 && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (120, pulse_cb, self);
  return G_SOURCE_REMOVE;
}

static void
gradlens_progress_dispose (GObject *object)
{
  gradlens_progress_end (GRADLENS_PROGRESS (object));

  G_OBJECT_CLASS (gradlens_progress_parent_class)->dispose (object);
}

static void
gradlens_progress_finalize (GObject *object)
{
  g_free (GRADLENS_PROGRESS (object)->text);

  G_OBJECT_CLASS (gradlens_progress_parent_class)->finalize (object);
}

static void
gradlens_progress_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, GRADLENS_PROGRESS (object)->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gradlens_progress_class_init (GradlensProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gradlens_progress_dispose;
  object_class->finalize = gradlens_progress_finalize;
  object_class->get_property = gradlens_progress_get_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gradlens_progress_init (GradlensProgress *self)
{
}

GradlensProgress *
gradlens_progress_new (GtkRevealer    *revealer,
                       GtkProgressBar *bar)
{
  GradlensProgress *self;

  g_return_val_if_fail (GTK_IS_REVEALER (revealer), NULL);
  g_return_val_if_fail (GTK_IS_PROGRESS_BAR (bar), NULL);

  self = g_object_new (GRADLENS_TYPE_PROGRESS, NULL);
  self->revealer = revealer;
  self->bar = bar;
  return self;
}

/* a computation starts: the bar shows only if it takes a while */
void
gradlens_progress_begin (GradlensProgress *self,
                         GradlensJob      *job)
{
  g_return_if_fail (GRADLENS_IS_PROGRESS (self));
  g_return_if_fail (GRADLENS_IS_JOB (job));

  gradlens_progress_end (self);
  self->job = g_object_ref (job);
  gtk_progress_bar_set_fraction (self->bar, 0.0);
  gtk_progress_bar_set_show_text (self->bar, FALSE);
  self->timeout_id = g_timeout_add (PROGRESS_DELAY_MS, show_cb, self);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::n-done", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}

void
gradlens_progress_end (GradlensProgress *self)
{
  g_return_if_fail (GRADLENS_IS_PROGRESS (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  if (self->revealer != NULL && gtk_revealer_get_reveal_child (self->revealer))
    gtk_revealer_set_reveal_child (self->revealer, FALSE);
  set_text (self, NULL);
}

/* Returns: (nullable): the line for the header while the bar shows */
const char *
gradlens_progress_get_text (GradlensProgress *self)
{
  g_return_val_if_fail (GRADLENS_IS_PROGRESS (self), NULL);

  return self->text;
}
