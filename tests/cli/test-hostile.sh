#!/bin/bash
# test-hostile.sh - gradlens-cli against hostile files, full disks and odd
# outputs (issue 10): nothing lost, nothing hangs, every failure said.
# TAP output. $GRADLENS_CLI is the binary, $GRADLENS_SIGNAL_SHIM the
# LD_PRELOAD shim (tests/cli/signal-shim.c). Cases that need root (mknod,
# mounts in a private mount namespace) skip without it; CI runs as root.
# No case depends on wall-clock time: "nothing hangs" is checked with
# timeout(1) far beyond what the case needs, "checked before computing"
# with a CPU-time limit (ulimit -t).
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
# the messages checked below are the English ones, whatever locale the tests run under
export LC_ALL=C.UTF-8
unset LANGUAGE
CLI=${GRADLENS_CLI:?GRADLENS_CLI is not set}
SHIM=${GRADLENS_SIGNAL_SHIM:-}
SRC=${GRADLENS_SOURCE_ROOT:-$(dirname "$0")/../..}
NOTEBOOK=$SRC/data/presets/notebook.json
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0
failed=0
root=0
[ "$(id -u)" = 0 ] && root=1

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

# run NAME: runs the rest of the line, keeps status, stdout, stderr
run() {
  out=$dir/out.txt err=$dir/err.txt
  "$@" >"$out" 2>"$err"
  status=$?
}

# limited ...: runs a command with a CPU-time limit, so that a program that
# (wrongly) starts hours of work fails here instead of running for hours
limited() { sh -c 'ulimit -t 60; exec "$@"' sh "$@"; }

# expect NAME STATUS [TEXT...]: the last run's status and stderr texts
expect() {
  local name=$1 want=$2 t
  shift 2
  if [ "$status" != "$want" ]; then
    not_ok "$name" "exit status $status, expected $want" "stderr: $(head -c 600 "$err")"
    return 1
  fi
  for t in "$@"; do
    if ! grep -qF -- "$t" "$err"; then
      not_ok "$name" "stderr lacks: $t" "stderr: $(head -c 600 "$err")"
      return 1
    fi
  done
  ok "$name"
}

err=$dir/err.txt out=$dir/out.txt
nospace="could not write to standard output: No space left on device"

# ---- 1. lost output reported as success ------------------------------------
status=0; "$CLI" run --depth 1000 --format csv >/dev/full 2>"$dir/err.txt" || status=$?
expect "run csv, large, to /dev/full" 1 "$nospace"
status=0; "$CLI" run --depth 1000 >/dev/full 2>"$dir/err.txt" || status=$?
expect "run json, large, to /dev/full" 1 "$nospace"
status=0; "$CLI" run --depth 1000 --format table >/dev/full 2>"$dir/err.txt" || status=$?
expect "run table, large, to /dev/full" 1 "$nospace"
status=0; "$CLI" run >/dev/full 2>"$dir/err.txt" || status=$?
expect "run, small, to /dev/full (fails at the final flush)" 1 "$nospace"
status=0; "$CLI" sweep --depths 1:100 >/dev/full 2>"$dir/err.txt" || status=$?
expect "sweep to /dev/full" 1 "$nospace"
status=0; "$CLI" bench --iterations 3 >/dev/full 2>"$dir/err.txt" || status=$?
expect "bench to /dev/full" 1 "$nospace"
status=0; "$CLI" train --steps 200 >/dev/full 2>"$dir/err.txt" || status=$?
expect "train to /dev/full" 1 "$nospace"
status=0; "$CLI" --help >/dev/full 2>"$dir/err.txt" || status=$?
expect "--help to /dev/full" 1 "$nospace"
status=0; "$CLI" run --help >/dev/full 2>"$dir/err.txt" || status=$?
expect "run --help to /dev/full" 1 "$nospace"

