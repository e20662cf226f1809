/* gradlens-train.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gradlens-error.h"
#include "gradlens-export.h"
#include "gradlens-runner.h"
#include "gradlens-train.h"
#include "mlp.h"
#include "train.h"

/* ---- settings ---------------------------------------------------------- */

typedef enum
{
  KEY_STEPS,
  KEY_OPTIMIZER,
  KEY_LR,
  KEY_MOMENTUM,
  N_KEYS
} TrainKey;

static const char * const key_names[N_KEYS] = { "steps", "optimizer", "lr", "momentum" };

/* the numbers' ranges, for forms (the app's Training view) and the checks below */
static const GradlensField number_fields[N_KEYS] = {
  [KEY_STEPS] = { "train", "steps", "steps", GRADLENS_FIELD_INT, 1, GRADLENS_TRAIN_MAX_STEPS, NULL, 0, NULL },
  [KEY_LR] = { "train", "lr", "lr", GRADLENS_FIELD_DOUBLE, 0, GRADLENS_TRAIN_MAX_LR, NULL, 0, NULL },
  [KEY_MOMENTUM] = { "train", "momentum", "momentum", GRADLENS_FIELD_DOUBLE, 0, 1, NULL, 0, NULL },
};

void
gradlens_train_settings_init (GradlensTrainSettings *s)
{
  s->steps = 100;
  s->optimizer = NN_OPTIM_SGD;
  s->lr = 0.1;
  s->momentum = 0;
}

void
gradlens_train_settings_to_optim (const GradlensTrainSettings *s,
                                  NnOptimConfig               *optim)
{
  nn_optim_config_init_default (optim);
  optim->kind = s->optimizer;
  optim->lr = s->lr;
  optim->momentum = s->optimizer == NN_OPTIM_SGD ? s->momentum : 0;
}

const char *
gradlens_train_settings_get_optimizer (const GradlensTrainSettings *settings)
{
  g_return_val_if_fail (settings != NULL, NULL);

  return nn_optimizer_name (settings->optimizer);
}

const GradlensField *
gradlens_train_field (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  for (int k = 0; k < N_KEYS; k++)
    if (number_fields[k].key != NULL && g_str_equal (number_fields[k].key, key))
      return &number_fields[k];
  return NULL;
}

static char *
describe_key (TrainKey       key,
              GradlensNaming naming)
{
  if (naming == GRADLENS_NAMING_OPTION)
    return g_strdup_printf ("--%s", key_names[key]);
  return g_strdup_printf ("train.%s", key_names[key]);
}

static const char *
allowed_of (TrainKey key)
{
  switch (key)
    {
    case KEY_STEPS:
      return "an integer from 1 to " G_STRINGIFY (GRADLENS_TRAIN_MAX_STEPS);
    case KEY_OPTIMIZER:
      return "one of sgd, adam";
    case KEY_LR:
      return "a number from 0 to 1000";
    case KEY_MOMENTUM:
      return "a number from 0 to 1";
    case N_KEYS:
    default:
      return "";
    }
}

/* a number for messages: the shortest of 15 or 17 digits that reads back */
static const char *
number_text (char   *buf,
             double  v)
{
  g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.17g", v);
  return buf;
}

static gboolean
invalid_value (GError     **error,
               const char  *where,
               TrainKey     key,
               const char  *value)
{
  g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
               "%s: invalid value “%s”; expected %s", where, value, allowed_of (key));
  return FALSE;
}

/* sets key from a number, checking its range */
static gboolean
set_number (GradlensTrainSettings  *s,
            TrainKey                key,
            double                  v,
            const char             *where,
            const char             *text,
            GError                **error)
{
  switch (key)
    {
    case KEY_STEPS:
      if (!(v >= number_fields[key].min && v <= number_fields[key].max) || v != floor (v))
        return invalid_value (error, where, key, text);
      s->steps = (int) v;
      return TRUE;
    case KEY_LR:
      if (!(isfinite (v) && v >= number_fields[key].min && v <= number_fields[key].max))
        return invalid_value (error, where, key, text);
      s->lr = v;
      return TRUE;
    case KEY_MOMENTUM:
      if (!(isfinite (v) && v >= number_fields[key].min && v <= number_fields[key].max))
        return invalid_value (error, where, key, text);
      s->momentum = v;
      return TRUE;
    case KEY_OPTIMIZER:
    case N_KEYS:
    default:
      g_assert_not_reached ();
      return FALSE;
    }
}

