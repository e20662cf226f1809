/* gradlens-cli.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gradlens-cli.h"
#include "gradlens-config.h"
#include "gradlens-error.h"
#include "gradlens-export.h"
#include "gradlens-preset.h"
#include "gradlens-runner.h"
#include "gradlens-sweep.h"
#include "gradlens-train.h"
#include "gradlens-figure.h"
#include "mlp.h"

typedef struct
{
  const GradlensField *field;
  char                *text;
} Override;

typedef struct
{
  GArray   *overrides;   /* of Override, in command-line order */
  char     *preset;
  char     *format;
  char     *output;
  int       iterations;
  char     *size;
  char     *theme;
  char     *y_scale;
  char     *x_axis;
  char     *depths;
} CliOptions;

static CliOptions *current;   /* for the option callbacks */

static gboolean
on_field_option_cb (const char  *option_name,
                    const char  *value,
                    gpointer     data,
                    GError     **error)
{
  const GradlensField *field = gradlens_field_by_option (option_name + 2);
  GradlensRunConfig scratch;
  Override o;
  gboolean ok;

  g_assert (field != NULL);
  /* check the value now, so that the message names the option */
  gradlens_run_config_init (&scratch);
  ok = gradlens_field_parse (field, value, &scratch, error);
  gradlens_run_config_clear (&scratch);
  if (!ok)
    return FALSE;
  o.field = field;
  o.text = g_strdup (value);   /* NULL for a switch */
  g_array_append_val (current->overrides, o);
  return TRUE;
}

static void
override_clear (gpointer data)
{
  Override *o = data;

  g_free (o->text);
}

static void
add_field_entries (GOptionContext *context)
{
  guint n;
  const GradlensField *fields = gradlens_fields (&n);
  GOptionEntry *entries = g_new0 (GOptionEntry, n + 1);
  GOptionGroup *group;

  for (guint i = 0; i < n; i++)
    {
      entries[i].long_name = fields[i].option;
      entries[i].arg = G_OPTION_ARG_CALLBACK;
      entries[i].arg_data = (gpointer) on_field_option_cb;
      entries[i].arg_description = fields[i].type == GRADLENS_FIELD_CHOICE ? "NAME"
                                   : fields[i].type == GRADLENS_FIELD_DOUBLE ? "X"
                                   : fields[i].type == GRADLENS_FIELD_BOOL ? NULL : "N";
      if (fields[i].type == GRADLENS_FIELD_BOOL)
        entries[i].flags = G_OPTION_FLAG_NO_ARG;   /* --residual: a switch */
    }
  group = g_option_group_new ("run", "Run options:", "Show the run options", NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  /* the group copies the entries (not the strings, which are static) */
  g_free (entries);
}

static void
apply_overrides (const CliOptions  *opts,
                 GradlensRunConfig *config)
{
  for (guint i = 0; i < opts->overrides->len; i++)
    {
      const Override *o = &g_array_index (opts->overrides, Override, i);

      /* each value was checked when the option was parsed */
      if (!gradlens_field_parse (o->field, o->text, config, NULL))
        g_assert_not_reached ();
    }
}

/* the runs to compute: the preset's (or one default run), with the
 * command line's options applied to every one of them */
static GPtrArray *
collect_runs (const CliOptions  *opts,
              GradlensPreset   **preset_out,
              GError           **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_config_free);

  if (opts->preset != NULL)
    {
      g_autoptr(GradlensPreset) preset = gradlens_preset_load_path (opts->preset, error);

      if (preset == NULL)
        {
          /* a preset that cannot be read is bad input (exit 2), like an invalid one */
          if ((*error)->domain == G_IO_ERROR)
            {
              (*error)->domain = GRADLENS_ERROR;
              (*error)->code = GRADLENS_ERROR_INVALID_PRESET;
            }
          return NULL;
        }
      for (guint i = 0; i < preset->runs->len; i++)
        g_ptr_array_add (runs, gradlens_run_config_dup (g_ptr_array_index (preset->runs, i)));
      if (preset_out != NULL)
        *preset_out = g_steal_pointer (&preset);
    }
  else
    g_ptr_array_add (runs, gradlens_run_config_new ());

  for (guint i = 0; i < runs->len; i++)
    {
      GradlensRunConfig *config = g_ptr_array_index (runs, i);

      apply_overrides (opts, config);
      if (!gradlens_run_config_validate (config,
                                         opts->overrides->len > 0 ? GRADLENS_NAMING_OPTION
                                                                  : GRADLENS_NAMING_PRESET,
                                         GRADLENS_DEFAULT_MEMORY_LIMIT, error))
        {
          if (runs->len > 1)
            g_prefix_error (error, "run %u: ", i + 1);
          return NULL;
        }
    }
  return g_steal_pointer (&runs);
}

