"""The HTML report: self-contained, complete, and nothing from an article ever runs in it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from storyline import report
from storyline.records import Article, Removed

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">click</a>',
    "<div><p>unclosed <b>markup",
    '"><svg onload=alert(4)>',
    "</textarea></title><script>document.title='pwned'</script>",
    "javascript:alert(5)",
]


def entry(text, id="a1", **extra):
    article = Article(id=id, source=f"{id}.txt", text=text, title=extra.pop("title", "T"),
                      removed=(Removed("footer", extra.pop("junk", "<script>x</script>")),))
    data = article.as_dict()
    data.update({"reprint_of": None, "event": None, "quotes": [], "cited_sources": []}, **extra)
    return data


def contract(articles, **lists):
    base = {"storyline_version": "test", "articles": articles, "events": [], "actions": [],
            "positions": [], "claims": [], "anomalies": [], "actors": [],
            "rejected": [{"source": "<script>bad.png</script>", "reason": "binary <b>file</b>", "stage": "ingest"}]}
    return {**base, **lists}


def quote(text, sentence, speaker, kind="direct"):
    start = text.index(sentence)
    return {"speaker": speaker, "speaker_mention": speaker, "role": None, "text": sentence,
            "kind": kind, "cue": "said", "start": start, "end": start + len(sentence)}


def sample_contract(payload="plain"):
    """A small hand-made corpus with every list filled; ``payload`` goes into every text field."""
    t1 = f"Korvath and Trevania signed a truce in Kallmora. We will keep it, said Ana Lisac.\n\nAccording to Orbis Wire, 200 monitors will deploy. {payload}"
    t2 = f"The truce collapsed within a week. Monitors never arrived, said Jonas Brel. {payload}"
    t3 = f"Talks resumed in Ostrava over the border question. 200 monitors will deploy. {payload}"
    a1 = entry(t1, id="a1", title=f"Truce signed {payload}", outlet="Halcyon Daily", published="2025-04-02",
               quotes=[quote(t1, "We will keep it", "Ana Lisac")],
               cited_sources=[{"name": "Orbis Wire", "cue": "according to", "start": t1.index("Orbis"), "end": t1.index("Orbis") + 10}],
               flags=["ai_generated"], event="e1")
    a2 = entry(t2, id="a2", title="Truce collapses", outlet=payload, published="2025-04-10",
               quotes=[quote(t2, "Monitors never arrived", payload)], event="e2")
    a3 = entry(t3, id="a3", title="Talks resume", outlet="Orbis Wire", published=None, reprint_of="a1")
    events = [
        {"id": "e1", "label": f"Truce signed {payload}", "date": "2025-04-02", "date_end": "2025-04-03", "articles": ["a1"]},
        {"id": "e2", "label": "Truce collapses", "date": "2025-06-10", "date_end": None, "articles": ["a2"]},
        {"id": "e3", "label": "Undated talks", "date": None, "date_end": None, "articles": ["a3"]},
    ]
    claim_text = "200 monitors will deploy."
    claims = [
        {"id": "c1", "text": claim_text, "articles": ["a1", "a3"], "independent_sources": 2, "status": "corroborated"},
        {"id": "c2", "text": f"Monitors never arrived {payload}", "articles": ["a2"], "independent_sources": 1, "status": "contradicted"},
    ]
    anomalies = [
        {"article": "a2", "kind": "contradiction", "detail": f"monitors {payload}", "start": t2.index("Monitors"),
         "end": t2.index("Monitors") + 22, "other": {"article": "a1", "start": t1.index("200"), "end": t1.index("200") + 24}},
        {"article": "a3", "kind": "stale", "detail": "old figure", "start": 0, "end": 5},
    ]
    positions = [
        {"actor": "Korvath", "issue": "border", "stance": "support", "date": "2025-04-02", "evidence": []},
        {"actor": "Korvath", "issue": "border", "stance": "oppose", "date": "2025-06-10", "evidence": []},
        {"actor": payload, "issue": payload, "stance": payload, "date": None, "evidence": []},
        {"actor": "Trevania", "issue": "monitors", "stance": 0.5, "date": "2025-04-02", "evidence": []},
    ]
    return contract([a1, a2, a3], events=events, claims=claims, anomalies=anomalies, positions=positions)


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would see them."""

    def __init__(self, html):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


DANGEROUS_TAGS = {"script", "img", "iframe", "object", "embed", "form", "base", "link", "input", "frame", "video", "audio", "foreignobject"}


