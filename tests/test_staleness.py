"""Stale and anachronistic statements against the article's own date."""

import pytest

from storyline.profile import Actor, Issue, Office, Profile
from storyline.records import Article
from storyline.verify import verify_articles
from storyline.verify.claims import extract_claims
from storyline.verify.outdated import outdated_statements
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


SUMMIT = TimelineEvent("the Lake summit", "2026-03-01", "2026-03-02", cues=("summit at the lake",))


@pytest.mark.parametrize("text,day,events,kind", [
    ("All eyes are on the upcoming prisoner exchange at the Tessel bridge.", "2026-07-10", [EXCHANGE], "past_event_upcoming"),
    ("All eyes are on the upcoming prisoner exchange at the Tessel bridge.", "2026-05-08", [EXCHANGE], None),  # still ahead
    ("All eyes are on the upcoming vote in parliament.", "2026-07-10", [EXCHANGE], None),  # no event named
    ("This week, a prisoner exchange is under way at the Tessel bridge.", "2026-09-01", [EXCHANGE], "anachronism"),
    ("A prisoner exchange took place at the Tessel bridge.", "2026-09-01", [EXCHANGE], None),  # told as past
    ("The summit at the lake gives Norland a stage.", "2026-09-01", [SUMMIT], "anachronism"),  # no past word
    ("The summit at the lake was held in March.", "2026-09-01", [SUMMIT], None),
    ("The summit at the lake gives Norland a stage.", "2026-03-10", [SUMMIT], None),  # recent news
    # "that gathering" / "the summit" still name the event of the sentence before.
    ("The summit at the lake was held in March. Norland has already dismissed that gathering.", "2026-09-01",
     [SUMMIT], "anachronism"),
    ("The summit at the lake was held in March. Norland aims to win friends at the summit.", "2026-09-01",
     [SUMMIT], "past_event_upcoming"),
    ("Norland aims to win friends at the summit.", "2026-09-01", [SUMMIT], None),  # nothing named before
])
def test_timeline(text, day, events, kind):
    found = timeline_anomalies("a", text, day, "published", None, events, PROFILE)
    assert [f["kind"] for f in found] == ([kind] if kind else [])


TALKS = (TimelineEvent("the 2024 talks", "2024-03-01", cues=("talks in Selm in 2024",), kind="talks"),
         TimelineEvent("the 2026 talks", "2026-05-16", cues=("talks in Selm in May",), kind="talks",
                       outdates=("no talks without a truce",)))


@pytest.mark.parametrize("text,day,stale", [
    ("It would be the first real attempt since the talks in Selm in 2024.", "2026-09-01", True),
    ("It would be the first real attempt since the talks in Selm in 2024.", "2026-05-01", False),  # before the next
    ("It was a hard year since the talks in Selm in 2024.", "2026-09-01", False),  # no "first"
    ("Norland's position remains unchanged: no talks without a truce.", "2026-09-01", True),
    ("Norland's position remains unchanged: no talks without a truce.", "2026-05-10", False),
    ("Norland once said: no talks without a truce.", "2026-09-01", False),  # not told as still true
])
def test_outdated_statements(text, day, stale):
    found = outdated_statements("a", text, day, "published", list(TALKS))
    assert [f["kind"] for f in found] == (["stale_fact"] if stale else [])


@pytest.mark.parametrize("published,expressions,event_day,text,day,checked", [
    ("2026-07-10", [], None, "", "2026-07-10", True),
    (None, [{"relative": False, "value": "2025-09-01"}, {"relative": False, "value": "2022-02-01"}], None, "", "2025-09-01", True),
    (None, [{"relative": False, "value": "2025-09-01"}], "2025-11-28", "", "2025-11-28", True),  # the event it reports
    (None, [], None, "A summit at the lake was held.", "2026-03-01", True),  # an event it tells as past
    (None, [], None, "The upcoming summit at the lake.", None, False),  # an event still ahead says nothing
    (None, [{"relative": True, "value": None}], None, "", None, False),
])
def test_article_day(published, expressions, event_day, text, day, checked):
    found, basis, _ = article_day(published, expressions, event_day, text, [SUMMIT])
    assert found == day and bool(found) == checked and basis
    assert ("lower bound" in basis) == (checked and not published)


@pytest.mark.parametrize("text,day,basis,stale", [
    ("the nearly three year conflict", "2025-11-28", "published", True),
    ("the nearly four year conflict", "2025-11-28", "published", False),
    ("the nearly five year conflict", "2025-11-28", "published", True),
    ("the nearly five year conflict", "2025-11-28", "lower bound", False),  # a lower bound cannot show "too old"
])
def test_stale_ages(text, day, basis, stale):
    claims = extract_claims("a", text)
    assert bool(stale_ages(claims, day, basis, "2022-02-24")) == stale


@pytest.mark.parametrize("own,contradicted", [
    (("2025-09-01", 40, 49), True),  # "late 2025" in the same article
    (("2024-09-01", 40, 49), False),
    (None, False),
])
def test_war_age_against_the_articles_own_date(own, contradicted):
    claims = extract_claims("a", "the nearly three year conflict")
    found = stale_ages(claims, "2025-11-28", "lower bound", "2022-02-24", own)
    assert [f["other"]["start"] for f in found if f["kind"] == "contradiction"] == ([40] if contradicted else [])


def test_undated_article_is_not_judged_and_says_so():
    article = Article(id="u", source="u.txt", text=TEXT)
    out = verify_articles([article], {}, {}, {}, [], PROFILE)
    assert out["anomalies"] == []
    assert out["article_fields"]["u"]["staleness_checked"] is False
    assert "no publication date" in out["article_fields"]["u"]["staleness_basis"]


def test_undated_article_is_judged_against_its_event_and_says_so():
    article = Article(id="u", source="u.txt", text=TEXT)
    out = verify_articles([article], {}, {}, {}, [{"id": "E1", "date": "2026-07-10", "articles": ["u"]}], PROFILE)
    assert [a["kind"] for a in out["anomalies"]] == ["stale_office"]
    assert "lower bound" in out["anomalies"][0]["detail"] and out["article_fields"]["u"]["staleness_checked"]


def test_one_article_corpus_has_nothing_contradicted():
    article = Article(id="a", source="a.txt", text="The two sides exchanged 120 prisoners. " + TEXT, published="2026-07-10")
    out = verify_articles([article], {}, {}, {}, [], PROFILE)
    assert out["claims"] and {c["status"] for c in out["claims"]} <= {"single_source", "unsourced"}
    assert [a["kind"] for a in out["anomalies"]] == ["stale_office"]
