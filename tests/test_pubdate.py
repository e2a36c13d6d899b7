"""pubdate: candidates from metadata, URL, date lines and datelines; impossible dates overruled."""

from __future__ import annotations

import pytest

from storyline.pubdate import date_line, published

BODY = (
    "The regional council voted on the new water plan after a long debate, and the mayor said "
    "that the city would publish the full budget within weeks."
)


def para(*parts: str) -> str:
    return "\n\n".join(parts)


# (case, metadata date, url, labelled lines, text, expected value, how, conflict, detail part)
CASES = [
    ("metadata wins over a date line", "2024-03-05", None, [("date line", "March 6, 2024")],
     BODY, "2024-03-05", "metadata", False, None),
    ("dateline opening the first paragraph", None, None, [],
     para("TOLMOUTH, March 4, 2024 — " + BODY), "2024-03-04", "text", False, "dateline"),
    ("dateline with a region and an agency", None, None, [],
     para("PORT ELLEN, Islay (Example Wire), 4 March 2024 – " + BODY), "2024-03-04", "text",
     False, "dateline"),
    ("dateline with a region", None, None, [],
     para("PORT ELLEN, Islay, 4 March 2024 – " + BODY), "2024-03-04", "text", False, "dateline"),
    ("a date opening a sentence is no dateline", None, None, [],
     para("On March 4, 2024, the council met. " + BODY), "2024-03-04", "inferred", False, None),
    ("a dateline deep in the text is ignored", None, None, [],
     para(BODY, BODY, BODY, "TOLMOUTH, March 4, 2024 — It rained."), "2024-03-04", "inferred",
     False, None),
    ("a past event after the metadata date overrules it", "2024-03-05", None, [],
     para("The vote came on June 10, 2024. " + BODY), "2024-06-10", "inferred", True,
     "impossible"),
    ("a past event within a few days is no conflict", "2024-03-05", None, [],
     para("The vote came on March 7, 2024. " + BODY), "2024-03-05", "metadata", False, None),
    ("a plan after the metadata date is normal", "2024-03-05", None, [],
     para("A vote is scheduled for June 10, 2024. " + BODY), "2024-03-05", "metadata", False,
     None),
    ("a past event after the URL date overrules it", None, "https://ex.example/2024/03/05/x", [],
     para("The vote came on June 10, 2024. " + BODY), "2024-06-10", "inferred", True,
     "the url date"),
    ("a metadata year slip is corrected to the text's year", "2023-09-18", None, [],
     para("The truce takes effect on September 20, 2024. " + BODY), "2024-09-18", "inferred",
     True, "only its year is wrong"),
    ("no year slip when the day is far from the reference", "2023-05-02", None, [],
     para("The truce took effect on September 20, 2024. " + BODY), "2024-09-20", "inferred",
     True, "impossible"),
    ("a visible date line is kept, the conflict reported", None, None,
     [("date line", "March 5, 2024")], para("The vote came on June 10, 2024. " + BODY),
     "2024-03-05", "text", True, None),
    ("no evidence at all", None, None, [], BODY, None, "unknown", False, None),
    ("a date told in the middle of the body is background, a lower bound only", None, None, [],
     para(BODY, BODY, BODY, "On Oct. 21, 2011, the first truck crossed the bridge. " + BODY, BODY, BODY,
          BODY), None, "unknown", False, None),
    ("a weekday beside a date in the body frames it", None, None, [],
     para(BODY, BODY, BODY, "The council met on Tuesday, March 5, 2024. " + BODY, BODY, BODY, BODY),
     "2024-03-05", "inferred", False, None),
    ("a correction note closing the article frames it", None, None, [],
     para(BODY, BODY, BODY, "In 2011 the first truck crossed. " + BODY, BODY, BODY,
          "Correction: October 2, 2016, Sunday."), "2016-10-02", "inferred", False, None),
]


@pytest.mark.parametrize(
    "meta, url, lines, text, value, how, conflict, detail",
    [c[1:] for c in CASES], ids=[c[0] for c in CASES],
)
def test_published(meta, url, lines, text, value, how, conflict, detail):
    got = published(meta, url, lines, text)
    assert (got.value, got.how, got.conflict) == (value, how, conflict)
    assert (got.value is None) == bool(got.why)
    if detail:
        assert any(detail in c.detail for c in got.candidates if c.value == value)
    if conflict:
        # Every piece of evidence stays: the overruled date is still a candidate.
        assert len({c.value for c in got.candidates}) >= 2


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Published: March 5, 2024 10:30 am", "2024-03-05"),
        ("Monday, 5 March 2024", "2024-03-05"),
        ("2024-03-05", "2024-03-05"),
        ("The council met on March 5, 2024", None),
        ("05/11/2024", None),
    ],
)
def test_date_line(line, expected):
    day = date_line(line)
    assert (day.isoformat() if day else None) == expected


def test_background_date_stays_a_candidate_and_is_named_in_the_reason():
    text = para(BODY, BODY, BODY, "On Oct. 21, 2011, the first truck crossed the bridge. " + BODY, BODY, BODY, BODY)
    got = published(None, None, [], text)
    assert got.value is None and "'Oct. 21, 2011'" in got.why and "lower bound" in got.why
    assert [(c.value, c.how) for c in got.candidates] == [("2011-10-21", "inferred")]
