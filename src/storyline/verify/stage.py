"""The ``verify`` corpus stage: claims, corroboration, contradictions and staleness together."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..profile import PROFILES_DIR, Profile, packaged
from ..records import Article
from .claims import Claim, extract_claims
from .contradictions import Context, slot_contradictions, stance_contradictions
from .corroboration import corroborate
from .outdated import mention, outdated_statements
from .staleness import TimelineEvent, article_day, profile_timeline, stale_ages, stale_offices, timeline_anomalies


def pick_profile(articles: list[Article]) -> Profile | None:
    """The packaged profile whose actors the corpus names most often; None if it names none.

    Stands in for a ``profile`` setting: the corpus itself says which story it is about.
    """
    best, best_hits = None, 0
    sample = [a.text[:4000] for a in articles[:200]]
    for path in sorted(PROFILES_DIR.glob("*.yaml")):
        if path.stem.startswith("_"):
            continue
        profile = packaged(path.stem)
        hits = sum(len(profile.names_in(text)) for text in sample)
        if hits > best_hits:
            best, best_hits = profile, hits
    return best


def _roots(reprint_of: dict[str, str | None]) -> dict[str, str]:
    """Each article → the original at the end of its reprint chain."""
    roots = {}
    for article in reprint_of:
        seen, current = {article}, article
        while reprint_of.get(current) and reprint_of[current] not in seen:
            current = reprint_of[current]
            seen.add(current)
        roots[article] = current
    return roots


def _corpus_events(events: list[dict[str, Any]], by_id: dict[str, Article], profile: Profile | None) -> list[TimelineEvent]:
    """The corpus's own events as timeline entries, named by the places and issues in their titles."""
    if profile is None:
        return []
    found = []
    for event in events:
        if not event.get("date"):
            continue
        heads = " ".join(f"{by_id[a].title or ''} {by_id[a].text[:300]}" for a in event["articles"] if a in by_id).lower()
        places = frozenset(p for p in profile.places if p.lower() in heads)
        issues = frozenset(m.issue for m in profile.issues_in(heads))
        found.append(TimelineEvent(f"the corpus event of {event['date']} ({event.get('label') or event['id']})",
                                   event["date"], event.get("date_end"), places=places, issues=issues,
                                   event_id=event["id"]))
    return found


def verify_articles(articles: list[Article], attributions: dict[str, Any], dates: dict[str, Any],
                    reprint_of: dict[str, str | None], events: list[dict[str, Any]],
                    profile: Profile | None) -> dict[str, Any]:
    """The stage's work on plain inputs, so tests and the eval can call it without a store."""
    by_id = {a.id: a for a in articles}
    root = _roots({a.id: reprint_of.get(a.id) for a in articles})
    event_of = {aid: e["id"] for e in events for aid in e["articles"]}
    event_day = {aid: e.get("date") for e in events for aid in e["articles"]}
    day_of = {a.id: (dates.get(a.id) or {}).get("event_date") or event_day.get(a.id) or a.published for a in articles}
    dated = profile_timeline(profile)
    timeline = dated + _corpus_events(events, by_id, profile)
    facts = profile.facts if profile is not None else {}

    claims: list[Claim] = []
    per_article: dict[str, list[Claim]] = {}
    for article in articles:
        found = attributions.get(article.id, {})
        per_article[article.id] = extract_claims(article.id, article.text, found.get("quotes", []),
                                                 found.get("cited_sources", []), article.published, profile)
        claims += per_article[article.id]

    judged = {a.id: article_day(a.published, (dates.get(a.id) or {}).get("date_expressions", []),
                                event_day.get(a.id), a.text, dated) for a in articles}
    written = {aid: (day, basis == "published") for aid, (day, basis, _) in judged.items() if day}
    ctx = Context(root, event_of, day_of, written)
    contradictions = slot_contradictions(claims, ctx)
    if profile is not None:
        quotes = [dict(q, article=a.id) for a in articles for q in attributions.get(a.id, {}).get("quotes", [])]
        contradictions += stance_contradictions(quotes, {a.id: a.text for a in articles}, ctx, profile)
    opposed, sided = _opposed(contradictions, root)
    listed = corroborate(claims, root, {a.id: a.outlet for a in articles}, opposed, event_of, sided)

    anomalies = list(contradictions)
    fields: dict[str, dict[str, Any]] = {}
    for article in articles:
        day, basis, own_date = judged[article.id]
        stale: list[dict[str, Any]] = []
        if day and profile is not None:
            own = per_article[article.id]
            stale = (stale_offices(own, day, basis, profile)
                     + stale_ages(own, day, basis, facts.get("war_start"), own_date)
                     + timeline_anomalies(article.id, article.text, day, basis, event_of.get(article.id), timeline, profile)
                     + _refuted(outdated_statements(article.id, article.text, day, basis, dated), articles, root))
        anomalies += stale
        stale = [a for a in stale if a["kind"] != "contradiction"]
        fields[article.id] = {"source_profile": _source_profile(article, per_article[article.id], attributions, root, stale),
                              "staleness_checked": bool(day and profile is not None),
                              "staleness_basis": basis if day and profile is not None else
                              (basis if not day else "no domain profile matches this corpus")}
    return {"claims": listed, "anomalies": anomalies, "article_fields": fields}