def assert_inert(html, internal_links=("#",), allow=()):
    """No active element, no event handler, no link or source that leaves the document."""
    for tag, attrs in Tags(html).tags:
        assert tag not in DANGEROUS_TAGS - set(allow), (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "xlink:href", "src", "action", "formaction"}:
                assert (value or "").startswith(internal_links), (tag, name, value)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            raise AssertionError("meta refresh")


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_in_every_field_stays_text(payload):
    data = sample_contract(payload)
    data["articles"][0].update(author=payload, url=payload, junk=payload)
    data["articles"][0]["removed"] = [{"kind": payload, "text": payload}]
    html = report.render(data)
    assert_inert(html)
    assert "<b>markup" not in html and "<div><p>" not in html
    if "<" in payload:
        assert payload not in html
        assert str(escape(payload)) in html


@pytest.mark.parametrize("bad_id", ['javascript:alert(1)', '"><script>alert(1)</script>', "//evil.example/x"])
def test_hostile_ids_cannot_make_links_that_leave_the_report(bad_id):
    data = sample_contract()
    data["articles"][0]["id"] = bad_id
    data["articles"][2]["reprint_of"] = bad_id
    data["articles"][0]["event"] = bad_id
    data["events"][0]["id"] = bad_id
    html = report.render(data)
    assert_inert(html)


def test_the_inertness_check_itself_catches_what_it_should():
    for html in ('<p onclick="x">', '<a href="javascript:x">', "<script>", '<svg><a href="https://e.x">'):
        with pytest.raises(AssertionError):
            assert_inert(html)
    assert_inert('<a href="#a-1">ok</a><svg><a href="#e-1"></a></svg>')


def test_report_has_a_strict_content_security_policy_and_no_remote_resources():
    html = report.render(sample_contract())
    assert "Content-Security-Policy" in html and "default-src 'none'" in html and "form-action 'none'" in html
    assert "script-src" not in html
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", html)


def test_every_section_shows_when_its_list_has_items():
    html = report.render(sample_contract())
    for section in ("overview", "timeline", "quotes", "claims", "anomalies", "stances", "articles"):
        assert f'<section id="{section}">' in html, section
    assert html.count('<circle class="marker"') == 2  # the undated event is listed, not charted
    assert '<line class="range"' in html  # e1 lasts two days
    assert "Undated talks" in html and "date unknown" in html


def test_empty_lists_hide_their_sections():
    html = report.render(contract([entry("Plain text.")]))
    for section in ("timeline", "quotes", "claims", "anomalies", "stances"):
        assert f'<section id="{section}">' not in html, section
    assert "<svg" not in html


def test_overview_counts():
    ov = report.overview(sample_contract())
    assert (ov["articles"], ov["dated"], ov["first"], ov["last"]) == (3, 2, "2025-04-02", "2025-04-10")
    assert (ov["events"], ov["claims"], ov["quotes"], ov["reprints"], ov["rejected"]) == (3, 2, 2, 1, 1)
    assert ov["reasons"] == [{"stage": "ingest", "reason": "binary <b>file</b>", "count": 1}]
    assert ("ai_generated", 1) in ov["flags"]


@pytest.mark.parametrize(
    "text, marks, expected",
    [
        ("abc", [], [[("abc", None)]]),
        ("say hi now", [(4, 6, "quote")], [[("say ", None), ("hi", "quote"), (" now", None)]]),
        ("one two three", [(0, 7, "claim"), (4, 13, "quote")],
         [[("one ", "claim"), ("two", "claim quote"), (" three", "quote")]]),
        ("p1\n\np2", [(0, 6, "quote")], [[("p1", "quote")], [("p2", "quote")]]),
        ("abc", [(2, 9, "quote"), (-1, 2, "quote"), (2, 2, "quote"), ("0", 1, "x"), (None, None, "x"), (True, 2, "x")],
         [[("abc", None)]]),
    ],
    ids=["plain", "one-mark", "overlap", "across-paragraphs", "bad-offsets-ignored"],
)
def test_highlight_cuts_text_at_every_mark_edge(text, marks, expected):
    got = [[(p["text"], p["kind"]) for p in para] for para in report.highlight(text, marks)]
    assert got == expected


def test_claims_are_highlighted_where_their_text_appears_and_quotes_at_their_spans():
    html = report.render(sample_contract())
    assert '<mark class="quote">We will keep it</mark>' in html
    assert '<mark class="source">Orbis Wire</mark>' in html
    assert html.count('<mark class="claim">200 monitors will deploy.</mark>') == 2


