"""Events: same happening grouped, same kind of happening at another time or place kept apart."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.events import Event, event_date, event_id, event_window, group_events, window_range
from storyline.records import Article

# Two reports of one happening (own words), and two of another happening of the same kind.
PIER_A = (
    "The harbour authority of Velmora closed the northern pier on Tuesday after a storm cracked "
    "three of its pilings. Mayor Ilse Randqvist said temporary landing stages would keep the "
    "island ferries running. \"We will not leave the islands without a link to the mainland,\" "
    "Randqvist said. Repairs at Velmora are expected to take six weeks."
)
PIER_B = (
    "Ferries to the outer islands were diverted on Tuesday when Velmora shut its northern pier. "
    "Storm damage to the pilings made docking unsafe, engineers said. Randqvist promised "
    "temporary landing stages: \"We will not leave the islands without a link to the mainland.\" "
    "Operators at the Velmora harbour asked for a firm repair timetable."
)
QUAY_A = (
    "Port officials in Corvik closed the eastern quay on Friday after flooding undermined its "
    "foundations. Harbour master Pieter Maalbeek said cargo ships would be sent to the southern "
    "terminal. The Corvik quay could stay shut for two months, Maalbeek said."
)
QUAY_B = (
    "Cargo traffic was diverted to the southern terminal in Corvik on Friday as the eastern quay "
    "closed. Maalbeek, the harbour master, blamed flood damage to the foundations and said "
    "inspections at Corvik would decide how long the closure lasts."
)


def _article(aid: str, text: str, published: str | None) -> Article:
    return Article(id=aid, source=aid, text=text, published=published)


def _groups(events: list[Event]) -> set[frozenset[str]]:
    return {frozenset(e.articles) for e in events}


@pytest.mark.parametrize(
    ("articles", "expected"),
    [
        # same happening, two outlets, a day apart
        ([("a", PIER_A, "2025-03-05"), ("b", PIER_B, "2025-03-06")], [{"a", "b"}]),
        # two happenings of the same kind, in different places and weeks
        ([("a", PIER_A, "2025-03-05"), ("b", PIER_B, "2025-03-06"), ("c", QUAY_A, "2025-06-14"),
          ("d", QUAY_B, "2025-06-14")], [{"a", "b"}, {"c", "d"}]),
        # identical words but months apart: the time veto keeps them apart
        ([("a", PIER_A, "2025-03-05"), ("b", PIER_B, "2025-09-30")], [{"a"}, {"b"}]),
        # an undated report joins by content
        ([("a", PIER_A, "2025-03-05"), ("b", PIER_B, None)], [{"a", "b"}]),
        # unrelated stories
        ([("a", PIER_A, "2025-03-05"), ("c", QUAY_A, "2025-03-05")], [{"a"}, {"c"}]),
    ],
)
def test_grouping(articles, expected):
    events = group_events([_article(*a) for a in articles])
    assert _groups(events) == {frozenset(g) for g in expected}


# Same kind of happening, same place, same champion, other opponent: two different bouts.
BOUT_A = (
    "Arvid Kessler kept his heavyweight belts in Lindau, stopping Tomas Brenner in the seventh "
    "round. Brenner was down twice before the referee waved it off. Kessler said Brenner had "
    "been brave. The heavyweight champion has now won fourteen title fights."
)
BOUT_B = (
    "Arvid Kessler defended his heavyweight belts in Lindau, stopping Marco Villena in the "
    "fourth round. Villena never found his range against the champion. Kessler praised "
    "Villena afterwards. The heavyweight champion has now won fifteen title fights."
)
BOUT_C = (
    "Heavyweight champion Arvid Kessler stopped Tomas Brenner in round seven in Lindau to keep "
    "his belts. Brenner, the challenger, had promised an upset. Kessler dominated Brenner "
    "from the opening bell."
)


def test_same_topic_other_participants_split():
    """Undated, so time cannot help: the opponent each report is about tells the bouts apart."""
    events = group_events([_article("a", BOUT_A, None), _article("b", BOUT_B, None),
                           _article("c", BOUT_C, None)])
    assert _groups(events) == {frozenset({"a", "c"}), frozenset({"b"})}


def test_a_day_found_from_an_inferred_publication_date_is_flagged_inferred():
    """Never a guess presented as fact: the inference carries through to the event's day."""
    base = _article("x", "The council voted on Monday to close the pier.", "2025-03-06")
    assert event_date(base) == ("2025-03-03", "text")
    inferred = replace(base, published_how="inferred")
    assert event_date(inferred) == ("2025-03-03", "inferred")
    plain = replace(inferred, text="The council voted to close the pier.")
    assert event_date(plain) == ("2025-03-06", "inferred")