# a full file system: the old file stays whole, nothing half-written is left
if [ $root = 1 ] && command -v unshare >/dev/null; then
  mkdir -p "$dir/full"
  status=0
  unshare -m sh -c '
    mount -t tmpfs -o size=64k tmpfs "$1" || exit 99
    echo old >"$1/out.csv"
    "$2" run --depth 1000 --format csv --output "$1/out.csv" 2>"$3/err.txt"; s=$?
    ls -A "$1" >"$3/left.txt"; cat "$1/out.csv" >"$3/kept.txt"
    "$2" run --depth 1000 --format csv >"$1/redirected.csv" 2>>"$3/err2.txt"; s2=$?
    exit $((s * 10 + s2))' sh "$dir/full" "$CLI" "$dir" || status=$?
  err=$dir/err.txt
  if [ "$status" = 11 ] && [ "$(cat "$dir/left.txt")" = out.csv ] && [ "$(cat "$dir/kept.txt")" = old ] && grep -q "No space left on device" "$err"; then
    ok "full file system: exit 1, old file kept, no temporary file"
  else
    not_ok "full file system: exit 1, old file kept, no temporary file" "status $status (run*10 + redirect)" \
      "left: $(tr '\n' ' ' <"$dir/left.txt" 2>/dev/null)" "kept: $(head -c 40 "$dir/kept.txt" 2>/dev/null)" \
      "stderr: $(cat "$err" "$dir/err2.txt" 2>/dev/null | head -c 400)"
  fi
else
  skip "full file system" "needs root for a private tmpfs"
fi

# ---- 2. --output writes into what is there --------------------------------
if [ $root = 1 ]; then
  mknod "$dir/null" c 1 3 && mknod "$dir/devfull" c 1 7
  run "$CLI" run --output "$dir/null"
  if [ "$status" = 0 ] && [ -c "$dir/null" ]; then ok "--output a device (null) writes into it"; else
    not_ok "--output a device (null) writes into it" "status $status" "$(ls -l "$dir/null")"; fi
  run "$CLI" run --output "$dir/devfull"
  if [ "$status" = 1 ] && [ -c "$dir/devfull" ] && grep -q "No space left" "$err"; then
    ok "--output a device (full) fails and stays a device"; else
    not_ok "--output a device (full) fails and stays a device" "status $status" "$(ls -l "$dir/devfull")" "$(cat "$err")"; fi
else
  skip "--output a device (null)" "mknod needs root"
  skip "--output a device (full)" "mknod needs root"
fi

# a link to this process's standard output, like /dev/stdout
ln -s /proc/self/fd/1 "$dir/stdout"
"$CLI" run --output "$dir/stdout" >"$dir/through.json" 2>"$dir/err.txt"; status=$?
if [ "$status" = 0 ] && [ -L "$dir/stdout" ] && grep -q '"runs"' "$dir/through.json"; then
  ok "--output a link to /proc/self/fd/1 reaches standard output"; else
  not_ok "--output a link to /proc/self/fd/1 reaches standard output" "status $status" "$(ls -l "$dir/stdout")"; fi
# /dev/stdout itself, in a private mount namespace with a /dev of our own:
# a program that replaced it would break nothing outside the test
if [ $root = 1 ] && command -v unshare >/dev/null; then
  mkdir -p "$dir/dev" && ln -s /proc/self/fd/1 "$dir/dev/stdout"
  unshare -m sh -c 'mount --bind "$1" /dev && exec "$2" run --output /dev/stdout' sh "$dir/dev" "$CLI" \
    >"$dir/through2.json" 2>"$dir/err.txt"; status=$?
  if [ "$status" = 0 ] && [ -L "$dir/dev/stdout" ] && grep -q '"runs"' "$dir/through2.json"; then
    ok "--output /dev/stdout reaches standard output, the link stays"; else
    not_ok "--output /dev/stdout reaches standard output, the link stays" "status $status" \
      "$(ls -l "$dir/dev")" "$(cat "$dir/err.txt")"; fi
else
  skip "--output /dev/stdout" "needs root for a private mount namespace"
