#!/usr/bin/env bash
# Debian/Ubuntu packages the desktop app needs at run time, plus Xvfb for the
# screenshot script and headless GUI runs. Installs only what is missing.
#
#   sudo scripts/system-deps.sh          # run time + Xvfb
#   scripts/system-deps.sh --check       # list what is missing, install nothing
set -euo pipefail

PACKAGES=(
  # Qt Multimedia (playback in the detail panel)
  libpulse0
  # Qt's xcb platform plugin (a real X display, or Xvfb)
  libegl1 libgl1 libglx0 libglvnd0 libglib2.0-0 libfontconfig1 libfreetype6
  fonts-dejavu-core libdbus-1-3
  # fonts for file names and tags in other scripts (CJK: Droid Sans Fallback; Arabic,
  # Hebrew, Thai, Devanagari…: Noto); without them such characters show as empty boxes
  fonts-droid-fallback fonts-noto-core
  libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0
  libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1
  libxkbcommon0 libxkbcommon-x11-0
  # headless display for scripts/screenshots.sh
  xvfb xauth
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps.sh: not a Debian-like system (no dpkg-query); install the equivalents of:" >&2
  echo "  ${PACKAGES[*]}" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system-deps.sh: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

echo "system-deps.sh: missing: ${missing[*]}"
if [ "${1:-}" = "--check" ]; then
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps.sh: run as root (e.g. sudo $0) to install them" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
