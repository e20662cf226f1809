/* gradlens-cli.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "gradlens-bench.h"
#include "gradlens-cli.h"
#include "gradlens-config.h"
#include "gradlens-error.h"
#include "gradlens-estimate.h"
#include "gradlens-export.h"
#include "gradlens-figure.h"
#include "gradlens-format.h"
#include "gradlens-output.h"
#include "gradlens-preset.h"
#include "gradlens-runner.h"
#include "gradlens-sweep.h"
#include "gradlens-train.h"

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
  char     *iterations;
  char     *size;
  char     *theme;
  char     *y_scale;
  char     *x_axis;
  char     *depths;
  int       run;         /* sweep --run N: 1-based, 0 = not given */
  gboolean  yes;
  gboolean  help;
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

/* the placeholder of a field's value in --help and the man page; NULL for a
 * switch, which takes none */
static const char *
field_arg_name (const GradlensField *field)
{
  switch (field->type)
    {
    case GRADLENS_FIELD_CHOICE:
      return "NAME";
    case GRADLENS_FIELD_DOUBLE:
      return "X";
    case GRADLENS_FIELD_BOOL:
      return NULL;
    case GRADLENS_FIELD_INT:
    case GRADLENS_FIELD_INT64:
    default:
      return "N";
    }
}

/* the descriptions of the run options live as long as the program: GOption
 * keeps pointers to them */
static GPtrArray *help_texts;

