"""Where: place mentions resolved offline to ids and coordinates, their roles, and a corpus summary.

``place_mentions`` is the per-article stage (pure: article in, places out); ``places_by_place``
gathers the mentions of a corpus per place for the map (``storyline.mapsvg``) and the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .gazetteer import Gazetteer, Place, gazetteer, with_extra
from .mentions import PlaceMention, find_places

__all__ = ["Gazetteer", "Place", "PlaceMention", "find_places", "gazetteer", "place_mentions",
           "places_by_place", "with_extra"]


def place_mentions(article: Any, doc: Any = None, extra: Iterable[Mapping[str, Any] | Any] | None = None) -> dict[str, Any]:
    """The places of one article: ``{"places": [mention dicts]}``, each with ``article`` and its span."""
    found = find_places(article.text, doc=doc, extra=extra)
    return {"places": [{"article": article.id, **m.as_dict()} for m in found]}


def places_by_place(per_article: Mapping[str, Mapping[str, Any]], events: Mapping[str, str | None] | None = None) -> list[dict[str, Any]]:
    """One entry per resolved place used as a place, with counts, roles, events and evidence.

    ``per_article`` maps article id to a ``place_mentions`` payload; ``events`` maps article id to
    its event id. Actor and reference uses ("Moscow said") are not places and are left out.
    """
    events = events or {}
    merged: dict[str, dict[str, Any]] = {}
    for article_id, payload in per_article.items():
        for m in payload.get("places", ()):
            if m["use"] != "place" or m["id"] is None:
                continue
            entry = merged.setdefault(m["id"], {
                "id": m["id"], "name": m["name"], "kind": m["kind"], "lat": m["lat"], "lon": m["lon"],
                "country": m["country"], "subdivision": m["subdivision"], "count": 0, "roles": {},
                "articles": [], "events": [], "evidence": [],
            })
            entry["count"] += 1
            entry["roles"][m["role"]] = entry["roles"].get(m["role"], 0) + 1
            if article_id not in entry["articles"]:
                entry["articles"].append(article_id)
            event = events.get(article_id)
            if event and event not in entry["events"]:
                entry["events"].append(event)
            entry["evidence"].append({"article": article_id, "start": m["start"], "end": m["end"], "role": m["role"]})
    return sorted(merged.values(), key=lambda e: (-e["count"], e["name"] or ""))
