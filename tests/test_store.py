"""The store: migrations, round trips, idempotent writes, atomic batches."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import StoreError
from storyline.records import Article, DateCandidate, Rejection, Removed, article_id
from storyline.store import MIGRATIONS, Outcome, Store


@pytest.fixture
def store():
    with Store.open("sqlite://") as s:
        yield s


def make_article(text: str = "Ministers met on Tuesday.", **extra) -> Article:
    return Article(id=article_id(text), source="a.txt", text=text, **extra)


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "s.db"
    with Store.open(path) as first:
        assert first.applied_migrations() == [name for name, _ in MIGRATIONS]
    with Store.open(path) as second:
        assert second.migrate() == []


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


def test_a_failing_batch_writes_nothing(store, monkeypatch):
    good = Outcome("a.txt", "1", make_article())
    bad = Outcome("b.txt", "2", make_article("Other text."))
    original = store._write_one

    def explode(conn, outcome):
        if outcome is bad:
            raise sqlite3.OperationalError("disk I/O error")
        original(conn, outcome)

    monkeypatch.setattr(store, "_write_one", explode)
    with pytest.raises(sqlite3.OperationalError):
        store.write([good, bad])
    assert store.counts()["articles"] == 0


def test_articles_come_oldest_first_undated_last(store):
    dated = [make_article(f"Story {d}.", published=d, published_how="metadata") for d in ("2026-03-02", "2026-01-05")]
    undated = make_article("Undated story.")
    store.write([Outcome(f"{i}.txt", str(i), a) for i, a in enumerate([undated, *dated])])
    assert [a.published for a in store.articles()] == ["2026-01-05", "2026-03-02", None]


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
