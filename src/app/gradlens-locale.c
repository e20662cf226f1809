/* gradlens-locale.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "gradlens-locale.h"

void
gradlens_locale_init (const char *locale)
{
  const char *localedir = g_getenv ("GRADLENS_LOCALEDIR");

  /* C.UTF-8 may be missing on old systems; fall back to C rather than to
   * whatever the environment says, so tests stay deterministic */
  if (setlocale (LC_ALL, locale != NULL ? locale : "") == NULL && locale != NULL)
    setlocale (LC_ALL, "C");
  /* `meson devenv` (and so ./run.sh) points GRADLENS_LOCALEDIR at the
   * catalogues compiled in the build tree, which are not installed yet */
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
