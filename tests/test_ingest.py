"""Ingest of local inputs: formats, encodings, bad files, JSON records, feeds, HTML extraction."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import storyline.ingest as ingest
from storyline.errors import UnreadableInput
from storyline.ingest import extract_html, read_inputs
from storyline.ingest.dates import parse_date
from storyline.ingest.formats import format_for_mime, format_for_name
from storyline.ingest.html import canonical_url, looks_truncated
from storyline.records import Metadata, RawDocument, Rejection
from storyline.settings import SETTINGS

DEFAULTS = {s.name: s.default for s in SETTINGS}

PROSE = (
    "The harbour council voted on Wednesday evening to approve a revised ferry timetable "
    "that adds three early crossings on weekdays, after months of complaints from commuters."
)

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Council approves ferry timetable | The Coastal Ledger</title>
<link href="https://ledger.example.com/news/ferry-timetable" rel="canonical">
<meta property="og:title" content="Council approves ferry timetable">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:url" content="https://ledger.example.com/og/ferry">
<meta property="article:published_time" content="2024-03-14T09:30:00Z">
<meta name="author" content="Mara Ellison">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport section</a></li></ul></nav>
<main><article>
<h1>Council approves ferry timetable</h1>
<p>{PROSE}</p>
<p>Councillors backed the plan by nine votes to two. The operator said the extra sailings
would begin in the spring, once a second crew had been trained.</p>
<table><tr><td>Departure grid cell</td><td>06:10</td></tr></table>
<p>Opponents argued that the added crossings would strain the ageing pier, which engineers
inspected last autumn.</p>
</article>
<section class="comments"><h3>Comments</h3>
<div class="comment"><p>Reader42: About time, I have missed that boat far too often this winter.</p></div>
</section></main>
<footer><p>Copyright 2019 The Coastal Ledger. All rights reserved.</p></footer>
</body>
</html>
"""

UNDATED_PAGE = f"""<html><head><title>Pier report delayed</title></head><body>
<article><h1>Pier report delayed</h1><p>{PROSE}</p><p>{PROSE}</p></article>
<footer>Copyright 2021 Coastal Ledger</footer></body></html>"""

TRUNCATED_PAGE = NEWS_PAGE[: NEWS_PAGE.index("<main>") + len("<main><article>\n<h")]
TRUNCATED_WITH_TEXT = NEWS_PAGE[: NEWS_PAGE.index("Councillors backed")]
NO_TEXT_PAGE = "<html><head><title>Nothing</title></head><body><div></div></body></html>"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Valley Gazette</title><link>https://gazette.example.org/</link>
<language>en-us</language>
<item><title>Bridge reopens</title><link>https://gazette.example.org/bridge</link>
<pubDate>Thu, 14 Mar 2024 23:30:00 -0500</pubDate><dc:creator>Ines Calloway</dc:creator>
<description>Short teaser</description>
<content:encoded><![CDATA[<p>The old bridge reopened on Thursday after a year of repairs.</p>
<p>Traffic was light.</p>]]></content:encoded></item>
<item><title>Fish &amp; chips</title><link>https://gazette.example.org/fish</link>
<pubDate>Fri, 15 Mar 2024 08:00:00 GMT</pubDate>
<description>Fish &amp;amp; chips shop opens on the quay.</description></item>
<item><title>Nothing here</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Post</title>
<entry><title>Snow closes pass</title><link href="https://hill.example.net/snow"/>
<updated>2023-12-02T06:00:00+01:00</updated><author><name>Tomas Reyes</name></author>
<content type="html">&lt;p&gt;Snow closed the mountain pass overnight.&lt;/p&gt;</content></entry>
<entry><title>Plain</title><updated>2023-12-03T06:00:00Z</updated>
<summary type="text">Roads were cleared by noon.</summary></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example.com/"><title>Old Wire</title></channel>
<item rdf:about="https://old.example.com/1"><title>Mill closes</title>
<link>https://old.example.com/1</link><dc:date>2022-06-01</dc:date>
<description>The last mill in town closed its doors.</description></item>
</rdf:RDF>"""

BROKEN_FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title><item><title>A'
EMPTY_FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>None</title></channel></rss>'
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss version="2.0"><channel><title>&b;</title></channel></rss>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY leak SYSTEM "file:///etc/hostname">]>
<rss version="2.0"><channel><title>&leak;</title><item><title>x</title>
<description>y</description></item></channel></rss>"""
SITEMAP = b'<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>'
XHTML = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
    b"<head><title>t</title></head><body><p>Some text.</p></body></html>"
)

