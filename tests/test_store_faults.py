"""A database that does not answer for a moment: retried, then one clear line; never half a batch.

SQLite: another connection holds the write lock (shorter, then longer than the retries last).
PostgreSQL: the server ends our connection in the middle of a batch (``pg_terminate_backend``,
what a restart does to every session), and a server that is not there at all.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import types

import pytest
import sqlalchemy as sa

from storyline.errors import StoreError
from storyline.records import Article, article_id
from storyline.store import Outcome, Retry, Store

from conftest_pg import pg_server, pg_url  # noqa: F401  (fixtures)

QUICK = Retry(attempts=4, first_pause=0.05, max_pause=0.2)


def batch(n: int = 5) -> list[Outcome]:
    found = []
    for i in range(n):
        text = f"The harbour board met for the {i}th time and voted on the dredging plan."
        found.append(Outcome(f"in/{i}.txt", f"sha{i}", Article(id=article_id(text), source=f"in/{i}.txt", text=text)))
    return found


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    """The store's pauses between attempts, recorded (and still taken)."""
    taken: list[float] = []

    def sleep(seconds: float) -> None:
        taken.append(seconds)
        time.sleep(seconds)

    monkeypatch.setattr("storyline.store.time", types.SimpleNamespace(sleep=sleep))
    return taken


def hold_write_lock(path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # the write lock, as another writer in mid-transaction has it
    return holder


def test_sqlite_locked_for_a_moment_is_retried_and_the_batch_lands_whole(tmp_path, pauses):
    path = tmp_path / "s.db"
    with Store.open(path, retry=QUICK, lock_wait=0.02) as store:
        holder = hold_write_lock(path)
        threading.Timer(0.15, holder.commit).start()
        store.write(batch())
        holder.close()
        assert pauses, "the lock outlasted SQLite's own wait, so the store had to retry"
        assert store.counts() == {"articles": 5, "inputs": 5, "rejected": 0}


def test_sqlite_locked_too_long_is_one_line_and_nothing_is_written(tmp_path, pauses):
    path = tmp_path / "s.db"
    with Store.open(path, retry=QUICK, lock_wait=0.02) as store:
        holder = hold_write_lock(path)
        with pytest.raises(StoreError) as caught:
            store.write(batch())
        holder.rollback()
        holder.close()
        message = str(caught.value)
        assert "\n" not in message
        assert message.startswith(f"{path}: cannot write to the database (nothing of this batch was written)")
        assert "database is locked" in message and "gave up after 4 attempts" in message
        assert pauses == [0.05, 0.1, 0.2]
        assert store.counts()["articles"] == 0
        store.write(batch())  # the store is still usable once the lock is gone
        assert store.counts()["articles"] == 5


def test_errors_that_are_not_outages_are_not_retried(tmp_path, pauses):
    with Store.open(tmp_path / "s.db", retry=QUICK) as store:
        with pytest.raises(StoreError):
            store._transaction(lambda conn: conn.execute(sa.text("SELECT * FROM no_such_table")), "read")
    assert pauses == []


def _kill_mid_batch(store: Store, pg_server: sa.Engine, times: int) -> list[int]:
    """End our server session when the batch writes its second article, ``times`` times."""
    killed: list[int] = []
    seen = [0]

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def kill(conn, _cursor, statement, *_args):
        if not statement.startswith("INSERT INTO articles"):
            return
        seen[0] += 1
        if seen[0] % 2 == 0 and len(killed) < times:
            pid = conn.connection.dbapi_connection.info.backend_pid
            with pg_server.connect() as other:
                other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            killed.append(pid)

    return killed


def test_postgres_connection_lost_mid_batch_is_retried_whole(pg_url, pg_server, pauses):
    with Store.open(pg_url, retry=QUICK) as store:
        killed = _kill_mid_batch(store, pg_server, times=1)
        store.write(batch())
        assert len(killed) == 1 and len(pauses) == 1
        assert store.counts() == {"articles": 5, "inputs": 5, "rejected": 0}


def test_postgres_lost_every_time_writes_nothing_and_says_so_in_one_line(pg_url, pg_server, pauses):
    with Store.open(pg_url, retry=QUICK) as store:
        killed = _kill_mid_batch(store, pg_server, times=99)
        with pytest.raises(StoreError) as caught:
            store.write(batch())
        assert len(killed) == 4
        message = str(caught.value)
        assert "\n" not in message and "gave up after 4 attempts" in message
        assert "nothing of this batch was written" in message
        # The first article of each attempt was inserted before the session ended: none of it stayed.
        assert store.counts()["articles"] == 0


def test_postgres_not_there_is_retried_then_one_line(pauses):
    pytest.importorskip("psycopg")
    url = "postgresql+psycopg://storyline:secret@127.0.0.1:9/nowhere"
    with pytest.raises(StoreError) as caught:
        Store.open(url, retry=Retry(attempts=3, first_pause=0.01))
    message = str(caught.value)
    assert "\n" not in message and "secret" not in message
    assert message.startswith("postgresql+psycopg://storyline:***@127.0.0.1:9/nowhere: cannot migrate the database")
    assert "gave up after 3 attempts" in message and pauses == [0.01, 0.02]
