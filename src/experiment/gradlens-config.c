/* gradlens-config.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gradlens-config.h"
#include "gradlens-error.h"
#include "gradlens-estimate.h"

G_DEFINE_QUARK (gradlens-error-quark, gradlens_error)

static const char *
output_activation_name (int i)
{
  return i == 0 ? "same" : i == 1 ? "identity" : NULL;
}

static const char *
act_name (int i)
{
  return nn_activation_name (i);
}

static const char *
init_name (int i)
{
  return nn_init_name (i);
}

static const char *
bias_name (int i)
{
  return nn_bias_init_name (i);
}

static const char *
mode_name (int i)
{
  return nn_fan_mode_name (i);
}

static const char *
nonlin_name (int i)
{
  return nn_nonlinearity_name (i);
}

static const char *
norm_name (int i)
{
  return nn_norm_name (i);
}

static const char *
dtype_name (int i)
{
  return nn_dtype_name (i);
}

/* The limits of DESIGN.md; doubles get generous finite bounds so that a
 * typo such as 1e300 is named instead of producing inf everywhere. */
static const GradlensField fields[] = {
  { "network", "inputs", "inputs", GRADLENS_FIELD_INT, 1, 4096, NULL, 0,
    N_("Input features m of the first layer") },
  { "network", "width", "width", GRADLENS_FIELD_INT, 1, 4096, NULL, 0,
    N_("Units k of each hidden layer") },
  { "network", "depth", "depth", GRADLENS_FIELD_INT, 1, 1000, NULL, 0,
    N_("Number of Linear layers") },
  { "network", "outputs", "outputs", GRADLENS_FIELD_INT, 1, 4096, NULL, 0,
    N_("Output units z of the last layer") },
  { "network", "activation", "activation", GRADLENS_FIELD_CHOICE, 0, 0, act_name, NN_N_ACTIVATIONS,
    N_("Activation after each layer") },
  { "network", "negative_slope", "negative-slope", GRADLENS_FIELD_DOUBLE, -1000, 1000, NULL, 0,
    N_("Negative slope of leaky_relu") },
  { "network", "output_activation", "output-activation", GRADLENS_FIELD_CHOICE, 0, 0, output_activation_name, 2,
    N_("Activation after the last layer: the same as the others, or none") },
  { "network", "residual", "residual", GRADLENS_FIELD_BOOL, 0, 1, NULL, 0,
    N_("Skip connections: each layer of equal widths but the last adds its input to its output") },
  { "network", "norm", "norm", GRADLENS_FIELD_CHOICE, 0, 0, norm_name, NN_N_NORMS,
    N_("Normalisation after each Linear but the last, before the activation: none, batch or layer") },
  { "init", "weights", "init", GRADLENS_FIELD_CHOICE, 0, 0, init_name, NN_N_INITS,
    N_("Initialisation of the weights, as torch.nn.init") },
  { "init", "bias", "bias-init", GRADLENS_FIELD_CHOICE, 0, 0, bias_name, NN_N_BIAS_INITS,
    N_("Initialisation of the biases: nn.Linear’s default, or zeros") },
  { "init", "gain", "gain", GRADLENS_FIELD_DOUBLE, -1000, 1000, NULL, 0,
    N_("Gain of xavier_normal, xavier_uniform and orthogonal") },
  { "init", "a", "a", GRADLENS_FIELD_DOUBLE, -1e6, 1e6, NULL, 0,
    N_("Negative slope of kaiming_*; lower bound of uniform") },
  { "init", "b", "b", GRADLENS_FIELD_DOUBLE, -1e6, 1e6, NULL, 0,
    N_("Upper bound of uniform") },
  { "init", "mode", "mode", GRADLENS_FIELD_CHOICE, 0, 0, mode_name, NN_N_FAN_MODES,
    N_("Fan mode of kaiming_*") },
  { "init", "nonlinearity", "nonlinearity", GRADLENS_FIELD_CHOICE, 0, 0, nonlin_name, NN_N_NONLINEARITIES,
    N_("Nonlinearity whose gain kaiming_* uses") },
  { "init", "mean", "mean", GRADLENS_FIELD_DOUBLE, -1e6, 1e6, NULL, 0,
    N_("Mean of normal") },
  { "init", "std", "std", GRADLENS_FIELD_DOUBLE, 0, 1e6, NULL, 0,
    N_("Standard deviation of normal") },
  { "data", "samples", "samples", GRADLENS_FIELD_INT, 1, 65536, NULL, 0,
    N_("Samples drawn for X and Y") },
  { "data", "seed", "seed", GRADLENS_FIELD_INT64, 0, (double) GRADLENS_MAX_SEED, NULL, 0,
    N_("Seed of the first run") },
  { "data", "seeds", "seeds", GRADLENS_FIELD_INT, 1, 10000, NULL, 0,
    N_("Number of seeds (seed, seed+1, …): statistics over them") },
  { NULL, "dtype", "dtype", GRADLENS_FIELD_CHOICE, 0, 0, dtype_name, NN_N_DTYPES,
    N_("Number type") },
};

