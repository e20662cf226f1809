/* gradlens-draft.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-session.h"

G_BEGIN_DECLS

#define GRADLENS_TYPE_DRAFT (gradlens_draft_get_type ())

G_DECLARE_FINAL_TYPE (GradlensDraft, gradlens_draft, GRADLENS, DRAFT, GObject)

/* A window's unsaved work on disk: while its session is modified, the
 * session's draft (gradlens_session_dup_draft) is written to a file of its
 * own in the drafts folder, a moment after each change; saved, reloaded,
 * emptied of runs or discarded, the file goes. After a crash the application finds the files
 * of processes that are gone and recovers them. */
GradlensDraft *gradlens_draft_new            (GradlensSession *session);
const char    *gradlens_draft_get_path       (GradlensDraft   *self);
void           gradlens_draft_adopt          (GradlensDraft   *self,
                                              const char      *path);
void           gradlens_draft_write_now      (GradlensDraft   *self);
gboolean       gradlens_draft_get_pending    (GradlensDraft   *self);
void           gradlens_draft_discard        (GradlensDraft   *self);

char          *gradlens_drafts_folder        (void);
GPtrArray     *gradlens_drafts_claim_orphans (void);

G_END_DECLS
