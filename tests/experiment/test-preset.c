/* test-preset.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gradlens-config.h"
#include "gradlens-error.h"
#include "gradlens-export.h"
#include "gradlens-preset.h"
#include "preset-compare.h"

/* ---- helpers ------------------------------------------------------------ */

#define HEAD "{\"format\": \"gradlens-preset\", \"version\": 1, \"runs\": [{"
#define TAIL "}]}"

static GradlensPreset *
load_text (const char  *text,
           GError     **error)
{
  return gradlens_preset_load_data (text, -1, "test.json", error);
}

/* loading fails with domain/code, and the message holds every needle */
static void
assert_load_fails (const char         *text,
                   gssize              length,
                   GQuark              domain,
                   int                 code,
                   const char * const *needles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = gradlens_preset_load_data (text, length, "test.json", &error);

  g_assert_null (preset);
  g_assert_error (error, domain, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (error->message, needles[i]) == NULL)
      g_error ("message “%s” lacks “%s”", error->message, needles[i]);
}

#define FAILS(text, ...) \
  assert_load_fails (text, -1, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET, \
                     (const char * const[]) { "Could not read “test.json”: ", __VA_ARGS__, NULL })

static void
assert_same_presets (const GradlensPreset *a,
                     const GradlensPreset *b)
{
  g_autofree char *diff = preset_compare (a, b);

  if (diff != NULL)
    g_error ("presets differ: %s", diff);
}

/* save → load → save: the loaded preset equals the original and both
 * writes give the same text */
static void
assert_round_trip (const GradlensPreset *preset)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gradlens_preset_to_data (preset);
  g_autoptr(GradlensPreset) again = load_text (text, &error);
  g_autofree char *text2 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (again);
  assert_same_presets (preset, again);
  text2 = gradlens_preset_to_data (again);
  g_assert_cmpstr (text, ==, text2);
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gradlens-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* the sorted names in dir, joined with "," */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* A preset with every field of every run away from its default, labels
 * that need escaping and doubles that need all 17 digits. */
static GradlensPreset *
make_rich_preset (void)
{
  GradlensPreset *preset = gradlens_preset_new ();
  GradlensRunConfig *r;

  g_free (preset->title);
  preset->title = g_strdup ("Vanishing “gradients”: σ vs \"Leaky\" ReLU \\ 50% — 日本語 🧪");
  preset->plot.y_scale = GRADLENS_Y_LINEAR;
  preset->plot.x_axis = GRADLENS_X_LAYER;
  preset->plot.theme = GRADLENS_THEME_LIGHT;
  g_free (preset->plot.title);
  g_free (preset->plot.x_title);
  g_free (preset->plot.y_title);
  preset->plot.title = g_strdup ("Tab\there, newline\nthere");
  preset->plot.x_title = g_strdup ("");
  preset->plot.y_title = g_strdup ("‖∇W‖₂");

  r = gradlens_run_config_new ();
  g_free (r->label);
  r->label = g_strdup ("Vanilla \"Sigmoid\" Network");
  r->color = g_strdup ("#636efa");
  g_ptr_array_add (preset->runs, r);

  r = gradlens_run_config_new ();
  g_free (r->label);
  r->label = g_strdup ("Leaky ReLU (α = 0.01) \\ ünïcödé 😀 'quoted' {brace} [bracket] /* not a comment */");
  r->color = g_strdup ("#EF553B");
  r->nn.depth = 1000;
  r->nn.width = 4096;
  r->nn.inputs = 1;
  r->nn.outputs = 4096;
  r->nn.samples = 65536;
  r->nn.activation = NN_ACT_LEAKY_RELU;
  r->nn.negative_slope = 1.0 / 3.0;
  r->nn.output_activation = false;
  r->nn.init = NN_INIT_KAIMING_NORMAL;
  r->nn.bias = NN_BIAS_ZEROS;
  r->nn.gain = -2.220446049250313e-16;
  r->nn.a = 0.1;
  r->nn.b = 1e6;
  r->nn.mode = NN_FAN_OUT;
  r->nn.nonlinearity = NN_NONLIN_SELU;
  r->nn.mean = -123456.789;
  r->nn.std = 4.9406564584124654e-324;   /* the smallest denormal */
  r->nn.dtype = NN_FLOAT64;
  r->seed = GRADLENS_MAX_SEED - 9999;
  r->seeds = 10000;
  g_ptr_array_add (preset->runs, r);

  r = gradlens_run_config_new ();   /* all defaults, no colour, empty label */
  g_ptr_array_add (preset->runs, r);

  /* doubles that json-glib 1.6 alone would write as 1e-08.0 */
  r = gradlens_run_config_new ();
  g_free (r->label);
  r->label = g_strdup ("std 1e-08.0, \"1e+20.0\" stays text");
  r->nn.init = NN_INIT_NORMAL;
  r->nn.std = 1e-8;
  r->nn.mean = -1e-10;
  r->nn.gain = 1e-300;
  g_ptr_array_add (preset->runs, r);

  r = gradlens_run_config_new ();
  g_free (r->label);
  r->label = g_strdup ("uniform init");
  r->nn.init = NN_INIT_UNIFORM;
  r->nn.a = -0.0;
  r->nn.b = 0.0;
  r->nn.activation = NN_ACT_GELU;
  r->nn.std = 1e-300;
  r->nn.gain = 1000;
  r->nn.negative_slope = -1000;
  r->seed = 42;
  g_ptr_array_add (preset->runs, r);
  return preset;
}

/* ---- round trips -------------------------------------------------------- */

static void
test_round_trip_rich (void)
{
  g_autoptr(GradlensPreset) preset = make_rich_preset ();
  g_autoptr(GradlensPreset) copy = gradlens_preset_copy (preset);
  g_autofree char *text = gradlens_preset_to_data (preset);

  assert_round_trip (preset);
  assert_same_presets (preset, copy);
  /* the text is what DESIGN.md pins */
  g_assert_nonnull (strstr (text, "\"format\" : \"gradlens-preset\""));
  g_assert_nonnull (strstr (text, "\"version\" : 1"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* Each field of the table, alone away from its default, survives a save
 * and a load; this also proves preset-compare.h sees every field. */
static void
test_round_trip_each_field (void)
{
  guint n;
  const GradlensField *fields = gradlens_fields (&n);

  g_assert_cmpuint (n, ==, 22);
  for (guint i = 0; i < n; i++)
    {
      const GradlensField *f = &fields[i];
      g_autoptr(GradlensPreset) preset = gradlens_preset_new ();
      g_autoptr(GradlensRunConfig) plain = gradlens_run_config_new ();
      g_autoptr(GradlensRunConfig) run = gradlens_run_config_new ();
      g_autoptr(GradlensPreset) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;
      g_autofree char *diff = NULL;
      g_autofree char *text = NULL;

      switch (f->type)
        {
        case GRADLENS_FIELD_CHOICE:
          value = g_strdup (f->choice_name (f->n_choices - 1));
          break;
        case GRADLENS_FIELD_INT:
          value = g_strdup_printf ("%.0f", f->max);
          break;
        case GRADLENS_FIELD_INT64:
          value = g_strdup ("123456789012345");
          break;
        case GRADLENS_FIELD_BOOL:
          value = g_strdup ("true");
          break;
        case GRADLENS_FIELD_DOUBLE:
        default:
          value = g_strdup ("0.30000000000000004");
          break;
        }
      g_assert_true (gradlens_field_parse (f, value, run, &error));
      g_assert_no_error (error);
      diff = preset_compare_runs (plain, run);
      if (diff == NULL)
        g_error ("setting %s to %s changed nothing the comparison sees", f->key, value);
      g_clear_pointer (&diff, g_free);

      g_ptr_array_add (preset->runs, gradlens_run_config_dup (run));
      text = gradlens_preset_to_data (preset);
      again = load_text (text, &error);
      g_assert_no_error (error);
      diff = preset_compare_runs (run, g_ptr_array_index (again->runs, 0));
      if (diff != NULL)
        g_error ("%s = %s did not survive a round trip: %s", f->key, value, diff);
    }
}

static void
test_round_trip_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "rich.json", NULL);
  g_autoptr(GradlensPreset) preset = make_rich_preset ();
  g_autoptr(GradlensPreset) loaded = NULL;
  g_autoptr(GradlensPreset) loaded2 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gradlens_preset_save (preset, path, &error));
  g_assert_no_error (error);
  loaded = gradlens_preset_load_path (path, &error);
  g_assert_no_error (error);
  assert_same_presets (preset, loaded);
  g_assert_true (gradlens_preset_save (loaded, path, &error));
  loaded2 = gradlens_preset_load_path (path, &error);
  g_assert_no_error (error);
  assert_same_presets (preset, loaded2);
  remove_tree (dir);
}

