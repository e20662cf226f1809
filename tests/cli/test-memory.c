/* test-memory.c - the memory estimate against the measured peak: for a
 * spread of configurations gradlens-cli runs as a child process and its peak
 * resident set (wait4's ru_maxrss) must stay within the experiment
 * library's estimate for the same work (issue 10: "never below the
 * measured peak"). The table of both is printed with --verbose.
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "export.h"
#include "gradlens-estimate.h"
#include "gradlens-preset.h"
#include "gradlens-sweep.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

typedef struct
{
  const char *name;
  const char *args[16];
} Case;

static const Case cases[] = {
  { "notebook", { "run", NULL } },
  { "deep-thin-400-seeds-json", { "run", "--depth", "1000", "--width", "1", "--seeds", "400", NULL } },
  { "deep-thin-400-seeds-csv", { "run", "--depth", "1000", "--width", "1", "--seeds", "400", "--format", "csv", NULL } },
  { "wide-2048", { "run", "--width", "2048", "--samples", "512", NULL } },
  { "float64-8x1024", { "run", "--depth", "8", "--width", "1024", "--samples", "500", "--dtype", "float64", NULL } },
  { "threads-200-seeds", { "run", "--seeds", "200", "--width", "256", "--samples", "256", NULL } },
  { "orthogonal-1024", { "run", "--init", "orthogonal", "--width", "1024", "--samples", "64", NULL } },
  { "many-samples", { "run", "--width", "64", "--samples", "65536", "--format", "table", NULL } },
  { "sweep-1-16-x-384", { "sweep", "--depths", "1:16", "--width", "384", "--samples", "128", NULL } },
  { "sweep-seeds", { "sweep", "--depths", "1:10", "--seeds", "100", "--width", "128", NULL } },
  { "plot-4000x3000", { "plot", "--size", "4000x3000", NULL } },
};

static const char *
cli_path (void)
{
  const char *path = g_getenv ("GRADLENS_CLI");

  if (path == NULL)
    g_error ("GRADLENS_CLI is not set (tests/meson.build sets it to the built gradlens-cli)");
  return path;
}

/* runs gradlens-cli with args (stdout to /dev/null); returns its peak RSS in bytes */
static guint64
peak_rss (const char * const *args,
          const char         *extra_output)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  struct rusage usage;
  int status = 0;
  pid_t pid;

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  if (extra_output != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--preset");
      g_ptr_array_add (argv, (gpointer) g_getenv ("GRADLENS_NOTEBOOK"));
      g_ptr_array_add (argv, (gpointer) "--output");
      g_ptr_array_add (argv, (gpointer) extra_output);
    }
  g_ptr_array_add (argv, NULL);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (freopen ("/dev/null", "w", stdout) == NULL)
        _exit (127);
      execv (argv->pdata[0], (char **) argv->pdata);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return (guint64) usage.ru_maxrss * 1024;
}

/* the estimate for the same work, from the same options */
static void
estimate_for (const char * const *args,
              GradlensEstimate   *est)
{
  g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();
  g_autoptr(GError) error = NULL;
  GradlensFormat format = GRADLENS_FORMAT_JSON;
  const char *depths = NULL, *size = NULL;

  for (guint i = 1; args[i] != NULL; i += 2)
    {
      const GradlensField *field = gradlens_field_by_option (args[i] + 2);

      if (field != NULL)
        g_assert_true (gradlens_field_parse (field, args[i + 1], config, NULL));
      else if (g_str_equal (args[i], "--format"))
        format = g_str_equal (args[i + 1], "csv") ? GRADLENS_FORMAT_CSV : GRADLENS_FORMAT_TABLE;
      else if (g_str_equal (args[i], "--depths"))
        depths = args[i + 1];
      else if (g_str_equal (args[i], "--size"))
        size = args[i + 1];
      else
        g_assert_not_reached ();
    }

  if (g_str_equal (args[0], "sweep"))
    {
      g_autofree int *d = NULL;
      guint n = 0;

      g_assert_true (gradlens_parse_depths (depths, &d, &n, &error));
      gradlens_estimate_sweep (config, d, n, 0, est);
    }
  else if (g_str_equal (args[0], "plot"))
    {
      g_autoptr(GradlensPreset) preset = gradlens_preset_load_path (g_getenv ("GRADLENS_NOTEBOOK"), &error);
      int w = 0, h = 0;

      g_assert_no_error (error);
      g_assert_cmpint (sscanf (size, "%dx%d", &w, &h), ==, 2);
      gradlens_estimate_runs ((GradlensRunConfig **) preset->runs->pdata, preset->runs->len, 0,
                              GRADLENS_DEFAULT_MEMORY_LIMIT, GRADLENS_FORMAT_NONE, est);
      gradlens_estimate_add (est, plot_export_memory (PLOT_FORMAT_PNG, w, h, 1.0));
    }
  else
    gradlens_estimate_runs (&config, 1, 0, GRADLENS_DEFAULT_MEMORY_LIMIT, format, est);
}

static void
test_peak_within_estimate (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = g_dir_make_tmp ("gradlens-memory-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "figure.png", NULL);
  gboolean plot = g_str_equal (c->args[0], "plot");
  GradlensEstimate est;
  guint64 peak;

  estimate_for (c->args, &est);
  peak = peak_rss (c->args, plot ? png : NULL);
  g_test_message ("%-28s peak %8.1f MiB  estimate %8.1f MiB  (%.0f%%)", c->name, peak / 1048576.0,
                  est.memory / 1048576.0, 100.0 * peak / est.memory);
  g_unlink (png);
  g_rmdir (dir);
  /* AddressSanitizer's shadow memory and quarantine are not the program's:
   * there the cases only have to run */
  if (!SANITIZED)
    g_assert_cmpuint (peak, <=, est.memory);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gradlens/cli/memory/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_peak_within_estimate);
    }
  return g_test_run ();
}
