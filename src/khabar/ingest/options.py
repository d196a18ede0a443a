"""`ReadOptions`: everything that changes how inputs are read, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import UserError
from .dates import normalize_date

DEFAULT_FIELDS: dict[str, str] = {
    "text": "text", "title": "title", "url": "url",
    "published": "published", "id": "id", "source": "source",
}

FORMATS = ("text", "markdown", "html", "json", "jsonl", "csv", "tsv", "feed", "warc", "gz", "zip", "tar")


@dataclass(frozen=True)
class ReadOptions:
    """How `read_sources` reads.

    glob, exclude: which files of a directory are read (fnmatch patterns matched against the file
        name, or against the path relative to the directory when the pattern has a ``/``); files and
        directories whose name starts with ``.`` are skipped unless ``include_hidden``. Paths named
        explicitly are always read. ``exclude`` also applies to archive members.
    published: fallback publication date when the input has none (``--published``).
    fields: input field / column names for json, jsonl, csv and tsv; keys text, title, url,
        published, id, source. Partial mappings are completed with the defaults (same names).
    max_chars: longest article text accepted; longer ones are rejected with the size and the limit.
    max_bytes: largest single document read into memory (an html page, a json file, a feed, a warc
        record, a jsonl line); reading stops at the limit and the document is rejected.
    languages: accepted languages (ISO 639-1); confidently detected others are rejected.
        An empty tuple turns the check off.
    min_language_chars: texts shorter than this are too short to judge and pass the check.
    format: read every file as this format instead of choosing by file name / content.
    """

    glob: str = "*"
    exclude: tuple[str, ...] = ()
    published: str | None = None
    fields: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FIELDS))
    max_chars: int = 1_000_000
    max_bytes: int = 50_000_000
    languages: tuple[str, ...] = ("en",)
    min_language_chars: int = 60
    format: str | None = None
    include_hidden: bool = False

    def __post_init__(self) -> None:
        # frozen: normalize through object.__setattr__ once, at construction.
        unknown = set(self.fields) - set(DEFAULT_FIELDS)
        if unknown:
            raise UserError(
                f"unknown field name(s) {', '.join(sorted(unknown))}; known: {', '.join(DEFAULT_FIELDS)}"
            )
        object.__setattr__(self, "fields", {**DEFAULT_FIELDS, **self.fields})
        exclude = (self.exclude,) if isinstance(self.exclude, str) else tuple(self.exclude)
        object.__setattr__(self, "exclude", exclude)
        object.__setattr__(self, "languages", tuple(self.languages))
        if self.published is not None:
            iso = normalize_date(self.published)
            if iso is None:
                raise UserError(f"--published: cannot read {self.published!r} as a date (use YYYY-MM-DD)")
            object.__setattr__(self, "published", iso)
        if self.format is not None and self.format not in FORMATS:
            raise UserError(f"unknown format {self.format!r}; known: {', '.join(FORMATS)}")
        if self.max_chars < 1 or self.max_bytes < 1:
            raise UserError("max_chars and max_bytes must be positive")