static gboolean
set_optimizer (GradlensTrainSettings  *s,
               const char             *where,
               const char             *text,
               GError                **error)
{
  int kind = nn_optimizer_from_name (text);

  if (kind < 0)
    return invalid_value (error, where, KEY_OPTIMIZER, text);
  s->optimizer = kind;
  return TRUE;
}

gboolean
gradlens_train_settings_validate (const GradlensTrainSettings  *s,
                                  GradlensNaming                naming,
                                  GError                      **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GradlensTrainSettings scratch = *s;
  g_autofree char *where = NULL;

  where = describe_key (KEY_STEPS, naming);
  g_snprintf (buf, sizeof buf, "%d", s->steps);
  if (!set_number (&scratch, KEY_STEPS, s->steps, where, buf, error))
    return FALSE;
  g_clear_pointer (&where, g_free);
  where = describe_key (KEY_OPTIMIZER, naming);
  if (nn_optimizer_name (s->optimizer) == NULL)
    {
      g_snprintf (buf, sizeof buf, "%d", (int) s->optimizer);
      return invalid_value (error, where, KEY_OPTIMIZER, buf);
    }
  g_clear_pointer (&where, g_free);
  where = describe_key (KEY_LR, naming);
  if (!set_number (&scratch, KEY_LR, s->lr, where, number_text (buf, s->lr), error))
    return FALSE;
  g_clear_pointer (&where, g_free);
  where = describe_key (KEY_MOMENTUM, naming);
  if (!set_number (&scratch, KEY_MOMENTUM, s->momentum, where,
                   number_text (buf, s->momentum), error))
    return FALSE;
  if (s->optimizer == NN_OPTIM_ADAM && s->momentum != 0)
    {
      g_autofree char *opt = describe_key (KEY_OPTIMIZER, naming);

      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                   "%s: invalid value “%s” with %s adam; momentum belongs to sgd "
                   "(Adam uses PyTorch's betas 0.9 and 0.999): expected 0 or %s sgd",
                   where, number_text (buf, s->momentum), opt, opt);
      return FALSE;
    }
  return TRUE;
}

static int
key_index (const char *name)
{
  for (int k = 0; k < N_KEYS; k++)
    if (g_strcmp0 (key_names[k], name) == 0)
      return k;
  return -1;
}

gboolean
gradlens_train_settings_parse (GradlensTrainSettings  *s,
                               const char             *option,
                               const char             *text,
                               GError                **error)
{
  int key = key_index (option);
  g_autofree char *where = NULL;
  char *end = NULL;
  double v;

  g_return_val_if_fail (key >= 0, FALSE);

  where = describe_key (key, GRADLENS_NAMING_OPTION);
  if (key == KEY_OPTIMIZER)
    return set_optimizer (s, where, text, error);
  errno = 0;
  if (key == KEY_STEPS)
    {
      gint64 n = g_ascii_strtoll (text, &end, 10);

      if (text[0] == '\0' || *end != '\0' || errno != 0)
        return invalid_value (error, where, key, text);
      v = n < -1 ? -1 : n > GRADLENS_TRAIN_MAX_STEPS ? GRADLENS_TRAIN_MAX_STEPS + 1 : (double) n;
    }
  else
    {
      v = g_ascii_strtod (text, &end);
      if (text[0] == '\0' || *end != '\0' || errno != 0)
        return invalid_value (error, where, key, text);
    }
  return set_number (s, key, v, where, text, error);
}

