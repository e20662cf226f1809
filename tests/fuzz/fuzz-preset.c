/* fuzz-preset.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* libFuzzer target for the preset loader: any input either loads or fails
 * with a GRADLENS_ERROR naming the file in valid UTF-8; a preset that loads
 * saves to text that loads to the same preset and saves to the same text.
 * Also linked into test-fuzz-corpus, which replays tests/fuzz/corpus. */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradlens-error.h"
#include "gradlens-preset.h"
#include "preset-compare.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

static void G_GNUC_NORETURN
broken (const char *what,
        const char *detail)
{
  fprintf (stderr, "fuzz-preset: %s: %s\n", what, detail ? detail : "");
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* a g_warning or g_critical on any input is a bug too */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GradlensPreset) preset = NULL;
  g_autoptr(GradlensPreset) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *diff = NULL;

  preset = gradlens_preset_load_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  if (preset == NULL)
    {
      if (error == NULL)
        broken ("no preset and no error", NULL);
      if (error->domain != GRADLENS_ERROR)
        broken ("an error outside GRADLENS_ERROR", error->message);
      if (!g_utf8_validate (error->message, -1, NULL))
        broken ("an error message that is not UTF-8", NULL);
      if (!g_str_has_prefix (error->message, "Could not read “fuzz.json”: "))
        broken ("an error message that does not name the file", error->message);
      return 0;
    }
  if (error != NULL)
    broken ("a preset and an error", error->message);
  if (preset->runs->len < 1 || preset->runs->len > GRADLENS_PRESET_MAX_RUNS)
    broken ("a preset with a wrong number of runs", NULL);
  for (guint i = 0; i < preset->runs->len; i++)
    {
      const GradlensRunConfig *run = g_ptr_array_index (preset->runs, i);

      if (!gradlens_run_config_validate (run, GRADLENS_NAMING_PRESET, 0, &error))
        broken ("a loaded run that does not validate", error->message);
      if (!g_utf8_validate (run->label, -1, NULL))
        broken ("a label that is not UTF-8", NULL);
    }

  text = gradlens_preset_to_data (preset);
  again = gradlens_preset_load_data (text, -1, "round-trip.json", &error);
  if (again == NULL)
    {
      fprintf (stderr, "%s\n", text);
      broken ("a loaded preset saves to text that does not load", error->message);
    }
  diff = preset_compare (preset, again);
  if (diff != NULL)
    broken ("a round trip changes the preset", diff);
  text2 = gradlens_preset_to_data (again);
  if (strcmp (text, text2) != 0)
    broken ("saving twice gives two texts", NULL);
  return 0;
}
