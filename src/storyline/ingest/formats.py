"""Choosing an input's format (by name, content type or content) and reading it as documents."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import PurePath

from ..errors import UnreadableInput
from ..records import Metadata, RawDocument, Rejection
from .decode import EXPECTED, declared_charset, decode, sniff_binary
from .feeds import FEED_ROOTS, read_feed, xml_root
from .html import canonical_url
from .structured import read_json, read_jsonl

# "xml" is not a format of its own: the root element decides between feed and XHTML.
_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "xml",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}
_BY_MIME = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
    "text/plain": "text",
    "text/markdown": "text",
}
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_XML_START = re.compile(r"<\?xml|<(rss|feed|rdf:RDF)[\s>]")


def format_for_name(name: str) -> str | None:
    """Format implied by a file name's extension, or None when the content must decide."""
    return _BY_EXTENSION.get(PurePath(name).suffix.lower())


def format_for_mime(mime: str | None) -> str | None:
    """Format implied by a Content-Type, or None when the content must decide."""
    return _BY_MIME.get((mime or "").split(";")[0].strip().lower())


def _sniff(text: str) -> str:
    head = text.lstrip()[:1024]
    if _XML_START.match(head):
        return "xml"
    if _HTML_START.search(head):
        return "html"
    if head[:1] in "{[":
        try:
            json.loads(text)
            return "json"
        except json.JSONDecodeError:
            lines = [line for line in text.splitlines() if line.strip()]
            if all(line.lstrip().startswith("{") for line in lines):
                return "jsonl"
    return "text"


def parse(
    data: bytes,
    source: str,
    fmt: str | None,
    *,
    noun: str = "file",
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Read ``data`` as format ``fmt`` (sniffed when None) and yield its documents.

    ``noun`` names the input in messages ("file", "response"); ``url`` is where the bytes were
    downloaded from and ``charset`` what the server said of them. Raises UnreadableInput when
    the whole input is unusable; a bad record inside it is yielded as a Rejection.
    """
    if not data.strip():
        raise UnreadableInput(
            f"empty {noun}" if not data else f"empty {noun} (only whitespace)", source=source
        )
    binary = sniff_binary(data)
    if binary:
        raise UnreadableInput(f"binary {noun} ({binary}), {EXPECTED}", source=source)
    if fmt == "feed":
        yield from read_feed(data, source)
        return
    text, encoding = decode(
        data, declared=[charset], hinted=[declared_charset(data)], source=source
    )
    if not text.strip():
        raise UnreadableInput(f"empty {noun} (only whitespace)", source=source)
    if fmt is None:
        fmt = _sniff(text)
    if fmt == "xml":
        root = xml_root(data, source)
        if root in FEED_ROOTS:
            yield from read_feed(data, source)
            return
        if root != "html":
            raise UnreadableInput(
                f"XML root is <{root}>, expected a feed (<rss>, <feed> or <rdf:RDF>) or XHTML",
                source=source,
            )
        fmt = "html"
    if fmt == "html":
        meta = Metadata(url=url or canonical_url(text))
        yield RawDocument(source=source, content=text, kind="html", meta=meta, encoding=encoding)
    elif fmt == "json":
        yield from read_json(text, source, encoding)
    elif fmt == "jsonl":
        yield from read_jsonl(text, source, encoding)
    else:
        meta = Metadata(url=url)
        yield RawDocument(source=source, content=text, kind="text", meta=meta, encoding=encoding)
