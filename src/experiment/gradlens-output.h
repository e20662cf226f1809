/* gradlens-output.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a command's output goes: one path for every command and the app.
 *
 * - NULL or "-" (and "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"):
 *   standard output, written with write(2); every write and the final
 *   close are checked.
 * - A symbolic link is followed to its target (which need not exist).
 * - A regular file, or a name that does not exist yet, is replaced
 *   atomically: the text goes to an unnamed temporary file in the same
 *   folder (a named `.NAME.XXXXXX` one where the file system has no
 *   O_TMPFILE), synced, then renamed over the target, which keeps its
 *   permissions (and, as root, its owner). A new file gets 0666 minus the
 *   umask.
 * - Anything else (a device, a FIFO) is written directly, never replaced;
 *   a FIFO with no reader is an error, not a hang.
 *
 * Opening checks the location (the folder exists and is writable, the
 * target is not a folder), so a command can open its output before it
 * computes anything. */
typedef struct _GradlensOutput GradlensOutput;

GradlensOutput *gradlens_output_open      (const char      *path,
                                           GError         **error);
gboolean        gradlens_output_write     (GradlensOutput  *output,
                                           const char      *data,
                                           gssize           length,
                                           GError         **error);
gboolean        gradlens_output_printf    (GradlensOutput  *output,
                                           GError         **error,
                                           const char      *format,
                                           ...) G_GNUC_PRINTF (3, 4);
/* Finishes the output: syncs and renames a replaced file into place, or
 * closes standard output or the device, checking for errors. The output
 * is freed either way. */
gboolean        gradlens_output_close     (GradlensOutput  *output,
                                           GError         **error);
/* Abandons an output that was not closed: the target keeps its old
 * contents and no temporary file is left. */
void            gradlens_output_free      (GradlensOutput  *output);
/* "standard output" or the path as given, for messages */
const char     *gradlens_output_get_name  (GradlensOutput  *output);
gboolean        gradlens_output_is_stdout (GradlensOutput  *output);

/* For programs (the CLI): on SIGINT, SIGTERM and SIGHUP remove the named
 * temporary files of outputs still open, then die of the signal. */
void            gradlens_output_cleanup_on_signals (void);

/* Writes a whole text to path through a GradlensOutput. */
gboolean        gradlens_output_write_file (const char     *path,
                                            const char     *contents,
                                            gssize          length,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GradlensOutput, gradlens_output_free)

G_END_DECLS
