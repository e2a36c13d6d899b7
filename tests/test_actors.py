"""Actors: canonical names, aliases, places the model calls persons, the corpus registry."""

from __future__ import annotations

import pytest

from storyline import nlp
from storyline.actors import build_registry
from storyline.quotes import extract_attributions
from storyline.records import Actor, Attributions


@pytest.fixture(scope="session")
def model():
    return nlp.load()


def persons(text: str) -> dict[str, Actor]:
    return {a.name: a for a in extract_attributions("t", text).actors if a.kind == "person"}


def test_short_form_maps_to_fullest_name(model):
    found = persons("Prime Minister Lena Moss arrived on Monday. Moss said little.")
    assert "Lena Moss" in found and "Moss" in found["Lena Moss"].aliases


def test_capital_tagged_person_is_not_a_person(model):
    found = persons("Kyiv rejected the plan. Kyiv has said so for months.")
    assert "Kyiv" not in found


@pytest.mark.parametrize(
    "text, name, is_person",
    [
        # a one-word name used as a place: its adjective, its capital, its government, "in X"
        ("Vostra rejected the plan. Vostrani troops stayed put.", "Vostra", False),
        ("Tarvik wants a deal. Tarvik's capital was quiet on Monday.", "Tarvik", False),
        ("Tarvik wants a deal, the Tarvik government said on Monday.", "Tarvik", False),
        # a surname stays a person even beside place-like words
        ("Lena Tarvik met envoys. Tarvik's government fell in May.", "Lena Tarvik", True),
    ],
)
def test_place_named_like_a_person(model, text, name, is_person):
    assert (name in persons(text)) is is_person


@pytest.mark.parametrize(
    "text, name, gender",
    [
        ("Lena Moss arrived on Monday.", "Lena Moss", "f"),
        ("Karl Dorn arrived on Monday.", "Karl Dorn", "m"),
        ("Mr Tarek Vannis arrived on Monday.", "Tarek Vannis", "m"),
        ("Lena Moss met Mr Tarek Vannis.", "Lena Moss", "f"),
        ("Tarek Vannis arrived on Monday.", "Tarek Vannis", None),
    ],
)
def test_gender_from_title_or_first_name(model, text, name, gender):
    from storyline.actors import ArticlePeople

    people = ArticlePeople(nlp.parse(text))
    assert people.person(name).gender == gender


def test_bare_surname_mentions_do_not_repeat_the_full_name(model):
    found = extract_attributions("t", "Minister Irena Kasse spoke. Kasse was more guarded.").mentions
    assert [(m.text, m.actor) for m in found if m.kind == "person"] == [("Irena Kasse", "Irena Kasse"), ("Kasse", "Irena Kasse")]


@pytest.mark.parametrize(
    "actors, expected",
    [
        ([Actor("Lena Moss", "person"), Actor("Moss", "person")], ["Lena Moss"]),
        ([Actor("Lena Moss", "person"), Actor("Karl Moss", "person")], ["Karl Moss", "Lena Moss"]),
        ([Actor("Volodymyr Zelenskyy", "person"), Actor("Volodymyr Zelensky", "person")], ["Volodymyr Zelenskyy"]),
        ([Actor("Tarn", "gpe"), Actor("Tarn", "org")], ["Tarn", "Tarn"]),
    ],
)
def test_registry_merges_across_articles(actors, expected):
    registry = build_registry([Attributions(str(i), actors=(a,)) for i, a in enumerate(actors)])
    assert sorted(a.name for a in registry.actors) == sorted(expected)


def test_registry_lookup_by_alias():
    registry = build_registry([Attributions("a", actors=(Actor("Lena Moss", "person"),)), Attributions("b", actors=(Actor("Moss", "person"),))])
    assert registry.lookup("moss").name == "Lena Moss"


def test_attributions_round_trip(model):
    found = extract_attributions("t", "“The plan is dead,” said Lena Moss, according to Reuters.")
    assert Attributions.from_dict(found.as_dict()) == found


def test_a_sentence_opening_participle_is_not_part_of_a_name():
    from storyline.quotes import extract_attributions

    text = ("Cooley said the man was charged on Friday.\n\nJoining Cooley at the news conference was Assistant "
            "Sheriff Doyle Campbell. \"We will find him,\" Cooley said.")
    found = extract_attributions("x", text)
    assert {q.speaker for q in found.quotes} == {"Cooley"}
    assert all(not a.name.startswith("Joining") for a in found.actors)


def test_clerical_and_police_titles_are_roles_not_names():
    from storyline.quotes import extract_attributions

    text = ("A fire destroyed the church early Saturday.\n\nThe Rev. Larry Kroon said some parishioners were inside. "
            "\"We will rebuild,\" Kroon said. Undersheriff Larry Waldie said the fire was set.")
    found = extract_attributions("x", text)
    assert {(q.speaker, q.role) for q in found.quotes} >= {("Larry Kroon", "Rev."), ("Larry Waldie", "Undersheriff")}