fi

# a FIFO: written into with a reader, refused at once without one
mkfifo "$dir/fifo.json"
run timeout 60 "$CLI" run --output "$dir/fifo.json"
expect "--output a FIFO with no reader fails instead of hanging" 1 "no reader"
cat "$dir/fifo.json" >"$dir/from-fifo.json" &
reader=$!
run timeout 60 "$CLI" run --output "$dir/fifo.json"
wait $reader
if [ "$status" = 0 ] && [ -p "$dir/fifo.json" ] && grep -q '"runs"' "$dir/from-fifo.json"; then
  ok "--output a FIFO with a reader writes into it"; else
  not_ok "--output a FIFO with a reader writes into it" "status $status"; fi
mkfifo "$dir/fig.png"
run timeout 60 "$CLI" plot --preset "$NOTEBOOK" --output "$dir/fig.png"
expect "plot --output a FIFO with no reader fails instead of hanging" 1 "no reader"

# a symbolic link: its target is written, the link stays
ln -s target.json "$dir/link.json"
run "$CLI" run --output "$dir/link.json"
if [ "$status" = 0 ] && [ -L "$dir/link.json" ] && grep -q '"runs"' "$dir/target.json"; then
  ok "--output a link to a new file writes the target"; else
  not_ok "--output a link to a new file writes the target" "status $status" "$(ls -l "$dir")"; fi
echo old >"$dir/target.json"
run "$CLI" run --output "$dir/link.json"
if [ "$status" = 0 ] && [ -L "$dir/link.json" ] && grep -q '"runs"' "$dir/target.json"; then
  ok "--output a link to a file replaces the target, keeps the link"; else
  not_ok "--output a link to a file replaces the target, keeps the link" "status $status" "$(ls -l "$dir")"; fi

# permissions: kept when replacing, the umask's for a new file
echo old >"$dir/secret.json"
chmod 600 "$dir/secret.json"
run "$CLI" run --output "$dir/secret.json"
mode=$(stat -c %a "$dir/secret.json")
if [ "$status" = 0 ] && [ "$mode" = 600 ] && grep -q '"runs"' "$dir/secret.json"; then
  ok "replacing a 600 file keeps 600"; else not_ok "replacing a 600 file keeps 600" "mode $mode, status $status"; fi
(umask 027; "$CLI" run --output "$dir/new.json" 2>"$dir/err.txt")
mode=$(stat -c %a "$dir/new.json")
if [ "$mode" = 640 ]; then ok "a new file gets 0666 minus the umask"; else not_ok "a new file gets 0666 minus the umask" "mode $mode"; fi
run "$CLI" run --output "$dir"
expect "--output a folder" 1 "Is a directory"

# ---- 3. input files that are not regular files ----------------------------
mkfifo "$dir/preset-fifo.json"
run timeout 60 "$CLI" run --preset "$dir/preset-fifo.json"
expect "--preset a FIFO is refused instead of hanging" 2 "preset-fifo.json" "named pipe"
run timeout 60 "$CLI" run --preset /dev/zero
expect "--preset a device is refused" 2 "/dev/zero" "device"
run "$CLI" run --preset ""
expect "--preset \"\" names an empty file name" 2 "--preset" "empty file name"
printf '{"format": "gradlens-preset", "runs": [{"label": "stdin"}]}' | "$CLI" run --preset - >"$dir/stdin.json" 2>"$dir/err.txt"
if grep -q '"stdin"' "$dir/stdin.json"; then ok "--preset - reads standard input"; else not_ok "--preset - reads standard input"; fi

# ---- 7. results are not thrown away; no temporary file survives a signal ---
# the location is checked before computing: a sweep that needs a minute of
# CPU would be killed by the 2-second CPU limit if it computed first
run sh -c 'ulimit -t 2; exec "$0" sweep --depths 1:400 --width 256 --samples 1000 --yes --output /nonexistent/x.json' "$CLI"
expect "--output in a missing folder fails before computing" 1 "/nonexistent/x.json" "No such file or directory"
run sh -c 'ulimit -t 2; exec "$0" run --seeds 2000 --width 512 --samples 1000 --yes --output /nonexistent/x.json' "$CLI"
expect "run --output in a missing folder fails before computing" 1 "No such file or directory"

