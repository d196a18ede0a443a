"""Extractors: one module each, run in order actors → relations → quotes → places → times → events.

Each module exposes one class with ``extract(ctx) -> list[Record]``; `Context` carries the Doc and
what earlier extractors found. `khabar.pipeline` wires them together.
"""

from .base import Context, Extractor

__all__ = ["Context", "Extractor"]
