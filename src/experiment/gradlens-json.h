/* gradlens-json.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A strict JSON reader (RFC 8259) for presets. json-glib's parser accepts
 * comments, single quotes, hexadecimal and leading-zero numbers, a second
 * top-level value, bad \u escapes and duplicate keys; this one refuses all
 * of them, and "\u0000", with "line L, column C: ..." (columns count
 * characters from 1). Nesting deeper than max_depth is refused before it
 * recurses further.
 *
 * literals (optional) maps each number node to its text as written, so
 * that messages can quote it ("99999999999999999999" rather than what it
 * became). An integer outside gint64 becomes a double node.
 *
 * Returns: (transfer full): the document, or NULL with a
 *   GRADLENS_ERROR_INVALID_PRESET error */
JsonNode *gradlens_json_parse_strict (const char   *data,
                                      gsize         length,
                                      guint         max_depth,
                                      GHashTable  **literals,
                                      GError      **error);

G_END_DECLS
