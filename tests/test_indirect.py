"""Reported speech: clause boundaries, content carried by nouns, colons, and who reports it."""

from __future__ import annotations

import pytest

from storyline import nlp
from storyline.quotes import extract_attributions


@pytest.fixture(scope="session")
def model():
    return nlp.load()


def reported(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract_attributions("t", text).quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a participle after the comma frames the report; a list of verbs goes on with it
        (
            "Anna Berg has signaled that Tarn is ready for talks on a border deal, breaking months of silence.",
            [("Anna Berg", "Tarn is ready for talks on a border deal")],
        ),
        (
            "Experts have noted that sanctions have eroded growth, choked imports, and forced a shift toward a war economy.",
            [(None, "sanctions have eroded growth, choked imports, and forced a shift toward a war economy")],
        ),
        # ", while others ..." is another party's view
        (
            "Some analysts argued that Vostra bears the blame for the delay, while others rejected that view.",
            [(None, "Vostra bears the blame for the delay")],
        ),
        # ",” while stressing": the cut holds after a closing mark, and the one stressing is the reporter
        (
            "Tom Hale noted that the draft plan “contains ideas we can use,” while stressing that several issues still require work.",
            [("Tom Hale", "the draft plan “contains ideas we can use"), ("Tom Hale", "several issues still require work")],
        ),
        # "By saying ...": the subject of the main verb said it
        ("By saying he was ready to meet the rebels, Tom Hale made a choice.", [("Tom Hale", "he was ready to meet the rebels")]),
        # wire style with a quoted fragment inside is still reported speech
        (
            "Tarn has refused to talk to Karl Dorn, whom it calls the head of a “puppet regime”, notes regional expert Tom Hale.",
            [("Tom Hale", "Tarn has refused to talk to Karl Dorn, whom it calls the head of a “puppet regime")],
        ),
        # a colon after the verb's phrase opens what is said; not after a verb that says nothing
        (
            "Lena Moss and senior officials have repeated a clear line: any durable peace must restore the old border.",
            [("Lena Moss", "any durable peace must restore the old border")],
        ),
        ("Lena Moss gave a speech: the plan is dead.", []),
    ],
)
def test_clauses(model, text, expected):
    assert reported(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Karl Dorn has, time and again, reiterated his desire for a 10-day truce.", [("Karl Dorn", "his desire for a 10-day truce")]),
        ("The threat of a walkout was reiterated by Foreign Minister Karl Dorn on Wednesday.", [("Karl Dorn", "The threat of a walkout")]),
        ("The council has threatened to walk away from the talks if no progress is made.", [(None, "walk away from the talks if no progress is made")]),
        ("Tarn leaders warned of new tariffs if Vostra refused.", [(None, "new tariffs if Vostra refused")]),
        ("Anna Berg's claim that Tarn is ready for talks is not a turning point.", [("Anna Berg", "Tarn is ready for talks")]),
        # deeds, words for the saying itself, and claims nobody is named as making
        ("Lena Moss announced a surprise truce over the weekend.", []),
        ("Lena Moss proposed joint patrols on the road.", []),
        ("Karl Dorn reiterated his stance on Tuesday.", []),
        ("The claim that Tarn is ready for talks is not a turning point.", []),
    ],
)
def test_content_carried_by_nouns(model, text, expected):
    assert reported(text) == expected