static int
exit_code_for (const GError *error)
{
  if (error->domain == GRADLENS_ERROR
      && (error->code == GRADLENS_ERROR_INVALID_VALUE || error->code == GRADLENS_ERROR_INVALID_PRESET
          || error->code == GRADLENS_ERROR_TOO_LARGE))
    return GRADLENS_EXIT_USAGE;
  if (error->domain == G_OPTION_ERROR)
    return GRADLENS_EXIT_USAGE;
  return GRADLENS_EXIT_FAILURE;
}

static int
fail (const char   *command,
      const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    g_printerr ("gradlens-cli %s: %s (see “gradlens-cli %s --help” for the options and their values)\n",
                command, error->message, command);
  else
    g_printerr ("gradlens-cli %s: %s\n", command, error->message);
  return exit_code_for (error);
}

static int
usage_error (const char *command,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (const char *command,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("gradlens-cli %s: %s\n", command, msg);
  return GRADLENS_EXIT_USAGE;
}

/* TRUE when value (NULL: not given) is one of allowed; otherwise the usage
 * message names the option, the value and the allowed words */
static gboolean
check_choice (const char         *command,
              const char         *option,
              const char         *value,
              const char * const *allowed,
              int                *exit_code)
{
  g_autofree char *words = NULL;

  if (value == NULL || g_strv_contains (allowed, value))
    return TRUE;
  words = g_strjoinv (", ", (char **) allowed);
  *exit_code = usage_error (command, "--%s: invalid value “%s”; expected one of %s", option, value, words);
  return FALSE;
}

static gboolean
write_output (const char  *path,
              const char  *text,
              GError     **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    {
      fputs (text, stdout);
      return fflush (stdout) == 0 || (g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                                   "could not write to standard output"), FALSE);
    }
  if (!gradlens_write_file_atomic (path, text, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_context (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               GError         **error)
{
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "unexpected argument “%s”", (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

static GOptionContext *
new_context (const char       *command,
             const char       *summary,
             CliOptions       *opts,
             const GOptionEntry *extra)
{
  g_autofree char *param = g_strdup_printf ("%s - %s", command, summary);
  GOptionContext *context = g_option_context_new (param);

  add_field_entries (context);
  g_option_context_add_main_entries (context, extra, NULL);
  g_option_context_set_help_enabled (context, TRUE);
  current = opts;
  return context;
}

static void
cli_options_clear (CliOptions *opts)
{
  g_clear_pointer (&opts->overrides, g_array_unref);
  g_clear_pointer (&opts->preset, g_free);
  g_clear_pointer (&opts->format, g_free);
  g_clear_pointer (&opts->output, g_free);
  g_clear_pointer (&opts->size, g_free);
  g_clear_pointer (&opts->theme, g_free);
  g_clear_pointer (&opts->y_scale, g_free);
  g_clear_pointer (&opts->x_axis, g_free);
  g_clear_pointer (&opts->depths, g_free);
}

static void
cli_options_init (CliOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->overrides = g_array_new (FALSE, TRUE, sizeof (Override));
  g_array_set_clear_func (opts->overrides, override_clear);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

static int
compute_all (const char  *command,
             GPtrArray   *runs,
             GPtrArray  **results_out)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_result_free);

  for (guint i = 0; i < runs->len; i++)
    {
      g_autoptr(GError) error = NULL;
      GradlensRunResult *r = gradlens_run (g_ptr_array_index (runs, i), 0,
                                           GRADLENS_DEFAULT_MEMORY_LIMIT, NULL, NULL, NULL, &error);

      if (r == NULL)
        {
          if (runs->len > 1)
            g_prefix_error (&error, "run %u: ", i + 1);
          return fail (command, error);
        }
      g_ptr_array_add (results, r);
    }
  *results_out = g_steal_pointer (&results);
  return GRADLENS_EXIT_OK;
}

static int
cmd_run (int    argc,
         char **argv)
{
  g_auto(CliOptions) opts;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *text = NULL;
  int rc;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, NULL, "Run every run of a preset file", "FILE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL, "Output format: json, csv or table (default json)", "FORMAT" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, "Write to FILE instead of standard output", "FILE" },
    { NULL }
  };

  cli_options_init (&opts);
  entries[0].arg_data = &opts.preset;
  entries[1].arg_data = &opts.format;
  entries[2].arg_data = &opts.output;
  context = new_context ("run", "compute the gradient norm of every parameter", &opts, entries);
  if (!parse_context (context, &argc, &argv, &error))
    return fail ("run", error);
  if (opts.format == NULL)
    opts.format = g_strdup ("json");
  if (!check_choice ("run", "format", opts.format, (const char * const[]) { "json", "csv", "table", NULL }, &rc))
    return rc;

  runs = collect_runs (&opts, NULL, &error);
  if (runs == NULL)
    return fail ("run", error);
  rc = compute_all ("run", runs, &results);
  if (rc != GRADLENS_EXIT_OK)
    return rc;

  if (g_str_equal (opts.format, "json"))
    text = gradlens_results_to_json ((GradlensRunResult **) results->pdata, results->len);
  else if (g_str_equal (opts.format, "csv"))
    text = gradlens_results_to_csv ((GradlensRunResult **) results->pdata, results->len);
  else
    text = gradlens_results_to_table ((GradlensRunResult **) results->pdata, results->len);
  if (!write_output (opts.output, text, &error))
    return fail ("run", error);
  return GRADLENS_EXIT_OK;
}

/* the minimum and median of n timings, with the experiment library's
 * statistics (the same quantile definition as everywhere else) */
static void
min_median (double *t,
            int     n,
            double *min,
            double *median)
{
  GradlensStats stats;

  gradlens_stats_compute (t, (gsize) n, &stats);
  *min = stats.min;
  *median = stats.median;
}

static double
seconds_now (void)
{
  struct timespec t;

  clock_gettime (CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec + (double) t.tv_nsec * 1e-9;
}

static int
cmd_bench (int    argc,
           char **argv)
{
  g_auto(CliOptions) opts;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree double *t_run = NULL;
  g_autofree double *t_full = NULL;
  g_autofree double *norms = NULL;
  g_autofree char *json = NULL;
  const GradlensRunConfig *config;
  NnMlp *mlp;
  g_autofree double *t_ens = NULL;
  double run_min, run_med, full_min, full_med, ens_min = 0, ens_med = 0;
  int rc;
  volatile double sink = 0;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, NULL, "Take the first run of a preset file", "FILE" },
    { "iterations", 0, 0, G_OPTION_ARG_INT, NULL, "Timed iterations (default 1000)", "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL, "Output format: json or table (default json)", "FORMAT" },
    { NULL }
  };

  cli_options_init (&opts);
  opts.iterations = 1000;
  entries[0].arg_data = &opts.preset;
  entries[1].arg_data = &opts.iterations;
  entries[2].arg_data = &opts.format;
  context = new_context ("bench", "time forward, backward and gradient norms", &opts, entries);
  if (!parse_context (context, &argc, &argv, &error))
    return fail ("bench", error);
  if (opts.iterations < 1 || opts.iterations > 10000000)
    return usage_error ("bench", "--iterations: invalid value “%d”; expected an integer from 1 to 10000000",
                        opts.iterations);
  if (opts.format == NULL)
    opts.format = g_strdup ("json");
  if (!check_choice ("bench", "format", opts.format, (const char * const[]) { "json", "table", NULL }, &rc))
    return rc;

  runs = collect_runs (&opts, NULL, &error);
  if (runs == NULL)
    return fail ("bench", error);
  config = g_ptr_array_index (runs, 0);
  mlp = nn_mlp_new (&config->nn);
  if (mlp == NULL)
    {
      g_set_error (&error, GRADLENS_ERROR, GRADLENS_ERROR_FAILED, "out of memory");
      return fail ("bench", error);
    }
  t_run = g_new (double, opts.iterations);
  t_full = g_new (double, opts.iterations);
  norms = g_new (double, nn_config_n_params (&config->nn));

  /* a "run" reuses data and weights prepared once, like a PyTorch timing loop */
  nn_mlp_setup (mlp, (guint64) config->seed);
  for (int i = 0; i < MIN (opts.iterations, 20); i++)
    sink += nn_mlp_step (mlp, norms);
  for (int i = 0; i < opts.iterations; i++)
    {
      double t0 = seconds_now ();

      sink += nn_mlp_step (mlp, norms);
      t_run[i] = seconds_now () - t0;
    }
  for (int i = 0; i < opts.iterations; i++)
    {
      double t0 = seconds_now ();

      nn_mlp_setup (mlp, (guint64) config->seed);
      sink += nn_mlp_step (mlp, norms);
      t_full[i] = seconds_now () - t0;
    }
  nn_mlp_free (mlp);
  min_median (t_run, opts.iterations, &run_min, &run_med);
  min_median (t_full, opts.iterations, &full_min, &full_med);

  /* with --seeds N > 1 also time the whole ensemble (statistics mode, all cores) */
  if (config->seeds > 1)
    {
      int reps = CLAMP (opts.iterations / 100, 3, 50);

      t_ens = g_new (double, reps);
      for (int i = 0; i < reps; i++)
        {
          double t0 = seconds_now ();
          GradlensRunResult *r = gradlens_run (config, 0, GRADLENS_DEFAULT_MEMORY_LIMIT,
                                               NULL, NULL, NULL, &error);

          if (r == NULL)
            return fail ("bench", error);
          t_ens[i] = seconds_now () - t0;
          gradlens_run_result_free (r);
        }
      min_median (t_ens, reps, &ens_min, &ens_med);
    }

  if (g_str_equal (opts.format, "table"))
    {
      g_print ("%d layers x %d wide, %d samples, %s, %s: %d iterations\n",
               config->nn.depth, config->nn.width, config->nn.samples,
               nn_activation_name (config->nn.activation), nn_dtype_name (config->nn.dtype),
               opts.iterations);
      g_print ("run (forward + backward + norms): min %.3f us, median %.3f us\n", run_min * 1e6, run_med * 1e6);
      g_print ("full run (+ data and init):       min %.3f us, median %.3f us\n", full_min * 1e6, full_med * 1e6);
      if (t_ens != NULL)
        g_print ("%d seeds with statistics:         min %.3f ms, median %.3f ms\n", config->seeds,
                 ens_min * 1e3, ens_med * 1e3);
      return GRADLENS_EXIT_OK;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "config");
  gradlens_run_config_build_json (config, b);
  json_builder_set_member_name (b, "iterations");
  json_builder_add_int_value (b, opts.iterations);
  json_builder_set_member_name (b, "seconds_per_run");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "min");
  json_builder_add_double_value (b, run_min);
  json_builder_set_member_name (b, "median");
  json_builder_add_double_value (b, run_med);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "seconds_per_full_run");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "min");
  json_builder_add_double_value (b, full_min);
  json_builder_set_member_name (b, "median");
  json_builder_add_double_value (b, full_med);
  json_builder_end_object (b);
  if (t_ens != NULL)
    {
      json_builder_set_member_name (b, "seconds_per_ensemble");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "min");
      json_builder_add_double_value (b, ens_min);
      json_builder_set_member_name (b, "median");
      json_builder_add_double_value (b, ens_med);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json = gradlens_json_to_text (root, 2);
  g_print ("%s", json);
  return GRADLENS_EXIT_OK;
}

