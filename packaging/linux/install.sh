#!/usr/bin/env bash
# Installs this unpacked Genre Tagger folder for the current user (no root needed):
#   ~/.local/opt/genre-tagger/            the app (a copy of this folder)
#   ~/.local/bin/genre-tagger, tagger     commands (the desktop app; the CLI)
#   ~/.local/share/applications/          start-menu entry
#   ~/.local/share/icons/hicolor/{256x256,scalable}/apps/genre-tagger.{png,svg}
#
#   ./install.sh             install or update
#   ./install.sh --uninstall remove all of the above (your library database and
#                            settings in ~/.local/share/genre-tagger, ~/.config/genre-tagger stay)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
DEST="$PREFIX/opt/genre-tagger"
BIN="$PREFIX/bin"
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
ICONS="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor"

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$DEST"
  rm -f "$BIN/genre-tagger" "$BIN/tagger" "$APPS/genre-tagger.desktop" \
    "$ICONS/256x256/apps/genre-tagger.png" "$ICONS/scalable/apps/genre-tagger.svg"
  echo "Genre Tagger removed (library and settings kept)."
  exit 0
fi

[ -x "$HERE/genre-tagger" ] || { echo "install.sh: run it from the unpacked genre-tagger folder" >&2; exit 1; }
mkdir -p "$PREFIX/opt" "$BIN" "$APPS" "$ICONS/256x256/apps" "$ICONS/scalable/apps"
if [ "$HERE" != "$DEST" ]; then
  rm -rf "$DEST.new"
  cp -a "$HERE" "$DEST.new"
  rm -rf "$DEST"
  mv "$DEST.new" "$DEST"
fi
ln -sfn "$DEST/genre-tagger" "$BIN/genre-tagger"
ln -sfn "$DEST/genre-tagger" "$BIN/tagger"
sed "s|^Exec=genre-tagger|Exec=\"$DEST/genre-tagger\"|" "$DEST/genre-tagger.desktop" > "$APPS/genre-tagger.desktop"
ICON_DIR="$DEST/_internal/resources/icons"
if [ -f "$ICON_DIR/genre-tagger-256.png" ]; then cp "$ICON_DIR/genre-tagger-256.png" "$ICONS/256x256/apps/genre-tagger.png"; fi
if [ -f "$ICON_DIR/genre-tagger.svg" ]; then cp "$ICON_DIR/genre-tagger.svg" "$ICONS/scalable/apps/genre-tagger.svg"; fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPS" >/dev/null 2>&1 || true
echo "Genre Tagger $("$DEST/genre-tagger" --version | cut -d' ' -f2) installed in $DEST"
case ":$PATH:" in *":$BIN:"*) ;; *) echo "Add $BIN to your PATH to use the \`tagger\` command." ;; esac
