/* gradlens-json.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gradlens-error.h"
#include "gradlens-json.h"

typedef struct
{
  const char  *data;
  gsize        len;
  gsize        pos;
  guint        max_depth;
  GHashTable  *literals;
  GError     **error;
} Reader;

/* line and column (in characters, from 1) of byte offset at */
static void
position (const Reader *r,
          gsize         at,
          int          *line,
          int          *column)
{
  gsize start = 0;

  *line = 1;
  for (gsize i = 0; i < at && i < r->len; i++)
    if (r->data[i] == '\n')
      {
        (*line)++;
        start = i + 1;
      }
  *column = (int) g_utf8_strlen (r->data + start, (gssize) (MIN (at, r->len) - start)) + 1;
}

static gboolean
fail_at (Reader     *r,
         gsize       at,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_at (Reader     *r,
         gsize       at,
         const char *format,
         ...)
{
  g_autofree char *msg = NULL;
  va_list args;
  int line, column;

  if (r->error == NULL || *r->error != NULL)
    return FALSE;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  position (r, at, &line, &column);
  /* Translators: the first two %d are a line and a column, the %s what is wrong there */
  g_set_error (r->error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET,
               _("line %d, column %d: %s"), line, column, msg);
  return FALSE;
}

/* the character at pos, quoted for a message */
static char *
describe_char (const Reader *r,
               gsize         at)
{
  gunichar c;

  if (at >= r->len)
    return g_strdup (_("the end of the file"));
  c = g_utf8_get_char_validated (r->data + at, (gssize) (r->len - at));
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup_printf (_("the byte 0x%02x"), (guchar) r->data[at]);
  if (c < 0x20 || c == 0x7f)
    return g_strdup_printf (_("the control character U+%04X"), c);
  /* JSON's punctuation by its name: "a comma where a name was expected" */
  switch (c)
    {
    case ',':
      return g_strdup (_("a comma"));
    case ':':
      return g_strdup (_("a colon"));
    case '{':
      return g_strdup (_("an opening brace “{”"));
    case '}':
      return g_strdup (_("a closing brace “}”"));
    case '[':
      return g_strdup (_("an opening bracket “[”"));
    case ']':
      return g_strdup (_("a closing bracket “]”"));
    case '"':
      return g_strdup (_("a double quote"));
    default:
      break;
    }
  return g_strdup_printf ("“%.*s”", (int) (g_utf8_next_char (r->data + at) - (r->data + at)), r->data + at);
}

static void
skip_blanks (Reader *r)
{
  while (r->pos < r->len)
    {
      char c = r->data[r->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      r->pos++;
    }
}

static gboolean
unexpected (Reader     *r,
            const char *expected)
{
  g_autofree char *found = describe_char (r, r->pos);
  char c = r->pos < r->len ? r->data[r->pos] : '\0';

  if (c == '/' && r->pos + 1 < r->len && (r->data[r->pos + 1] == '/' || r->data[r->pos + 1] == '*'))
    return fail_at (r, r->pos, _("a comment; JSON has no comments"));
  if (c == '\'')
    return fail_at (r, r->pos, _("a single quote; JSON strings are in double quotes"));
  /* Translators: the first %s is what was found ("a comma"), the second
   * what was expected ("a name"): "a comma where a name was expected" */
  return fail_at (r, r->pos, _("%s where %s was expected"), found, expected);
}

static JsonNode *read_value (Reader *r,
                             guint   depth);

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      v = v * 16 + g_ascii_xdigit_value (p[i]);
    }
  return v;
}