static void
add_stats_json (JsonBuilder         *b,
                const GradlensStats *st)
{
  json_builder_set_member_name (b, "stats");
  json_builder_begin_object (b);
  gradlens_json_add_number (b, "min", st->min);
  gradlens_json_add_number (b, "q1", st->q1);
  gradlens_json_add_number (b, "median", st->median);
  gradlens_json_add_number (b, "q3", st->q3);
  gradlens_json_add_number (b, "max", st->max);
  json_builder_end_object (b);
}

static int
cmd_sweep (int    argc,
           char **argv)
{
  g_auto(CliOptions) opts;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree int *depths = NULL;
  g_autofree GradlensSweepPoint *points = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const GradlensRunConfig *config;
  guint n_depths = 0;
  int rc;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, NULL, "Sweep the first run of a preset file", "FILE" },
    { "depths", 0, 0, G_OPTION_ARG_STRING, NULL, "Depths FROM:TO[:STEP] (default 1:20)", "FROM:TO[:STEP]" },
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL, "Output format: json or table (default json)", "FORMAT" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, "Write to FILE instead of standard output", "FILE" },
    { NULL }
  };

  cli_options_init (&opts);
  entries[0].arg_data = &opts.preset;
  entries[1].arg_data = &opts.depths;
  entries[2].arg_data = &opts.format;
  entries[3].arg_data = &opts.output;
  context = new_context ("sweep", "the first layer's weight gradient norm against depth", &opts, entries);
  if (!parse_context (context, &argc, &argv, &error))
    return fail ("sweep", error);
  if (opts.format == NULL)
    opts.format = g_strdup ("json");
  if (!check_choice ("sweep", "format", opts.format, (const char * const[]) { "json", "table", NULL }, &rc))
    return rc;
  if (!gradlens_parse_depths (opts.depths ? opts.depths : "1:20", &depths, &n_depths, &error))
    return fail ("sweep", error);

  runs = collect_runs (&opts, NULL, &error);
  if (runs == NULL)
    return fail ("sweep", error);
  config = g_ptr_array_index (runs, 0);
  points = gradlens_sweep (config, depths, n_depths, 0, GRADLENS_DEFAULT_MEMORY_LIMIT,
                           NULL, NULL, NULL, &error);
  if (points == NULL)
    return fail ("sweep", error);

  if (g_str_equal (opts.format, "table"))
    {
      GString *s = g_string_new (NULL);

      g_string_append_printf (s, "%-6s %14s", "depth", "lin1.weight");
      if (config->seeds > 1)
        g_string_append_printf (s, " %14s %14s %14s %14s", "min", "q1", "q3", "max");
      g_string_append_c (s, '\n');
      for (guint i = 0; i < n_depths; i++)
        {
          g_string_append_printf (s, "%-6d %14.6e", points[i].depth, points[i].value);
          if (config->seeds > 1)
            g_string_append_printf (s, " %14.6e %14.6e %14.6e %14.6e", points[i].stats.min,
                                    points[i].stats.q1, points[i].stats.q3, points[i].stats.max);
          g_string_append_c (s, '\n');
        }
      text = g_string_free (s, FALSE);
    }
  else
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sweep");
      json_builder_begin_array (b);
      for (guint i = 0; i < n_depths; i++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "depth");
          json_builder_add_int_value (b, points[i].depth);
          json_builder_set_member_name (b, "first_weight_grad_norm");
          if (isfinite (points[i].value))
            json_builder_add_double_value (b, points[i].value);
          else
            {
              json_builder_add_null_value (b);
              json_builder_set_member_name (b, "non_finite");
              json_builder_add_string_value (b, isnan (points[i].value) ? "nan" : "inf");
            }
          if (config->seeds > 1)
            add_stats_json (b, &points[i].stats);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = gradlens_json_to_text (root, 1);
    }
  if (!write_output (opts.output, text, &error))
    return fail ("sweep", error);
  return GRADLENS_EXIT_OK;
}