LATIN1 = (
    "The caf\u00e9 in Z\u00fcrich served a na\u00efve little cake; the waiter, "
    "a se\u00f1or from M\u00e1laga, called it the best in town.\n"
)


def read_one(tmp_path: Path, name: str, data: bytes, **settings) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_inputs([str(path)], {**DEFAULTS, **settings}))


def test_public_surface() -> None:
    assert ingest.__all__ == ["extract_html", "read_inputs"]


# (file name, bytes, kind, encoding, text the content must hold)
DOCUMENTS = [
    ("plain.txt", "Plain words.\n".encode(), "text", "utf-8", "Plain words."),
    ("notes.md", b"# Heading\n\nBody.", "text", "utf-8", "# Heading"),
    ("README", b"No extension, still text.", "text", "utf-8", "still text"),
    ("bom.txt", b"\xef\xbb\xbfWith a BOM.", "text", "utf-8", "With a BOM."),
    ("wide.txt", "Wide \u00e9t\u00e9 text.".encode("utf-16"), "text", "utf-16-le", "\u00e9t\u00e9"),
    ("latin1.txt", LATIN1.encode("latin-1"), "text", "cp1252", LATIN1),
    ("cp1250.txt", "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144, powiedzia\u0142 "
     "pan \u0141ukasz w Warszawie wczoraj.".encode("cp1250"), "text", "cp1250", "g\u0119\u015bl\u0105"),
    ("page.html", NEWS_PAGE.encode(), "html", "utf-8", "<nav>"),
    ("page", NEWS_PAGE.encode(), "html", "utf-8", "<nav>"),
    ("page.xhtml.xml", XHTML, "html", "utf-8", "Some text."),
    ("meta-charset.html", '<html><head><meta charset="windows-1252"></head><body>'
     "<p>Caf\u00e9 cr\u00e8me</p></body></html>".encode("cp1252"), "html", "cp1252", "Caf\u00e9"),
]


@pytest.mark.parametrize(("name", "data", "kind", "encoding", "needle"), DOCUMENTS)
def test_readable_files(tmp_path, name, data, kind, encoding, needle) -> None:
    [doc] = read_one(tmp_path, name, data)
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.encoding, doc.source) == (kind, encoding, str(tmp_path / name))
    assert needle in doc.content
    assert not doc.content.startswith("\ufeff")


def test_html_file_is_labelled_not_extracted(tmp_path) -> None:
    [doc] = read_one(tmp_path, "page.html", NEWS_PAGE.encode())
    assert doc.content == NEWS_PAGE
    assert doc.meta == Metadata(url="https://ledger.example.com/news/ferry-timetable")


# (file name, bytes, the reason, exactly)
REJECTED = [
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image), expected text, HTML, JSON or a feed"),
    ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image), expected text, HTML, JSON or a feed"),
    ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF document), expected text, HTML, JSON or a feed"),
    ("bundle.zip", b"PK\x03\x04\x14\x00\x00\x00", "binary file (ZIP archive or Office document), expected text, HTML, JSON or a feed"),
    ("nul.txt", b"text\x00with\x00nuls", "binary file (contains NUL bytes), expected text, HTML, JSON or a feed"),
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\r\n ", "empty file (only whitespace)"),
    ("wide-blank.txt", " \n ".encode("utf-16"), "empty file (only whitespace)"),
    ("noise.txt", bytes(range(0x80, 0x100)) * 3, "cannot decode: no text encoding fits (tried charset detection)"),
    ("control.txt", bytes(range(1, 9)) * 20, "cannot decode: no text encoding fits (tried charset detection)"),
    ("badbom.txt", b"\xff\xfe\x00\xd8", "cannot decode: the byte-order mark says utf-16-le but the bytes are not"),
    ("sitemap.xml", SITEMAP, "XML root is <urlset>, expected a feed (<rss>, <feed> or <rdf:RDF>) or XHTML"),
    ("empty.rss", EMPTY_FEED, "feed has no entries"),
    ("broken.json", b'{"title": "x",', "malformed JSON: Expecting property name enclosed in double quotes: line 1 column 15 (char 14)"),
    ("number.json", b"42", "JSON holds a int, expected an object or a list of objects"),
    ("none.json", b"[]", "empty JSON list, expected article objects"),
]


@pytest.mark.parametrize(("name", "data", "reason"), REJECTED)
def test_rejected_files(tmp_path, name, data, reason) -> None:
    assert read_one(tmp_path, name, data) == [Rejection(str(tmp_path / name), reason)]


