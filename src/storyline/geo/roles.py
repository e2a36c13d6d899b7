"""Where events, actions and positions happen: their places and the role each place plays.

The per-article place mentions (``geo.mentions``) already carry a role (venue of talks, location
of an action, disputed territory, plain location). Here they are attached to the corpus items:

- an action gets the place named in its own sentence (``place``, or null with ``place_reason``);
  a place with a role (venue, action, disputed) beats a plain location, then the one nearest the verb;
- a position gets the places named in its evidence spans (``places``: "cede Donetsk" is disputed);
- an event gets the places of its articles (``places``), venues first, then by mentions.

Every attached place keeps its evidence (article, start, end).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

ROLE_RANK = {"venue": 0, "action": 1, "disputed": 2, "location": 3}
EVENT_PLACES = 10  # an event names many places in passing; the map and the JSON keep the main ones
NO_PLACE = "no place named in the action's sentence"
VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "CONCEDE"})

Mentions = Mapping[str, Mapping[str, Any]]  # article id -> place_mentions payload


def _located(m: Mapping[str, Any]) -> dict[str, Any]:
    return {k: m.get(k) for k in ("id", "name", "kind", "lat", "lon", "country", "subdivision", "role")}


def _inside(per_article: Mentions, article: str, start: int, end: int) -> list[Mapping[str, Any]]:
    """Mentions used as places whose span lies inside ``[start, end)`` of ``article``."""
    found = per_article.get(article, {}).get("places", ())
    return [m for m in found if m.get("use") == "place" and start <= m["start"] and m["end"] <= end]


def action_place(action: Mapping[str, Any], per_article: Mentions) -> tuple[dict[str, Any] | None, str | None]:
    """The place of one action and, when there is none, why.

    A disputed territory in a statement ("rejected the recognition of Crimea") is what is talked
    about, not where: verbal actions (PLOVER's verbal types) do not take it as their place.
    """
    inside = _inside(per_article, action["article"], int(action["start"]), int(action["end"]))
    if action.get("type") in VERBAL:
        inside = [m for m in inside if m.get("role") != "disputed"]
    if not inside:
        return None, NO_PLACE
    verb = int(action.get("verb_start", action["start"]))
    best = min(inside, key=lambda m: (ROLE_RANK.get(m.get("role") or "location", 3) == 3, abs(m["start"] - verb)))
    return {**_located(best), "article": action["article"], "start": best["start"], "end": best["end"]}, None


def position_places(position: Mapping[str, Any], per_article: Mentions) -> list[dict[str, Any]]:
    """The places named in a position's evidence, each once, with its first evidence span."""
    out: dict[str, dict[str, Any]] = {}
    for ev in position.get("evidence", ()):
        for m in _inside(per_article, ev["article"], int(ev["start"]), int(ev["end"])):
            key = m.get("id") or m["mention"]
            out.setdefault(key, {**_located(m), "article": ev["article"], "start": m["start"], "end": m["end"]})
    return list(out.values())


def event_places(event: Mapping[str, Any], per_article: Mentions) -> list[dict[str, Any]]:
    """The resolved places of an event's articles: role (the most frequent, venue on a tie), counts, evidence."""
    merged: dict[str, dict[str, Any]] = {}
    for article in event.get("articles", ()):
        for m in per_article.get(article, {}).get("places", ()):
            if m.get("use") != "place" or m.get("id") is None:
                continue
            entry = merged.setdefault(m["id"], {**_located(m), "roles": {}, "count": 0, "evidence": []})
            entry["count"] += 1
            role = m.get("role") or "location"
            entry["roles"][role] = entry["roles"].get(role, 0) + 1
            entry["evidence"].append({"article": article, "start": m["start"], "end": m["end"], "role": role})
    for entry in merged.values():
        entry["role"] = min(entry["roles"], key=lambda r: (-entry["roles"][r], ROLE_RANK.get(r, 3)))
    ranked = sorted(merged.values(), key=lambda e: ("venue" not in e["roles"], -e["count"], e["name"] or ""))
    return ranked[:EVENT_PLACES]


def item_fields(events: Iterable[Mapping[str, Any]], actions: Iterable[Mapping[str, Any]],
                positions: Iterable[Mapping[str, Any]], per_article: Mentions) -> dict[str, list[list[Any]]]:
    """Fields to add to other stages' items, as ``{list: [[item, fields], …]}`` (see ``export``)."""
    acts = []
    for action in actions:
        place, reason = action_place(action, per_article)
        acts.append([dict(action), {"place": place, "place_reason": reason}])
    return {
        "events": [[dict(e), {"places": event_places(e, per_article)}] for e in events],
        "actions": acts,
        "positions": [[dict(p), {"places": position_places(p, per_article)}] for p in positions],
    }
