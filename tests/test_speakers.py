"""Speakers: cue orders, pronouns, descriptions, roles, canonical names."""

from __future__ import annotations

import pytest

from storyline import nlp
from storyline.quotes import extract_attributions


@pytest.fixture(scope="session")
def model():
    return nlp.load()


def first_direct(text: str):
    return next(q for q in extract_attributions("t", text).quotes if q.kind == "direct")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“The plan is dead,” said Lena Moss.", "Lena Moss"),
        ("“The plan is dead,” Lena Moss said.", "Lena Moss"),
        ("Lena Moss said: “The plan is dead and buried.”", "Lena Moss"),
        ("Lena Moss spoke first. “The plan is dead,” she told reporters.", "Lena Moss"),
        ("Analyst Lena Moss spoke on Monday. “The plan is dead,” says Moss.", "Lena Moss"),
        (
            "Foreign Minister Karl Dorn met Prime Minister Lena Moss. “The plan is dead,” the foreign minister said.",
            "Karl Dorn",
        ),
        ("“The plan is dead,” the minister said.", None),
        ("“The plan is dead,” they said.", None),
        # pronouns agree in gender: first names, titles and gendered role nouns
        ("Karl Dorn spoke after Lena Moss. “The plan is dead,” she said.", "Lena Moss"),
        ("Lena Moss spoke after Karl Dorn. “The plan is dead,” he said.", "Karl Dorn"),
        ("Mr Tarek Vannis met Lena Moss. “The plan is dead,” he said.", "Tarek Vannis"),
        ("The spokeswoman, Dana Virel, met Karl Dorn. “The plan is dead,” she said.", "Dana Virel"),
        # a gender we cannot tell agrees with either pronoun
        ("Tarek Vannis met the press. “The plan is dead,” she said.", "Tarek Vannis"),
        # the subject of the sentence before beats a later object
        ("Lena Moss said the offer Tarn made was late. “The plan is dead,” she told reporters.", "Lena Moss"),
        # a description resolved to the person holding that office, country by its adjective
        ("Tarnia's president, Karl Dorn, spoke first. “The plan is dead,” the Tarnian leader said.", "Karl Dorn"),
        ("“The plan is dead,” the Tarnian leader said.", None),
        # an apposition names the speaker; a relative pronoun stands for its noun
        ("Tarnia's foreign minister, Karl Dorn, said: “The plan is dead and buried.”", "Karl Dorn"),
        ("Karl Dorn, who arrived late, said: “The plan is dead and buried.”", "Karl Dorn"),
        # a country the model tags as a person is a place, never the person a pronoun means
        ("Lena Moss flew to Vostra. Vostra's capital was calm. “The plan is dead,” she said.", "Lena Moss"),
        # a quotation standing alone after a sentence about its speaker
        ("Lena Moss read a statement. “The plan is dead. Nobody will revive it.”", "Lena Moss"),
        ("Prisoners come first, says Lena Moss. “Every family is asking about them.”", "Lena Moss"),
        ("The bridge was shelled overnight. “The plan is dead. Nobody will revive it.”", None),
    ],
)
def test_speaker(model, text, speaker):
    assert first_direct(text).speaker == speaker


@pytest.mark.parametrize(
    "text, role, org",
    [
        (
            "“The plan is dead,” says Lena Moss, a political scientist at the University of Tarn.",
            "political scientist",
            "University of Tarn",
        ),
        ("“The plan is dead,” said Defence Minister Karl Dorn.", "Defence Minister", None),
    ],
)
def test_role_and_org(model, text, role, org):
    q = first_direct(text)
    assert (q.role, q.org) == (role, org)


def test_unresolved_speaker_has_reason_and_mention(model):
    q = first_direct("“The plan is dead,” the minister said.")
    assert q.speaker is None and q.reason and q.speaker_mention == "the minister"


def test_speaker_span_points_at_mention(model):
    text = "“The plan is dead,” said Lena Moss."
    q = first_direct(text)
    assert text[q.speaker_start : q.speaker_end] == "Lena Moss"
