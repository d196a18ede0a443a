#!/usr/bin/env bash
# README command 2: run the test-suite. pytest's exit code 5 ("no tests collected") is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then echo "khabar: no tests were collected" >&2; exit 1; fi
exit "$rc"