static void
add_field_entries (GOptionContext *context)
{
  guint n;
  const GradlensField *fields = gradlens_fields (&n);
  GOptionEntry *entries = g_new0 (GOptionEntry, n + 1);
  GOptionGroup *group;

  if (help_texts == NULL)
    {
      help_texts = g_ptr_array_new ();
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (help_texts, gradlens_field_help (&fields[i]));
    }
  for (guint i = 0; i < n; i++)
    {
      entries[i].long_name = fields[i].option;
      entries[i].arg = G_OPTION_ARG_CALLBACK;
      entries[i].arg_data = (gpointer) on_field_option_cb;
      entries[i].description = g_ptr_array_index (help_texts, i);
      entries[i].arg_description = field_arg_name (&fields[i]);
      if (fields[i].type == GRADLENS_FIELD_BOOL)
        entries[i].flags = G_OPTION_FLAG_NO_ARG;   /* --residual: a switch */
    }
  group = g_option_group_new ("run", _("Run options:"), _("Show the run options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  /* the group copies the entries (not the strings) */
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

static gboolean
has_override (const CliOptions *opts,
              const char       *option)
{
  for (guint i = 0; i < opts->overrides->len; i++)
    if (g_str_equal (g_array_index (opts->overrides, Override, i).field->option, option))
      return TRUE;
  return FALSE;
}

/* the runs to compute: the preset's (or one default run), with the
 * command line's options applied to every one of them */
static GPtrArray *
collect_runs (CliOptions        *opts,
              GradlensPreset   **preset_out,
              GError           **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_config_free);

  if (opts->preset != NULL)
    {
      g_autoptr(GradlensPreset) preset = gradlens_preset_load_path (opts->preset, error);

      if (preset == NULL)
        {
          /* a preset that cannot be read is bad input (exit 2), like an invalid
           * one; a problem in its contents names the file already ("Could not
           * read “mine.json”: ...", as the app says it) */
          if ((*error)->domain == G_IO_ERROR)
            {
              (*error)->domain = GRADLENS_ERROR;
              (*error)->code = GRADLENS_ERROR_INVALID_PRESET;
              g_prefix_error (error, "--preset: ");
            }
          return NULL;
        }
      for (guint i = 0; i < preset->runs->len; i++)
        g_ptr_array_add (runs, gradlens_run_config_dup (g_ptr_array_index (preset->runs, i)));
      /* "accept_long_work": true in the preset is --yes */
      opts->yes |= preset->accept_long_work;
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
            g_prefix_error (error, _("run %u: "), i + 1);
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
    /* Translators: the first and last %s are a command ("run"), the second the problem */
    g_printerr (_("gradlens-cli %s: %s (see “gradlens-cli %s --help” for the options and their values)\n"),
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
  *exit_code = usage_error (command, _("--%s: invalid value “%s”; expected one of %s"), option, value, words);
  return FALSE;
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
                   _("unexpected argument “%s”"), (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

static GOptionContext *
new_context (const char         *command,
             const char         *summary,
             CliOptions         *opts,
             const GOptionEntry *extra)
{
  g_autofree char *param = g_strdup_printf ("%s - %s", command, summary);
  GOptionContext *context = g_option_context_new (param);
  const GOptionEntry common[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &opts->help, N_("Show the options of this command"), NULL },
    { "help-all", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opts->help, NULL, NULL },
    { NULL }
  };

  add_field_entries (context);
  g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  /* --help is written like any output: a failed write is an error */
  g_option_context_set_help_enabled (context, FALSE);
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
  g_clear_pointer (&opts->iterations, g_free);
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

/* ---- output ------------------------------------------------------------ */


/* writes text into out and finishes it; out is freed either way */
static int
finish_output (const char     *command,
               GradlensOutput *out,
               const char     *text)
{
  g_autoptr(GError) error = NULL;

  if (!gradlens_output_write (out, text, -1, &error))
    {
      gradlens_output_free (out);
      return fail (command, error);
    }
  if (!gradlens_output_close (out, &error))
    return fail (command, error);
  return GRADLENS_EXIT_OK;
}

/* writes text to standard output, checking every write and the close */
static int
print_text (const char *command,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  GradlensOutput *out = gradlens_output_open (NULL, &error);

  if (out == NULL)
    return fail (command, error);
  return finish_output (command, out, text);
}

static int
print_help (const char     *command,
            GOptionContext *context)
{
  g_autofree char *text = g_option_context_get_help (context, FALSE, NULL);

  return print_text (command, text);
}

/* ---- progress on a terminal --------------------------------------------- */

typedef struct
{
  GMutex      lock;
  gboolean    enabled;
  gint64      start;      /* monotonic, us */
  gint64      last;
  gboolean    shown;
  const char *unit;
  guint       steps;      /* progress steps a unit: a seed's layers (gradlens_run_progress_steps) */
} Progress;

static void
progress_init (Progress   *p,
               const char *unit)
{
  memset (p, 0, sizeof *p);
  g_mutex_init (&p->lock);
  /* only for people: a terminal on stderr (GRADLENS_PROGRESS=1 forces it,
   * =now without the first second's wait, for tests) */
  p->enabled = isatty (STDERR_FILENO) || g_strcmp0 (g_getenv ("GRADLENS_PROGRESS"), "1") == 0
               || g_strcmp0 (g_getenv ("GRADLENS_PROGRESS"), "now") == 0;
  p->start = g_get_monotonic_time ();
  if (g_strcmp0 (g_getenv ("GRADLENS_PROGRESS"), "now") == 0)
    p->start -= G_USEC_PER_SEC;
  p->unit = unit;
  p->steps = 1;
}

static void
on_progress_cb (guint    done,
                guint    total,
                gpointer user_data)
{
  Progress *p = user_data;
  gint64 now;
  double elapsed, rate;
  g_autofree char *left = NULL;

  if (!p->enabled)
    return;
  now = g_get_monotonic_time ();
  /* nothing for work that ends within a second; then ten updates a second */
  if (now - p->start < G_USEC_PER_SEC)
    return;
  g_mutex_lock (&p->lock);
  if (now - p->last < G_USEC_PER_SEC / 10 && done < total)
    {
      g_mutex_unlock (&p->lock);
      return;
    }
  p->last = now;
  elapsed = (now - p->start) / (double) G_USEC_PER_SEC;
  rate = done / elapsed;
  left = gradlens_format_duration (rate > 0 ? (total - done) / rate : 0);
  /* Translators: progress: done of total units (percent), rate, time left
   * ("about 5 seconds") */
  g_printerr ("\r");
  /* whole units (seeds) done; the percentage and the time left also count
   * the layers of a seed under way */
  g_printerr (_("%u of %u %s (%.0f%%), %.1f a second, %s left  "), done / p->steps, total / p->steps, p->unit,
              100.0 * done / MAX (total, 1), rate / p->steps, left);
  p->shown = TRUE;
  g_mutex_unlock (&p->lock);
}

static void
progress_end (Progress *p)
{
  if (p->shown)
    g_printerr ("\r\033[K");
  g_mutex_clear (&p->lock);
}

/* ---- the memory and time the work needs ---------------------------------- */

static gboolean
check_estimate (const CliOptions        *opts,
                const GradlensEstimate  *estimate,
                const char              *what,
                GError                 **error)
{
  return gradlens_estimate_check (estimate, what, GRADLENS_DEFAULT_MEMORY_LIMIT,
                                  opts->yes ? 0 : GRADLENS_DEFAULT_TIME_LIMIT,
                                  opts->preset != NULL ? _("--yes (or \"accept_long_work\": true to the preset)")
                                                       : "--yes", error);
}

static GradlensFormat
format_of (const char *name)
{
  if (g_strcmp0 (name, "json") == 0)
    return GRADLENS_FORMAT_JSON;
  if (g_strcmp0 (name, "csv") == 0)
    return GRADLENS_FORMAT_CSV;
  if (g_strcmp0 (name, "table") == 0)
    return GRADLENS_FORMAT_TABLE;
  return GRADLENS_FORMAT_NONE;
}

static int
compute_all (const char  *command,
             GPtrArray   *runs,
             GPtrArray  **results_out)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_result_free);

  for (guint i = 0; i < runs->len; i++)
    {
      g_autoptr(GError) error = NULL;
      const GradlensRunConfig *config = g_ptr_array_index (runs, i);
      Progress progress;
      GradlensRunResult *r;

      progress_init (&progress, g_dngettext (GETTEXT_PACKAGE, "seed", "seeds", (gulong) config->seeds));
      progress.steps = gradlens_run_progress_steps (config);
      r = gradlens_run (config, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, on_progress_cb, &progress, NULL, &error);
      progress_end (&progress);
      if (r == NULL)
        {
          if (runs->len > 1)
            g_prefix_error (&error, _("run %u: "), i + 1);
          return fail (command, error);
        }
      g_ptr_array_add (results, r);
    }
  *results_out = g_steal_pointer (&results);
  return GRADLENS_EXIT_OK;
}

/* ---- commands ------------------------------------------------------------ */

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
  GradlensEstimate estimate;
  GradlensOutput *out;
  int rc;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Run every run of a preset file (“-”: standard input)"), "FILE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Output format: json, csv or table (default json)"), "FORMAT" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Write to FILE instead of standard output"), "FILE" },
    { "yes", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start work estimated to take more than an hour"), NULL },
    { NULL }
  };

  cli_options_init (&opts);
  entries[0].arg_data = &opts.preset;
  entries[1].arg_data = &opts.format;
  entries[2].arg_data = &opts.output;
  entries[3].arg_data = &opts.yes;
  context = new_context ("run", _("compute the gradient norm of every parameter"), &opts, entries);
  if (!parse_context (context, &argc, &argv, &error))
    return fail ("run", error);
  if (opts.help)
    return print_help ("run", context);
  if (opts.format == NULL)
    opts.format = g_strdup ("json");
  if (!check_choice ("run", "format", opts.format, (const char * const[]) { "json", "csv", "table", NULL }, &rc))
    return rc;

  runs = collect_runs (&opts, NULL, &error);
  if (runs == NULL)
    return fail ("run", error);
  gradlens_estimate_runs ((GradlensRunConfig **) runs->pdata, runs->len, 0, GRADLENS_DEFAULT_MEMORY_LIMIT,
                          format_of (opts.format), &estimate);
  if (!check_estimate (&opts, &estimate, runs->len > 1 ? _("this preset") : _("this run"), &error))
    return fail ("run", error);
  /* where the output goes is checked before anything is computed */
  out = gradlens_output_open (opts.output, &error);
  if (out == NULL)
    return fail ("run", error);
  rc = compute_all ("run", runs, &results);
  if (rc != GRADLENS_EXIT_OK)
    {
      gradlens_output_free (out);
      return rc;
    }

  if (g_str_equal (opts.format, "json"))
    text = gradlens_results_to_json ((GradlensRunResult **) results->pdata, results->len);
  else if (g_str_equal (opts.format, "csv"))
    text = gradlens_results_to_csv ((GradlensRunResult **) results->pdata, results->len);
  else
    text = gradlens_results_to_table ((GradlensRunResult **) results->pdata, results->len);
  g_clear_pointer (&results, g_ptr_array_unref);
  return finish_output ("run", out, text);
}

static gboolean
parse_iterations (const char  *text,
                  guint       *iterations,
                  GError     **error)
{
  guint64 v;

  /* decimal only: "010" is ten, as a person means it, not octal eight */
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, GRADLENS_BENCH_MAX_ITERATIONS, &v, NULL))
    {
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                   _("--iterations: invalid value “%s”; expected an integer from 1 to %d"),
                   text, GRADLENS_BENCH_MAX_ITERATIONS);
      return FALSE;
    }
  *iterations = (guint) v;
  return TRUE;
}

