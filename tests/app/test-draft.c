/* test-draft.c: unsaved work on disk (GradlensDraft) and its recovery
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "gradlens-draft.h"

#define PRESETS_PATH "/io/github/gradlens/Gradlens/presets/"

/* no write to come or under way (drafts are written in a worker thread) */
static gboolean
settled (gpointer data)
{
  return !gradlens_draft_get_pending (data);
}

/* the draft on disk, read back as the next start would */
static GradlensPreset *
read_draft (const char  *path,
            char       **title,
            GFile      **file)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  GradlensPreset *preset;

  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  preset = gradlens_session_parse_draft (data, -1, "draft", title, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preset);
  return preset;
}

/* No draft while nothing is unsaved; a change writes one (a moment later),
 * saving removes it, the next change writes it again, removing every run
 * removes it, and the window going (its changes saved or discarded)
 * removes it */
static void
test_written_and_removed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gradlens-test-XXXXXX", NULL);
  g_autofree char *saved_path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  GradlensWindow *window = new_window ();
  GradlensSession *session = gradlens_window_get_session (window);
  g_autofree char *path = g_strdup (gradlens_draft_get_path (gradlens_window_get_draft (window)));
  g_autofree char *folder = gradlens_drafts_folder ();

  g_assert_true (g_str_has_prefix (path, folder));
  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  spin_for (500);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* a fifth run: unsaved, on disk */
  g_assert_true (gradlens_window_run (window));
  wait_for (not_running, window, 30000, "the fifth run");
  g_assert_true (gradlens_session_get_modified (session));
  wait_for (settled, gradlens_window_get_draft (window), 10000, "the draft to be written");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *title = NULL;
    g_autoptr(GFile) file = NULL;
    g_autoptr(GradlensPreset) preset = read_draft (path, &title, &file);

    g_assert_cmpuint (preset->runs->len, ==, 5);
    g_assert_cmpstr (title, ==, "Vanishing gradients: sigmoid vs Leaky ReLU");
    g_assert_null (file);   /* a template: Save will ask for a name */
  }

  /* a change that leaves the draft as it was (a sweep's progress, say)
   * writes nothing: the file is the same one (an atomic write renames a
   * new one into place) */
  {
    GStatBuf before, after;

    g_assert_cmpint (g_stat (path, &before), ==, 0);
    g_signal_emit_by_name (session, "changed");
    wait_for (settled, gradlens_window_get_draft (window), 10000, "the change to be seen");
    g_assert_cmpint (g_stat (path, &after), ==, 0);
    g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  }

  /* saved: the draft goes */
  g_assert_true (gradlens_window_save_to (window, saved));
  g_assert_false (gradlens_session_get_modified (session));
  g_assert_false (gradlens_draft_get_pending (gradlens_window_get_draft (window)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* hidden: unsaved again, and the draft says which run and where it belongs */
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 0)), FALSE);
  wait_for (settled, gradlens_window_get_draft (window), 10000, "the draft to be written again");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *title = NULL;
    g_autoptr(GFile) file = NULL;
    g_autoptr(GradlensPreset) preset = read_draft (path, &title, &file);

    g_assert_true (((GradlensRunConfig *) g_ptr_array_index (preset->runs, 0))->hidden);
    g_assert_false (((GradlensRunConfig *) g_ptr_array_index (preset->runs, 1))->hidden);
    g_assert_true (g_file_equal (file, saved));
  }

  /* every run removed: nothing to recover (a preset has at least one run) */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-runs", NULL);
  g_assert_true (gradlens_session_get_modified (session));
  g_assert_false (gradlens_draft_get_pending (gradlens_window_get_draft (window)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* the Undo of the toast brings them back, and the draft */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove", NULL);
  g_assert_cmpuint (n_runs (window), ==, 5);
  wait_for (settled, gradlens_window_get_draft (window), 10000, "the draft after the undo");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* a change, and the window goes while its draft is being written: the
   * write ends, and what it left goes too */
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 0)), TRUE);
  gradlens_draft_write_now (gradlens_window_get_draft (window));
  g_assert_true (gradlens_draft_get_pending (gradlens_window_get_draft (window)));
  {
    g_autoptr(GradlensDraft) draft = g_object_ref (gradlens_window_get_draft (window));

    destroy_window (window);
    wait_for (settled, draft, 10000, "the write under way");
  }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_unlink (saved_path);
  g_rmdir (dir);
}

/* A draft left behind shows in a new window as it was: its runs (computed
 * again), the hidden one hidden, its file, still modified; the window keeps
 * writing to that draft, and saving removes it */
