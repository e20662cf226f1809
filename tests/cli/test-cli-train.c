/* test-cli-train.c - `gradlens-cli train` as a user runs it: the pinned JSON,
 * CSV, seeds, presets with training settings, and every class of invalid
 * input with exit status 2 and a message naming the option, the value and
 * what is allowed
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

typedef struct
{
  int   status;
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

static void
run_cli_v (CliResult          *r,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GRADLENS_CLI");
  int wait_status = 0;

  if (cli == NULL)
    g_error ("GRADLENS_CLI is not set (tests/meson.build sets it to the built gradlens-cli)");
  g_ptr_array_add (argv, (gpointer) cli);
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

static JsonObject *
parse_train (const char  *text,
             JsonParser **parser)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  *parser = json_parser_new ();
  json_parser_load_from_data (*parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (*parser));
  g_assert_true (json_object_has_member (root, "train"));
  return json_object_get_object_member (root, "train");
}

/* the pinned shape, and step 0 equal to `run` number for number */
static void
test_json_step0_is_run (void)
{
  g_auto(CliResult) train = { 0 };
  g_auto(CliResult) run = { 0 };
  g_autoptr(JsonParser) tp = json_parser_new ();
  g_autoptr(JsonParser) rp = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *t;
  JsonArray *steps, *norms, *params;
  JsonObject *r0;

  run_cli (&train, "train", "--steps", "25", "--optimizer", "sgd", "--lr", "0.5", "--momentum", "0.9",
           "--activation", "leaky_relu", "--seed", "3");
  g_assert_cmpint (train.status, ==, 0);
  g_assert_cmpstr (train.err, ==, "");
  run_cli (&run, "run", "--activation", "leaky_relu", "--seed", "3");
  g_assert_cmpint (run.status, ==, 0);

  t = parse_train (train.out, &tp);
  g_assert_cmpuint (json_object_get_size (t), ==, 2);
  params = json_object_get_array_member (t, "parameters");
  steps = json_object_get_array_member (t, "steps");
  g_assert_cmpuint (json_array_get_length (params), ==, 10);
  g_assert_cmpuint (json_array_get_length (steps), ==, 25);

  json_parser_load_from_data (rp, run.out, -1, &error);
  g_assert_no_error (error);
  r0 = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (rp)), "runs"), 0);
  norms = json_object_get_array_member (json_array_get_object_element (steps, 0), "grad_norms");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (steps, 0), "loss"), ==,
                     json_object_get_double_member (r0, "loss"));
  for (guint p = 0; p < 10; p++)
    {
      JsonObject *param = json_array_get_object_element (json_object_get_array_member (r0, "parameters"), p);

      g_assert_cmpstr (json_array_get_string_element (params, p), ==,
                       json_object_get_string_member (param, "name"));
      g_assert_cmpfloat (json_array_get_double_element (norms, p), ==,
                         json_object_get_double_member (param, "grad_norm"));
    }
  /* step 0: no change yet; later the last layer moved */
  for (guint l = 0; l < 5; l++)
    g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (
                         json_array_get_object_element (steps, 0), "weight_change"), l), ==, 0.0);
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (
                       json_array_get_object_element (steps, 24), "weight_change"), 4), >, 0.0);
}

static void
test_csv_and_output (void)
{
  g_auto(CliResult) r = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("gradlens-train-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "train.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  run_cli (&r, "train", "--steps", "6", "--optimizer", "adam", "--lr", "0.01", "--depth", "3", "--format", "csv",
           "--output", path);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 6 * 6 + 1);
  g_assert_cmpstr (lines[0], ==, "step,parameter,layer,kind,loss,grad_norm,weight_change");
  g_assert_true (g_str_has_prefix (lines[1], "0,lin1.weight,1,weight,"));
  g_assert_true (g_str_has_prefix (lines[36], "5,lin3.bias,3,bias,"));
  g_assert_true (g_str_has_suffix (lines[36], ","));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_seeds (void)
{
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonParser) p = NULL;
  JsonArray *steps;

  run_cli (&r, "train", "--steps", "3", "--seeds", "5");
  g_assert_cmpint (r.status, ==, 0);
  steps = json_object_get_array_member (parse_train (r.out, &p), "steps");
  for (guint t = 0; t < 3; t++)
    {
      JsonObject *o = json_array_get_object_element (steps, t);
      JsonObject *stats = json_object_get_object_member (o, "stats");
      JsonObject *loss = json_object_get_object_member (stats, "loss");

      g_assert_cmpfloat (json_object_get_double_member (loss, "median"), ==,
                         json_object_get_double_member (o, "loss"));
      g_assert_cmpfloat (json_object_get_double_member (loss, "min"), <=, json_object_get_double_member (loss, "q1"));
      g_assert_cmpfloat (json_object_get_double_member (loss, "q3"), <=, json_object_get_double_member (loss, "max"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stats, "grad_norms")), ==, 10);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stats, "weight_change")), ==, 5);
    }
}

/* the preset's "train" settings apply; options override them; --run picks
 * the run, and a preset of several runs needs it */
