#!/bin/sh
# tests/ci/asan.sh [BUILD_DIR]
# Builds the core, experiment, plot and CLI with AddressSanitizer and
# UndefinedBehaviorSanitizer in BUILD_DIR (default build-asan) and runs their
# tests (suites nn, experiment, plot, cli). Any sanitizer report fails the
# test that triggered it; the script exits non-zero when a test fails.
# Leak suppressions: tests/asan.supp.
set -eu
cd "$(dirname "$0")/../.."
dir=${1:-build-asan}
root=$(pwd)

say() { echo "asan.sh: $*"; }

# the comma-decimal preset test must run, not skip
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  say "generating the de_DE.UTF-8 locale"
  localedef -i de_DE -f UTF-8 de_DE.UTF-8 || say "could not generate de_DE.UTF-8 (the locale test will skip)"
fi

if [ ! -f "$dir/build.ninja" ]; then
  say "configuring $dir: -Db_sanitize=address,undefined -Dapp=false"
  meson setup "$dir" -Dapp=false -Db_sanitize=address,undefined -Dbuildtype=debugoptimized \
    >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; exit 1; }
  rm -f "$dir.setup.log"
fi
say "building $dir"
meson compile -C "$dir" >/dev/null || meson compile -C "$dir"

# halt_on_error: the first report ends the test (as a failure);
# fast_unwind_on_malloc=0: full stacks, so that module suppressions match;
# the glibc malloc checks that tests/meson.build turns on (MALLOC_CHECK_,
# MALLOC_PERTURB_) are inert under ASan, whose allocator replaces glibc's.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:print_stacktrace=1:fast_unwind_on_malloc=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$root/tests/asan.supp:print_suppressions=0"

say "ASAN_OPTIONS=$ASAN_OPTIONS"
say "UBSAN_OPTIONS=$UBSAN_OPTIONS"
say "LSAN_OPTIONS=$LSAN_OPTIONS"
say "meson test -C $dir --suite nn --suite experiment --suite plot --suite cli"
set +e
# sanitized code runs several times slower, more so on a loaded machine: the
# timeouts are for hangs, not for speed
meson test -C "$dir" --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
  --suite nn --suite experiment --suite plot --suite cli
status=$?
set -e
if [ "$status" -ne 0 ]; then
  say "FAILED (meson test exit $status); logs: $dir/meson-logs/testlog.txt"
  exit 1
fi
say "ok: no sanitizer reports"
