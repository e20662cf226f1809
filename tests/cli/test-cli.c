/* test-cli.c - gradlens-cli as a user runs it: every class of invalid input
 * gives exit status 2 and a message naming the option, the value and what is
 * allowed; valid runs print the pinned JSON, CSV and table
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "gradlens-config.h"

typedef struct
{
  int   status;   /* the exit status; -1 when killed by a signal */
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

static const char *
cli_path (void)
{
  const char *path = g_getenv ("GRADLENS_CLI");

  if (path == NULL)
    g_error ("GRADLENS_CLI is not set (tests/meson.build sets it to the built gradlens-cli)");
  return path;
}

/* runs gradlens-cli with the NULL-terminated arguments */
static void
run_cli_v (CliResult          *r,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  memset (r, 0, sizeof *r);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r->out, &r->err,
                &wait_status, &error);
  g_assert_no_error (error);
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

#define run_cli(r, ...) run_cli_v ((r), (const char * const[]) { __VA_ARGS__, NULL })

static char *
describe_args (const char * const *args)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) args);

  return g_strdup_printf ("gradlens-cli %s", joined);
}

/* `value` appears in the message as a word of its own (quoted, or between
 * spaces or punctuation); an empty value appears as a pair of quotes */
static gboolean
mentions_value (const char *msg,
                const char *value)
{
  if (value[0] == '\0')
    return strstr (msg, "“”") != NULL || strstr (msg, "\"\"") != NULL || strstr (msg, "''") != NULL;
  for (const char *p = strstr (msg, value); p != NULL; p = strstr (p + 1, value))
    {
      char before = p == msg ? ' ' : p[-1];
      char after = p[strlen (value)];

      if (!g_ascii_isalnum (before) && before != '.' && before != '-'
          && !g_ascii_isalnum (after) && after != '.' && after != '_')
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const char *name;
  const char *args[8];
  int         status;       /* the expected exit status */
  const char *option;       /* must be named: "--depth" */
  const char *value;        /* must appear as a word; NULL: no value to name */
  const char *allowed[10];  /* every one of these must appear */
} Invalid;

static const Invalid invalid_cases[] = {
  { "int-above-range", { "run", "--depth", "1001" }, 2, "--depth", "1001", { "1", "1000" } },
  { "int-below-range", { "run", "--width", "0" }, 2, "--width", "0", { "1", "4096" } },
  { "int-samples-range", { "run", "--samples", "65537" }, 2, "--samples", "65537", { "65536" } },
  { "int-seeds-range", { "run", "--seeds", "10001" }, 2, "--seeds", "10001", { "10000" } },
  { "int-negative-seed", { "run", "--seed", "-1" }, 2, "--seed", "-1", { "0", "9007199254740991" } },
  { "int-seed-too-large", { "run", "--seed", "9007199254740992" }, 2, "--seed", "9007199254740992",
    { "9007199254740991" } },
  { "int-overflow", { "run", "--inputs", "99999999999999999999" }, 2, "--inputs", "99999999999999999999",
    { "4096" } },
  { "non-integer-fraction", { "run", "--samples", "2.5" }, 2, "--samples", "2.5", { "integer" } },
  { "non-integer-text", { "run", "--depth", "abc" }, 2, "--depth", "abc", { "integer", "1000" } },
  { "non-integer-trailing", { "run", "--outputs", "3x" }, 2, "--outputs", "3x", { "integer", "4096" } },
  { "unknown-activation", { "run", "--activation", "swish" }, 2, "--activation", "swish",
    { "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "selu", "softplus", "identity" } },
  { "unknown-init", { "run", "--init", "he" }, 2, "--init", "he",
    { "default", "xavier_normal", "xavier_uniform", "kaiming_normal", "kaiming_uniform", "normal", "uniform",
      "orthogonal" } },
  { "unknown-mode", { "run", "--mode", "fan_avg" }, 2, "--mode", "fan_avg", { "fan_in", "fan_out" } },
  { "unknown-nonlinearity", { "run", "--nonlinearity", "swish" }, 2, "--nonlinearity", "swish",
    { "linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu" } },
  { "unknown-dtype", { "run", "--dtype", "float16" }, 2, "--dtype", "float16", { "float32", "float64" } },
  { "unknown-output-activation", { "run", "--output-activation", "none" }, 2, "--output-activation", "none",
    { "same", "identity" } },
  { "unknown-bias-init", { "run", "--bias-init", "ones" }, 2, "--bias-init", "ones", { "default", "zeros" } },
  { "choice-wrong-case", { "run", "--activation", "Sigmoid" }, 2, "--activation", "Sigmoid", { "sigmoid" } },
  { "double-nan", { "run", "--gain", "nan" }, 2, "--gain", "nan", { "number" } },
  { "double-inf", { "run", "--std", "inf" }, 2, "--std", "inf", { "number" } },
  { "double-minus-inf", { "run", "--negative-slope", "-inf" }, 2, "--negative-slope", "-inf", { "number" } },
  { "double-overflow", { "run", "--mean", "1e999" }, 2, "--mean", "1e999", { "number" } },
  { "double-garbage", { "run", "--a", "1.5x" }, 2, "--a", "1.5x", { "number" } },
  { "double-below-range", { "run", "--std", "-1" }, 2, "--std", "-1", { "number", "0" } },
  { "empty-value-equals", { "run", "--depth=" }, 2, "--depth", "", { "integer" } },
  { "empty-value-separate", { "run", "--activation", "" }, 2, "--activation", "", { "sigmoid" } },
  { "empty-value-double", { "run", "--gain", "" }, 2, "--gain", "", { "number" } },
  { "missing-value", { "run", "--depth" }, 2, "--depth", NULL, { NULL } },
  { "unknown-option", { "run", "--bogus", "3" }, 2, "--bogus", NULL, { NULL } },
  { "unexpected-argument", { "run", "extra" }, 2, NULL, "extra", { NULL } },
  { "unknown-command", { "frobnicate" }, 2, NULL, "frobnicate", { "run", "plot", "bench" } },
  { "format-bogus", { "run", "--format", "bogus" }, 2, "--format", "bogus", { "json", "csv", "table" } },
  { "uniform-a-above-b", { "run", "--init", "uniform", "--a", "1", "--b", "0" }, 2, "--a", "1",
    { "--b", "0" } },
  { "unknown-norm", { "run", "--norm", "group" }, 2, "--norm", "group", { "none", "batch", "layer" } },
  { "batch-norm-one-sample", { "run", "--norm", "batch", "--samples", "1" }, 2, "--norm", "1",
    { "2", "--samples", "layer" } },
  { "sweep-batch-norm-one-sample", { "sweep", "--samples", "1", "--norm", "batch", "--depths", "1:3" }, 2, "--norm",
    "1", { "2" } },
  { "train-batch-norm-one-sample", { "train", "--samples", "1", "--norm", "batch", "--steps", "2" }, 2, "--norm",
    "1", { "2" } },
  { "bench-iterations", { "bench", "--iterations", "0" }, 2, "--iterations", "0", { "1" } },
  { "bench-format", { "bench", "--format", "csv" }, 2, "--format", "csv", { "json", "table" } },
};

static void
check_failure (const Invalid *c,
               const char    *cmdline,
               CliResult     *r)
{
  g_test_message ("%s -> %d: %s", cmdline, r->status, r->err);
  if (r->status != c->status)
    g_error ("%s: exit status %d, expected %d; stderr: %s", cmdline, r->status, c->status, r->err);
  /* nothing on standard output; one message on standard error */
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  if (c->option != NULL && strstr (r->err, c->option) == NULL)
    g_error ("%s: the message does not name %s: %s", cmdline, c->option, r->err);
  if (c->value != NULL && !mentions_value (r->err, c->value))
    g_error ("%s: the message does not name the value “%s”: %s", cmdline, c->value, r->err);
  for (guint i = 0; i < G_N_ELEMENTS (c->allowed) && c->allowed[i] != NULL; i++)
    if (!mentions_value (r->err, c->allowed[i]))
      g_error ("%s: the message does not say that “%s” is allowed: %s", cmdline, c->allowed[i], r->err);
}

static void
test_invalid (gconstpointer data)
{
  const Invalid *c = data;
  g_autofree char *cmdline = describe_args (c->args);
  g_auto(CliResult) r = { 0 };

  run_cli_v (&r, c->args);
  check_failure (c, cmdline, &r);
}

static void
test_no_command (void)
{
  g_auto(CliResult) r = { 0 };
  const char * const none[] = { NULL };

  run_cli_v (&r, none);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "run"));
  g_assert_nonnull (strstr (r.err, "plot"));
  g_assert_nonnull (strstr (r.err, "bench"));
}

static void
test_memory_limit (void)
{
  /* DESIGN.md: a run over the 4 GiB limit is refused before it starts, with
   * the estimate in the message */
  for (int dt = 0; dt < 2; dt++)
    {
      g_auto(CliResult) r = { 0 };
      GradlensRunConfig config;
      g_autofree char *need = NULL;
      g_autofree char *limit = g_format_size_full (GRADLENS_DEFAULT_MEMORY_LIMIT, G_FORMAT_SIZE_IEC_UNITS);

      gradlens_run_config_init (&config);
      config.nn.depth = 1000;
      config.nn.width = 4096;
      config.nn.samples = 65536;
      config.nn.dtype = dt == 0 ? NN_FLOAT32 : NN_FLOAT64;
      need = g_format_size_full (gradlens_run_config_memory (&config), G_FORMAT_SIZE_IEC_UNITS);
      gradlens_run_config_clear (&config);

      run_cli (&r, "run", "--depth", "1000", "--width", "4096", "--samples", "65536",
               "--dtype", dt == 0 ? "float32" : "float64");
      g_test_message ("%d: %s", r.status, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      if (strstr (r.err, need) == NULL)
        g_error ("the message does not give the estimate %s: %s", need, r.err);
      g_assert_nonnull (strstr (r.err, limit));   /* "4.0 GiB", with the locale's space */
      g_assert_true (mentions_value (r.err, "1000"));
      g_assert_true (mentions_value (r.err, "4096"));
      g_assert_true (mentions_value (r.err, "65536"));
    }
}

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_bad_preset (void)
{
  /* a typo in a preset is an error that names the key */
  g_autofree char *path = write_temp ("typo.json",
                                      "{\"format\": \"gradlens-preset\", \"version\": 1,"
                                      " \"runs\": [{\"network\": {\"depht\": 5}}]}");
  g_auto(CliResult) r = { 0 };

  run_cli (&r, "run", "--preset", path);
  g_test_message ("%d: %s", r.status, r.err);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "depht"));
}

