"""What the app shows: the JSON contract from ``export.build``, cached until the store changes.

Every page and its JSON twin call one function here, so the two never disagree. The cache key
is the writer's generation plus the database file's size and time (another process, such as
``storyline ingest``, may write too).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from typing import Any

from .. import export, report
from ..store import Store
from . import search


class Snapshot:
    """The latest contract for a store, rebuilt only when the store has changed."""

    def __init__(self, store: Store, generation: Callable[[], int], sync: Callable[[], Any]) -> None:
        self.store = store
        self._generation = generation
        self._sync = sync
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._data: dict[str, Any] = {}
        self._by_id: dict[str, dict[str, Any]] = {}

    def _fingerprint(self) -> tuple[Any, ...]:
        path = self.store.engine.url.database if self.store.engine.dialect.name == "sqlite" else None
        stats: list[Any] = [self._generation()]
        for name in (path, f"{path}-wal") if path and path != ":memory:" else ():
            try:
                st = os.stat(name)
                stats.append((st.st_mtime_ns, st.st_size))
            except OSError:
                stats.append(None)
        return tuple(stats)

    def get(self) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        with self._lock:
            key = self._fingerprint()
            if key != self._key:
                if self._key is not None:
                    # Someone else wrote: the search index may lag behind the articles.
                    self._sync()
                self._data = export.build(self.store)
                self._by_id = {a["id"]: a for a in self._data["articles"]}
                self._key = self._fingerprint()
            return self._data, self._by_id


def summary(article: dict[str, Any]) -> dict[str, Any]:
    """An article without its text: what a list shows."""
    keep = ("id", "title", "outlet", "author", "published", "published_how", "language", "flags", "reprint_of", "event", "source", "url")
    return {**{k: article.get(k) for k in keep}, "quotes": len(article.get("quotes", [])),
            "cited_sources": len(article.get("cited_sources", [])), "chars": len(article["text"])}


def overview(data: dict[str, Any]) -> dict[str, Any]:
    ov = report.overview(data)
    return {**ov, "outlets": [{"name": n, "count": c} for n, c in ov["outlets"]],
            "flags": [{"name": n, "count": c} for n, c in ov["flags"]]}


def articles(snapshot: Snapshot, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A page of articles in date order, or of search hits best first with their snippets."""
    data, by_id = snapshot.get()
    if not q or not search.match_expression(q):
        items = [summary(a) for a in data["articles"][offset:offset + limit]]
        return {"query": q or None, "total": len(data["articles"]), "limit": limit, "offset": offset, "items": items}
    total, hits = search.search(snapshot.store, q, limit, offset)
    items = [{**summary(by_id[i]), "snippet": pieces} for i, pieces in hits if i in by_id]
    return {"query": q, "total": total, "limit": limit, "offset": offset, "items": items}


def quotes(data: dict[str, Any], speaker: str | None) -> list[dict[str, Any]]:
    found = []
    for a in data["articles"]:
        for q in a.get("quotes", []):
            if speaker is None or (q.get("speaker") or "") == speaker:
                found.append({**q, "article": a["id"], "outlet": a.get("outlet"), "published": a.get("published")})
    return found


def claims(data: dict[str, Any], status: str | None) -> list[dict[str, Any]]:
    return [c for c in data.get("claims", []) if status is None or c.get("status") == status]


def actors(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Actors with how often each is quoted, the most present first."""
    quoted: dict[str, int] = {}
    for a in data["articles"]:
        for q in a.get("quotes", []):
            if q.get("speaker"):
                quoted[q["speaker"]] = quoted.get(q["speaker"], 0) + 1
    rows = [{**actor, "quotes": quoted.get(actor.get("name"), 0)} for actor in data.get("actors", [])]
    return sorted(rows, key=lambda r: (-len(r.get("articles", [])), -r["quotes"], str(r.get("name"))))


# A day as the API and the forms take it: YYYY-MM-DD.
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def in_range(day: Any, start: str | None, end: str | None) -> bool:
    """Whether a dated item falls in [start, end]; with a bound given, an undated item does not."""
    if start is None and end is None:
        return True
    if not isinstance(day, str) or not day:
        return False
    return (start is None or day[:10] >= start) and (end is None or day[:10] <= end)


def stances(data: dict[str, Any], start: str | None, end: str | None) -> dict[str, Any]:
    """The positions dated in the range, and the shifts with both ends in it."""
    return {
        "from": start, "to": end,
        "positions": [p for p in data.get("positions", []) if in_range(p.get("date"), start, end)],
        "shifts": [s for s in data.get("shifts", [])
                   if in_range((s.get("before") or {}).get("date"), start, end) and in_range((s.get("after") or {}).get("date"), start, end)],
    }


def actions(data: dict[str, Any], actor: str | None, kind: str | None, start: str | None, end: str | None) -> list[dict[str, Any]]:
    """Coded actions, optionally of one actor (as source or target), one PLOVER type, a date range."""
    return [a for a in data.get("actions", [])
            if (actor is None or actor in (a.get("source_actor"), a.get("target_actor")))
            and (kind is None or a.get("type") == kind) and in_range(a.get("date"), start, end)]


def anomalies(data: dict[str, Any], kind: str | None) -> list[dict[str, Any]]:
    return [a for a in data.get("anomalies", []) if kind is None or a.get("kind") == kind]