/* ---- train ------------------------------------------------------------- */

typedef struct
{
  char *steps;
  char *optimizer;
  char *lr;
  char *momentum;
  int   run;   /* 1-based, 0 = not given */
} TrainOptions;

static void
train_options_clear (TrainOptions *t)
{
  g_clear_pointer (&t->steps, g_free);
  g_clear_pointer (&t->optimizer, g_free);
  g_clear_pointer (&t->lr, g_free);
  g_clear_pointer (&t->momentum, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrainOptions, train_options_clear)

/* the preset's "train" object (or the defaults), then the command line's
 * options; switching to adam on the command line drops a preset's momentum */
static gboolean
train_settings_from (const TrainOptions     *t,
                     const GradlensPreset   *preset,
                     GradlensTrainSettings  *settings,
                     GError                **error)
{
  const char *given[] = { t->steps, t->optimizer, t->lr, t->momentum };
  const char *names[] = { "steps", "optimizer", "lr", "momentum" };
  gboolean any = FALSE;

  if (preset != NULL && preset->has_train)
    *settings = preset->train;
  else
    gradlens_train_settings_init (settings);
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      if (given[i] == NULL)
        continue;
      any = TRUE;
      if (!gradlens_train_settings_parse (settings, names[i], given[i], error))
        return FALSE;
    }
  if (t->optimizer != NULL && t->momentum == NULL && settings->optimizer == NN_OPTIM_ADAM)
    settings->momentum = 0;
  return gradlens_train_settings_validate (settings, any ? GRADLENS_NAMING_OPTION : GRADLENS_NAMING_PRESET,
                                           error);
}

