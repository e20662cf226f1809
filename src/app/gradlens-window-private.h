/* gradlens-window-private.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by gradlens-window.c and gradlens-window-actions.c only: every
 * other part of the window is an object of its own with a public header. */

#include "gradlens-controls.h"
#include "gradlens-draft.h"
#include "gradlens-export-dialog.h"
#include "gradlens-progress.h"
#include "gradlens-series-panel.h"
#include "gradlens-session.h"
#include "gradlens-state-file.h"
#include "gradlens-unsaved-changes.h"
#include "gradlens-views.h"
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
  GtkStack             *plot_stack;      /* the views: one GradlensPage each */
  GradlensPage         *gradients_page;
  GradlensPage         *forward_page;
  GradlensPage         *sweep_page;
  GradlensPage         *train_page;
  GtkStack             *lower_stack;
  GradlensSeriesPanel  *runs_panel;
  GradlensSeriesPanel  *sweeps_panel;
  /* Owned */
  GSettings              *settings;
  GradlensSession        *session;        /* the experiment: series, settings, the job */
  GradlensProgress       *progress;       /* the progress bar of the job */
  GradlensViews          *views;          /* which page and panel show */
  GradlensUnsavedChanges *changes;        /* Save / Discard / Cancel before changes go */
  GradlensExportDialog   *export_dialog;  /* win.export */
  GradlensStateFile      *state_file;     /* GRADLENS_STATE_FILE: a state dump for end-to-end tests */
  GradlensDraft          *draft;          /* the unsaved work on disk, against a crash */
  GtkNativeDialog        *chooser;        /* the open or save file chooser, until its response */
  GtkWindow              *error_dialog;   /* the error dialog shown (weak) */
  AdwToast               *error_toast;    /* the toast about invalid controls (weak) */
  GPtrArray              *undo_items;     /* the last removal, for the toast's Undo: of GradlensSeries */
  GListModel             *undo_model;     /* the session's runs or sweeps (borrowed) */
  guint                   undo_position;
  gboolean                closed;         /* close-request or dispose ran: late results are dropped */
};

/* gradlens-window-actions.c: every win.* action, and what they do */
void      _gradlens_window_actions_class_init   (GtkWidgetClass          *widget_class);
void      _gradlens_window_actions_init         (GradlensWindow          *self);
void      _gradlens_window_update_actions       (GradlensWindow          *self);

G_END_DECLS
