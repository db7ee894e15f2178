#!/usr/bin/env bash
# The app's translations. Qt's own tools, from PySide6 (pyside6-lupdate, pyside6-lrelease):
#
#   scripts/translations.sh           update translations/*.ts from the strings in tagger/gui
#                                     and the core's sentence templates (tagger/messages.py)
#                                     (new strings arrive unfinished, gone ones are dropped),
#                                     then build resources/translations/*.qm (what the app loads)
#   scripts/translations.sh --check   change nothing; fail if a .ts misses a string of the
#                                     code, holds an unfinished one, or a .qm is out of date
#
# genre_tagger_de.ts and _es.ts are the German and Spanish translations (edit them with Qt
# Linguist, or by hand); genre_tagger_en.ts holds only the English plural forms ("1 track",
# "2 tracks"): the source strings are English.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE="${LUPDATE:-pyside6-lupdate}"
LRELEASE="${LRELEASE:-pyside6-lrelease}"
LANGS=(de es)
OUT=resources/translations
# the core's sentences (tagger.messages) as lupdate markers, made afresh each run
markers="$(mktemp -d)"
trap 'rm -rf "$markers"' EXIT
"${PYTHON:-python3}" scripts/core_strings.py >"$markers/core_strings.py"
SOURCES=(tagger/gui/*.py "$markers/core_strings.py")

update() {  # update DIR: the .ts files in DIR from the code
  local dir="$1" lang
  for lang in "${LANGS[@]}"; do
    "$LUPDATE" "${SOURCES[@]}" -no-obsolete -locations none -target-language "$lang" \
      -ts "$dir/genre_tagger_$lang.ts" >/dev/null
  done
  "$LUPDATE" "${SOURCES[@]}" -pluralonly -no-obsolete -locations none -target-language en \
    -ts "$dir/genre_tagger_en.ts" >/dev/null
}

release() {  # release TSDIR QMDIR
  local ts
  mkdir -p "$2"
  for ts in "$1"/genre_tagger_*.ts; do
    "$LRELEASE" -silent "$ts" -qm "$2/$(basename "${ts%.ts}").qm"
  done
}

if [ "${1:-}" = "--check" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp" "$markers"' EXIT
  cp translations/*.ts "$tmp/"
  update "$tmp"
  status=0
  for ts in translations/*.ts; do
    if ! cmp -s "$ts" "$tmp/$(basename "$ts")"; then
      echo "translations.sh: $ts is not up to date with the code: run scripts/translations.sh" >&2
      status=1
    fi
    if grep -q 'type="unfinished"' "$ts"; then
      echo "translations.sh: $ts has $(grep -c 'type="unfinished"' "$ts") unfinished translation(s)" >&2
      status=1
    fi
  done
  release translations "$tmp/qm"
  for qm in "$tmp"/qm/*.qm; do
    if ! cmp -s "$qm" "$OUT/$(basename "$qm")"; then
      echo "translations.sh: $OUT/$(basename "$qm") is out of date: run scripts/translations.sh" >&2
      status=1
    fi
  done
  exit $status
fi

update translations
release translations "$OUT"
echo "translations.sh: $(ls translations/*.ts | wc -l) .ts updated, .qm files in $OUT/"
