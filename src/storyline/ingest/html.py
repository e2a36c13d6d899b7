"""HTML: main text and metadata with trafilatura, plus a cheap canonical-URL probe for ingest."""

from __future__ import annotations

import re

import htmldate
import trafilatura
from lxml import etree
from lxml import html as lxml_html

from ..errors import UnreadableInput
from ..records import Metadata

# htmldate settings: publication rather than update date, and no "extensive" search, which
# falls back to copyright years and dates found anywhere in the page text.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}

_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_OPENED = re.compile(r"<(html|body)[\s>]", re.IGNORECASE)
_CLOSED = re.compile(r"</(html|body)\s*>", re.IGNORECASE)
_URL_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?=$|[-_])")
# A truncated page often still yields its navigation; a line this long is article prose.
_PROSE_WORDS = 10


def _attrs(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
        for m in _ATTR.finditer(text)
    }


def canonical_url(html: str) -> str | None:
    """The page's canonical URL (``<link rel=canonical>``, else ``og:url``) read from its head.

    A regular-expression scan of the head only, so ingest can label a page without parsing it.
    """
    end = _HEAD_END.search(html)
    head = html[: end.start() if end else 65_536]
    og_url = None
    for tag in _TAG.finditer(head):
        attrs = _attrs(tag.group(2))
        if tag.group(1).lower() == "link" and "canonical" in attrs.get("rel", "").lower().split():
            href = attrs.get("href", "").strip()
            if href.startswith(("http://", "https://")):
                return href
        elif attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            content = attrs.get("content", "").strip()
            if content.startswith(("http://", "https://")):
                og_url = og_url or content
    return og_url


def looks_truncated(html: str) -> bool:
    """True when a page stops mid-tag, or opens ``<html>``/``<body>`` and never closes it."""
    tail = html.rstrip()
    if tail.rfind("<") > tail.rfind(">"):
        return True
    return bool(_OPENED.search(html)) and not _CLOSED.search(html[-4096:])


def _language(html: str) -> str | None:
    """Primary language subtag from ``<html lang>`` or a content-language meta, lower case."""
    try:
        root = lxml_html.fromstring(html[:65_536].encode("utf-8", "replace"))
    except (ValueError, etree.ParserError):
        return None
    values = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    values += root.xpath("//meta[@http-equiv='content-language' or @name='language']/@content")
    for value in values:
        match = _LANG.match((value or "").strip())
        if match:
            return match.group(0).lower()
    return None


def _paragraphs(text: str) -> str:
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _has_prose(text: str) -> bool:
    return any(len(line.split()) >= _PROSE_WORDS for line in text.splitlines())


def _page_date(html: str, found: str | None, url: str | None) -> str | None:
    """The page's own publication date: htmldate reads a date in the URL first, so a date that
    the URL also holds is checked against the page's metadata alone, and dropped when the page
    does not state it (``describe`` then knows it came from the URL)."""
    if not found or not url:
        return found
    year, month, day = found[:10].split("-")
    if not re.search(rf"{year}[/_-]?{month}[/_-]?{day}(?!\d)", url):
        return found
    return htmldate.find_date(html, url="", **_DATE_PARAMS)


def extract_html(html: str, url: str | None = None) -> tuple[str, Metadata]:
    """Main text (paragraphs separated by blank lines) and metadata of an HTML page.

    A pure function, safe to run in worker processes. Comments and tables are left out;
    the date is the page's own publication date, or None. Raises UnreadableInput when the
    page holds no usable text, saying so when the page is truncated.
    """
    truncated = looks_truncated(html)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except ValueError:
        doc = None
    text = _paragraphs(doc.text or "") if doc is not None else ""
    if truncated and not _has_prose(text):
        raise UnreadableInput(
            "truncated HTML: no article text could be extracted (the page stops before its end)",
            source=url,
        )
    if not text:
        raise UnreadableInput("no main text found in HTML", source=url)
    sitename = doc.sitename
    host = _URL_HOST.match(doc.url or "")
    # trafilatura falls back to the URL's host for the site name; that is not the page's word.
    if sitename and host and sitename == host.group(1):
        sitename = None
    # trafilatura ranks og:url above <link rel=canonical>; the canonical link is the one
    # publishers keep exact, og:url is often a share or campaign variant.
    page_url = canonical_url(html) or doc.url or url
    meta = Metadata(
        title=doc.title or None,
        url=page_url,
        published=_page_date(html, doc.date, page_url or doc.url) or None,
        outlet=sitename or None,
        author=doc.author or None,
        language=_language(html),
    )
    return text, meta
