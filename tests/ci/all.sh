#!/bin/sh
# tests/ci/all.sh BUILD_DIR [--quick]
# Runs every test: the normal build (GUI tests under a private X server), the nn tests
# again with the AVX-512 kernels off (meson test setup noavx512), then, unless
# --quick, the AddressSanitizer+UBSan build of the core, experiment, plot and CLI tests, and
# the preset fuzzer for FUZZ_SECONDS. Ends with one line: "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
build=${1:-build}
quick=${2:-}
passed=0
failed=0

count() {   # count LOGDIR: add meson's results from testlog.json
  log="$1/meson-logs/testlog.json"
  if [ ! -f "$log" ]; then
    failed=$((failed + 1))
    return
  fi
  p=$(grep -c '"result": "OK"' "$log" || true)
  e=$(grep -c '"result": "EXPECTEDFAIL"' "$log" || true)
  t=$(grep -c '"result"' "$log" || true)
  passed=$((passed + p + e))
  failed=$((failed + t - p - e))
}

echo "== tests of $build"
rm -f "$build/meson-logs/testlog.json"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" \
    meson test -C "$build" --print-errorlogs --num-processes 2
else
  meson test -C "$build" --print-errorlogs --num-processes 2
fi
count "$build"

echo "== nn tests with the AVX-512 kernels switched off (GRADLENS_NN_NO_AVX512=1)"
rm -f "$build/meson-logs/testlog-noavx512.json"
meson test -C "$build" --print-errorlogs --num-processes 2 --setup noavx512 --suite nn
log="$build/meson-logs/testlog-noavx512.json"
if [ -f "$log" ]; then
  p=$(grep -c '"result": "OK"' "$log" || true)
  t=$(grep -c '"result"' "$log" || true)
  passed=$((passed + p))
  failed=$((failed + t - p))
else
  failed=$((failed + 1))
fi

if [ "$quick" != "--quick" ]; then
  echo "== AddressSanitizer and UndefinedBehaviorSanitizer build"
  if tests/ci/asan.sh build-asan; then :; fi
  count build-asan

  echo "== preset fuzzer (${FUZZ_SECONDS:-60} s)"
  if tests/ci/fuzz.sh build-fuzz "${FUZZ_SECONDS:-60}"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
