"""The web app's search on a PostgreSQL store: its own text search over a GIN index (migration 0003).

Runs against the loopback server of scripts/postgres.sh (skipped, saying why, without one), with
the same articles and queries as the SQLite search in test_web.py, so both backends answer alike.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

pytest.importorskip("fastapi", reason="the web app needs fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from storyline import pipeline, settings  # noqa: E402
from storyline.store import Store  # noqa: E402
from storyline.web import create_app, search  # noqa: E402
from test_report import HOSTILE  # noqa: E402
from test_web import write_inputs  # noqa: E402

from conftest_pg import pg_server, pg_url  # noqa: F401,E402  (fixtures)


@pytest.fixture
def pg_store(pg_url, tmp_path):
    with Store.open(pg_url) as store:
        pipeline.ingest(write_inputs(tmp_path / "in", list(HOSTILE)), store, settings.load({"db": pg_url}))
        yield store


@pytest.fixture
def client(pg_store, tmp_path):
    app = create_app(pg_store, conf=settings.load({"db": "unused"}), uploads=tmp_path / "uploads", analyse=False)
    with TestClient(app) as c:
        yield c


def test_the_migration_indexes_the_articles(pg_store):
    with pg_store.engine.connect() as conn:
        definition = conn.execute(sa.text(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_fulltext' AND schemaname = current_schema()"
        )).scalar()
    assert definition is not None and "USING gin" in definition and "to_tsvector" in definition
    assert not search.kept_by_app(pg_store)


def test_the_planner_can_use_the_index(pg_store):
    with pg_store.engine.connect() as conn:
        conn.execute(sa.text("SET enable_seqscan = off"))
        plan = "\n".join(conn.execute(sa.text(
            "EXPLAIN SELECT id FROM articles WHERE to_tsvector('english', "
            "coalesce(title, '') || ' ' || coalesce(outlet, '') || ' ' || text) @@ to_tsquery('english', 'ceasef:*')"
        )).scalars())
    assert "articles_fulltext" in plan


@pytest.mark.parametrize(
    "query, hits",
    [("ceasefire", len(HOSTILE)), ("ceasef", len(HOSTILE)), ("Kallmora", len(HOSTILE)), ("story 6", 1),
     ("zebra", 0), ('"unbalanced', 0), ("NEAR(", 0), ("AND OR NOT", 0), ("a & b | !c", 0),
     # PostgreSQL's parser reads "<script>" as a tag, not a word (FTS5 finds it: 1 hit on SQLite).
     ("script alert", 0)],
)
def test_search_on_postgres_finds_words_and_never_errors(client, query, hits):
    found = client.get("/api/articles", params={"q": query}).json()
    assert found["total"] == hits, query
    assert len(found["items"]) == min(hits, found["limit"])


def test_hits_are_marked_in_the_snippets(client):
    items = client.get("/api/articles", params={"q": "alert"}).json()["items"]
    assert items and all(any(p["hit"] and p["text"].lower() == "alert" for p in item["snippet"]) for item in items)
    assert '<mark class="quote">alert</mark>' in client.get("/articles?q=alert").text


def test_a_pasted_article_is_found_at_once(client):
    response = client.post("/api/articles/text", json={"text": "The zeppelin landed in Kallmora on Friday. " * 3, "title": "Zeppelin"})
    assert response.status_code == 201
    assert client.get("/api/articles?q=zeppelin").json()["total"] == 1


@pytest.mark.parametrize("query, expected", [("ceasefire talks", "ceasefire:* & talks:*"), ("a&b|!c", "a:* & b:* & c:*"),
                                             ("don't", "don:* & t:*"), ("___", None), ("", None)])
def test_words_become_prefix_terms_without_operators(query, expected):
    assert search.ts_query(query) == expected
