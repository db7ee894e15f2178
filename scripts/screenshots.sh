#!/usr/bin/env bash
# Screenshots of the app's main states into docs/screenshots/, on a virtual X display, in
# English and German, light and dark (scripts/screenshots.py). Needs Xvfb, Qt's xcb
# libraries and fonts for CJK and other scripts (scripts/system-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "screenshots.sh: xvfb-run not found; run scripts/system-deps.sh (as root) first" >&2
  exit 1
fi
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=ja family)" ]; then
  echo "screenshots.sh: no font covers Japanese (file names would show empty boxes); run scripts/system-deps.sh (as root) first" >&2
  exit 1
fi
export QT_QPA_PLATFORM=xcb
unset WAYLAND_DISPLAY
exec xvfb-run -a -s "-screen 0 1600x1000x24 -dpi 96" "$PYTHON" scripts/screenshots.py "$@"
