# e2e-lib.sh: what the end-to-end scripts share (sourced; POSIX sh)
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The sourcing script sets $log (the app's output), $state (GRADLENS_STATE_FILE) and $pid
# (the app's process, empty when none).

# fail MESSAGE: says why, with the app's log and its last state, and exits 1
fail() {
    echo "FAIL: $*" >&2
    [ -f "$log" ] && { echo "--- application log" >&2; cat "$log" >&2; }
    [ -f "$state" ] && { echo "--- last state" >&2; cat "$state" >&2; }
    exit 1
}

# q EXPR: evaluates a Python expression over the state s
q() {
    python3 - "$state" "$1" <<'PY'
import json, sys
try:
    s = json.load(open(sys.argv[1]))
except Exception:
    print("")
    sys.exit(0)
print(eval(sys.argv[2]))
PY
}

# wait_state EXPR WHAT: until the Python expression over the state is true
wait_state() {
    n=0
    while [ $n -lt 300 ]; do
        [ "$(q "$1")" = "True" ] && return 0
        kill -0 "$pid" 2>/dev/null || fail "gradlens exited while waiting for $2"
        sleep 0.1
        n=$((n + 1))
    done
    fail "timed out waiting for $2"
}