/* a string at r->pos (on its opening quote); returns it decoded */
static char *
read_string (Reader *r)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gsize start = r->pos;

  r->pos++;
  for (;;)
    {
      guchar c;

      if (r->pos >= r->len)
        {
          fail_at (r, start, _("a string that is never closed (a missing “\"”)"));
          return NULL;
        }
      c = (guchar) r->data[r->pos];
      if (c == '"')
        {
          r->pos++;
          return g_string_free (g_steal_pointer (&s), FALSE);
        }
      if (c < 0x20)
        {
          fail_at (r, r->pos, _("the control character U+%04X inside a string; write it as an escape such as \\n"), c);
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (s, (char) c);
          r->pos++;
          continue;
        }
      if (r->pos + 1 >= r->len)
        {
          fail_at (r, start, _("a string that is never closed (a missing “\"”)"));
          return NULL;
        }
      switch (r->data[r->pos + 1])
        {
        case '"': g_string_append_c (s, '"'); r->pos += 2; break;
        case '\\': g_string_append_c (s, '\\'); r->pos += 2; break;
        case '/': g_string_append_c (s, '/'); r->pos += 2; break;
        case 'b': g_string_append_c (s, '\b'); r->pos += 2; break;
        case 'f': g_string_append_c (s, '\f'); r->pos += 2; break;
        case 'n': g_string_append_c (s, '\n'); r->pos += 2; break;
        case 'r': g_string_append_c (s, '\r'); r->pos += 2; break;
        case 't': g_string_append_c (s, '\t'); r->pos += 2; break;
        case 'u':
          {
            int u = r->pos + 6 <= r->len ? hex4 (r->data + r->pos + 2) : -1;
            gunichar ch;

            if (u < 0)
              {
                /* quote "\u" and up to four printable ASCII characters after
                 * it ("\uZZZZ"), never part of a multibyte character */
                int k = 2;

                while (k < 6 && r->pos + k < r->len && g_ascii_isgraph (r->data[r->pos + k])
                       && r->data[r->pos + k] != '"' && r->data[r->pos + k] != '\\')
                  k++;
                fail_at (r, r->pos, _("an invalid escape “%.*s”; \\u takes four hexadecimal digits"),
                         k, r->data + r->pos);
                return NULL;
              }
            if (u == 0)
              {
                fail_at (r, r->pos, _("the escape “\\u0000” (a zero character), which a preset cannot hold"));
                return NULL;
              }
            if (u >= 0xdc00 && u <= 0xdfff)
              {
                fail_at (r, r->pos, _("the escape “%.6s” is a lone low surrogate, not a character"),
                         r->data + r->pos);
                return NULL;
              }
            if (u >= 0xd800 && u <= 0xdbff)
              {
                int lo = r->pos + 12 <= r->len && r->data[r->pos + 6] == '\\' && r->data[r->pos + 7] == 'u'
                         ? hex4 (r->data + r->pos + 8) : -1;

                if (lo < 0xdc00 || lo > 0xdfff)
                  {
                    fail_at (r, r->pos, _("the escape “%.6s” is a lone high surrogate, not a character; "
                                          "it must be followed by a low surrogate such as \\udc00"),
                             r->data + r->pos);
                    return NULL;
                  }
                ch = 0x10000 + (((gunichar) u - 0xd800) << 10) + ((gunichar) lo - 0xdc00);
                r->pos += 12;
              }
            else
              {
                ch = (gunichar) u;
                r->pos += 6;
              }
            g_string_append_unichar (s, ch);
            break;
          }
        default:
          {
            g_autofree char *what = describe_char (r, r->pos + 1);

            fail_at (r, r->pos, _("an invalid escape: a backslash before %s"), what);
            return NULL;
          }
        }
    }
}