const GradlensField *
gradlens_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const GradlensField *
gradlens_field_by_option (const char *option)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].option, option) == 0)
      return &fields[i];
  return NULL;
}

const GradlensField *
gradlens_field_lookup (const char *section,
                       const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].section, section) == 0 && g_strcmp0 (fields[i].key, key) == 0)
      return &fields[i];
  return NULL;
}

char *
gradlens_field_describe (const GradlensField *field,
                         GradlensNaming       naming)
{
  if (naming == GRADLENS_NAMING_OPTION)
    return g_strdup_printf ("--%s", field->option);
  if (field->section == NULL)
    return g_strdup (field->key);
  return g_strdup_printf ("%s.%s", field->section, field->key);
}

char *
gradlens_field_allowed (const GradlensField *field)
{
  GString *s;

  switch (field->type)
    {
    case GRADLENS_FIELD_INT:
    case GRADLENS_FIELD_INT64:
      /* Translators: what a field allows */
      return g_strdup_printf (_("an integer from %.0f to %.0f"), field->min, field->max);
    case GRADLENS_FIELD_DOUBLE:
      /* Translators: what a field allows */
      return g_strdup_printf (_("a number from %g to %g"), field->min, field->max);
    case GRADLENS_FIELD_BOOL:
      /* Translators: what a switch field allows */
      return g_strdup (_("true or false"));
    case GRADLENS_FIELD_CHOICE:
    default:
      s = g_string_new (NULL);
      for (int i = 0; i < field->n_choices; i++)
        g_string_append_printf (s, "%s%s", i ? ", " : "", field->choice_name (i));
      {
        g_autofree char *list = g_string_free (s, FALSE);

        /* Translators: what a field allows; %s is a list of words */
        return g_strdup_printf (_("one of %s"), list);
      }
    }
}

static void *field_storage (const GradlensField *field,
                            GradlensRunConfig   *c);

char *
gradlens_field_format (const GradlensField     *field,
                       const GradlensRunConfig *config)
{
  const void *p = field_storage (field, (GradlensRunConfig *) config);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (field->type)
    {
    case GRADLENS_FIELD_CHOICE:
      if (p == &config->nn.output_activation)
        return g_strdup (config->nn.output_activation ? "same" : "identity");
      return g_strdup (field->choice_name (*(const int *) p));
    case GRADLENS_FIELD_INT:
      return g_strdup_printf ("%d", *(const int *) p);
    case GRADLENS_FIELD_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, *(const gint64 *) p);
    case GRADLENS_FIELD_BOOL:
      return g_strdup (*(const bool *) p ? "true" : "false");
    case GRADLENS_FIELD_DOUBLE:
    default:
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, *(const double *) p));
    }
}

char *
gradlens_field_help (const GradlensField *field)
{
  GradlensRunConfig defaults;
  g_autofree char *value = NULL;
  g_autofree char *allowed = gradlens_field_allowed (field);

  if (field->type == GRADLENS_FIELD_BOOL)
    /* Translators: a switch's description (--residual) */
    return g_strdup_printf (_("%s (off unless given)"), _(field->description));
  gradlens_run_config_init (&defaults);
  value = gradlens_field_format (field, &defaults);
  gradlens_run_config_clear (&defaults);
  /* Translators: a field's description, its default value and what is allowed
   * ("an integer from 1 to 1000") */
  return g_strdup_printf (_("%s (default %s; %s)"), _(field->description), value, allowed);
}

