"""JSON and JSON Lines: one article per object, each bad record rejected on its own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import UnreadableInput
from ..records import Metadata, RawDocument, Rejection
from .dates import parse_date

# Field names other scrapers use for the same thing, first match wins.
_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "content", "body"),
    "html": ("html",),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "datePublished", "pubDate"),
    "outlet": ("outlet", "source", "sitename", "site_name"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}


def _field(record: dict[str, Any], name: str) -> Any:
    for key in _FIELDS[name]:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def _string(value: Any) -> str | None:
    """A metadata value as one clean string; lists of names are joined, other shapes dropped."""
    if isinstance(value, dict):
        # {"name": "..."} is how several news APIs give the outlet and the author.
        value = value.get("name")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = ", ".join(v.strip() for v in value if v.strip())
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def record_document(record: Any, source: str, encoding: str | None = None) -> RawDocument:
    """One JSON object as a RawDocument; raises UnreadableInput when it holds no article."""
    if not isinstance(record, dict):
        kind = "list" if isinstance(record, list) else type(record).__name__
        raise UnreadableInput(f"record is a JSON {kind}, expected an object", source=source)
    text, html = _field(record, "text"), _field(record, "html")
    if isinstance(text, str) and text.strip():
        content, kind = text, "text"
    elif isinstance(html, str) and html.strip():
        content, kind = html, "html"
    else:
        raise UnreadableInput(
            'record has no "text" or "html" string, expected one of them to hold the article',
            source=source,
        )
    meta = Metadata(
        title=_string(_field(record, "title")),
        url=_string(_field(record, "url")),
        published=parse_date(_field(record, "published")),
        outlet=_string(_field(record, "outlet")),
        author=_string(_field(record, "author")),
        language=_string(_field(record, "language")),
    )
    return RawDocument(source=source, content=content, kind=kind, meta=meta, encoding=encoding)


def _one(record: Any, source: str, encoding: str | None) -> RawDocument | Rejection:
    try:
        return record_document(record, source, encoding)
    except UnreadableInput as exc:
        return Rejection(source, exc.message)


def read_json(
    text: str, source: str, encoding: str | None = None
) -> Iterator[RawDocument | Rejection]:
    """Articles of a JSON document holding one object or a list of objects."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableInput(f"malformed JSON: {exc}", source=source) from None
    if isinstance(data, dict):
        yield _one(data, f"{source}#1", encoding)
    elif isinstance(data, list):
        if not data:
            raise UnreadableInput("empty JSON list, expected article objects", source=source)
        for number, record in enumerate(data, 1):
            yield _one(record, f"{source}#{number}", encoding)
    else:
        raise UnreadableInput(
            f"JSON holds a {type(data).__name__}, expected an object or a list of objects",
            source=source,
        )


def read_jsonl(
    text: str, source: str, encoding: str | None = None
) -> Iterator[RawDocument | Rejection]:
    """Articles of a JSON Lines document; blank lines are skipped and not counted."""
    number = 0
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        number += 1
        where = f"{source}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, f"line {line_no} is not JSON: {exc}")
            continue
        yield _one(record, where, encoding)
    if number == 0:
        raise UnreadableInput(
            "empty JSON Lines file, expected one article object per line", source=source
        )
