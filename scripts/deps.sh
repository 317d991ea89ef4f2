#!/usr/bin/env bash
# Installs the Debian packages parley needs to build and test (as root, or via sudo).
set -euo pipefail
PKGS="build-essential cmake pkg-config libfyaml-dev libjansson-dev libxml2-dev libgsl-dev
      libglpk-dev libsqlite3-dev libcmocka-dev python3 scdoc man-db clang-format"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