def _opposed(contradictions: list[dict[str, Any]], root: dict[str, str]) -> tuple[dict[tuple[str, int, int], int],
                                                                                 dict[tuple[str, int, int], int]]:
    """Each span of a contradiction → how many origins stand on the other side, and how many on its own."""
    opposed: dict[tuple[str, int, int], int] = {}
    sided: dict[tuple[str, int, int], int] = {}
    for c in contradictions:
        sides = {"a": [c], "b": [c["other"]]}
        for e in c.get("evidence", []):
            sides[e.get("side", "b")].append(e)
        origins = {s: len({root.get(e["article"], e["article"]) for e in spans}) for s, spans in sides.items()}
        for side, other in (("a", "b"), ("b", "a")):
            for e in sides[side]:
                key = (e["article"], e["start"], e["end"])
                opposed[key] = max(opposed.get(key, 0), origins[other])
                sided[key] = max(sided.get(key, 0), origins[side])
    return opposed, sided


def _refuted(stale: list[dict[str, Any]], articles: list[Article], root: dict[str, str]) -> list[dict[str, Any]]:
    """Each "first since" statement, and a contradiction with each other source that reports the later event."""
    found = []
    for item in stale:
        later = item.pop("refuted_by", None)
        found.append(item)
        for other in (a for a in articles if later and root[a.id] != root[item["article"]]):
            span = mention(other.text, later)
            if span:
                found.append({"article": item["article"], "kind": "contradiction", "slot": "last_event",
                              "detail": f"last_event: one source presents no {later.kind} since an earlier one, "
                                        f"another reports {later.label} ({later.date})",
                              "start": item["start"], "end": item["end"],
                              "other": {"article": other.id, "start": span[0], "end": span[1]}})
    return found


def _source_profile(article: Article, claims: list[Claim], attributions: dict[str, Any],
                    root: dict[str, str], stale: list[dict[str, Any]]) -> dict[str, Any]:
    cited = attributions.get(article.id, {}).get("cited_sources", [])
    unsourced = sum(1 for c in claims if not c.source and c.kind != "quote")
    return {
        "self_declared_ai": "self_declared_ai" in article.flags,
        "reprint_of": root[article.id] if root[article.id] != article.id else None,
        "claims": len(claims),
        "unsourced_claim_share": round(unsourced / len(claims), 3) if claims else None,
        "sources_cited": len({c["name"].lower() for c in cited}),
        "junk_removed": len(article.removed),
        "stale_statements": len(stale),
        "kinds": dict(Counter(c.kind for c in claims)),
    }


def verify_corpus(articles: list[Article], store: Any, profile: Profile | None = None) -> dict[str, Any]:
    """Read attribution, dates, reprints and events from the store and verify the corpus."""
    reprints = (store.corpus("reprints.v1") or {}).get("article_fields", {})
    return verify_articles(
        articles,
        store.annotations("attribution.v1"),
        store.annotations("dates.v1"),
        {aid: f.get("reprint_of") for aid, f in reprints.items()},
        (store.corpus("events.v1") or {}).get("events", []),
        profile if profile is not None else pick_profile(articles),
    )