static void
test_missing_preset (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "no-such-preset.json", NULL);
  g_auto(CliResult) r = { 0 };

  run_cli (&r, "run", "--preset", path);
  g_test_message ("%d: %s", r.status, r.err);
  g_assert_cmpint (r.status, >=, 1);
  g_assert_cmpint (r.status, <=, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, path));
}

static void
test_output_unwritable (void)
{
  /* not a usage error: exit status 1, naming the file */
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "no-such-dir", "out.json", NULL);
  g_auto(CliResult) r = { 0 };

  run_cli (&r, "run", "--depth", "2", "--output", path);
  g_test_message ("%d: %s", r.status, r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "no-such-dir"));
}

/* runs a tool and returns its standard output, or NULL when it is missing */
static char *
tool_output (const char * const *argv)
{
  g_autofree char *found = g_find_program_in_path (argv[0]);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  if (found == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return out;
}

/* The sizes of the Export dialog and of --size are CSS pixels: a 1600x900
 * PDF is a page of 1200 x 675 points, which renders at 96 dpi as 1600 x 900
 * pixels (as the SVG, in px) */
static void
test_plot_sizes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gradlens-cli-XXXXXX", NULL);
  g_autofree char *preset = g_build_filename (dir, "p.json", NULL);
  g_autofree char *pdf = g_build_filename (dir, "x.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "x.svg", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *page = g_build_filename (dir, "page.png", NULL);
  g_autofree char *svg_text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *ppm = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliResult) r = { 0 };
  g_auto(CliResult) r2 = { 0 };

  g_file_set_contents (preset, "{\"format\": \"gradlens-preset\", \"runs\": [{}]}", -1, &error);
  g_assert_no_error (error);
  run_cli (&r, "plot", "--preset", preset, "--size", "1600x900", "--output", pdf);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r2, "plot", "--preset", preset, "--size", "1600x900", "--output", svg);
  g_assert_cmpint (r2.status, ==, 0);
  g_file_get_contents (svg, &svg_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (svg_text, "width=\"1600px\" height=\"900px\""));

  info = tool_output ((const char * const[]) { "pdfinfo", pdf, NULL });
  ppm = tool_output ((const char * const[]) { "pdftoppm", "-r", "96", "-png", "-singlefile", pdf, prefix, NULL });
  if (info == NULL || ppm == NULL)
    {
      g_test_skip ("pdfinfo or pdftoppm (poppler-utils) is missing");
      return;
    }
  g_test_message ("%s", info);
  g_assert_nonnull (strstr (info, "Page size:       1200 x 675 pts"));
  {
    cairo_surface_t *png = cairo_image_surface_create_from_png (page);

    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1600);
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, 900);
    cairo_surface_destroy (png);
  }
  g_unlink (preset);
  g_unlink (pdf);
  g_unlink (svg);
  g_unlink (page);
  g_rmdir (dir);
}