if [ -n "$SHIM" ] && [ -f "$SHIM" ]; then
  for sig in TERM INT; do
    mkdir -p "$dir/sig-$sig" && echo old >"$dir/sig-$sig/x.json"
    env LD_PRELOAD="$SHIM" GRADLENS_SHIM_RENAME=$sig ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
      "$CLI" run --output "$dir/sig-$sig/x.json" >/dev/null 2>&1
    left=$(ls -A "$dir/sig-$sig")
    if [ "$left" = x.json ] && [ "$(cat "$dir/sig-$sig/x.json")" = old ]; then
      ok "SIG$sig while the output is renamed into place leaves no temporary file"; else
      not_ok "SIG$sig while the output is renamed into place leaves no temporary file" "left: $left"; fi
  done
  mkdir -p "$dir/sig-KILL" && echo old >"$dir/sig-KILL/x.json"
  env LD_PRELOAD="$SHIM" GRADLENS_SHIM_FSYNC=KILL ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
    "$CLI" run --output "$dir/sig-KILL/x.json" >/dev/null 2>&1
  left=$(ls -A "$dir/sig-KILL")
  if [ "$left" = x.json ] && [ "$(cat "$dir/sig-KILL/x.json")" = old ]; then
    ok "SIGKILL before the output is in place leaves no temporary file"; else
    not_ok "SIGKILL before the output is in place leaves no temporary file" "left: $left"; fi
else
  not_ok "signal shim" "GRADLENS_SIGNAL_SHIM is not set or missing"
fi

# ---- 4. the memory limit counts everything held at once --------------------
printf '{"format": "gradlens-preset", "runs": [{}, {}, {}]}' >"$dir/three.json"
run limited "$CLI" run --preset "$dir/three.json" --depth 1000 --width 1 --seeds 10000
expect "3 runs x 10000 seeds of results are counted" 2 "needs about" "limit of 4.0"
run limited "$CLI" sweep --depths 30:31 --width 4096 --inputs 4096 --outputs 4096 --samples 112
expect "a sweep's concurrent depths are counted" 2 "needs about" "limit of 4.0"
run limited "$CLI" plot --preset "$NOTEBOOK" --output "$dir/huge.png" --size 32767x32767
expect "a 32767x32767 figure is counted" 2 "needs about" "limit of 4.0"
if [ ! -e "$dir/huge.png" ]; then ok "the refused figure left no file"; else not_ok "the refused figure left no file"; fi

# ---- 6. hours of work are refused unless --yes -----------------------------
run limited "$CLI" sweep --depths 1:1000 --seeds 10000
expect "sweep of hours refused" 2 "hours" "--yes"
run limited "$CLI" run --seeds 10000 --width 4096
expect "10000 seeds of a 4096-wide network refused" 2 "hours" "--yes"
run limited "$CLI" train --steps 100000 --width 1024 --seeds 100
expect "a training of days refused" 2 "days" "--yes"
run limited "$CLI" bench --iterations 10000000 --width 4096
expect "bench --iterations 10000000 of a wide network refused" 2 "--yes"
# a preset accepts its own long work ("accept_long_work": true, as --yes):
# accepted, it goes on to the missing output folder (exit 1, before any
# computing: the CPU limit would end a run of hours)
long='"runs": [{"network": {"width": 4096}, "data": {"seeds": 10000}}]}'
printf '{"format": "gradlens-preset", %s' "$long" >"$dir/long.json"
printf '{"format": "gradlens-preset", "accept_long_work": false, %s' "$long" >"$dir/long-false.json"
printf '{"format": "gradlens-preset", "accept_long_work": true, %s' "$long" >"$dir/long-ok.json"
run limited "$CLI" run --preset "$dir/long.json" --output /nonexistent/x.json
expect "a preset's hours refused, naming the preset key" 2 "hours" "--yes" '"accept_long_work": true'
run limited "$CLI" run --preset "$dir/long-false.json" --output /nonexistent/x.json
expect "\"accept_long_work\": false refuses hours" 2 "hours"
run sh -c 'ulimit -t 2; exec "$0" run --preset "$1" --output /nonexistent/x.json' "$CLI" "$dir/long-ok.json"
expect "\"accept_long_work\": true accepts hours as --yes does" 1 "/nonexistent/x.json" "No such file or directory"
run env GRADLENS_PROGRESS=now "$CLI" run --seeds 50
if [ "$status" = 0 ] && grep -q "50 of 50 seeds" "$err" && grep -q "left" "$err"; then
  ok "progress on stderr: done of total, rate, time left"; else
  not_ok "progress on stderr: done of total, rate, time left" "$(head -c 300 "$err")"; fi
