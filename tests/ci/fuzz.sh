#!/bin/sh
# tests/ci/fuzz.sh [BUILD_DIR] [SECONDS]
# Fuzzes the preset loader with libFuzzer for a bounded time (default 60 s,
# or $FUZZ_SECONDS): configures a clang build with AddressSanitizer and
# coverage instrumentation in BUILD_DIR (default build-fuzz), builds
# tests/fuzz/fuzz-preset, runs it from tests/fuzz/corpus plus the inputs
# earlier runs found (BUILD_DIR/fuzz-corpus). Exits non-zero on a crash, a
# leak or a broken round trip; the input that did it is saved as
# BUILD_DIR/fuzz-artifacts/crash-* (replay: BUILD_DIR/tests/fuzz/fuzz-preset FILE).
set -eu
cd "$(dirname "$0")/../.."
dir=${1:-build-fuzz}
seconds=${2:-${FUZZ_SECONDS:-60}}

say() { echo "fuzz.sh: $*"; }

if ! command -v clang >/dev/null; then
  say "clang is missing (apt-get install clang libclang-rt-14-dev)"
  exit 1
fi

if [ ! -f "$dir/build.ninja" ]; then
  say "configuring $dir: clang, -fsanitize=fuzzer-no-link,address, -Dfuzz=true"
  CC=clang meson setup "$dir" -Dapp=false -Dfuzz=true -Db_sanitize=address -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link -Dbuildtype=debugoptimized >"$dir.setup.log" 2>&1 || {
      cat "$dir.setup.log"; exit 1; }
  rm -f "$dir.setup.log"
fi
say "building $dir/tests/fuzz/fuzz-preset"
meson compile -C "$dir" fuzz-preset >/dev/null || meson compile -C "$dir" fuzz-preset

fuzzer="$dir/tests/fuzz/fuzz-preset"
found="$dir/fuzz-corpus"
artifacts="$dir/fuzz-artifacts/"
log="$dir/fuzz.log"
mkdir -p "$found" "$artifacts"

# fast_unwind_on_malloc=0: full stacks in leak reports
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0:fast_unwind_on_malloc=0:allocator_may_return_null=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
unset MALLOC_CHECK_ MALLOC_PERTURB_ || true

say "running $fuzzer for $seconds s (seeds: tests/fuzz/corpus, $(ls "$found" | wc -l) found earlier)"
set +e
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
  -dict=tests/fuzz/preset.dict -artifact_prefix="$artifacts" -print_final_stats=1 \
  "$found" tests/fuzz/corpus >"$log" 2>&1
status=$?
set -e

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
units=$(ls "$found" | wc -l)
if [ "$status" -ne 0 ]; then
  tail -60 "$log"
  say "FAILED (exit $status) after ${execs:-?} executions; input saved in $artifacts:"
  ls -l "$artifacts"
  exit 1
fi
grep -E '^(Done|stat::(new_units_added|peak_rss_mb))' "$log" | sed 's/^/fuzz.sh:   /' || true
say "ok: ${execs:-?} executions in $seconds s (${speed:-?}/s), no crash; corpus now $units found inputs (log: $log)"
