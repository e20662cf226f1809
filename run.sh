#!/bin/sh
# run.sh - set up a Debian 12 machine for Gradlens, build it, and run it or test it.
#
#   ./run.sh          install what is missing, build, then start the app on the notebook's
#                     experiment (with no display: write the notebook's figures to figures/
#                     and print the gradient-norm table)
#   ./run.sh test     install what is missing, build, and run every test (the normal build
#                     under a private Xvfb, then the AddressSanitizer build and the preset fuzzer)
#   ./run.sh test --quick   only the normal build's tests
#
# Environment: BUILD_DIR (default build), FUZZ_SECONDS (default 60).
set -eu
cd "$(dirname "$0")"

PACKAGES="gcc libc6-dev pkg-config meson ninja-build libglib2.0-dev libjson-glib-dev \
libcairo2-dev libpango1.0-dev libgtk-4-dev libadwaita-1-dev libopenblas-dev \
xvfb xauth xdotool imagemagick libxml2-utils gettext desktop-file-utils appstream-util \
poppler-utils librsvg2-bin clang libclang-rt-14-dev python3 locales fonts-dejavu-core \
dbus"

install_packages() {
  missing=""
  for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "run.sh: installing:$missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
  fi
  # a comma-decimal locale, so that the preset tests run under one
  if ! locale -a 2>/dev/null | grep -qi '^de_DE.utf8$'; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO localedef -i de_DE -f UTF-8 de_DE.UTF-8 || true
  fi
}

BUILD_DIR=${BUILD_DIR:-build}

build() {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    meson setup "$BUILD_DIR" "$@"
  fi
  meson compile -C "$BUILD_DIR"
}

cmd=${1:-run}
case "$cmd" in
  run)
    install_packages
    build
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec meson devenv -C "$BUILD_DIR" ./src/app/gradlens "$PWD/data/presets/notebook.json"
    fi
    echo "run.sh: no display; writing the notebook's figures to figures/"
    mkdir -p figures
    cli="$BUILD_DIR/src/cli/gradlens-cli"
    for p in data/presets/*.json; do
      name=$(basename "$p" .json)
      "$cli" plot --preset "$p" --output "figures/$name.png" --size 1600x900
      "$cli" plot --preset "$p" --output "figures/$name.svg"
      "$cli" plot --preset "$p" --output "figures/$name.pdf"
    done
    ls -l figures
    "$cli" run --preset data/presets/notebook.json --format table
    ;;
  test)
    install_packages
    build
    exec tests/ci/all.sh "$BUILD_DIR" "${2:-}"
    ;;
  *)
    echo "usage: ./run.sh [run|test [--quick]]" >&2
    exit 2
    ;;
esac