/* the storage of each field, by its position in the table */
static void *
field_storage (const GradlensField *field,
               GradlensRunConfig   *c)
{
  /* the table's order, checked in debug builds */
  static const char * const order[] G_GNUC_UNUSED = {
    "inputs", "width", "depth", "outputs", "activation", "negative_slope", "output_activation",
    "residual", "norm", "weights", "bias", "gain", "a", "b", "mode", "nonlinearity", "mean", "std",
    "samples", "seed", "seeds", "dtype",
  };
  guint i = (guint) (field - fields);

  g_assert (i < G_N_ELEMENTS (order));
  g_assert (g_str_equal (order[i], field->key));
  switch (i)
    {
    case 0: return &c->nn.inputs;
    case 1: return &c->nn.width;
    case 2: return &c->nn.depth;
    case 3: return &c->nn.outputs;
    case 4: return &c->nn.activation;
    case 5: return &c->nn.negative_slope;
    case 6: return &c->nn.output_activation;
    case 7: return &c->nn.residual;
    case 8: return &c->nn.norm;
    case 9: return &c->nn.init;
    case 10: return &c->nn.bias;
    case 11: return &c->nn.gain;
    case 12: return &c->nn.a;
    case 13: return &c->nn.b;
    case 14: return &c->nn.mode;
    case 15: return &c->nn.nonlinearity;
    case 16: return &c->nn.mean;
    case 17: return &c->nn.std;
    case 18: return &c->nn.samples;
    case 19: return &c->seed;
    case 20: return &c->seeds;
    case 21: return &c->nn.dtype;
    default: g_assert_not_reached ();
    }
  return NULL;
}

static void
set_choice (const GradlensField *field,
            GradlensRunConfig   *c,
            int                  index)
{
  void *p = field_storage (field, c);

  if (p == &c->nn.output_activation)
    c->nn.output_activation = index == 0;
  else
    *(int *) p = index;
}

static void
set_number (const GradlensField *field,
            GradlensRunConfig   *c,
            double               v,
            gint64               i64)
{
  void *p = field_storage (field, c);

  switch (field->type)
    {
    case GRADLENS_FIELD_INT:
      *(int *) p = (int) i64;
      break;
    case GRADLENS_FIELD_INT64:
      *(gint64 *) p = i64;
      break;
    case GRADLENS_FIELD_DOUBLE:
      *(double *) p = v;
      break;
    case GRADLENS_FIELD_BOOL:
      *(bool *) p = i64 != 0;
      break;
    case GRADLENS_FIELD_CHOICE:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
out_of_range (const GradlensField  *field,
              const char           *where,
              const char           *value,
              GError              **error)
{
  g_autofree char *allowed = gradlens_field_allowed (field);

  /* Translators: the first %s names a field or option, the second is the value as written,
   * the third what is allowed ("an integer from 1 to 1000") */
  g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
               _("%s: invalid value “%s”; expected %s"), where, value, allowed);
  return FALSE;
}

/* a number such as 1e-400 that is not 0 but too small for a double */
static gboolean
underflow (const GradlensField  *field,
           const char           *where,
           const char           *value,
           GError              **error)
{
  /* Translators: the first %s names a field or option, the second is the value as written */
  g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
               _("%s: invalid value “%s”; it is too close to 0 to be represented (the smallest "
                 "magnitude is about 2.2e-308): write 0 or a larger value"), where, value);
  return FALSE;
}

static int
choice_index (const GradlensField *field,
              const char          *text)
{
  for (int i = 0; i < field->n_choices; i++)
    if (g_strcmp0 (field->choice_name (i), text) == 0)
      return i;
  return -1;
}

