#!/usr/bin/env bash
# Builds the Debian package (cpack -G DEB), installs it with dpkg -i, checks
# that the installed parley runs, `man parley` shows its page, a program
# builds against it with pkg-config, and the package's Depends name the
# package of every library its binaries load; then removes it (dpkg -r, then
# purged so nothing is left).
# Needs root (dpkg) and the build dependencies (scripts/deps.sh).
# usage: scripts/deb-test.sh [BUILD_DIR]   (default build-deb)
set -euo pipefail
# (no pipeline below stops reading early: with pipefail a writer killed by
# SIGPIPE would fail the script at random)
cd "$(dirname "$0")/.."
SRC=$PWD
B=${1:-build-deb}
[ "$(id -u)" -eq 0 ] || { echo "deb-test: needs root (dpkg -i)" >&2; exit 2; }
if dpkg-query -W -f='${Status}' parley 2>/dev/null | grep ' installed$' >/dev/null; then
  echo "deb-test: a package 'parley' is already installed; remove it first (dpkg -r parley)" >&2
  exit 2
fi
# The Python package goes where Debian's python3 looks (dist-packages).
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  -DPARLEY_PYTHON_INSTALL_DIR=lib/python3/dist-packages >/dev/null
cmake --build "$B" -j"$(nproc)"
rm -f "$B"/parley_*.deb
(cd "$B" && cpack -G DEB >/dev/null)
DEB=$(ls "$B"/parley_*.deb)
VERSION=$(sed -n 's/^project(parley VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
echo "== $DEB"
dpkg-deb -I "$DEB" | sed -n 's/^ \(Package\|Version\|Depends\):/\1:/p'

WORK=$(mktemp -d)
cleanup() { dpkg -P parley >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
fail() { echo "deb-test: FAIL: $*" >&2; exit 1; }

[ "$(dpkg-deb -f "$DEB" Package)" = parley ] || fail "package name"
[ "$(dpkg-deb -f "$DEB" Version)" = "$VERSION" ] || fail "package version != $VERSION"

# Every shared library the package's binaries need comes from a package its
# Depends names (or from the package itself).
dpkg-deb -x "$DEB" "$WORK/root"
depends=$(dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed 's/(.*)//; s/ //g')
for f in "$WORK/root/usr/bin/parley" "$WORK/root/usr/lib/libparley.so.$VERSION"; do
  for lib in $(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    case $lib in libparley.so.*) continue ;; esac
    path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found++ { print $NF }')
    [ -n "$path" ] || fail "$lib (needed by $(basename "$f")) not found"
    pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | sed -n '1s/:.*//p') ||
      pkg=$(dpkg -S "$path" | sed -n '1s/:.*//p')
    grep -qx "$pkg" <<<"$depends" || fail "$lib is in package $pkg, which Depends does not name"
  done
done

dpkg -i "$DEB" >/dev/null
echo "== installed"
cd "$WORK"  # nothing from the source tree or the build directory
got=$(env -u LD_LIBRARY_PATH parley --version)
[ "$got" = "parley $VERSION" ] || fail "parley --version printed '$got'"
echo "$got"
[ "$(command -v parley)" = /usr/bin/parley ] || fail "parley is not /usr/bin/parley"
parley score "$SRC/examples/textbook.yaml" --plan draft2 >/dev/null || fail "parley score"
man -P cat parley 2>"$WORK/man.err" | grep '^NAME' >/dev/null || fail "man parley: $(cat "$WORK/man.err")"
[ ! -s "$WORK/man.err" ] || fail "man parley: $(cat "$WORK/man.err")"
man -P cat parley-score | grep 'parley score' >/dev/null || fail "man parley-score"
echo "man parley, man parley-score: ok"
# Debian's own python3 imports the package and scores through the installed library.
py=$(env -u PYTHONPATH -u PARLEY_LIBRARY /usr/bin/python3 -c "
import parley
u = parley.load('$SRC/examples/textbook.yaml').score('draft2')['utilities']
print(parley.library_path(), round(u['B'], 6))") || fail "python3 -c 'import parley' (installed)"
case "$py" in /usr/lib/*libparley.so.0*" 0.65") echo "python3: import parley: $py" ;;
  *) fail "installed Python package: '$py'" ;; esac
[ -f /usr/share/bash-completion/completions/parley ] || fail "bash completion not installed"
# A user's program, with the installed pkg-config file (needs the -dev
# packages of the private dependencies, as parley.pc's Requires.private says).
cc "$SRC/examples/api/on_board.c" -o on_board $(pkg-config --cflags --libs parley) ||
  fail "on_board does not build against the package"
./on_board "$SRC/examples/ukraine-2025.yaml" | grep 'to bring .* to its walk-away' >/dev/null ||
  fail "on_board against the package"
echo "on_board built with pkg-config against /usr: ok"

dpkg -r parley >/dev/null
[ ! -e /usr/bin/parley ] && [ ! -e /usr/lib/libparley.so.0 ] || fail "dpkg -r left files behind"
dpkg -P parley >/dev/null
echo "dpkg -r parley: ok"
echo "deb-test: 1 passed, 0 failed"