@pytest.mark.parametrize(
    "first, last, expected",
    [
        ("2025-04-01", "2025-04-04", ["2025-04-01", "2025-04-02", "2025-04-03", "2025-04-04"]),
        ("2025-01-15", "2025-05-02", ["2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01"]),
        ("2020-01-15", "2025-01-02", None),
    ],
)
def test_ticks_stay_few_and_inside_the_span(first, last, expected):
    from datetime import date
    ticks = report._ticks(date.fromisoformat(first), date.fromisoformat(last))
    assert 1 <= len(ticks) <= 10
    assert all(date.fromisoformat(first) <= t <= date.fromisoformat(last) for t in ticks)
    if expected is not None:
        assert [t.isoformat() for t in ticks] == expected


def test_timeline_labels_in_one_lane_never_overlap():
    events = [{"id": f"e{i}", "label": f"event number {i}", "date": f"2025-04-{i + 1:02d}", "articles": []} for i in range(20)]
    chart = report.timeline(events, {})["chart"]
    lanes: dict[float, list[tuple[float, float]]] = {}
    for m in chart["marks"]:
        width = len(m["label"]) * 7 + 12
        box = (m["x"] - width, m["x"]) if m["anchor"] == "end" else (m["x"], m["x"] + width)
        lanes.setdefault(m["label_y"], []).append(box)
    for boxes in lanes.values():
        boxes.sort()
        assert all(a[1] < b[0] for a, b in zip(boxes, boxes[1:]))
    assert len(lanes) > 1 and chart["height"] > chart["axis"] + 34


@pytest.mark.parametrize(
    "events, charted",
    [([], False), ([{"id": "x", "label": "l", "date": None, "articles": []}], False),
     ([{"id": "x", "label": "l", "date": "not a date", "articles": []}], False),
     ([{"id": "x", "label": "l", "date": "2025-04-02", "articles": ["missing"]}], True)],
)
def test_timeline_charts_only_dated_events(events, charted):
    tl = report.timeline(events, {})
    assert (tl["chart"] is not None) is charted
    assert len(tl["events"]) == len(events)


@pytest.mark.parametrize(
    "stance, score",
    [("support", 1.0), ("Oppose", -1.0), ("lean support", 0.5), (0.25, 0.25), (7, 1.0), (-3.5, -1.0),
     ("banana", None), (None, None), (True, None), (float("nan"), None)],
)
def test_stance_scores(stance, score):
    assert report._score(stance) == score


def test_stance_matrix_keeps_the_latest_stance_and_its_history():
    matrix = report.stance_matrix(sample_contract()["positions"])
    row = next(r for r in matrix["rows"] if r["actor"] == "Korvath")
    cell = row["cells"][matrix["issues"].index("border")]
    assert (cell["stance"], cell["count"]) == ("oppose", 2)
    assert "2025-04-02: support" in cell["history"]
    assert re.fullmatch(r"#[0-9a-f]{6}", cell["colour"])
    assert report.stance_matrix([]) is None
    assert report.stance_matrix([{"actor": None, "issue": "x"}]) is None


def test_claims_sort_problems_first_and_unknown_statuses_get_a_neutral_badge():
    claims = [{"text": "a", "status": "corroborated", "articles": []}, {"text": "b", "status": "<script>", "articles": []},
              {"text": "c", "status": "contradicted", "articles": []}]
    rows = report.claims_view(claims, {})
    assert [r["text"] for r in rows] == ["c", "a", "b"]
    assert [r["badge"] for r in rows] == ["contradicted", "corroborated", "other"]


def test_contradictions_show_both_spans_and_bad_spans_say_so():
    data = sample_contract()
    by_id = {a["id"]: a for a in data["articles"]}
    rows = report.anomalies_view(data["anomalies"], by_id)
    contradiction = next(r for r in rows if r["kind"] == "contradiction")
    assert [s["span"] for s in contradiction["spans"]] == ["Monitors never arrived", "200 monitors will deploy"]
    assert report.excerpt(by_id, "a1", 5, 10_000)["found"] is False
    assert report.excerpt(by_id, "nope", 0, 1)["found"] is False
    assert report.excerpt(by_id, ["a1"], 0, 1) == {"found": False, "article": None}


def test_removed_junk_is_listed_collapsed():
    html = report.render(contract([entry("Text.")]))
    assert "<details><summary>1 pieces of scraping junk removed</summary>" in html
