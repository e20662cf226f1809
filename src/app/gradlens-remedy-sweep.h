/* gradlens-remedy-sweep.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-window.h"

G_BEGIN_DECLS

/* The Depth Sweep page's "Sweep with Remedies": the controls' network plain,
 * with residual connections, with batch norm and with layer norm
 * (gradlens_remedies_variants()), each its own sweep over the controls'
 * depths, all in one job of the session (progress, Stop). Invalid controls
 * are marked as for a sweep, with a toast.
 * Returns: %TRUE if the computation started */
gboolean gradlens_window_sweep_remedies (GradlensWindow *window);

G_END_DECLS