static void
test_json_numbers (void)
{
  char text[] = "{\"a\" : 1e-08.0, \"s\" : \"1e-08.0\", \"t\" : \"x\\\"1e+20.0\\\\\", "
                "\"b\" : [2.0, 1.5e-05, 1E+22.0, -3e-300.0,1e-07.0], \"c\" : 10.0}";
  const char *want = "{\"a\" : 1e-08, \"s\" : \"1e-08.0\", \"t\" : \"x\\\"1e+20.0\\\\\", "
                     "\"b\" : [2.0, 1.5e-05, 1E+22, -3e-300,1e-07], \"c\" : 10.0}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  gradlens_json_repair_numbers (text);
  g_assert_cmpstr (text, ==, want);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
}

/* A file written by hand (numbers as integers, members in another order)
 * loads to the same values as the writer's own output. */
static void
test_round_trip_handwritten (void)
{
  const char *text =
    "{\"runs\": [{\"dtype\": \"float64\", \"data\": {\"seeds\": 3, \"seed\": 7},\n"
    "  \"init\": {\"std\": 2, \"weights\": \"normal\", \"mean\": -1.5e-3},\n"
    "  \"network\": {\"negative_slope\": 1, \"activation\": \"leaky_relu\", \"depth\": 12},\n"
    "  \"color\": \"#00cc96\", \"label\": \"h\\u00e9llo \\\"w\\\"\\n\"}],\n"
    " \"title\": \"t\", \"version\": 1, \"format\": \"gradlens-preset\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = load_text (text, &error);
  const GradlensRunConfig *r;

  g_assert_no_error (error);
  r = g_ptr_array_index (preset->runs, 0);
  g_assert_cmpint (r->nn.dtype, ==, NN_FLOAT64);
  g_assert_cmpint (r->seeds, ==, 3);
  g_assert_cmpint (r->seed, ==, 7);
  g_assert_cmpfloat (r->nn.std, ==, 2.0);
  g_assert_cmpint (r->nn.init, ==, NN_INIT_NORMAL);
  g_assert_cmpfloat (r->nn.mean, ==, -1.5e-3);
  g_assert_cmpfloat (r->nn.negative_slope, ==, 1.0);
  g_assert_cmpint (r->nn.activation, ==, NN_ACT_LEAKY_RELU);
  g_assert_cmpint (r->nn.depth, ==, 12);
  g_assert_cmpstr (r->color, ==, "#00cc96");
  g_assert_cmpstr (r->label, ==, "héllo \"w\"\n");
  g_assert_cmpstr (preset->title, ==, "t");
  assert_round_trip (preset);
}

/* Under a comma-decimal locale numbers are still written and read with a
 * point. .ci (run.sh) generates de_DE.UTF-8; elsewhere the case skips. */
static void
test_round_trip_comma_locale (void)
{
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autoptr(GradlensPreset) preset = make_rich_preset ();
  g_autoptr(GradlensPreset) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *c_text = HEAD "\"network\": {\"negative_slope\": 0.25}, \"init\": {\"gain\": 1.5e-3}" TAIL;
  const GradlensRunConfig *r;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL && setlocale (LC_NUMERIC, "de_DE.utf8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return;
    }
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");

  text = gradlens_preset_to_data (preset);
  g_assert_nonnull (strstr (text, "0.33333333333333331"));
  g_assert_null (strstr (text, "0,3"));
  assert_round_trip (preset);

  loaded = load_text (c_text, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (loaded->runs, 0);
  g_assert_cmpfloat (r->nn.negative_slope, ==, 0.25);
  g_assert_cmpfloat (r->nn.gain, ==, 1.5e-3);

  setlocale (LC_NUMERIC, old);
}

/* ---- defaults ----------------------------------------------------------- */

static void
assert_notebook_defaults (const GradlensRunConfig *r)
{
  /* DESIGN.md "Command line" and "Presets" */
  g_assert_cmpint (r->nn.depth, ==, 5);
  g_assert_cmpint (r->nn.width, ==, 10);
  g_assert_cmpint (r->nn.inputs, ==, 10);
  g_assert_cmpint (r->nn.outputs, ==, 1);
  g_assert_cmpint (r->nn.samples, ==, 100);
  g_assert_cmpint (r->nn.activation, ==, NN_ACT_SIGMOID);
  g_assert_cmpfloat (r->nn.negative_slope, ==, 0.01);
  g_assert_true (r->nn.output_activation);
  g_assert_cmpint (r->nn.init, ==, NN_INIT_DEFAULT);
  g_assert_cmpint (r->nn.bias, ==, NN_BIAS_DEFAULT);
  g_assert_cmpfloat (r->nn.gain, ==, 1.0);
  g_assert_cmpfloat (r->nn.a, ==, 0.0);
  g_assert_cmpfloat (r->nn.b, ==, 1.0);
  g_assert_cmpint (r->nn.mode, ==, NN_FAN_IN);
  g_assert_cmpint (r->nn.nonlinearity, ==, NN_NONLIN_LEAKY_RELU);
  g_assert_cmpfloat (r->nn.mean, ==, 0.0);
  g_assert_cmpfloat (r->nn.std, ==, 1.0);
  g_assert_cmpint (r->nn.dtype, ==, NN_FLOAT32);
  g_assert_cmpint (r->seed, ==, 0);
  g_assert_cmpint (r->seeds, ==, 1);
}

static void
test_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) bare = load_text ("{\"format\": \"gradlens-preset\", \"runs\": [{}, {}]}", &error);
  g_autoptr(GradlensPreset) partial = NULL;
  const GradlensRunConfig *r;

  g_assert_no_error (error);
  g_assert_cmpuint (bare->runs->len, ==, 2);
  for (guint i = 0; i < bare->runs->len; i++)
    {
      r = g_ptr_array_index (bare->runs, i);
      assert_notebook_defaults (r);
      g_assert_null (r->color);
      g_assert_cmpstr (r->label, ==, "");
    }
  g_assert_cmpint (bare->plot.y_scale, ==, GRADLENS_Y_LOG);
  g_assert_cmpint (bare->plot.x_axis, ==, GRADLENS_X_PARAMETER);
  g_assert_cmpint (bare->plot.theme, ==, GRADLENS_THEME_DARK);
  g_assert_cmpstr (bare->plot.x_title, ==, "Layer Index");
  g_assert_cmpstr (bare->plot.y_title, ==, "Gradient Norm");

  /* a partial section keeps the defaults of its other keys */
  partial = load_text (HEAD "\"network\": {\"depth\": 7}, \"init\": {}, \"data\": {\"seed\": 3}" TAIL, &error);
  g_assert_no_error (error);
  {
    GradlensRunConfig *p = g_ptr_array_index (partial->runs, 0);

    g_assert_cmpint (p->nn.depth, ==, 7);
    g_assert_cmpint (p->seed, ==, 3);
    p->nn.depth = 5;
    p->seed = 0;
    assert_notebook_defaults (p);
  }
}

