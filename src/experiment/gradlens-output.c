/* gradlens-output.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* O_TMPFILE */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "gradlens-output.h"

typedef enum
{
  KIND_STDOUT,
  KIND_DIRECT,    /* a device or a FIFO, written in place */
  KIND_REPLACE,   /* a regular file (or a new one) replaced atomically */
} OutputKind;

struct _GradlensOutput
{
  OutputKind  kind;
  int         fd;
  char       *name;       /* as given, for messages */
  char       *target;     /* KIND_REPLACE: the file to replace, links followed */
  char       *tmp_path;   /* a named temporary file, or NULL with O_TMPFILE */
  int         slot;       /* the signal slot of tmp_path, or -1 */
  gboolean    anonymous;  /* fd is an O_TMPFILE */
  mode_t      mode;       /* KIND_REPLACE: the permissions to give */
  gboolean    keep_owner;
  uid_t       uid;
  gid_t       gid;
};

/* ---- temporary files removed on signals -------------------------------- */

#define N_SLOTS 8

static char                  slot_paths[N_SLOTS][PATH_MAX];
static volatile sig_atomic_t slot_used[N_SLOTS];
static gboolean              handlers_installed;

static void
on_signal (int sig)
{
  for (int i = 0; i < N_SLOTS; i++)
    if (slot_used[i])
      unlink (slot_paths[i]);
  signal (sig, SIG_DFL);
  raise (sig);
}

void
gradlens_output_cleanup_on_signals (void)
{
  static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
  struct sigaction sa;

  if (handlers_installed)
    return;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (sigs); i++)
    sigaddset (&sa.sa_mask, sigs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (sigs); i++)
    {
      struct sigaction old;

      /* a signal the caller's parent ignores (nohup) stays ignored */
      if (sigaction (sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        continue;
      sigaction (sigs[i], &sa, NULL);
    }
  handlers_installed = TRUE;
}

static G_LOCK_DEFINE (slots);

static int
slot_take (const char *path)
{
  int found = -1;

  if (strlen (path) >= PATH_MAX)
    return -1;
  G_LOCK (slots);
  for (int i = 0; i < N_SLOTS && found < 0; i++)
    if (!slot_used[i])
      {
        strcpy (slot_paths[i], path);
        /* the path is complete before a handler can see the slot */
        __atomic_thread_fence (__ATOMIC_SEQ_CST);
        slot_used[i] = 1;
        found = i;
      }
  G_UNLOCK (slots);
  return found;
}

static void
slot_release (int slot)
{
  if (slot < 0)
    return;
  G_LOCK (slots);
  slot_used[slot] = 0;
  __atomic_thread_fence (__ATOMIC_SEQ_CST);
  G_UNLOCK (slots);
}

/* ---- opening ------------------------------------------------------------ */

static gboolean
set_error_errno (GError     **error,
                 int          saved_errno,
                 const char  *name)
{
  /* Translators: the first %s is a file name, the second the system's reason */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("could not write %s: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
is_stdout_name (const char *path)
{
  return path == NULL || g_str_equal (path, "-") || g_str_equal (path, "/dev/stdout")
         || g_str_equal (path, "/dev/fd/1") || g_str_equal (path, "/proc/self/fd/1");
}

/* path with its symbolic links followed as far as they go (the last one may
 * point to a name that does not exist yet); NULL with errno on a loop */
static char *
follow_links (const char *path)
{
  g_autofree char *p = g_strdup (path);

  for (int hops = 0; hops < 40; hops++)
    {
      g_autofree char *link = NULL;
      g_autofree char *dir = NULL;

      link = g_file_read_link (p, NULL);
      if (link == NULL)
        return g_steal_pointer (&p);
      if (g_path_is_absolute (link))
        {
          g_free (p);
          p = g_steal_pointer (&link);
          continue;
        }
      dir = g_path_get_dirname (p);
      g_free (p);
      p = g_build_filename (dir, link, NULL);
    }
  errno = ELOOP;
  return NULL;
}

static gboolean
open_direct (GradlensOutput  *out,
             const char      *path,
             GError         **error)
{
  int flags;

  /* non-blocking: a FIFO with no reader fails (ENXIO) instead of hanging */
  out->fd = g_open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK, 0);
  if (out->fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENXIO)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       /* Translators: %s is a file name */
                       _("could not write %s: it is a named pipe (FIFO) with no reader"), out->name);
          return FALSE;
        }
      return set_error_errno (error, saved_errno, out->name);
    }
  flags = fcntl (out->fd, F_GETFL);
  if (flags >= 0)
    fcntl (out->fd, F_SETFL, flags & ~O_NONBLOCK);
  out->kind = KIND_DIRECT;
  return TRUE;
}

