"""`khabar doctor`: each check prints OK or FAIL with the fix."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from ..errors import UserError
from ..settings import Settings, default_db


def _check(label: str, fn) -> bool:
    try:
        detail = fn()
        print(f"OK    {label}: {detail}")
        return True
    except Exception as exc:  # every failure becomes a FAIL line with its fix, never a traceback
        fix = getattr(exc, "fix", None) or str(exc)
        print(f"FAIL  {label}: {fix}")
        return False


def run_checks(db: str | None = None, model: str | None = None) -> bool:
    results = []

    def python():
        return sys.version.split()[0]

    def spacy_version():
        import spacy

        return spacy.__version__

    def model_check():
        import spacy

        from ..nlp import resolve_model

        resolved = resolve_model(model)
        meta = spacy.info(resolved.location) if Path(resolved.location).is_dir() else None
        if meta is None:
            from spacy.util import get_package_version

            return f"{resolved.name} {get_package_version(resolved.location) or ''}".strip()
        return f"{resolved.name} ({meta.get('name')} {meta.get('version')})"

    def gazetteer():
        path = Settings().gazetteer_path()
        if not path.exists():
            raise UserError(f"gazetteer not built at {path}; run `khabar setup`")
        return f"{path} ({path.stat().st_size / 1e6:.0f} MB)"

    def database():
        path = Path(db or default_db())
        folder = path.resolve().parent
        if not folder.exists():
            raise UserError(f"folder {folder} does not exist")
        con = sqlite3.connect(str(path))
        con.execute("CREATE TABLE IF NOT EXISTS _doctor(x)")
        con.execute("DROP TABLE _doctor")
        con.close()
        return f"{path} writable"

    for label, fn in [("python", python), ("spacy", spacy_version), ("model", model_check),
                      ("gazetteer", gazetteer), ("database", database)]:
        results.append(_check(label, fn))
    return all(results)