gboolean
gradlens_field_parse (const GradlensField  *field,
                      const char           *text,
                      GradlensRunConfig    *config,
                      GError              **error)
{
  g_autofree char *where = gradlens_field_describe (field, GRADLENS_NAMING_OPTION);
  char *end = NULL;

  if (field->type == GRADLENS_FIELD_CHOICE)
    {
      int i = choice_index (field, text);
      if (i < 0)
        return out_of_range (field, where, text, error);
      set_choice (field, config, i);
      return TRUE;
    }

  if (field->type == GRADLENS_FIELD_BOOL)
    {
      /* a flag: no value means true */
      if (text == NULL || g_str_equal (text, "true"))
        set_number (field, config, 1, 1);
      else if (g_str_equal (text, "false"))
        set_number (field, config, 0, 0);
      else
        return out_of_range (field, where, text, error);
      return TRUE;
    }

  if (field->type == GRADLENS_FIELD_DOUBLE)
    {
      double v;

      errno = 0;
      v = g_ascii_strtod (text, &end);
      if (text[0] != '\0' && *end == '\0' && errno == ERANGE && fabs (v) < 1.0)
        return underflow (field, where, text, error);
      if (text[0] == '\0' || *end != '\0' || errno != 0 || !isfinite (v)
          || v < field->min || v > field->max)
        return out_of_range (field, where, text, error);
      set_number (field, config, v, 0);
      return TRUE;
    }
  else
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, &end, 10);
      if (text[0] == '\0' || *end != '\0' || errno != 0
          || (double) v < field->min || (double) v > field->max)
        return out_of_range (field, where, text, error);
      set_number (field, config, (double) v, v);
      return TRUE;
    }
}

char *
gradlens_json_describe (JsonNode *node)
{
  GType t;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return g_strdup ("an object");
    case JSON_NODE_ARRAY: return g_strdup ("an array");
    case JSON_NODE_NULL: return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  t = json_node_get_value_type (node);
  if (t == G_TYPE_STRING)
    {
      /* a \udc00 escape decodes to invalid UTF-8 */
      g_autofree char *s = g_utf8_make_valid (json_node_get_string (node), -1);
      const char *cut = g_utf8_offset_to_pointer (s, MIN (g_utf8_strlen (s, -1), 40));

      /* at most 40 characters of a long string */
      return g_strdup_printf ("the string “%.*s%s”", (int) (cut - s), s, *cut ? "…" : "");
    }
  if (t == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (t == G_TYPE_INT64)
    return g_strdup_printf ("the number %" G_GINT64_FORMAT, json_node_get_int (node));
  if (t == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup_printf ("the number %s", g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }
  return g_strdup ("a value");
}

gboolean
gradlens_field_set_json (const GradlensField  *field,
                         JsonNode             *node,
                         const char           *where,
                         GradlensRunConfig    *config,
                         GError              **error)
{
  return gradlens_field_set_json_literal (field, node, NULL, where, config, error);
}

gboolean
gradlens_field_set_json_literal (const GradlensField  *field,
                                 JsonNode             *node,
                                 const char           *literal,
                                 const char           *where,
                                 GradlensRunConfig    *config,
                                 GError              **error)
{
  g_autofree char *allowed = gradlens_field_allowed (field);
  g_autofree char *found = gradlens_json_describe (node);
  GType t = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (field->type == GRADLENS_FIELD_CHOICE)
    {
      int i;

      if (t != G_TYPE_STRING)
        {
          g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                       "%s: expected a string (%s), found %s", where, allowed, found);
          return FALSE;
        }
      i = choice_index (field, json_node_get_string (node));
      if (i < 0)
        return out_of_range (field, where, json_node_get_string (node), error);
      set_choice (field, config, i);
      return TRUE;
    }

  if (field->type == GRADLENS_FIELD_BOOL)
    {
      if (t != G_TYPE_BOOLEAN)
        {
          g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                       "%s: expected true or false, found %s", where, found);
          return FALSE;
        }
      set_number (field, config, 0, json_node_get_boolean (node) ? 1 : 0);
      return TRUE;
    }

  if (field->type == GRADLENS_FIELD_DOUBLE)
    {
      double v;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
        {
          g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                       "%s: expected a number (%s), found %s", where, allowed, found);
          return FALSE;
        }
      v = t == G_TYPE_INT64 ? (double) json_node_get_int (node) : json_node_get_double (node);
      if (!isfinite (v) || v < field->min || v > field->max)
        return out_of_range (field, where, literal ? literal : g_ascii_dtostr (buf, sizeof buf, v), error);
      if (v == 0 && literal != NULL && strcspn (literal, "123456789") < strcspn (literal, "eE"))
        return underflow (field, where, literal, error);
      set_number (field, config, v, 0);
      return TRUE;
    }
  else
    {
      gint64 v;
      double d;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (t == G_TYPE_DOUBLE)
        {
          d = json_node_get_double (node);
          /* an integer written out that does not fit 64 bits */
          if (literal != NULL && strpbrk (literal, ".eE") == NULL)
            return out_of_range (field, where, literal, error);
          if (d != floor (d) || !isfinite (d))
            {
              g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                           "%s: expected an integer (%s), found %s", where, allowed,
                           literal ? literal : g_ascii_dtostr (buf, sizeof buf, d));
              return FALSE;
            }
          if (d < field->min || d > field->max)
            return out_of_range (field, where, literal ? literal : g_ascii_dtostr (buf, sizeof buf, d), error);
          v = (gint64) d;
        }
      else if (t == G_TYPE_INT64)
        v = json_node_get_int (node);
      else
        {
          g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                       "%s: expected an integer (%s), found %s", where, allowed, found);
          return FALSE;
        }
      if ((double) v < field->min || (double) v > field->max)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, v);
          return out_of_range (field, where, literal ? literal : text, error);
        }
      set_number (field, config, (double) v, v);
      return TRUE;
    }
}

