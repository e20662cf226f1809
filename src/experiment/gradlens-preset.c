/* gradlens-preset.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gradlens-error.h"
#include "gradlens-export.h"
#include "gradlens-json.h"
#include "gradlens-preset.h"

const char *
gradlens_y_scale_name (GradlensYScale scale)
{
  return scale == GRADLENS_Y_LINEAR ? "linear" : "log";
}

const char *
gradlens_x_axis_name (GradlensXAxis axis)
{
  return axis == GRADLENS_X_LAYER ? "layer" : "parameter";
}

const char *
gradlens_theme_name (GradlensTheme theme)
{
  return theme == GRADLENS_THEME_LIGHT ? "light" : "dark";
}

static void
plot_settings_init (GradlensPlotSettings *plot)
{
  plot->y_scale = GRADLENS_Y_LOG;
  plot->x_axis = GRADLENS_X_PARAMETER;
  plot->theme = GRADLENS_THEME_DARK;
  plot->title = g_strdup ("Gradient Norms Across Layers");
  plot->x_title = g_strdup ("Layer Index");
  plot->y_title = g_strdup ("Gradient Norm");
}

GradlensPreset *
gradlens_preset_new (void)
{
  GradlensPreset *preset = g_new0 (GradlensPreset, 1);

  preset->title = g_strdup ("");
  preset->description = g_strdup ("");
  plot_settings_init (&preset->plot);
  gradlens_train_settings_init (&preset->train);
  preset->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) gradlens_run_config_free);
  return preset;
}

void
gradlens_preset_free (GradlensPreset *preset)
{
  if (preset == NULL)
    return;
  g_free (preset->title);
  g_free (preset->description);
  g_free (preset->plot.title);
  g_free (preset->plot.x_title);
  g_free (preset->plot.y_title);
  g_ptr_array_unref (preset->runs);
  g_clear_pointer (&preset->controls, gradlens_run_config_free);
  g_free (preset);
}

GradlensPreset *
gradlens_preset_copy (const GradlensPreset *preset)
{
  GradlensPreset *copy = gradlens_preset_new ();

  g_free (copy->title);
  g_free (copy->plot.title);
  g_free (copy->plot.x_title);
  g_free (copy->plot.y_title);
  copy->title = g_strdup (preset->title);
  g_free (copy->description);
  copy->description = g_strdup (preset->description);
  copy->plot = preset->plot;
  copy->plot.title = g_strdup (preset->plot.title);
  copy->plot.x_title = g_strdup (preset->plot.x_title);
  copy->plot.y_title = g_strdup (preset->plot.y_title);
  copy->has_train = preset->has_train;
  copy->train = preset->train;
  copy->controls = preset->controls != NULL ? gradlens_run_config_dup (preset->controls) : NULL;
  copy->accept_long_work = preset->accept_long_work;
  for (guint i = 0; i < preset->runs->len; i++)
    g_ptr_array_add (copy->runs, gradlens_run_config_dup (g_ptr_array_index (preset->runs, i)));
  return copy;
}

/* ---- loading ---------------------------------------------------------- */

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_set_error_literal (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET, "");
  g_free ((*error)->message);
  (*error)->message = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static gboolean
get_string (JsonNode    *node,
            const char  *where,
            char       **out,
            GError     **error)
{
  g_autofree char *found = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      found = gradlens_json_describe (node);
      return invalid (error, "%s: expected a string, found %s", where, found);
    }
  /* json-glib decodes a lone surrogate escape such as \udc00 to bytes that
   * are not UTF-8: such a preset would save but never load again */
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    return invalid (error, "%s: invalid Unicode (a lone surrogate “\\uXXXX” escape)", where);
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_choice (JsonNode           *node,
            const char         *where,
            const char * const *choices,
            int                *out,
            GError            **error)
{
  g_autofree char *s = NULL;
  g_autofree char *allowed = g_strjoinv (", ", (char **) choices);

  if (!get_string (node, where, &s, error))
    return FALSE;
  for (int i = 0; choices[i]; i++)
    if (g_str_equal (choices[i], s))
      {
        *out = i;
        return TRUE;
      }
  return invalid (error, "%s: invalid value “%s”; expected one of %s", where, s, allowed);
}

