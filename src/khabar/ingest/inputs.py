"""`Input`: one thing to read (a file, an archive member, stdin), named for origins and rejects."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .decode import read_bounded


@dataclass(frozen=True)
class Input:
    """origin: how articles and rejects name it ("dir/a.txt", "a.zip!b.txt", "<stdin>").
    name: the file name the format is chosen by (the member name inside an archive).
    open: returns a fresh binary stream each call (readers may sniff, then read again).
    size: byte size when known without reading; path: the file on disk, when there is one.
    """

    origin: str
    name: str
    open: Callable[[], BinaryIO]
    size: int | None = None
    path: Path | None = None

    def head(self, n: int = 8192) -> bytes:
        """The first ``n`` bytes (for sniffing); damage this early counts as no bytes."""
        with self.open() as f:
            return f.read(n)

    def read(self, limit: int, what: str = "input") -> bytes:
        with self.open() as f:
            return read_bounded(f, limit, size=self.size, what=what)


def file_input(path: Path, origin: str | None = None) -> Input:
    return Input(
        origin=origin or str(path),
        name=path.name,
        open=lambda: open(path, "rb"),
        size=path.stat().st_size,
        path=path,
    )


def bytes_input(data: bytes, origin: str, name: str) -> Input:
    return Input(origin=origin, name=name, open=lambda: io.BytesIO(data), size=len(data))
