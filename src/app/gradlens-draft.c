/* gradlens-draft.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "gradlens-draft.h"

/* How long after a change the draft is written: changes come in bursts
 * (a run's results, a rename typed), and a draft is a small file */
#define WRITE_DELAY_MS 300

struct _GradlensDraft
{
  GObject          parent_instance;

  /* Owned */
  GradlensSession *session;
  char            *path;       /* DRAFTS/PID-UUID.json */
  guint            write_id;   /* the write to come */
  gboolean         writing;    /* a write is under way in a worker thread */
  GApplication    *app;        /* held while writing */
  gboolean         again;      /* changed while writing: write again after it */
  gboolean         written;    /* the file is there */
  char            *written_text;  /* what the last write wrote */
  gboolean         discarded;  /* the window goes: nothing more is written */
};

G_DEFINE_FINAL_TYPE (GradlensDraft, gradlens_draft, G_TYPE_OBJECT)

/**
 * gradlens_drafts_folder:
 *
 * Returns: (transfer full): where drafts are kept: the user's state folder
 *   ($XDG_STATE_HOME/gradlens/drafts)
 */
char *
gradlens_drafts_folder (void)
{
  return g_build_filename (g_get_user_state_dir (), "gradlens", "drafts", NULL);
}

/* a draft's name: the process that writes it, and a name of its own */
static char *
new_draft_path (void)
{
  g_autofree char *folder = gradlens_drafts_folder ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strdup_printf ("%ld-%s.json", (long) getpid (), uuid);

  return g_build_filename (folder, name, NULL);
}

/* the draft's file goes (a write under way removes what it leaves when it
 * is done: write_done_cb) */
static void
remove_file (GradlensDraft *self)
{
  g_clear_handle_id (&self->write_id, g_source_remove);
  self->again = FALSE;
  if (self->written && g_unlink (self->path) != 0 && errno != ENOENT)
    g_debug ("could not remove the draft %s: %s", self->path, g_strerror (errno));
  self->written = FALSE;
}

/* what a draft would hold: an experiment of at least one run (a preset
 * has one to 256), changed since it was saved */
static gboolean
worth_keeping (GradlensDraft *self)
{
  return gradlens_session_get_modified (self->session)
         && g_list_model_get_n_items (gradlens_session_get_runs (self->session)) > 0;
}

typedef struct
{
  char *path;
  char *text;
} DraftWrite;

static void
draft_write_free (gpointer data)
{
  DraftWrite *w = data;

  g_free (w->path);
  g_free (w->text);
  g_free (w);
}

/* a worker thread: the folder and the file, atomically; GLib may fsync
 * (a draft written over), which must never hold up the main loop */