static int
cmd_train (int    argc,
           char **argv)
{
  g_auto(CliOptions) opts;
  g_auto(TrainOptions) topts = { NULL, NULL, NULL, NULL, 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GradlensTrainResult) result = NULL;
  g_autofree char *text = NULL;
  GradlensTrainSettings settings;
  int rc;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      "Train a run of a preset file (see --run), with its \"train\" settings", "FILE" },
    { "run", 0, 0, G_OPTION_ARG_INT, NULL, "Which run of a preset with several to train (1, 2, ...)", "N" },
    { "steps", 0, 0, G_OPTION_ARG_STRING, NULL,
      "Training steps, each recorded before the update (1 to " G_STRINGIFY (GRADLENS_TRAIN_MAX_STEPS)
      ", default 100)", "N" },
    { "optimizer", 0, 0, G_OPTION_ARG_STRING, NULL, "sgd or adam, as torch.optim with its defaults (default sgd)",
      "NAME" },
    { "lr", 0, 0, G_OPTION_ARG_STRING, NULL, "Learning rate (0 to 1000, default 0.1)", "X" },
    { "momentum", 0, 0, G_OPTION_ARG_STRING, NULL, "SGD's momentum (0 to 1, default 0)", "X" },
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL, "Output format: json or csv (default json)", "FORMAT" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, "Write to FILE instead of standard output", "FILE" },
    { NULL }
  };

  cli_options_init (&opts);
  entries[0].arg_data = &opts.preset;
  entries[1].arg_data = &topts.run;
  entries[2].arg_data = &topts.steps;
  entries[3].arg_data = &topts.optimizer;
  entries[4].arg_data = &topts.lr;
  entries[5].arg_data = &topts.momentum;
  entries[6].arg_data = &opts.format;
  entries[7].arg_data = &opts.output;
  context = new_context ("train", "train with SGD or Adam, recording every step's gradient norms", &opts,
                         entries);
  if (!parse_context (context, &argc, &argv, &error))
    return fail ("train", error);
  if (opts.format == NULL)
    opts.format = g_strdup ("json");
  if (!check_choice ("train", "format", opts.format, (const char * const[]) { "json", "csv", NULL }, &rc))
    return rc;

  if (topts.run != 0 && opts.preset == NULL)
    return usage_error ("train", "--run: chooses a run of a preset; give the preset with --preset FILE");

  runs = collect_runs (&opts, &preset, &error);
  if (runs == NULL)
    return fail ("train", error);
  if (topts.run == 0 && runs->len > 1)
    return usage_error ("train", "--preset: %s has %u runs and a training takes one; choose it with "
                        "--run N (an integer from 1 to %u)", opts.preset, runs->len, runs->len);
  if (topts.run < 0 || topts.run > (int) runs->len)
    return usage_error ("train", "--run: invalid value “%d”; expected an integer from 1 to %u",
                        topts.run, runs->len);
  if (!train_settings_from (&topts, preset, &settings, &error))
    return fail ("train", error);

  result = gradlens_train (g_ptr_array_index (runs, topts.run > 0 ? topts.run - 1 : 0), &settings, 0, GRADLENS_DEFAULT_MEMORY_LIMIT,
                           NULL, NULL, NULL, &error);
  if (result == NULL)
    return fail ("train", error);
  if (g_str_equal (opts.format, "csv"))
    text = gradlens_train_to_csv (result);
  else
    text = gradlens_train_to_json (result);
  if (!write_output (opts.output, text, &error))
    return fail ("train", error);
  return GRADLENS_EXIT_OK;
}

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage:\n"
           "  gradlens-cli run   [--preset FILE] [run options] [--format json|csv|table] [--output FILE]\n"
           "  gradlens-cli plot  --preset FILE --output FILE.{png,svg,pdf} [--size WxH] [--theme dark|light]\n"
           "                     [--y-scale log|linear]\n"
           "  gradlens-cli bench [run options] [--iterations N] [--format json|table]\n"
           "  gradlens-cli sweep [run options] --depths FROM:TO[:STEP] [--format json|table]\n"
           "  gradlens-cli train [run options] --steps N --optimizer sgd|adam --lr X [--momentum X]\n"
           "                     [--run N] [--format json|csv] [--output FILE]\n"
           "\n"
           "Run options: --depth N --width N --inputs N --outputs N --samples N --activation NAME\n"
           "  --negative-slope X --output-activation same|identity --init NAME --gain X --a X --b X\n"
           "  --mode fan_in|fan_out --nonlinearity NAME --mean X --std X --bias-init default|zeros\n"
           "  --seed N --seeds N --dtype float32|float64\n"
           "\n"
           "gradlens-cli COMMAND --help describes each option and its allowed values.\n");
}