/* the presets the project ships all load */
static void
test_shipped_presets (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("GRADLENS_SOURCE_ROOT"), "data", "presets", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  if (d == NULL)
    {
      g_test_skip ("no data/presets");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GradlensPreset) preset = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      preset = gradlens_preset_load_path (path, &error);
      g_assert_no_error (error);
      assert_round_trip (preset);
      count++;
    }
  g_assert_cmpuint (count, >, 0);
}

/* ---- malformed presets: one message per class --------------------------- */

static void
test_error_unknown_key (void)
{
  FAILS (HEAD "\"network\": {\"dpeth\": 5}" TAIL,
         "run 1: network", "unknown key “dpeth”", "expected one of", "depth", "width");
  FAILS (HEAD "\"netwrk\": {}" TAIL, "run 1: ", "unknown key “netwrk”", "network, init, data");
  FAILS ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"plto\": {}}",
         "preset", "unknown key “plto”", "plot");
  FAILS ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"plot\": {\"themes\": \"dark\"}}",
         "plot", "unknown key “themes”", "theme");
  /* the second run is named */
  FAILS ("{\"format\": \"gradlens-preset\", \"runs\": [{}, {\"data\": {\"sed\": 1}}]}",
         "run 2: data", "unknown key “sed”", "seed");
}

static void
test_error_wrong_type (void)
{
  FAILS (HEAD "\"network\": {\"depth\": \"five\"}" TAIL,
         "run 1: network.depth", "expected an integer", "from 1 to 1000", "the string “five”");
  FAILS (HEAD "\"network\": {\"activation\": 3}" TAIL,
         "run 1: network.activation", "expected a string", "sigmoid, tanh", "the number 3");
  FAILS (HEAD "\"label\": {\"text\": \"x\"}" TAIL, "run 1: label", "expected a string", "an object");
  FAILS (HEAD "\"init\": {\"gain\": true}" TAIL, "run 1: init.gain", "expected a number", "true");
  FAILS (HEAD "\"network\": [1]" TAIL, "run 1: network", "expected an object", "an array");
  FAILS (HEAD "\"data\": {\"seed\": null}" TAIL, "run 1: data.seed", "expected an integer", "null");
  FAILS ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"title\": 12}", "title", "expected a string",
         "the number 12");
  /* a long string value is cut in the message */
  FAILS (HEAD "\"network\": {\"width\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}" TAIL,
         "run 1: network.width", "the string “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…”");
}

static void
test_error_out_of_range (void)
{
  FAILS (HEAD "\"network\": {\"depth\": 0}" TAIL,
         "run 1: network.depth", "invalid value “0”", "an integer from 1 to 1000");
  FAILS (HEAD "\"network\": {\"width\": 5000}" TAIL,
         "run 1: network.width", "invalid value “5000”", "an integer from 1 to 4096");
  FAILS (HEAD "\"data\": {\"seeds\": 0}" TAIL,
         "run 1: data.seeds", "invalid value “0”", "an integer from 1 to 10000");
  FAILS (HEAD "\"init\": {\"std\": -1}" TAIL,
         "run 1: init.std", "invalid value “-1”", "a number from 0 to");
  FAILS (HEAD "\"data\": {\"samples\": 65537}" TAIL,
         "run 1: data.samples", "invalid value “65537”", "from 1 to 65536");
  FAILS (HEAD "\"data\": {\"seed\": -1}" TAIL, "run 1: data.seed", "invalid value “-1”");
  FAILS (HEAD "\"init\": {\"gain\": 1e300}" TAIL, "run 1: init.gain", "invalid value “1e300”",
         "a number from -1000 to 1000");
  FAILS (HEAD "\"init\": {\"weights\": \"uniform\", \"a\": 2, \"b\": 1}" TAIL,
         "run 1: ", "init.a/init.b", "a <= b");
  FAILS (HEAD "\"color\": \"red\"" TAIL, "run 1: ", "color", "invalid value “red”", "#636efa");
  FAILS (HEAD "\"data\": {\"seed\": 9007199254740991, \"seeds\": 2}" TAIL, "run 1: ", "data.seeds",
         "9007199254740991");
}

static void
test_error_not_integer (void)
{
  FAILS (HEAD "\"network\": {\"depth\": 2.5}" TAIL,
         "run 1: network.depth", "expected an integer", "2.5", "from 1 to 1000");
  FAILS (HEAD "\"data\": {\"seed\": 0.5}" TAIL, "run 1: data.seed", "expected an integer", "0.5");
  /* 3.0 is an integer written as a double: accepted */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GradlensPreset) p = load_text (HEAD "\"network\": {\"depth\": 3.0}" TAIL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (((GradlensRunConfig *) g_ptr_array_index (p->runs, 0))->nn.depth, ==, 3);
  }
}

static void
test_error_unknown_choice (void)
{
  FAILS (HEAD "\"network\": {\"activation\": \"sigmod\"}" TAIL,
         "run 1: network.activation", "invalid value “sigmod”",
         "one of sigmoid, tanh, relu, leaky_relu, elu, gelu, selu, softplus, identity");
  FAILS (HEAD "\"dtype\": \"float16\"" TAIL, "run 1: dtype", "invalid value “float16”", "float32, float64");
  FAILS (HEAD "\"init\": {\"mode\": \"fan_avg\"}" TAIL, "run 1: init.mode", "“fan_avg”", "fan_in, fan_out");
  FAILS (HEAD "\"network\": {\"output_activation\": \"none\"}" TAIL,
         "run 1: network.output_activation", "“none”", "same, identity");
  FAILS ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"plot\": {\"theme\": \"blue\"}}",
         "plot.theme", "invalid value “blue”", "dark, light");
}

