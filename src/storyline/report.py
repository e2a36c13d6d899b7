"""The self-contained HTML report: one file, no network, nothing from an article ever runs.

Every value from an article goes through Jinja2's autoescaping, links are shown as text, and a
strict Content-Security-Policy forbids scripts, remote fetches and forms even if escaping failed.
The timeline chart is inline SVG laid out here in Python; only numbers computed here reach SVG
attributes, and every label is escaped text. The web app renders the same pieces.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from . import __version__, export, mapsvg
from .store import Store

env = Environment(
    loader=PackageLoader("storyline", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

UNATTRIBUTED = "Speaker not established"
# Problems first: an analyst reads what does not hold up before what does.
CLAIM_STATUSES = ("contradicted", "single_source", "unsourced", "corroborated")
STANCE_SCORES = {
    # storyline's own stances toward an issue (positions.PRECEDENCE) ...
    "accepts": 1.0, "demands": 1.0, "open_to": 0.5, "conditions": 0.25, "rejects": -1.0,
    # ... and the wordings of other tools' data, which the report also shows.
    "support": 1.0, "supports": 1.0, "favor": 1.0, "favour": 1.0, "accept": 1.0, "for": 1.0,
    "conditional": 0.5, "lean_support": 0.5, "mixed": 0.0, "neutral": 0.0, "ambiguous": 0.0,
    "undecided": 0.0, "lean_oppose": -0.5, "oppose": -1.0, "opposes": -1.0, "reject": -1.0,
    "against": -1.0,
}


# -- spans and highlighting ------------------------------------------------------------------


def _span(text: str, start: Any, end: Any) -> tuple[int, int] | None:
    """(start, end) when both are integers inside ``text`` and the span is not empty."""
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        return None
    return (start, end) if 0 <= start < end <= len(text) else None


def highlight(text: str, marks: list[tuple[Any, Any, str]]) -> list[list[dict[str, Any]]]:
    """Paragraphs of pieces, each piece with the sorted kinds of the marks covering it.

    Marks may overlap (a claim sentence holding a quote): the text is cut at every mark edge
    and each piece carries all the kinds that cover it. Marks with bad offsets are ignored.
    """
    valid = [(*span, kind) for start, end, kind in marks if (span := _span(text, start, end))]
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    paragraphs: list[list[dict[str, Any]]] = [[]]
    for a, b in zip(cuts, cuts[1:]):
        kinds = " ".join(sorted({k for s, e, k in valid if s <= a and b <= e}))
        for i, part in enumerate(text[a:b].split("\n\n")):
            if i:
                paragraphs.append([])
            if part:
                paragraphs[-1].append({"text": part, "kind": kinds or None})
    return [p for p in paragraphs if p]


def excerpt(by_id: dict[str, dict[str, Any]], article_id: Any, start: Any, end: Any, context: int = 90) -> dict[str, Any]:
    """The evidence span with some text either side, or ``found: False`` when it cannot be shown."""
    article = by_id.get(article_id) if isinstance(article_id, str) else None
    span = _span(article["text"], start, end) if article else None
    if not span:
        return {"found": False, "article": article_id if isinstance(article_id, str) else None}
    text, (s, e) = article["text"], span
    before, after = text[max(0, s - context):s], text[e:e + context]
    return {
        "found": True, "article": article["id"], "title": article.get("title"),
        "outlet": article.get("outlet"), "published": article.get("published"),
        "before": ("…" if s > context else "") + before, "span": text[s:e],
        "after": after + ("…" if e + context < len(text) else ""),
    }


def _claim_marks(article: dict[str, Any], claims: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """Where each claim about this article sits: its evidence spans, else its text found verbatim."""
    marks: list[tuple[int, int, str]] = []
    for claim in claims:
        spans = [(ev.get("start"), ev.get("end")) for ev in claim.get("evidence", []) if isinstance(ev, dict) and ev.get("article") == article["id"]]
        if not spans and article["id"] in claim.get("articles", []) and claim.get("text"):
            at = article["text"].find(claim["text"])
            spans = [(at, at + len(claim["text"]))] if at >= 0 else []
        marks += [(s, e, "claim") for s, e in spans]
    return marks


def article_card(article: dict[str, Any], claims: list[dict[str, Any]]) -> dict[str, Any]:
    """An article as its card shows it: the contract entry plus highlighted paragraphs."""
    marks = [(q.get("start"), q.get("end"), "quote") for q in article.get("quotes", [])]
    marks += [(s.get("start"), s.get("end"), "source") for s in article.get("cited_sources", [])]
    marks += _claim_marks(article, claims)
    return {**article, "paragraphs": highlight(article["text"], marks)}


# -- timeline chart -------------------------------------------------------------------------


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _ticks(first: date, last: date, limit: int = 10) -> list[date]:
    """Month starts (or days, for spans under two months) between the ends, at most ``limit``."""
    days = (last - first).days
    if days < 60:
        step = max(1, math.ceil(days / limit))
        return [first + timedelta(days=i) for i in range(0, days + 1, step)]
    months = (last.year - first.year) * 12 + last.month - first.month
    step = max(1, math.ceil(months / limit))
    ticks, index = [], first.year * 12 + first.month  # the month after ``first``
    while (tick := date(index // 12, index % 12 + 1, 1)) <= last:
        ticks.append(tick)
        index += step
    return ticks


def key_quotes(articles: list[dict[str, Any]], limit: int = 3) -> list[dict[str, Any]]:
    """The quotes that best stand for a group of articles: attributed and direct first."""
    seen, found = set(), []
    for article in articles:
        for q in article.get("quotes", []):
            if q.get("text") and q["text"] not in seen:
                seen.add(q["text"])
                found.append({**q, "outlet": article.get("outlet")})
    found.sort(key=lambda q: (q.get("speaker") is None, q.get("kind") != "direct"))
    return found[:limit]


def timeline(events: list[dict[str, Any]], by_id: dict[str, dict[str, Any]], width: int = 960) -> dict[str, Any]:
    """Events in date order with their articles and key quotes, and the SVG chart's geometry."""
    rows = []
    for number, event in enumerate(sorted(events, key=lambda e: (_day(e.get("date")) is None, str(e.get("date") or ""))), 1):
        start = _day(event.get("date"))
        end = _day(event.get("date_end"))
        members = [by_id[a] for a in event.get("articles", []) if a in by_id]
        rows.append({**event, "n": number, "start": start, "end": end if end and start and end > start else None,
                     "members": members, "quotes": key_quotes(members)})
    dated = [r for r in rows if r["start"]]
    if not dated:
        return {"events": rows, "chart": None}
    first = min(r["start"] for r in dated)
    last = max(r["end"] or r["start"] for r in dated)
    if (last - first).days < 6:
        first, last = first - timedelta(days=3), last + timedelta(days=3)
    left, right, axis = 30, width - 30, 44
    scale = (right - left) / (last - first).days
    x_of = lambda d: round(left + (d - first).days * scale, 1)  # noqa: E731
    lanes: list[float] = []
    marks = []
    for r in dated:
        x = x_of(r["start"])
        label = f"{r['n']}. {r.get('label') or 'event'}"
        label = label if len(label) <= 34 else label[:33] + "…"
        # Seven pixels a character is generous for 12px text, so labels in one lane never touch.
        extent = len(label) * 7 + 12
        anchor = "end" if x + extent > width else "start"
        lo, hi = (x - extent, x) if anchor == "end" else (x, x + extent)
        lane = next((i for i, edge in enumerate(lanes) if edge < lo), len(lanes))
        lanes[lane:lane + 1] = [hi]
        radius = round(min(14.0, 4 + 2.5 * math.sqrt(len(r["members"]) or 1)), 1)
        marks.append({"id": r.get("id"), "n": r["n"], "x": x, "x_end": x_of(r["end"]) if r["end"] else None,
                      "r": radius, "label": label, "anchor": anchor, "label_y": axis + 34 + lane * 22,
                      "title": f"{r['start']}: {r.get('label') or 'event'} ({len(r['members'])} articles)"})
    ticks = [{"x": x_of(t), "label": t.isoformat() if (last - first).days < 60 else t.strftime("%b %Y")} for t in _ticks(first, last)]
    height = axis + 34 + len(lanes) * 22 + 8
    chart = {"width": width, "height": height, "axis": axis, "left": left, "right": right,
             "ticks": ticks, "marks": marks, "first": first.isoformat(), "last": last.isoformat()}
    return {"events": rows, "chart": chart}


