"""The store on PostgreSQL: concurrent writers, concurrent migrations, a server that goes away.

The shared store tests run on PostgreSQL from test_store.py (parametrized over both backends);
these are the cases only a server shared by several processes has. They skip, saying why, when no
server is reachable (run scripts/postgres.sh, or set STORYLINE_TEST_PG to a URL).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from storyline.errors import StoreError
from storyline.records import Article, Rejection, article_id
from storyline.store import MIGRATIONS, Outcome, Store

from conftest_pg import pg_server, pg_url  # noqa: F401  (fixtures)


def make_article(text: str, source: str) -> Article:
    return Article(id=article_id(text), source=source, text=text)


def run_at_once(*jobs) -> None:
    """Run the jobs in threads started together; re-raise the first error any of them hit."""
    start = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job) -> None:
        start.wait()
        try:
            job()
        except BaseException as exc:  # noqa: BLE001  (handed to the test below)
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    if errors:
        raise errors[0]


def writer(url: str, outcomes: list[Outcome], batch: int):
    def job() -> None:
        with Store.open(url) as store:
            for i in range(0, len(outcomes), batch):
                store.write(outcomes[i : i + batch])

    return job


def assert_consistent(store: Store) -> None:
    """Every ok input points at a stored article and every article has an input."""
    with store.engine.connect() as conn:
        referenced = set(conn.scalars(sa.text("SELECT article_id FROM inputs WHERE status = 'ok'")))
        stored = set(conn.scalars(sa.text("SELECT id FROM articles")))
    assert referenced == stored


@pytest.mark.parametrize("batch_a, batch_b", [(1, 1), (7, 5), (60, 60)])
def test_two_writers_at_once_lose_and_duplicate_nothing(pg_url, batch_a, batch_b):
    n = 60
    own_a = [Outcome(f"a/{i}", "1", make_article(f"A story {i}.", f"a/{i}")) for i in range(n)]
    own_b = [Outcome(f"b/{i}", "1", make_article(f"B story {i}.", f"b/{i}")) for i in range(n)]
    same = [Outcome(f"s/{i}", "1", make_article(f"Shared story {i}.", f"s/{i}")) for i in range(n)]
    contested_a = [Outcome(f"c/{i}", "a", make_article(f"Version A {i}.", f"c/{i}")) for i in range(n)]
    contested_b = [Outcome(f"c/{i}", "b", make_article(f"Version B {i}.", f"c/{i}")) for i in range(n)]
    rejected = [Outcome(f"r/{i}", "0", Rejection(f"r/{i}", "empty file")) for i in range(n)]
    # One writer moves m/i off its article while the other points a new input j/i at it: the
    # article must survive, its last input having changed under the first writer's feet.
    before = [Outcome(f"m/{i}", "1", make_article(f"Old story {i}.", f"m/{i}")) for i in range(n)]
    moved = [Outcome(f"m/{i}", "2", make_article(f"New story {i}.", f"m/{i}")) for i in range(n)]
    joined = [Outcome(f"j/{i}", "1", old.result) for i, old in enumerate(before)]
    # Opposite orders make the writers lock shared rows crosswise: deadlocks the store must retry.
    first = [x for group in zip(moved, own_a, same, contested_a, rejected) for x in group]
    second = [x for group in zip(joined, own_b, same, contested_b, rejected) for x in group][::-1]
    with Store.open(pg_url) as store:
        store.write(before)

    run_at_once(writer(pg_url, first, batch_a), writer(pg_url, second, batch_b))

    with Store.open(pg_url) as store:
        assert store.counts() == {"articles": 6 * n, "inputs": 7 * n, "rejected": n}
        sources = store.sources_of()
        for outcome in own_a + own_b + same + moved + joined:
            assert sources[outcome.result.id] == [outcome.source]
        winners = {o.result.id for o in contested_a + contested_b} & set(sources)
        assert len(winners) == n
        assert_consistent(store)
        assert store.applied_migrations() == [name for name, _ in MIGRATIONS]


OLD, NEW = make_article("Old story.", "m.txt"), make_article("New story.", "m.txt")
EMPTY = Rejection("j.txt", "empty file")


@pytest.mark.parametrize(
    "committed, held, meanwhile, expected",
    [
        # m.txt moves off the old article while j.txt, uncommitted, starts pointing at it.
        ([("m.txt", OLD)], ("j.txt", OLD), ("m.txt", NEW), {OLD.id: ["j.txt"], NEW.id: ["m.txt"]}),
        ([("m.txt", OLD), ("j.txt", EMPTY)], ("j.txt", OLD), ("m.txt", NEW), {OLD.id: ["j.txt"], NEW.id: ["m.txt"]}),
        # Both writers add the same new input: the later one wins and the other's article goes.
        ([], ("m.txt", OLD), ("m.txt", NEW), {NEW.id: ["m.txt"]}),
        ([], ("m.txt", OLD), ("m.txt", OLD), {OLD.id: ["m.txt"]}),
    ],
)
def test_a_writer_waits_for_a_concurrent_batch_and_then_sees_it(pg_url, committed, held, meanwhile, expected):
    def outcome(source, result):
        return Outcome(source, result.id if isinstance(result, Article) else "0", result)

    with Store.open(pg_url) as first, Store.open(pg_url) as second:
        first.write([outcome(*c) for c in committed])
        errors: list[Exception] = []

        def move() -> None:
            try:
                first.write([outcome(*meanwhile)])
            except Exception as exc:  # noqa: BLE001  (asserted below)
                errors.append(exc)

        mover = threading.Thread(target=move)
        with second.engine.begin() as conn:
            second._write_one(conn, outcome(*held))
            mover.start()
            mover.join(timeout=0.5)
            assert mover.is_alive(), "the first writer should wait for the second one's commit"
        mover.join(timeout=30)
        assert not mover.is_alive() and errors == []
        assert first.sources_of() == expected
        assert_consistent(first)


@pytest.mark.parametrize("openers", [2, 4])
def test_stores_opened_at_once_migrate_once(pg_url, openers):
    run_at_once(*[lambda: Store.open(pg_url).close() for _ in range(openers)])
    with Store.open(pg_url) as store:
        assert store.applied_migrations() == [name for name, _ in MIGRATIONS]
        assert store.migrate() == []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("user", ["storyline:s3cret-pw", "storyline"])
def test_an_unreachable_server_is_a_clear_error_without_the_password(user):
    pytest.importorskip("psycopg")
    port = free_port()
    with pytest.raises(StoreError) as caught:
        Store.open(f"postgresql+psycopg://{user}@127.0.0.1:{port}/corpus")
    message = str(caught.value)
    assert f"127.0.0.1:{port}/corpus" in message
    assert "migrate" in message and "refused" in message.lower()
    assert "s3cret" not in message


@pytest.mark.parametrize("fail_after", [0, 3])
def test_a_connection_lost_mid_batch_writes_nothing_and_the_next_batch_works(pg_url, monkeypatch, fail_after):
    outcomes = [Outcome(f"{i}.txt", "1", make_article(f"Story {i}.", f"{i}.txt")) for i in range(6)]
    with Store.open(pg_url) as store:
        original = store._write_one
        written = []

        def drop_connection(conn, outcome):
            if len(written) == fail_after:
                # The server ends this session, as a restart or a network cut would.
                conn.execute(sa.select(sa.func.pg_terminate_backend(sa.func.pg_backend_pid())))
            original(conn, outcome)
            written.append(outcome)

        monkeypatch.setattr(store, "_write_one", drop_connection)
        with pytest.raises(StoreError, match="nothing of this batch was written") as caught:
            store.write(outcomes)
        assert pg_url.split("?")[0] in str(caught.value)
        monkeypatch.undo()
        assert store.counts() == {"articles": 0, "inputs": 0, "rejected": 0}
        store.write(outcomes)
        assert store.counts() == {"articles": 6, "inputs": 6, "rejected": 0}


def write_stories(folder: Path, prefix: str, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        (folder / f"{prefix}_{n:03d}.txt").write_text(
            f"{prefix.title()} talks, day {n}\n\nThe delegations of Varnia and Osteland met in Lindholm "
            f"on Tuesday for talks on prisoner exchanges, officials said. This is {prefix} dispatch {n}.\n",
            encoding="utf-8",
        )


@pytest.mark.slow
def test_two_ingest_commands_at_once_into_one_database(pg_url, tmp_path):
    shared, mine, theirs = tmp_path / "shared", tmp_path / "mine", tmp_path / "theirs"
    write_stories(shared, "shared", 40)
    write_stories(mine, "mine", 20)
    write_stories(theirs, "theirs", 20)
    Store.open(pg_url).close()
    env = {**os.environ, "STORYLINE_BATCH_SIZE": "3"}
    commands = [
        [sys.executable, "-m", "storyline", "ingest", str(shared), str(folder), "--db", pg_url]
        for folder in (mine, theirs)
    ]
    procs = [subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for c in commands]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    with Store.open(pg_url) as store:
        assert store.counts() == {"articles": 80, "inputs": 80, "rejected": 0}
        assert_consistent(store)
