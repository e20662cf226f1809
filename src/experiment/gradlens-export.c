/* gradlens-export.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "gradlens-export.h"
#include "gradlens-format.h"
#include "gradlens-output.h"

void
gradlens_json_add_number (JsonBuilder *b,
                          const char  *name,
                          double       v)
{
  json_builder_set_member_name (b, name);
  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_null_value (b);
}

/* "grad_norm": v, or "grad_norm": null with "non_finite": "inf"|"nan" */
static void
add_value_non_finite (JsonBuilder *b,
                      const char  *name,
                      double       v)
{
  gradlens_json_add_number (b, name, v);
  if (!isfinite (v))
    {
      json_builder_set_member_name (b, "non_finite");
      json_builder_add_string_value (b, isnan (v) ? "nan" : "inf");
    }
}

static void
build_layers (JsonBuilder             *b,
              const GradlensRunResult *r)
{
  json_builder_set_member_name (b, "layers");
  json_builder_begin_array (b);
  for (int l = 0; l < r->depth; l++)
    {
      const NnLayerStats *s = &r->layer_stats[l];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "layer");
      json_builder_add_int_value (b, l + 1);
      gradlens_json_add_number (b, "pre_mean", s->pre_mean);
      gradlens_json_add_number (b, "pre_std", s->pre_std);
      gradlens_json_add_number (b, "act_mean", s->act_mean);
      gradlens_json_add_number (b, "act_std", s->act_std);
      gradlens_json_add_number (b, "deriv_mean", s->deriv_mean);
      gradlens_json_add_number (b, "saturated_fraction", s->saturated_fraction);
      json_builder_set_member_name (b, "dead_units");
      json_builder_add_int_value (b, s->dead_units);
      /* DESIGN.md "Teaching contracts" */
      gradlens_json_add_number (b, "grad_rms", s->grad_rms);
      gradlens_json_add_number (b, "deriv_sq_mean", s->deriv_sq_mean);
      gradlens_json_add_number (b, "activation_gain", s->activation_gain);
      gradlens_json_add_number (b, "weight_gain", s->weight_gain);
      gradlens_json_add_number (b, "predicted_grad_rms", s->predicted_grad_rms);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_diagnosis (JsonBuilder             *b,
                 const GradlensRunResult *r)
{
  json_builder_set_member_name (b, "diagnosis");
  json_builder_begin_array (b);
  for (int i = 0; i < r->n_diagnosis; i++)
    {
      const GradlensFinding *f = &r->diagnosis[i];
      g_autofree char *text = gradlens_finding_text (f, &r->config.nn, r->layer_stats);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, gradlens_finding_kind_name (f->kind));
      json_builder_set_member_name (b, "layer");
      if (f->layer > 0)
        json_builder_add_int_value (b, f->layer);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "value");
      if (f->kind == GRADLENS_FINDING_DEAD_UNITS || f->kind == GRADLENS_FINDING_ZERO_GRADIENTS)
        json_builder_add_int_value (b, (gint64) f->value);
      else if (isfinite (f->value))
        json_builder_add_double_value (b, f->value);
      else
        json_builder_add_null_value (b);
      if (f->cause != GRADLENS_ZERO_CAUSE_NONE)
        {
          json_builder_set_member_name (b, "cause");
          json_builder_add_string_value (b, gradlens_zero_cause_name (f->cause));
        }
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_run (JsonBuilder             *b,
           const GradlensRunResult *r)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, r->config.label ? r->config.label : "");
  json_builder_set_member_name (b, "config");
  gradlens_run_config_build_json (&r->config, b);
  gradlens_json_add_number (b, "loss", r->losses[0]);

  json_builder_set_member_name (b, "parameters");
  json_builder_begin_array (b);
  for (int p = 0; p < r->n_params; p++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, r->names[p]);
      json_builder_set_member_name (b, "layer");
      json_builder_add_int_value (b, r->layers[p]);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, gradlens_param_kind_name (r->kinds[p]));
      json_builder_set_member_name (b, "shape");
      json_builder_begin_array (b);
      json_builder_add_int_value (b, r->rows[p]);
      if (r->is_weight[p])
        json_builder_add_int_value (b, r->cols[p]);
      json_builder_end_array (b);
      add_value_non_finite (b, "grad_norm", r->grad_norm[p]);
      if (r->stats != NULL)
        gradlens_json_add_stats (b, &r->stats[p]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (r->n_seeds > 1)
    {
      json_builder_set_member_name (b, "per_seed");
      json_builder_begin_array (b);
      for (int s = 0; s < r->n_seeds; s++)
        {
          json_builder_begin_array (b);
          for (int p = 0; p < r->n_params; p++)
            {
              double v = r->norms[(gsize) s * r->n_params + p];
              if (isfinite (v))
                json_builder_add_double_value (b, v);
              else
                json_builder_add_null_value (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
    }

  gradlens_json_add_number (b, "decay_per_layer", r->decay_per_layer);
  build_layers (b, r);
  build_diagnosis (b, r);
  json_builder_end_object (b);
}

void
gradlens_json_repair_numbers (char *text)
{
  gboolean in_string = FALSE;
  const char *p = text;
  char *out = text;

  while (*p != '\0')
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            *out++ = *p++;
          else if (*p == '"')
            in_string = FALSE;
          *out++ = *p++;
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          *out++ = *p++;
        }
      else if ((*p == 'e' || *p == 'E') && out > text && g_ascii_isdigit (out[-1]))
        {
          /* an exponent: copy it, then drop a ".0" glued to it */
          *out++ = *p++;
          if (*p == '+' || *p == '-')
            *out++ = *p++;
          while (g_ascii_isdigit (*p))
            *out++ = *p++;
          if (p[0] == '.' && p[1] == '0' && !g_ascii_isdigit (p[2]))
            p += 2;
        }
      else
        *out++ = *p++;
    }
  *out = '\0';
}

char *
gradlens_json_to_text (JsonNode *root,
                       guint     indent)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, indent > 0);
  json_generator_set_indent (gen, indent);
  text = json_generator_to_data (gen, NULL);
  gradlens_json_repair_numbers (text);
  return g_strconcat (text, "\n", NULL);
}