/* ---------------------------------------------------------------------- */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static double
number (JsonObject *o,
        const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE
                 || json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_double (node);
}

/* the pinned shape of one run of `run --format json` (DESIGN.md) */
static void
check_run_shape (JsonObject *run,
                 int         depth,
                 int         width,
                 int         inputs,
                 int         outputs,
                 int         seeds)
{
  JsonObject *config = json_object_get_object_member (run, "config");
  JsonArray *params = json_object_get_array_member (run, "parameters");
  JsonArray *layers = json_object_get_array_member (run, "layers");
  JsonObject *network, *data;

  g_assert_nonnull (json_object_get_string_member (run, "label"));
  g_assert_nonnull (config);
  network = json_object_get_object_member (config, "network");
  data = json_object_get_object_member (config, "data");
  g_assert_cmpint (json_object_get_int_member (network, "depth"), ==, depth);
  g_assert_cmpint (json_object_get_int_member (data, "seeds"), ==, seeds);
  g_assert_nonnull (json_object_get_object_member (config, "init"));
  g_assert_nonnull (json_object_get_string_member (config, "dtype"));
  g_assert_true (isfinite (number (run, "loss")));
  g_assert_cmpfloat (number (run, "loss"), >, 0);

  g_assert_nonnull (params);
  g_assert_cmpuint (json_array_get_length (params), ==, (guint) (2 * depth));
  for (int p = 0; p < 2 * depth; p++)
    {
      JsonObject *param = json_array_get_object_element (params, p);
      JsonArray *shape = json_object_get_array_member (param, "shape");
      int layer = p / 2 + 1;
      gboolean weight = p % 2 == 0;
      g_autofree char *name = g_strdup_printf ("lin%d.%s", layer, weight ? "weight" : "bias");
      int rows = layer == depth ? outputs : width;
      int cols = layer == 1 ? inputs : width;

      g_assert_cmpstr (json_object_get_string_member (param, "name"), ==, name);
      g_assert_cmpint (json_object_get_int_member (param, "layer"), ==, layer);
      g_assert_cmpstr (json_object_get_string_member (param, "kind"), ==, weight ? "weight" : "bias");
      g_assert_cmpuint (json_array_get_length (shape), ==, weight ? 2 : 1);
      g_assert_cmpint (json_array_get_int_element (shape, 0), ==, rows);
      if (weight)
        g_assert_cmpint (json_array_get_int_element (shape, 1), ==, cols);
      g_assert_true (isfinite (number (param, "grad_norm")));
      g_assert_cmpfloat (number (param, "grad_norm"), >=, 0);
      g_assert_cmpint (json_object_has_member (param, "stats"), ==, seeds > 1);
    }
  g_assert_cmpint (json_object_has_member (run, "per_seed"), ==, seeds > 1);

  /* the analysis contract */
  g_assert_true (json_object_has_member (run, "decay_per_layer"));
  g_assert_nonnull (layers);
  g_assert_cmpuint (json_array_get_length (layers), ==, (guint) depth);
  for (int l = 0; l < depth; l++)
    {
      JsonObject *o = json_array_get_object_element (layers, l);
      static const char * const keys[] = { "pre_mean", "pre_std", "act_mean", "act_std", "deriv_mean",
                                            "saturated_fraction" };

      g_assert_cmpint (json_object_get_int_member (o, "layer"), ==, l + 1);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (isfinite (number (o, keys[k])));
      g_assert_cmpint (json_object_get_int_member (o, "dead_units"), >=, 0);
    }
}