@pytest.mark.parametrize(
    ("name", "data", "start"),
    [
        ("broken.rss", BROKEN_FEED, "malformed feed: "),
        ("broken.xml", BROKEN_FEED, "malformed feed: "),
        ("bomb.xml", BOMB, "unsafe XML refused: "),
        ("leak.rss", XXE, "unsafe XML refused: "),
    ],
)
def test_bad_feeds_are_one_rejection(tmp_path, name, data, start) -> None:
    [rejection] = read_one(tmp_path, name, data)
    assert isinstance(rejection, Rejection)
    assert rejection.source == str(tmp_path / name)
    assert rejection.reason.startswith(start)
    assert "\n" not in rejection.reason


def test_size_cap_is_checked_before_reading(tmp_path, monkeypatch) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.write(b"starts like text")
        handle.truncate(30_000_000)

    def never(*args, **kwargs):
        raise AssertionError("an oversized file was opened")

    monkeypatch.setattr(Path, "open", never)
    assert list(read_inputs([str(big)], DEFAULTS)) == [
        Rejection(str(big), "file is 30,000,000 bytes, over the 20,000,000-byte cap (setting max_bytes)")
    ]


@pytest.mark.parametrize(("cap", "rejected"), [(10, True), (11, False)])
def test_size_cap_follows_the_setting(tmp_path, cap, rejected) -> None:
    [out] = read_one(tmp_path, "eleven.txt", b"eleven byte", max_bytes=cap)
    assert isinstance(out, Rejection) is rejected
    if rejected:
        assert out.reason == "file is 11 bytes, over the 10-byte cap (setting max_bytes)"