static int
cmd_bench (int    argc,
           char **argv)
{
  g_auto(CliOptions) opts;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GradlensBenchResult) result = NULL;
  g_autofree char *text = NULL;
  GradlensEstimate estimate;
  const GradlensRunConfig *config;
  GradlensOutput *out;
  Progress progress;
  guint iterations = 1000;
  int rc;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Take the first run of a preset file"), "FILE" },
    { "iterations", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Timed iterations (default 1000; an integer from 1 to 10000000)"), "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Output format: json or table (default json)"), "FORMAT" },
    { "yes", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start work estimated to take more than an hour"), NULL },
    { NULL }
  };

  cli_options_init (&opts);
  entries[0].arg_data = &opts.preset;
  entries[1].arg_data = &opts.iterations;
  entries[2].arg_data = &opts.format;
  entries[3].arg_data = &opts.yes;
  context = new_context ("bench", _("time forward, backward and gradient norms"), &opts, entries);
  if (!parse_context (context, &argc, &argv, &error))
    return fail ("bench", error);
  if (opts.help)
    return print_help ("bench", context);
  if (!parse_iterations (opts.iterations, &iterations, &error))
    return fail ("bench", error);
  if (opts.format == NULL)
    opts.format = g_strdup ("json");
  if (!check_choice ("bench", "format", opts.format, (const char * const[]) { "json", "table", NULL }, &rc))
    return rc;

  runs = collect_runs (&opts, NULL, &error);
  if (runs == NULL)
    return fail ("bench", error);
  config = g_ptr_array_index (runs, 0);
  gradlens_estimate_bench (config, iterations, &estimate);
  if (!check_estimate (&opts, &estimate, _("this benchmark"), &error))
    return fail ("bench", error);
  out = gradlens_output_open (NULL, &error);
  if (out == NULL)
    return fail ("bench", error);
  progress_init (&progress, _("iterations"));
  result = gradlens_bench (config, iterations, on_progress_cb, &progress, NULL, &error);
  progress_end (&progress);
  if (result == NULL)
    {
      gradlens_output_free (out);
      return fail ("bench", error);
    }
  text = g_str_equal (opts.format, "table") ? gradlens_bench_to_table (result) : gradlens_bench_to_json (result);
  return finish_output ("bench", out, text);
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
  g_autofree char *text = NULL;
  const GradlensRunConfig *config;
  GradlensEstimate estimate;
  GradlensOutput *out;
  Progress progress;
  guint n_depths = 0;
  int rc;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Sweep a run of a preset file (see --run)"), "FILE" },
    { "run", 0, 0, G_OPTION_ARG_INT, NULL, N_("Which run of a preset with several to sweep (1, 2, …)"), "N" },
    { "depths", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Depths FROM:TO[:STEP] (default 1:20; 1 <= FROM <= TO <= 1000)"), "FROM:TO[:STEP]" },
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Output format: json or table (default json)"), "FORMAT" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Write to FILE instead of standard output"), "FILE" },
    { "yes", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start work estimated to take more than an hour"), NULL },
    { NULL }
  };

  cli_options_init (&opts);
  entries[0].arg_data = &opts.preset;
  entries[1].arg_data = &opts.run;
  entries[2].arg_data = &opts.depths;
  entries[3].arg_data = &opts.format;
  entries[4].arg_data = &opts.output;
  entries[5].arg_data = &opts.yes;
  context = new_context ("sweep", _("the first layer’s weight gradient norm against depth"), &opts, entries);
  if (!parse_context (context, &argc, &argv, &error))
    return fail ("sweep", error);
  if (opts.help)
    return print_help ("sweep", context);
  if (opts.format == NULL)
    opts.format = g_strdup ("json");
  if (!check_choice ("sweep", "format", opts.format, (const char * const[]) { "json", "table", NULL }, &rc))
    return rc;
  /* a sweep sets the depth itself: a --depth would be silently ignored */
  if (has_override (&opts, "depth"))
    return usage_error ("sweep", _("--depth: a sweep sets the depth itself; give the depths with "
                                   "--depths FROM:TO[:STEP] instead"));
  if (!gradlens_parse_depths (opts.depths ? opts.depths : "1:20", &depths, &n_depths, &error))
    return fail ("sweep", error);
  if (opts.run != 0 && opts.preset == NULL)
    return usage_error ("sweep", _("--run: chooses a run of a preset; give the preset with --preset FILE"));

  runs = collect_runs (&opts, NULL, &error);
  if (runs == NULL)
    return fail ("sweep", error);
  if (opts.run == 0 && runs->len > 1)
    return usage_error ("sweep", _("--preset: %s has %u runs and a sweep takes one; choose it with "
                                   "--run N (an integer from 1 to %u)"), opts.preset, runs->len, runs->len);
  if (opts.run < 0 || opts.run > (int) runs->len)
    return usage_error ("sweep", _("--run: invalid value “%d”; expected an integer from 1 to %u"),
                        opts.run, runs->len);
  config = g_ptr_array_index (runs, opts.run > 0 ? opts.run - 1 : 0);

  gradlens_estimate_sweep (config, depths, n_depths, 0, &estimate);
  if (!check_estimate (&opts, &estimate, _("this sweep"), &error))
    return fail ("sweep", error);
  out = gradlens_output_open (opts.output, &error);
  if (out == NULL)
    return fail ("sweep", error);
  progress_init (&progress, _("runs"));
  points = gradlens_sweep (config, depths, n_depths, 0, GRADLENS_DEFAULT_MEMORY_LIMIT,
                           on_progress_cb, &progress, NULL, &error);
  progress_end (&progress);
  if (points == NULL)
    {
      gradlens_output_free (out);
      return fail ("sweep", error);
    }
  if (g_str_equal (opts.format, "table"))
    text = gradlens_sweep_to_table (points, n_depths, config->seeds > 1);
  else
    text = gradlens_sweep_to_json (points, n_depths, config->seeds > 1);
  return finish_output ("sweep", out, text);
}

