"""Settings in one place: defaults, environment variables, and what the CLI passes in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "khabar.db"


def data_dir() -> Path:
    """Where built data assets (the gazetteer) live: $KHABAR_DATA, else the user data folder."""
    env = os.environ.get("KHABAR_DATA")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "khabar"


def default_db() -> str:
    return os.environ.get("KHABAR_DB", DEFAULT_DB)


@dataclass(frozen=True)
class Settings:
    """What a `Pipeline` is built from. Paths to user knowledge plug in here (``--kb`` etc.)."""

    model: str | None = None
    kb_paths: tuple[Path, ...] = ()
    pattern_paths: tuple[Path, ...] = ()
    gazetteer: Path | None = None
    batch_size: int = 32
    extractors: tuple[str, ...] = field(
        default=("actors", "relations", "quotes", "places", "times", "events")
    )

    def gazetteer_path(self) -> Path:
        return self.gazetteer or data_dir() / "gazetteer.sqlite"