static void
test_run_json_default (void)
{
  /* the notebook's network at seed 0, against PyTorch's numbers
   * (reference/TORCH_RNG.md section 8) */
  static const double expected[] = {
    2.80841614e-05, 3.8116541e-05, 0.000509673904, 0.000326224777, 0.0036696794,
    0.00217932579, 0.0323469639, 0.0198534708, 0.290155917, 0.189194769,
  };
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *runs, *params;
  JsonObject *run;

  run_cli (&r, "run");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  root = parse_json (r.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  runs = json_object_get_array_member (json_node_get_object (root), "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 1);
  run = json_array_get_object_element (runs, 0);
  check_run_shape (run, 5, 10, 10, 1, 1);
  g_assert_cmpfloat_with_epsilon (number (run, "loss"), 0.898607016, 1e-6);
  params = json_object_get_array_member (run, "parameters");
  for (guint p = 0; p < 10; p++)
    g_assert_cmpfloat_with_epsilon (number (json_array_get_object_element (params, p), "grad_norm"),
                                    expected[p], 1e-6 * expected[p]);
  /* sigmoid: the norms shrink towards the input */
  g_assert_cmpfloat (number (run, "decay_per_layer"), <, 0.5);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_run_json_seeds (void)
{
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *run;
  JsonArray *params, *per_seed;

  run_cli (&r, "run", "--seeds", "3", "--depth", "4", "--width", "7", "--seed", "11");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  run = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "runs"), 0);
  check_run_shape (run, 4, 7, 10, 1, 3);
  params = json_object_get_array_member (run, "parameters");
  per_seed = json_object_get_array_member (run, "per_seed");
  g_assert_cmpuint (json_array_get_length (per_seed), ==, 3);
  for (guint s = 0; s < 3; s++)
    g_assert_cmpuint (json_array_get_length (json_array_get_array_element (per_seed, s)), ==, 8);
  for (guint p = 0; p < 8; p++)
    {
      JsonObject *param = json_array_get_object_element (params, p);
      JsonObject *st = json_object_get_object_member (param, "stats");
      double v[3];

      for (guint s = 0; s < 3; s++)
        v[s] = json_array_get_double_element (json_array_get_array_element (per_seed, s), p);
      qsort (v, 3, sizeof (double), compare_doubles);
      g_assert_cmpfloat (number (st, "min"), ==, v[0]);
      g_assert_cmpfloat (number (st, "median"), ==, v[1]);
      g_assert_cmpfloat (number (st, "max"), ==, v[2]);
      /* numpy's linear interpolation: q1 halfway between the first two */
      g_assert_cmpfloat_with_epsilon (number (st, "q1"), v[0] + (v[1] - v[0]) * 0.5, 1e-15 * v[1]);
      g_assert_cmpfloat_with_epsilon (number (st, "q3"), v[1] + (v[2] - v[1]) * 0.5, 1e-15 * v[2]);
      g_assert_cmpfloat (number (param, "grad_norm"), ==, number (st, "median"));
    }

  /* the first seed of the ensemble is the run with that seed alone */
  {
    g_auto(CliResult) single = { 0 };
    g_autoptr(JsonNode) root1 = NULL;
    JsonArray *params1;

    run_cli (&single, "run", "--depth", "4", "--width", "7", "--seed", "11");
    g_assert_cmpint (single.status, ==, 0);
    root1 = parse_json (single.out);
    params1 = json_object_get_array_member (
      json_array_get_object_element (json_object_get_array_member (json_node_get_object (root1), "runs"), 0),
      "parameters");
    for (guint p = 0; p < 8; p++)
      g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (per_seed, 0), p), ==,
                         number (json_array_get_object_element (params1, p), "grad_norm"));
  }
}