static void
test_error_format_version (void)
{
  FAILS ("{\"format\": \"gradlens-prest\", \"runs\": [{}]}",
         "format", "expected \"gradlens-preset\"", "“gradlens-prest”");
  FAILS ("{\"runs\": [{}]}", "format: missing");
  FAILS ("{\"format\": \"gradlens-preset\", \"version\": 2, \"runs\": [{}]}",
         "version", "invalid value 2", "version 1");
  FAILS ("{\"format\": \"gradlens-preset\", \"version\": \"1\", \"runs\": [{}]}",
         "version", "expected the integer 1", "the string “1”");
}

static void
test_error_runs (void)
{
  GString *many = g_string_new ("{\"format\": \"gradlens-preset\", \"runs\": [{}");

  FAILS ("{\"format\": \"gradlens-preset\"}", "runs: missing", "at least one run");
  FAILS ("{\"format\": \"gradlens-preset\", \"runs\": []}", "runs", "0 runs", "from 1 to 256");
  FAILS ("{\"format\": \"gradlens-preset\", \"runs\": {}}", "runs", "expected an array", "an object");
  FAILS ("{\"format\": \"gradlens-preset\", \"runs\": [3]}", "run 1: ", "expected an object", "the number 3");
  for (int i = 1; i < 257; i++)
    g_string_append (many, ",{}");
  g_string_append (many, "]}");
  FAILS (many->str, "runs", "257 runs", "from 1 to 256");
  g_string_free (many, TRUE);
}

/* the whole message, as the CLI prints it after its name and the app shows
 * it in its error dialog: the file, then the line and column or the run by
 * its number from 1 and its label, then the key path */
static void
assert_message (const char *text,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = gradlens_preset_load_data (text, -1, "mine.json", &error);

  g_assert_null (preset);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_error_messages (void)
{
  /* a syntax error: line and column (of the second comma), in words */
  assert_message ("{\"format\": \"gradlens-preset\",\n \"runs\": [{\"label\": \"x\",, \"network\": {}}]}",
                  "Could not read “mine.json”: line 2, column 25: a comma where a name was expected");
  assert_message ("{\"format\": \"gradlens-preset\" \"runs\": []}",
                  "Could not read “mine.json”: line 1, column 30: "
                  "a double quote where a comma or “}” was expected");
  assert_message ("{\"format\" \"gradlens-preset\"}",
                  "Could not read “mine.json”: line 1, column 11: "
                  "a double quote where a colon after the name was expected");
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}}",
                  "Could not read “mine.json”: line 1, column 42: "
                  "a closing brace “}” where a comma or “]” was expected");
  /* the fifth run named by its number and label, the label read first
   * although it comes after the bad key */
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}, {}, {}, {}, "
                  "{\"network\": {\"depth\": 0}, \"label\": \"Deep sigmoid (8)\"}]}",
                  "Could not read “mine.json”: run 5 “Deep sigmoid (8)”: network.depth: "
                  "invalid value “0”; expected an integer from 1 to 1000");
  /* a run without a label: its number alone, counted from 1 */
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}, {\"data\": {\"samples\": 0}}]}",
                  "Could not read “mine.json”: run 2: data.samples: "
                  "invalid value “0”; expected an integer from 1 to 65536");
  /* an empty label is no label */
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{\"label\": \"\", \"dtype\": \"half\"}]}",
                  "Could not read “mine.json”: run 1: dtype: invalid value “half”; "
                  "expected one of float32, float64");
  /* a check across several fields names them all */
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{\"label\": \"U\", "
                  "\"init\": {\"weights\": \"uniform\", \"a\": 2, \"b\": 1}}]}",
                  "Could not read “mine.json”: run 1 “U”: init.a/init.b: "
                  "uniform initialisation needs a <= b, found a = 2 > b = 1");
  /* an unknown key in a labelled run */
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{\"label\": \"L\", \"bogus\": 1}]}",
                  "Could not read “mine.json”: run 1 “L”: unknown key “bogus”; "
                  "expected one of label, color, visible, network, init, data, dtype");
  /* nested keys outside the runs: train.* and plot.* keep their paths */
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"train\": {\"lr\": -1}}",
                  "Could not read “mine.json”: train.lr: invalid value “-1”; "
                  "expected a number from 0 to 1000");
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"train\": {\"stpes\": 5}}",
                  "Could not read “mine.json”: train: unknown key “stpes”; "
                  "expected one of steps, optimizer, lr, momentum");
  /* a very long label is cut */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GradlensPreset) preset = gradlens_preset_load_data (
      "{\"format\": \"gradlens-preset\", \"runs\": [{\"label\": "
      "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", "
      "\"dtype\": 1}]}", -1, "mine.json", &error);

    g_assert_null (preset);
    g_assert_true (g_str_has_prefix (error->message, "Could not read “mine.json”: run 1 “"
                                     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…”: dtype: "));
  }
}

/* "controls" (the app's panel, a run's keys) and "accept_long_work": both
 * optional, read, checked and written back; absent, they are not written */
static void
test_controls_and_long_work (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) with = load_text (
    "{\"format\": \"gradlens-preset\", \"runs\": [{}], \"accept_long_work\": true, "
    "\"controls\": {\"label\": \"Mine\", \"network\": {\"depth\": 12, \"width\": 33, "
    "\"activation\": \"tanh\"}, \"init\": {\"weights\": \"xavier_normal\", \"gain\": 0.5}, "
    "\"data\": {\"samples\": 7, \"seed\": 3, \"seeds\": 4}, \"dtype\": \"float64\"}}", &error);
  g_autoptr(GradlensPreset) without = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (with->accept_long_work);
  g_assert_nonnull (with->controls);
  g_assert_cmpstr (with->controls->label, ==, "Mine");
  g_assert_cmpint (with->controls->nn.depth, ==, 12);
  g_assert_cmpint (with->controls->nn.width, ==, 33);
  g_assert_cmpint (with->controls->nn.activation, ==, NN_ACT_TANH);
  g_assert_cmpint (with->controls->nn.init, ==, NN_INIT_XAVIER_NORMAL);
  g_assert_cmpfloat (with->controls->nn.gain, ==, 0.5);
  g_assert_cmpint (with->controls->nn.samples, ==, 7);
  g_assert_cmpint (with->controls->seed, ==, 3);
  g_assert_cmpint (with->controls->seeds, ==, 4);
  g_assert_cmpint (with->controls->nn.dtype, ==, NN_FLOAT64);
  /* the runs are not the controls */
  g_assert_cmpint (((GradlensRunConfig *) g_ptr_array_index (with->runs, 0))->nn.depth, ==, 5);
  assert_round_trip (with);
  text = gradlens_preset_to_data (with);
  g_assert_nonnull (strstr (text, "\"controls\" : {"));
  g_assert_nonnull (strstr (text, "\"accept_long_work\" : true"));

  without = load_text ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"accept_long_work\": false}", &error);
  g_assert_no_error (error);
  g_assert_null (without->controls);
  g_assert_false (without->accept_long_work);
  g_clear_pointer (&text, g_free);
  text = gradlens_preset_to_data (without);
  g_assert_null (strstr (text, "controls"));
  g_assert_null (strstr (text, "accept_long_work"));

  /* checked as a run is, named by their key */
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"controls\": {\"network\": {\"depth\": 0}}}",
                  "Could not read “mine.json”: controls.network.depth: invalid value “0”; "
                  "expected an integer from 1 to 1000");
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"controls\": {\"dpeth\": 3}}",
                  "Could not read “mine.json”: controls: unknown key “dpeth”; "
                  "expected one of label, color, visible, network, init, data, dtype");
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"controls\": {\"label\": 3}}",
                  "Could not read “mine.json”: controls.label: expected a string, found the number 3");
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"controls\": [1]}",
                  "Could not read “mine.json”: controls: expected an object, found an array");
  /* a run's "visible": false (the app shows it hidden), true by default and
   * then not written */
  {
    g_autoptr(GradlensPreset) hidden = load_text (
      "{\"format\": \"gradlens-preset\", \"runs\": [{\"label\": \"a\", \"visible\": false}, "
      "{\"label\": \"b\", \"visible\": true}, {\"label\": \"c\"}]}", &error);
    g_autofree char *written = NULL;

    g_assert_no_error (error);
    g_assert_true (((GradlensRunConfig *) g_ptr_array_index (hidden->runs, 0))->hidden);
    g_assert_false (((GradlensRunConfig *) g_ptr_array_index (hidden->runs, 1))->hidden);
    g_assert_false (((GradlensRunConfig *) g_ptr_array_index (hidden->runs, 2))->hidden);
    assert_round_trip (hidden);
    written = gradlens_preset_to_data (hidden);
    g_assert_nonnull (strstr (written, "\"visible\" : false"));
    g_assert_null (strstr (written, "\"visible\" : true"));
  }
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}, {\"label\": \"b\", \"visible\": \"no\"}]}",
                  "Could not read “mine.json”: run 2 “b”: visible: expected true or false, "
                  "found the string “no”");
  assert_message ("{\"format\": \"gradlens-preset\", \"runs\": [{}], \"accept_long_work\": \"yes\"}",
                  "Could not read “mine.json”: accept_long_work: expected true or false, "
                  "found the string “yes”");
}