gboolean
gradlens_train_settings_load_json (GradlensTrainSettings  *s,
                                   JsonNode               *node,
                                   const char             *where,
                                   GError                **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *found = gradlens_json_describe (node);

      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET,
                   "%s: expected an object with steps, optimizer, lr and momentum, found %s", where, found);
      return FALSE;
    }
  obj = json_node_get_object (node);
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (obj, name);
      GType t = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;
      g_autofree char *path = g_strdup_printf ("%s.%s", where, name);
      g_autofree char *found = gradlens_json_describe (value);
      int key = key_index (name);
      gboolean ok;

      if (key < 0)
        {
          g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET,
                       "%s: unknown key “%s”; expected one of steps, optimizer, lr, momentum", where, name);
          return FALSE;
        }
      if (key == KEY_OPTIMIZER)
        {
          if (t != G_TYPE_STRING)
            {
              g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET,
                           "%s: expected a string (%s), found %s", path, allowed_of (key), found);
              return FALSE;
            }
          ok = set_optimizer (s, path, json_node_get_string (value), error);
        }
      else if (key == KEY_STEPS ? t != G_TYPE_INT64 : (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE))
        {
          g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET, "%s: expected %s, found %s",
                       path, allowed_of (key), found);
          return FALSE;
        }
      else
        {
          double v = t == G_TYPE_INT64 ? (double) json_node_get_int (value) : json_node_get_double (value);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          if (t == G_TYPE_INT64)
            g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (value));
          else
            number_text (buf, v);
          ok = set_number (s, key, v, path, buf, error);
        }
      if (!ok)
        {
          (*error)->code = GRADLENS_ERROR_INVALID_PRESET;
          return FALSE;
        }
    }
  if (!gradlens_train_settings_validate (s, GRADLENS_NAMING_PRESET, error))
    {
      (*error)->code = GRADLENS_ERROR_INVALID_PRESET;
      return FALSE;
    }
  return TRUE;
}

void
gradlens_train_settings_build_json (const GradlensTrainSettings *s,
                                    JsonBuilder                 *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "steps");
  json_builder_add_int_value (b, s->steps);
  json_builder_set_member_name (b, "optimizer");
  json_builder_add_string_value (b, nn_optimizer_name (s->optimizer));
  json_builder_set_member_name (b, "lr");
  json_builder_add_double_value (b, s->lr);
  json_builder_set_member_name (b, "momentum");
  json_builder_add_double_value (b, s->momentum);
  json_builder_end_object (b);
}

/* ---- training ---------------------------------------------------------- */

typedef struct
{
  const GradlensRunConfig     *config;
  NnOptimConfig                optim;
  GradlensTrainResult         *result;
  GradlensProgressFunc         progress;
  gpointer                     user_data;
  atomic_int                   cancel;     /* read by the network between layers, set by any thread */
  gint                         next_seed;  /* atomic */
  gint                         done;       /* atomic: finished steps */
  GMutex                       progress_lock;
  gint                         failed;     /* atomic: out of memory */
} TrainShared;

static void
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  TrainShared *shared = user_data;

  atomic_store (&shared->cancel, 1);
}

static void
report (TrainShared *shared,
        int          steps)
{
  GradlensTrainResult *r = shared->result;
  guint done;

  if (shared->progress == NULL)
    {
      g_atomic_int_add (&shared->done, steps);
      return;
    }
  /* counting and reporting under one lock keeps the counts in order */
  g_mutex_lock (&shared->progress_lock);
  done = (guint) g_atomic_int_add (&shared->done, steps) + (guint) steps;
  shared->progress (done, (guint) r->n_seeds * (guint) r->n_steps, shared->user_data);
  g_mutex_unlock (&shared->progress_lock);
}

static gpointer
train_worker (gpointer data)
{
  TrainShared *shared = data;
  GradlensTrainResult *r = shared->result;
  NnMlp *mlp = nn_mlp_new (&shared->config->nn);
  NnTrainer *trainer = mlp != NULL ? nn_trainer_new (mlp, &shared->optim) : NULL;
  int stride = MAX (1, r->n_steps / 100);

  if (trainer == NULL)
    {
      nn_mlp_free (mlp);
      g_atomic_int_set (&shared->failed, 1);
      atomic_store (&shared->cancel, 1);
      return NULL;
    }
  nn_trainer_set_cancel_flag (trainer, &shared->cancel);

  for (;;)
    {
      int i = g_atomic_int_add (&shared->next_seed, 1);
      int reported = 0;

      if (i >= r->n_seeds || atomic_load (&shared->cancel))
        break;
      nn_mlp_setup (mlp, (guint64) (shared->config->seed + i));
      if (atomic_load (&shared->cancel))
        break;
      nn_trainer_start (trainer);
      for (int l = 0; l < r->depth; l++)
        r->has_change[(gsize) i * r->depth + l] = nn_trainer_has_weight_change (trainer, l);
      for (int t = 0; t < r->n_steps; t++)
        {
          gsize k = (gsize) i * r->n_steps + (gsize) t;
          double loss = nn_trainer_step (trainer, r->norms + k * r->n_params, r->weight_change + k * r->depth);

          if (atomic_load (&shared->cancel))
            break;
          r->losses[k] = loss;
          if ((t + 1) % stride == 0 || t + 1 == r->n_steps)
            {
              report (shared, t + 1 - reported);
              reported = t + 1;
            }
        }
    }
  nn_trainer_free (trainer);
  nn_mlp_free (mlp);
  return NULL;
}