def test_an_inferred_day_is_a_bound_not_the_day():
    """A day inferred from the latest full date in the text opens a window from it; days the
    text names later without a year still count."""
    text = "The pier, inspected on March 3, 2025, was shut again on June 9 after new cracks."
    article = replace(_article("x", text, "2025-03-03"), published_how="inferred")
    day, how = event_date(article)
    assert how == "inferred"
    window = event_window(article, day, how)
    assert not window.exact
    assert window.first <= _day("2025-03-03") < _day("2025-06-09") <= window.last
    assert event_window(article, day, "published").exact


def test_window_range_reads_open_ends_as_null():
    window = event_window(_article("x", "The dam, finished in late 2025, still holds.", None))
    first, last = window_range(window)
    assert first is not None and first < "2025-10-01" and last is None


def test_an_own_byline_is_not_who_the_news_is_about():
    """A writer's name opening each report names no participant: one writer's two reports of
    two bouts stay apart, another writer's report of the same bout joins."""
    def signed(aid: str, opening: str, writer: str, outlet: str, text: str) -> Article:
        opening = f"{opening}, by {writer} of the {outlet}.\n\n"
        return replace(_article(aid, opening + text, None), author=writer, outlet=outlet)

    letter = "A weekly letter from the ringside"
    events = group_events([signed("a", letter, "Selma Hartveit", "Lindau Courier", BOUT_A),
                           signed("b", letter, "Selma Hartveit", "Lindau Courier", BOUT_B),
                           signed("c", "Our fight night notes", "Joran Ekdahl", "Ringside Weekly",
                                  BOUT_C)])
    assert _groups(events) == {frozenset({"a", "c"}), frozenset({"b"})}


def test_a_full_date_bounds_an_undated_article():
    born = _article("x", "Mira Solberg, born on April 22, 1923, died at her home.", None)
    assert event_date(born) == (None, "unknown")
    window = event_window(born)
    assert window.first is not None and window.last is None


def test_reprints_follow_their_original():
    articles = [_article("a", PIER_A, "2025-03-05"), _article("b", PIER_B, "2025-03-06"),
                _article("r", "Junk header. " + QUAY_A, "2025-03-06")]
    events = group_events(articles, reprints={"r": ("a", 0.95)})
    assert {"a", "r"} <= set(next(e for e in events if "a" in e.articles).articles)


def test_event_record():
    events = group_events([_article("b", PIER_B, "2025-03-06"), _article("a", PIER_A, "2025-03-05")])
    (event,) = events
    assert event.id == event_id(["a", "b"]) == event_id(["b", "a"])
    assert event.articles == ("a", "b")
    assert (event.date, event.date_end) == ("2025-03-04", "2025-03-04")  # both say Tuesday
    assert "Velmora" in event.label or "Randqvist" in event.label
    assert event.links and event.links[0][:2] == ("a", "b")
    assert Event.from_dict(event.as_dict()) == event


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The council voted on Monday to close the pier.", "2025-03-06", ("2025-03-03", "text")),
        ("The council voted to close the pier.", "2025-03-06", ("2025-03-06", "published")),
        # undated: a full date in the text only bounds the happening (it may be a birth date)
        ("On March 3, 2025 the council voted.", None, (None, "unknown")),
        ("The council voted on Monday.", None, (None, "unknown")),
        ("The council voted.", None, (None, "unknown")),
        # contradictory: a named day after publication is not the reported happening
        ("The council voted on March 20, 2025.", "2025-03-06", ("2025-03-06", "published")),
        # background far before publication is not the news either
        ("The pier opened on June 2, 1998.", "2025-03-06", ("2025-03-06", "published")),
        # a publication date in the future is taken as given
        ("The council voted on Monday.", "2031-01-08", ("2031-01-06", "text")),
    ],
)
def test_event_date(text, published, expected):
    assert event_date(_article("x", text, published)) == expected


@pytest.mark.parametrize("texts", [[], [""], ["", "   \n\n "]])
def test_nothing_to_group(texts):
    assert group_events([_article(f"a{i}", t, None) for i, t in enumerate(texts)]) == []


