"""Query parameters of the API, as pydantic models (so they appear in the OpenAPI spec), and their
translation into SQL conditions. Every value reaches SQLite as a bound parameter: no request text
is ever spliced into SQL.

Identity across articles: an actor is named by its canonical ``name`` (the knowledge base gives
the same name to the same actor everywhere); the ``actor`` filter also accepts a CAMEO actor
code. A place is named by its GeoNames id when it has one, else by its name.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Format = Literal["json", "csv", "ndjson"]
Modality = Literal["asserted", "reported", "negated", "hypothetical"]

_CODE = r"^[0-9]{2,4}$"
_ISO3 = r"^[A-Za-z]{3}$"
_ARTICLE = r"^[0-9a-fA-F]{6,64}$"


def _day(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError("must be a date YYYY-MM-DD") from None


class Page(BaseModel):
    """Paging and output format, shared by every list."""

    model_config = ConfigDict(extra="forbid")

    size: int = Field(50, ge=1, le=1000, description="rows per page (max 1000)")
    next: str | None = Field(None, max_length=500, pattern=r"^[A-Za-z0-9_-]+$",
                             description="opaque token from the previous page's `next`")
    format: Format = Field("json", description="json page, or csv / ndjson stream of the whole list")


class Dated(Page):
    since: dt.date | None = Field(None, description="first day, YYYY-MM-DD (inclusive)")
    until: dt.date | None = Field(None, description="last day, YYYY-MM-DD (inclusive)")
    q: str | None = Field(None, min_length=1, max_length=200, pattern=r"[^\W_]",
                          description="full-text search in article titles and text: words are ANDed, \"quoted phrases\" kept, trailing * = prefix; case and accents do not count")
    article: str | None = Field(None, pattern=_ARTICLE, description="article id")

    @field_validator("since", "until", mode="before")
    @classmethod
    def _check_day(cls, value: object) -> object:
        # only the ISO form: pydantic alone would also take "2024-05-02T00:00" or a timestamp
        return _day(value) if isinstance(value, str) else value


class EventFilters(Dated):
    actor: str | None = Field(None, min_length=1, max_length=200, description="actor name or CAMEO actor code (source or target)")
    source: str | None = Field(None, min_length=1, max_length=200, description="source actor name or code")
    target: str | None = Field(None, min_length=1, max_length=200, description="target actor name or code")
    root: str | None = Field(None, pattern=r"^[0-9]{2}$", description="CAMEO root code, two digits")
    cameo: str | None = Field(None, pattern=_CODE, description="CAMEO code; matches it and its sub-codes")
    plover: str | None = Field(None, min_length=1, max_length=40, description="PLOVER event type, e.g. PROTEST")
    quad: int | None = Field(None, ge=1, le=4, description="quad class 1-4")
    country: str | None = Field(None, pattern=_ISO3, description="ISO alpha-3: the event's place or either actor")
    place: str | None = Field(None, min_length=1, max_length=200, description="GeoNames id or place name")
    modality: Modality | None = None


class ArticleFilters(Dated):
    source: str | None = Field(None, min_length=1, max_length=200, description="publisher")
    actor: str | None = Field(None, min_length=1, max_length=200, description="an actor named in the article")
    country: str | None = Field(None, pattern=_ISO3, description="a place in the article is in this country")


class ActorFilters(Dated):
    name: str | None = Field(None, min_length=1, max_length=200, description="part of the actor's name")
    country: str | None = Field(None, pattern=_ISO3)
    kind: Literal["person", "organization", "country", "group", "unknown"] | None = None
    code: str | None = Field(None, min_length=1, max_length=40, description="CAMEO actor code prefix")


class QuoteFilters(Dated):
    actor: str | None = Field(None, min_length=1, max_length=200, description="speaker name or code")
    kind: Literal["direct", "indirect", "mixed"] | None = None


class PlaceFilters(Dated):
    name: str | None = Field(None, min_length=1, max_length=200, description="part of the place name")
    country: str | None = Field(None, pattern=_ISO3)
    feature: Literal["country", "admin1", "admin2", "city", "region", "other"] | None = None


class RelationFilters(Dated):
    actor: str | None = Field(None, min_length=1, max_length=200, description="either end, name or code")
    type: Literal["leader_of", "member_of", "part_of", "backed_by", "allied_with",
                  "holds_role", "spokesperson_of", "based_in"] | None = None


FacetBy = Literal["day", "month", "cameo_root", "cameo", "plover", "quad_class", "country",
                  "modality", "actor", "place"]


class FacetParams(EventFilters):
    by: FacetBy = Field("day", description="what to count events by")
    split: Literal["quad_class"] | None = Field(None, description="also split each bucket by quad class")


class NetworkParams(EventFilters):
    edges: int = Field(200, ge=1, le=2000, description="keep the heaviest N actor pairs")


def like_pattern(text: str) -> str:
    """``%text%`` for LIKE ... ESCAPE '\\' with the user's % and _ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
