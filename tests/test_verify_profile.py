"""The source profile of each article: facts in the JSON, shown on the report's article cards."""

from storyline import report
from storyline.profile import Actor, Office, Profile
from storyline.records import Article, Removed
from storyline.verify import verify_articles

PROFILE = Profile("t", "t.yaml", actors=(
    Actor("Ada Brun", "person", aliases=("Brun",), offices=(Office("foreign minister", "Norland", "2020-01-01", "2024-03-01"),)),
))
TEXT = ("Foreign Minister Ada Brun said the talks would go on. The two sides exchanged 120 prisoners, "
        "according to Orbis Wire. A 30-day ceasefire was agreed.")
FIELDS = {"self_declared_ai", "reprint_of", "claims", "unsourced_claim_share", "sources_cited", "junk_removed",
          "stale_statements"}


def articles():
    original = Article(id="a", source="a.txt", text=TEXT, published="2025-06-01", flags=("self_declared_ai",),
                       removed=(Removed("footer", "Subscribe now"),))
    return [original, Article(id="r", source="r.txt", text=TEXT, published="2025-06-03"),
            Article(id="u", source="u.txt", text=TEXT)]


def test_source_profile_holds_every_fact():
    cited = {"a": {"cited_sources": [{"name": "Orbis Wire", "cue": "according to", "start": TEXT.index("Orbis"),
                                      "end": TEXT.index("Orbis") + 10}]}}
    out = verify_articles(articles(), cited, {}, {"r": "a"}, [], PROFILE)
    a, r, u = (out["article_fields"][k]["source_profile"] for k in "aru")
    assert FIELDS <= set(a)
    assert (a["self_declared_ai"], a["reprint_of"], a["junk_removed"], a["sources_cited"]) == (True, None, 1, 1)
    assert (r["self_declared_ai"], r["reprint_of"], r["sources_cited"]) == (False, "a", 0)
    assert a["stale_statements"] == 1 and a["claims"] >= 3
    # the count is credited to Orbis Wire in a, not in r: r has a larger share of claims with no named source
    assert a["unsourced_claim_share"] < r["unsourced_claim_share"]
    assert out["article_fields"]["u"]["staleness_checked"] is False and u["stale_statements"] == 0


def test_article_cards_show_the_source_profile():
    out = verify_articles(articles(), {}, {}, {"r": "a"}, [], PROFILE)
    entries = []
    for article in articles():
        entry = article.as_dict()
        entry.update({"reprint_of": None, "event": None, "quotes": [], "cited_sources": []}, **out["article_fields"][article.id])
        entries.append(entry)
    html = report.render({"storyline_version": "test", "articles": entries, "events": [], "actions": [], "positions": [],
                          "claims": out["claims"], "anomalies": out["anomalies"], "actors": []})
    assert html.count("Source profile:") == 3
    assert "self-declared AI" in html and "reprint of" in html
    assert "staleness not judged: article has no publication date" in html