run "$CLI" run --seeds 50
if [ "$status" = 0 ] && [ ! -s "$err" ]; then ok "no progress when stderr is not a terminal"; else
  not_ok "no progress when stderr is not a terminal" "$(head -c 300 "$err")"; fi

# ---- 5. not JSON ------------------------------------------------------------
preset() { printf '%s' "$1" >"$dir/p.json"; run "$CLI" run --preset "$dir/p.json"; }
preset '{"format": "gradlens-preset", "runs": [{"network": {"depth": 010}}]}'
expect "preset 010 refused" 2 "line 1, column 62" "“010”"
preset '{"format": "gradlens-preset", "runs": [{"network": {"depth": 0x10}}]}'
expect "preset 0x10 refused" 2 "“0x10”"
preset '{"format": "gradlens-preset", "runs": [{"network": {"depth": 0b101}}]}'
expect "preset 0b101 refused" 2 "“0b101”"
preset '{"format": "gradlens-preset", /* c */ "runs": [{}]}'
expect "preset comment refused" 2 "column 31" "comment"
preset "{'format': 'gradlens-preset', 'runs': [{}]}"
expect "preset single quotes refused" 2 "single quote"
preset '{"format": "gradlens-preset", "runs": [{}]} {"runs": []}'
expect "preset second value refused" 2 "after the end"
preset '{"format": "gradlens-preset", "runs": [{"label": "\uZZZZ"}]}'
expect "preset \\uZZZZ refused" 2 "\\uZZZZ"
preset '{"format": "gradlens-preset", "runs": [{"label": "a\u0000b"}]}'
expect "preset \\u0000 refused" 2 "\\u0000"
preset '{"format": "gradlens-preset", "runs": [{}], "runs": [{}, {}]}'
expect "preset duplicate runs refused" 2 "“runs” a second time"
run "$CLI" bench --iterations 010 --depth 2
if [ "$status" = 0 ] && grep -q '"iterations" : 10,' "$out"; then ok "bench --iterations 010 is ten"; else
  not_ok "bench --iterations 010 is ten" "$(grep iterations "$out")"; fi

# ---- 8. messages that say the true problem ---------------------------------
preset '{"format": "gradlens-preset", "runs": [{"data": {"seed": 99999999999999999999}}]}'
expect "overflowing seed quoted as written" 2 "“99999999999999999999”"
preset '{"format": "gradlens-preset", "runs": [{"network": {"depth": -9223372036854775809}}]}'
expect "overflowing depth quoted as written" 2 "“-9223372036854775809”"
run "$CLI" run --gain 1e-400
expect "--gain 1e-400 is too close to 0, not out of range" 2 "too close to 0"
run "$CLI" run --samples 1 --depth 1000 --width 4096
expect "1 sample, not 1 samples" 2 "1 sample,"
preset '{"format": "gradlens-preset", "runs": [{"label": "\ud800"}]}'
expect "a lone surrogate is named" 2 "lone high surrogate"
{ printf '{"format": "gradlens-preset", "runs": [{}'; for _ in $(seq 9999); do printf ', {}'; done; printf ']}'; } >"$dir/p.json"
run "$CLI" run --preset "$dir/p.json"
expect "10000 runs: the run limit" 2 "10000 runs" "256"
# a broken preset and a bad run as the app's error dialog says them (issue 14):
# the file, the line and column in words, a run by its number from 1 and label
printf '{"format": "gradlens-preset",\n "runs": [{"label": "x",, "network": {}}]}' >"$dir/mine.json"
run "$CLI" run --preset "$dir/mine.json"
expect "a syntax error: the file, line and column in words" 2 \
  "gradlens-cli run: Could not read “$dir/mine.json”: line 2, column 25: a comma where a name was expected"
