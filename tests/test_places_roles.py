"""Places attached to events, actions and positions, each with its role and evidence span."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from storyline.geo import place_mentions
from storyline.geo.roles import NO_PLACE, action_place, event_places, item_fields, position_places
from test_contract import data  # noqa: F401  (the sample corpus run end to end, module-scoped)

TEXT = ("Delegations met in Geneva on Monday for talks. "
        "A missile strike in Kharkiv region killed three people. "
        "Moscow demanded that Kyiv cede Donetsk region. "
        "The minister later flew home.")


@pytest.fixture(scope="module")
def per_article():
    return {"a1": place_mentions(SimpleNamespace(id="a1", text=TEXT))}


def _sentence(text: str, words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, TEXT.index(".", start) + 1


@pytest.mark.parametrize("words, verb, name, role", [
    ("Delegations met", "met", "Geneva", "venue"),
    ("A missile strike", "strike", "Kharkiv region", "action"),
    ("Moscow demanded", "demanded", "Donetsk region", "disputed"),
])
def test_action_gets_the_place_of_its_sentence(per_article, words, verb, name, role):
    start, end = _sentence(TEXT, words)
    action = {"article": "a1", "start": start, "end": end, "verb_start": TEXT.index(verb, start)}
    place, reason = action_place(action, per_article)
    assert reason is None and place is not None
    assert TEXT[place["start"]:place["end"]] == name and place["role"] == role and place["article"] == "a1"


def test_action_without_place_says_why(per_article):
    start, end = _sentence(TEXT, "The minister")
    assert action_place({"article": "a1", "start": start, "end": end, "verb_start": start}, per_article) == (None, NO_PLACE)


def test_moscow_as_actor_is_not_the_place(per_article):
    start, end = _sentence(TEXT, "Moscow demanded")
    place, _ = action_place({"article": "a1", "start": start, "end": end, "verb_start": start + 7}, per_article)
    assert place["name"] != "Moscow"


def test_event_places_venue_first_with_evidence(per_article):
    places = event_places({"id": "E1", "articles": ["a1", "missing"]}, per_article)
    assert places[0]["name"] == "Geneva" and places[0]["role"] == "venue"
    assert {p["role"] for p in places} >= {"venue", "action", "disputed"}
    for p in places:
        assert all(TEXT[e["start"]:e["end"]] for e in p["evidence"]) and p["count"] == len(p["evidence"])


def test_position_places_from_its_evidence(per_article):
    start, end = _sentence(TEXT, "Moscow demanded")
    found = position_places({"evidence": [{"article": "a1", "start": start, "end": end}]}, per_article)
    assert [(p["subdivision"], p["role"]) for p in found] == [("UA-14", "disputed")]


def test_item_fields_pairs_each_item(per_article):
    event = {"id": "E1", "articles": ["a1"]}
    fields = item_fields([event], [], [], per_article)
    assert fields["events"][0][0] == event and fields["events"][0][1]["places"]
    assert fields["actions"] == [] and fields["positions"] == []


@pytest.mark.slow
def test_contract_carries_places_of_events_actions_positions(data):
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert all("places" in e for e in data["events"])
    assert all("place" in x and (x["place"] is None) == (x["place_reason"] is not None) for x in data["actions"])
    placed = [x for x in data["actions"] if x["place"]]
    assert placed and any(x["place"]["role"] == "action" for x in placed)
    for x in placed:  # the place is named inside the action's own sentence
        assert x["start"] <= x["place"]["start"] < x["place"]["end"] <= x["end"]
        assert texts[x["article"]][x["place"]["start"]:x["place"]["end"]]
    venues = {p["name"] for e in data["events"] for p in e["places"] if p["role"] == "venue"}
    assert "Villa Brenn" in venues
    assert all("places" in p for p in data["positions"])


@pytest.mark.slow
def test_report_map_marks_events_and_actions(data):
    from storyline import report

    html = report.render(data)
    svg = html[html.index('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720'):]
    svg = svg[:svg.index("</svg>") + 6]
    assert 'class="event-marker"' in svg and 'class="action-marker"' in svg
    for target in re.findall(r'href="#(place-[^"]+)"', svg):
        assert f'id="{target}"' in html  # every marker lands on its place's evidence
    assert "<script" not in html and "Actions here:" in html


def test_a_statement_about_disputed_land_is_not_placed_there(per_article):
    start, end = _sentence(TEXT, "Moscow demanded")
    action = {"article": "a1", "start": start, "end": end, "verb_start": start + 7}
    assert action_place({**action, "type": "REQUEST"}, per_article) == (None, NO_PLACE)
    assert action_place({**action, "type": "COERCE"}, per_article)[0]["role"] == "disputed"


def test_the_city_of_a_meeting_is_its_venue():
    from storyline.geo import find_places

    found = find_places("Three days of talks in the Swiss city of Geneva ended without a deal.")
    assert [(m.mention, m.role) for m in found if m.mention == "Geneva"] == [("Geneva", "venue")]
