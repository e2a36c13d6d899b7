"""Full-text search over articles: SQLite's FTS5, or PostgreSQL's own text search.

On SQLite the index is the app's own table (``articles_fts``), created and filled when missing and
brought up to date after every write; it is derived data, so dropping it loses nothing. On
PostgreSQL a GIN index over ``to_tsvector`` of the articles (a store migration) is kept current by
the database itself. Both treat each word typed as a prefix, all of them required, best hits first.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from ..store import FULLTEXT_CONFIG, FULLTEXT_DOCUMENT, Store

# Private-use characters cannot occur in cleaned article text, so they mark hits unambiguously.
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)
# Letters and digits only: the pieces of a tsquery that cannot carry its operators.
_TERM = re.compile(r"[^\W_]+", re.UNICODE)
_HEADLINE = f'StartSel="{HIT_OPEN}", StopSel="{HIT_CLOSE}", MaxWords=30, MinWords=12'


def kept_by_app(store: Store) -> bool:
    """Whether the index is the app's to keep current (SQLite), not the database's (PostgreSQL)."""
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
    if store.engine.dialect.name == "postgresql":
        return _search_postgres(store, query, limit, offset)
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


def ts_query(query: str) -> str | None:
    """The user's words as a PostgreSQL tsquery: each a prefix term, all required, no operators."""
    words = _TERM.findall(query)[:12]
    return " & ".join(f"{w}:*" for w in words) or None


def _search_postgres(store: Store, query: str, limit: int, offset: int) -> tuple[int, list[tuple[str, list[dict[str, Any]]]]]:
    expression = ts_query(query)
    if expression is None:
        return 0, []
    # The same expression as the index of migration 0003, so the planner uses it.
    document = f"to_tsvector('{FULLTEXT_CONFIG}', {FULLTEXT_DOCUMENT})"
    matches = f"{document} @@ to_tsquery('{FULLTEXT_CONFIG}', :q)"
    with store.engine.connect() as conn:
        total = conn.execute(sa.text(f"SELECT count(*) FROM articles WHERE {matches}"), {"q": expression}).scalar()
        rows = conn.execute(
            sa.text(
                f"SELECT id, ts_headline('{FULLTEXT_CONFIG}', text, to_tsquery('{FULLTEXT_CONFIG}', :q), :options) "
                f"FROM articles WHERE {matches} "
                f"ORDER BY ts_rank({document}, to_tsquery('{FULLTEXT_CONFIG}', :q)) DESC, id COLLATE \"C\" "
                "LIMIT :limit OFFSET :offset"
            ),
            {"q": expression, "options": _HEADLINE, "limit": limit, "offset": offset},
        ).all()
    return int(total or 0), [(row[0], pieces(row[1])) for row in rows]