preset '{"format": "gradlens-preset", "runs": [{}, {}, {}, {}, {"label": "Deep sigmoid (8)", "network": {"depth": 0}}]}'
expect "a bad run named by its number from 1 and its label" 2 \
  "gradlens-cli run: Could not read “$dir/p.json”: run 5 “Deep sigmoid (8)”: network.depth: invalid value “0”"
if grep -q 'runs\[' "$err"; then not_ok "no runs[N] in messages" "$(cat "$err")"; else ok "no runs[N] in messages"; fi
preset '{"format": "gradlens-preset", "runs": [{}, {"data": {"seeds": 0}}]}'
expect "a run without a label by its number alone" 2 "Could not read “$dir/p.json”: run 2: data.seeds: invalid value “0”"
run "$CLI" bench --iterations 2147483648
expect "--iterations 2147483648 with its range" 2 "“2147483648”" "1 to 10000000"
run "$CLI" run --help
if grep -q -- "--depth=N .*default 5; an integer from 1 to 1000" "$out"; then ok "run --help: description, default, range"; else
  not_ok "run --help: description, default, range" "$(grep -- --depth "$out")"; fi

# ---- 9. output hygiene ----------------------------------------------------
printf '{"format": "gradlens-preset", "runs": [{"label": "red\\u001b[31mX\\u0007"}]}' >"$dir/esc.json"
run "$CLI" run --preset "$dir/esc.json" --format table
if [ "$status" = 0 ] && ! grep -q $'\x1b' "$out" && grep -qF 'red\x1b[31mX\x07' "$out"; then
  ok "control characters in labels are escaped in tables"; else
  not_ok "control characters in labels are escaped in tables" "$(head -1 "$out" | od -c | head -3)"; fi
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  run env LC_ALL=de_DE.UTF-8 "$CLI" run --format table
  if [ "$status" = 0 ] && grep -q 'e-0[0-9]' "$out" && ! grep -q '[0-9],[0-9]' "$out"; then
    ok "tables print 0.01, not 0,01, under a comma-decimal locale"; else
    not_ok "tables print 0.01, not 0,01, under a comma-decimal locale" "$(sed -n 3,4p "$out")"; fi
else
  not_ok "de_DE.UTF-8 locale" "not installed (tests/ci/asan.sh generates it)"
fi
run "$CLI" sweep --depth 3 --depths 1:3
expect "sweep refuses --depth" 2 "--depth" "--depths"
run "$CLI" sweep --preset "$NOTEBOOK" --depths 1:3
expect "sweep refuses a multi-run preset without --run" 2 "--run" "4 runs"
run "$CLI" sweep --preset "$NOTEBOOK" --run 2 --depths 1:2
if [ "$status" = 0 ] && grep -q '"sweep"' "$out"; then ok "sweep --run 2 sweeps the second run"; else
  not_ok "sweep --run 2 sweeps the second run" "$(cat "$err")"; fi
run "$CLI" sweep --preset "$NOTEBOOK" --run 5 --depths 1:2
expect "sweep --run out of range" 2 "--run" "“5”" "1 to 4"

echo "1..$n"
[ "$failed" = 0 ]