/* the results, and the text `gradlens-cli train` writes from them: about 26
 * bytes a number in JSON, more in CSV (a row per parameter, the loss on
 * each), five times that with the statistics of several seeds */
static guint64
results_bytes (const GradlensRunConfig     *config,
               const GradlensTrainSettings *settings)
{
  guint64 per_step = 1 + (guint64) nn_config_n_params (&config->nn) + (guint64) config->nn.depth;
  guint64 bytes = (guint64) config->seeds * (guint64) settings->steps * per_step * sizeof (double);

  if (config->seeds > 1)
    bytes += (guint64) settings->steps * per_step * (sizeof (GradlensStats) + 5 * 120);
  else
    bytes += (guint64) settings->steps * per_step * 120;
  return bytes;
}

guint64
gradlens_train_memory (const GradlensRunConfig     *config,
                       const GradlensTrainSettings *settings,
                       guint                        n_threads)
{
  NnOptimConfig optim;

  gradlens_train_settings_to_optim (settings, &optim);
  return (gradlens_run_config_memory (config) + nn_trainer_bytes (&config->nn, &optim)) * MAX (n_threads, 1)
         + results_bytes (config, settings);
}

static GradlensTrainResult *
result_new (const GradlensRunConfig     *config,
            const GradlensTrainSettings *settings)
{
  GradlensTrainResult *r = g_new0 (GradlensTrainResult, 1);
  gsize n_values;

  gradlens_run_config_copy (&r->config, config);
  r->train = *settings;
  r->n_params = nn_config_n_params (&config->nn);
  r->depth = config->nn.depth;
  r->n_steps = settings->steps;
  r->n_seeds = config->seeds;
  r->names = g_new0 (char *, r->n_params + 1);
  for (int p = 0; p < r->n_params; p++)
    {
      int layer;
      NnParamKind kind;

      nn_config_param_info (&config->nn, p, &layer, &kind);
      r->names[p] = gradlens_param_name (layer, kind);
    }
  n_values = (gsize) r->n_seeds * (gsize) r->n_steps;
  r->losses = g_try_new0 (double, n_values);
  r->norms = g_try_new0 (double, n_values * r->n_params);
  r->weight_change = g_try_new0 (double, n_values * r->depth);
  r->has_change = g_try_new0 (gboolean, (gsize) r->n_seeds * r->depth);
  if (r->losses == NULL || r->norms == NULL || r->weight_change == NULL || r->has_change == NULL)
    {
      gradlens_train_result_free (r);
      return NULL;
    }
  return r;
}

void
gradlens_train_result_free (GradlensTrainResult *r)
{
  if (r == NULL)
    return;
  gradlens_run_config_clear (&r->config);
  g_strfreev (r->names);
  g_free (r->losses);
  g_free (r->norms);
  g_free (r->weight_change);
  g_free (r->has_change);
  g_free (r->loss_stats);
  g_free (r->norm_stats);
  g_free (r->change_stats);
  g_free (r->change_stats_defined);
  g_free (r);
}

static void
compute_stats (GradlensTrainResult *r)
{
  g_autofree double *column = g_new (double, r->n_seeds);
  gsize steps = (gsize) r->n_steps;

  r->loss_stats = g_new0 (GradlensStats, steps);
  r->norm_stats = g_new0 (GradlensStats, steps * r->n_params);
  r->change_stats = g_new0 (GradlensStats, steps * r->depth);
  r->change_stats_defined = g_new0 (gboolean, r->depth);

  for (gsize t = 0; t < steps; t++)
    {
      for (int s = 0; s < r->n_seeds; s++)
        column[s] = r->losses[s * steps + t];
      gradlens_stats_compute (column, r->n_seeds, &r->loss_stats[t]);
      for (int p = 0; p < r->n_params; p++)
        {
          for (int s = 0; s < r->n_seeds; s++)
            column[s] = r->norms[(s * steps + t) * r->n_params + p];
          gradlens_stats_compute (column, r->n_seeds, &r->norm_stats[t * r->n_params + p]);
        }
      for (int l = 0; l < r->depth; l++)
        {
          gsize n = 0;

          for (int s = 0; s < r->n_seeds; s++)
            if (r->has_change[(gsize) s * r->depth + l])
              column[n++] = r->weight_change[(s * steps + t) * r->depth + l];
          r->change_stats_defined[l] = n > 0;
          if (n > 0)
            gradlens_stats_compute (column, n, &r->change_stats[t * r->depth + l]);
        }
    }
}