def test_missing_path(tmp_path) -> None:
    missing = str(tmp_path / "nope.txt")
    assert list(read_inputs([missing], DEFAULTS)) == [Rejection(missing, "no such file or directory")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert list(read_inputs([str(pipe)], DEFAULTS)) == [
        Rejection(str(pipe), "a named pipe, expected a regular file")
    ]


def test_folder_walk_is_sorted_recursive_and_skips_hidden(tmp_path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/c.txt", ".hidden.txt", ".git/config.txt", "a/.cache/x.txt", "c.md"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"text of {rel}")
    out = list(read_inputs([str(tmp_path)], DEFAULTS))
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in out] == [
        "a/c.txt", "a/z.txt", "b.txt", "c.md"
    ]
    assert all(isinstance(d, RawDocument) for d in out)


def test_empty_folder_is_one_rejection(tmp_path) -> None:
    (tmp_path / "only").mkdir()
    (tmp_path / "only" / ".hidden").write_text("x")
    folder = str(tmp_path / "only")
    assert list(read_inputs([folder], DEFAULTS)) == [
        Rejection(folder, "empty folder: no visible files in it")
    ]


def test_one_bad_input_does_not_stop_the_others(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("fine")
    out = list(read_inputs([str(tmp_path / "gone"), str(good), "gopher://x/"], DEFAULTS))
    assert [type(o).__name__ for o in out] == ["Rejection", "RawDocument", "Rejection"]


# -- JSON and JSON Lines -------------------------------------------------------------------

JSON_LIST = b"""[
 {"title": "One", "text": "First body.", "url": "https://a.example/1",
  "published": "March 14, 2024", "outlet": "A Daily", "author": ["Ann Lee", "Bo Park"]},
 {"headline": "Two", "html": "<p>Second body.</p>", "date": "2024-03-15T22:10:00-04:00",
  "source": {"name": "B Weekly"}},
 {"title": "No body", "url": "https://a.example/3"},
 "just a string",
 {"title": "Odd date", "text": "Fifth.", "published": "last Tuesday"}
]"""


def test_json_list_yields_a_document_or_rejection_per_record(tmp_path) -> None:
    src = str(tmp_path / "items.json")
    out = read_one(tmp_path, "items.json", JSON_LIST)
    assert out[0] == RawDocument(
        source=f"{src}#1",
        content="First body.",
        kind="text",
        meta=Metadata(title="One", url="https://a.example/1", published="2024-03-14",
                      outlet="A Daily", author="Ann Lee, Bo Park"),
        encoding="utf-8",
    )
    assert (out[1].kind, out[1].content, out[1].meta.title) == ("html", "<p>Second body.</p>", "Two")
    assert (out[1].meta.published, out[1].meta.outlet) == ("2024-03-15", "B Weekly")
    assert out[2] == Rejection(
        f"{src}#3", 'record has no "text" or "html" string, expected one of them to hold the article'
    )
    assert out[3] == Rejection(f"{src}#4", "record is a JSON str, expected an object")
    assert (out[4].source, out[4].meta.published) == (f"{src}#5", None)


def test_json_single_object(tmp_path) -> None:
    [doc] = read_one(tmp_path, "one.json", b'{"text": "Alone.", "title": "Solo"}')
    assert (doc.source, doc.content, doc.meta.title) == (str(tmp_path / "one.json") + "#1", "Alone.", "Solo")


def test_jsonl_bad_line_is_rejected_and_the_rest_go_on(tmp_path) -> None:
    src = str(tmp_path / "items.jsonl")
    data = b'{"text": "first"}\n\n{not json}\n{"text": "third", "published": "1710374400"}\n[1, 2]\n'
    out = read_one(tmp_path, "items.jsonl", data)
    assert [o.source for o in out] == [f"{src}#1", f"{src}#2", f"{src}#3", f"{src}#4"]
    assert out[0].content == "first"
    assert isinstance(out[1], Rejection)
    assert out[1].reason.startswith("line 3 is not JSON: Expecting property name")
    assert (out[2].content, out[2].meta.published) == ("third", None)
    assert out[3] == Rejection(f"{src}#4", "record is a JSON list, expected an object")


@pytest.mark.parametrize(
    ("name", "data", "kinds"),
    [
        ("records", b'[{"text": "a"}, {"text": "b"}]', ["text", "text"]),
        ("lines", b'{"text": "a"}\n{"html": "<p>b</p>"}\n', ["text", "html"]),
        ("feed", RSS, ["html", "text", None]),
        ("bracketed", b"[Update] Not JSON at all, just a note.", ["text"]),
    ],
)
def test_format_is_sniffed_without_extension(tmp_path, name, data, kinds) -> None:
    out = read_one(tmp_path, name, data)
    assert [getattr(o, "kind", None) for o in out] == kinds


# -- dates --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-14", "2024-03-14"),
        ("2024-03-14T23:30:00-05:00", "2024-03-14"),
        ("2024-03-14T09:30:00Z", "2024-03-14"),
        ("Thu, 14 Mar 2024 23:30:00 -0500", "2024-03-14"),
        ("14 March 2024", "2024-03-14"),
        ("March 14, 2024", "2024-03-14"),
        ("Sept 4, 2024", "2024-09-04"),
        ("2024/03/14", "2024-03-14"),
        ("14/03/2024", "2024-03-14"),
        ("03/14/2024", "2024-03-14"),
        (1710374400, "2024-03-14"),
        (time.struct_time((2024, 3, 14, 0, 0, 0, 3, 74, 0)), "2024-03-14"),
        ("04/05/2025", None),
        ("yesterday", None),
        ("2024-03", None),
        ("March 2024", None),
        ("2024-02-30", None),
        ("", None),
        (None, None),
        (True, None),
        (42, None),
        ({"y": 2024}, None),
    ],
)
def test_parse_date(value, expected) -> None:
    assert parse_date(value) == expected


# -- feeds --------------------------------------------------------------------------------

def test_rss_entries(tmp_path) -> None:
    src = str(tmp_path / "gazette.rss")
    first, second, third = read_one(tmp_path, "gazette.rss", RSS)
    assert first.source == f"{src}#1" and first.kind == "html"
    assert "<p>The old bridge reopened" in first.content
    # The publisher's day, not the UTC day (15 March) feedparser normalizes to.
    assert first.meta == Metadata(
        title="Bridge reopens", url="https://gazette.example.org/bridge", published="2024-03-14",
        outlet="Valley Gazette", author="Ines Calloway", language="en",
    )
    assert (second.kind, second.content) == ("text", "Fish & chips shop opens on the quay.")
    assert second.meta.title == "Fish & chips"
    assert third == Rejection(f"{src}#3", "feed entry has no content or summary")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("hill.atom", ATOM, [("html", "Snow closed the mountain pass", "2023-12-02", "Tomas Reyes", "Hill Post"),
                              ("text", "Roads were cleared by noon.", "2023-12-03", None, "Hill Post")]),
        ("old.rdf", RDF, [("text", "The last mill in town", "2022-06-01", None, "Old Wire")]),
        ("old.xml", RDF, [("text", "The last mill in town", "2022-06-01", None, "Old Wire")]),
    ],
)
def test_atom_and_rdf_entries(tmp_path, name, data, expected) -> None:
    out = read_one(tmp_path, name, data)
    assert len(out) == len(expected)
    for doc, (kind, needle, published, author, outlet) in zip(out, expected):
        assert (doc.kind, doc.meta.published, doc.meta.author, doc.meta.outlet) == (
            kind, published, author, outlet
        )
        assert needle in doc.content


