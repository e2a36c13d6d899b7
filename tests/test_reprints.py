"""Reprints: copies and light rewrites link to the earliest version; different articles do not."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.events import group_events
from storyline.records import Article
from storyline.reprints import containment, find_reprints, signature

ORIGINAL = (
    "The harbour authority of Velmora said on Tuesday that the northern pier would close for "
    "repairs after a storm damaged its pilings. Engineers found cracks in three supports and "
    "warned that ferries could not dock safely until the work was done.\n\n"
    "Mayor Ilse Randqvist told reporters the city would pay for temporary landing stages so that "
    "the island routes keep running. \"We will not leave the islands without a link to the "
    "mainland,\" she said. Ferry operators welcomed the plan but asked for a firm timetable.\n\n"
    "The repairs are expected to take six weeks and to cost about four million crowns, according "
    "to the authority, which said tenders would open at the end of the month."
)
OTHER = (
    "Farmers in the Osterdal valley reported a record apple harvest this autumn, helped by a warm "
    "spring and few late frosts. The regional cooperative said prices had fallen as a result and "
    "that it would store more fruit than usual to wait for better offers.\n\n"
    "Several growers said they planned to plant new orchards next year, while others warned that "
    "labour shortages made picking the whole crop difficult. The cooperative chairman, Tomas "
    "Lindh, said the season showed both the promise and the limits of the valley's orchards."
)
SAME_TOPIC = (
    "Ferry passengers faced long queues at Velmora on Wednesday as the northern pier closed for "
    "repairs. Some travellers said they had not been told about the closure and missed their "
    "connections, while the operators handed out water and updated timetables.\n\n"
    "The harbour authority said the temporary landing stages would be ready within days and asked "
    "for patience. Local businesses on the islands worried about deliveries during the works."
)
JUNK = ("Subscribe to our newsletter for the latest updates. Trending now: ten gadgets you need. "
        "Share this story with friends. Advertisement. Related posts you may also enjoy. ") * 4


def _edit(text: str) -> str:
    return text.replace("Tuesday", "Monday").replace("six weeks", "seven weeks").replace(
        "welcomed", "praised")


TRANSFORMS = [
    ("verbatim", lambda t: t, True),
    ("wrapped in junk", lambda t: JUNK + t + JUNK, True),
    ("light edit", _edit, True),
    ("first two paragraphs", lambda t: "\n\n".join(t.split("\n\n")[:2]), True),
    ("different article", lambda t: OTHER, False),
    ("same topic, own words", lambda t: SAME_TOPIC, False),
    ("empty", lambda t: "", False),
    ("a few words", lambda t: "The pier closed.", False),
]


@pytest.mark.parametrize(("name", "transform", "linked"), TRANSFORMS, ids=[t[0] for t in TRANSFORMS])
def test_copies_link_to_original(name, transform, linked):
    articles = [
        Article(id="orig", source="a", text=ORIGINAL, published="2025-03-01"),
        Article(id="copy", source="b", text=transform(ORIGINAL), published="2025-03-02"),
    ]
    found = find_reprints(articles)
    assert ("copy" in found) is linked
    if linked:
        original, similarity = found["copy"]
        assert original == "orig"
        assert 0.7 <= similarity <= 1.0
    assert "orig" not in found


@pytest.mark.parametrize(
    ("dates", "expected_original"),
    [
        ({"a": "2025-03-05", "b": "2025-03-01", "c": "2025-03-03"}, "b"),
        ({"a": "2025-03-01", "b": "2025-03-01", "c": "2025-03-03"}, "a"),  # tie: lowest id
        ({"a": None, "b": None, "c": "2025-03-09"}, "c"),  # a dated copy beats undated ones
        ({"a": None, "b": None, "c": None}, "a"),
    ],
)
def test_earliest_dated_is_the_original(dates, expected_original):
    articles = [Article(id=k, source=k, text=ORIGINAL, published=v) for k, v in dates.items()]
    found = find_reprints(articles)
    assert set(found) == set(dates) - {expected_original}
    assert {v[0] for v in found.values()} == {expected_original}


def test_containment_sees_through_junk():
    a, b = signature(ORIGINAL), signature(JUNK * 3 + ORIGINAL + JUNK * 3)
    assert containment(a, b) > 0.8
    assert containment(a, signature(OTHER)) < 0.2


def test_too_short_or_empty_has_no_signature():
    assert signature("") is None
    assert signature("Short text here.") is None


@pytest.mark.slow
def test_ten_thousand_copies_are_one_original_and_one_event():
    """The same article sent 10,000 times: one original (the earliest, then the first id), the
    rest its reprints, one event holding them all. Its time is printed by
    ``bench/linking_bench.py --copies``, not asserted here."""
    articles = [Article(id=f"{i:05d}", source="s", text=ORIGINAL,
                        published="2025-03-01" if i else "2025-02-28") for i in range(10_000)]
    articles.reverse()  # the original is found by its date, not by its place in the input
    found = find_reprints(articles)
    assert len(found) == 9_999
    assert {v[0] for v in found.values()} == {"00000"}
    (event,) = group_events(articles, found)
    assert len(event.articles) == 10_000


def _sentences(seed: int, n: int) -> str:
    rng = random.Random(seed)
    words = [f"{a}{b}" for a in ("ka", "lo", "mi", "ne", "tu", "ra") for b in ("ber", "dan", "fis", "gol", "hum", "jat", "kor")]
    return " ".join(" ".join(rng.choices(words, k=12)) + "." for _ in range(n))


@settings(max_examples=30, deadline=None)
@given(seeds=st.lists(st.integers(0, 5), min_size=1, max_size=8),
       dated=st.lists(st.booleans(), min_size=8, max_size=8))
def test_links_point_at_roots_and_never_cycle(seeds, dated):
    articles = [Article(id=f"a{i}", source="s", text=_sentences(seed, 20),
                        published=f"2025-01-{i + 1:02d}" if dated[i] else None)
                for i, seed in enumerate(seeds)]
    found = find_reprints(articles)
    for copy, (original, similarity) in found.items():
        assert copy != original
        assert original not in found  # every link goes straight to its group's original
        assert 0.0 <= similarity <= 1.0
