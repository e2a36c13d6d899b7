"""The HTML report: self-contained, and nothing from an article ever runs in it."""

from __future__ import annotations

import re

import pytest

from storyline import report
from storyline.records import Article, Removed

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">click</a>',
    "<div><p>unclosed <b>markup",
    '"><svg onload=alert(4)>',
]


def contract(articles):
    return {
        "storyline_version": "test",
        "articles": articles,
        "events": [], "actions": [], "positions": [], "claims": [], "anomalies": [],
        "rejected": [{"source": "<script>bad.png</script>", "reason": "binary <b>file</b>", "stage": "ingest"}],
    }


def entry(text, **extra):
    article = Article(id="a1", source="x.txt", text=text, title=extra.pop("title", "T"), removed=(Removed("footer", "<script>x</script>"),))
    data = article.as_dict()
    data.update({"reprint_of": None, "event": None, "quotes": [], "cited_sources": []}, **extra)
    return data


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_article_text_is_escaped_everywhere(payload):
    html = report.render(contract([entry(f"Before {payload} after.", title=payload, outlet=payload, url=payload)]))
    # The template itself has no such tags, so any that appear came from the article.
    assert not re.search(r"<(script|img|svg|a)\b", html, re.IGNORECASE)
    assert "<b>markup" not in html and "<div><p>" not in html
    assert 'onerror="' not in html
    assert 'href="javascript:' not in html


def test_report_has_a_strict_content_security_policy_and_no_remote_resources():
    html = report.render(contract([entry("Plain text.")]))
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", html)


def test_quotes_are_highlighted_at_their_spans():
    text = "First paragraph.\n\nShe said: We will sign. Then left."
    start = text.index("We will sign.")
    quote = {"speaker": "Ana Ruiz", "speaker_mention": "She", "role": None, "text": "We will sign.",
             "kind": "direct", "cue": "said", "start": start, "end": start + len("We will sign.")}
    html = report.render(contract([entry(text, quotes=[quote])]))
    assert '<mark class="quote">We will sign.</mark>' in html
    assert "Ana Ruiz" in html


def test_removed_junk_is_listed_collapsed():
    html = report.render(contract([entry("Text.")]))
    assert "<details>" in html and "1 pieces of scraping junk removed" in html