static void
test_recover (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gradlens-test-XXXXXX", NULL);
  g_autofree char *saved_path = g_build_filename (dir, "mine.json", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autofree char *draft_path = NULL;
  GradlensWindow *window = new_window ();
  GradlensWindow *recovered = NULL;
  GradlensSession *session;

  /* a draft as a crashed window leaves it */
  g_assert_true (gradlens_window_open_resource (window, PRESETS_PATH "notebook.json"));
  wait_for (not_running, window, 30000, "the notebook");
  g_assert_true (gradlens_window_save_to (window, saved));
  g_assert_true (gradlens_window_run (window));
  wait_for (not_running, window, 30000, "the fifth run");
  gradlens_series_set_label (GRADLENS_SERIES (run_at (window, 4)), "Mine, unsaved");
  gradlens_series_set_visible (GRADLENS_SERIES (run_at (window, 1)), FALSE);
  gradlens_draft_write_now (gradlens_window_get_draft (window));
  wait_for (settled, gradlens_window_get_draft (window), 10000, "the draft to be written");
  {
    g_autofree char *folder = g_path_get_dirname (gradlens_draft_get_path (gradlens_window_get_draft (window)));

    draft_path = g_build_filename (folder, "left-behind.json", NULL);
  }
  g_assert_cmpint (g_rename (gradlens_draft_get_path (gradlens_window_get_draft (window)), draft_path), ==, 0);

  recovered = new_window ();
  session = gradlens_window_get_session (recovered);
  g_assert_true (gradlens_window_recover_draft (recovered, draft_path));
  wait_for (not_running, recovered, 30000, "the recovered runs");
  g_assert_cmpuint (n_runs (recovered), ==, 5);
  g_assert_cmpstr (gradlens_series_get_label (GRADLENS_SERIES (run_at (recovered, 4))), ==, "Mine, unsaved");
  g_assert_false (gradlens_series_get_visible (GRADLENS_SERIES (run_at (recovered, 1))));
  g_assert_true (gradlens_series_get_visible (GRADLENS_SERIES (run_at (recovered, 0))));
  g_assert_true (g_file_equal (gradlens_session_get_file (session), saved));
  g_assert_true (gradlens_session_get_modified (session));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (recovered)), "• "));
  g_assert_cmpstr (gradlens_draft_get_path (gradlens_window_get_draft (recovered)), ==, draft_path);

  /* saved where it belongs: the draft goes, and the file has the five runs */
  g_assert_true (gradlens_window_save_to (recovered, gradlens_session_get_file (session)));
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GradlensPreset) preset = gradlens_preset_load_path (saved_path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (preset->runs->len, ==, 5);
  }

  destroy_window (recovered);
  destroy_window (window);
  g_unlink (saved_path);
  g_rmdir (dir);
}

/* a pid no process has: a child's, after it ended */
static long
dead_pid (void)
{
  pid_t child = fork ();

  if (child == 0)
    _exit (0);
  g_assert_cmpint (child, >, 0);
  g_assert_cmpint (waitpid (child, NULL, 0), ==, child);
  return (long) child;
}

/* Only drafts of processes that are gone are claimed (renamed as this
 * process's), never those of a running one; a draft that cannot be read is
 * kept aside (".broken") and said */
static void
test_orphans (void)
{
  g_autofree char *folder = gradlens_drafts_folder ();
  g_autofree char *dead = g_strdup_printf ("%s/%ld-a.json", folder, dead_pid ());
  g_autofree char *alive = g_strdup_printf ("%s/%ld-b.json", folder, (long) getppid ());
  g_autofree char *other = g_build_filename (folder, "notes.txt", NULL);
  g_autoptr(GPtrArray) claimed = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s/%ld-", folder, (long) getpid ());
  GradlensWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dead, "{ broken", -1, NULL));
  g_assert_true (g_file_set_contents (alive, "{}", -1, NULL));
  g_assert_true (g_file_set_contents (other, "", -1, NULL));

  claimed = gradlens_drafts_claim_orphans ();
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (claimed, 0), prefix));
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alive, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  /* the claimed one is broken: kept beside, the error shown */
  window = new_window ();
  g_assert_false (gradlens_window_recover_draft (window, g_ptr_array_index (claimed, 0)));
  {
    g_autofree char *broken = g_strconcat (g_ptr_array_index (claimed, 0), ".broken", NULL);

    g_assert_true (g_file_test (broken, G_FILE_TEST_IS_REGULAR));
    g_unlink (broken);
  }
  g_assert_nonnull (find_message_dialog ());
  gtk_window_destroy (find_message_dialog ());
  destroy_window (window);
  /* nothing is claimed twice */
  g_clear_pointer (&claimed, g_ptr_array_unref);
  claimed = gradlens_drafts_claim_orphans ();
  g_assert_cmpuint (claimed->len, ==, 0);
  g_unlink (alive);
  g_unlink (other);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/gradlens/draft/written-and-removed", test_written_and_removed);
  g_test_add_func ("/gradlens/draft/recover", test_recover);
  g_test_add_func ("/gradlens/draft/orphans", test_orphans);

  return g_test_run ();
}
