"""Bad input for the verify stage: one article, a thousand reprints of one article, no dates."""

from storyline.profile import Actor, Office, Profile
from storyline.records import Article
from storyline.verify import verify_articles

PROFILE = Profile("t", "t.yaml", actors=(
    Actor("Ada Brun", "person", aliases=("Brun",), offices=(Office("foreign minister", "Norland", "2020-01-01", "2024-03-01"),)),
))
TEXT = ("Foreign Minister Ada Brun said the talks would go on. The two sides exchanged 120 prisoners on Friday. "
        "The war, now in its third year, began in March 2023. A 30-day ceasefire was agreed.")


def test_a_thousand_reprints_are_one_source_and_contradict_nothing():
    copies = [Article(id=f"r{i}", source=f"r{i}.txt", text=TEXT, published="2025-06-01") for i in range(1000)]
    out = verify_articles(copies, {}, {}, {f"r{i}": "r0" for i in range(1, 1000)}, [], PROFILE)
    assert out["claims"] and all(c["independent_sources"] == 1 for c in out["claims"])
    assert all(len(c["articles"]) == 1000 for c in out["claims"])
    assert {c["status"] for c in out["claims"]} <= {"single_source", "unsourced"}
    assert [a for a in out["anomalies"] if a["kind"] == "contradiction"] == []
    assert sum(1 for f in out["article_fields"].values() if f["source_profile"]["reprint_of"] == "r0") == 999


def test_undated_articles_keep_their_claims_but_are_not_judged():
    articles = [Article(id=i, source=f"{i}.txt", text=TEXT) for i in ("u", "v")]
    out = verify_articles(articles, {}, {}, {}, [], PROFILE)
    assert out["claims"] and {c["independent_sources"] for c in out["claims"]} == {2}
    assert out["anomalies"] == []  # no date: neither stale nor a war's age counted back
    for fields in out["article_fields"].values():
        assert fields["staleness_checked"] is False
        assert fields["staleness_basis"] == "article has no publication date and its text supports no date"


def test_one_dated_and_one_undated_article_compare_only_what_the_dates_allow():
    dated = Article(id="d", source="d.txt", text="The war began in March 2023.", published="2025-06-01")
    undated = Article(id="u", source="u.txt", text="The war, now in its third year, drags on.")
    out = verify_articles([dated, undated], {}, {}, {}, [], PROFILE)
    assert [a for a in out["anomalies"] if a["kind"] == "contradiction"] == []