static const char usage_text[] =
  N_("Usage:\n"
     "  gradlens-cli run   [--preset FILE] [run options] [--format json|csv|table] [--output FILE] [--yes]\n"
     "  gradlens-cli plot  --preset FILE --output FILE.{png,svg,pdf} [--size WxH] [--theme dark|light]\n"
     "                     [--y-scale log|linear] [--x-axis parameter|layer] [--yes]\n"
     "  gradlens-cli bench [run options] [--iterations N] [--format json|table] [--yes]\n"
     "  gradlens-cli sweep [run options] --depths FROM:TO[:STEP] [--run N] [--format json|table]\n"
     "                     [--output FILE] [--yes]\n"
     "  gradlens-cli train [run options] --steps N --optimizer sgd|adam --lr X [--momentum X]\n"
     "                     [--run N] [--format json|csv] [--output FILE]\n"
     "\n"
     "Run options: --depth N --width N --inputs N --outputs N --samples N --activation NAME\n"
     "  --negative-slope X --output-activation same|identity --init NAME --gain X --a X --b X\n"
     "  --mode fan_in|fan_out --nonlinearity NAME --mean X --std X --bias-init default|zeros\n"
     "  --seed N --seeds N --dtype float32|float64\n"
     "\n"
     "gradlens-cli COMMAND --help describes each option, its default and its allowed values.\n");

