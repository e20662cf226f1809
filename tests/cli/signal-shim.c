/* signal-shim.c - LD_PRELOAD'ed by test-hostile.sh: kills the process with
 * a signal at the worst moment for its temporary files, so that the test
 * can check what is left behind without depending on timing.
 * GRADLENS_SHIM_RENAME=TERM raises SIGTERM as rename(2) is called (the new
 * file is complete and named); GRADLENS_SHIM_FSYNC=KILL raises SIGKILL as
 * fsync(2) is called (the new file is written, not yet in place).
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
signal_for (const char *var)
{
  const char *v = getenv (var);

  if (v == NULL)
    return 0;
  if (strcmp (v, "TERM") == 0)
    return SIGTERM;
  if (strcmp (v, "INT") == 0)
    return SIGINT;
  if (strcmp (v, "KILL") == 0)
    return SIGKILL;
  return 0;
}

int
rename (const char *from,
        const char *to)
{
  int (*real) (const char *, const char *) = (int (*) (const char *, const char *)) dlsym (RTLD_NEXT, "rename");
  int sig = signal_for ("GRADLENS_SHIM_RENAME");

  if (sig != 0)
    raise (sig);
  return real (from, to);
}

int
fsync (int fd)
{
  int (*real) (int) = (int (*) (int)) dlsym (RTLD_NEXT, "fsync");
  int sig = signal_for ("GRADLENS_SHIM_FSYNC");

  if (sig != 0)
    raise (sig);
  return real (fd);
}