static JsonNode *
read_number (Reader *r)
{
  gsize start = r->pos;
  const char *p = r->data;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;
  JsonNode *node;
  gint64 i64;

  if (r->pos < r->len && p[r->pos] == '-')
    r->pos++;
  if (r->pos >= r->len || !g_ascii_isdigit (p[r->pos]))
    goto bad;
  if (p[r->pos] == '0')
    {
      r->pos++;
      if (r->pos < r->len && p[r->pos] != 'e' && p[r->pos] != 'E'
          && (g_ascii_isalnum (p[r->pos]) || p[r->pos] == '_'))
        {
          /* 010, 0x10, 0b101, 0o7 */
          while (r->pos < r->len && (g_ascii_isalnum (p[r->pos]) || p[r->pos] == '_'))
            r->pos++;
          fail_at (r, start, _("“%.*s” is not a JSON number: JSON has no leading zeros and no "
                               "hexadecimal, octal or binary numbers"),
                   (int) MIN (r->pos - start, 40), p + start);
          return NULL;
        }
    }
  else
    while (r->pos < r->len && g_ascii_isdigit (p[r->pos]))
      r->pos++;
  if (r->pos < r->len && p[r->pos] == '.')
    {
      integer = FALSE;
      r->pos++;
      if (r->pos >= r->len || !g_ascii_isdigit (p[r->pos]))
        goto bad;
      while (r->pos < r->len && g_ascii_isdigit (p[r->pos]))
        r->pos++;
    }
  if (r->pos < r->len && (p[r->pos] == 'e' || p[r->pos] == 'E'))
    {
      integer = FALSE;
      r->pos++;
      if (r->pos < r->len && (p[r->pos] == '+' || p[r->pos] == '-'))
        r->pos++;
      if (r->pos >= r->len || !g_ascii_isdigit (p[r->pos]))
        goto bad;
      while (r->pos < r->len && g_ascii_isdigit (p[r->pos]))
        r->pos++;
    }
  if (r->pos < r->len && (g_ascii_isalnum (p[r->pos]) || p[r->pos] == '_' || p[r->pos] == '.'))
    goto bad;

  text = g_strndup (p + start, r->pos - start);
  node = json_node_alloc ();
  if (integer && g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &i64, NULL))
    json_node_init_int (node, i64);
  else
    json_node_init_double (node, g_ascii_strtod (text, NULL));
  if (r->literals != NULL)
    g_hash_table_insert (r->literals, node, g_steal_pointer (&text));
  return node;

bad:
  while (r->pos < r->len && (g_ascii_isalnum (p[r->pos]) || (p[r->pos] != '\0' && strchr ("+-._", p[r->pos]) != NULL)))
    r->pos++;
  fail_at (r, start, _("“%.*s” is not a JSON number"), (int) (r->pos - start), p + start);
  return NULL;
}

static JsonNode *
read_word (Reader *r)
{
  static const char * const words[] = { "true", "false", "null" };
  gsize end = r->pos;

  while (end < r->len && g_ascii_isalnum (r->data[end]))
    end++;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (end - r->pos == strlen (words[i]) && memcmp (r->data + r->pos, words[i], end - r->pos) == 0)
      {
        JsonNode *node = json_node_alloc ();

        r->pos = end;
        if (i == 2)
          return json_node_init_null (node);
        return json_node_init_boolean (node, i == 0);
      }
  if (end > r->pos)
    {
      fail_at (r, r->pos, _("“%.*s” is not a JSON value; strings are in double quotes"),
               (int) MIN (end - r->pos, 40), r->data + r->pos);
      return NULL;
    }
  unexpected (r, _("a value"));
  return NULL;
}

static JsonNode *
read_object (Reader *r,
             guint   depth)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonNode *node;

  r->pos++;
  skip_blanks (r);
  if (r->pos < r->len && r->data[r->pos] == '}')
    {
      r->pos++;
      return json_node_init_object (json_node_alloc (), obj);
    }
  for (;;)
    {
      g_autofree char *key = NULL;
      gsize key_at;
      JsonNode *value;

      skip_blanks (r);
      key_at = r->pos;
      if (r->pos >= r->len || r->data[r->pos] != '"')
        {
          unexpected (r, _("a name"));
          return NULL;
        }
      key = read_string (r);
      if (key == NULL)
        return NULL;
      if (g_hash_table_contains (seen, key))
        {
          int line, column;

          position (r, GPOINTER_TO_SIZE (g_hash_table_lookup (seen, key)), &line, &column);
          /* Translators: %s is a key; the %d are the line and column where it came first */
          fail_at (r, key_at, _("the key “%s” a second time (first at line %d, column %d); keys must be unique"),
                   key, line, column);
          return NULL;
        }
      g_hash_table_insert (seen, g_strdup (key), GSIZE_TO_POINTER (key_at));
      skip_blanks (r);
      if (r->pos >= r->len || r->data[r->pos] != ':')
        {
          unexpected (r, _("a colon after the name"));
          return NULL;
        }
      r->pos++;
      value = read_value (r, depth);
      if (value == NULL)
        return NULL;
      json_object_set_member (obj, key, value);
      skip_blanks (r);
      if (r->pos < r->len && r->data[r->pos] == ',')
        {
          r->pos++;
          skip_blanks (r);
          if (r->pos < r->len && r->data[r->pos] == '}')
            {
              fail_at (r, r->pos, _("“}” after a comma; JSON has no trailing commas"));
              return NULL;
            }
          continue;
        }
      if (r->pos < r->len && r->data[r->pos] == '}')
        {
          r->pos++;
          break;
        }
      unexpected (r, _("a comma or “}”"));
      return NULL;
    }
  node = json_node_alloc ();
  return json_node_init_object (node, obj);
}

