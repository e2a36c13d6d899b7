"""Full-text search over articles with SQLite FTS5, kept beside the store's own tables.

The index is the app's own table (``articles_fts``), created and filled when missing and brought
up to date after every write; it is derived data, so dropping it loses nothing. On databases
without FTS5 (PostgreSQL) search falls back to a plain substring scan of the snapshot.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from ..store import Store

# Private-use characters cannot occur in cleaned article text, so they mark hits unambiguously.
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)


def available(store: Store) -> bool:
    return store.engine.dialect.name == "sqlite"


def sync(store: Store) -> int:
    """Create the index if missing and make it match the articles table; return rows changed."""
    statements = (
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
        "id UNINDEXED, title, outlet, text, tokenize='unicode61 remove_diacritics 2')",
        "DELETE FROM articles_fts WHERE id NOT IN (SELECT id FROM articles)",
        "INSERT INTO articles_fts (id, title, outlet, text) SELECT id, coalesce(title, ''), "
        "coalesce(outlet, ''), text FROM articles WHERE id NOT IN (SELECT id FROM articles_fts)",
    )
    changed = 0
    with store.engine.begin() as conn:
        for sql in statements:
            changed += max(0, conn.execute(sa.text(sql)).rowcount or 0)
    return changed


def match_expression(query: str) -> str | None:
    """The user's words as an FTS5 query: each a quoted prefix term, so no syntax gets through."""
    words = _WORD.findall(query)[:12]
    return " ".join(f'"{w}"*' for w in words) or None


def pieces(snippet: str) -> list[dict[str, Any]]:
    """A snippet with hit markers as pieces of plain and hit text, for escaping templates."""
    found = []
    for i, part in enumerate(re.split(f"[{HIT_OPEN}{HIT_CLOSE}]", snippet)):
        if part:
            found.append({"text": part, "hit": i % 2 == 1})
    return found


def search(store: Store, query: str, limit: int, offset: int) -> tuple[int, list[tuple[str, list[dict[str, Any]]]]]:
    """(total hits, [(article id, snippet pieces)]) best first."""
    expression = match_expression(query)
    if expression is None:
        return 0, []
    with store.engine.connect() as conn:
        total = conn.execute(sa.text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q"), {"q": expression}).scalar()
        rows = conn.execute(
            sa.text(
                "SELECT id, snippet(articles_fts, 3, :o, :c, '…', 18) FROM articles_fts "
                "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit OFFSET :offset"
            ),
            {"q": expression, "o": HIT_OPEN, "c": HIT_CLOSE, "limit": limit, "offset": offset},
        ).all()
    return int(total or 0), [(row[0], pieces(row[1])) for row in rows]


def scan(articles: list[dict[str, Any]], query: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """The fallback without FTS5: articles whose title or text holds every word."""
    words = [w.lower() for w in _WORD.findall(query)[:12]]
    hits = []
    for a in articles:
        haystack = f"{a.get('title') or ''} {a['text']}".lower()
        if words and all(w in haystack for w in words):
            at = a["text"].lower().find(words[0])
            start = max(0, at - 80)
            hits.append((a["id"], [{"text": a["text"][start:start + 200], "hit": False}]))
    return hits