/* troff-escapes text for the man page */
static void
man_append (GString    *s,
            const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '\\')
        g_string_append (s, "\\e");
      else if (*p == '-')
        g_string_append (s, "\\-");
      else if ((*p == '.' || *p == '\'') && (s->len == 0 || s->str[s->len - 1] == '\n'))
        g_string_append_printf (s, "\\&%c", *p);
      else
        g_string_append_c (s, *p);
    }
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
  const GradlensRunConfig *config;
  GradlensEstimate estimate;
  GradlensOutput *out;
  Progress progress;
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
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Output format: json or csv (default json)"), "FORMAT" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Write to FILE instead of standard output"), "FILE" },
    { "yes", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start work estimated to take more than an hour"), NULL },
    { NULL }
  };

  cli_options_init (&opts);
  entries[8].arg_data = &opts.yes;
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
  if (opts.help)
    return print_help ("train", context);
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

  config = g_ptr_array_index (runs, topts.run > 0 ? topts.run - 1 : 0);
  gradlens_estimate_train (config, settings.steps,
                           gradlens_train_memory (config, &settings,
                                                  gradlens_thread_count (0, (guint) config->seeds)),
                           &estimate);
  /* the memory limit is gradlens_train's own (it trains on fewer threads
   * rather than refuse); the time is checked here */
  estimate.memory = 0;
  if (gradlens_train_memory (config, &settings, 1) <= GRADLENS_DEFAULT_MEMORY_LIMIT
      && !check_estimate (&opts, &estimate, _("this training"), &error))
    return fail ("train", error);
  /* where the output goes is checked before anything is computed */
  out = gradlens_output_open (opts.output, &error);
  if (out == NULL)
    return fail ("train", error);
  progress_init (&progress, _("steps"));
  result = gradlens_train (config, &settings, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, on_progress_cb, &progress,
                           NULL, &error);
  progress_end (&progress);
  if (result == NULL)
    {
      gradlens_output_free (out);
      return fail ("train", error);
    }
  if (g_str_equal (opts.format, "csv"))
    text = gradlens_train_to_csv (result);
  else
    text = gradlens_train_to_json (result);
  g_clear_pointer (&result, gradlens_train_result_free);
  return finish_output ("train", out, text);
}

