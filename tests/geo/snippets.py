"""Toponyms for resolver tests: each name found in the snippet in order, as the places stage
would hand it to `Resolver.resolve`."""

from __future__ import annotations

from khabar.geo.resolve import Resolution, Resolver, Toponym


def toponyms(text: str, names: list[str], dateline: str | None = None) -> list[Toponym]:
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        at = start + len(name)
        out.append(Toponym(name, start, at, name, dateline=name == dateline))
    return out


def resolve_names(resolver: Resolver, text: str, names: list[str]) -> list[Resolution]:
    return resolver.resolve(toponyms(text, names), text)