# -- stances, claims, anomalies -------------------------------------------------------------


def _score(stance: Any) -> float | None:
    if isinstance(stance, (int, float)) and not isinstance(stance, bool) and math.isfinite(stance):
        return max(-1.0, min(1.0, float(stance)))
    return STANCE_SCORES.get(str(stance).strip().lower().replace(" ", "_")) if stance is not None else None


def _colour(score: float | None) -> str:
    """Blue for support, orange for opposition, pale grey for neutral or unknown."""
    if score is None:
        return "#eceff3"
    target = (36, 86, 166) if score > 0 else (196, 92, 28)
    t = abs(score) * 0.75
    r, g, b = (round(245 + (c - 245) * t) for c in target)
    return f"#{r:02x}{g:02x}{b:02x}"


def stance_matrix(positions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Actor × issue cells holding the latest stance, its colour and the history behind it."""
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in positions:
        if p.get("actor") and p.get("issue"):
            cells[(str(p["actor"]), str(p["issue"]))].append(p)
    if not cells:
        return None
    actors = sorted({a for a, _ in cells}, key=lambda a: (-sum(len(v) for (x, _), v in cells.items() if x == a), a))
    issues = sorted({i for _, i in cells})
    grid = []
    for actor in actors:
        row = []
        for issue in issues:
            history = sorted(cells.get((actor, issue), []), key=lambda p: str(p.get("date") or ""))
            latest = history[-1] if history else None
            score = _score(latest.get("stance")) if latest else None
            row.append({"stance": latest.get("stance") if latest else None, "count": len(history),
                        "colour": _colour(score), "dark": score is not None and abs(score) > 0.6,
                        "history": "; ".join(f"{p.get('date') or 'undated'}: {p.get('stance')}" for p in history)})
        grid.append({"actor": actor, "cells": row})
    seen = {cell["stance"] for row in grid for cell in row["cells"] if cell["stance"]}
    own = [s for s in ("rejects", "conditions", "open_to", "accepts", "demands") if s in seen]
    legend = own if own else ["oppose", "neutral", "support"]
    return {"issues": issues, "rows": grid, "legend": [(s, _colour(_score(s))) for s in legend]}


def claims_view(claims: list[dict[str, Any]], by_id: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    order = {s: i for i, s in enumerate(CLAIM_STATUSES)}
    rows = []
    for c in sorted(claims, key=lambda c: (order.get(c.get("status"), len(order)), str(c.get("text")))):
        status = c.get("status")
        rows.append({**c, "badge": status if status in order else "other",
                     "sources": [by_id[a] for a in c.get("articles", []) if a in by_id],
                     "spans": [excerpt(by_id, ev.get("article"), ev.get("start"), ev.get("end")) for ev in c.get("evidence", []) if isinstance(ev, dict)]})
    return rows


def anomalies_view(anomalies: list[dict[str, Any]], by_id: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each anomaly with its span, and the opposing span of a contradiction (``other``/``evidence``)."""
    rows = []
    for a in anomalies:
        spans = [excerpt(by_id, a.get("article"), a.get("start"), a.get("end"))]
        others = ([a["other"]] if isinstance(a.get("other"), dict) else []) + [e for e in a.get("evidence", []) if isinstance(e, dict)]
        spans += [excerpt(by_id, o.get("article"), o.get("start"), o.get("end")) for o in others]
        rows.append({**a, "spans": spans})
    return sorted(rows, key=lambda r: (str(r.get("kind")), str(r.get("article"))))


# -- the whole view -------------------------------------------------------------------------


def speakers(articles: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Quotes grouped by canonical speaker, the most quoted first, unattributed last."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        for q in a.get("quotes", []):
            found[q.get("speaker") or UNATTRIBUTED].append(
                {**q, "article": a["id"], "outlet": a.get("outlet"), "published": a.get("published")}
            )
    return sorted(found.items(), key=lambda kv: (kv[0] == UNATTRIBUTED, -len(kv[1]), kv[0]))


def overview(data: dict[str, Any]) -> dict[str, Any]:
    articles = data["articles"]
    dates = sorted(a["published"] for a in articles if a.get("published"))
    rejected = data.get("rejected", [])
    reasons = Counter((r.get("stage"), r.get("reason")) for r in rejected)
    return {
        "articles": len(articles),
        "outlets": Counter(a["outlet"] for a in articles if a.get("outlet")).most_common(),
        "dated": len(dates),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "quotes": sum(len(a.get("quotes", [])) for a in articles),
        "sources": sum(len(a.get("cited_sources", [])) for a in articles),
        "events": len(data.get("events", [])),
        "claims": len(data.get("claims", [])),
        "actors": len(data.get("actors", [])),
        "flags": Counter(f for a in articles for f in a.get("flags", [])).most_common(),
        "reprints": sum(1 for a in articles if a.get("reprint_of")),
        "rejected": len(rejected),
        "reasons": [{"stage": s, "reason": r, "count": n} for (s, r), n in reasons.most_common()],
    }


def places_view(places: list[dict[str, Any]], by_id: dict[str, Any], events: list[dict[str, Any]] | None = None,
                actions: list[dict[str, Any]] | None = None, link: str = "#") -> dict[str, Any]:
    """The map (inline SVG, every text escaped by mapsvg) and, per place, the articles naming it,
    the events held there (``events[].places``) and the actions done there (``actions[].place``),
    each action with its evidence sentence."""
    events_at: dict[str, list[dict[str, Any]]] = {}
    for event in events or ():
        for p in event.get("places") or ():
            if p.get("id") and p.get("role") != "location":
                events_at.setdefault(p["id"], []).append({"id": event["id"], "label": event.get("label"), "role": p["role"]})
    actions_at: dict[str, list[dict[str, Any]]] = {}
    for action in actions or ():
        p = action.get("place")
        if p and p.get("id"):
            actions_at.setdefault(p["id"], []).append({
                **{k: action.get(k) for k in ("verb", "type", "source_actor", "target_actor", "date")}, "role": p.get("role"),
                "evidence": excerpt(by_id, action.get("article"), action.get("start"), action.get("end"), context=0)})
    shown = []
    for place in places:
        articles = list(dict.fromkeys(e["article"] for e in place.get("evidence", []) if e["article"] in by_id))
        shown.append({**place, "anchor": mapsvg.anchor(place["id"]), "in_articles": articles,
                      "events_here": events_at.get(place["id"], []), "actions_here": actions_at.get(place["id"], [])})
    located = [p for p in shown if p.get("lat") is not None and p.get("lon") is not None]
    return {"places": shown, "map_svg": Markup(mapsvg.render(located, link=link)) if located else ""}


def view(data: dict[str, Any]) -> dict[str, Any]:
    """What the template shows, computed from the JSON contract (the report reads nothing else)."""
    articles = data["articles"]
    by_id = {a["id"]: a for a in articles}
    claims = data.get("claims", [])
    return {
        "version": __version__,
        "overview": overview(data),
        "rejected": data.get("rejected", []),
        "timeline": timeline(data.get("events", []), by_id),
        "speakers": speakers(articles),
        "claims": claims_view(claims, by_id),
        "anomalies": anomalies_view(data.get("anomalies", []), by_id),
        "stances": stance_matrix(data.get("positions", [])),
        **places_view(data.get("places", []), by_id, data.get("events", []), data.get("actions", [])),
        "titles": {a["id"]: a.get("title") or "(no title)" for a in articles},
        "articles": [article_card(a, claims) for a in articles],
    }


def render(data: dict[str, Any]) -> str:
    return env.get_template("report.html.j2").render(**view(data))


def render_store(store: Store) -> str:
    return render(export.build(store))
