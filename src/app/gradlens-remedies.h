/* gradlens-remedies.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gradlens-config.h"

G_BEGIN_DECLS

/* The remedies of issue 13 (residual connections and normalisation) in the
 * app, through the experiment library's field and choice tables only. */

/* a true/false field (network.residual) and the switch that shows it */
void       gradlens_remedies_read_switch       (const GradlensField     *field,
                                                GtkSwitch               *sw,
                                                GradlensRunConfig       *config);
void       gradlens_remedies_show_switch       (const GradlensField     *field,
                                                GtkSwitch               *sw,
                                                const GradlensRunConfig *config);
/* the normalisation row's subtitle: what the chosen normalisation does */
void       gradlens_remedies_describe_norm_row (AdwComboRow             *row,
                                                const GradlensRunConfig *config);
/* "residual, batch norm": the remedies config has switched on, translated;
 * NULL when none */
char      *gradlens_remedies_describe          (const GradlensRunConfig *config);

/* config's network plain, with residual connections, with batch norm and
 * with layer norm, each labelled ("sigmoid + batch norm"; config's label as
 * the base when it has one): the series of a sweep with and without each
 * remedy. Returns: (transfer full): a GPtrArray of GradlensRunConfig */
GPtrArray *gradlens_remedies_variants          (const GradlensRunConfig *config);

/* the guide's live numbers on the remedies from the runs on screen (of
 * GradlensRunItem); NULL without a plain sigmoid run and one with a remedy */
char      *gradlens_remedies_live_sentence     (GListModel              *runs);

/* the Backward Signal view: why the visible runs with remedies (of
 * GradlensRunItem) have no prediction; NULL when every visible run is plain */
char      *gradlens_remedies_backward_note     (GListModel              *runs);

G_END_DECLS