static gboolean
check_memory (const GradlensRunConfig      *config,
              const GradlensTrainSettings  *settings,
              guint64                       memory_limit,
              guint                        *n_threads,
              GError                      **error)
{
  g_autofree char *need = NULL;
  g_autofree char *limit = NULL;

  if (memory_limit == 0)
    return TRUE;
  /* each thread trains its own network: fewer threads first */
  while (*n_threads > 1 && gradlens_train_memory (config, settings, *n_threads) > memory_limit)
    (*n_threads)--;
  if (gradlens_train_memory (config, settings, 1) <= memory_limit)
    return TRUE;
  need = g_format_size_full (gradlens_train_memory (config, settings, 1), G_FORMAT_SIZE_IEC_UNITS);
  limit = g_format_size_full (memory_limit, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE,
               "training needs about %s of memory (%d steps of results for %d seed%s, depth %d, width %d, "
               "%d samples), more than the limit of %s; use fewer steps, seeds or a smaller network",
               need, settings->steps, config->seeds, config->seeds == 1 ? "" : "s", config->nn.depth,
               config->nn.width, config->nn.samples, limit);
  return FALSE;
}

GradlensTrainResult *
gradlens_train_result_new (const GradlensRunConfig     *config,
                           const GradlensTrainSettings *settings)
{
  g_return_val_if_fail (config != NULL && settings != NULL, NULL);
  g_return_val_if_fail (config->seeds >= 1 && settings->steps >= 1, NULL);

  return result_new (config, settings);
}

gboolean
gradlens_train_into (GradlensTrainResult   *r,
                     guint                  n_threads,
                     guint64                memory_limit,
                     GradlensProgressFunc   progress,
                     gpointer               user_data,
                     GCancellable          *cancellable,
                     GError               **error)
{
  TrainShared shared = { 0 };
  gulong cancel_id = 0;

  g_return_val_if_fail (r != NULL && r->loss_stats == NULL, FALSE);

  if (!gradlens_run_config_validate (&r->config, GRADLENS_NAMING_PRESET, memory_limit, error)
      || !gradlens_train_settings_validate (&r->train, GRADLENS_NAMING_PRESET, error))
    return FALSE;
  n_threads = gradlens_thread_count (n_threads, (guint) MAX (r->n_seeds, 1));
  if (!check_memory (&r->config, &r->train, memory_limit, &n_threads, error))
    return FALSE;

  shared.config = &r->config;
  gradlens_train_settings_to_optim (&r->train, &shared.optim);
  shared.result = r;
  shared.progress = progress;
  shared.user_data = user_data;
  g_mutex_init (&shared.progress_lock);
  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb), &shared, NULL);

  gradlens_run_on_threads ("gradlens-train", train_worker, &shared, n_threads);

  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, cancel_id);
  g_mutex_clear (&shared.progress_lock);

  if (g_atomic_int_get (&shared.failed))
    {
      g_autofree char *need = g_format_size_full (gradlens_train_memory (&r->config, &r->train, 1),
                                                  G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_FAILED, "out of memory: training needs about %s", need);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (r->n_seeds > 1)
    compute_stats (r);
  return TRUE;
}

GradlensTrainResult *
gradlens_train (const GradlensRunConfig     *config,
                const GradlensTrainSettings *settings,
                guint                        n_threads,
                guint64                      memory_limit,
                GradlensProgressFunc         progress,
                gpointer                     user_data,
                GCancellable                *cancellable,
                GError                     **error)
{
  g_autoptr(GradlensTrainResult) r = NULL;
  guint threads;

  g_return_val_if_fail (config != NULL && settings != NULL, NULL);

  /* everything that can be refused is, before the results are allocated */
  if (!gradlens_run_config_validate (config, GRADLENS_NAMING_PRESET, memory_limit, error)
      || !gradlens_train_settings_validate (settings, GRADLENS_NAMING_PRESET, error))
    return NULL;
  threads = gradlens_thread_count (n_threads, (guint) MAX (config->seeds, 1));
  if (!check_memory (config, settings, memory_limit, &threads, error))
    return NULL;

  r = result_new (config, settings);
  if (r == NULL)
    {
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_FAILED,
                   "out of memory for the results of %d seeds x %d steps", config->seeds, settings->steps);
      return NULL;
    }
  if (!gradlens_train_into (r, n_threads, memory_limit, progress, user_data, cancellable, error))
    return NULL;
  return g_steal_pointer (&r);
}

