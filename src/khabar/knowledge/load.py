"""Loaders shared by every knowledge file: parse, validate each entry against a pydantic model,
and report the first problems as ``file:line: message`` (`KnowledgeError`). A file with an error
loads nothing (no half-loaded knowledge)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import KnowledgeError

DATA_DIR = Path(__file__).resolve().parent
M = TypeVar("M", bound=BaseModel)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the 1-based line of every mapping as key ``__line__``."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _describe(err: ValidationError) -> str:
    first = err.errors()[0]
    loc = ".".join(str(x) for x in first["loc"]) or "entry"
    return f"{loc}: {first['msg']}"


def load_yaml_records(path: str | Path, model: type[M], key: str | None = None) -> list[M]:
    """Load a YAML file whose top level is a list of mappings (or a mapping holding that list
    under ``key``) and validate each mapping as ``model``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(path, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeError(path, mark.line + 1 if mark else None, f"YAML syntax: {getattr(exc, 'problem', exc)}") from None
    if key is not None and isinstance(data, dict):
        data = data.get(key)
    if data is None:
        return []
    if not isinstance(data, list):
        raise KnowledgeError(path, 1, f"expected a list of entries{f' under {key!r}' if key else ''}")
    records = []
    for item in data:
        if not isinstance(item, dict):
            raise KnowledgeError(path, None, f"expected a mapping, got {type(item).__name__}: {item!r}")
        line = item.pop("__line__", None)
        _strip_lines(item)
        try:
            records.append(model.model_validate(item))
        except ValidationError as exc:
            raise KnowledgeError(path, line, _describe(exc)) from None
    return records


def read_yaml_keyed(path: str | Path) -> tuple[Any, Callable[[object], int | None]]:
    """A YAML file whose top level maps keys to entries (words.yaml, place_nouns.yaml), and
    the line each top-level key stands on, for ``file:line`` errors. A file that cannot be
    read or parsed raises `KnowledgeError` naming the line of the syntax error."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeError(path, mark.line + 1 if mark else None, str(exc)) from None
    lines = text.splitlines()

    def line_of(key: object) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(str(key))}\s*:")
        return next((i for i, t in enumerate(lines, 1) if pattern.match(t)), None)

    return data, line_of


def load_yaml_mapping(path: str | Path, model: type[M], not_mapping: str | None = None) -> M:
    """A keyed YAML file (`read_yaml_keyed`) validated as one ``model``; an invalid value
    raises `KnowledgeError` naming the line of its top-level key. With ``not_mapping``, a file
    whose top level is no mapping is refused with that message (line 1)."""
    data, line_of = read_yaml_keyed(path)
    if not_mapping is not None and not isinstance(data, dict):
        raise KnowledgeError(path, 1, not_mapping)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        raise KnowledgeError(path, line_of(key) if key else None, f"{key}: {first['msg']}") from None


def _strip_lines(value) -> None:
    if isinstance(value, dict):
        value.pop("__line__", None)
        for v in value.values():
            _strip_lines(v)
    elif isinstance(value, list):
        for v in value:
            _strip_lines(v)


def load_csv_records(path: str | Path, model: type[M], delimiter: str = ",") -> list[M]:
    """Load a CSV/TSV with a header row; each row validated as ``model`` (line = file line)."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise KnowledgeError(path, None, f"cannot read: {exc.strerror or exc}") from None
    records = []
    with handle:
        reader = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter=delimiter)
        for row in reader:
            row = {k: (v if v != "" else None) for k, v in row.items() if k is not None}
            try:
                records.append(model.model_validate(row))
            except ValidationError as exc:
                raise KnowledgeError(path, reader.line_num, _describe(exc)) from None
    return records
