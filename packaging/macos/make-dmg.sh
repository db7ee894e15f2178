#!/usr/bin/env bash
# Packs "dist/Genre Tagger.app" (made by packaging/genre-tagger.spec on macOS) into
#   dist/genre-tagger-<version>-macos-<arch>.dmg
# a compressed disk image with the app and a link to /Applications (drag to install).
# Format ULMO (LZMA, macOS 10.15+) rather than zlib's UDZO: on Linux the same content
# is 189 MB as tar.gz and 138 MB as tar.xz (the download budget is 160 MB).
#
#   packaging/macos/make-dmg.sh ["dist/Genre Tagger.app"]
#
# Uses `create-dmg` (brew install create-dmg: window layout, icon positions) when it is
# installed, else plain `hdiutil` (always there on macOS). Signing: PyInstaller signs the
# app ad hoc, which runs on the machine that built it and, after the user's right-click >
# Open, elsewhere. A Developer ID signature + notarization is a release step with the
# project's Apple credentials (see docs/packaging.md); set GENRE_TAGGER_CODESIGN_IDENTITY
# for the spec and run `xcrun notarytool submit ... --wait` + `xcrun stapler staple` on the dmg.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
APP="${1:-dist/Genre Tagger.app}"
[ -d "$APP" ] || { echo "make-dmg.sh: no app at $APP (build it with pyinstaller packaging/genre-tagger.spec)" >&2; exit 1; }
[ "$(uname -s)" = Darwin ] || { echo "make-dmg.sh: needs macOS (hdiutil)" >&2; exit 1; }

VERSION="$(sed -n 's/^__version__ *= *"\(.*\)"/\1/p' tagger/__init__.py)"
PLIST_VERSION="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$APP/Contents/Info.plist")"
[ "$VERSION" = "$PLIST_VERSION" ] || { echo "make-dmg.sh: app version $PLIST_VERSION != tagger $VERSION" >&2; exit 1; }
ARCH="$(lipo -archs "$APP/Contents/MacOS/genre-tagger" | tr ' ' '+')"
DMG="dist/genre-tagger-${VERSION}-macos-${ARCH}.dmg"
VOLNAME="Genre Tagger ${VERSION}"
rm -f "$DMG"

if command -v create-dmg >/dev/null 2>&1; then
  ICON_ARGS=()
  if [ -f resources/icons/genre-tagger.icns ]; then ICON_ARGS=(--volicon resources/icons/genre-tagger.icns); fi
  create-dmg --volname "$VOLNAME" "${ICON_ARGS[@]}" \
    --window-size 540 360 --icon-size 96 \
    --icon "Genre Tagger.app" 140 170 --app-drop-link 400 170 \
    --hide-extension "Genre Tagger.app" --no-internet-enable --format ULMO \
    "$DMG" "$APP"
else
  STAGE="$(mktemp -d)"
  trap 'rm -rf "$STAGE"' EXIT
  cp -R "$APP" "$STAGE/"
  ln -s /Applications "$STAGE/Applications"
  hdiutil create -volname "$VOLNAME" -srcfolder "$STAGE" -fs HFS+ -format ULMO -ov "$DMG"
fi
hdiutil verify "$DMG" >/dev/null
echo "$ROOT/$DMG"
