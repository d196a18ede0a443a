"""`khabar serve` from the command line: user errors are one line, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from khabar.errors import UserError
from khabar.serve.indexes import create_indexes


def test_serve_without_a_database_is_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "khabar", "serve", "--db", str(tmp_path / "none.db")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"khabar: error: database not found: {tmp_path / 'none.db'} "
                                                "(create it with `khabar ingest`)"]


def test_serve_rejects_a_url(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "khabar", "serve", "--db", "postgresql://x/y"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2 and "reads a SQLite file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_index_needs_an_existing_store(tmp_path):
    with pytest.raises(UserError, match="database not found"):
        create_indexes(tmp_path / "none.db")