static void
test_run_overrides (void)
{
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *run, *config, *network, *init, *data;

  run_cli (&r, "run", "--depth", "3", "--width", "16", "--inputs", "17", "--outputs", "2", "--samples", "15",
           "--activation", "leaky_relu", "--negative-slope", "0.2", "--output-activation", "identity",
           "--init", "kaiming_uniform", "--a", "0.2", "--mode", "fan_out", "--nonlinearity", "leaky_relu",
           "--bias-init", "zeros", "--seed", "4294967301", "--dtype", "float64");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  run = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "runs"), 0);
  check_run_shape (run, 3, 16, 17, 2, 1);
  config = json_object_get_object_member (run, "config");
  network = json_object_get_object_member (config, "network");
  init = json_object_get_object_member (config, "init");
  g_assert_cmpstr (json_object_get_string_member (config, "dtype"), ==, "float64");
  g_assert_cmpstr (json_object_get_string_member (network, "activation"), ==, "leaky_relu");
  g_assert_cmpfloat (json_object_get_double_member (network, "negative_slope"), ==, 0.2);
  g_assert_cmpstr (json_object_get_string_member (network, "output_activation"), ==, "identity");
  g_assert_cmpstr (json_object_get_string_member (init, "weights"), ==, "kaiming_uniform");
  g_assert_cmpstr (json_object_get_string_member (init, "mode"), ==, "fan_out");
  g_assert_cmpstr (json_object_get_string_member (init, "bias"), ==, "zeros");
  data = json_object_get_object_member (config, "data");
  g_assert_cmpint (json_object_get_int_member (data, "seed"), ==, G_GINT64_CONSTANT (4294967301));
  g_assert_cmpint (json_object_get_int_member (data, "samples"), ==, 15);
}

/* DESIGN.md "Analysis contracts": --residual and --norm in run, sweep and
 * train; norm{i}.weight and norm{i}.bias after lin{i}'s; no prediction */