/* ---- output ------------------------------------------------------------ */

static const unsigned __int128 *
powers_of_five (void)
{
  static unsigned __int128 table[32];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      table[0] = 1;
      for (int i = 1; i < 32; i++)
        table[i] = table[i - 1] * 5;
      g_once_init_leave (&done, 1);
    }
  return table;
}

/* printf's "%.17g", then ".0" when the text would read as an integer */
static int
format_slow (char   *buf,
             double  v)
{
  int n = g_snprintf (buf, 32, "%.17g", v);

  if (strpbrk (buf, ".eEn") == NULL)
    {
      memcpy (buf + n, ".0", 3);
      n += 2;
    }
  return n;
}

int
gradlens_format_double (char   *buf,
                        double  v)
{
  const unsigned __int128 *pow5 = powers_of_five ();
  const guint64 lo17 = G_GUINT64_CONSTANT (10000000000000000);   /* 10^16 */
  const guint64 hi17 = G_GUINT64_CONSTANT (100000000000000000);  /* 10^17 */
  guint64 bits, m, q = 0;
  int e, k, exp_bits, nd, pos = 0;
  char digits[20];
  gboolean ok = FALSE;

  memcpy (&bits, &v, sizeof bits);
  exp_bits = (int) ((bits >> 52) & 0x7ff);
  if (v == 0)
    {
      strcpy (buf, signbit (v) ? "-0.0" : "0.0");
      return (int) strlen (buf);
    }
  /* subnormals, inf and NaN are printf's */
  if (exp_bits == 0 || exp_bits == 0x7ff)
    return format_slow (buf, v);
  m = (bits & ((G_GUINT64_CONSTANT (1) << 52) - 1)) | (G_GUINT64_CONSTANT (1) << 52);
  e = exp_bits - 1075;   /* |v| = m 2^e */
  k = (int) floor (log10 (fabs (v)));

  /* q = |v| 10^(16 - k) rounded to an integer (half to even), exactly:
   * m 5^p 2^(e + p) with p = 16 - k in 0..31 fits 128 bits */
  for (int attempt = 0; attempt < 3 && !ok; attempt++)
    {
      int p = 16 - k, t;
      unsigned __int128 n;

      if (p < 0 || p > 31)
        return format_slow (buf, v);
      n = (unsigned __int128) m * pow5[p];
      t = e + p;
      if (t >= 0)
        {
          if (t > 60)
            return format_slow (buf, v);
          n <<= t;
          if (n >= hi17)
            {
              k++;
              continue;
            }
          q = (guint64) n;
        }
      else
        {
          int s = -t;
          unsigned __int128 rem, half;

          if (s >= 127)
            return format_slow (buf, v);
          rem = n & ((((unsigned __int128) 1) << s) - 1);
          half = ((unsigned __int128) 1) << (s - 1);
          n >>= s;
          if (rem > half || (rem == half && (n & 1)))
            n++;
          if (n >= hi17)
            {
              k++;
              continue;
            }
          q = (guint64) n;
        }
      if (q < lo17)
        {
          k--;
          continue;
        }
      ok = TRUE;
    }
  if (!ok)
    return format_slow (buf, v);

  /* 17 digits, the first at 10^k; drop trailing zeros */
  for (int i = 16; i >= 0; i--)
    {
      digits[i] = (char) ('0' + q % 10);
      q /= 10;
    }
  nd = 17;
  while (nd > 1 && digits[nd - 1] == '0')
    nd--;

  if (v < 0)
    buf[pos++] = '-';
  if (k >= -4 && k < 16)
    {
      /* fixed notation, as Python's repr */
      if (k < 0)
        {
          buf[pos++] = '0';
          buf[pos++] = '.';
          for (int i = 0; i < -k - 1; i++)
            buf[pos++] = '0';
          memcpy (buf + pos, digits, (size_t) nd);
          pos += nd;
        }
      else
        {
          for (int i = 0; i <= k; i++)
            buf[pos++] = i < nd ? digits[i] : '0';
          buf[pos++] = '.';
          if (nd > k + 1)
            {
              memcpy (buf + pos, digits + k + 1, (size_t) (nd - k - 1));
              pos += nd - k - 1;
            }
          else
            buf[pos++] = '0';
        }
    }
  else
    {
      buf[pos++] = digits[0];
      if (nd > 1)
        {
          buf[pos++] = '.';
          memcpy (buf + pos, digits + 1, (size_t) (nd - 1));
          pos += nd - 1;
        }
      pos += g_snprintf (buf + pos, 8, "e%c%02d", k < 0 ? '-' : '+', ABS (k));
    }
  buf[pos] = '\0';
  return pos;
}

