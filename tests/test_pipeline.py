"""The pipeline end to end: ingest into a store, re-runs, interruptions, exit codes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline import pipeline, settings
from storyline.records import Article, RawDocument, Rejection
from storyline.store import Store

PARAGRAPH = (
    "The foreign ministers of Varnia and Osteland met in Lindholm on Tuesday for a third round "
    "of talks, officials said. The talks focused on prisoner exchanges and a ceasefire line."
)


def write_story(folder: Path, n: int) -> Path:
    path = folder / f"story_{n:04d}.txt"
    path.write_text(f"Talks resume, day {n}\n\n{PARAGRAPH} This is dispatch number {n}.\n", encoding="utf-8")
    return path


@pytest.fixture
def conf():
    return settings.load({"batch_size": 5})


def test_prepare_turns_text_into_a_described_article():
    raw = RawDocument("mem.txt", f"Talks resume in Lindholm\n\n{PARAGRAPH}\n")
    article = pipeline.prepare(raw)
    assert isinstance(article, Article)
    assert article.title == "Talks resume in Lindholm"
    assert article.text.startswith("The foreign ministers")


@pytest.mark.parametrize(
    "raw, reason",
    [
        (RawDocument("junk.txt", "Share\nTweet\nEmail\n"), "no article text"),
        (RawDocument("cut.html", "<html><body><div", kind="html"), ""),
    ],
)
def test_prepare_rejects_instead_of_raising(raw, reason):
    result = pipeline.prepare(raw)
    assert isinstance(result, Rejection)
    assert result.source == raw.source
    assert reason in result.reason


def test_rerun_on_same_inputs_changes_nothing(tmp_path, conf):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for n in range(7):
        write_story(corpus, n)
    with Store.open(tmp_path / "s.db") as store:
        first = pipeline.ingest([str(corpus)], store, conf)
        before = store.dump()
        second = pipeline.ingest([str(corpus)], store, conf)
        assert store.dump() == before
    assert (first.added, first.exit_code) == (7, 0)
    assert (second.added, second.unchanged, second.exit_code) == (0, 7, 0)


def test_a_changed_file_updates_its_article(tmp_path, conf):
    path = write_story(tmp_path, 1)
    with Store.open("sqlite://") as store:
        pipeline.ingest([str(path)], store, conf)
        path.write_text(path.read_text(encoding="utf-8") + "\nA new paragraph was added later.\n", encoding="utf-8")
        again = pipeline.ingest([str(path)], store, conf)
        texts = [a.text for a in store.articles()]
    assert again.updated == 1
    assert len(texts) == 1 and texts[0].endswith("added later.")


def test_exit_codes_follow_what_went_in(tmp_path, conf):
    good = write_story(tmp_path, 1)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with Store.open("sqlite://") as store:
        assert pipeline.ingest([str(good)], store, conf).exit_code == 0
        mixed = pipeline.ingest([str(good), str(empty)], store, conf)
        only_bad = pipeline.ingest([str(empty)], store, conf)
    assert mixed.exit_code == 1 and [r.source for r in mixed.rejected] == [str(empty)]
    assert only_bad.exit_code == 2


def test_worker_pool_gives_the_same_database_as_one_process(tmp_path, conf):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for n in range(12):
        write_story(corpus, n)
    dumps = []
    for workers, name in ((1, "one.db"), (2, "two.db")):
        with Store.open(tmp_path / name) as store:
            pipeline.ingest([str(corpus)], store, conf, workers=workers)
            dumps.append(store.dump())
    assert dumps[0] == dumps[1]


@pytest.mark.slow
def test_kill_minus_nine_mid_ingest_leaves_a_consistent_database(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    total = 400
    for n in range(total):
        write_story(corpus, n)
    db = tmp_path / "s.db"
    env = {**os.environ, "STORYLINE_BATCH_SIZE": "5"}
    command = [sys.executable, "-m", "storyline", "ingest", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                stored = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 20:
                break
    assert proc.poll() is None, "ingest finished before it could be interrupted; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = check.execute("SELECT count(*) FROM articles").fetchone()[0]
    orphans = check.execute(
        "SELECT count(*) FROM inputs WHERE status='ok' AND article_id NOT IN (SELECT id FROM articles)"
    ).fetchone()[0]
    check.close()
    assert 0 < partial < total and orphans == 0

    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    with Store.open(db) as store:
        assert store.counts() == {"articles": total, "inputs": total, "rejected": 0}


def test_the_detected_encoding_is_recorded_with_the_article(tmp_path, conf):
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Caf\u00e9 talks in Z\u00fcrich\n\nThe delegations met at a caf\u00e9 near the lake in Z\u00fcrich on Monday, "
        "and both sides called the na\u00efve optimism of the spring a thing of the past.\n".encode("latin-1")
    )
    with Store.open("sqlite://") as store:
        pipeline.ingest([str(path)], store, conf)
        [article] = list(store.articles())
    assert "Zürich" in article.text
    assert article.encoding in {"cp1252", "latin-1", "iso8859-1", "iso-8859-1", "windows-1252"}
