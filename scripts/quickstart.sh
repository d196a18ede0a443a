#!/usr/bin/env bash
# README command 1: set everything up, then run the main job on the bundled example corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== ingesting examples/ into khabar.db"
.venv/bin/khabar ingest examples/ --db khabar.db
.venv/bin/khabar stats --db khabar.db
