/* test-train.c - gradlens_train: seeds and their statistics, progress,
 * cancellation, settings and their messages, the "train" object of
 * presets, the JSON and CSV output and its number formatting
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "gradlens-error.h"
#include "gradlens-preset.h"
#include "gradlens-train.h"

static GradlensRunConfig *
notebook (int seeds)
{
  GradlensRunConfig *c = gradlens_run_config_new ();

  c->seeds = seeds;
  return c;
}

static GradlensTrainSettings
settings_of (int         steps,
             NnOptimizer optimizer,
             double      lr,
             double      momentum)
{
  GradlensTrainSettings s;

  gradlens_train_settings_init (&s);
  s.steps = steps;
  s.optimizer = optimizer;
  s.lr = lr;
  s.momentum = momentum;
  return s;
}

/* ---- seeds ------------------------------------------------------------ */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Seeds s..s+N-1 on two threads give each seed's own training, bit for
 * bit; the statistics are numpy's quantiles of those per step. */
static void
test_seeds (void)
{
  g_autoptr(GradlensRunConfig) c = notebook (4);
  GradlensTrainSettings s = settings_of (12, NN_OPTIM_SGD, 0.2, 0.9);
  g_autoptr(GradlensTrainResult) all = NULL;
  g_autoptr(GError) error = NULL;

  c->seed = 5;
  c->nn.activation = NN_ACT_TANH;
  all = gradlens_train (c, &s, 2, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (all->loss_stats);

  for (int i = 0; i < 4; i++)
    {
      g_autoptr(GradlensRunConfig) one = notebook (1);
      g_autoptr(GradlensTrainResult) r = NULL;

      one->seed = 5 + i;
      one->nn.activation = NN_ACT_TANH;
      r = gradlens_train (one, &s, 1, 0, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_null (r->loss_stats);
      g_assert_cmpmem (r->losses, sizeof (double) * 12, all->losses + i * 12, sizeof (double) * 12);
      g_assert_cmpmem (r->norms, sizeof (double) * 12 * r->n_params, all->norms + (gsize) i * 12 * r->n_params,
                       sizeof (double) * 12 * r->n_params);
      g_assert_cmpmem (r->weight_change, sizeof (double) * 12 * r->depth,
                       all->weight_change + (gsize) i * 12 * r->depth, sizeof (double) * 12 * r->depth);
    }

  for (int t = 0; t < 12; t++)
    {
      double v[4];

      for (int i = 0; i < 4; i++)
        v[i] = all->norms[((gsize) i * 12 + t) * all->n_params + 3];
      qsort (v, 4, sizeof (double), compare_doubles);
      /* numpy: q1 at position 0.75, median at 1.5, q3 at 2.25 */
      g_assert_cmpfloat (all->norm_stats[t * all->n_params + 3].min, ==, v[0]);
      g_assert_cmpfloat_with_epsilon (all->norm_stats[t * all->n_params + 3].q1, v[0] + 0.75 * (v[1] - v[0]),
                                      1e-15 * v[3]);
      g_assert_cmpfloat_with_epsilon (all->norm_stats[t * all->n_params + 3].median, v[1] + 0.5 * (v[2] - v[1]),
                                      1e-15 * v[3]);
      g_assert_cmpfloat_with_epsilon (all->norm_stats[t * all->n_params + 3].q3, v[2] + 0.25 * (v[3] - v[2]),
                                      1e-15 * v[3]);
      g_assert_cmpfloat (all->norm_stats[t * all->n_params + 3].max, ==, v[3]);
      for (int i = 0; i < 4; i++)
        v[i] = all->losses[i * 12 + t];
      qsort (v, 4, sizeof (double), compare_doubles);
      g_assert_cmpfloat_with_epsilon (all->loss_stats[t].median, (v[1] + v[2]) / 2, 1e-15 * v[3]);
    }
}

/* ---- progress and cancellation ------------------------------------------ */

typedef struct
{
  guint         calls;
  guint         last;
  guint         total;
  guint         cancel_at;     /* cancel when done reaches this (0: never) */
  guint         after_cancel;  /* calls after the cancel */
  GCancellable *cancellable;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *p = user_data;

  if (p->cancellable != NULL && g_cancellable_is_cancelled (p->cancellable))
    p->after_cancel++;
  g_assert_cmpuint (done, >, p->last);
  g_assert_cmpuint (done, <=, total);
  p->calls++;
  p->last = done;
  p->total = total;
  if (p->cancel_at > 0 && done >= p->cancel_at && p->cancellable != NULL)
    g_cancellable_cancel (p->cancellable);
}

static void
test_progress (void)
{
  g_autoptr(GradlensRunConfig) c = notebook (3);
  GradlensTrainSettings s = settings_of (1000, NN_OPTIM_ADAM, 0.01, 0);
  g_autoptr(GradlensTrainResult) r = NULL;
  g_autoptr(GError) error = NULL;
  Progress p = { 0 };

  r = gradlens_train (c, &s, 2, 0, on_progress, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p.total, ==, 3000);
  g_assert_cmpuint (p.last, ==, 3000);
  /* every 10 steps of each seed: at most 100 reports per seed */
  g_assert_cmpuint (p.calls, ==, 300);
}

/* cancelled from the progress callback at a known step: the training stops
 * there with G_IO_ERROR_CANCELLED and reports nothing more */
static void
test_cancel (void)
{
  g_autoptr(GradlensRunConfig) c = notebook (1);
  GradlensTrainSettings s = settings_of (5000, NN_OPTIM_SGD, 0.1, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GradlensTrainResult *r;
  Progress p = { 0 };

  p.cancellable = cancellable;
  p.cancel_at = 500;
  r = gradlens_train (c, &s, 1, 0, on_progress, &p, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (p.last, ==, 500);
  g_assert_cmpuint (p.after_cancel, ==, 0);
}

static void
test_cancel_before (void)
{
  g_autoptr(GradlensRunConfig) c = notebook (8);
  GradlensTrainSettings s = settings_of (100, NN_OPTIM_SGD, 0.1, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress p = { 0 };

  g_cancellable_cancel (cancellable);
  g_assert_null (gradlens_train (c, &s, 2, 0, on_progress, &p, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (p.calls, ==, 0);
}

/* the live form: at every report the steps done so far are final, and the
 * whole equals gradlens_train's */
typedef struct
{
  GradlensTrainResult *result;
  GMutex               lock;
  guint                reports;
} Live;

static void
on_live_progress (guint    done,
                  guint    total,
                  gpointer user_data)
{
  Live *live = user_data;
  GradlensTrainResult *r = live->result;

  g_mutex_lock (&live->lock);
  for (guint t = 0; t < done; t++)
    {
      g_assert_true (r->losses[t] > 0);
      for (int p = 0; p < r->n_params; p++)
        g_assert_true (r->norms[t * r->n_params + p] > 0);
    }
  live->reports++;
  g_mutex_unlock (&live->lock);
}

static void
test_live (void)
{
  g_autoptr(GradlensRunConfig) c = notebook (1);
  GradlensTrainSettings s = settings_of (300, NN_OPTIM_ADAM, 0.01, 0);
  g_autoptr(GradlensTrainResult) whole = NULL;
  g_autoptr(GradlensTrainResult) live_result = gradlens_train_result_new (c, &s);
  g_autoptr(GError) error = NULL;
  Live live = { live_result, { 0 }, 0 };

  g_mutex_init (&live.lock);
  g_assert_true (gradlens_train_into (live_result, 1, GRADLENS_DEFAULT_MEMORY_LIMIT, on_live_progress, &live,
                                      NULL, &error));
  g_assert_no_error (error);
  g_mutex_clear (&live.lock);
  g_assert_cmpuint (live.reports, ==, 100);
  whole = gradlens_train (c, &s, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (whole->losses, 300 * sizeof (double), live_result->losses, 300 * sizeof (double));
  g_assert_cmpmem (whole->norms, 3000 * sizeof (double), live_result->norms, 3000 * sizeof (double));
}

/* work whose results alone pass the memory limit is refused before it
 * starts, with the estimate and what to change */
static void
test_memory_limit (void)
{
  g_autoptr(GradlensRunConfig) c = notebook (10000);
  GradlensTrainSettings s = settings_of (GRADLENS_TRAIN_MAX_STEPS, NN_OPTIM_SGD, 0.1, 0);
  g_autoptr(GError) error = NULL;

  g_assert_null (gradlens_train (c, &s, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, NULL, NULL, NULL, &error));
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "100000 steps of results for 10000 seeds"));
  g_assert_nonnull (strstr (error->message, "GiB"));
  g_assert_nonnull (strstr (error->message, "fewer steps"));
}

/* ---- settings ------------------------------------------------------------ */

static void
test_settings_messages (void)
{
  static const struct
  {
    const char *option;
    const char *text;
    const char *allowed;
  } bad[] = {
    { "steps", "0", "an integer from 1 to 100000" },
    { "steps", "100001", "an integer from 1 to 100000" },
    { "steps", "-5", "an integer from 1 to 100000" },
    { "steps", "2.5", "an integer from 1 to 100000" },
    { "steps", "ten", "an integer from 1 to 100000" },
    { "steps", "", "an integer from 1 to 100000" },
    { "steps", "99999999999999999999", "an integer from 1 to 100000" },
    { "optimizer", "rmsprop", "one of sgd, adam" },
    { "optimizer", "SGD", "one of sgd, adam" },
    { "lr", "-0.1", "a number from 0 to 1000" },
    { "lr", "1001", "a number from 0 to 1000" },
    { "lr", "nan", "a number from 0 to 1000" },
    { "lr", "inf", "a number from 0 to 1000" },
    { "lr", "0.1x", "a number from 0 to 1000" },
    { "momentum", "1.5", "a number from 0 to 1" },
    { "momentum", "-1e-9", "a number from 0 to 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      GradlensTrainSettings s;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("--%s: invalid value “%s”; expected %s", bad[i].option,
                                                   bad[i].text, bad[i].allowed);

      gradlens_train_settings_init (&s);
      g_assert_false (gradlens_train_settings_parse (&s, bad[i].option, bad[i].text, &error));
      g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE);
      g_assert_cmpstr (error->message, ==, expected);
    }

  {
    GradlensTrainSettings s;
    g_autoptr(GError) error = NULL;

    gradlens_train_settings_init (&s);
    g_assert_true (gradlens_train_settings_parse (&s, "optimizer", "adam", &error));
    g_assert_true (gradlens_train_settings_parse (&s, "momentum", "0.9", &error));
    g_assert_true (gradlens_train_settings_parse (&s, "steps", "100000", &error));
    g_assert_true (gradlens_train_settings_parse (&s, "lr", "0", &error));
    g_assert_no_error (error);
    g_assert_false (gradlens_train_settings_validate (&s, GRADLENS_NAMING_OPTION, &error));
    g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE);
    g_assert_nonnull (strstr (error->message, "--momentum: invalid value “0.9” with --optimizer adam"));
    g_clear_error (&error);
    g_assert_false (gradlens_train_settings_validate (&s, GRADLENS_NAMING_PRESET, &error));
    g_assert_nonnull (strstr (error->message, "train.momentum: invalid value “0.9” with train.optimizer adam"));
  }
}

/* ---- presets ------------------------------------------------------------- */

#define PRESET_HEAD "{\"format\": \"gradlens-preset\", \"version\": 1, \"runs\": [{}]"

static void
test_preset_train (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) old = gradlens_preset_load_data (PRESET_HEAD "}", -1, "old.json", &error);
  g_autoptr(GradlensPreset) p = NULL;
  g_autoptr(GradlensPreset) back = NULL;
  g_autofree char *text = NULL;
  g_autofree char *old_text = NULL;

  /* a preset without "train" loads as before, and saves without one */
  g_assert_no_error (error);
  g_assert_false (old->has_train);
  old_text = gradlens_preset_to_data (old);
  g_assert_null (strstr (old_text, "\"train\""));

  p = gradlens_preset_load_data (PRESET_HEAD ", \"train\": {\"steps\": 250, \"optimizer\": \"sgd\", "
                                 "\"lr\": 0.05, \"momentum\": 0.9}}", -1, "p.json", &error);
  g_assert_no_error (error);
  g_assert_true (p->has_train);
  g_assert_cmpint (p->train.steps, ==, 250);
  g_assert_cmpint (p->train.optimizer, ==, NN_OPTIM_SGD);
  g_assert_cmpfloat (p->train.lr, ==, 0.05);
  g_assert_cmpfloat (p->train.momentum, ==, 0.9);

  text = gradlens_preset_to_data (p);
  back = gradlens_preset_load_data (text, -1, "back.json", &error);
  g_assert_no_error (error);
  g_assert_true (back->has_train);
  g_assert_cmpmem (&back->train, sizeof back->train, &p->train, sizeof p->train);

  /* missing keys take the defaults */
  g_clear_pointer (&p, gradlens_preset_free);
  p = gradlens_preset_load_data (PRESET_HEAD ", \"train\": {\"optimizer\": \"adam\"}}", -1, "p.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->train.steps, ==, 100);
  g_assert_cmpint (p->train.optimizer, ==, NN_OPTIM_ADAM);
  g_assert_cmpfloat (p->train.lr, ==, 0.1);
}

static void
test_preset_train_invalid (void)
{
  static const struct
  {
    const char *train;
    const char *message;
  } bad[] = {
    { "[]", "Could not read “p.json”: train: expected an object with steps, optimizer, lr and momentum, found an array" },
    { "{\"step\": 10}", "Could not read “p.json”: train: unknown key “step”; expected one of steps, optimizer, lr, momentum" },
    { "{\"steps\": 0}", "Could not read “p.json”: train.steps: invalid value “0”; expected an integer from 1 to 100000" },
    { "{\"steps\": 2.5}", "Could not read “p.json”: train.steps: expected an integer from 1 to 100000, found the number 2.5" },
    { "{\"steps\": \"10\"}", "Could not read “p.json”: train.steps: expected an integer from 1 to 100000, found the string “10”" },
    { "{\"optimizer\": \"adagrad\"}", "Could not read “p.json”: train.optimizer: invalid value “adagrad”; expected one of sgd, adam" },
    { "{\"optimizer\": 1}", "Could not read “p.json”: train.optimizer: expected a string (one of sgd, adam), found the number 1" },
    { "{\"lr\": -1}", "Could not read “p.json”: train.lr: invalid value “-1”; expected a number from 0 to 1000" },
    { "{\"lr\": null}", "Could not read “p.json”: train.lr: expected a number from 0 to 1000, found null" },
    { "{\"momentum\": 2.0}", "Could not read “p.json”: train.momentum: invalid value “2”; expected a number from 0 to 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf (PRESET_HEAD ", \"train\": %s}", bad[i].train);

      g_assert_null (gradlens_preset_load_data (text, -1, "p.json", &error));
      g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

/* ---- output ---------------------------------------------------------------- */

static JsonObject *
parse_train_json (const char  *text,
                  JsonParser **parser)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  *parser = json_parser_new ();
  json_parser_load_from_data (*parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (*parser));
  g_assert_cmpuint (json_object_get_size (root), ==, 1);
  return json_object_get_object_member (root, "train");
}

/* the pinned object, every number reading back as exactly the result's */
static void
test_json (void)
{
  g_autoptr(GradlensRunConfig) c = notebook (1);
  GradlensTrainSettings s = settings_of (30, NN_OPTIM_ADAM, 0.01, 0);
  g_autoptr(GradlensTrainResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  JsonObject *train;
  JsonArray *params, *steps;

  r = gradlens_train (c, &s, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = gradlens_train_to_json (r);
  train = parse_train_json (text, &parser);
  g_assert_cmpuint (json_object_get_size (train), ==, 2);
  params = json_object_get_array_member (train, "parameters");
  steps = json_object_get_array_member (train, "steps");
  g_assert_cmpuint (json_array_get_length (params), ==, 10);
  g_assert_cmpstr (json_array_get_string_element (params, 0), ==, "lin1.weight");
  g_assert_cmpstr (json_array_get_string_element (params, 9), ==, "lin5.bias");
  g_assert_cmpuint (json_array_get_length (steps), ==, 30);
  for (int t = 0; t < 30; t++)
    {
      JsonObject *o = json_array_get_object_element (steps, t);
      JsonArray *norms = json_object_get_array_member (o, "grad_norms");
      JsonArray *change = json_object_get_array_member (o, "weight_change");

      g_assert_cmpuint (json_object_get_size (o), ==, 4);
      g_assert_cmpint (json_object_get_int_member (o, "step"), ==, t);
      g_assert_cmpfloat (json_object_get_double_member (o, "loss"), ==, r->losses[t]);
      g_assert_cmpuint (json_array_get_length (norms), ==, 10);
      for (int p = 0; p < 10; p++)
        g_assert_cmpfloat (json_array_get_double_element (norms, p), ==, r->norms[t * 10 + p]);
      g_assert_cmpuint (json_array_get_length (change), ==, 5);
      for (int l = 0; l < 5; l++)
        g_assert_cmpfloat (json_array_get_double_element (change, l), ==, r->weight_change[t * 5 + l]);
    }
}

/* zero initial weights: weight_change null (and no "non_finite"); a
 * diverging training: nulls with "non_finite" saying what they were */
static void
test_json_null_and_non_finite (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) parser2 = NULL;
  g_autoptr(GradlensRunConfig) zero = notebook (1);
  g_autoptr(GradlensRunConfig) wild = notebook (1);
  GradlensTrainSettings s = settings_of (5, NN_OPTIM_SGD, 0.1, 0);
  GradlensTrainSettings huge = settings_of (40, NN_OPTIM_SGD, 1000, 0);
  g_autoptr(GradlensTrainResult) r = NULL;
  g_autoptr(GradlensTrainResult) w = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  JsonArray *steps;
  gboolean saw_non_finite = FALSE;

  zero->nn.init = NN_INIT_NORMAL;
  zero->nn.std = 0;
  r = gradlens_train (zero, &s, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = gradlens_train_to_json (r);
  steps = json_object_get_array_member (parse_train_json (text, &parser), "steps");
  for (guint t = 0; t < json_array_get_length (steps); t++)
    {
      JsonObject *o = json_array_get_object_element (steps, t);
      JsonArray *change = json_object_get_array_member (o, "weight_change");

      g_assert_false (json_object_has_member (o, "non_finite"));
      for (guint l = 0; l < json_array_get_length (change); l++)
        g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (change, l)));
    }

  /* identity activations and lr 1000: the weights overflow within a few steps */
  wild->nn.activation = NN_ACT_IDENTITY;
  w = gradlens_train (wild, &huge, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text2 = gradlens_train_to_json (w);
  steps = json_object_get_array_member (parse_train_json (text2, &parser2), "steps");
  for (guint t = 0; t < json_array_get_length (steps); t++)
    {
      JsonObject *o = json_array_get_object_element (steps, t);
      JsonObject *nf;

      if (!json_object_has_member (o, "non_finite"))
        {
          g_assert_true (isfinite (w->losses[t]));
          continue;
        }
      saw_non_finite = TRUE;
      nf = json_object_get_object_member (o, "non_finite");
      if (!isfinite (w->losses[t]))
        {
          g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "loss")));
          g_assert_cmpstr (json_object_get_string_member (nf, "loss"), ==, isnan (w->losses[t]) ? "nan" : "inf");
        }
      if (json_object_has_member (nf, "grad_norms"))
        {
          JsonArray *kinds = json_object_get_array_member (nf, "grad_norms");
          JsonArray *norms = json_object_get_array_member (o, "grad_norms");

          for (int p = 0; p < w->n_params; p++)
            {
              double v = w->norms[t * w->n_params + p];

              g_assert_cmpint (JSON_NODE_HOLDS_NULL (json_array_get_element (norms, p)), ==, !isfinite (v));
              if (isfinite (v))
                g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (kinds, p)));
              else
                g_assert_cmpstr (json_array_get_string_element (kinds, p), ==, isnan (v) ? "nan" : "inf");
            }
        }
    }
  g_assert_true (saw_non_finite);
}

static void
test_json_seeds (void)
{
  g_autoptr(GradlensRunConfig) c = notebook (3);
  GradlensTrainSettings s = settings_of (4, NN_OPTIM_SGD, 0.1, 0);
  g_autoptr(GradlensTrainResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  JsonArray *steps;

  r = gradlens_train (c, &s, 0, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = gradlens_train_to_json (r);
  steps = json_object_get_array_member (parse_train_json (text, &parser), "steps");
  for (int t = 0; t < 4; t++)
    {
      JsonObject *o = json_array_get_object_element (steps, t);
      JsonObject *stats = json_object_get_object_member (o, "stats");
      JsonObject *loss = json_object_get_object_member (stats, "loss");
      JsonArray *norms = json_object_get_array_member (stats, "grad_norms");
      JsonArray *change = json_object_get_array_member (stats, "weight_change");

      g_assert_cmpfloat (json_object_get_double_member (o, "loss"), ==, r->loss_stats[t].median);
      g_assert_cmpfloat (json_object_get_double_member (loss, "median"), ==, r->loss_stats[t].median);
      g_assert_cmpfloat (json_object_get_double_member (loss, "q1"), ==, r->loss_stats[t].q1);
      g_assert_cmpuint (json_array_get_length (norms), ==, 10);
      g_assert_cmpuint (json_array_get_length (change), ==, 5);
      for (int p = 0; p < 10; p++)
        {
          JsonObject *st = json_array_get_object_element (norms, p);

          g_assert_cmpfloat (json_object_get_double_member (st, "min"), ==, r->norm_stats[t * 10 + p].min);
          g_assert_cmpfloat (json_object_get_double_member (st, "max"), ==, r->norm_stats[t * 10 + p].max);
          g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (o, "grad_norms"), p),
                             ==, r->norm_stats[t * 10 + p].median);
        }
    }
}

static void
test_csv (void)
{
  g_autoptr(GradlensRunConfig) c = notebook (1);
  GradlensTrainSettings s = settings_of (7, NN_OPTIM_SGD, 0.1, 0.5);
  g_autoptr(GradlensTrainResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) row = NULL;

  r = gradlens_train (c, &s, 1, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = gradlens_train_to_csv (r);
  lines = g_strsplit (text, "\r\n", -1);
  /* a header, 7 steps x 10 parameters, and the empty string after the last \r\n */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 70 + 1);
  g_assert_cmpstr (lines[0], ==, "step,parameter,layer,kind,loss,grad_norm,weight_change");
  row = g_strsplit (lines[1 + 6 * 10 + 2], ",", -1);   /* step 6, lin2.weight */
  g_assert_cmpuint (g_strv_length (row), ==, 7);
  g_assert_cmpstr (row[0], ==, "6");
  g_assert_cmpstr (row[1], ==, "lin2.weight");
  g_assert_cmpstr (row[2], ==, "2");
  g_assert_cmpstr (row[3], ==, "weight");
  g_assert_cmpfloat (g_ascii_strtod (row[4], NULL), ==, r->losses[6]);
  g_assert_cmpfloat (g_ascii_strtod (row[5], NULL), ==, r->norms[6 * 10 + 2]);
  g_assert_cmpfloat (g_ascii_strtod (row[6], NULL), ==, r->weight_change[6 * 5 + 1]);
  g_clear_pointer (&row, g_strfreev);
  row = g_strsplit (lines[1 + 6 * 10 + 3], ",", -1);   /* lin2.bias: no weight change */
  g_assert_cmpstr (row[6], ==, "");
}

/* ---- numbers ------------------------------------------------------------- */

static void
test_format_double (void)
{
  static const struct
  {
    double      v;
    const char *text;
  } fixed[] = {
    { 1.0, "1.0" }, { 0.25, "0.25" }, { -2.5, "-2.5" }, { 0.0, "0.0" }, { 100.0, "100.0" },
    { 0.1, "0.10000000000000001" }, { 1e-5, "1.0000000000000001e-05" }, { 0.0001, "0.0001" },
    { 1e16, "1e+16" }, { 123456789012345.0, "123456789012345.0" }, { 1.5e-7, "1.4999999999999999e-07" },
    { 5e-324, "4.9406564584124654e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 0.10000000149011612, "0.10000000149011612" }, { 3e-30, "2.9999999999999999e-30" },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      char buf[40];

      gradlens_format_double (buf, fixed[i].v);
      g_assert_cmpstr (buf, ==, fixed[i].text);
    }
  /* every finite double reads back as itself: random bit patterns, and
   * float32 values as training gives them */
  for (int i = 0; i < 200000; i++)
    {
      char buf[40];
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      double v;
      int n;

      memcpy (&v, &bits, sizeof v);
      if (i % 2 == 1)
        v = (double) (float) (g_rand_double (rand) * pow (10, g_rand_int_range (rand, -40, 20)));
      if (!isfinite (v))
        continue;
      n = gradlens_format_double (buf, v);
      g_assert_cmpint (n, ==, (int) strlen (buf));
      if (g_ascii_strtod (buf, NULL) != v || (v == 0 && signbit (v) != signbit (g_ascii_strtod (buf, NULL))))
        g_error ("%.17g (%016" G_GINT64_MODIFIER "x) printed as %s", v, bits, buf);
      /* JSON's number syntax: digits, a point or an exponent */
      g_assert_true (strchr (buf, '.') != NULL || strchr (buf, 'e') != NULL);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gradlens/train/seeds", test_seeds);
  g_test_add_func ("/gradlens/train/progress", test_progress);
  g_test_add_func ("/gradlens/train/cancel", test_cancel);
  g_test_add_func ("/gradlens/train/cancel-before", test_cancel_before);
  g_test_add_func ("/gradlens/train/live", test_live);
  g_test_add_func ("/gradlens/train/memory-limit", test_memory_limit);
  g_test_add_func ("/gradlens/train/settings-messages", test_settings_messages);
  g_test_add_func ("/gradlens/train/preset", test_preset_train);
  g_test_add_func ("/gradlens/train/preset-invalid", test_preset_train_invalid);
  g_test_add_func ("/gradlens/train/json", test_json);
  g_test_add_func ("/gradlens/train/json-null-non-finite", test_json_null_and_non_finite);
  g_test_add_func ("/gradlens/train/json-seeds", test_json_seeds);
  g_test_add_func ("/gradlens/train/csv", test_csv);
  g_test_add_func ("/gradlens/train/format-double", test_format_double);

  return g_test_run ();
}