static void
test_error_not_object (void)
{
  FAILS ("[1, 2]", "expected a JSON object", "an array");
  FAILS ("\"gradlens-preset\"", "expected a JSON object", "the string “gradlens-preset”");
  FAILS ("42", "expected a JSON object", "the number 42");
  FAILS ("null", "expected a JSON object", "null");
  FAILS ("", "expected a JSON object", "an empty file");
  FAILS ("   \n\t ", "expected a JSON object", "an empty file");
}

static void
test_error_truncated (void)
{
  g_autoptr(GradlensPreset) preset = make_rich_preset ();
  g_autofree char *text = gradlens_preset_to_data (preset);
  gsize len = strlen (text);
  guint tried = 0;

  FAILS ("{\"format\": \"gradlens-preset\", \"runs\": [{\"label\": \"x\"", "line 1, column 53",
         "the end of the file where a comma or “}” was expected");
  /* every cut of a valid preset fails cleanly (a cut in the trailing
   * whitespace leaves a complete document) */
  for (gsize cut = 0; cut + 2 < len; cut += 3)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GradlensPreset) p = NULL;
      g_autofree char *part = g_strndup (text, cut);

      /* a cut inside a multi-byte character is invalid UTF-8: also refused */
      p = gradlens_preset_load_data (part, (gssize) cut, "cut.json", &error);
      g_assert_null (p);
      g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET);
      g_assert_true (g_str_has_prefix (error->message, "Could not read “cut.json”: "));
      tried++;
    }
  g_assert_cmpuint (tried, >, 100);
}

static void
test_error_binary (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  guint8 garbage[4096];
  const char with_nul[] = "{\"format\": \"gradlens-preset\",\0 \"runs\": [{}]}";
  const char bad_utf8[] = HEAD "\"label\": \"caf\xe9 \xff\xfe\"" TAIL;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_rand_int_range (rand, 0, 256);
  assert_load_fails ((const char *) garbage, sizeof garbage, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET,
                     (const char * const[]) { "Could not read “test.json”: ", "not a text file", NULL });
  assert_load_fails (with_nul, sizeof with_nul - 1, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET,
                     (const char * const[]) { "Could not read “test.json”: ", "zero byte", NULL });
  assert_load_fails (bad_utf8, -1, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET,
                     (const char * const[]) { "Could not read “test.json”: ", "invalid UTF-8", NULL });
  /* valid UTF-8 text whose \u escape would decode to a lone surrogate: the
   * strict reader names the escape and where it is */
  FAILS (HEAD "\"label\": \"\\udc00x\"" TAIL, "line 1, column", "“\\udc00”", "lone low surrogate");
  /* and as a key */
  FAILS (HEAD "\"\\udc00x\": 1" TAIL, "line 1, column", "lone low surrogate");
  FAILS (HEAD "\"label\": \"\\ud800\"" TAIL, "line 1, column", "“\\ud800”", "lone high surrogate");
}

static void
test_error_too_large (void)
{
  gsize size = GRADLENS_PRESET_MAX_BYTES + 1;
  g_autofree char *big = g_malloc (size + 1);
  const char *preset = "{\"format\": \"gradlens-preset\", \"runs\": [{}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) ok = NULL;

  g_assert_cmpint (GRADLENS_PRESET_MAX_BYTES, ==, 16 * 1024 * 1024);

  /* all [: the size is refused before the nesting check or the parser */
  memset (big, '[', size);
  big[size] = '\0';
  assert_load_fails (big, (gssize) size, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE,
                     (const char * const[]) { "Could not read “test.json”: ", "16777217 bytes", "16 MiB", NULL });

  /* exactly 16 MiB is still a preset */
  memset (big, ' ', size);
  memcpy (big, preset, strlen (preset));
  ok = gradlens_preset_load_data (big, GRADLENS_PRESET_MAX_BYTES, "edge.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
}

static void
test_error_deep (void)
{
  gsize depth = 100000;
  g_autofree char *brackets = g_malloc (depth + 1);
  GString *objects = g_string_new (NULL);
  GString *in_string = g_string_new (HEAD "\"label\": \"");
  GString *escaped = g_string_new (HEAD "\"label\": \"\\\"");

  memset (brackets, '[', depth);
  brackets[depth] = '\0';
  FAILS (brackets, "line 1", "nested more than 32 levels");

  for (gsize i = 0; i < depth; i++)
    g_string_append (objects, "{\"a\":\n");
  FAILS (objects->str, "line 33", "nested more than 32 levels");
  g_string_free (objects, TRUE);

  /* brackets inside strings are text, not nesting */
  for (int i = 0; i < 200; i++)
    {
      g_string_append (in_string, "[{");
      g_string_append (escaped, "[{\\\"");
    }
  g_string_append (in_string, "\"" TAIL);
  g_string_append (escaped, "\"" TAIL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GradlensPreset) p = load_text (in_string->str, &error);
    g_autoptr(GradlensPreset) q = NULL;

    g_assert_no_error (error);
    q = load_text (escaped->str, &error);
    g_assert_no_error (error);
    assert_round_trip (q);
  }
  g_string_free (in_string, TRUE);
  g_string_free (escaped, TRUE);
}

