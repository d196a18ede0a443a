"""The team-written gazetteer additions (regions.yaml): models, loader, validator.

Errors name the file and line (`KnowledgeError`), like every other knowledge file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import KnowledgeError
from ..knowledge.load import _LineLoader, load_yaml_records

REGIONS_FILE = Path(__file__).resolve().parent / "regions.yaml"


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    aliases: list[str] = []
    demonyms: list[str] = []
    geonames_id: int | None = None
    feature: Literal["region", "other"] = "region"
    fclass: Literal["L", "H", "T", "A", "P", "S", "V", "R", "U"] = "L"
    country: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    bbox: tuple[float, float, float, float]

    @model_validator(mode="after")
    def _bbox_holds_point(self) -> Region:
        south, west, north, east = self.bbox
        if not (south <= self.lat <= north and west <= self.lon <= east):
            raise ValueError("bbox [south, west, north, east] must contain lat/lon")
        return self


class AliasTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    country: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    admin1: str | None = Field(None, pattern=r"^[A-Z]{2}\.[A-Z0-9]+$")
    geonames_id: int | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> AliasTarget:
        if sum(x is not None for x in (self.country, self.admin1, self.geonames_id)) != 1:
            raise ValueError("target needs exactly one of country, admin1, geonames_id")
        return self


class Alias(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target: AliasTarget
    names: list[str] = Field(min_length=1)
    kind: Literal["alias", "abbreviation", "demonym"] = "alias"


def load_regions(path: Path = REGIONS_FILE) -> tuple[list[Region], list[Alias]]:
    """Both sections of a regions file, validated."""
    return (
        load_yaml_records(path, Region, key="regions"),
        load_yaml_records(path, Alias, key="aliases"),
    )


def alias_lines(path: Path = REGIONS_FILE) -> list[int]:
    """Line of each `aliases` entry, so the builder can name the line of a target it can't find."""
    import yaml

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    entries = data.get("aliases") or [] if isinstance(data, dict) else []
    return [e.get("__line__", 0) if isinstance(e, dict) else 0 for e in entries]


def unknown_target(path: Path, line: int | None, alias: Alias) -> KnowledgeError:
    return KnowledgeError(path, line, f"alias target {alias.target.model_dump(exclude_none=True)} "
                                      "is not in the gazetteer")
