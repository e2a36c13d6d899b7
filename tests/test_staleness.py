"""Stale and anachronistic statements against the article's own date."""

import pytest

from storyline.profile import Actor, Issue, Office, Profile
from storyline.records import Article
from storyline.verify import verify_articles
from storyline.verify.claims import extract_claims
from storyline.verify.staleness import (TimelineEvent, article_day, stale_ages, stale_offices,
                                        timeline_anomalies)

PROFILE = Profile(
    "test", "test.yaml",
    actors=(Actor("Norland", "country", aliases=("Norlandic",)),
            Actor("Ada Brun", "person", country="Norland",
                  offices=(Office("foreign minister", "Norland", "2020-01-01", "2026-03-01"),))),
    places=("Tessel bridge",),
    issues=(Issue("prisoner_exchange", ("prisoner exchange",)),),
)
TEXT = "Norlandic Foreign Minister Ada Brun spoke."


@pytest.mark.parametrize("day,stale", [("2026-07-10", True), ("2026-02-01", False), ("2026-03-01", False)])
def test_stale_office(day, stale):
    claims = extract_claims("a", TEXT, profile=PROFILE)
    found = stale_offices(claims, day, "published", PROFILE)
    assert bool(found) == stale
    if stale:
        assert "2026-03-01" in found[0]["detail"] and TEXT[found[0]["start"]:found[0]["end"]].endswith("Ada Brun")


EXCHANGE = TimelineEvent("the exchange", "2026-05-09", places=frozenset({"Tessel bridge"}),
                         issues=frozenset({"prisoner_exchange"}), event_id="E4")


@pytest.mark.parametrize("text,day,kind", [
    ("All eyes are on the upcoming prisoner exchange at the Tessel bridge.", "2026-07-10", "past_event_upcoming"),
    ("All eyes are on the upcoming prisoner exchange at the Tessel bridge.", "2026-05-08", None),  # still ahead
    ("All eyes are on the upcoming vote in parliament.", "2026-07-10", None),  # no event named
    ("This week, a prisoner exchange is under way at the Tessel bridge.", "2026-09-01", "anachronism"),
    ("A prisoner exchange took place at the Tessel bridge.", "2026-09-01", None),  # told as past
])
def test_timeline(text, day, kind):
    found = timeline_anomalies("a", text, day, "published", None, [EXCHANGE], PROFILE)
    assert [f["kind"] for f in found] == ([kind] if kind else [])


@pytest.mark.parametrize("published,expressions,day,checked", [
    ("2026-07-10", [], "2026-07-10", True),
    (None, [{"relative": False, "value": "2025-09-01"}, {"relative": False, "value": "2022-02-01"}], "2025-09-01", True),
    (None, [{"relative": True, "value": None}], None, False),
])
def test_article_day(published, expressions, day, checked):
    found, basis = article_day(published, expressions)
    assert found == day and bool(found) == checked and basis


@pytest.mark.parametrize("text,day,basis,stale", [
    ("the nearly three year conflict", "2025-11-28", "published", True),
    ("the nearly four year conflict", "2025-11-28", "published", False),
    ("the nearly five year conflict", "2025-11-28", "published", True),
    ("the nearly five year conflict", "2025-11-28", "lower bound", False),  # a lower bound cannot show "too old"
])
def test_stale_ages(text, day, basis, stale):
    claims = extract_claims("a", text)
    assert bool(stale_ages(claims, day, basis, "2022-02-24")) == stale


def test_undated_article_is_not_judged_and_says_so():
    article = Article(id="u", source="u.txt", text=TEXT)
    out = verify_articles([article], {}, {}, {}, [], PROFILE)
    assert out["anomalies"] == []
    assert out["article_fields"]["u"]["staleness_checked"] is False
    assert "no publication date" in out["article_fields"]["u"]["staleness_basis"]


def test_one_article_corpus_has_nothing_contradicted():
    article = Article(id="a", source="a.txt", text="The two sides exchanged 120 prisoners. " + TEXT, published="2026-07-10")
    out = verify_articles([article], {}, {}, {}, [], PROFILE)
    assert out["claims"] and {c["status"] for c in out["claims"]} <= {"single_source", "unsourced"}
    assert [a["kind"] for a in out["anomalies"]] == ["stale_office"]