def test_feed_html_entry_extracts(tmp_path) -> None:
    first = read_one(tmp_path, "gazette.rss", RSS)[0]
    text, _meta = extract_html(first.content, first.meta.url)
    assert text == "The old bridge reopened on Thursday after a year of repairs.\n\nTraffic was light."


# -- HTML extraction -----------------------------------------------------------------------

def test_extract_news_page() -> None:
    text, meta = extract_html(NEWS_PAGE)
    assert meta == Metadata(
        title="Council approves ferry timetable",
        url="https://ledger.example.com/news/ferry-timetable",
        published="2024-03-14",
        outlet="The Coastal Ledger",
        author="Mara Ellison",
        language="en",
    )
    paragraphs = text.split("\n\n")
    assert PROSE in paragraphs
    assert any(p.startswith("Opponents argued") for p in paragraphs)
    for junk in ("Sport section", "Reader42", "Copyright", "Departure grid cell"):
        assert junk not in text


def test_extract_keeps_given_url_without_canonical() -> None:
    _text, meta = extract_html(UNDATED_PAGE, "https://ledger.example.com/pier")
    assert meta.url == "https://ledger.example.com/pier"


def test_extract_never_guesses_a_date() -> None:
    _text, meta = extract_html(UNDATED_PAGE)
    # Neither today nor the copyright year in the footer.
    assert meta.published is None


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (TRUNCATED_PAGE, "truncated HTML: no article text could be extracted (the page stops before its end)"),
        (NO_TEXT_PAGE, "no main text found in HTML"),
        ("", "no main text found in HTML"),
    ],
)
def test_extract_refuses_pages_without_text(page, message) -> None:
    with pytest.raises(UnreadableInput) as caught:
        extract_html(page, "https://x.example/a")
    assert caught.value.message == message
    assert str(caught.value) == f"https://x.example/a: {message}"


def test_truncated_page_is_read_but_not_extracted(tmp_path) -> None:
    [doc] = read_one(tmp_path, "cut.html", TRUNCATED_PAGE.encode())
    assert isinstance(doc, RawDocument) and doc.kind == "html"
    with pytest.raises(UnreadableInput, match="truncated HTML"):
        extract_html(doc.content)


def test_truncated_page_with_article_text_still_extracts() -> None:
    text, _meta = extract_html(TRUNCATED_WITH_TEXT)
    assert PROSE in text


@pytest.mark.parametrize(
    ("html", "truncated"),
    [(NEWS_PAGE, False), (TRUNCATED_PAGE, True), (TRUNCATED_WITH_TEXT, True),
     ("<p>A fragment.</p>", False), ("<p>A fragment cut <a hr", True)],
)
def test_looks_truncated(html, truncated) -> None:
    assert looks_truncated(html) is truncated


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<link rel="canonical" href="https://a.example/x">', "https://a.example/x"),
        ("<link href='https://a.example/y' rel='alternate canonical'>", "https://a.example/y"),
        ('<meta property="og:url" content="https://a.example/og">', "https://a.example/og"),
        ('<link rel="canonical" href="/relative"><meta property="og:url" content="https://a.example/og">',
         "https://a.example/og"),
        ('<link rel="stylesheet" href="https://a.example/s.css">', None),
        ("", None),
    ],
)
def test_canonical_url(head, expected) -> None:
    assert canonical_url(f"<html><head>{head}</head><body><link rel=canonical href=https://no/></body></html>") == expected


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.TXT", "text"), ("a.htm", "html"), ("a.jsonl", "jsonl"), ("a.xml", "xml"),
     ("a.atom", "feed"), ("a", None), ("a.csv", None)],
)
def test_format_for_name(name, fmt) -> None:
    assert format_for_name(name) == fmt


@pytest.mark.parametrize(
    ("mime", "fmt"),
    [("text/html; charset=utf-8", "html"), ("application/rss+xml", "feed"), ("TEXT/PLAIN", "text"),
     ("application/octet-stream", None), (None, None)],
)
def test_format_for_mime(mime, fmt) -> None:
    assert format_for_mime(mime) == fmt