static gboolean
expect_object (JsonNode    *node,
               const char  *where,
               GError     **error)
{
  g_autofree char *found = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      found = gradlens_json_describe (node);
      if (where[0] == '\0')
        return invalid (error, "expected an object, found %s", found);
      return invalid (error, "%s: expected an object, found %s", where, found);
    }
  return TRUE;
}

static gboolean
unknown_key (const char          *where,
             const char          *key,
             const char * const  *known,
             GError             **error)
{
  g_autofree char *allowed = g_strjoinv (", ", (char **) known);

  if (where[0] == '\0')
    return invalid (error, "unknown key “%s”; expected one of %s", key, allowed);
  return invalid (error, "%s: unknown key “%s”; expected one of %s", where, key, allowed);
}

static gboolean
load_section (JsonObject         *obj,
              GHashTable         *literals,
              const char         *section,
              const char         *where,
              GradlensRunConfig  *config,
              GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (obj);
  guint n;
  const GradlensField *fields = gradlens_fields (&n);
  g_autoptr(GPtrArray) known = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (fields[i].section, section) == 0)
      g_ptr_array_add (known, (gpointer) fields[i].key);
  g_ptr_array_add (known, NULL);

  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      const GradlensField *field = gradlens_field_lookup (section, key);
      g_autofree char *path = g_strdup_printf ("%s.%s", where, key);
      JsonNode *value = json_object_get_member (obj, key);

      if (field == NULL)
        return unknown_key (where, key, (const char * const *) known->pdata, error);
      if (!gradlens_field_set_json_literal (field, value, g_hash_table_lookup (literals, value),
                                            path, config, error))
        {
          (*error)->domain = GRADLENS_ERROR;
          (*error)->code = GRADLENS_ERROR_INVALID_PRESET;
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_run (JsonNode           *node,
          GHashTable         *literals,
          const char         *where,
          GradlensRunConfig  *config,
          GError            **error)
{
  static const char * const keys[] = { "label", "color", "visible", "network", "init", "data", "dtype", NULL };
  g_autoptr(GList) members = NULL;
  JsonObject *obj;

  if (!expect_object (node, where, error))
    return FALSE;
  obj = json_node_get_object (node);
  /* the label first: the caller names the run by it in any later message */
  if (json_object_has_member (obj, "label"))
    {
      g_autofree char *path = where[0] != '\0' ? g_strdup_printf ("%s.label", where) : g_strdup ("label");

      if (!get_string (json_object_get_member (obj, "label"), path, &config->label, error))
        return FALSE;
    }
  members = json_object_get_members (obj);
  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (obj, key);
      g_autofree char *path = where[0] != '\0' ? g_strdup_printf ("%s.%s", where, key) : g_strdup (key);

      if (g_str_equal (key, "label"))
        continue;
      else if (g_str_equal (key, "color"))
        {
          if (!get_string (value, path, &config->color, error))
            return FALSE;
        }
      else if (g_str_equal (key, "visible"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
            {
              g_autofree char *found = gradlens_json_describe (value);

              return invalid (error, "%s: expected true or false, found %s", path, found);
            }
          config->hidden = !json_node_get_boolean (value);
        }
      else if (g_str_equal (key, "network") || g_str_equal (key, "init") || g_str_equal (key, "data"))
        {
          if (!expect_object (value, path, error)
              || !load_section (json_node_get_object (value), literals, key, path, config, error))
            return FALSE;
        }
      else if (g_str_equal (key, "dtype"))
        {
          if (!gradlens_field_set_json (gradlens_field_lookup (NULL, "dtype"), value, path, config, error))
            {
              (*error)->code = GRADLENS_ERROR_INVALID_PRESET;
              return FALSE;
            }
        }
      else
        return unknown_key (where, key, keys, error);
    }

  if (!gradlens_run_config_validate (config, GRADLENS_NAMING_PRESET, 0, error))
    {
      if (where[0] != '\0')
        g_prefix_error (error, "%s: ", where);
      return FALSE;
    }
  return TRUE;
}

/* "run 5 “Deep sigmoid (8)”", or "run 5" without a label: how a message
 * names a preset's run, counted from 1 as a person counts */
char *
gradlens_preset_describe_run (guint       index,
                              const char *label)
{
  g_autofree char *valid = NULL;

  if (label == NULL || *label == '\0')
    /* Translators: %u is a run's number, counted from 1 */
    return g_strdup_printf (_("run %u"), index + 1);
  valid = g_utf8_make_valid (label, -1);
  if (g_utf8_strlen (valid, -1) > 40)
    {
      g_autofree char *cut = g_utf8_substring (valid, 0, 40);

      /* Translators: %u is a run's number, counted from 1, %s its label cut short */
      return g_strdup_printf (_("run %u “%s…”"), index + 1, cut);
    }
  /* Translators: %u is a run's number, counted from 1, %s its label */
  return g_strdup_printf (_("run %u “%s”"), index + 1, valid);
}

/* one run of a preset's "runs": its messages start with the run's number
 * and label ("run 5 “Deep sigmoid (8)”: network.depth: ...") */
static gboolean
load_numbered_run (JsonNode           *node,
                   GHashTable         *literals,
                   guint               index,
                   GradlensRunConfig  *config,
                   GError            **error)
{
  g_autofree char *name = NULL;

  if (load_run (node, literals, "", config, error))
    return TRUE;
  name = gradlens_preset_describe_run (index, config->label);
  g_prefix_error (error, "%s: ", name);
  return FALSE;
}

static gboolean
load_plot (JsonNode              *node,
           GradlensPlotSettings  *plot,
           GError               **error)
{
  static const char * const keys[] = { "y_scale", "x_axis", "theme", "title", "x_title", "y_title", NULL };
  static const char * const scales[] = { "log", "linear", NULL };
  static const char * const axes[] = { "parameter", "layer", NULL };
  static const char * const themes[] = { "dark", "light", NULL };
  g_autoptr(GList) members = NULL;
  JsonObject *obj;

  if (!expect_object (node, "plot", error))
    return FALSE;
  obj = json_node_get_object (node);
  members = json_object_get_members (obj);
  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (obj, key);
      g_autofree char *path = g_strdup_printf ("plot.%s", key);
      int choice = 0;
      gboolean ok;

      if (g_str_equal (key, "y_scale"))
        ok = get_choice (value, path, scales, &choice, error) && ((plot->y_scale = choice), TRUE);
      else if (g_str_equal (key, "x_axis"))
        ok = get_choice (value, path, axes, &choice, error) && ((plot->x_axis = choice), TRUE);
      else if (g_str_equal (key, "theme"))
        ok = get_choice (value, path, themes, &choice, error) && ((plot->theme = choice), TRUE);
      else if (g_str_equal (key, "title"))
        ok = get_string (value, path, &plot->title, error);
      else if (g_str_equal (key, "x_title"))
        ok = get_string (value, path, &plot->x_title, error);
      else if (g_str_equal (key, "y_title"))
        ok = get_string (value, path, &plot->y_title, error);
      else
        ok = unknown_key ("plot", key, keys, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_root (JsonNode        *root,
           GHashTable      *literals,
           GradlensPreset  *preset,
           GError         **error)
{
  static const char * const keys[] = { "format", "version", "title", "description", "plot", "runs",
                                       "train", "controls", "accept_long_work", NULL };
  g_autoptr(GList) members = NULL;
  g_autofree char *found = NULL;
  JsonObject *obj;
  JsonNode *node;
  JsonArray *runs;
  guint n_runs;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      found = root ? gradlens_json_describe (root) : g_strdup ("nothing (an empty file)");
      return invalid (error, "expected a JSON object with \"format\": \"gradlens-preset\", found %s", found);
    }
  obj = json_node_get_object (root);

  node = json_object_get_member (obj, "format");
  if (node == NULL)
    return invalid (error, "format: missing; a preset starts with \"format\": \"gradlens-preset\"");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || !g_str_equal (json_node_get_string (node), "gradlens-preset"))
    {
      found = gradlens_json_describe (node);
      return invalid (error, "format: expected \"gradlens-preset\", found %s; this is not a Gradlens preset",
                      found);
    }

  node = json_object_get_member (obj, "version");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          found = gradlens_json_describe (node);
          return invalid (error, "version: expected the integer 1, found %s", found);
        }
      if (json_node_get_int (node) != 1)
        return invalid (error, "version: invalid value %" G_GINT64_FORMAT "; this Gradlens reads version 1",
                        json_node_get_int (node));
    }

  members = json_object_get_members (obj);
  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      gboolean known = FALSE;

      for (int i = 0; keys[i]; i++)
        known |= g_str_equal (keys[i], key);
      if (!known)
        return unknown_key ("preset", key, keys, error);
    }

  node = json_object_get_member (obj, "title");
  if (node != NULL && !get_string (node, "title", &preset->title, error))
    return FALSE;
  /* optional (presets before it load as they did): what the runs show */
  node = json_object_get_member (obj, "description");
  if (node != NULL && !get_string (node, "description", &preset->description, error))
    return FALSE;

  node = json_object_get_member (obj, "plot");
  if (node != NULL && !load_plot (node, &preset->plot, error))
    return FALSE;

  node = json_object_get_member (obj, "train");
  if (node != NULL && !gradlens_train_settings_load_json (&preset->train, node, "train", error))
    return FALSE;
  preset->has_train = node != NULL;

  /* optional: the app's controls, checked as a run is */
  node = json_object_get_member (obj, "controls");
  if (node != NULL)
    {
      preset->controls = gradlens_run_config_new ();
      if (!load_run (node, literals, "controls", preset->controls, error))
        return FALSE;
    }

  /* optional: accepts work estimated at more than an hour, as --yes does */
  node = json_object_get_member (obj, "accept_long_work");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          found = gradlens_json_describe (node);
          return invalid (error, "accept_long_work: expected true or false, found %s", found);
        }
      preset->accept_long_work = json_node_get_boolean (node);
    }

  node = json_object_get_member (obj, "runs");
  if (node == NULL)
    return invalid (error, "runs: missing; a preset needs at least one run");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      found = gradlens_json_describe (node);
      return invalid (error, "runs: expected an array, found %s", found);
    }
  runs = json_node_get_array (node);
  n_runs = json_array_get_length (runs);
  if (n_runs < 1 || n_runs > GRADLENS_PRESET_MAX_RUNS)
    return invalid (error, "runs: %u runs; expected from 1 to %d", n_runs, GRADLENS_PRESET_MAX_RUNS);

  for (guint i = 0; i < n_runs; i++)
    {
      g_autoptr(GradlensRunConfig) config = gradlens_run_config_new ();

      if (!load_numbered_run (json_array_get_element (runs, i), literals, i, config, error))
        return FALSE;
      g_ptr_array_add (preset->runs, g_steal_pointer (&config));
    }
  return TRUE;
}

