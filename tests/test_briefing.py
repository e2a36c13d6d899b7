"""The Markdown briefing: the report's content, and inert however it is rendered."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from storyline import briefing
from test_report import HOSTILE, assert_inert, contract, entry, sample_contract

MARKDOWN_HOSTILE = HOSTILE + [
    "[click](javascript:alert(1))",
    "![x](https://evil.example/p.png)",
    "<javascript:alert(1)>",
    "`code` **bold** # heading | cell |",
    "line one\n\n# a heading in a title",
]


def rendered(text):
    # html=True is the dangerous setting: raw HTML in the Markdown would reach the page.
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


@pytest.mark.parametrize("payload", MARKDOWN_HOSTILE)
def test_hostile_values_render_as_text(payload):
    data = sample_contract(payload)
    data["articles"][0]["flags"] = [payload]
    text = briefing.render(data)
    html = rendered(text)
    assert_inert(html, internal_links=())
    assert "<strong>bold" not in html and "<code>" not in html and "<h1>a heading" not in html
    assert html.count("<h1>") == 1


@pytest.mark.parametrize(
    "value, expected",
    [("plain words", "plain words"), ("a_b*c", "a\\_b\\*c"), ("<b>&", "&lt;b&gt;&amp;"), ("[x](y)", "\\[x\\](y)"),
     ("multi\nline  text", "multi line text"), (None, ""), (3, "3"), ("2025-04-02.", "2025-04-02.")],
)
def test_md_escapes_what_markdown_or_html_would_read(value, expected):
    assert briefing.md(value) == expected


def test_briefing_has_every_section_the_data_fills():
    text = briefing.render(sample_contract())
    for title in ("Overview", "Timeline", "Quotes by speaker", "What holds up", "Anomalies and contradictions",
                  "Who wants what", "Articles"):
        assert f"\n## {title}\n" in text, title
    assert "1. **2025-04-02 to 2025-04-03** — Truce signed plain (1 articles)" in text
    assert "| contradicted | Monitors never arrived plain | 1 | plain |" in text
    assert "“Monitors never arrived” (plain: Truce collapses)" in text
    assert "| Korvath | oppose (2) | · | · |" in text


def test_empty_lists_leave_their_sections_out():
    text = briefing.render(contract([entry("Plain.")]))
    assert "## Overview" in text and "## Articles" in text
    for title in ("Timeline", "Quotes by speaker", "What holds up", "Anomalies", "Who wants what"):
        assert f"## {title}" not in text
    assert "Rejected 1 × binary &lt;b&gt;file&lt;/b&gt; (ingest)" in text