static void
append_number (GString *s,
               double   v)
{
  char buf[40];

  if (!isfinite (v))
    {
      g_string_append (s, "null");
      return;
    }
  g_string_append_len (s, buf, gradlens_format_double (buf, v));
}

static void
append_stats (GString             *s,
              const GradlensStats *st)
{
  g_string_append (s, "{\"min\": ");
  append_number (s, st->min);
  g_string_append (s, ", \"q1\": ");
  append_number (s, st->q1);
  g_string_append (s, ", \"median\": ");
  append_number (s, st->median);
  g_string_append (s, ", \"q3\": ");
  append_number (s, st->q3);
  g_string_append (s, ", \"max\": ");
  append_number (s, st->max);
  g_string_append_c (s, '}');
}

static const char *
non_finite_name (double v)
{
  return isnan (v) ? "\"nan\"" : "\"inf\"";
}

/* the values the step object shows: the first seed's, or the medians */
typedef struct
{
  double loss;
  const double *norms;
  const double *change;
  const gboolean *defined;   /* per layer */
} StepView;

static void
step_view (const GradlensTrainResult *r,
           int                        t,
           double                    *norms,
           double                    *change,
           StepView                  *view)
{
  view->norms = norms;
  view->change = change;
  if (r->n_seeds == 1)
    {
      view->loss = r->losses[t];
      memcpy (norms, r->norms + (gsize) t * r->n_params, sizeof (double) * r->n_params);
      memcpy (change, r->weight_change + (gsize) t * r->depth, sizeof (double) * r->depth);
      view->defined = r->has_change;
      return;
    }
  view->loss = r->loss_stats[t].median;
  for (int p = 0; p < r->n_params; p++)
    norms[p] = r->norm_stats[(gsize) t * r->n_params + p].median;
  for (int l = 0; l < r->depth; l++)
    change[l] = r->change_stats[(gsize) t * r->depth + l].median;
  view->defined = r->change_stats_defined;
}