/* json-glib 1.6 also accepts comments and single-quoted strings, and a bad
 * \u escape swallows the closing quote: none of them may hide deep nesting
 * (each of these once crashed with a stack overflow); the strict reader
 * stops at the first thing that is not JSON */
static void
test_error_deep_hidden (void)
{
  const char *prefixes[] = {
    "/* \" */",           /* a quote in a C comment */
    "/x\"/",              /* json-glib's /.../ comment */
    "{'x\"y':",           /* a quote in a single-quoted string */
    "\"\\u1\" \"",        /* \u1" eats the quote: the scanner leaves the string later */
    "[/*\"*/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      GString *s = g_string_new (prefixes[i]);

      for (int k = 0; k < 100000; k++)
        g_string_append_c (s, '[');
      FAILS (s->str, "line 1, column");
      g_string_free (s, TRUE);
    }
}

/* issue 10 point 5: everything json-glib accepts that is not JSON is
 * refused with the line and column, and read values are never changed */
static void
test_error_strict_json (void)
{
  static const struct { const char *text; const char *where; const char *what; } cases[] = {
    { HEAD "\"network\": {\"depth\": 010}" TAIL, "line 1, column 76", "“010”" },
    { HEAD "\"network\": {\"depth\": 0x10}" TAIL, "line 1, column 76", "“0x10”" },
    { HEAD "\"network\": {\"depth\": 0b101}" TAIL, "line 1, column 76", "“0b101”" },
    { HEAD "\"network\": {\"depth\": -07}" TAIL, "line 1, column 76", "“-07”" },
    { HEAD "\"network\": {\"depth\": 5.}" TAIL, "line 1, column 76", "“5.”" },
    { HEAD "\"network\": {\"depth\": .5}" TAIL, "line 1, column 76", "“.5”" },
    { HEAD "\"network\": {\"depth\": +5}" TAIL, "line 1, column 76", "“+5”" },
    { HEAD "\"network\": {\"depth\": NaN}" TAIL, "line 1, column 76", "“NaN”" },
    { "{\"format\": \"gradlens-preset\",\n // a comment\n \"runs\": [{}]}", "line 2, column 2", "comment" },
    { "{\"format\": \"gradlens-preset\", /* c */ \"runs\": [{}]}", "line 1, column 31", "comment" },
    { "{'format': 'gradlens-preset', 'runs': [{}]}", "line 1, column 2", "single quote" },
    { HEAD "\"label\": 'x'" TAIL, "line 1, column 64", "single quote" },
    { "{\"format\": \"gradlens-preset\", \"runs\": [{}]} {}", "line 1, column 45", "after the end" },
    { "{\"format\": \"gradlens-preset\", \"runs\": [{}]}\n[]", "line 2, column 1", "after the end" },
    { HEAD "\"label\": \"\\uZZZZ\"" TAIL, "line 1, column 65", "“\\uZZZZ”" },
    { HEAD "\"label\": \"\\u12\"" TAIL, "line 1, column 65", "four hexadecimal digits" },
    { HEAD "\"label\": \"a\\u0000b\"" TAIL, "line 1, column 66", "\\u0000" },
    { HEAD "\"label\": \"\\x41\"" TAIL, "line 1, column 65", "invalid escape" },
    { HEAD "\"label\": \"a\tb\"" TAIL, "line 1, column 66", "control character U+0009" },
    { "{\"format\": \"gradlens-preset\", \"runs\": [{}], \"runs\": [{}, {}]}", "line 1, column 45",
      "“runs” a second time (first at line 1, column 31)" },
    { HEAD "\"label\": \"a\", \"label\": \"b\"" TAIL, "line 1, column 69", "“label” a second time" },
    { HEAD "\"network\": {\"depth\": 3,}" TAIL, "line 1, column 78", "trailing comma" },
    { "{\"format\": \"gradlens-preset\", \"runs\": [{},]}", "line 1, column 43", "trailing comma" },
    { HEAD "\"label\": True" TAIL, "line 1, column 64", "“True”" },
    { HEAD "\"label\": \"open" TAIL, "line 1, column 64", "never closed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    FAILS (cases[i].text, cases[i].where, cases[i].what);

  /* data with a length need not end in a zero byte (found by the fuzzer:
   * a single blank was read past) */
  {
    char *blank = g_malloc (1);
    g_autoptr(GError) error = NULL;
    g_autoptr(GradlensPreset) p = NULL;

    blank[0] = ' ';
    p = gradlens_preset_load_data (blank, 1, "test.json", &error);
    g_assert_null (p);
    g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET);
    g_free (blank);
  }
}

/* numbers outside their range are quoted as written, not as what they
 * would have become */
static void
test_error_literal_numbers (void)
{
  FAILS (HEAD "\"data\": {\"seed\": 99999999999999999999}" TAIL, "run 1: data.seed",
         "“99999999999999999999”", "9007199254740991");
  FAILS (HEAD "\"data\": {\"seed\": -9223372036854775809}" TAIL, "run 1: data.seed",
         "“-9223372036854775809”");
  FAILS (HEAD "\"network\": {\"depth\": 18446744073709551615}" TAIL, "run 1: network.depth",
         "“18446744073709551615”", "from 1 to 1000");
  FAILS (HEAD "\"init\": {\"gain\": 1e-400}" TAIL, "run 1: init.gain", "“1e-400”", "too close to 0");
  FAILS (HEAD "\"init\": {\"gain\": 1e999}" TAIL, "run 1: init.gain", "“1e999”", "from -1000 to 1000");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GradlensPreset) p = load_text (HEAD "\"init\": {\"gain\": 0e5, \"std\": 2.5E-1}" TAIL, &error);
    const GradlensRunConfig *c;

    g_assert_no_error (error);
    c = g_ptr_array_index (p->runs, 0);
    g_assert_cmpfloat (c->nn.gain, ==, 0.0);
    g_assert_cmpfloat (c->nn.std, ==, 0.25);
  }
}

/* ---- files -------------------------------------------------------------- */

static void
test_load_path_errors (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.json", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) p = NULL;
  int fd;

  p = gradlens_preset_load_path (missing, &error);
  g_assert_null (p);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  p = gradlens_preset_load_path (dir, &error);
  g_assert_null (p);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  write_file (empty, "", 0);
  p = gradlens_preset_load_path (empty, &error);
  g_assert_null (p);
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET);
  g_assert_true (g_str_has_prefix (error->message, "Could not read “"));
  g_assert_nonnull (strstr (error->message, empty));
  g_assert_nonnull (strstr (error->message, "empty file"));
  g_clear_error (&error);

  /* a sparse 16 MiB + 1 file: refused by its size before reading */
  fd = g_open (huge, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, GRADLENS_PRESET_MAX_BYTES + 1), ==, 0);
  close (fd);
  p = gradlens_preset_load_path (huge, &error);
  g_assert_null (p);
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "Could not read “"));
  g_assert_nonnull (strstr (error->message, huge));
  g_assert_nonnull (strstr (error->message, "16 MiB"));
  g_clear_error (&error);

  /* a content error names the path and the key */
  write_file (bad, HEAD "\"network\": {\"dpeth\": 5}" TAIL, -1);
  p = gradlens_preset_load_path (bad, &error);
  g_assert_null (p);
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET);
  g_assert_true (g_str_has_prefix (error->message, "Could not read “"));
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_nonnull (strstr (error->message, "run 1: network: unknown key “dpeth”"));
  g_clear_error (&error);

  remove_tree (dir);
}