/* every message about a preset's contents starts the same way, in the CLI
 * and in the app: "Could not read “mine.json”: line 63, column 38: ..." */
static GradlensPreset *
could_not_read (const char  *name,
                GError     **error)
{
  /* Translators: %s is a file name; what is wrong follows the colon */
  g_prefix_error (error, _("Could not read “%s”: "), name);
  return NULL;
}

GradlensPreset *
gradlens_preset_load_data (const char  *data,
                           gssize       length,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) literals = NULL;
  g_autoptr(GradlensPreset) preset = NULL;
  gsize blanks;
  g_autoptr(GError) local = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (name == NULL)
    name = "preset";
  if (len > GRADLENS_PRESET_MAX_BYTES)
    {
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE,
                   "%" G_GSIZE_FORMAT " bytes; presets larger than 16 MiB are refused", len);
      return could_not_read (name, error);
    }
  if (!g_utf8_validate (data, (gssize) len, NULL) || memchr (data, '\0', len) != NULL)
    {
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_INVALID_PRESET,
                   "not a text file (invalid UTF-8 or a zero byte); a preset is a JSON file");
      return could_not_read (name, error);
    }
  /* data need not end in a zero byte: count the blanks within len */
  for (blanks = 0; blanks < len && strchr (" \t\r\n", data[blanks]) != NULL && data[blanks] != '\0'; blanks++)
    ;
  if (blanks < len)
    root = gradlens_json_parse_strict (data, len, GRADLENS_PRESET_MAX_DEPTH, &literals, &local);
  else
    literals = g_hash_table_new (NULL, NULL);   /* an empty file: load_root names it */
  if (root == NULL && local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return could_not_read (name, error);
    }

  preset = gradlens_preset_new ();
  if (!load_root (root, literals, preset, &local))
    {
      /* messages quote keys and values, which may hold invalid UTF-8 */
      g_autofree char *message = g_utf8_make_valid (local->message, -1);

      g_set_error_literal (error, GRADLENS_ERROR, local->code == GRADLENS_ERROR_INVALID_VALUE
                                                      ? GRADLENS_ERROR_INVALID_PRESET : local->code,
                           message);
      return could_not_read (name, error);
    }
  return g_steal_pointer (&preset);
}

