#!/usr/bin/env bash
# Builds the Linux desktop bundle of Genre Tagger from this checkout:
#
#   dist/genre-tagger/                              one-folder app (GUI + `tagger` CLI)
#   dist/genre-tagger-<version>-linux-<arch>.tar.gz the same folder, for downloading
#   dist/genre-tagger-<version>-linux-<arch>.tar.xz  the same, ~27% smaller (both are within
#                                                   the 160 MB download budget today)
#   dist/Genre_Tagger-<version>-<arch>.AppImage     only if `appimagetool` is on PATH
#
# then runs packaging/smoke_test.py on the bundle in a clean environment and measures
# the size/start-time budgets (build/smoke-results.json; into docs/packaging.md only
# with --write-doc, so that a release build leaves the checkout as it was).
#
#   packaging/build-linux.sh [--fresh] [--no-smoke] [--runs N] [--write-doc]
#
#   --fresh      delete and recreate the build venv first
#   --no-smoke   build only (no smoke test, no measurements)
#   --runs N     start-time measurements per case (default 5; 0 = smoke test only)
#   --write-doc  rewrite the "Measured" block of docs/packaging.md with the results
#
# Sizes are in MB (10^6 bytes) everywhere, as in docs/packaging.md.
#
# Environment:
#   PYTHON                      interpreter for the venv (default: python3.11, else python3)
#   GENRE_TAGGER_VARIANT        cpu (default) or cuda (see build-gpu-linux.sh)
#   GENRE_TAGGER_BUILD_VENV     venv folder (default build/venv, build/venv-cuda)
#   GENRE_TAGGER_ALLOW_NO_MODEL=1  development build without the default model
#
# The venv holds the app's own dependencies and PyInstaller only (`pip install .
# pyinstaller`), never the trainer/test extras: with torch in the environment the
# bundle would grow by 1.3 GB. Needs network access to PyPI (or a local mirror) once.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FRESH=0 SMOKE=1 RUNS=5 DOC=0
while [ $# -gt 0 ]; do
  case "$1" in
    --fresh) FRESH=1 ;;
    --no-smoke) SMOKE=0 ;;
    --runs) RUNS="$2"; shift ;;
    --write-doc) DOC=1 ;;
    --no-doc) DOC=0 ;;  # the default now; kept so older command lines still work
    -h|--help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-linux.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

VARIANT="${GENRE_TAGGER_VARIANT:-cpu}"
case "$VARIANT" in
  cpu) ORT_PACKAGE="" ; DISTDIR="dist" ; SUFFIX="" ;;
  cuda) ORT_PACKAGE="onnxruntime-gpu" ; DISTDIR="dist/cuda" ; SUFFIX="-cuda" ;;
  *) echo "build-linux.sh: GENRE_TAGGER_VARIANT must be cpu or cuda" >&2; exit 2 ;;
esac
VENV="${GENRE_TAGGER_BUILD_VENV:-build/venv${SUFFIX}}"
WORK="build/pyinstaller${SUFFIX}"
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
VERSION="$(sed -n 's/^__version__ *= *"\(.*\)"/\1/p' tagger/__init__.py)"
ARCH="$(uname -m)"
BUNDLE="$DISTDIR/genre-tagger"
TARBALL="$DISTDIR/genre-tagger-${VERSION}-linux-${ARCH}${SUFFIX}.tar.gz"
TARXZ="${TARBALL%.gz}.xz"

step() { printf '\n==> %s\n' "$*"; }
die() { echo "build-linux.sh: $*" >&2; exit 1; }

[ -n "$VERSION" ] || die "no __version__ in tagger/__init__.py"
[ "$(uname -s)" = "Linux" ] || die "this script builds on Linux (see packaging/README.md for Windows/macOS)"

