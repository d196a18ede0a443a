"""`khabar geo`: look places up in the offline gazetteer, and explain an article's places.

Thin layer over `khabar.geo.lookup.Gazetteer` and `khabar.geo.explain`.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..errors import UserError

geo_app = typer.Typer(help="Look places up in the offline gazetteer; explain place choices.",
                      no_args_is_help=True)


def _gazetteer():
    from ..geo.lookup import Gazetteer
    from ..settings import Settings

    return Gazetteer(Settings().gazetteer_path())


@geo_app.command("lookup")
def lookup(
    name: Annotated[str, typer.Argument(help="place name, e.g. \"Springfield\" or \"Ill.\"")],
    search: Annotated[bool, typer.Option("--search", help="full-text (prefix) search instead")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=200)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON lines")] = False,
) -> None:
    """Places with this name, most populous first (what resolution starts from)."""
    gaz = _gazetteer()
    found = gaz.search(name, limit=limit) if search else gaz.lookup(name, max_kind=4, limit=limit)
    if not found:
        raise UserError(f"no place called {name!r} in the gazetteer")
    for c in found:
        if as_json:
            print(json.dumps(c._asdict(), ensure_ascii=False))
        else:
            area = ", ".join(x for x in (c.admin1, c.country) if x)
            print(f"{c.name:30} {c.feature:8} {area:40} pop {c.population:>10,}  "
                  f"({c.lat:.3f}, {c.lon:.3f})  geonames {c.geonames_id}")


@geo_app.command("explain")
def explain(
    article: Annotated[str, typer.Argument(help="article file (any format khabar reads), or - for stdin")],
) -> None:
    """Each toponym of an article with its candidate places and the parts of their scores."""
    from ..geo.explain import explain_text, format_explanation
    from ..ingest import ReadOptions, read_sources
    from ..records import Reject

    items = [i for i in read_sources([article], ReadOptions()) if not isinstance(i, Reject)]
    if not items:
        raise UserError(f"cannot read {article}")
    print(format_explanation(explain_text(items[0].text)) or "no places found")


def register(app: typer.Typer) -> None:
    app.add_typer(geo_app, name="geo")
