"""Typed records of the output contract (../shared/design/output-contract.md, version 1).

Every extractor returns these; the store, the exporters and the API read them. The JSON Schema
of the contract is generated from these classes (`khabar schema`), so the two cannot drift.
Offsets are character offsets into ``Article.text``, end exclusive.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "khabar/article/1"

ActorKind = Literal["person", "organization", "country", "group", "unknown"]
RelationType = Literal[
    "leader_of", "member_of", "part_of", "backed_by", "allied_with",
    "holds_role", "spokesperson_of", "based_in",
]
QuoteKind = Literal["direct", "indirect", "mixed"]
PlaceFeature = Literal["country", "admin1", "admin2", "city", "region", "other"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Modality = Literal["asserted", "reported", "negated", "hypothetical"]
DatePrecision = Literal["day", "month", "year", "inferred", "unknown"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TextSpan(Span):
    text: str


class Article(Record):
    """One input article. ``origin`` says where it was read (path and position) for rejects."""

    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = Field(None, description="ISO date (YYYY-MM-DD) or datetime")
    language: str = "en"
    text: str
    origin: str | None = Field(None, description="file and position the article was read from")


class Reject(Record):
    """An input that could not become an article, with the reason (kept in the store)."""

    source: str
    position: str | None = None
    reason: str


class Actor(Record):
    id: str
    name: str
    kind: ActorKind = "unknown"
    country: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    country_inferred: bool = False  # country from the article's setting, not the actor's words
    sectors: list[str] = []
    code: str | None = None
    kb_id: str | None = None
    roles: list[str] = []
    mentions: list[TextSpan] = []


class Relation(Record):
    type: RelationType
    source: str
    target: str | None = None
    value: str | None = None
    evidence: Span
    confidence: float = Field(ge=0, le=1)


class Quote(Record):
    id: str
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    direct: bool
    kind: QuoteKind
    via: str | None = None
    recipient: str | None = None
    content: TextSpan


class Place(Record):
    id: str
    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature: PlaceFeature = "other"
    country: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    admin1: str | None = None
    inferred: bool = False  # not in the gazetteer: placed at the article's place around it
    mentions: list[TextSpan] = []


class Time(Record):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: TimeType
    value: str | None = None


class Plover(Record):
    type: str
    mode: str | None = None
    context: list[str] = []


class Evidence(Record):
    trigger: TextSpan
    sentence: Span


class Event(Record):
    id: str
    source: str | None = None
    target: str | None = None
    cameo: str = Field(pattern=r"^[0-9]{2,4}$")
    plover: Plover | None = None
    quad_class: int = Field(ge=0, le=4)
    goldstein: float = Field(ge=-10, le=10)
    date: str | None = None
    date_precision: DatePrecision = "unknown"
    place: str | None = None
    place_inferred: bool = False
    modality: Modality = "asserted"
    reported_by: str | None = None
    evidence: list[Evidence] = []
    pattern: str | None = None
    confidence: float = Field(ge=0, le=1)


class ArticleRecord(Record):
    """Everything khabar found in one article: the unit that flows from `process` to the store."""

    schema_: Literal["khabar/article/1"] = Field(SCHEMA_ID, alias="schema")
    article: Article
    actors: list[Actor] = []
    relations: list[Relation] = []
    quotes: list[Quote] = []
    places: list[Place] = []
    times: list[Time] = []
    events: list[Event] = []
    warnings: list[str] = []

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> ArticleRecord:
        return cls.model_validate(data)


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one output document."""
    schema = ArticleRecord.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://khabar.invalid/schema/article-1.json"
    schema["title"] = "khabar article record, version 1"
    return schema
