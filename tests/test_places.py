"""Place mentions: spans, resolution, use (place / actor / reference), role, and bad input."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from storyline.geo import find_places, place_mentions, places_by_place

EXTRA = [{"id": "t:veshgrad", "name": "Veshgrad", "aliases": ["Veshgrad city"], "lat": 47.2, "lon": 31.5,
          "country": "XK", "kind": "capital"}]


def _one(text, mention, extra=None):
    return next((m for m in find_places(text, extra=extra) if m.mention == mention), None)


@pytest.mark.parametrize(
    "text, mention, place_id, use, role",
    [
        ("The talks in Istanbul ended early.", "Istanbul", "geonames:745044", "place", "venue"),
        ("Moscow said it would not withdraw.", "Moscow", "geonames:524901", "actor", None),
        ("He spoke in Moscow on Monday.", "Moscow", "geonames:524901", "place", "location"),
        ("A missile strike in Kharkiv region killed three.", "Kharkiv region", "iso:UA-63", "place", "action"),
        ("Russia annexed Crimea in 2014.", "Crimea", "iso:UA-43", "place", "disputed"),
        ("Officials arrived in Kiev.", "Kiev", "geonames:703448", "place", "location"),
        ("Shelling hit Zaporozhye overnight.", "Zaporozhye", "geonames:687700", "place", "action"),
        ("Putin would meet him only in a third country.", "a third country", None, "place", "venue"),
        ("They met in Veshgrad.", "Veshgrad", "t:veshgrad", "place", "venue"),
        ("Київ", "Київ", "geonames:703448", None, None),
        # negatives: no place at all
        ("Russian forces advanced.", "Russian", None, None, None),
        ("Paris Hilton arrived.", "Paris", None, None, None),
        ("We told us about it.", "us", None, None, None),
        ("The West relaxed its stance.", "West", None, None, None),
    ],
)
def test_mentions(text, mention, place_id, use, role):
    found = _one(text, mention, extra=EXTRA)
    if place_id is None and use is None:
        assert found is None
        return
    assert found is not None and found.id == place_id
    assert text[found.start:found.end] == mention
    if use:
        assert (found.use, found.role) == (use, role)


@pytest.mark.parametrize("text, country", [
    ("Troops left Pokrovsk, in Donetsk oblast of Ukraine.", "UA"),
    ("Geneva hosted the talks.", "CH"),
])
def test_ambiguous_names_follow_context(text, country):
    first = find_places(text)[0]
    assert first.country == country


def test_unresolved_place_keeps_reason():
    found = _one("Fighting went on in Qarvelonia.", "Qarvelonia")
    assert found is not None and found.id is None and found.lat is None and found.reason


def test_five_hundred_towns_bounded():
    from storyline.geo import gazetteer

    names = [p.name for p in gazetteer()._by_id.values() if p.kind == "city" and p.name.isascii()][:500]
    text = "Towns on the list: " + ", ".join(names) + "."
    start = time.perf_counter()
    found = find_places(text)
    assert time.perf_counter() - start < 30
    assert len(found) > 100
    assert all(text[m.start:m.end] == m.mention for m in found)


def test_stage_and_aggregate():
    art = SimpleNamespace(id="a1", text="Talks in Istanbul. Moscow said no. Talks in Istanbul resumed.")
    payload = place_mentions(art)
    assert all(p["article"] == "a1" for p in payload["places"])
    merged = places_by_place({"a1": payload}, events={"a1": "E1"})
    assert [(m["name"], m["count"], m["events"]) for m in merged] == [("Istanbul", 2, ["E1"])]