static GradlensPreset *
read_error (const char  *path,
            int          saved_errno,
            GError     **error)
{
  /* Translators: the first %s is a file name, the second the system's reason */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("%s: %s"), path,
               g_strerror (saved_errno));
  return NULL;
}

/* Reads a preset from a file, or from standard input for "-". Anything but
 * a regular file (a FIFO, a device, a socket) is refused without blocking:
 * it is opened non-blocking and its type checked before any read. */
GradlensPreset *
gradlens_preset_load_path (const char  *path,
                           GError     **error)
{
  g_autofree char *buf = NULL;
  gsize n_read = 0;
  struct stat st;
  int fd;

  if (path[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("an empty file name; expected a preset file"));
      return NULL;
    }
  if (g_str_equal (path, "-"))
    fd = dup (STDIN_FILENO);
  else
    fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return read_error (path, errno, error);
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return read_error (path, saved_errno, error);
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("%s: is a folder, not a preset file"), path);
      return NULL;
    }
  if (!S_ISREG (st.st_mode) && !g_str_equal (path, "-"))
    {
      const char *kind = S_ISFIFO (st.st_mode) ? _("a named pipe (FIFO)")
                         : S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode) ? _("a device")
                         : S_ISSOCK (st.st_mode) ? _("a socket") : _("not a regular file");

      close (fd);
      /* Translators: the first %s is a file name, the second what it is ("a device") */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: is %s, not a preset file; give a regular file, or “-” for standard input"),
                   path, kind);
      return NULL;
    }
  if (S_ISREG (st.st_mode) && st.st_size > GRADLENS_PRESET_MAX_BYTES)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GOFFSET_FORMAT, (goffset) st.st_size);

      close (fd);
      /* Translators: %s is a number of bytes */
      g_set_error (error, GRADLENS_ERROR, GRADLENS_ERROR_TOO_LARGE,
                   _("%s bytes; presets larger than 16 MiB are refused"), size);
      return could_not_read (path, error);
    }
  if (!g_str_equal (path, "-"))
    fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  /* read at most one byte past the limit: the file may be growing, or a pipe */
  buf = g_malloc (GRADLENS_PRESET_MAX_BYTES + 2);
  while (n_read < GRADLENS_PRESET_MAX_BYTES + 1)
    {
      ssize_t n = read (fd, buf + n_read, GRADLENS_PRESET_MAX_BYTES + 1 - n_read);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          return read_error (path, saved_errno, error);
        }
      if (n == 0)
        break;
      n_read += (gsize) n;
    }
  close (fd);
  buf[n_read] = '\0';
  return gradlens_preset_load_data (buf, (gssize) n_read, path, error);
}

