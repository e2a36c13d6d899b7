"""The store: migrations, round trips, idempotent writes, atomic batches.

Every test that is not about SQLite itself runs on both backends: in-memory SQLite, and PostgreSQL
when a server is reachable (see conftest_pg.py; the PostgreSQL cases skip, saying why, otherwise).
"""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import StoreError
from storyline.records import Article, DateCandidate, Rejection, Removed, article_id
from storyline.store import MIGRATIONS, Outcome, Store

from conftest_pg import pg_server, pg_url  # noqa: F401  (fixtures)

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_url(backend, request, tmp_path) -> str:
    """An empty database that outlives one Store: a SQLite file, or a fresh PostgreSQL schema."""
    return str(tmp_path / "s.db") if backend == "sqlite" else request.getfixturevalue("pg_url")


@pytest.fixture
def store(backend, request):
    url = "sqlite://" if backend == "sqlite" else request.getfixturevalue("pg_url")
    with Store.open(url) as s:
        yield s


def make_article(text: str = "Ministers met on Tuesday.", **extra) -> Article:
    return Article(id=article_id(text), source="a.txt", text=text, **extra)


def test_migrations_are_recorded_once(db_url):
    with Store.open(db_url) as first:
        assert first.applied_migrations() == [name for name, _ in MIGRATIONS]
    with Store.open(db_url) as second:
        assert second.migrate() == []
        assert second.applied_migrations() == [name for name, _ in MIGRATIONS]


def test_sqlite_file_uses_wal(tmp_path):
    path = tmp_path / "s.db"
    Store.open(path).close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nowhere" / "s.db")


def test_writing_the_same_outcome_twice_changes_nothing(store):
    outcome = Outcome("a.txt", "sha1", make_article())
    store.write([outcome])
    before = store.dump()
    store.write([outcome])
    assert store.dump() == before
    assert store.counts() == {"articles": 1, "inputs": 1, "rejected": 0}


def test_same_text_from_two_inputs_is_one_article_with_two_sources(store):
    article = make_article()
    store.write([Outcome("a.txt", "x", article), Outcome("copy/a.txt", "x", article)])
    assert store.sources_of() == {article.id: ["a.txt", "copy/a.txt"]}
    assert store.counts()["articles"] == 1


def test_changed_input_replaces_its_orphaned_article(store):
    old, new = make_article("First version."), make_article("Second version.")
    store.write([Outcome("a.txt", "1", old)])
    store.put_annotations("quotes.v1", {old.id: {"quotes": []}})
    store.write([Outcome("a.txt", "2", new)])
    assert [a.id for a in store.articles()] == [new.id]
    assert store.annotations("quotes.v1") == {}


def test_rejection_is_recorded_and_listed(store):
    store.write([Outcome("bad.png", "0", Rejection("bad.png", "binary file (PNG image)"))])
    assert store.rejections() == [Rejection("bad.png", "binary file (PNG image)", "ingest")]
    assert store.counts()["rejected"] == 1


def test_a_changed_description_drops_the_stale_stage_results(store):
    article = make_article()
    store.write([Outcome("a.txt", "1", article)])
    store.put_annotations("quotes.v1", {article.id: {"quotes": []}})
    store.write([Outcome("a.txt", "1", article)])
    assert store.annotations("quotes.v1") == {article.id: {"quotes": []}}
    store.write([Outcome("a.txt", "1", make_article(title="Now with a headline"))])
    assert store.annotations("quotes.v1") == {}
    assert store.article(article.id).title == "Now with a headline"


def test_corpus_results_are_replaced_not_duplicated(store):
    store.put_corpus("events.v1", {"events": [1]})
    store.put_corpus("events.v1", {"events": [1, 2]})
    assert store.corpus("events.v1") == {"events": [1, 2]}
    assert [row for row in store.dump() if row[0] == "corpus"] == [("corpus", ("events.v1", '{"events":[1,2]}'))]


def test_a_failing_batch_writes_nothing(store, monkeypatch):
    good = Outcome("a.txt", "1", make_article())
    bad = Outcome("b.txt", "2", make_article("Other text."))
    original = store._write_one

    def explode(conn, outcome):
        if outcome is bad:
            raise OSError("disk I/O error")
        original(conn, outcome)

    monkeypatch.setattr(store, "_write_one", explode)
    with pytest.raises(OSError):
        store.write([good, bad])
    assert store.counts() == {"articles": 0, "inputs": 0, "rejected": 0}


def test_articles_come_oldest_first_undated_last(store):
    dated = [make_article(f"Story {d}.", published=d, published_how="metadata") for d in ("2026-03-02", "2026-01-05")]
    undated = make_article("Undated story.")
    store.write([Outcome(f"{i}.txt", str(i), a) for i, a in enumerate([undated, *dated])])
    assert [a.published for a in store.articles()] == ["2026-01-05", "2026-03-02", None]


def test_text_sorts_by_code_point_on_every_backend(store):
    # A locale-aware PostgreSQL collation would put "a.txt" before "B.txt" and ignore the "_".
    sources = ["a.txt", "B.txt", "_c.txt", "b-2.txt", "b.txt", "\u00e9.txt"]
    store.write([Outcome(s, s, Rejection(s, "empty file")) for s in sources])
    assert [r.source for r in store.rejections()] == sorted(sources)


@pytest.mark.parametrize(
    "text",
    ["A NUL \x00 inside the text.", "Emoji \U0001f30d and RTL \u05e9\u05dc\u05d5\u05dd.", "Quotes ' \" and \\ back."],
)
def test_awkward_text_survives_a_round_trip(store, text):
    article = make_article(text, title=text)
    store.write([Outcome("a.txt", "1", article)])
    assert store.article(article.id) == article
    assert list(store.articles()) == [article]


texts = st.text(min_size=1, max_size=200).filter(lambda t: t.strip())
optional = st.none() | st.text(max_size=40)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=texts,
    title=optional,
    outlet=optional,
    flags=st.lists(st.sampled_from(["self_declared_ai", "date_conflict"]), unique=True),
    removed=st.lists(st.builds(Removed, st.sampled_from(["footer", "tag_list"]), st.text(max_size=50)), max_size=3),
    candidates=st.lists(st.builds(DateCandidate, st.just("2026-01-02"), st.sampled_from(["url", "text"]), st.text(max_size=20)), max_size=2),
)
def test_article_survives_a_round_trip_through_the_store(store, text, title, outlet, flags, removed, candidates):
    article = Article(
        id=article_id(text, outlet),
        source="in.txt",
        text=text,
        title=title,
        outlet=outlet,
        flags=tuple(flags),
        removed=tuple(removed),
        published_candidates=tuple(candidates),
        unknown=(("author", "no byline"),),
    )
    store.write([Outcome("in.txt", text, article)])
    assert store.article(article.id) == article
    assert Article.from_dict(article.as_dict()) == article
