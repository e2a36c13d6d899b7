"""Awkward input for the place finder: other scripts, names shared with people, odd text."""

from __future__ import annotations

import pytest

from storyline.geo import find_places


def _ids(text: str) -> dict[str, str | None]:
    return {m.mention: m.id for m in find_places(text)}


def test_cyrillic_names_resolve_to_the_latin_ids():
    latin = _ids("Officials in Kyiv said Moscow was lying.")
    cyrillic = _ids("Київ заявив, що Москва бреше.")
    assert cyrillic["Київ"] == latin["Kyiv"] and cyrillic["Москва"] == latin["Moscow"]
    assert _ids("Москва и Киев начали переговоры.")["Киев"] == latin["Kyiv"]


@pytest.mark.parametrize("text, person", [
    ("Georgia Meloni spoke to reporters on Monday.", "Georgia"),
    ("Washington Irving wrote stories about the Hudson valley.", "Washington"),
    ("Florence Pugh met the director yesterday.", "Florence"),
    ("Jordan Bardella said the party would vote against it.", "Jordan"),
])
def test_place_names_inside_a_persons_name_are_not_places(text, person):
    assert all(not (m.start == 0 and m.use == "place") for m in find_places(text)), person


@pytest.mark.parametrize("text, name, place_id", [
    ("Troops entered Georgia on Friday.", "Georgia", "iso:GE"),
    ("Talks in Tbilisi, Georgia, ended without a deal.", "Georgia", "iso:GE"),
    ("Refugees crossed into Jordan overnight.", "Jordan", "iso:JO"),
])
def test_the_same_names_as_places(text, name, place_id):
    found = {m.mention: m for m in find_places(text)}
    assert found[name].id == place_id and found[name].use == "place"


@pytest.mark.parametrize("text", ["", "   \n\t ", "…!?", "東京で会談が行われた。", "X" * 5000, "Kyiv\x00Moscow\x07",
                                  "مُوسْكُو قالت", "in " * 2000])
def test_odd_text_never_crashes_and_spans_hold(text):
    for m in find_places(text):
        assert text[m.start:m.end] == m.mention


def test_five_hundred_cyrillic_and_latin_names_mixed():
    names = ["Київ", "Kyiv", "Москва", "Moscow", "Харків", "Kharkiv"] * 84  # 504 names
    text = "Listed: " + ", ".join(names) + "."
    found = find_places(text)
    assert len(found) == len(names)
    assert {m.id for m in found if m.mention in ("Київ", "Kyiv")} == {"geonames:703448"}


@pytest.mark.parametrize("text, mention, place_id", [
    ("Війська відійшли від Києва.", "Києва", "geonames:703448"),  # Ukrainian genitive, є -> ї
    ("Президент прибув до Харкова.", "Харкова", "geonames:706483"),  # о -> і
    ("Переговоры прошли в Стамбуле.", "Стамбуле", "geonames:745044"),  # Russian locative
    ("Делегация прилетела в Москве.", "Москве", "geonames:524901"),
    ("Нова Каховка залишилась без води.", "Нова Каховка", "geonames:699839"),  # two words
])
def test_cyrillic_case_forms_and_two_word_names(text, mention, place_id):
    found = {m.mention: m for m in find_places(text)}
    assert found[mention].id == place_id


def test_a_cyrillic_personal_name_is_not_made_a_place():
    assert [m.mention for m in find_places("Іван Петренко сказав журналістам.") if m.id] == []