static void
man_option (GString    *s,
            const char *option,
            const char *arg,
            const char *help)
{
  g_string_append (s, ".TP\n.B ");
  man_append (s, option);
  if (arg != NULL)
    {
      g_string_append (s, " \\fI");
      man_append (s, arg);
      g_string_append (s, "\\fR");
    }
  g_string_append_c (s, '\n');
  man_append (s, help);
  g_string_append_c (s, '\n');
}

/* gradlens-cli(1), from the same field table as --help (meson generates and
 * installs it: gradlens-cli --man) */
static char *
man_page (void)
{
  GString *s = g_string_new (NULL);
  guint n;
  const GradlensField *fields = gradlens_fields (&n);

  g_string_append (s, ".TH GRADLENS\\-CLI 1 \"\" \"Gradlens " PACKAGE_VERSION "\" \"User Commands\"\n"
                      ".SH NAME\ngradlens\\-cli \\- gradient norms of a multilayer perceptron, per layer\n"
                      ".SH SYNOPSIS\n.nf\n");
  man_append (s, usage_text + strlen ("Usage:\n"));
  g_string_append (s, ".fi\n.SH DESCRIPTION\n"
                      "Builds a multilayer perceptron, runs one forward and backward pass and reports the "
                      "L2 norm of each parameter's gradient, as PyTorch computes them.\n"
                      ".SH RUN OPTIONS\nEach run option overrides that value in every run of a preset.\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *option = g_strdup_printf ("--%s", fields[i].option);
      g_autofree char *help = gradlens_field_help (&fields[i]);

      man_option (s, option, field_arg_name (&fields[i]), help);
    }
  g_string_append (s, ".SH COMMAND OPTIONS\n");
  man_option (s, "--preset", "FILE", "A preset file (JSON); \"-\" reads standard input. run and plot compute "
                                     "every run, bench the first, sweep the one chosen with --run.");
  man_option (s, "--format", "FORMAT", "run: json, csv or table; bench and sweep: json or table (default json).");
  man_option (s, "--output", "FILE", "Write to FILE instead of standard output. A regular file is replaced "
                                     "atomically and keeps its permissions; a symbolic link is followed; a "
                                     "device or FIFO is written in place. The location is checked before "
                                     "anything is computed.");
  man_option (s, "--iterations", "N", "bench: timed iterations (default 1000; 1 to 10000000).");
  man_option (s, "--depths", "FROM:TO[:STEP]", "sweep: the depths (default 1:20; 1 <= FROM <= TO <= 1000).");
  man_option (s, "--run", "N", "sweep and train: which run of a preset with several runs to use.");
  man_option (s, "--steps", "N", "train: optimizer steps (default 100; 1 to 100000).");
  man_option (s, "--optimizer", "NAME", "train: sgd or adam (default sgd; PyTorch's defaults otherwise).");
  man_option (s, "--lr", "X", "train: learning rate (default 0.1; 0 to 1000).");
  man_option (s, "--momentum", "X", "train: SGD's momentum (default 0; 0 to 1; not with adam).");
  man_option (s, "--size", "WxH", "plot: pixels; for SVG and PDF CSS pixels, as they render at 96 dpi "
              "(a 1600x900 PDF is a page of 1200x675 pt) (default 1280x720).");
  man_option (s, "--theme", "THEME", "plot: dark or light (default: the preset's).");
  man_option (s, "--y-scale", "SCALE", "plot: log or linear (default: the preset's).");
  man_option (s, "--x-axis", "AXIS", "plot: parameter or layer (default: the preset's).");
  man_option (s, "--yes", NULL, "Start work estimated to take more than an hour (otherwise refused with the "
                                "estimate). Work that needs more than 4 GiB of memory is always refused.");
  g_string_append (s, ".SH EXIT STATUS\n0 on success, 2 on bad usage or invalid input (the message names the "
                      "option or field, the value and what is allowed), 1 on other failures (a write that "
                      "failed, a full disk).\n"
                      ".SH ENVIRONMENT\n.TP\n.B GRADLENS_PROGRESS\n"
                      "1: show progress on standard error even when it is not a terminal; now: also within the first "
                      "second.\n");
  return g_string_free (s, FALSE);
}

