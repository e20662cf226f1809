/* gradlens-window-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gradlens-controls.h"
#include "gradlens-depth-sweep.h"
#include "gradlens-figure.h"
#include "gradlens-page.h"
#include "gradlens-plot-view.h"
#include "gradlens-progress.h"
#include "gradlens-run-item.h"
#include "gradlens-series-panel.h"
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
  GMenu                *presets_menu;
  /* the views (gradlens-window-views.c) */
  GtkStack             *plot_stack;
  GradlensPage         *gradients_page;
  GradlensPage         *forward_page;
  GradlensPage         *sweep_page;
  GradlensPage         *train_page;
  GtkStack             *lower_stack;
  GradlensSeriesPanel  *runs_panel;
  GradlensSeriesPanel  *sweeps_panel;
  /* Owned */
  GSettings            *settings;
  GradlensSession      *session;       /* the experiment: series, settings, the job */
  GtkNativeDialog      *chooser;       /* the open file chooser, until its response */
  GtkWindow            *error_dialog;  /* the error dialog shown (weak) */
  AdwToast             *error_toast;   /* the toast about invalid controls (weak) */
  GradlensProgress     *progress;      /* the progress bar of the job */
  char                 *state_path;    /* GRADLENS_STATE_FILE: a state dump for end-to-end tests */
  gulong                state_tick_id;
  gboolean              state_dirty;
  gboolean              closed;        /* close-request or dispose ran: late results are dropped */
  /* the question before unsaved changes go (gradlens-window-changes.c) */
  GtkWindow            *changes_dialog;  /* weak */
  GradlensPreset       *pending_preset;  /* to load after the answer */
  GFile                *pending_file;
  GTask                *pending_task;
  gboolean              pending_close;   /* to close after the answer */
  gboolean              close_confirmed; /* saved or discarded: the window closes */
  /* the last removal, for the toast's Undo (gradlens-window-views.c) */
  GPtrArray            *undo_items;      /* of GradlensSeries */
  GListModel           *undo_model;      /* the session's runs or sweeps (borrowed) */
  guint                 undo_position;
};

/* gradlens-window-actions.c: file dialogs, presets menu, export */
void      _gradlens_window_actions_class_init   (GtkWidgetClass          *widget_class);
void      _gradlens_window_actions_init         (GradlensWindow          *self);
void      _gradlens_window_actions_dispose      (GradlensWindow          *self);
void      _gradlens_window_show_error           (GradlensWindow          *self,
                                                 const char              *heading,
                                                 const char              *body);
void      _gradlens_window_toast                (GradlensWindow          *self,
                                                 const char              *text);
GtkFileFilter *_gradlens_window_filter_new      (const char              *name,
                                                 const char              *suffix,
                                                 const char              *mime_type);
void      _gradlens_window_show_chooser         (GradlensWindow          *self,
                                                 GtkFileChooserNative    *native,
                                                 GCallback                response_cb);
GFile    *_gradlens_window_finish_chooser       (GradlensWindow          *self,
                                                 GtkFileChooserNative    *native,
                                                 int                      response);
char     *_gradlens_window_suggested_name       (GradlensWindow          *self,
                                                 const char              *suffix);

/* gradlens-window-changes.c: Save / Discard / Cancel before changes go */
gboolean  _gradlens_window_is_shipped           (GFile                   *file);
gboolean  _gradlens_window_confirm_close        (GradlensWindow          *self);
void      _gradlens_window_replace              (GradlensWindow          *self,
                                                 const GradlensPreset    *preset,
                                                 GFile                   *file,
                                                 GTask                   *task);
void      _gradlens_window_changes_saved        (GradlensWindow          *self,
                                                 gboolean                 saved);
gboolean  _gradlens_window_get_asking           (GradlensWindow          *self);
void      _gradlens_window_changes_dispose      (GradlensWindow          *self);

/* gradlens-window-export.c: exporting the view on screen */
void      _gradlens_window_export_class_init    (GtkWidgetClass          *widget_class);

/* gradlens-window-state.c: the state dump for end-to-end tests */
void      _gradlens_window_state_init           (GradlensWindow          *self);
void      _gradlens_window_state_changed        (GradlensWindow          *self);
void      _gradlens_window_state_dispose        (GradlensWindow          *self);

/* gradlens-window-views.c: the three views, their figures, the lists of
 * series and their tables */
void      _gradlens_window_views_class_init     (GtkWidgetClass          *widget_class);
void      _gradlens_window_views_init           (GradlensWindow          *self);
void      _gradlens_window_views_dispose        (GradlensWindow          *self);
const char *_gradlens_window_get_view           (GradlensWindow          *self);
GradlensPage *_gradlens_window_current_page (GradlensWindow            *self);
void      _gradlens_window_set_view             (GradlensWindow          *self,
                                                 const char              *view);

/* gradlens-window.c */
void      _gradlens_window_show_invalid         (GradlensWindow          *self,
                                                 const char              *message);
void      _gradlens_window_update_actions       (GradlensWindow          *self);
void      _gradlens_window_update_title         (GradlensWindow          *self);
char     *_gradlens_window_dup_display_title    (GradlensWindow          *self);

G_END_DECLS
