"""The records storyline passes between stages: small frozen dataclasses.

Each has ``as_dict`` and ``from_dict``; the JSON contract is built from these in ``export.py``.
Offsets (``start``, ``end``) are character offsets into ``Article.text``, the cleaned text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

T = TypeVar("T")

# How a described value was established, weakest last. "unknown" always comes with a reason.
HOW = ("metadata", "url", "text", "inferred", "unknown")


def _from_dict(cls: type[T], data: dict[str, Any], nested: dict[str, type] | None = None) -> T:
    """Build ``cls`` from a dict, ignoring unknown keys and turning lists back into tuples."""
    nested = nested or {}
    kwargs: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in nested and value is not None:
            value = tuple(nested[f.name].from_dict(v) for v in value)
        elif isinstance(value, list):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        kwargs[f.name] = value
    return cls(**kwargs)


@dataclass(frozen=True)
class Removed:
    """A piece of scraping junk taken out of an article, kept so nothing vanishes silently."""

    kind: str
    text: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Removed:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Cleaned:
    """What ``clean.clean`` returns: the analysable text, the junk removed, and flags found."""

    text: str
    removed: tuple[Removed, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Metadata:
    """What the input itself says about an article (HTML meta, a JSON record, a feed entry)."""

    title: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    author: str | None = None
    language: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metadata:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class RawDocument:
    """One input as read: a text or HTML body with whatever metadata came with it.

    ``source`` names where it came from (a path, a URL, ``path#3`` for the third record of a
    JSONL file) so errors and provenance can point back at it.
    """

    source: str
    content: str
    kind: str = "text"  # "text" | "html"
    meta: Metadata = field(default_factory=Metadata)
    encoding: str | None = None


@dataclass(frozen=True)
class Rejection:
    """An input that could not be used, with the reason, recorded instead of stopping the batch."""

    source: str
    reason: str
    stage: str = "ingest"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rejection:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Evidence:
    """A place in an article's cleaned text that supports an extracted item."""

    article: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class DateCandidate:
    """One piece of evidence for an article's publication date, kept even when not chosen."""

    value: str  # YYYY-MM-DD
    how: str  # one of HOW
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateCandidate:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Article:
    """One cleaned, described article.

    ``unknown`` holds ``(field, reason)`` pairs for every described field left ``None``.
    ``*_how`` say how each value was established (see ``HOW``).
    """

    id: str
    source: str
    text: str
    url: str | None = None
    title: str | None = None
    title_how: str = "unknown"
    outlet: str | None = None
    outlet_how: str = "unknown"
    author: str | None = None
    author_how: str = "unknown"
    published: str | None = None
    published_how: str = "unknown"
    published_candidates: tuple[DateCandidate, ...] = ()
    language: str | None = None
    flags: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    unknown: tuple[tuple[str, str], ...] = ()
    encoding: str | None = None  # of the input bytes, as detected (None for decoded inputs)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["flags"] = list(self.flags)
        data["removed"] = [r.as_dict() for r in self.removed]
        data["published_candidates"] = [c.as_dict() for c in self.published_candidates]
        data["unknown"] = dict(self.unknown)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        unknown = data.get("unknown") or {}
        data["unknown"] = tuple(sorted(unknown.items())) if isinstance(unknown, dict) else unknown
        return _from_dict(
            cls, data, nested={"removed": Removed, "published_candidates": DateCandidate}
        )


_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The form of a text that its id is computed from: NFKC, one space between words."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def article_id(text: str, origin: str | None = None) -> str:
    """Content-hash id of an article.

    The same cleaned text from the same origin (URL, else outlet) always gets the same id, so
    re-ingesting is a no-op; the same text from two origins gets two ids, linked later as a
    reprint.
    """
    digest = hashlib.sha256(normalize_text(text).encode("utf-8"))
    if origin:
        digest.update(b"\x00" + origin.strip().lower().encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Quote:
    """Something a speaker said, with its evidence span.

    ``text == article_text[start:end]`` (the content without its quotation marks). ``kind`` is
    ``direct`` (a quoted utterance), ``partial`` (a quoted fragment inside reported speech) or
    ``indirect`` (the content clause of a speech verb). ``speaker`` is the canonical name, or
    ``None`` with ``reason`` saying why; ``speaker_mention`` is the words the article used.
    """

    article: str
    text: str
    kind: str
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    role: str | None = None
    org: str | None = None
    cue: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class CitedSource:
    """An outlet, agency or institution an article credits for information ("according to X")."""

    article: str
    name: str
    cue: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CitedSource:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Mention:
    """One place an actor is named or referred to, with the canonical name it resolves to."""

    article: str
    text: str
    actor: str
    kind: str  # "person" | "org" | "gpe"
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Actor:
    """A person, organisation or place, under its fullest name, with the other names used."""

    name: str
    kind: str  # "person" | "org" | "gpe"
    aliases: tuple[str, ...] = ()
    role: str | None = None
    org: str | None = None
    country: str | None = None
    articles: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        data["articles"] = list(self.articles)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Attributions:
    """What ``quotes.extract_attributions`` finds in one article."""

    article: str
    quotes: tuple[Quote, ...] = ()
    cited_sources: tuple[CitedSource, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "quotes": [q.as_dict() for q in self.quotes],
            "cited_sources": [c.as_dict() for c in self.cited_sources],
            "mentions": [m.as_dict() for m in self.mentions],
            "actors": [a.as_dict() for a in self.actors],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attributions:
        return _from_dict(
            cls,
            data,
            nested={"quotes": Quote, "cited_sources": CitedSource, "mentions": Mention, "actors": Actor},
        )