def test_identical_articles_form_one_event():
    articles = [_article(f"a{i:03d}", PIER_A, "2025-03-05") for i in range(300)]
    (event,) = group_events(articles)
    assert len(event.articles) == 300


@settings(max_examples=25, deadline=None)
@given(picks=st.lists(st.tuples(st.sampled_from([PIER_A, PIER_B, QUAY_A, QUAY_B, ""]),
                                st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))),
                      max_size=8))
def test_every_article_with_text_is_in_exactly_one_event(picks):
    articles = [_article(f"a{i}", text, day) for i, (text, day) in enumerate(picks)]
    events = group_events(articles)
    placed = [aid for e in events for aid in e.articles]
    assert sorted(placed) == sorted(a.id for a in articles if a.text.strip())
    for event in events:
        assert event.date is None or event.date <= event.date_end


def _day(iso: str) -> int:
    from datetime import date
    return date.fromisoformat(iso).toordinal()


@pytest.mark.parametrize(
    ("text", "first", "last", "yearless"),
    [
        # the latest dated reference is a lower bound (less the look-back), no upper bound
        ("The war began in February 2022. Talks resumed.", "2022-01-22", None, ()),
        # a period spoken of in the present bounds both sides
        ("The front lines in late 2025 remain static.", "2025-08-22", "2025-12-31", ()),
        # negative: a past participle owns the period, it is not the present
        ("The law passed in 2019 remains in force.", "2018-12-22", None, ()),
        # a planned day without a year: a season, at most a month ahead
        ("The proposed May 15 talks may go ahead.", None, None, ((5, 15, 31, 0),)),
        # a day without a year, not a plan: near the writing on either side
        ("Delegates met in Geneva on 3 June.", None, None, ((6, 3, 31, 183),)),
        # negative: a plan's year says nothing about when the text was written
        ("Elections are scheduled for March 2031.", None, None, ()),
        ("Nothing in this text is dated.", None, None, ()),
    ],
)
def test_event_window_of_undated_article(text, first, last, yearless):
    from storyline.events import event_window
    window = event_window(_article("x", text, None))
    assert window.first == (_day(first) if first else None)
    assert window.last == (_day(last) if last else None)
    assert window.yearless == yearless


def test_event_window_uses_the_inferred_publication_range():
    from storyline.events import event_window
    from storyline.records import DateCandidate
    article = Article(id="x", source="x", text="Talks resumed.", published_candidates=(
        DateCandidate("2025-10-01", "inferred", "range 2025-10-01..2025-12-31 from 'late 2025'"),))
    assert event_window(article).first == _day("2025-09-21")


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        (("2025-03-01", "2025-03-01", ()), ("2025-03-05", "2025-03-05", ()), False),
        (("2025-03-01", "2025-03-01", ()), ("2025-03-20", "2025-03-20", ()), True),
        # disjoint ranges veto, as exact days do
        (("2025-09-01", "2025-12-31", ()), ("2025-04-21", "2025-04-21", ()), True),
        # an open range does not
        (("2025-09-01", None, ()), ("2026-05-09", "2026-05-09", ()), False),
        # a planned mid-May day rules out late November of any year ...
        ((None, None, ((5, 15, 31, 0),)), ("2025-11-28", "2025-11-28", ()), True),
        # ... and a range in the autumn, but not an April day
        ((None, None, ((5, 15, 31, 0),)), ("2025-09-01", "2025-12-31", ()), True),
        ((None, None, ((5, 15, 31, 0),)), ("2025-04-21", "2025-04-21", ()), False),
        # nothing known: nothing ruled out
        ((None, None, ()), ("2025-04-21", "2025-04-21", ()), False),
    ],
)
def test_windows_apart(a, b, apart):
    from storyline.events import Window, windows_apart

    def window(first, last, yearless):
        return Window(_day(first) if first else None, _day(last) if last else None, yearless)

    assert windows_apart(window(*a), window(*b)) is apart
    assert windows_apart(window(*b), window(*a)) is apart


# An undated piece that places itself in a season, and a dated one of the same happening.
SEASON_A = ("Harbour crews in late 2025 remain busy at Velmora. " + PIER_A)