int
gradlens_cli_main (int    argc,
                   char **argv)
{
  const char *command;

  if (argc < 2)
    {
      print_usage (stderr);
      return GRADLENS_EXIT_USAGE;
    }
  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "help"))
    {
      print_usage (stdout);
      return GRADLENS_EXIT_OK;
    }
  if (g_str_equal (command, "run"))
    return cmd_run (argc - 1, argv + 1);
  if (g_str_equal (command, "bench"))
    return cmd_bench (argc - 1, argv + 1);
  if (g_str_equal (command, "sweep"))
    return cmd_sweep (argc - 1, argv + 1);
  if (g_str_equal (command, "plot"))
    return gradlens_cli_plot (argc - 1, argv + 1);
  if (g_str_equal (command, "train"))
    return cmd_train (argc - 1, argv + 1);
  g_printerr ("gradlens-cli: unknown command “%s”; expected run, plot, bench, sweep or train\n", command);
  print_usage (stderr);
  return GRADLENS_EXIT_USAGE;
}

static gboolean
parse_size (const char  *text,
            double      *width,
            double      *height,
            double       max,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, "x", -1);
  gint64 v[2];

  if (g_strv_length (parts) != 2)
    goto bad;
  for (int i = 0; i < 2; i++)
    {
      char *end = NULL;

      v[i] = g_ascii_strtoll (parts[i], &end, 10);
      if (parts[i][0] == '\0' || *end != '\0' || v[i] < 16 || v[i] > max)
        goto bad;
    }
  *width = (double) v[0];
  *height = (double) v[1];
  return TRUE;

