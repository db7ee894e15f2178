#!/usr/bin/env bash
# Installs everything the test suite needs (system libraries for Qt, the app, the
# trainer and the test tools) and runs the whole suite. Used by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
export QT_QPA_PLATFORM=offscreen ORT_DISABLE_TELEMETRY=1
# the codebase's habits first (configured in pyproject.toml; .pre-commit-config.yaml runs the same)
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m mypy
exec python3 -m pytest "$@"
