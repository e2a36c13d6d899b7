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