int
gradlens_cli_main (int    argc,
                   char **argv)
{
  const char *command;

  g_set_prgname ("gradlens-cli");
  /* numbers print and parse the same way under every locale */
  setlocale (LC_NUMERIC, "C");
  /* a temporary output file does not outlive Ctrl+C or a kill */
  gradlens_output_cleanup_on_signals ();

  if (argc < 2)
    {
      g_printerr ("%s", _(usage_text));
      return GRADLENS_EXIT_USAGE;
    }
  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "help"))
    return print_text ("help", _(usage_text));
  if (g_str_equal (command, "--man"))
    {
      g_autofree char *page = man_page ();

      return print_text ("--man", page);
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
  g_printerr (_("gradlens-cli: unknown command “%s”; expected run, plot, bench, sweep or train\n"), command);
  g_printerr ("%s", _(usage_text));
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
  guint64 v[2];

  if (g_strv_length (parts) != 2)
    goto bad;
  for (int i = 0; i < 2; i++)
    if (!g_ascii_string_to_unsigned (parts[i], 10, 16, (guint64) max, &v[i], NULL))
      goto bad;
  *width = (double) v[0];
  *height = (double) v[1];
  return TRUE;

bad:
  g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
               _("--size: invalid value “%s”; expected WIDTHxHEIGHT with each from 16 to %.0f, e.g. 1280x720"),
               text, max);
  return FALSE;
}