bad:
  g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
               "--size: invalid value “%s”; expected WIDTHxHEIGHT with each from 16 to %.0f, e.g. 1280x720",
               text, max);
  return FALSE;
}

int
gradlens_cli_plot (int    argc,
                   char **argv)
{
  g_auto(CliOptions) opts;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(PlotFigure) figure = NULL;
  GradlensPlotSettings settings;
  PlotFormat format;
  double width = 1280, height = 720;
  int rc;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, NULL, "The preset whose runs to plot (required)", "FILE" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, "The figure to write: FILE.png, FILE.svg or FILE.pdf (required)", "FILE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL, "Size in pixels (PNG) or points (SVG, PDF), default 1280x720", "WxH" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, NULL, "dark or light (default: the preset's)", "THEME" },
    { "y-scale", 0, 0, G_OPTION_ARG_STRING, NULL, "log or linear (default: the preset's)", "SCALE" },
    { "x-axis", 0, 0, G_OPTION_ARG_STRING, NULL, "parameter or layer (default: the preset's)", "AXIS" },
    { NULL }
  };

  cli_options_init (&opts);
  entries[0].arg_data = &opts.preset;
  entries[1].arg_data = &opts.output;
  entries[2].arg_data = &opts.size;
  entries[3].arg_data = &opts.theme;
  entries[4].arg_data = &opts.y_scale;
  entries[5].arg_data = &opts.x_axis;
  context = new_context ("plot", "compute a preset's runs and write their figure", &opts, entries);
  if (!parse_context (context, &argc, &argv, &error))
    return fail ("plot", error);
  if (opts.preset == NULL)
    return usage_error ("plot", "--preset: missing; expected a preset file, e.g. data/presets/notebook.json");
  if (opts.output == NULL)
    return usage_error ("plot", "--output: missing; expected FILE.png, FILE.svg or FILE.pdf");
  if (!plot_format_from_path (opts.output, &format, &error))
    return usage_error ("plot", "--output: %s", error->message);
  if (opts.size != NULL
      && !parse_size (opts.size, &width, &height,
                      format == PLOT_FORMAT_PNG ? PLOT_EXPORT_MAX_PIXELS : PLOT_EXPORT_MAX_POINTS, &error))
    return fail ("plot", error);
  if (!check_choice ("plot", "theme", opts.theme, (const char * const[]) { "dark", "light", NULL }, &rc)
      || !check_choice ("plot", "y-scale", opts.y_scale, (const char * const[]) { "log", "linear", NULL }, &rc)
      || !check_choice ("plot", "x-axis", opts.x_axis, (const char * const[]) { "parameter", "layer", NULL }, &rc))
    return rc;

  runs = collect_runs (&opts, &preset, &error);
  if (runs == NULL)
    return fail ("plot", error);
  rc = compute_all ("plot", runs, &results);
  if (rc != GRADLENS_EXIT_OK)
    return rc;

  settings = preset->plot;
  if (opts.theme != NULL)
    settings.theme = g_str_equal (opts.theme, "light") ? GRADLENS_THEME_LIGHT : GRADLENS_THEME_DARK;
  if (opts.y_scale != NULL)
    settings.y_scale = g_str_equal (opts.y_scale, "linear") ? GRADLENS_Y_LINEAR : GRADLENS_Y_LOG;
  if (opts.x_axis != NULL)
    settings.x_axis = g_str_equal (opts.x_axis, "layer") ? GRADLENS_X_LAYER : GRADLENS_X_PARAMETER;
  figure = gradlens_figure_from_results (&settings, (GradlensRunResult **) results->pdata, results->len);
  if (!plot_export (figure, opts.output, format, width, height, 1.0, &error))
    return fail ("plot", error);
  return GRADLENS_EXIT_OK;
}
