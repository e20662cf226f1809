/* gradlens-draft.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

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
  gboolean         written;    /* the file is there */
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

static void
remove_file (GradlensDraft *self)
{
  g_clear_handle_id (&self->write_id, g_source_remove);
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

/**
 * gradlens_draft_write_now:
 * @self: a draft
 *
 * Writes the session's draft at once (atomically), when it is modified.
 */
void
gradlens_draft_write_now (GradlensDraft *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GRADLENS_IS_DRAFT (self));

  g_clear_handle_id (&self->write_id, g_source_remove);
  if (self->discarded || !worth_keeping (self))
    return;
  folder = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_debug ("could not make the drafts folder %s: %s", folder, g_strerror (errno));
      return;
    }
  text = gradlens_session_dup_draft (self->session);
  if (!g_file_set_contents_full (self->path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      /* a draft is a safety net: the experiment on screen is unharmed */
      g_debug ("could not write the draft: %s", error->message);
      return;
    }
  self->written = TRUE;
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