static gboolean
write_to_output_cb (const unsigned char  *data,
                    unsigned int          length,
                    gpointer              user_data,
                    GError              **error)
{
  return gradlens_output_write (user_data, (const char *) data, length, error);
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
  GradlensEstimate estimate;
  GradlensOutput *out;
  PlotFormat format;
  double width = 1280, height = 720;
  int rc;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The preset whose runs to plot (required)"), "FILE" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The figure to write: FILE.png, FILE.svg or FILE.pdf (required)"), "FILE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Size in pixels (SVG and PDF in CSS pixels, 96 dpi: 1600x900 is a 1200x675 pt page), default 1280x720"), "WxH" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, NULL, N_("dark or light (default: the preset’s)"), "THEME" },
    { "y-scale", 0, 0, G_OPTION_ARG_STRING, NULL, N_("log or linear (default: the preset’s)"), "SCALE" },
    { "x-axis", 0, 0, G_OPTION_ARG_STRING, NULL, N_("parameter or layer (default: the preset’s)"), "AXIS" },
    { "yes", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start work estimated to take more than an hour"), NULL },
    { NULL }
  };

  cli_options_init (&opts);
  entries[0].arg_data = &opts.preset;
  entries[1].arg_data = &opts.output;
  entries[2].arg_data = &opts.size;
  entries[3].arg_data = &opts.theme;
  entries[4].arg_data = &opts.y_scale;
  entries[5].arg_data = &opts.x_axis;
  entries[6].arg_data = &opts.yes;
  context = new_context ("plot", _("compute a preset’s runs and write their figure"), &opts, entries);
  if (!parse_context (context, &argc, &argv, &error))
    return fail ("plot", error);
  if (opts.help)
    return print_help ("plot", context);
  if (opts.preset == NULL)
    return usage_error ("plot", _("--preset: missing; expected a preset file, e.g. data/presets/notebook.json"));
  if (opts.output == NULL)
    return usage_error ("plot", _("--output: missing; expected FILE.png, FILE.svg or FILE.pdf"));
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
  gradlens_estimate_runs ((GradlensRunConfig **) runs->pdata, runs->len, 0, GRADLENS_DEFAULT_MEMORY_LIMIT,
                          GRADLENS_FORMAT_NONE, &estimate);
  gradlens_estimate_add (&estimate, plot_export_memory (format, width, height, 1.0));
  if (!check_estimate (&opts, &estimate, _("this figure"), &error))
    return fail ("plot", error);
  out = gradlens_output_open (opts.output, &error);
  if (out == NULL)
    return fail ("plot", error);
  rc = compute_all ("plot", runs, &results);
  if (rc != GRADLENS_EXIT_OK)
    {
      gradlens_output_free (out);
      return rc;
    }

  settings = preset->plot;
  if (opts.theme != NULL)
    settings.theme = g_str_equal (opts.theme, "light") ? GRADLENS_THEME_LIGHT : GRADLENS_THEME_DARK;
  if (opts.y_scale != NULL)
    settings.y_scale = g_str_equal (opts.y_scale, "linear") ? GRADLENS_Y_LINEAR : GRADLENS_Y_LOG;
  if (opts.x_axis != NULL)
    settings.x_axis = g_str_equal (opts.x_axis, "layer") ? GRADLENS_X_LAYER : GRADLENS_X_PARAMETER;
  figure = gradlens_figure_from_results (&settings, (GradlensRunResult **) results->pdata, results->len);
  if (!plot_export_to_func (figure, opts.output, format, width, height, 1.0, write_to_output_cb, out, &error))
    {
      gradlens_output_free (out);
      return fail ("plot", error);
    }
  return finish_output ("plot", out, "");
}