char *
gradlens_train_to_json (const GradlensTrainResult *r)
{
  GString *s = g_string_sized_new ((gsize) r->n_steps * (gsize) (r->n_params + r->depth + 4) * 24 + 256);
  g_autofree double *norms = g_new (double, r->n_params);
  g_autofree double *change = g_new (double, r->depth);

  g_string_append (s, "{\"train\": {\"parameters\": [");
  for (int p = 0; p < r->n_params; p++)
    g_string_append_printf (s, "%s\"%s\"", p ? ", " : "", r->names[p]);
  g_string_append (s, "],\n \"steps\": [\n");
  for (int t = 0; t < r->n_steps; t++)
    {
      StepView v;
      gboolean bad_loss, bad_norm = FALSE, bad_change = FALSE;

      step_view (r, t, norms, change, &v);
      g_string_append_printf (s, "  {\"step\": %d, \"loss\": ", t);
      append_number (s, v.loss);
      g_string_append (s, ", \"grad_norms\": [");
      for (int p = 0; p < r->n_params; p++)
        {
          if (p)
            g_string_append (s, ", ");
          append_number (s, norms[p]);
          bad_norm |= !isfinite (norms[p]);
        }
      g_string_append (s, "], \"weight_change\": [");
      for (int l = 0; l < r->depth; l++)
        {
          if (l)
            g_string_append (s, ", ");
          if (v.defined[l])
            {
              append_number (s, change[l]);
              bad_change |= !isfinite (change[l]);
            }
          else
            g_string_append (s, "null");
        }
      g_string_append_c (s, ']');

      if (r->n_seeds > 1)
        {
          g_string_append (s, ", \"stats\": {\"loss\": ");
          append_stats (s, &r->loss_stats[t]);
          g_string_append (s, ", \"grad_norms\": [");
          for (int p = 0; p < r->n_params; p++)
            {
              if (p)
                g_string_append (s, ", ");
              append_stats (s, &r->norm_stats[(gsize) t * r->n_params + p]);
            }
          g_string_append (s, "], \"weight_change\": [");
          for (int l = 0; l < r->depth; l++)
            {
              if (l)
                g_string_append (s, ", ");
              if (r->change_stats_defined[l])
                append_stats (s, &r->change_stats[(gsize) t * r->depth + l]);
              else
                g_string_append (s, "null");
            }
          g_string_append (s, "]}");
        }

      /* non-finite values are null above; say which and what they were */
      bad_loss = !isfinite (v.loss);
      if (bad_loss || bad_norm || bad_change)
        {
          gboolean first = TRUE;

          g_string_append (s, ", \"non_finite\": {");
          if (bad_loss)
            {
              g_string_append_printf (s, "\"loss\": %s", non_finite_name (v.loss));
              first = FALSE;
            }
          if (bad_norm)
            {
              g_string_append_printf (s, "%s\"grad_norms\": [", first ? "" : ", ");
              for (int p = 0; p < r->n_params; p++)
                g_string_append_printf (s, "%s%s", p ? ", " : "",
                                        isfinite (norms[p]) ? "null" : non_finite_name (norms[p]));
              g_string_append_c (s, ']');
              first = FALSE;
            }
          if (bad_change)
            {
              g_string_append_printf (s, "%s\"weight_change\": [", first ? "" : ", ");
              for (int l = 0; l < r->depth; l++)
                g_string_append_printf (s, "%s%s", l ? ", " : "",
                                        !v.defined[l] || isfinite (change[l]) ? "null"
                                                                              : non_finite_name (change[l]));
              g_string_append_c (s, ']');
            }
          g_string_append_c (s, '}');
        }
      g_string_append (s, t + 1 < r->n_steps ? "},\n" : "}\n");
    }
  g_string_append (s, " ]}}\n");
  return g_string_free (s, FALSE);
}

static void
csv_number (GString *s,
            double   v)
{
  char buf[40];

  g_string_append_c (s, ',');
  if (isnan (v))
    g_string_append (s, "nan");
  else if (isinf (v))
    g_string_append (s, v > 0 ? "inf" : "-inf");
  else
    g_string_append_len (s, buf, gradlens_format_double (buf, v));
}

char *
gradlens_train_to_csv (const GradlensTrainResult *r)
{
  GString *s = g_string_sized_new ((gsize) r->n_steps * (gsize) r->n_params * 80 + 256);
  g_autofree double *norms = g_new (double, r->n_params);
  g_autofree double *change = g_new (double, r->depth);
  gboolean stats = r->n_seeds > 1;

  g_string_append (s, "step,parameter,layer,kind,loss,grad_norm,weight_change");
  if (stats)
    g_string_append (s, ",grad_norm_min,grad_norm_q1,grad_norm_q3,grad_norm_max");
  g_string_append (s, "\r\n");
  for (int t = 0; t < r->n_steps; t++)
    {
      StepView v;

      step_view (r, t, norms, change, &v);
      for (int p = 0; p < r->n_params; p++)
        {
          int l;
          NnParamKind kind;

          nn_config_param_info (&r->config.nn, p, &l, &kind);
          g_string_append_printf (s, "%d,%s,%d,%s", t, r->names[p], l + 1, gradlens_param_kind_name (kind));
          csv_number (s, v.loss);
          csv_number (s, norms[p]);
          /* the layer's weight change on its weight's row; empty where undefined */
          if (kind == NN_PARAM_WEIGHT && v.defined[l])
            csv_number (s, change[l]);
          else
            g_string_append_c (s, ',');
          if (stats)
            {
              const GradlensStats *st = &r->norm_stats[(gsize) t * r->n_params + p];

              csv_number (s, st->min);
              csv_number (s, st->q1);
              csv_number (s, st->q3);
              csv_number (s, st->max);
            }
          g_string_append (s, "\r\n");
        }
    }
  return g_string_free (s, FALSE);
}
