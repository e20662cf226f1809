/* gradlens-train-page-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-heatmap-view.h"
#include "gradlens-train-page.h"

G_BEGIN_DECLS

#define PLAY_INTERVAL_MS 40
#define PLAY_FRAMES      150   /* a whole training plays in about 6 s */

struct _GradlensTrainPage
{
  GradlensPage         parent_instance;

  /* Template widgets */
  GradlensHeatmapView *heatmap_view;
  GradlensPlotView    *plot_view;
  GtkWidget           *hint_label;
  GtkWidget           *train_button;
  GtkSpinButton       *steps_spin;
  GtkDropDown         *optimizer_dropdown;
  GtkDropDown         *show_dropdown;
  GtkSpinButton       *lr_spin;
  GtkSpinButton       *momentum_spin;
  GtkWidget           *momentum_label;
  GtkToggleButton     *play_button;
  GtkScale            *step_scale;
  GtkLabel            *step_label;
  GtkAdjustment       *step_adjustment;

  /* Owned */
  guint                play_id;
  guint                update_id;
  gboolean             showing_settings;   /* the controls follow the session */
  GradlensSession     *session;            /* the session followed */
  GListModel          *trainings;          /* its trainings */
  gboolean             disposed;
};

/* gradlens-train-page-heatmap.c */
PlotHeatmap *_gradlens_train_page_build_heatmap   (GradlensTrainPage *self,
                                                   gboolean           for_screen);
PlotHeatmap *_gradlens_train_page_dup_heatmap     (GradlensPage      *page);
char        *_gradlens_train_page_dup_export_text (GradlensPage      *page,
                                                   gboolean           json);

G_END_DECLS