char *
gradlens_results_to_json (GradlensRunResult * const *results,
                          guint                      n_results)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "runs");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_results; i++)
    build_run (b, results[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return gradlens_json_to_text (root, 1);
}

/* RFC 4180: quote a field that holds a comma, a quote or a line break */
void
gradlens_csv_append_field (GString    *s,
                           const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (s, text);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static void
csv_number (GString *s,
            double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, ',');
  if (isnan (v))
    g_string_append (s, "nan");
  else if (isinf (v))
    g_string_append (s, v > 0 ? "inf" : "-inf");
  else
    g_string_append (s, g_ascii_dtostr (buf, sizeof buf, v));
}

char *
gradlens_results_to_csv (GradlensRunResult * const *results,
                         guint                      n_results)
{
  GString *s = g_string_new ("run,label,parameter,layer,kind,rows,cols,grad_norm");
  gboolean any_stats = FALSE;

  for (guint i = 0; i < n_results; i++)
    any_stats |= results[i]->stats != NULL;
  if (any_stats)
    g_string_append (s, ",min,q1,median,q3,max");
  /* the teaching contracts of the parameter's layer (first seed) */
  g_string_append (s, ",grad_rms,predicted_grad_rms,activation_gain,weight_gain");
  g_string_append (s, "\r\n");

  for (guint i = 0; i < n_results; i++)
    {
      const GradlensRunResult *r = results[i];

      for (int p = 0; p < r->n_params; p++)
        {
          g_string_append_printf (s, "%u,", i + 1);
          gradlens_csv_append_field (s, r->config.label ? r->config.label : "");
          g_string_append_printf (s, ",%s,%d,%s,%d,%d", r->names[p], r->layers[p],
                                  gradlens_param_kind_name (r->kinds[p]), r->rows[p],
                                  r->is_weight[p] ? r->cols[p] : 1);
          csv_number (s, r->grad_norm[p]);
          if (any_stats && r->stats != NULL)
            {
              csv_number (s, r->stats[p].min);
              csv_number (s, r->stats[p].q1);
              csv_number (s, r->stats[p].median);
              csv_number (s, r->stats[p].q3);
              csv_number (s, r->stats[p].max);
            }
          else if (any_stats)
            g_string_append (s, ",,,,,");
          {
            const NnLayerStats *ls = &r->layer_stats[r->layers[p] - 1];

            csv_number (s, ls->grad_rms);
            csv_number (s, ls->predicted_grad_rms);
            csv_number (s, ls->activation_gain);
            csv_number (s, ls->weight_gain);
          }
          g_string_append (s, "\r\n");
        }
    }
  return g_string_free (s, FALSE);
}

/* The table's "why" block: the notebook's variance argument beside the
 * measured backward signal, then the diagnosis in sentences (the numbers
 * per layer are in the JSON). */
static void
append_why (GString                 *s,
            const GradlensRunResult *r)
{
  const NnLayerStats *ls = r->layer_stats;
  g_autofree char *seed_text = g_strdup_printf ("%" G_GINT64_FORMAT, r->config.seed);
  int last = r->depth - 1;
  double log_act = 0, log_w = 0;
  gboolean gains = r->depth > 1;

  g_string_append_printf (s, "%s\n", _("Why: going back through a layer the gradient is multiplied by the "
                                       "activation's gain, sqrt(E[f'(z)²]), and by the weights' gain, "
                                       "sqrt(n·Var(W))."));
  if (r->n_seeds > 1)
    /* Translators: %s is a seed number */
    g_string_append_printf (s, _("(This and the findings below are over the first seed, %s.)\n"),
                            seed_text);
  /* the geometric means: their product is the prediction's factor per layer */
  for (int l = 0; l < last; l++)
    {
      gains &= ls[l].activation_gain > 0 && ls[l + 1].weight_gain > 0;
      log_act += log (ls[l].activation_gain);
      log_w += log (ls[l + 1].weight_gain);
    }
  if (!nn_config_is_plain (&r->config.nn))
    /* DESIGN.md "Teaching contracts": predicted_grad_rms is null here */
    g_string_append_printf (s, _("Here: the backward signal (RMS of dL/dz) is %.2e at layer %d and %.2e at layer 1; "
                                 "no prediction: the argument does not cover residual connections or "
                                 "normalisation (a skip adds the signal from above, a norm rescales it by the "
                                 "batch's or the sample's own statistics).\n"),
                            ls[last].grad_rms, last + 1, ls[0].grad_rms);
  else if (gains && isfinite (log_act + log_w))
    g_string_append_printf (s, _("Here: activation gain ×%.2f, weight gain ×%.2f (geometric means), so ×%.2g per "
                                 "layer; the backward signal (RMS of dL/dz) is %.2e at layer %d and %.2e at layer 1, "
                                 "predicted %.2e.\n"),
                            exp (log_act / last), exp (log_w / last), exp ((log_act + log_w) / last),
                            ls[last].grad_rms, last + 1, ls[0].grad_rms, ls[0].predicted_grad_rms);
  if (r->n_diagnosis == 0)
    g_string_append_printf (s, "%s\n", _("Nothing looks wrong: no vanishing or exploding gradients, no inactive "
                                         "output, no saturated or dead units, no zero gradients."));
  for (int i = 0; i < r->n_diagnosis; i++)
    {
      g_autofree char *text = gradlens_finding_text (&r->diagnosis[i], &r->config.nn, r->layer_stats);

      g_string_append_printf (s, "- %s\n", text);
    }
}

char *
gradlens_results_to_table (GradlensRunResult * const *results,
                           guint                      n_results)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_results; i++)
    {
      const GradlensRunResult *r = results[i];
      const NnConfig *c = &r->config.nn;

      g_autofree char *label = gradlens_escape_label (r->config.label);

      if (i > 0)
        g_string_append_c (s, '\n');
      /* the label escaped: a preset's label must not drive the terminal */
      g_string_append_printf (s, "%s%s%d layers x %d wide, %s, init %s, %d samples, seed %" G_GINT64_FORMAT,
                              label,
                              r->config.label && *r->config.label ? ": " : "",
                              c->depth, c->width, nn_activation_name (c->activation),
                              nn_init_name (c->init), c->samples, r->config.seed);
      if (r->n_seeds > 1)
        g_string_append_printf (s, "..%" G_GINT64_FORMAT " (%d seeds)", r->config.seed + r->n_seeds - 1, r->n_seeds);
      if (c->residual)
        g_string_append (s, ", residual");
      if (c->norm != NN_NORM_NONE)
        g_string_append_printf (s, ", %s norm", nn_norm_name (c->norm));
      g_string_append_printf (s, ", %s\nloss %.9g", nn_dtype_name (c->dtype), r->losses[0]);
      if (isfinite (r->decay_per_layer))
        g_string_append_printf (s, ", gradient norm x%.3g per layer", r->decay_per_layer);
      g_string_append_c (s, '\n');
      if (r->stats == NULL)
        g_string_append_printf (s, "%-14s %-11s %14s\n", "parameter", "shape", "grad_norm");
      else
        g_string_append_printf (s, "%-14s %-11s %14s %14s %14s %14s %14s\n", "parameter", "shape",
                                "median", "min", "q1", "q3", "max");
      for (int p = 0; p < r->n_params; p++)
        {
          g_autofree char *shape = r->is_weight[p] ? g_strdup_printf ("%dx%d", r->rows[p], r->cols[p])
                                                   : g_strdup_printf ("%d", r->rows[p]);
          g_string_append_printf (s, "%-14s %-11s %14.6e", r->names[p], shape, r->grad_norm[p]);
          if (r->stats != NULL)
            g_string_append_printf (s, " %14.6e %14.6e %14.6e %14.6e", r->stats[p].min, r->stats[p].q1,
                                    r->stats[p].q3, r->stats[p].max);
          g_string_append_c (s, '\n');
        }
      append_why (s, r);
    }
  return g_string_free (s, FALSE);
}

gboolean
gradlens_write_file_atomic (const char  *path,
                            const char  *contents,
                            GError     **error)
{
  /* one output path for every command and the app: links followed,
   * permissions kept, devices and FIFOs written in place */
  return gradlens_output_write_file (path, contents, -1, error);
}