void
gradlens_run_config_init (GradlensRunConfig *config)
{
  memset (config, 0, sizeof *config);
  nn_config_init_default (&config->nn);
  config->label = g_strdup ("");
  config->color = NULL;
  config->seed = 0;
  config->seeds = 1;
}

void
gradlens_run_config_clear (GradlensRunConfig *config)
{
  g_clear_pointer (&config->label, g_free);
  g_clear_pointer (&config->color, g_free);
}

void
gradlens_run_config_copy (GradlensRunConfig       *dest,
                          const GradlensRunConfig *src)
{
  *dest = *src;
  dest->label = g_strdup (src->label);
  dest->color = g_strdup (src->color);
}

GradlensRunConfig *
gradlens_run_config_new (void)
{
  GradlensRunConfig *config = g_new0 (GradlensRunConfig, 1);

  gradlens_run_config_init (config);
  return config;
}

GradlensRunConfig *
gradlens_run_config_dup (const GradlensRunConfig *config)
{
  GradlensRunConfig *copy = g_new0 (GradlensRunConfig, 1);

  gradlens_run_config_copy (copy, config);
  return copy;
}

void
gradlens_run_config_free (GradlensRunConfig *config)
{
  if (config == NULL)
    return;
  gradlens_run_config_clear (config);
  g_free (config);
}

guint64
gradlens_run_config_memory (const GradlensRunConfig *config)
{
  return nn_config_memory_bytes (&config->nn);
}

static gboolean
check_value (const GradlensField      *field,
             const GradlensRunConfig  *config,
             GradlensNaming            naming,
             GError                  **error)
{
  void *p = field_storage (field, (GradlensRunConfig *) config);
  g_autofree char *where = gradlens_field_describe (field, naming);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double v;

  switch (field->type)
    {
    case GRADLENS_FIELD_BOOL:
      return TRUE;
    case GRADLENS_FIELD_CHOICE:
      if (p == &config->nn.output_activation)
        return TRUE;
      if (*(int *) p < 0 || *(int *) p >= field->n_choices)
        {
          g_autofree char *text = g_strdup_printf ("%d", *(int *) p);
          return out_of_range (field, where, text, error);
        }
      return TRUE;
    case GRADLENS_FIELD_INT:
      v = *(int *) p;
      break;
    case GRADLENS_FIELD_INT64:
      v = (double) *(gint64 *) p;
      break;
    case GRADLENS_FIELD_DOUBLE:
    default:
      v = *(double *) p;
      break;
    }
  if (!isfinite (v) || v < field->min || v > field->max)
    return out_of_range (field, where, g_ascii_dtostr (buf, sizeof buf, v), error);
  return TRUE;
}