static void
test_save_atomic (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "preset.json", NULL);
  g_autofree char *link_path = g_build_filename (dir, "old-link", NULL);
  g_autoptr(GradlensPreset) preset = make_rich_preset ();
  g_autoptr(GradlensPreset) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *listing = NULL;
  GStatBuf before, after;

  /* over an existing file: a new file is renamed into place, so a second
   * name of the old file still sees the old contents */
  write_file (path, "old contents", -1);
  g_assert_cmpint (link (path, link_path), ==, 0);
  g_assert_cmpint (g_stat (path, &before), ==, 0);
  g_assert_true (gradlens_preset_save (preset, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);
  g_assert_true (g_file_get_contents (link_path, &old, NULL, NULL));
  g_assert_cmpstr (old, ==, "old contents");
  loaded = gradlens_preset_load_path (path, &error);
  g_assert_no_error (error);
  assert_same_presets (preset, loaded);

  /* saving again and again leaves no temporary files */
  for (int i = 0; i < 5; i++)
    {
      g_assert_true (gradlens_preset_save (loaded, path, &error));
      g_assert_no_error (error);
    }
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "old-link,preset.json");

  remove_tree (dir);
}

static void
test_save_errors (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *folder = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (folder, "preset.json", NULL);
  g_autofree char *subdir = g_build_filename (dir, "a-folder", NULL);
  g_autoptr(GradlensPreset) preset = make_rich_preset ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_false (gradlens_preset_save (preset, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* over a folder: refused, and the folder is untouched */
  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
  g_assert_false (gradlens_preset_save (preset, subdir, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "a-folder");
  remove_tree (dir);
}

/* ---- validation --------------------------------------------------------- */

static void
assert_invalid (const GradlensRunConfig *config,
                GradlensNaming           naming,
                int                      code,
                const char * const      *needles)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gradlens_run_config_validate (config, naming, GRADLENS_DEFAULT_MEMORY_LIMIT, &error));
  g_assert_error (error, GRADLENS_ERROR, code);
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (error->message, needles[i]) == NULL)
      g_error ("message “%s” lacks “%s”", error->message, needles[i]);
}

#define INVALID(config, naming, ...) \
  assert_invalid (config, naming, GRADLENS_ERROR_INVALID_VALUE, (const char * const[]) { __VA_ARGS__, NULL })

static void
test_validate (void)
{
  g_autoptr(GradlensRunConfig) c = gradlens_run_config_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gradlens_run_config_validate (c, GRADLENS_NAMING_PRESET, GRADLENS_DEFAULT_MEMORY_LIMIT, &error));
  g_assert_no_error (error);

  c->nn.depth = 0;
  INVALID (c, GRADLENS_NAMING_PRESET, "network.depth: invalid value “0”; expected an integer from 1 to 1000");
  INVALID (c, GRADLENS_NAMING_OPTION, "--depth: invalid value “0”; expected an integer from 1 to 1000");
  c->nn.depth = 1001;
  INVALID (c, GRADLENS_NAMING_OPTION, "--depth", "“1001”");
  c->nn.depth = 1000;
  g_assert_true (gradlens_run_config_validate (c, GRADLENS_NAMING_OPTION, 0, NULL));
  c->nn.depth = 5;

  c->nn.std = NAN;
  INVALID (c, GRADLENS_NAMING_PRESET, "init.std", "nan");
  c->nn.std = INFINITY;
  INVALID (c, GRADLENS_NAMING_OPTION, "--std", "inf");
  c->nn.std = 1;

  c->nn.activation = 99;
  INVALID (c, GRADLENS_NAMING_PRESET, "network.activation", "“99”", "sigmoid");
  c->nn.activation = NN_ACT_RELU;

  c->seeds = 0;
  INVALID (c, GRADLENS_NAMING_OPTION, "--seeds", "“0”", "from 1 to 10000");
  c->seeds = 2;
  c->seed = GRADLENS_MAX_SEED;
  INVALID (c, GRADLENS_NAMING_OPTION, "--seeds", "9007199254740991..9007199254740992");
  c->seed = GRADLENS_MAX_SEED - 1;
  g_assert_true (gradlens_run_config_validate (c, GRADLENS_NAMING_OPTION, 0, NULL));
  c->seed = 0;

  /* a > b only matters for the uniform scheme */
  c->nn.a = 2;
  c->nn.b = 1;
  g_assert_true (gradlens_run_config_validate (c, GRADLENS_NAMING_OPTION, 0, NULL));
  c->nn.init = NN_INIT_UNIFORM;
  INVALID (c, GRADLENS_NAMING_OPTION, "--a/--b", "a <= b");
  INVALID (c, GRADLENS_NAMING_PRESET, "init.a/init.b", "a = 2 > b = 1");
  c->nn.b = 2;
  g_assert_true (gradlens_run_config_validate (c, GRADLENS_NAMING_OPTION, 0, NULL));

  for (guint i = 0; i < 5; i++)
    {
      const char *bad[] = { "red", "636efa", "#63 6ef", "#12345g", "#636efa0" };

      g_free (c->color);
      c->color = g_strdup (bad[i]);
      INVALID (c, GRADLENS_NAMING_PRESET, "color", bad[i], "#636efa");
    }
  g_free (c->color);
  c->color = g_strdup ("#AbCdEf");
  g_assert_true (gradlens_run_config_validate (c, GRADLENS_NAMING_OPTION, 0, NULL));
}

/* every numeric field: the ends of its range parse, one past them does not,
 * and the message names the option, the value and the range */