static void
test_run_remedies (void)
{
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *run, *network;
  JsonArray *params, *layers;
  static const char * const names[] = {
    "lin1.weight", "lin1.bias", "norm1.weight", "norm1.bias", "lin2.weight", "lin2.bias", "norm2.weight",
    "norm2.bias", "lin3.weight", "lin3.bias",
  };

  run_cli (&r, "run", "--depth", "3", "--residual", "--norm", "batch");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  run = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "runs"), 0);
  network = json_object_get_object_member (json_object_get_object_member (run, "config"), "network");
  g_assert_true (json_object_get_boolean_member (network, "residual"));
  g_assert_cmpstr (json_object_get_string_member (network, "norm"), ==, "batch");
  params = json_object_get_array_member (run, "parameters");
  g_assert_cmpuint (json_array_get_length (params), ==, G_N_ELEMENTS (names));
  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    {
      JsonObject *o = json_array_get_object_element (params, p);

      g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, names[p]);
      g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, p % 2 == 0 ? "weight" : "bias");
      g_assert_cmpint (json_object_get_int_member (o, "layer"), ==, p / 4 + 1);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "shape")), ==,
                        g_str_has_prefix (names[p], "lin") && p % 2 == 0 ? 2 : 1);
      g_assert_cmpfloat (number (o, "grad_norm"), >=, 0);
    }
  layers = json_object_get_array_member (run, "layers");
  g_assert_cmpuint (json_array_get_length (layers), ==, 3);
  for (guint l = 0; l < 3; l++)
    {
      JsonObject *o = json_array_get_object_element (layers, l);

      g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "predicted_grad_rms")));
      g_assert_cmpfloat (number (o, "grad_rms"), >, 0);
    }
  cli_result_clear (&r);

  /* the table says why there is no prediction */
  run_cli (&r, "run", "--norm", "layer", "--format", "table");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "norm1.weight"));
  g_assert_nonnull (strstr (r.out, "layer norm"));
  g_assert_nonnull (strstr (r.out, "no prediction"));
  g_assert_null (strstr (r.out, "nan"));
  cli_result_clear (&r);

  /* sweep: each depth with the switches */
  run_cli (&r, "sweep", "--residual", "--norm", "layer", "--depths", "2:4");
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "sweep")), ==,
                    3);
  cli_result_clear (&r);

  /* train: the norm parameters are trained and reported too */
  run_cli (&r, "train", "--norm", "batch", "--steps", "3", "--optimizer", "adam", "--lr", "0.01");
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (r.out);
  {
    JsonObject *train = json_object_get_object_member (json_node_get_object (root), "train");
    JsonArray *pnames = json_object_get_array_member (train, "parameters");
    JsonArray *steps = json_object_get_array_member (train, "steps");

    g_assert_cmpuint (json_array_get_length (pnames), ==, 18);
    g_assert_cmpstr (json_array_get_string_element (pnames, 2), ==, "norm1.weight");
    g_assert_cmpuint (json_array_get_length (steps), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (steps, 2),
                                                                           "grad_norms")), ==, 18);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (steps, 2),
                                                                           "weight_change")), ==, 5);
  }
}

/* preset keys network.residual (a boolean) and network.norm */
static void
test_preset_remedies (void)
{
  g_autofree char *good = write_temp ("remedies.json",
                                      "{\"format\": \"gradlens-preset\", \"version\": 1, \"runs\": ["
                                      "{\"network\": {\"residual\": true, \"norm\": \"layer\"}},"
                                      "{\"network\": {\"residual\": false, \"norm\": \"none\"}}]}");
  g_autofree char *bad = write_temp ("remedies-bad.json",
                                     "{\"format\": \"gradlens-preset\", \"version\": 1,"
                                     " \"runs\": [{\"network\": {\"residual\": \"yes\"}}]}");
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *runs;

  run_cli (&r, "run", "--preset", good);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  runs = json_object_get_array_member (json_node_get_object (root), "runs");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (runs, 0),
                                                                         "parameters")), ==, 18);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (runs, 1),
                                                                         "parameters")), ==, 10);
  cli_result_clear (&r);
  /* --residual on the command line switches it on in every run */
  run_cli (&r, "run", "--preset", good, "--residual", "--norm", "batch");
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (r.out);
  runs = json_object_get_array_member (json_node_get_object (root), "runs");
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *network = json_object_get_object_member (
        json_object_get_object_member (json_array_get_object_element (runs, i), "config"), "network");

      g_assert_true (json_object_get_boolean_member (network, "residual"));
      g_assert_cmpstr (json_object_get_string_member (network, "norm"), ==, "batch");
    }
  cli_result_clear (&r);
  run_cli (&r, "run", "--preset", bad);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "network.residual"));
  g_assert_nonnull (strstr (r.err, "true or false"));
}

static void
test_run_preset (void)
{
  /* every run of the preset, with the command line's options applied to
   * every one of them */
  g_autofree char *preset = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets",
                                              "notebook.json", NULL);
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *runs;

  if (!g_file_test (preset, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/presets/notebook.json is missing");
      return;
    }
  run_cli (&r, "run", "--preset", preset, "--seed", "7", "--depth", "4");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  runs = json_object_get_array_member (json_node_get_object (root), "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      JsonObject *config = json_object_get_object_member (run, "config");
      JsonObject *data = json_object_get_object_member (config, "data");

      check_run_shape (run, 4, 10, 10, 1, 1);
      g_assert_cmpstr (json_object_get_string_member (run, "label"), !=, "");
      g_assert_cmpint (json_object_get_int_member (data, "seed"), ==, 7);
    }
}

