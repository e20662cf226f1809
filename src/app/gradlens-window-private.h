/* gradlens-window-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-controls.h"
#include "gradlens-depth-sweep.h"
#include "gradlens-figure.h"
#include "gradlens-plot-view.h"
#include "gradlens-run-item.h"
#include "gradlens-series-table.h"
#include "gradlens-session.h"
#include "gradlens-window.h"

G_BEGIN_DECLS

struct _GradlensWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *run_button;
  GtkButton            *sweep_button;
  GtkButton            *stop_button;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkPaned             *main_paned;
  GtkScrolledWindow    *controls_scroller;
  GradlensControls     *controls;
  GradlensPlotView     *plot_view;
  GtkListBox           *runs_list;
  GtkLabel             *values_title;
  GtkColumnView        *values_view;
  GtkScrolledWindow    *values_scroller;
  GMenu                *presets_menu;
  /* the views (gradlens-window-views.c) */
  GtkStack             *plot_stack;
  GradlensPlotView     *forward_view;
  GradlensPlotView     *sweep_view;
  GtkDropDown          *stat_dropdown;
  GtkLabel             *stat_explanation;
  GtkStack             *lower_stack;
  GtkStack             *tables_stack;
  GtkColumnView        *layers_view;
  GtkScrolledWindow    *layers_scroller;
  GtkListBox           *sweeps_list;
  GtkLabel             *sweep_values_title;
  GtkColumnView        *sweep_values_view;
  GtkScrolledWindow    *sweep_values_scroller;
  /* Owned */
  GSettings            *settings;
  GradlensSession      *session;       /* the experiment: series, settings, the job */
  GradlensSeriesTable  *values_table;  /* the selected run's gradient norms */
  GradlensSeriesTable  *layers_table;  /* the selected run's layers */
  GradlensSeriesTable  *sweep_table;   /* the selected sweep's points */
  GradlensLayerStat     stat;          /* what the forward view shows */
  GtkNativeDialog      *chooser;       /* the open file chooser, until its response */
  GtkWindow            *error_dialog;  /* the error dialog shown (weak) */
  AdwToast             *error_toast;   /* the toast about invalid controls (weak) */
  guint                 progress_timeout_id;
  guint                 pulse_id;      /* pulses the progress bar while a run gives no fraction */
  char                 *state_path;    /* GRADLENS_STATE_FILE: a state dump for end-to-end tests */
  gulong                state_tick_id;
  gboolean              state_dirty;
  gboolean              closed;        /* close-request or dispose ran: late results are dropped */
};

/* gradlens-window-actions.c: file dialogs, presets menu, export */
void      _gradlens_window_actions_class_init   (GtkWidgetClass          *widget_class);
void      _gradlens_window_actions_init         (GradlensWindow          *self);
void      _gradlens_window_actions_dispose      (GradlensWindow          *self);
void      _gradlens_window_show_error           (GradlensWindow          *self,
                                                 const char              *heading,
                                                 const char              *body);

/* gradlens-window-state.c: the state dump for end-to-end tests */
void      _gradlens_window_state_init           (GradlensWindow          *self);
void      _gradlens_window_state_changed        (GradlensWindow          *self);
void      _gradlens_window_state_dispose        (GradlensWindow          *self);

/* gradlens-window-views.c: the three views, their figures, the lists of
 * series and their tables */
void      _gradlens_window_views_class_init     (GtkWidgetClass          *widget_class);
void      _gradlens_window_views_init           (GradlensWindow          *self);
void      _gradlens_window_views_dispose        (GradlensWindow          *self);
void      _gradlens_window_update_forward_figure (GradlensWindow         *self,
                                                 gboolean                 keep_view);
void      _gradlens_window_update_sweep_figure  (GradlensWindow          *self,
                                                 gboolean                 keep_view);
void      _gradlens_window_update_tables        (GradlensWindow          *self);
void      _gradlens_window_select               (GradlensWindow          *self,
                                                 GtkListBox              *list,
                                                 guint                    index);
GradlensSeriesTable *_gradlens_window_current_table (GradlensWindow      *self);
const char *_gradlens_window_get_view           (GradlensWindow          *self);
GradlensPlotView *_gradlens_window_current_plot_view (GradlensWindow     *self);
char     *_gradlens_window_dup_sweeps_text      (GradlensWindow          *self,
                                                 gboolean                 json);
void      _gradlens_window_set_view             (GradlensWindow          *self,
                                                 const char              *view);
const char *_gradlens_window_get_statistic      (GradlensWindow          *self);
void      _gradlens_window_set_statistic        (GradlensWindow          *self,
                                                 const char              *name);

/* gradlens-window.c */
PlotTheme _gradlens_window_current_theme        (void);
void      _gradlens_window_show_figure          (GradlensPlotView        *view,
                                                 PlotFigure              *figure,
                                                 GListModel              *series,
                                                 gboolean                 keep_view);
void      _gradlens_window_add_legend_suffixes  (PlotFigure              *figure,
                                                 GListModel              *series);
GradlensRunResult **_gradlens_window_dup_results (GradlensWindow         *self,
                                                 guint                   *n_results);
void      _gradlens_window_show_invalid         (GradlensWindow          *self,
                                                 const char              *message);
void      _gradlens_window_update_figure        (GradlensWindow          *self,
                                                 gboolean                 keep_view);
void      _gradlens_window_update_actions       (GradlensWindow          *self);
void      _gradlens_window_update_title         (GradlensWindow          *self);

G_END_DECLS