@pytest.mark.parametrize(
    ("articles", "expected"),
    [
        # a present-tense season keeps an undated report away from a dated one months earlier
        ([("a", PIER_A, "2025-03-05"), ("s", SEASON_A, None)], [{"a"}, {"s"}]),
        # and lets it join one inside the season
        ([("a", PIER_A, "2025-11-05"), ("s", SEASON_A, None)], [{"a", "s"}]),
    ],
)
def test_undated_article_windows_in_grouping(articles, expected):
    events = group_events([_article(*a) for a in articles])
    assert _groups(events) == {frozenset(g) for g in expected}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Randqvist closes Velmora pier after storm", "Randqvist — closes Velmora pier"),
        ("Storm damage: Randqvist shuts the northern pier", "Randqvist — shuts the northern pier"),
        ("Randqvist and Velmora sign a pier repair accord", "Randqvist and Velmora — sign a pier repair accord"),
        # the name closes the headline: the whole headline, opening with a capital
        ("storm damage shuts the northern pier at Velmora", "Storm damage shuts the northern pier at Velmora"),
        # negative: a teaser or question is not the news part
        ("A setback? Velmora ferries diverted to temporary stages",
         "Velmora — ferries diverted to temporary stages"),
    ],
)
def test_label_is_actor_and_action(title, expected):
    articles = [Article(id="a", source="a", text=PIER_A, title=title, published="2025-03-05"),
                Article(id="b", source="b", text=PIER_B, title=title, published="2025-03-06")]
    (event,) = group_events(articles)
    assert event.label == expected


@pytest.mark.parametrize("scores,rejoined", [
    # a lone article linked to two members of a group and at odds with none comes back
    ({(0, 1): 0.2, (0, 2): 0.2, (1, 2): 0.1, (3, 0): 0.09, (3, 1): 0.09, (3, 2): 0.03}, True),
    # one link is a bridging pair: it stays out
    ({(0, 1): 0.2, (0, 2): 0.2, (1, 2): 0.1, (3, 0): 0.09, (3, 1): 0.03, (3, 2): 0.03}, False),
    # two links, but a conflict (negative score) with a third member: it stays out
    ({(0, 1): 0.2, (0, 2): 0.2, (1, 2): 0.1, (3, 0): 0.09, (3, 1): 0.09, (3, 2): -0.05}, False),
])
def test_a_lone_article_with_links_into_a_group_rejoins_it(scores, rejoined):
    from storyline.events import _rejoin

    members, top = [10, 11, 12, 13], 1.55
    distances = [top - scores.get((a, b), scores.get((b, a), 0.0)) for a in range(4) for b in range(a + 1, 4)]
    groups = _rejoin([[10, 11, 12], [13]], members, distances, top)
    assert (sorted(map(sorted, groups)) == [[10, 11, 12, 13]]) == rejoined


def test_a_report_names_the_event_before_a_listicle_or_explainer():
    articles = [
        Article(id="a", source="a", text=PIER_A, title="Randqvist closes Velmora pier after storm", published="2025-03-05"),
        Article(id="b", source="b", text=PIER_B, title="Randqvist shuts the northern pier after storm", published="2025-03-06"),
        # closest to both others (it holds both texts), but it lists rather than reports
        Article(id="c", source="c", text=PIER_A + "\n\n" + PIER_B,
                title="Velmora pier closure: 5 things you need to know", published="2025-03-06"),
    ]
    (event,) = group_events(articles)
    assert event.label in ("Randqvist — closes Velmora pier", "Randqvist — shuts the northern pier")
    # negative: the same three with the listicle's headline a report's would take its label
    articles[2] = Article(id="c", source="c", text=articles[2].text, title="Randqvist orders the Velmora pier closed",
                          published="2025-03-06")
    (event,) = group_events(articles)
    assert event.label == "Randqvist — orders the Velmora pier closed"


def test_a_name_of_several_words_is_the_actor_whole():
    text_a = PIER_A.replace("Randqvist", "Anna Lind Randqvist")
    text_b = PIER_B.replace("Randqvist", "Anna Lind Randqvist")
    articles = [Article(id="a", source="a", text=text_a, title="Anna Lind Randqvist closes Velmora pier on Monday", published="2025-03-05"),
                Article(id="b", source="b", text=text_b, title="Anna Lind Randqvist closes Velmora pier on Monday", published="2025-03-06")]
    (event,) = group_events(articles)
    assert event.label == "Anna Lind Randqvist — closes Velmora pier on Monday"