static mode_t
new_file_mode (void)
{
  static mode_t mask = (mode_t) -1;

  if (mask == (mode_t) -1)
    {
      /* umask can only be read by setting it; done once, early */
      mask = umask (022);
      umask (mask);
    }
  return 0666 & ~mask;
}

static gboolean
open_replace (GradlensOutput  *out,
              const char      *target,
              const GStatBuf  *existing,
              GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *tmp_name = NULL;

  out->kind = KIND_REPLACE;
  out->target = g_strdup (target);
  if (existing != NULL)
    {
      out->mode = existing->st_mode & 07777;
      out->keep_owner = geteuid () == 0;
      out->uid = existing->st_uid;
      out->gid = existing->st_gid;
    }
  else
    out->mode = new_file_mode ();

#ifdef O_TMPFILE
  /* unnamed until it is complete: nothing is left behind, even after
   * SIGKILL or a power cut */
  out->fd = g_open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (out->fd >= 0)
    {
      out->anonymous = TRUE;
      return TRUE;
    }
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
    return set_error_errno (error, errno, out->name);
#endif

  tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  out->tmp_path = g_build_filename (dir, tmp_name, NULL);
  out->fd = g_mkstemp_full (out->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (out->fd < 0)
    {
      g_clear_pointer (&out->tmp_path, g_free);
      return set_error_errno (error, errno, out->name);
    }
  out->slot = slot_take (out->tmp_path);
  return TRUE;
}

GradlensOutput *
gradlens_output_open (const char  *path,
                      GError     **error)
{
  g_autoptr(GradlensOutput) out = g_new0 (GradlensOutput, 1);
  g_autofree char *target = NULL;
  GStatBuf st;

  out->fd = -1;
  out->slot = -1;
  if (is_stdout_name (path))
    {
      out->kind = KIND_STDOUT;
      out->fd = STDOUT_FILENO;
      out->name = g_strdup (_("standard output"));
      return g_steal_pointer (&out);
    }
  out->name = g_strdup (path);
  if (path[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("could not write “”: an empty file name"));
      return NULL;
    }

  target = follow_links (path);
  if (target == NULL)
    {
      set_error_errno (error, errno, path);
      return NULL;
    }
  if (g_stat (target, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          set_error_errno (error, EISDIR, path);
          return NULL;
        }
      if (!S_ISREG (st.st_mode))
        return open_direct (out, path, error) ? g_steal_pointer (&out) : NULL;
      if (!open_replace (out, target, &st, error))
        return NULL;
      return g_steal_pointer (&out);
    }
  if (errno != ENOENT)
    {
      set_error_errno (error, errno, path);
      return NULL;
    }
  /* a magic link (/proc/self/fd/N to a pipe) reads as no file at all */
  if (g_stat (path, &st) == 0)
    return open_direct (out, path, error) ? g_steal_pointer (&out) : NULL;
  if (!open_replace (out, target, NULL, error))
    return NULL;
  return g_steal_pointer (&out);
}

const char *
gradlens_output_get_name (GradlensOutput *out)
{
  return out->name;
}

gboolean
gradlens_output_is_stdout (GradlensOutput *out)
{
  return out->kind == KIND_STDOUT;
}

/* ---- writing ------------------------------------------------------------ */

static gboolean
write_error (GradlensOutput  *out,
             int              saved_errno,
             GError         **error)
{
  if (out->kind == KIND_STDOUT)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("could not write to standard output: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  return set_error_errno (error, saved_errno, out->name);
}

gboolean
gradlens_output_write (GradlensOutput  *out,
                       const char      *data,
                       gssize           length,
                       GError         **error)
{
  gsize left = length < 0 ? strlen (data) : (gsize) length;

  g_return_val_if_fail (out != NULL, FALSE);

  /* nothing else may be waiting in stdio's buffer ahead of this */
  if (out->kind == KIND_STDOUT && fflush (stdout) != 0)
    return write_error (out, errno, error);
  while (left > 0)
    {
      ssize_t n = write (out->fd, data, MIN (left, (gsize) 1 << 30));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return write_error (out, errno, error);
        }
      if (n == 0)
        return write_error (out, ENOSPC, error);
      data += n;
      left -= (gsize) n;
    }
  return TRUE;
}

gboolean
gradlens_output_printf (GradlensOutput  *out,
                        GError         **error,
                        const char      *format,
                        ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return gradlens_output_write (out, text, -1, error);
}

/* links the finished anonymous file under a temporary name next to the
 * target, so that it can be renamed over it */
static gboolean
link_anonymous (GradlensOutput  *out,
                GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (out->target);
  g_autofree char *base = g_path_get_basename (out->target);
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", out->fd);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%06x", base, g_random_int () & 0xffffff);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int slot = slot_take (path);

      if (linkat (AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
        {
          out->tmp_path = g_steal_pointer (&path);
          out->slot = slot;
          return TRUE;
        }
      slot_release (slot);
      if (errno != EEXIST)
        return set_error_errno (error, errno, out->name);
    }
  return set_error_errno (error, EEXIST, out->name);
}

static gboolean
finish_replace (GradlensOutput  *out,
                GError         **error)
{
  if (out->keep_owner && fchown (out->fd, out->uid, out->gid) != 0)
    { /* a file system without owners: keep what it gives */ }
  if (fchmod (out->fd, out->mode) != 0)
    return set_error_errno (error, errno, out->name);
  if (fsync (out->fd) != 0)
    return set_error_errno (error, errno, out->name);
  if (out->anonymous && !link_anonymous (out, error))
    return FALSE;
  if (close (out->fd) != 0)
    {
      out->fd = -1;
      return set_error_errno (error, errno, out->name);
    }
  out->fd = -1;
  if (g_rename (out->tmp_path, out->target) != 0)
    return set_error_errno (error, errno, out->name);
  slot_release (out->slot);
  out->slot = -1;
  g_clear_pointer (&out->tmp_path, g_free);
  return TRUE;
}

gboolean
gradlens_output_close (GradlensOutput  *out,
                       GError         **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (out != NULL, FALSE);

  switch (out->kind)
    {
    case KIND_STDOUT:
      if (fflush (stdout) != 0)
        ok = write_error (out, errno, error);
      /* closing reports what a file system (NFS) or a device defers */
      if (close (STDOUT_FILENO) != 0 && ok && errno != EINTR)
        ok = write_error (out, errno, error);
      out->fd = -1;
      break;
    case KIND_DIRECT:
      if (close (out->fd) != 0 && errno != EINTR)
        ok = set_error_errno (error, errno, out->name);
      out->fd = -1;
      break;
    case KIND_REPLACE:
    default:
      ok = finish_replace (out, error);
      break;
    }
  gradlens_output_free (out);
  return ok;
}

void
gradlens_output_free (GradlensOutput *out)
{
  if (out == NULL)
    return;
  if (out->fd >= 0 && out->kind != KIND_STDOUT)
    close (out->fd);
  if (out->tmp_path != NULL)
    g_unlink (out->tmp_path);
  slot_release (out->slot);
  g_free (out->tmp_path);
  g_free (out->target);
  g_free (out->name);
  g_free (out);
}

gboolean
gradlens_output_write_file (const char  *path,
                            const char  *contents,
                            gssize       length,
                            GError     **error)
{
  GradlensOutput *out = gradlens_output_open (path, error);

  if (out == NULL)
    return FALSE;
  if (!gradlens_output_write (out, contents, length, error))
    {
      gradlens_output_free (out);
      return FALSE;
    }
  return gradlens_output_close (out, error);
}