static void
test_run_non_finite (void)
{
  /* relu with weights of std 1e6 overflows float32: the norms that are not
   * finite are null with "non_finite" beside them, and the JSON stays JSON */
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *params;
  guint non_finite = 0;

  run_cli (&r, "run", "--init", "normal", "--std", "1000000", "--depth", "10", "--activation", "relu");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  params = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "runs"), 0),
    "parameters");
  for (guint p = 0; p < json_array_get_length (params); p++)
    {
      JsonObject *param = json_array_get_object_element (params, p);
      JsonNode *norm = json_object_get_member (param, "grad_norm");

      g_assert_nonnull (norm);
      if (JSON_NODE_HOLDS_NULL (norm))
        {
          const char *kind = json_object_get_string_member (param, "non_finite");

          g_assert_nonnull (kind);
          g_assert_true (g_str_equal (kind, "inf") || g_str_equal (kind, "nan"));
          non_finite++;
        }
      else
        {
          g_assert_false (json_object_has_member (param, "non_finite"));
          g_assert_true (isfinite (json_node_get_double (norm)));
        }
    }
  g_assert_cmpuint (non_finite, >, 0);
}

/* the non-empty lines, without their CR LF (RFC 4180) or LF */
static char **
lines_of (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][--len] = '\0';
      if (len > 0)
        g_strv_builder_add (b, lines[i]);
    }
  return g_strv_builder_end (b);
}

static void
test_run_csv (void)
{
  g_auto(CliResult) r = { 0 };
  g_auto(CliResult) j = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *params;
  int col_name = -1, col_norm = -1;

  run_cli (&r, "run", "--format", "csv");
  run_cli (&j, "run");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (j.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  lines = lines_of (r.out);
  /* a header and one row per parameter of the default network */
  g_assert_cmpuint (g_strv_length (lines), ==, 11);
  header = g_strsplit (lines[0], ",", -1);
  for (int c = 0; header[c] != NULL; c++)
    {
      if (g_str_equal (header[c], "parameter") || g_str_equal (header[c], "name"))
        col_name = c;
      if (g_str_equal (header[c], "grad_norm"))
        col_norm = c;
    }
  g_assert_cmpint (col_name, >=, 0);
  g_assert_cmpint (col_norm, >=, 0);

  root = parse_json (j.out);
  params = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "runs"), 0),
    "parameters");
  for (guint i = 1; i < 11; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      JsonObject *param = json_array_get_object_element (params, i - 1);
      double v;

      g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (header));
      g_assert_cmpstr (fields[col_name], ==, json_object_get_string_member (param, "name"));
      v = g_ascii_strtod (fields[col_norm], NULL);
      g_assert_cmpfloat_with_epsilon (v, number (param, "grad_norm"), 1e-12 * v);
    }
}

static void
test_run_table (void)
{
  g_auto(CliResult) r = { 0 };

  run_cli (&r, "run", "--format", "table");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  for (int l = 1; l <= 5; l++)
    {
      g_autofree char *w = g_strdup_printf ("lin%d.weight", l);
      g_autofree char *b = g_strdup_printf ("lin%d.bias", l);

      g_assert_nonnull (strstr (r.out, w));
      g_assert_nonnull (strstr (r.out, b));
    }
  g_assert_nonnull (strstr (r.out, "loss"));
}

