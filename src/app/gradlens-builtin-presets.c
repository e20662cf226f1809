/* gradlens-builtin-presets.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gradlens-builtin-presets.h"
#include "gradlens-preset.h"

#define PRESETS_PATH "/io/github/gradlens/Gradlens/presets/"

/* "notebook.json" before "notebook-1-sigmoid.json": by name without ".json" */
static int
compare_names (const void *a,
               const void *b)
{
  const char *x = *(char * const *) a;
  const char *y = *(char * const *) b;
  gsize nx = g_str_has_suffix (x, ".json") ? strlen (x) - 5 : strlen (x);
  gsize ny = g_str_has_suffix (y, ".json") ? strlen (y) - 5 : strlen (y);
  int c = strncmp (x, y, MIN (nx, ny));

  return c != 0 ? c : (nx > ny) - (nx < ny);
}

/* The "Built-in Experiments" menu: every preset in the resource, by file
 * name (notebook.json first), titled as the preset says. */
void
gradlens_builtin_presets_fill_menu (GMenu *menu)
{
  g_auto(GStrv) names = g_resources_enumerate_children (PRESETS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  guint n;

  g_return_if_fail (G_IS_MENU (menu));

  if (names == NULL)
    return;
  n = g_strv_length (names);
  qsort (names, n, sizeof (char *), compare_names);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strconcat (PRESETS_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GradlensPreset) preset = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (bytes == NULL)
        continue;
      preset = gradlens_preset_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), names[i], NULL);
      if (preset == NULL)
        continue;
      item = g_menu_item_new (preset->title != NULL && preset->title[0] ? preset->title : names[i], NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-builtin", g_variant_new_string (path));
      g_menu_append_item (menu, item);
    }
}
