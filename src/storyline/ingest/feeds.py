"""RSS and Atom feeds, checked with defusedxml before feedparser reads them."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import UnreadableInput
from ..records import Metadata, RawDocument, Rejection
from .dates import parse_date

FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_MARKUP = re.compile(r"<[a-zA-Z][^>]*>")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?=$|[-_])")


def xml_root(data: bytes, source: str | None = None) -> str:
    """Local name of the root element of an XML document, parsed safely.

    defusedxml refuses entity declarations (billion-laughs bombs) and external references,
    so nothing unsafe reaches feedparser. Raises UnreadableInput when the XML is unsafe or
    not well-formed.
    """
    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        raise UnreadableInput(f"unsafe XML refused: {exc}", source=source) from None
    except ParseError as exc:
        raise UnreadableInput(f"malformed feed: {exc}", source=source) from None
    return root.tag.rpartition("}")[2]


def _body(entry: dict) -> tuple[str, str] | None:
    """The entry's fullest text as ``(value, mime type)``: content first, then summary."""
    contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return best["value"], best.get("type", "text/plain")
    summary = entry.get("summary") or ""
    if summary.strip():
        return summary, entry.get("summary_detail", {}).get("type", "text/plain")
    return None


def _text(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None


def _entry_document(entry: dict, feed: dict, source: str, encoding: str | None) -> RawDocument:
    body = _body(entry)
    if body is None:
        raise UnreadableInput("feed entry has no content or summary", source=source)
    value, mime = body
    if mime in _HTML_TYPES and _MARKUP.search(value):
        kind = "html"
    else:
        # Feeds declare most plain descriptions as HTML; entities still need resolving.
        kind, value = "text", html.unescape(value) if mime in _HTML_TYPES else value
    # The date as written keeps the publisher's day; the parsed struct is shifted to UTC.
    published = (
        parse_date(entry.get("published"))
        or parse_date(entry.get("updated"))
        or parse_date(entry.get("published_parsed"))
        or parse_date(entry.get("updated_parsed"))
    )
    language = _LANG.match(feed.get("language") or "")
    meta = Metadata(
        title=_text(entry.get("title")),
        url=_text(entry.get("link")),
        published=published,
        outlet=_text(feed.get("title")),
        author=_text(entry.get("author")),
        language=language.group(0).lower() if language else None,
    )
    return RawDocument(source=source, content=value, kind=kind, meta=meta, encoding=encoding)


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | Rejection]:
    """One RawDocument per feed entry (``source#N``); raises UnreadableInput for a bad feed."""
    root = xml_root(data, source)
    if root not in FEED_ROOTS:
        raise UnreadableInput(
            f"XML root is <{root}>, expected a feed (<rss>, <feed> or <rdf:RDF>)", source=source
        )
    # A stream, not bytes or str: feedparser treats strings as URLs or file names to open.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise UnreadableInput(f"malformed feed: {parsed.get('bozo_exception')}", source=source)
        raise UnreadableInput("feed has no entries", source=source)
    encoding = parsed.get("encoding") or None
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{source}#{number}"
        try:
            yield _entry_document(entry, parsed.feed, where, encoding)
        except UnreadableInput as exc:
            yield Rejection(where, exc.message)