static void
test_run_output_file (void)
{
  static const char * const formats[] = { "json", "csv", "table" };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("out.%s", formats[f]);
      g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
      g_auto(CliResult) to_file = { 0 };
      g_auto(CliResult) to_stdout = { 0 };
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;

      run_cli (&to_file, "run", "--depth", "3", "--seeds", "2", "--format", formats[f], "--output", path);
      g_assert_cmpint (to_file.status, ==, 0);
      g_assert_cmpstr (to_file.out, ==, "");
      g_file_get_contents (path, &contents, NULL, &error);
      g_assert_no_error (error);
      run_cli (&to_stdout, "run", "--depth", "3", "--seeds", "2", "--format", formats[f]);
      g_assert_cmpint (to_stdout.status, ==, 0);
      g_assert_cmpstr (contents, ==, to_stdout.out);
      if (f == 0)
        {
          g_autoptr(JsonNode) root = parse_json (contents);
          g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
        }
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

static void
test_run_help (void)
{
  static const char * const options[] = {
    "--preset", "--depth", "--width", "--inputs", "--outputs", "--samples", "--activation",
    "--negative-slope", "--output-activation", "--init", "--gain", "--a", "--b", "--mode",
    "--nonlinearity", "--mean", "--std", "--bias-init", "--seed", "--seeds", "--dtype", "--format",
    "--output",
  };
  g_auto(CliResult) r = { 0 };
  g_autofree char *all = NULL;

  run_cli (&r, "run", "--help-all");
  g_assert_cmpint (r.status, ==, 0);
  all = g_strconcat (r.out, r.err, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (!mentions_value (all, options[i]))
      g_error ("run --help-all does not list %s:\n%s", options[i], all);
}

/* every command's --help and the man page give each run option its
 * description, default and range, all from the field table */
static void
test_help_from_field_table (void)
{
  static const char * const commands[] = { "run", "bench", "sweep", "plot" };
  guint n;
  const GradlensField *fields = gradlens_fields (&n);
  g_auto(CliResult) man = { 0 };

  /* the texts this test builds are the untranslated ones */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_auto(CliResult) r = { 0 };

      run_cli (&r, commands[c], "--help");
      g_assert_cmpint (r.status, ==, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *help = gradlens_field_help (&fields[i]);
          /* a switch (--residual) takes no value */
          g_autofree char *option = g_strdup_printf (fields[i].type == GRADLENS_FIELD_BOOL ? "--%s " : "--%s=",
                                                     fields[i].option);
          const char *line = strstr (r.out, option);

          if (line == NULL || strstr (line, help) == NULL || strchr (line, '\n') < strstr (line, help))
            g_error ("%s --help lacks “%s %s”:\n%s", commands[c], option, help, r.out);
          /* every value's default, or a switch's "off unless given" */
          g_assert_nonnull (strstr (help, fields[i].type == GRADLENS_FIELD_BOOL ? "(off unless given)" : "(default "));
        }
    }
  run_cli (&man, "--man");
  g_assert_cmpint (man.status, ==, 0);
  g_assert_true (g_str_has_prefix (man.out, ".TH GRADLENS\\-CLI 1"));
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) parts = g_strsplit (fields[i].option, "-", -1);
      g_autofree char *escaped = g_strjoinv ("\\-", parts);
      /* ".B \-\-depth \fIN\fR"; a switch's line ends after its name */
      g_autofree char *option = g_strdup_printf (fields[i].type == GRADLENS_FIELD_BOOL ? ".B \\-\\-%s\n"
                                                                                   : ".B \\-\\-%s ", escaped);

      if (strstr (man.out, option) == NULL)
        g_error ("the man page lacks %s", option);
    }
}

static void
test_bench (void)
{
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *run, *full;

  run_cli (&r, "bench", "--iterations", "3", "--depth", "2");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_nonnull (json_object_get_object_member (o, "config"));
  g_assert_cmpint (json_object_get_int_member (o, "iterations"), ==, 3);
  run = json_object_get_object_member (o, "seconds_per_run");
  full = json_object_get_object_member (o, "seconds_per_full_run");
  g_assert_cmpfloat (number (run, "min"), >, 0);
  g_assert_cmpfloat (number (run, "min"), <=, number (run, "median"));
  g_assert_cmpfloat (number (full, "min"), >, 0);
  g_assert_cmpfloat (number (full, "min"), <=, number (full, "median"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gradlens/cli/invalid/%s", invalid_cases[i].name);
      g_test_add_data_func (path, &invalid_cases[i], test_invalid);
    }
  g_test_add_func ("/gradlens/cli/invalid/no-command", test_no_command);
  g_test_add_func ("/gradlens/cli/invalid/memory-limit", test_memory_limit);
  g_test_add_func ("/gradlens/cli/invalid/preset-typo", test_bad_preset);
  g_test_add_func ("/gradlens/cli/invalid/preset-missing", test_missing_preset);
  g_test_add_func ("/gradlens/cli/invalid/output-unwritable", test_output_unwritable);
  g_test_add_func ("/gradlens/cli/run/json-default", test_run_json_default);
  g_test_add_func ("/gradlens/cli/run/json-seeds", test_run_json_seeds);
  g_test_add_func ("/gradlens/cli/run/overrides", test_run_overrides);
  g_test_add_func ("/gradlens/cli/run/preset", test_run_preset);
  g_test_add_func ("/gradlens/cli/run/remedies", test_run_remedies);
  g_test_add_func ("/gradlens/cli/run/preset-remedies", test_preset_remedies);
  g_test_add_func ("/gradlens/cli/run/non-finite", test_run_non_finite);
  g_test_add_func ("/gradlens/cli/run/csv", test_run_csv);
  g_test_add_func ("/gradlens/cli/run/table", test_run_table);
  g_test_add_func ("/gradlens/cli/run/output-file", test_run_output_file);
  g_test_add_func ("/gradlens/cli/run/help", test_run_help);
  g_test_add_func ("/gradlens/cli/help-from-field-table", test_help_from_field_table);
  g_test_add_func ("/gradlens/cli/bench", test_bench);
  g_test_add_func ("/gradlens/cli/plot/sizes", test_plot_sizes);

  return g_test_run ();
}
