"""Large outputs: JSONL that streams article by article, and Parquet written in row groups.

Memory is shown bounded by how the export reads, not by measuring it: each line is written
before the store hands over the next article.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from storyline import export
from storyline.cli import app
from storyline.records import Article, article_id
from storyline.store import Outcome, Store

from conftest_pg import pg_server, pg_url  # noqa: F401  (fixtures)

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

N = 120


def text_of(i: int) -> str:
    return f"Council meeting number {i} approved budget line {i * 7} after a short debate on roads."


def fill(store: Store) -> list[str]:
    """N articles, each with a quote (an article stage's result); an event and a reprint (corpus stages)."""
    outcomes, ids = [], []
    for i in range(N):
        text = text_of(i)
        aid = article_id(text)
        ids.append(aid)
        article = Article(id=aid, source=f"in/{i:03}.txt", text=text, title=f"Meeting {i}",
                          published=f"2026-01-{1 + i % 28:02}", published_how="metadata")
        outcomes.append(Outcome(article.source, f"sha{i}", article))
    store.write(outcomes)
    store.put_annotations("attribution.v1", {
        aid: {"quotes": [{"speaker": "Clerk", "speaker_mention": "the clerk", "role": None, "kind": "direct",
                          "cue": "said", "text": "approved", "start": 30, "end": 38}], "cited_sources": []}
        for aid in ids
    })
    store.put_corpus("events.v1", {"events": [{"id": "ev1", "date": "2026-01-01", "date_end": None,
                                               "label": "first meetings", "articles": ids[:3]}]})
    store.put_corpus("reprints.v1", {"article_fields": {ids[5]: {"reprint_of": ids[4], "reprint_similarity": 1.0}}})
    return ids


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = str(tmp_path / "s.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with Store.open(url) as s:
        fill(s)
        yield s


class Lines(io.StringIO):
    """An output that notes, at each line written, how many articles the store had handed over."""

    def __init__(self, handed: list[int]) -> None:
        super().__init__()
        self.handed = handed
        self.at_write: list[int] = []

    def write(self, text: str) -> int:
        self.at_write.append(self.handed[0])
        return super().write(text)


def test_jsonl_writes_each_article_before_reading_the_next(store, monkeypatch):
    handed = [0]
    original = Store.articles_with

    def counted(self, stages):
        for item in original(self, stages):
            handed[0] += 1
            yield item

    monkeypatch.setattr(Store, "articles_with", counted)
    out = Lines(handed)
    export.write_jsonl(store, out)
    assert len(out.at_write) == N
    # Line k is written when k (or k + 1, the one just read) articles have been handed over.
    assert all(seen == k for k, seen in enumerate(out.at_write, 1)), out.at_write[:10]


def test_jsonl_lines_are_the_contracts_articles(store):
    out = io.StringIO()
    export.write_jsonl(store, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == export.build(store)["articles"]
    by_id = {entry["id"]: entry for entry in lines}
    ids = [article_id(text_of(i)) for i in range(N)]
    assert [by_id[i]["event"] for i in ids[:4]] == ["ev1", "ev1", "ev1", None]
    assert by_id[ids[5]]["reprint_of"] == ids[4]
    assert by_id[ids[7]]["quotes"][0]["speaker"] == "Clerk"
    assert by_id[ids[7]]["inputs"] == ["in/007.txt"]


def test_an_article_from_two_inputs_lists_both_once(store):
    again = store.article(article_id(text_of(3)))
    store.write([Outcome("copy/003.txt", "other", again)])
    entry = next(e for e in export.iter_articles(store) if e["id"] == again.id)
    assert entry["inputs"] == ["copy/003.txt", "in/003.txt"]
    assert sum(1 for _ in export.iter_articles(store)) == N


def test_parquet_is_written_in_row_groups_and_matches_the_csv(store, tmp_path):
    path = tmp_path / "articles.parquet"
    assert export.write_parquet(store, path, "articles", row_group=50) == N
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == N and meta.num_row_groups == 3
    table = pq.read_table(path)
    assert table.schema.field("chars").type == pa.int64()
    assert table.schema.field("title").type == pa.string()
    buffer = io.StringIO()
    export.write_csv(store, buffer, "articles")
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert table.column("id").to_pylist() == [r["id"] for r in rows]
    assert table.column("chars").to_pylist() == [int(r["chars"]) for r in rows]
    event_of = dict(zip(table.column("id").to_pylist(), table.column("event").to_pylist()))
    assert [event_of[article_id(text_of(i))] for i in range(4)] == ["ev1", "ev1", "ev1", None]


def test_parquet_tables_of_quotes_and_events(store, tmp_path):
    export.write_parquet(store, tmp_path / "q.parquet", "quotes")
    quotes = pq.read_table(tmp_path / "q.parquet")
    assert quotes.num_rows == N and set(quotes.column("speaker").to_pylist()) == {"Clerk"}
    assert quotes.schema.field("start").type == pa.int64()
    export.write_parquet(store, tmp_path / "e.parquet", "events")
    events = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert [(e["id"], e["n_articles"]) for e in events] == [("ev1", 3)]


def test_cli_export_parquet_and_jsonl(tmp_path):
    db = tmp_path / "story.db"
    with Store.open(db) as s:
        fill(s)
    target = tmp_path / "out.parquet"
    done = CliRunner().invoke(app, ["export", "--format", "parquet", "-o", str(target), "--table", "quotes", "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert pq.read_table(target).num_rows == N
    assert not list(tmp_path.glob(".*.tmp"))
    lines = CliRunner().invoke(app, ["export", "--format", "jsonl", "--db", str(db)])
    assert lines.exit_code == 0 and len(lines.output.splitlines()) == N
    refused = CliRunner().invoke(app, ["export", "--format", "parquet", "--db", str(db)])
    assert refused.exit_code == 2 and "-o FILE" in refused.output