static void
test_validate_field_ranges (void)
{
  guint n;
  const GradlensField *fields = gradlens_fields (&n);

  for (guint i = 0; i < n; i++)
    {
      const GradlensField *f = &fields[i];
      g_autoptr(GradlensRunConfig) c = gradlens_run_config_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *option = g_strdup_printf ("--%s", f->option);
      g_autofree char *allowed = gradlens_field_allowed (f);

      if (f->type == GRADLENS_FIELD_CHOICE)
        {
          for (int k = 0; k < f->n_choices; k++)
            g_assert_true (gradlens_field_parse (f, f->choice_name (k), c, NULL));
          g_assert_false (gradlens_field_parse (f, "no-such-choice", c, &error));
          g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE);
          g_assert_nonnull (strstr (error->message, option));
          g_assert_nonnull (strstr (error->message, "“no-such-choice”"));
          g_assert_nonnull (strstr (error->message, f->choice_name (f->n_choices - 1)));
          continue;
        }
      if (f->type == GRADLENS_FIELD_BOOL)
        {
          /* a switch: no value is true */
          g_assert_true (gradlens_field_parse (f, NULL, c, NULL));
          g_assert_true (gradlens_field_parse (f, "false", c, NULL));
          g_assert_true (gradlens_field_parse (f, "true", c, NULL));
          g_assert_false (gradlens_field_parse (f, "1", c, &error));
          g_assert_nonnull (strstr (error->message, option));
          g_assert_nonnull (strstr (error->message, "true or false"));
          g_clear_error (&error);
          continue;
        }
      {
        char lo[64], hi[64], below[64], above[64];

        if (f->type == GRADLENS_FIELD_DOUBLE)
          {
            g_ascii_dtostr (lo, sizeof lo, f->min);
            g_ascii_dtostr (hi, sizeof hi, f->max);
            g_ascii_dtostr (below, sizeof below, f->min - 1e-3 * (f->max - f->min));
            g_ascii_dtostr (above, sizeof above, f->max + 1e-3 * (f->max - f->min));
          }
        else
          {
            g_snprintf (lo, sizeof lo, "%.0f", f->min);
            g_snprintf (hi, sizeof hi, "%.0f", f->max);
            g_snprintf (below, sizeof below, "%.0f", f->min - 1);
            g_snprintf (above, sizeof above, "%.0f", f->max + 1);
          }
        g_assert_true (gradlens_field_parse (f, lo, c, NULL));
        g_assert_true (gradlens_field_parse (f, hi, c, NULL));
        g_assert_false (gradlens_field_parse (f, below, c, &error));
        g_assert_nonnull (strstr (error->message, option));
        g_assert_nonnull (strstr (error->message, below));
        g_assert_nonnull (strstr (error->message, allowed));
        g_clear_error (&error);
        g_assert_false (gradlens_field_parse (f, above, c, &error));
        g_assert_nonnull (strstr (error->message, above));
        g_clear_error (&error);
        g_assert_false (gradlens_field_parse (f, "12abc", c, &error));
        g_clear_error (&error);
        g_assert_false (gradlens_field_parse (f, "", c, &error));
        g_clear_error (&error);
        if (f->type != GRADLENS_FIELD_DOUBLE)
          {
            g_assert_false (gradlens_field_parse (f, "2.5", c, &error));
            g_clear_error (&error);
          }
        else
          {
            g_assert_false (gradlens_field_parse (f, "nan", c, &error));
            g_clear_error (&error);
          }
      }
    }
}

/* a run over the memory limit is refused with the estimate in the message */
static void
test_validate_memory (void)
{
  g_autoptr(GradlensRunConfig) c = gradlens_run_config_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) re = g_regex_new ("needs about ([0-9.]+)\xc2\xa0GiB", 0, 0, NULL);
  g_autofree char *number = NULL;
  double gib, activations_gib;

  /* the activations of the 9 hidden layers alone: 2 (before and after the
   * activation) x 16384 samples x 4096 units x 9 layers x 4 bytes = 4.5 GiB */
  c->nn.depth = 10;
  c->nn.width = 4096;
  c->nn.samples = 16384;
  activations_gib = 2.0 * 16384 * 4096 * 9 * 4 / (1 << 30);
  g_assert_false (gradlens_run_config_validate (c, GRADLENS_NAMING_PRESET, GRADLENS_DEFAULT_MEMORY_LIMIT, &error));
  g_assert_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "limit of 4.0\xc2\xa0GiB"));
  g_assert_nonnull (strstr (error->message, "depth 10, width 4096, 16384 samples, float32"));
  g_assert_true (g_regex_match (re, error->message, 0, &match));
  number = g_match_info_fetch (match, 1);
  gib = g_ascii_strtod (number, NULL);
  /* parameters and gradients add 2 x 8 x 4096^2 floats (1 GiB), the
   * backward buffers 2 x 16384 x 4096 floats (0.5 GiB) */
  g_assert_cmpfloat (gib, >=, activations_gib);
  g_assert_cmpfloat (gib, <=, activations_gib + 1.25 + 1.0);
  g_assert_cmpuint (gradlens_run_config_memory (c), >, GRADLENS_DEFAULT_MEMORY_LIMIT);
  g_clear_error (&error);

  /* no limit: valid */
  g_assert_true (gradlens_run_config_validate (c, GRADLENS_NAMING_PRESET, 0, &error));
  g_assert_no_error (error);

  /* float64 doubles the estimate */
  {
    guint64 f32 = gradlens_run_config_memory (c);

    c->nn.dtype = NN_FLOAT64;
    g_assert_cmpuint (gradlens_run_config_memory (c), >, 2 * f32 - (1 << 20));
  }

  /* the notebook network is far under any limit */
  c->nn.dtype = NN_FLOAT32;
  c->nn.depth = 5;
  c->nn.width = 10;
  c->nn.samples = 100;
  g_assert_cmpuint (gradlens_run_config_memory (c), <, 1 << 20);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gradlens/preset/round-trip/rich", test_round_trip_rich);
  g_test_add_func ("/gradlens/preset/round-trip/each-field", test_round_trip_each_field);
  g_test_add_func ("/gradlens/preset/round-trip/file", test_round_trip_file);
  g_test_add_func ("/gradlens/preset/round-trip/handwritten", test_round_trip_handwritten);
  g_test_add_func ("/gradlens/preset/round-trip/json-numbers", test_json_numbers);
  g_test_add_func ("/gradlens/preset/round-trip/comma-locale", test_round_trip_comma_locale);
  g_test_add_func ("/gradlens/preset/defaults", test_defaults);
  g_test_add_func ("/gradlens/preset/shipped", test_shipped_presets);
  g_test_add_func ("/gradlens/preset/error/unknown-key", test_error_unknown_key);
  g_test_add_func ("/gradlens/preset/error/wrong-type", test_error_wrong_type);
  g_test_add_func ("/gradlens/preset/error/out-of-range", test_error_out_of_range);
  g_test_add_func ("/gradlens/preset/error/not-integer", test_error_not_integer);
  g_test_add_func ("/gradlens/preset/error/unknown-choice", test_error_unknown_choice);
  g_test_add_func ("/gradlens/preset/error/format-version", test_error_format_version);
  g_test_add_func ("/gradlens/preset/error/runs", test_error_runs);
  g_test_add_func ("/gradlens/preset/error/messages", test_error_messages);
  g_test_add_func ("/gradlens/preset/controls-and-long-work", test_controls_and_long_work);
  g_test_add_func ("/gradlens/preset/error/not-object", test_error_not_object);
  g_test_add_func ("/gradlens/preset/error/truncated", test_error_truncated);
  g_test_add_func ("/gradlens/preset/error/binary", test_error_binary);
  g_test_add_func ("/gradlens/preset/error/too-large", test_error_too_large);
  g_test_add_func ("/gradlens/preset/error/deep", test_error_deep);
  g_test_add_func ("/gradlens/preset/error/deep-hidden", test_error_deep_hidden);
  g_test_add_func ("/gradlens/preset/error/strict-json", test_error_strict_json);
  g_test_add_func ("/gradlens/preset/error/literal-numbers", test_error_literal_numbers);
  g_test_add_func ("/gradlens/preset/file/load-errors", test_load_path_errors);
  g_test_add_func ("/gradlens/preset/file/save-atomic", test_save_atomic);
  g_test_add_func ("/gradlens/preset/file/save-errors", test_save_errors);
  g_test_add_func ("/gradlens/preset/validate/messages", test_validate);
  g_test_add_func ("/gradlens/preset/validate/field-ranges", test_validate_field_ranges);
  g_test_add_func ("/gradlens/preset/validate/memory", test_validate_memory);

  return g_test_run ();
}