static void
test_preset (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gradlens-train-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.json", NULL);
  const char *preset =
    "{\"format\": \"gradlens-preset\", \"version\": 1,"
    " \"runs\": [{\"label\": \"a\"}, {\"label\": \"b\", \"network\": {\"depth\": 2}}],"
    " \"train\": {\"steps\": 4, \"optimizer\": \"sgd\", \"lr\": 0.3, \"momentum\": 0.5}}";
  g_auto(CliResult) a = { 0 };
  g_auto(CliResult) b = { 0 };
  g_auto(CliResult) same = { 0 };
  g_auto(CliResult) adam = { 0 };
  g_auto(CliResult) bad = { 0 };
  g_auto(CliResult) which = { 0 };
  g_autoptr(JsonParser) pa = NULL;
  g_autoptr(JsonParser) pb = NULL;
  g_autoptr(JsonParser) padam = NULL;

  g_assert_true (g_file_set_contents (path, preset, -1, NULL));
  run_cli (&which, "train", "--preset", path);
  g_assert_cmpint (which.status, ==, 2);
  g_assert_nonnull (strstr (which.err, "has 2 runs and a training takes one; choose it with --run N "
                                       "(an integer from 1 to 2)"));
  run_cli (&a, "train", "--preset", path, "--run", "1");
  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parse_train (a.out, &pa), "steps")), ==, 4);
  /* the same as giving the settings on the command line */
  run_cli (&same, "train", "--steps", "4", "--optimizer", "sgd", "--lr", "0.3", "--momentum", "0.5");
  g_assert_cmpstr (same.out, ==, a.out);

  run_cli (&b, "train", "--preset", path, "--run", "2", "--steps", "7");
  g_assert_cmpint (b.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parse_train (b.out, &pb), "parameters")), ==,
                    4);

  /* switching to adam drops the preset's momentum */
  run_cli (&adam, "train", "--preset", path, "--run", "1", "--optimizer", "adam");
  g_assert_cmpint (adam.status, ==, 0);
  parse_train (adam.out, &padam);

  run_cli (&bad, "train", "--preset", path, "--run", "3");
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "--run: invalid value “3”; expected an integer from 1 to 2"));
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  const char *args[8];
  const char *message;   /* must appear in the error message */
} Invalid;

static const Invalid invalid_cases[] = {
  { { "--steps", "0" }, "--steps: invalid value “0”; expected an integer from 1 to 100000" },
  { { "--steps", "100001" }, "--steps: invalid value “100001”; expected an integer from 1 to 100000" },
  { { "--steps", "1e3" }, "--steps: invalid value “1e3”; expected an integer from 1 to 100000" },
  { { "--optimizer", "lbfgs" }, "--optimizer: invalid value “lbfgs”; expected one of sgd, adam" },
  { { "--lr", "-1" }, "--lr: invalid value “-1”; expected a number from 0 to 1000" },
  { { "--lr", "fast" }, "--lr: invalid value “fast”; expected a number from 0 to 1000" },
  { { "--momentum", "1.01" }, "--momentum: invalid value “1.01”; expected a number from 0 to 1" },
  { { "--optimizer", "adam", "--momentum", "0.9" }, "--momentum: invalid value “0.9” with --optimizer adam" },
  { { "--format", "table" }, "--format: invalid value “table”; expected one of json, csv" },
  { { "--depth", "0" }, "--depth: invalid value “0”; expected an integer from 1 to 1000" },
  { { "--steps" }, "--steps" },
  { { "extra" }, "unexpected argument “extra”" },
  { { "--seeds", "10000", "--steps", "100000" }, "fewer steps" },
  { { "--depth", "1000", "--steps", "100000" }, "fewer steps" },
  { { "--run", "1" }, "--run: chooses a run of a preset; give the preset with --preset FILE" },
};

static void
test_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const Invalid *c = &invalid_cases[i];
      const char *args[10] = { "train" };
      g_auto(CliResult) r = { 0 };

      for (guint k = 0; c->args[k] != NULL; k++)
        args[k + 1] = c->args[k];
      run_cli_v (&r, args);
      if (r.status != 2 || strstr (r.err, c->message) == NULL || r.out[0] != '\0')
        g_error ("gradlens-cli train %s: status %d, stderr “%s”; expected status 2 and “%s”",
                 c->args[0], r.status, r.err, c->message);
      g_assert_true (g_str_has_prefix (r.err, "gradlens-cli train: "));
    }
}

static void
test_help (void)
{
  g_auto(CliResult) r = { 0 };
  g_auto(CliResult) u = { 0 };

  run_cli (&r, "train", "--help");
  g_assert_cmpint (r.status, ==, 0);
  for (const char * const *o = (const char * const[]) { "--steps", "--optimizer", "--lr", "--momentum", "--run",
                                                        "--preset", "--depth", NULL }; *o; o++)
    g_assert_nonnull (strstr (r.out, *o));
  run_cli (&u, "--help");
  g_assert_nonnull (strstr (u.out, "gradlens-cli train [run options] --steps N --optimizer sgd|adam --lr X"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gradlens/cli/train/json-step0-is-run", test_json_step0_is_run);
  g_test_add_func ("/gradlens/cli/train/csv-output", test_csv_and_output);
  g_test_add_func ("/gradlens/cli/train/seeds", test_seeds);
  g_test_add_func ("/gradlens/cli/train/preset", test_preset);
  g_test_add_func ("/gradlens/cli/train/invalid", test_invalid);
  g_test_add_func ("/gradlens/cli/train/help", test_help);

  return g_test_run ();
}