static JsonNode *
read_array (Reader *r,
            guint   depth)
{
  g_autoptr(JsonArray) array = json_array_new ();

  r->pos++;
  skip_blanks (r);
  if (r->pos < r->len && r->data[r->pos] == ']')
    {
      r->pos++;
      return json_node_init_array (json_node_alloc (), array);
    }
  for (;;)
    {
      JsonNode *value = read_value (r, depth);

      if (value == NULL)
        return NULL;
      json_array_add_element (array, value);
      skip_blanks (r);
      if (r->pos < r->len && r->data[r->pos] == ',')
        {
          r->pos++;
          skip_blanks (r);
          if (r->pos < r->len && r->data[r->pos] == ']')
            {
              fail_at (r, r->pos, _("“]” after a comma; JSON has no trailing commas"));
              return NULL;
            }
          continue;
        }
      if (r->pos < r->len && r->data[r->pos] == ']')
        {
          r->pos++;
          break;
        }
      unexpected (r, _("a comma or “]”"));
      return NULL;
    }
  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
read_value (Reader *r,
            guint   depth)
{
  char c;

  skip_blanks (r);
  if (r->pos >= r->len)
    {
      unexpected (r, _("a value"));
      return NULL;
    }
  c = r->data[r->pos];
  if (c == '{' || c == '[')
    {
      if (depth + 1 > r->max_depth)
        {
          fail_at (r, r->pos, _("nested more than %u levels deep; a preset needs at most 3"), r->max_depth);
          return NULL;
        }
      return c == '{' ? read_object (r, depth + 1) : read_array (r, depth + 1);
    }
  if (c == '"')
    {
      char *s = read_string (r);
      JsonNode *node;

      if (s == NULL)
        return NULL;
      node = json_node_alloc ();
      json_node_init_string (node, s);
      g_free (s);
      return node;
    }
  if (c == '-' || g_ascii_isdigit (c))
    return read_number (r);
  if (c == '+' || c == '.')
    {
      gsize start = r->pos;

      while (r->pos < r->len && (g_ascii_isalnum (r->data[r->pos]) || (r->data[r->pos] != '\0' && strchr ("+-._", r->data[r->pos]) != NULL)))
        r->pos++;
      fail_at (r, start, _("“%.*s” is not a JSON number"), (int) MIN (r->pos - start, 40), r->data + start);
      return NULL;
    }
  return read_word (r);
}

JsonNode *
gradlens_json_parse_strict (const char   *data,
                            gsize         length,
                            guint         max_depth,
                            GHashTable  **literals,
                            GError      **error)
{
  Reader r = { data, length, 0, max_depth, NULL, error };
  JsonNode *root;

  if (literals != NULL)
    r.literals = *literals = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  /* a byte order mark is allowed before the text (RFC 8259 section 8.1) */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    r.pos = 3;
  root = read_value (&r, 0);
  if (root == NULL)
    goto fail;
  skip_blanks (&r);
  if (r.pos < r.len)
    {
      if (r.data[r.pos] == '/')
        unexpected (&r, _("the end of the document"));
      else
        fail_at (&r, r.pos, _("more text after the end of the document; a preset is one JSON object"));
      json_node_unref (root);
      goto fail;
    }
  return root;

fail:
  if (literals != NULL)
    g_clear_pointer (literals, g_hash_table_unref);
  return NULL;
}
