"""Bad dates through the real pipeline: none at all, metadata the text contradicts, the future.

Each article still comes out; what was known, what was used and why stays on the record.
"""

from __future__ import annotations

from storyline.builtin import dates
from storyline.pipeline import prepare
from storyline.records import Article, Metadata, RawDocument

STORY = (
    "Farmers in the Ambrin valley blocked the river road with tractors, demanding that the "
    "irrigation quotas cut in the spring be restored. The regional water board said it would "
    "meet their delegates. Police watched but did not intervene, and the road reopened at dusk."
)


def _prepared(text: str, published: str | None = None) -> Article:
    article = prepare(RawDocument(source="bad.txt", content=text,
                                  meta=Metadata(published=published)))
    assert isinstance(article, Article), article
    return article


def test_no_date_at_all_is_unknown_with_a_reason():
    article = _prepared(STORY)
    assert (article.published, article.published_how) == (None, "unknown")
    assert "no date" in dict(article.unknown)["published"]
    stage = dates(article)
    assert (stage["event_date"], stage["event_date_how"]) == (None, "unknown")
    assert stage["event_date_range"] == [None, None]


def test_metadata_the_text_contradicts_keeps_both_and_says_which_was_used():
    """Metadata says 2019; the text reports a day of 2025 as past: an article cannot report
    what came after it, so the text's date is used, flagged inferred, and the conflict is kept."""
    article = _prepared("The blockade began on March 12, 2025. " + STORY, "2019-07-02")
    assert (article.published, article.published_how) == ("2025-03-12", "inferred")
    assert "date_conflict" in article.flags
    by_how = {c.how: c for c in article.published_candidates}
    assert by_how["metadata"].value == "2019-07-02"
    assert "impossible" in by_how["inferred"].detail
    stage = dates(article)
    assert stage["event_date_how"] == "inferred"  # never presented as a known day
    low, high = stage["event_date_range"]
    assert low <= "2025-03-12" <= high


def test_a_date_in_the_future_is_kept_as_given():
    """The pipeline reads no clock: a date after today is still the publisher's date, used as
    such, and the text's weekday is resolved against it."""
    article = _prepared("On Monday, " + STORY[0].lower() + STORY[1:], "2031-01-08")
    assert (article.published, article.published_how) == ("2031-01-08", "metadata")
    stage = dates(article)
    assert (stage["event_date"], stage["event_date_how"]) == ("2031-01-06", "text")