/* ---- saving ----------------------------------------------------------- */

/* a run as a preset holds it: label, colour, network, init, data, dtype */
static void
build_run (JsonBuilder             *b,
           const GradlensRunConfig *run)
{
  g_autoptr(JsonBuilder) rb = json_builder_new ();
  g_autoptr(JsonNode) config = NULL;
  JsonObject *obj;

  gradlens_run_config_build_json (run, rb);
  config = json_builder_get_root (rb);
  obj = json_node_get_object (config);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, run->label ? run->label : "");
  if (run->color != NULL)
    {
      json_builder_set_member_name (b, "color");
      json_builder_add_string_value (b, run->color);
    }
  /* a hidden run only: shown is the default */
  if (run->hidden)
    {
      json_builder_set_member_name (b, "visible");
      json_builder_add_boolean_value (b, FALSE);
    }
  for (const char * const *k = (const char * const[]) { "network", "init", "data", "dtype", NULL }; *k; k++)
    {
      json_builder_set_member_name (b, *k);
      json_builder_add_value (b, json_node_copy (json_object_get_member (obj, *k)));
    }
  json_builder_end_object (b);
}

JsonNode *
gradlens_preset_to_node (const GradlensPreset *preset)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "gradlens-preset");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, preset->title ? preset->title : "");
  if (preset->description != NULL && *preset->description != '\0')
    {
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, preset->description);
    }
  json_builder_set_member_name (b, "plot");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "y_scale");
  json_builder_add_string_value (b, gradlens_y_scale_name (preset->plot.y_scale));
  json_builder_set_member_name (b, "x_axis");
  json_builder_add_string_value (b, gradlens_x_axis_name (preset->plot.x_axis));
  json_builder_set_member_name (b, "theme");
  json_builder_add_string_value (b, gradlens_theme_name (preset->plot.theme));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, preset->plot.title ? preset->plot.title : "");
  json_builder_set_member_name (b, "x_title");
  json_builder_add_string_value (b, preset->plot.x_title ? preset->plot.x_title : "");
  json_builder_set_member_name (b, "y_title");
  json_builder_add_string_value (b, preset->plot.y_title ? preset->plot.y_title : "");
  json_builder_end_object (b);

  json_builder_set_member_name (b, "runs");
  json_builder_begin_array (b);
  for (guint i = 0; i < preset->runs->len; i++)
    build_run (b, g_ptr_array_index (preset->runs, i));
  json_builder_end_array (b);
  if (preset->has_train)
    {
      json_builder_set_member_name (b, "train");
      gradlens_train_settings_build_json (&preset->train, b);
    }
  if (preset->controls != NULL)
    {
      json_builder_set_member_name (b, "controls");
      build_run (b, preset->controls);
    }
  if (preset->accept_long_work)
    {
      json_builder_set_member_name (b, "accept_long_work");
      json_builder_add_boolean_value (b, TRUE);
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

char *
gradlens_preset_to_data (const GradlensPreset *preset)
{
  g_autoptr(JsonNode) root = gradlens_preset_to_node (preset);

  return gradlens_json_to_text (root, 2);
}

gboolean
gradlens_preset_save (const GradlensPreset  *preset,
                      const char            *path,
                      GError               **error)
{
  g_autofree char *data = gradlens_preset_to_data (preset);
  g_autoptr(GError) local = NULL;

  if (!gradlens_write_file_atomic (path, data, &local))
    {
      g_set_error (error, local->domain, local->code, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}
