"""The built-in analysis stages, registered exactly as a third-party package would register its own.

Importing this module registers them; ``pipeline`` imports it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from . import distributed, settings
from .actions import Action, code_actions
from .actors import build_registry, with_profile
from .datexpr import date_expressions
from .events import Signals, article_signals, event_date, event_window, group_events, originals, window_range
from .geo import place_mentions, places_by_place
from .geo.roles import item_fields
from .positions import ArticleFindings
from .positions import positions as find_positions
from .positions import shifts as find_shifts
from .profile import Profile, load_profile
from .quotes import extract_attributions
from .records import Article, Attributions, Quote
from .reprints import decode, encode, update_reprints
from .stages import register
from .verify import verify_corpus


@register("attribution.v1")
def attribution(article: Article) -> dict[str, Any]:
    """Quotes with speakers, and the outlets the article credits (contract fields)."""
    found = extract_attributions(article.id, article.text).as_dict()
    # Mentions and per-article actors feed the corpus registry; keys with "_" stay out of exports.
    return {
        "quotes": found["quotes"],
        "cited_sources": found["cited_sources"],
        "_mentions": found["mentions"],
        "_actors": found["actors"],
    }


@register("actors.v1", kind="corpus", after=("attribution.v1",), uses_profile=True)
def actors(articles: list[Article], store: Any) -> dict[str, Any]:
    """One actor registry for the corpus: canonical names, aliases, roles, where each appears."""
    stored = store.annotations("attribution.v1")
    per_article = [
        Attributions.from_dict(
            {
                "article": article.id,
                "quotes": stored[article.id]["quotes"],
                "cited_sources": stored[article.id]["cited_sources"],
                "mentions": stored[article.id]["_mentions"],
                "actors": stored[article.id]["_actors"],
            }
        )
        for article in articles
        if article.id in stored
    ]
    registry = with_profile(build_registry(per_article), active_profile())
    return {"actors": [actor.as_dict() for actor in registry.actors]}


@register("dates.v1")
def dates(article: Article) -> dict[str, Any]:
    """Date expressions with spans, resolved against the publication date, and the event date."""
    day, how = event_date(article)
    first, last = window_range(event_window(article, day, how))
    return {
        "date_expressions": [e.as_dict() for e in date_expressions(article.text, article.published)],
        "event_date": day,
        "event_date_how": how,
        # For an undated article: the days its own dated references allow (open ends null).
        "event_date_range": [first, last],
    }


@register("reprints.v1", kind="corpus")
def reprints(articles: list[Article], store: Any) -> dict[str, Any]:
    """Verbatim and lightly edited copies, each linked to the earliest version.

    Signatures are kept per article (annotations under this stage's name) and the links carry
    the ids they were found among (``basis``): when the corpus only gained articles since, only
    the new signatures are computed and looked up (``update_reprints``).
    """
    stored = {aid: decode(payload) for aid, payload in store.annotations("reprints.v1").items()}
    before = store.corpus("reprints.v1") or {}
    previous = None
    if before.get("basis") == _basis(stored):
        previous = {aid: (f["reprint_of"], f["reprint_similarity"]) for aid, f in before["article_fields"].items()}
    found, computed = update_reprints(articles, stored, previous, mapper=distributed.current().mapper())
    store.put_annotations("reprints.v1", {aid: encode(sig) for aid, sig in computed.items()})
    return {
        "article_fields": {
            article_id: {"reprint_of": original, "reprint_similarity": round(similarity, 3)}
            for article_id, (original, similarity) in found.items()
        },
        "basis": _basis(a.id for a in articles),
    }


def _basis(ids: Iterable[str]) -> str:
    """A digest of the set of article ids a corpus result was computed over."""
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()


@register("events.v1", kind="corpus", after=("dates.v1", "reprints.v1"))
def events(articles: list[Article], store: Any) -> dict[str, Any]:
    """Articles grouped into real-world events, each with a date or range and a label.

    Each article's ``Signals`` are kept (annotations under this stage's name) and computed only
    for articles that lack them or whose ``dates.v1`` day changed; the grouping itself weighs
    terms by how much of the corpus uses them, so any new article moves every weight, and it
    runs over the whole corpus.
    """
    fields = (store.corpus("reprints.v1") or {}).get("article_fields", {})
    copies = {aid: (f["reprint_of"], f["reprint_similarity"]) for aid, f in fields.items()}
    stored = store.annotations("dates.v1")
    days = {aid: (d["event_date"], d["event_date_how"]) for aid, d in stored.items()}
    kept = {aid: Signals.from_dict(payload) for aid, payload in store.annotations("events.v1").items()}
    wanted = [a for a in originals(articles, copies) if a.id not in kept or kept[a.id].day != days.get(a.id)]
    computed = dict(zip((a.id for a in wanted),
                        distributed.current().mapper()(article_signals, [(a, days.get(a.id)) for a in wanted])))
    store.put_annotations("events.v1", {aid: signals.as_dict() for aid, signals in computed.items()})
    grouped = group_events(articles, copies, event_dates=days, signals={**kept, **computed})
    return {"events": [event.as_dict() for event in grouped]}


@lru_cache(maxsize=4)
def _profile(name: str) -> Profile:
    return load_profile(name)


def active_profile() -> Profile:
    """The domain profile named by the ``profile`` setting, loaded once per process."""
    return _profile(settings.current()["profile"])


@register("actions.v1", uses_profile=True)
def actions(article: Article) -> dict[str, Any]:
    """Political actions coded in PLOVER with the CAMEO root, each with its evidence span."""
    return {"_actions": [a.as_dict() for a in code_actions(article, profile=active_profile())]}


@register("positions.v1", kind="corpus", after=("attribution.v1", "actions.v1"))
def positions(articles: list[Article], store: Any) -> dict[str, Any]:
    """The contract's "actions" and "positions" lists, and stance shifts between dates."""
    quotes, acts = store.annotations("attribution.v1"), store.annotations("actions.v1")
    items = [
        ArticleFindings(
            a,
            tuple(Quote.from_dict(q) for q in quotes.get(a.id, {}).get("quotes", [])),
            tuple(Action.from_dict(x) for x in acts.get(a.id, {}).get("_actions", [])),
        )
        for a in articles
    ]
    found = find_positions(items, active_profile())
    return {
        "actions": [x.as_dict() for item in items for x in item.actions],
        "positions": [p.as_dict() for p in found],
        "shifts": [s.as_dict() for s in find_shifts(found)],
    }


