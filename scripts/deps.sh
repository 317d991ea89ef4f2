#!/usr/bin/env bash
# Installs the Debian packages parley needs to build and test (as root, or via sudo):
# the libraries (libfyaml, jansson, libxml2, GSL, GLPK, SQLite; PLplot on cairo for
# charts; Open MPI for runs across processes), the test tools (cmocka, python3 with
# pytest and NumPy for the Python binding, Chromium and poppler's pdftoppm to look at
# reports and charts as a person would) and scdoc for the man pages.
set -euo pipefail
PKGS="build-essential cmake pkg-config libfyaml-dev libjansson-dev libxml2-dev libgsl-dev
      libglpk-dev libsqlite3-dev libcmocka-dev python3 scdoc man-db clang-format
      libplplot-dev plplot-driver-cairo libopenmpi-dev openmpi-bin
      chromium poppler-utils python3-pytest python3-numpy"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
