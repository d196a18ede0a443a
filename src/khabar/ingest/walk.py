"""Directory walking: recursive, sorted, filtered by ``glob`` and ``exclude``; lazy (a generator)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path

from .options import ReadOptions


def matches(relpath: str, pattern: str) -> bool:
    """fnmatch against the name, or the relative path when the pattern has a ``/``.

    A leading ``**/`` also matches at the top level (``**/*.txt`` matches ``a.txt``).
    """
    name = relpath.rsplit("/", 1)[-1]
    if pattern.startswith("**/") and matches(relpath, pattern[3:]):
        return True
    if "/" in pattern:
        return fnmatchcase(relpath, pattern.rstrip("/"))
    return fnmatchcase(name, pattern)


# Files a directory walk never reads as articles: configuration, code and khabar's own knowledge
# files (a user KB such as examples/kb-example.yaml sits beside the articles it describes).
# Named explicitly on the command line they are still read.
NOT_ARTICLES = (".yaml", ".yml", ".toml", ".ini", ".cfg", ".py", ".js", ".css", ".sh", ".lock")


def excluded(relpath: str, patterns: tuple[str, ...]) -> bool:
    return any(matches(relpath, p) for p in patterns)


def walk(top: Path, options: ReadOptions) -> Iterator[Path]:
    """Files under ``top`` that match ``glob`` and no ``exclude`` pattern, in sorted order.

    Configuration and code files (`NOT_ARTICLES`) are skipped. Excluded and hidden directories are pruned (not descended into). Symbolic links to
    directories are not followed, so a link loop cannot hang the walk.
    """
    for root, dirs, files in os.walk(top):
        rel_root = Path(root).relative_to(top).as_posix()
        prefix = "" if rel_root == "." else rel_root + "/"
        dirs[:] = sorted(
            d for d in dirs
            if (options.include_hidden or not d.startswith("."))
            and not excluded(prefix + d, options.exclude)
        )
        for name in sorted(files):
            rel = prefix + name
            if not options.include_hidden and name.startswith("."):
                continue
            if not matches(rel, options.glob) or excluded(rel, options.exclude):
                continue
            if name.lower().endswith(NOT_ARTICLES):
                continue
            path = Path(root, name)
            if path.is_file():
                yield path