static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DraftWrite *w = task_data;
  g_autofree char *folder = g_path_get_dirname (w->path);
  GError *error = NULL;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", folder,
                               g_strerror (saved_errno));
      return;
    }
  if (!g_file_set_contents_full (w->path, w->text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GradlensDraft *self = GRADLENS_DRAFT (object);
  DraftWrite *w = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  if (self->app != NULL)
    {
      g_application_release (self->app);
      g_clear_object (&self->app);
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* a draft is a safety net: the experiment on screen is unharmed */
      g_debug ("could not write the draft: %s", error->message);
      g_clear_pointer (&self->written_text, g_free);
    }
  else if (!g_str_equal (w->path, self->path))
    g_unlink (w->path);   /* the draft moved meanwhile (gradlens_draft_adopt) */
  else
    self->written = TRUE;
  /* what happened meanwhile: saved or discarded (the file this write left
   * goes), or changed again (written again) */
  if (self->discarded || !worth_keeping (self))
    remove_file (self);
  else if (self->again)
    gradlens_draft_write_now (self);
}

/**
 * gradlens_draft_write_now:
 * @self: a draft
 *
 * Starts writing the session's draft (atomically, in a worker thread),
 * when it is worth keeping; a change while a write is under way is
 * written after it. gradlens_draft_get_pending() tells when it is done.
 */
void
gradlens_draft_write_now (GradlensDraft *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = NULL;
  DraftWrite *w;

  g_return_if_fail (GRADLENS_IS_DRAFT (self));

  g_clear_handle_id (&self->write_id, g_source_remove);
  self->again = FALSE;
  if (self->discarded || !worth_keeping (self))
    return;
  if (self->writing)
    {
      self->again = TRUE;
      return;
    }
  text = gradlens_session_dup_draft (self->session);
  /* the same draft is there already (a sweep's or a training's progress
   * changes nothing a draft holds) */
  if (self->written && g_strcmp0 (text, self->written_text) == 0)
    return;
  g_free (self->written_text);
  self->written_text = g_strdup (text);
  w = g_new0 (DraftWrite, 1);
  w->path = g_strdup (self->path);
  w->text = g_steal_pointer (&text);
  task = g_task_new (self, NULL, write_done_cb, NULL);
  g_task_set_source_tag (task, gradlens_draft_write_now);
  g_task_set_task_data (task, w, draft_write_free);
  self->writing = TRUE;
  /* the application does not end before the write: a draft discarded
   * meanwhile is then removed, not left to be recovered */
  if (g_application_get_default () != NULL)
    {
      self->app = g_object_ref (g_application_get_default ());
      g_application_hold (self->app);
    }
  g_task_run_in_thread (task, write_worker);
}

/**
 * gradlens_draft_get_pending:
 * @self: a draft
 *
 * Returns: whether a write is to come or under way
 */
gboolean
gradlens_draft_get_pending (GradlensDraft *self)
{
  g_return_val_if_fail (GRADLENS_IS_DRAFT (self), FALSE);

  return self->write_id != 0 || self->writing || self->again;
}

static gboolean
write_cb (gpointer data)
{
  GradlensDraft *self = data;

  self->write_id = 0;
  gradlens_draft_write_now (self);
  return G_SOURCE_REMOVE;
}

/* the experiment changed: modified, its draft is written a moment later;
 * saved, reloaded or emptied, the draft goes */
static void
session_changed_cb (GradlensDraft *self)
{
  if (self->discarded)
    return;
  if (!worth_keeping (self))
    {
      remove_file (self);
      return;
    }
  if (self->write_id == 0)
    self->write_id = g_timeout_add (WRITE_DELAY_MS, write_cb, self);
}

/**
 * gradlens_draft_new:
 * @session: the window's session
 *
 * Returns: (transfer full): the draft of @session, written while it is
 *   modified
 */
GradlensDraft *
gradlens_draft_new (GradlensSession *session)
{
  GradlensDraft *self;

  g_return_val_if_fail (GRADLENS_IS_SESSION (session), NULL);

  self = g_object_new (GRADLENS_TYPE_DRAFT, NULL);
  self->session = g_object_ref (session);
  self->path = new_draft_path ();
  g_signal_connect_object (session, "notify::modified", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * gradlens_draft_get_path:
 * @self: a draft
 *
 * Returns: where the draft is written
 */
const char *
gradlens_draft_get_path (GradlensDraft *self)
{
  g_return_val_if_fail (GRADLENS_IS_DRAFT (self), NULL);

  return self->path;
}

/**
 * gradlens_draft_adopt:
 * @self: a draft
 * @path: a draft file recovered into the session (gradlens_drafts_claim_orphans())
 *
 * Makes @path the draft's file: it stays until the experiment is saved or
 * discarded, and is written over as the experiment changes.
 */
void
gradlens_draft_adopt (GradlensDraft *self,
                      const char    *path)
{
  g_return_if_fail (GRADLENS_IS_DRAFT (self));
  g_return_if_fail (path != NULL);

  remove_file (self);
  g_free (self->path);
  self->path = g_strdup (path);
  self->written = g_file_test (path, G_FILE_TEST_IS_REGULAR);
  session_changed_cb (self);
}

/**
 * gradlens_draft_discard:
 * @self: a draft
 *
 * The user answered (the window closes, its changes saved or discarded):
 * the draft's file goes and nothing more is written.
 */
void
gradlens_draft_discard (GradlensDraft *self)
{
  g_return_if_fail (GRADLENS_IS_DRAFT (self));

  remove_file (self);
  self->discarded = TRUE;
}

/* whether the process that wrote a draft still runs (then the draft is its) */
static gboolean
process_alive (long pid)
{
  if (pid <= 0 || pid == (long) getpid ())
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * gradlens_drafts_claim_orphans:
 *
 * The drafts left by processes that are gone (a crash, a killed session),
 * each renamed as this process's so that no other instance recovers it
 * too. Call once, before any window writes its own draft.
 *
 * Returns: (transfer full) (element-type filename): their paths, by name
 */
GPtrArray *
gradlens_drafts_claim_orphans (void)
{
  g_autofree char *folder = gradlens_drafts_folder ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *claimed = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return claimed;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *old_path = NULL;
      char *new_path;
      char *end = NULL;
      long pid = strtol (name, &end, 10);

      if (end == name || *end != '-' || !g_str_has_suffix (name, ".json") || process_alive (pid))
        continue;
      old_path = g_build_filename (folder, name, NULL);
      new_path = new_draft_path ();
      if (g_rename (old_path, new_path) != 0)
        {
          g_free (new_path);
          continue;
        }
      g_ptr_array_add (claimed, new_path);
    }
  g_ptr_array_sort (claimed, compare_strings);
  return claimed;
}

/* ---- GObject ---------------------------------------------------------- */

static void
gradlens_draft_dispose (GObject *object)
{
  GradlensDraft *self = GRADLENS_DRAFT (object);

  g_clear_handle_id (&self->write_id, g_source_remove);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (gradlens_draft_parent_class)->dispose (object);
}

static void
gradlens_draft_finalize (GObject *object)
{
  GradlensDraft *self = GRADLENS_DRAFT (object);

  g_free (self->path);
  g_free (self->written_text);

  G_OBJECT_CLASS (gradlens_draft_parent_class)->finalize (object);
}

static void
gradlens_draft_class_init (GradlensDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gradlens_draft_dispose;
  object_class->finalize = gradlens_draft_finalize;
}

static void
gradlens_draft_init (GradlensDraft *self)
{
}
