/* test-fuzz-corpus.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Replays tests/fuzz/corpus through the fuzz target (its checks abort on a
 * broken invariant) in every normal build, and checks what the file names
 * promise: ok-* load, bad-* are refused. */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "gradlens-preset.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

static void
test_corpus (void)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_ok = 0, n_bad = 0, n_other = 0;

  dir = g_dir_open (CORPUS_DIR, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (CORPUS_DIR, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GradlensPreset) preset = NULL;
      g_autoptr(GError) load_error = NULL;
      gsize size = 0;

      g_assert_true (g_file_get_contents (path, &data, &size, NULL));
      g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) data, size), ==, 0);

      preset = gradlens_preset_load_data (data, (gssize) size, name, &load_error);
      if (g_str_has_prefix (name, "ok-"))
        {
          if (preset == NULL)
            g_error ("%s should load: %s", name, load_error->message);
          n_ok++;
        }
      else if (g_str_has_prefix (name, "bad-"))
        {
          if (preset != NULL)
            g_error ("%s should be refused", name);
          g_test_message ("%s", load_error->message);
          n_bad++;
        }
      else
        n_other++;
    }
  g_test_message ("%u ok, %u bad, %u other", n_ok, n_bad, n_other);
  g_assert_cmpuint (n_ok, >=, 5);
  g_assert_cmpuint (n_bad, >=, 20);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  LLVMFuzzerInitialize (&argc, &argv);
  g_test_add_func ("/gradlens/fuzz/corpus", test_corpus);
  return g_test_run ();
}