# ------------------------------------------------------------------ 1. app-only venv
step "build environment: $VENV ($("$PY" --version), variant $VARIANT)"
if [ "$FRESH" = 1 ]; then rm -rf "$VENV"; fi
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
case "$VENV" in
  /*) VPY="$VENV/bin/python" ;;  # an absolute venv folder, as the variable allows
  *) VPY="$ROOT/$VENV/bin/python" ;;
esac
"$VPY" -m pip install --quiet . "pyinstaller>=6.10"
if [ -n "$ORT_PACKAGE" ]; then
  # same import name `onnxruntime`: exactly one of the builds may be installed
  "$VPY" -m pip uninstall --quiet --yes onnxruntime
  "$VPY" -m pip install --quiet "$ORT_PACKAGE"
fi
# The environment must not hold what the app never uses (an optional import of scipy
# or onnxruntime would otherwise pull it into the bundle).
"$VPY" - <<'EOF'
import importlib.util, sys
bad = [m for m in ("torch", "librosa", "numba", "llvmlite", "tensorflow", "matplotlib", "sklearn", "onnx", "scipy")
       if importlib.util.find_spec(m) is not None]
if bad:
    sys.exit(f"build-linux.sh: the build venv is not app-only, it has: {', '.join(bad)} (use --fresh)")
EOF

# ------------------------------------------------------------------ 2. PyInstaller
step "PyInstaller -> $BUNDLE"
rm -rf "$BUNDLE"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$DISTDIR" --workpath "$WORK" packaging/genre-tagger.spec
[ -x "$BUNDLE/genre-tagger" ] || die "no executable at $BUNDLE/genre-tagger"
# Debug information left in compiled modules (PyAV's, Python's lib-dynload, SQLAlchemy's,
# libpython of a self-built Python: about 110 files, 40 MB of the bundle) is stripped.
# Never in the wheels' `*.libs/` folders: auditwheel's patchelf rewrote those libraries
# and `strip` breaks them ("ELF load command address/offset not page-aligned", seen with
# numpy's OpenBLAS); only files that hold .debug_* sections are touched.
if command -v strip >/dev/null 2>&1 && command -v readelf >/dev/null 2>&1; then
  stripped=0
  while IFS= read -r -d '' lib; do
    case "$lib" in *.libs/*) continue ;; esac
    if [ "$(readelf -S "$lib" 2>/dev/null | grep -c '\.debug_' || true)" -gt 0 ]; then
      strip --strip-debug "$lib"
      stripped=$((stripped + 1))
    fi
  done < <(find "$BUNDLE/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) -print0)
  echo "debug information stripped from $stripped libraries"
else
  echo "strip/readelf not on PATH (Debian: binutils): debug information kept"
fi
# one binary answers both; `tagger` is the name the CLI is documented under
ln -sfn genre-tagger "$BUNDLE/tagger"
install -m 0644 packaging/linux/genre-tagger.desktop "$BUNDLE/genre-tagger.desktop"
install -m 0755 packaging/linux/install.sh "$BUNDLE/install.sh"

# ------------------------------------------------------------------ 3. contents check
step "bundle contents"
"$VPY" packaging/smoke_test.py "$BUNDLE" --check-contents-only

# ------------------------------------------------------------------ 4. archives
step "archives -> $TARBALL, $TARXZ"
rm -f "$TARBALL" "$TARXZ"
tar -C "$DISTDIR" -czf "$TARBALL" genre-tagger
if command -v xz >/dev/null 2>&1; then
  tar -C "$DISTDIR" -cf - genre-tagger | xz -T0 -6 > "$TARXZ"
else
  echo "xz not on PATH (Debian: xz-utils): no tar.xz"
  TARXZ=""
fi
APPIMAGE=""
if command -v appimagetool >/dev/null 2>&1; then
  step "AppImage"
  APPDIR="build/AppDir${SUFFIX}"
  rm -rf "$APPDIR"
  mkdir -p "$APPDIR/usr/lib"
  cp -a "$BUNDLE" "$APPDIR/usr/lib/genre-tagger"
  cp packaging/linux/genre-tagger.desktop "$APPDIR/genre-tagger.desktop"
  cp resources/icons/genre-tagger-256.png "$APPDIR/genre-tagger.png"
  printf '#!/bin/sh\nexec "$(dirname "$(readlink -f "$0")")/usr/lib/genre-tagger/genre-tagger" "$@"\n' > "$APPDIR/AppRun"
  chmod +x "$APPDIR/AppRun"
  APPIMAGE="$DISTDIR/Genre_Tagger-${VERSION}-${ARCH}${SUFFIX}.AppImage"
  ARCH="$ARCH" appimagetool --no-appstream "$APPDIR" "$APPIMAGE"
else
  echo "appimagetool not on PATH: no AppImage (see docs/packaging.md)"
fi

# ------------------------------------------------------------------ 5. smoke test + budgets
if [ "$SMOKE" = 1 ]; then
  step "smoke test (clean environment)"
  args=("$BUNDLE" --archive "$TARBALL" --runs "$RUNS" --json-out "build/smoke-results${SUFFIX}.json")
  if [ -n "$TARXZ" ]; then args+=(--archive "$TARXZ"); fi
  if [ "$DOC" = 1 ] && [ "$VARIANT" = cpu ]; then args+=(--write-doc docs/packaging.md); fi
  "$VPY" packaging/smoke_test.py "${args[@]}"
fi

step "built"
mb() { du -sb "$1" | awk '{printf "%.1f MB", $1 / 1e6}'; }  # MB, as in docs/packaging.md
echo "bundle:  $ROOT/$BUNDLE   ($(mb "$BUNDLE"))"
echo "archive: $ROOT/$TARBALL   ($(mb "$TARBALL"))"
if [ -n "$TARXZ" ]; then echo "archive: $ROOT/$TARXZ   ($(mb "$TARXZ"))"; fi
if [ -n "$APPIMAGE" ]; then echo "AppImage: $ROOT/$APPIMAGE"; fi
