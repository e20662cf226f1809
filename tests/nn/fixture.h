/* fixture.h - reading the PyTorch fixtures of tests/fixtures (written by
 * tests/fixtures/generate.py) in the nn tests
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* tests/fixtures/NAME, found through G_TEST_SRCDIR (set to the tests
 * directory by tests/meson.build); usable outside test functions. Returns: (transfer full) the parser. */
static inline JsonParser *
fixture_load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  JsonParser *parser = json_parser_new ();
  GError *error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("cannot read the fixture %s: %s", path, error->message);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return parser;
}

static inline JsonObject *
fixture_root (JsonParser *parser)
{
  return json_node_get_object (json_parser_get_root (parser));
}

/* "3f800000" (a float32) or "3ff0000000000000" (a float64) */
static inline uint64_t
fixture_hex (const char *text)
{
  char *end = NULL;
  guint64 v = g_ascii_strtoull (text, &end, 16);

  g_assert_true (end != text && *end == '\0');
  return v;
}

static inline float
fixture_hex_f32 (const char *text)
{
  uint32_t bits = (uint32_t) fixture_hex (text);
  float f;

  g_assert_cmpuint (strlen (text), ==, 8);
  memcpy (&f, &bits, sizeof f);
  return f;
}

static inline double
fixture_hex_f64 (const char *text)
{
  uint64_t bits = fixture_hex (text);
  double d;

  g_assert_cmpuint (strlen (text), ==, 16);
  memcpy (&d, &bits, sizeof d);
  return d;
}

static inline uint32_t
bits_f32 (float f)
{
  uint32_t bits;

  memcpy (&bits, &f, sizeof bits);
  return bits;
}

static inline uint64_t
bits_f64 (double d)
{
  uint64_t bits;

  memcpy (&bits, &d, sizeof bits);
  return bits;
}

/* a seed written as a decimal string (seeds reach 2^64 - 1) */
static inline uint64_t
fixture_seed (JsonObject *o,
              const char *member)
{
  const char *text = json_object_get_string_member (o, member);
  char *end = NULL;
  guint64 v = g_ascii_strtoull (text, &end, 10);

  g_assert_true (end != text && *end == '\0');
  return v;
}

/* a JSON number (an integer member is read as a double too) or null (NAN) */
static inline double
fixture_number (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return NAN;
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

static inline double
fixture_number_member (JsonObject *o,
                       const char *member)
{
  g_assert_true (json_object_has_member (o, member));
  return fixture_number (json_object_get_member (o, member));
}

/* Compares n values against the hex bit patterns in `expected`, bit for
 * bit. The first few differences are reported with g_test_message; returns
 * the number of differences. */
static inline guint
fixture_compare_bits (const char *what,
                      JsonArray  *expected,
                      const void *values,
                      gboolean    is_double,
                      gsize       n)
{
  guint bad = 0;

  g_assert_cmpuint (json_array_get_length (expected), ==, n);
  for (gsize i = 0; i < n; i++)
    {
      const char *text = json_array_get_string_element (expected, i);

      if (is_double)
        {
          double ours = ((const double *) values)[i];
          double theirs = fixture_hex_f64 (text);

          if (bits_f64 (ours) != bits_f64 (theirs))
            {
              if (bad < 5)
                g_test_message ("%s [%" G_GSIZE_FORMAT "]: %.17g (%016" G_GINT64_MODIFIER "x), "
                                "PyTorch %.17g (%s)", what, i, ours, (guint64) bits_f64 (ours), theirs, text);
              bad++;
            }
        }
      else
        {
          float ours = ((const float *) values)[i];
          float theirs = fixture_hex_f32 (text);

          if (bits_f32 (ours) != bits_f32 (theirs))
            {
              if (bad < 5)
                g_test_message ("%s [%" G_GSIZE_FORMAT "]: %.9g (%08x), PyTorch %.9g (%s)",
                                what, i, (double) ours, bits_f32 (ours), (double) theirs, text);
              bad++;
            }
        }
    }
  return bad;
}