gboolean
gradlens_run_config_validate (const GradlensRunConfig  *config,
                              GradlensNaming            naming,
                              guint64                   memory_limit,
                              GError                  **error)
{
  const NnConfig *nn = &config->nn;
  guint64 bytes;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!check_value (&fields[i], config, naming, error))
      return FALSE;

  if (config->seed > GRADLENS_MAX_SEED - config->seeds + 1)
    {
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                   "%s: the seeds %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT " go past the largest seed %" G_GINT64_FORMAT,
                   naming == GRADLENS_NAMING_OPTION ? "--seeds" : "data.seeds",
                   config->seed, config->seed + config->seeds - 1, GRADLENS_MAX_SEED);
      return FALSE;
    }

  if (nn->init == NN_INIT_UNIFORM && nn->a > nn->b)
    {
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                   "%s: uniform initialisation needs a <= b, found a = %g > b = %g",
                   naming == GRADLENS_NAMING_OPTION ? "--a/--b" : "init.a/init.b", nn->a, nn->b);
      return FALSE;
    }

  if (nn->norm == NN_NORM_BATCH && nn->samples < 2 && nn->depth > 1)
    {
      /* PyTorch's BatchNorm1d raises in training mode: "Expected more than
       * 1 value per channel when training" */
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                   "%s: batch norm needs at least 2 samples (its statistics are over the batch, "
                   "and PyTorch refuses a single sample in training mode); %s is %d; "
                   "use more samples or layer norm",
                   naming == GRADLENS_NAMING_OPTION ? "--norm" : "network.norm",
                   naming == GRADLENS_NAMING_OPTION ? "--samples" : "data.samples", nn->samples);
      return FALSE;
    }

  if (config->color != NULL)
    {
      gboolean ok = strlen (config->color) == 7 && config->color[0] == '#';
      for (int i = 1; ok && i < 7; i++)
        ok = g_ascii_isxdigit (config->color[i]);
      if (!ok)
        {
          g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_VALUE,
                       "color: invalid value “%s”; expected a colour like “#636efa”", config->color);
          return FALSE;
        }
    }

  bytes = gradlens_run_config_memory (config);
  if (memory_limit > 0 && bytes > memory_limit)
    {
      g_autofree char *need = gradlens_format_size (bytes);
      g_autofree char *limit = gradlens_format_size (memory_limit);
      g_autofree char *samples = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d sample", "%d samples",
                                                               (gulong) nn->samples), nn->samples);

      if (g_str_equal (need, limit))
        {
          g_free (need);
          g_free (limit);
          need = g_strdup_printf ("%" G_GUINT64_FORMAT " %s", bytes, _("bytes"));
          limit = g_strdup_printf ("%" G_GUINT64_FORMAT " %s", memory_limit, _("bytes"));
        }

      /* Translators: the first %s is a size, the third "100 samples", the last a size */
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE,
                   _("this run needs about %s of memory (depth %d, width %d, %s, %s), "
                     "more than the limit of %s"),
                   need, nn->depth, nn->width, samples, nn_dtype_name (nn->dtype), limit);
      return FALSE;
    }
  return TRUE;
}

void
gradlens_run_config_build_json (const GradlensRunConfig *config,
                                JsonBuilder             *builder)
{
  const char *section = "";

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const GradlensField *f = &fields[i];
      void *p = field_storage (f, (GradlensRunConfig *) config);

      if (g_strcmp0 (f->section, section) != 0)
        {
          if (section != NULL && section[0] != '\0')
            json_builder_end_object (builder);
          section = f->section;
          if (section != NULL)
            {
              json_builder_set_member_name (builder, section);
              json_builder_begin_object (builder);
            }
        }
      json_builder_set_member_name (builder, f->key);
      switch (f->type)
        {
        case GRADLENS_FIELD_CHOICE:
          if (p == &config->nn.output_activation)
            json_builder_add_string_value (builder, config->nn.output_activation ? "same" : "identity");
          else
            json_builder_add_string_value (builder, f->choice_name (*(int *) p));
          break;
        case GRADLENS_FIELD_BOOL:
          json_builder_add_boolean_value (builder, *(bool *) p);
          break;
        case GRADLENS_FIELD_INT:
          json_builder_add_int_value (builder, *(int *) p);
          break;
        case GRADLENS_FIELD_INT64:
          json_builder_add_int_value (builder, *(gint64 *) p);
          break;
        case GRADLENS_FIELD_DOUBLE:
        default:
          json_builder_add_double_value (builder, *(double *) p);
          break;
        }
    }
  if (section != NULL && section[0] != '\0')
    json_builder_end_object (builder);
  json_builder_end_object (builder);
}
