"""Date expressions: found with their spans, resolved against the publication date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.datexpr import DateExpression, date_expressions

# Wednesday 14 May 2025: a weekday in the middle of a month, so past and future differ.
PUBLISHED = "2025-05-14"

CASES = [
    # text, expression, granularity, value, value_end
    ("The minister resigned on Monday.", "Monday", "day", "2025-05-12", "2025-05-12"),
    ("Talks will resume on Monday.", "Monday", "day", "2025-05-19", "2025-05-19"),
    ("He spoke last Wednesday.", "last Wednesday", "day", "2025-05-07", "2025-05-07"),
    ("Delegates meet in Oslo on June 3.", "June 3", "day", "2025-06-03", "2025-06-03"),
    ("The vote on November 28, 2024 failed.", "November 28, 2024", "day", "2024-11-28", "2024-11-28"),
    ("Signed on 3 March 2021 in Rome.", "3 March 2021", "day", "2021-03-03", "2021-03-03"),
    ("It was announced earlier this month.", "earlier this month", "month", "2025-05-01", "2025-05-13"),
    ("Prices rose last month.", "last month", "month", "2025-04-01", "2025-04-30"),
    ("A summit is planned next week.", "next week", "week", "2025-05-19", "2025-05-25"),
    ("The law passed in 2019 remains.", "in 2019", "year", "2019-01-01", "2019-12-31"),
    ("Fighting eased in late 2024.", "late 2024", "year", "2024-09-01", "2024-12-31"),
    ("The strike ended over the weekend.", "over the weekend", "day", "2025-05-10", "2025-05-11"),
    ("Three days ago the bridge fell.", "Three days ago", "day", "2025-05-11", "2025-05-11"),
    ("The plan from February 2022 stands.", "February 2022", "month", "2022-02-01", "2022-02-28"),
    ("She arrived yesterday.", "yesterday", "day", "2025-05-13", "2025-05-13"),
    ("The visit in December was cut short.", "in December", "month", "2024-12-01", "2024-12-31"),
]

NEGATIVES = [
    "He may stay, and she may go.",
    "Prices may fall to 2000 units.",
    "The monday meeting notes were lost.",
    "A fleet of 2025 ships.",
    "",
]


@pytest.mark.parametrize(("text", "expression", "granularity", "value", "value_end"), CASES)
def test_resolves_against_publication(text, expression, granularity, value, value_end):
    found = date_expressions(text, PUBLISHED)
    assert [e.text for e in found] == [expression]
    got = found[0]
    assert (got.granularity, got.value, got.value_end) == (granularity, value, value_end)
    assert text[got.start:got.end] == expression


@pytest.mark.parametrize("text", NEGATIVES)
def test_ignores_what_is_not_a_date(text):
    assert date_expressions(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "relative"),
    [("Talks ended on Monday.", True), ("Talks ended on May 2.", True),
     ("Talks ended last month.", True), ("Talks ended on May 2, 2025.", False),
     ("Talks ended in 2021.", False)],
)
def test_undated_article_keeps_relative_expressions_unresolved(text, relative):
    (found,) = date_expressions(text, None)
    assert found.relative is relative
    assert (found.value is None) is relative
    assert (found.reason is not None) is relative


def test_future_publication_date_is_used_as_given():
    (found,) = date_expressions("The ceasefire began on Monday.", "2031-01-08")
    assert found.value == "2031-01-06"


def test_round_trip():
    (found,) = date_expressions("They met on Friday.", PUBLISHED)
    assert DateExpression.from_dict(found.as_dict()) == found


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("MayJunMondayonlast 2019,.\n")), max_size=120),
       day=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_spans_inside_text_and_ranges_ordered(text, day):
    for found in date_expressions(text, day.isoformat()):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start:found.end] == found.text
        if found.value is not None:
            assert found.value <= found.value_end


@settings(max_examples=100, deadline=None)
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
       weekday=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                "Saturday", "Sunday"]))
def test_past_weekday_is_within_the_week_before_publication(day, weekday):
    (found,) = date_expressions(f"The vote took place on {weekday}.", day.isoformat())
    resolved = date.fromisoformat(found.value)
    assert day - timedelta(days=6) <= resolved <= day
    assert resolved.strftime("%A") == weekday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks on May 15 in Istanbul.", (5, 15)),
        ("Signed on 3 June.", (6, 3)),
        # negatives: a full date, a weekday, a month alone
        ("Signed on June 3, 2025.", None),
        ("Signed on Monday.", None),
        ("Signed in June.", None),
    ],
)
def test_month_day_of_a_day_without_year(text, expected):
    from storyline.datexpr import month_day
    found = [month_day(e) for e in date_expressions(text, None)]
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        ("uses the proposed May 15 talks", True),
        ("talks are scheduled for May 15", True),
        ("talks were held on May 15", False),
        # the cue must be in the same sentence
        ("It was proposed. Talks were held on May 15", False),
    ],
)
def test_looks_forward(text, forward):
    from storyline.datexpr import looks_forward
    assert looks_forward(text, text.index("May 15")) is forward