@register("verify.v1", kind="corpus", after=("attribution.v1", "dates.v1", "reprints.v1", "events.v1"))
def verify(articles: list[Article], store: Any) -> dict[str, Any]:
    """Claims with their independent sources, contradictions between sources, stale statements."""
    return verify_corpus(articles, store, active_profile())


def _extra_places() -> list[dict[str, Any]]:
    """The active profile's own places (fictional or local ones the gazetteer lacks)."""
    return [dict(p) for p in active_profile().located_places]


@register("places.v1", uses_profile=True)
def places(article: Article) -> dict[str, Any]:
    """Place mentions with spans, resolved offline, with their use (place or actor) and role."""
    return place_mentions(article, extra=_extra_places())


@register("place_map.v1", kind="corpus", after=("places.v1", "events.v1", "positions.v1"))
def place_map(articles: list[Article], store: Any) -> dict[str, Any]:
    """Places used as places, with counts, roles, events and evidence, for the map; and the places
    of events, actions and positions (``item_fields``, added to those lists by the export)."""
    found = (store.corpus("events.v1") or {}).get("events", [])
    stances = store.corpus("positions.v1") or {}
    per_article = store.annotations("places.v1")
    events = {aid: e["id"] for e in found for aid in e["articles"]}
    return {"places": places_by_place(per_article, events),
            "item_fields": item_fields(found, stances.get("actions", []), stances.get("positions", []), per_article)}
