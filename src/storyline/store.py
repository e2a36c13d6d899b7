"""The store: the source of truth for a corpus.

SQLite by default (one file, WAL, a transaction per batch), or PostgreSQL with the same schema and
migrations (``--db postgresql+psycopg://user@host/db``). Stages never see SQL: they get and give
records through the methods of ``Store``.

On PostgreSQL several writers may share one database. Every write is an ``INSERT … ON CONFLICT``
or works on a row it has locked, and a transaction the server aborts as a deadlock or
serialization victim is run again, so concurrent ingests lose nothing and duplicate nothing.

Tables:
  ``inputs``       every input seen (path, URL, ``path#N``), the hash of its content, and the
                   article it produced or the reason it was rejected;
  ``articles``     one row per cleaned, described article (id = content hash);
  ``annotations``  per-article results of a registered stage, keyed by (article, stage);
  ``corpus``       cross-article results (events, claims), keyed by name;
  ``feeds``        what ``storyline watch`` knows about each feed it polls (validators, failures);
  ``migrations``   which registered migrations have run.

A database that does not answer for a moment (a server restarting, a SQLite file another process
holds locked) is retried with growing pauses; a transaction cut off half-way is rolled back and run
again whole, so a batch lands completely or not at all. Past the last attempt the error is one line.
"""

from __future__ import annotations

import functools
import json
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from .errors import StoreError
from .records import Article, Rejection

T = TypeVar("T")

metadata = sa.MetaData()

inputs = sa.Table(
    "inputs",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("content_sha", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),  # "ok" | "rejected"
    sa.Column("article_id", sa.Text, nullable=True, index=True),
    sa.Column("stage", sa.Text, nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("published", sa.Text, index=True),
    sa.Column("published_how", sa.Text, nullable=False),
    sa.Column("language", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("record", sa.Text, nullable=False),  # the full Article as JSON
)

annotations = sa.Table(
    "annotations",
    metadata,
    sa.Column("article_id", sa.Text, primary_key=True),
    sa.Column("stage", sa.Text, primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
)

corpus = sa.Table(
    "corpus",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
)

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_polled", sa.Float),  # seconds since the epoch
    sa.Column("last_status", sa.Text),
    sa.Column("failures", sa.Integer, nullable=False),  # consecutive
    sa.Column("next_allowed", sa.Float),  # no request before this time (backoff)
)

migrations_table = sa.Table(
    "migrations",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
)

# Registered migrations, applied in order, each recorded in ``migrations`` in the same transaction.
MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = []


def migration(name: str) -> Callable[[Callable[[Connection], None]], Callable[[Connection], None]]:
    def register(fn: Callable[[Connection], None]) -> Callable[[Connection], None]:
        if any(existing == name for existing, _ in MIGRATIONS):
            raise ValueError(f"migration {name!r} registered twice")
        MIGRATIONS.append((name, fn))
        return fn

    return register


@migration("0001_initial")
def _initial(conn: Connection) -> None:
    for table in (inputs, articles, annotations, corpus):
        table.create(conn, checkfirst=True)


@migration("0002_feeds")
def _feeds(conn: Connection) -> None:
    feeds.create(conn, checkfirst=True)


# The text PostgreSQL's full-text search indexes; web/search.py queries this same expression,
# which is what lets the planner use the index.
FULLTEXT_DOCUMENT = "coalesce(title, '') || ' ' || coalesce(outlet, '') || ' ' || text"
FULLTEXT_CONFIG = "english"


@migration("0003_postgres_fulltext")
def _fulltext(conn: Connection) -> None:
    # SQLite's search index (FTS5) is derived data the web app keeps itself; PostgreSQL indexes
    # the articles table directly.
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(
            "CREATE INDEX IF NOT EXISTS articles_fulltext ON articles USING GIN "
            f"(to_tsvector('{FULLTEXT_CONFIG}', {FULLTEXT_DOCUMENT}))"
        ))


def _dumps(payload: Any) -> str:
    # Sorted keys and no floats reformatting: the same payload always stores the same bytes,
    # so a re-run that recomputes identical results leaves the database unchanged.
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Outcome:
    """What one input produced, ready to be written: an article or a rejection."""

    source: str
    content_sha: str
    result: Article | Rejection


@dataclass(frozen=True)
class FeedState:
    """What the last polls of one feed left: validators for a conditional GET, and the backoff."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: float | None = None
    last_status: str | None = None
    failures: int = 0
    next_allowed: float | None = None

    def as_row(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Retry:
    """How long to keep trying a database that does not answer: ``attempts`` tries, pauses doubling."""

    attempts: int = 5
    first_pause: float = 0.5
    max_pause: float = 4.0

    def pause(self, retry: int) -> float:
        return min(self.max_pause, self.first_pause * 2 ** (retry - 1))


def _url(target: str) -> str:
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


def _shown(target: str) -> str:
    """The database as errors name it: a path as given, a URL without its password."""
    if "://" not in target:
        return target
    try:
        return sa.engine.make_url(target).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return target.split("://", 1)[0] + "://…"


# The backends whose upsert (INSERT … ON CONFLICT) the store uses.
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
# Any fixed number: every storyline process migrating a PostgreSQL database takes this lock.
_MIGRATION_LOCK = 0x73746F72
# SQLSTATEs of a transaction PostgreSQL aborted only because of a concurrent one.
_TRANSIENT = {"40001", "40P01"}  # serialization_failure, deadlock_detected
_ATTEMPTS = 6
# Rows fetched at a time by streamed reads: memory stays flat whatever the corpus size.
_STREAM_ROWS = 200
# SQLSTATEs of a server that went away or is not accepting connections yet (class 08 too).
_UNAVAILABLE = {"57P01", "57P02", "57P03"}  # admin_shutdown, crash_shutdown, cannot_connect_now


def _one_line(error: object) -> str:
    return " ".join(str(error).split())


class Store:
    """A corpus database. Open with ``Store.open(path_or_url)``; close with ``close()``."""

    def __init__(self, engine: Engine, shown: str | None = None, retry: Retry = Retry()) -> None:
        self.engine = engine
        self.shown = shown or engine.url.render_as_string(hide_password=True)
        self.retry = retry
        self._postgres = engine.dialect.name == "postgresql"

    @classmethod
    def open(
        cls, target: str | Path, *, migrate: bool = True, retry: Retry = Retry(), lock_wait: float = 10.0
    ) -> Store:
        """Open (and migrate) a database; ``lock_wait`` is how long SQLite waits for another writer's lock."""
        url, shown = _url(str(target)), _shown(str(target))
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            parent = Path(url.removeprefix("sqlite:///")).parent
            if not parent.is_dir():
                raise StoreError(
                    f"folder {parent} does not exist; create it or choose another --db",
                    source=shown,
                )
        options: dict[str, Any] = {}
        if url in ("sqlite://", "sqlite:///:memory:"):
            # One shared connection, or every new connection would see a new empty database.
            options = {"poolclass": sa.pool.StaticPool, "connect_args": {"check_same_thread": False}}
        try:
            parsed = sa.engine.make_url(url)
            if parsed.get_backend_name() == "postgresql":
                # A server restarted between batches leaves dead pooled connections: test before use.
                # A host that does not answer is an error in seconds, not a hang.
                options = {"pool_pre_ping": True}
                if "connect_timeout" not in parsed.query:
                    options["connect_args"] = {"connect_timeout": 10}
            engine = sa.create_engine(parsed, **options)
        except (sa.exc.ArgumentError, ImportError) as exc:
            hint = "; for PostgreSQL install psycopg[binary]" if isinstance(exc, ImportError) else ""
            raise StoreError(f"cannot open database: {exc}{hint}", source=shown) from None
        if engine.dialect.name not in _INSERTS:
            raise StoreError(
                f"storyline stores its corpus in SQLite or PostgreSQL, not {engine.dialect.name}",
                source=shown,
            )
        if engine.dialect.name == "sqlite":
            sa.event.listen(engine, "connect", functools.partial(_sqlite_pragmas, lock_wait=lock_wait))
        store = cls(engine, shown, retry)
        if migrate:
            store.migrate()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and errors ------------------------------------------------------------

    @contextmanager
    def _failing(self, doing: str) -> Iterator[None]:
        """Turn a database error into a StoreError that names the database, never its password."""
        try:
            yield
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot {doing}: {_one_line(exc.orig)}", source=self.shown) from None

    def _transaction(self, work: Callable[[Connection], T], doing: str) -> T:
        """Run ``work`` in one transaction: all of it lands, or none of it.

        A transaction PostgreSQL aborted as a deadlock or serialization victim is run again after
        a short random pause. A database that cannot be reached, or dropped the connection half-way,
        or (SQLite) stays locked by another writer, is tried again after pauses that double; the
        half-done transaction was rolled back, and the work is idempotent, so running it again whole
        is safe, even when the lost connection had in fact committed.
        """
        conflicts = outages = 0
        waited = 0.0
        while True:
            try:
                with self.engine.begin() as conn:
                    return work(conn)
            except sa.exc.DBAPIError as exc:
                trouble = self._trouble(exc)
                if trouble == "conflict" and conflicts < _ATTEMPTS - 1:
                    conflicts += 1
                    time.sleep(random.uniform(0, 0.02 * 2**conflicts))
                    continue
                if trouble == "outage" and outages < self.retry.attempts - 1:
                    outages += 1
                    pause = self.retry.pause(outages)
                    time.sleep(pause)
                    waited += pause
                    continue
                tried = f" (gave up after {outages + 1} attempts over {waited:.1f} s)" if outages else ""
                raise StoreError(f"cannot {doing}: {_one_line(exc.orig)}{tried}", source=self.shown) from None

    def _trouble(self, exc: sa.exc.DBAPIError) -> str | None:
        """"conflict" (run again now), "outage" (run again after a pause) or None (give up)."""
        state = getattr(exc.orig, "sqlstate", None) or ""
        if state in _TRANSIENT:
            return "conflict"
        if exc.connection_invalidated or state.startswith("08") or state in _UNAVAILABLE:
            return "outage"
        if isinstance(exc, sa.exc.OperationalError):
            # psycopg gives no SQLSTATE when it cannot connect at all (refused, reset, no route).
            if self._postgres and not state:
                return "outage"
            message = str(exc.orig).lower()
            if "database is locked" in message or "database is busy" in message:
                return "outage"
        return None

    def _serialize_migrations(self, conn: Connection) -> None:
        # Two processes opening a new PostgreSQL database at once would both create the tables;
        # the lock makes the second wait, then see the first one's work. SQLite has one writer.
        if self._postgres:
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))

    def _insert(self, table: sa.Table) -> Any:
        return _INSERTS[self.engine.dialect.name](table)

    def _sorted(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        # PostgreSQL sorts text by the database's locale; "C" sorts by code point, as SQLite does,
        # so both backends list articles and sources in the same order.
        return column.collate("C") if self._postgres else column

    def _text(self, row: dict[str, Any]) -> dict[str, Any]:
        # PostgreSQL text cannot hold NUL. Only the plain columns lose it: the JSON records keep
        # it escaped, and every record is read back from them.
        if not self._postgres:
            return row
        return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) else v for k, v in row.items()}

    # -- schema -----------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the registered migrations not yet recorded; return their names."""

        def create_table(conn: Connection) -> None:
            self._serialize_migrations(conn)
            migrations_table.create(conn, checkfirst=True)

        def run(name: str, fn: Callable[[Connection], None]) -> bool:
            def apply(conn: Connection) -> bool:
                self._serialize_migrations(conn)
                done = conn.scalar(sa.select(migrations_table.c.name).where(migrations_table.c.name == name))
                if done is not None:
                    return False
                fn(conn)
                conn.execute(migrations_table.insert().values(name=name))
                return True

            return self._transaction(apply, "migrate the database")

        self._transaction(create_table, "migrate the database")
        return [name for name, fn in MIGRATIONS if run(name, fn)]

    def applied_migrations(self) -> list[str]:
        query = sa.select(migrations_table.c.name).order_by(self._sorted(migrations_table.c.name))
        return self._transaction(lambda conn: list(conn.scalars(query)), "read the database")

    # -- inputs and articles ----------------------------------------------------------------

    def input_state(self, source: str) -> tuple[str, str] | None:
        """(content_sha, status) of an input seen before, or None."""
        source = self._text({"source": source})["source"]
        query = sa.select(inputs.c.content_sha, inputs.c.status).where(inputs.c.source == source)
        row = self._transaction(lambda conn: conn.execute(query).first(), "read the database")
        return (row.content_sha, row.status) if row else None

    def write(self, outcomes: Iterable[Outcome]) -> None:
        """Write a batch of outcomes in one transaction: all of it lands, or none of it."""
        batch = list(outcomes)
        if not batch:
            return

        def write_all(conn: Connection) -> None:
            for outcome in batch:
                self._write_one(conn, outcome)

        self._transaction(write_all, "write to the database (nothing of this batch was written)")

    def _write_one(self, conn: Connection, outcome: Outcome) -> None:
        result = outcome.result
        if isinstance(result, Article):
            row = {
                "source": outcome.source,
                "content_sha": outcome.content_sha,
                "status": "ok",
                "article_id": result.id,
                "stage": None,
                "reason": None,
            }
            self._upsert_article(conn, result)
        else:
            row = {
                "source": outcome.source,
                "content_sha": outcome.content_sha,
                "status": "rejected",
                "article_id": None,
                "stage": result.stage,
                "reason": result.reason,
            }
        previous = self._put_input(conn, self._text(row))
        if previous and previous != row["article_id"]:
            self._drop_if_orphaned(conn, previous)

    def _put_input(self, conn: Connection, row: dict[str, Any]) -> str | None:
        """Insert or update an input's row; return the article it produced before, if any."""
        new = self._insert(inputs).values(**row).on_conflict_do_nothing().returning(inputs.c.source)
        if conn.execute(new).first() is not None:
            return None
        # Seen before, by this writer or a concurrent one (whose insert we waited for): lock the
        # row so that what it pointed at is still true when we replace it.
        previous = conn.execute(
            sa.select(inputs).where(inputs.c.source == row["source"]).with_for_update()
        ).mappings().one()
        if any(previous[k] != v for k, v in row.items()):
            conn.execute(inputs.update().where(inputs.c.source == row["source"]).values(**row))
        return previous["article_id"]

    def _upsert_article(self, conn: Connection, article: Article) -> None:
        row = {
            "id": article.id,
            "source": article.source,
            "url": article.url,
            "title": article.title,
            "outlet": article.outlet,
            "author": article.author,
            "published": article.published,
            "published_how": article.published_how,
            "language": article.language,
            "text": article.text,
            "record": _dumps(article.as_dict()),
        }
        new = self._insert(articles).values(**self._text(row))
        # On PostgreSQL this locks the article's row even when nothing changes, until commit:
        # that is what keeps a concurrent _drop_if_orphaned from deleting an article we point at.
        upsert = new.on_conflict_do_update(
            index_elements=[articles.c.id],
            set_={name: new.excluded[name] for name in row if name != "id"},
            where=articles.c.record.is_distinct_from(new.excluded.record),
        ).returning(articles.c.id)
        # RETURNING, not rowcount: psycopg reports -1 as the rowcount of an upsert.
        if conn.execute(upsert).first() is not None:
            # New, or its description changed (new rules): any stage results for it are stale.
            conn.execute(annotations.delete().where(annotations.c.article_id == article.id))

    def _drop_if_orphaned(self, conn: Connection, article_id: str) -> None:
        # Lock first, count after: a writer pointing a new input at this article holds the lock
        # until it commits, so the count (a fresh statement) sees that input and the article stays.
        exists = conn.execute(
            sa.select(articles.c.id).where(articles.c.id == article_id).with_for_update()
        ).first()
        if exists is None:
            return
        still_used = conn.execute(
            sa.select(sa.func.count()).select_from(inputs).where(inputs.c.article_id == article_id)
        ).scalar()
        if not still_used:
            conn.execute(annotations.delete().where(annotations.c.article_id == article_id))
            conn.execute(articles.delete().where(articles.c.id == article_id))

    def _in_order(self) -> tuple[sa.ColumnElement[Any], ...]:
        return (articles.c.published.is_(None), self._sorted(articles.c.published), self._sorted(articles.c.id))

    def articles(self) -> Iterator[Article]:
        """All articles, oldest first (undated last), then by id: a stable order, streamed."""
        query = sa.select(articles.c.record).order_by(*self._in_order()).execution_options(yield_per=_STREAM_ROWS)
        with self._failing("read the articles"), self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield Article.from_dict(json.loads(record))

    def articles_with(self, stages: Sequence[str]) -> Iterator[tuple[Article, list[str], dict[str, Any]]]:
        """Each article (in the order of ``articles``) with its inputs and its results of ``stages``.

        One streamed query: only the rows of the article at hand are in memory, whatever the
        size of the corpus (on PostgreSQL through a server-side cursor).
        """
        aggregate = sa.func.json_agg if self._postgres else sa.func.json_group_array
        sources = (
            sa.select(aggregate(inputs.c.source))
            .where(inputs.c.article_id == articles.c.id, inputs.c.status == "ok")
            .scalar_subquery()
        )
        joined = articles.outerjoin(
            annotations, sa.and_(annotations.c.article_id == articles.c.id, annotations.c.stage.in_(list(stages)))
        )
        query = (
            sa.select(articles.c.id, articles.c.record, sources.label("sources"), annotations.c.stage, annotations.c.payload)
            .select_from(joined)
            .order_by(*self._in_order(), self._sorted(annotations.c.stage))
            .execution_options(yield_per=_STREAM_ROWS)
        )
        current: tuple[Article, list[str], dict[str, Any]] | None = None
        with self._failing("read the articles"), self.engine.connect() as conn:
            for row in conn.execute(query):
                if current is None or current[0].id != row.id:
                    if current is not None:
                        yield current
                    found = row.sources if not isinstance(row.sources, str) else json.loads(row.sources)
                    current = (Article.from_dict(json.loads(row.record)), sorted(found or []), {})
                if row.stage is not None:
                    current[2][row.stage] = json.loads(row.payload)
        if current is not None:
            yield current

    def article_ids(self) -> set[str]:
        return self._transaction(lambda conn: set(conn.scalars(sa.select(articles.c.id))), "read the database")

    def article(self, article_id: str) -> Article | None:
        query = sa.select(articles.c.record).where(articles.c.id == article_id)
        record = self._transaction(lambda conn: conn.execute(query).scalar(), "read the database")
        return Article.from_dict(json.loads(record)) if record else None

    def rejections(self) -> list[Rejection]:
        query = (
            sa.select(inputs.c.source, inputs.c.reason, inputs.c.stage)
            .where(inputs.c.status == "rejected")
            .order_by(self._sorted(inputs.c.source))
        )
        rows = self._transaction(lambda conn: conn.execute(query).all(), "read the database")
        return [Rejection(r.source, r.reason or "", r.stage or "ingest") for r in rows]

    def sources_of(self) -> dict[str, list[str]]:
        """Article id → every input that produced it (the same article can arrive twice)."""
        query = sa.select(inputs.c.article_id, inputs.c.source).where(inputs.c.status == "ok")
        found: dict[str, list[str]] = {}
        with self._failing("read the database"), self.engine.connect() as conn:
            for row in conn.execute(query.order_by(self._sorted(inputs.c.source))):
                found.setdefault(row.article_id, []).append(row.source)
        return found

    def counts(self) -> dict[str, int]:
        with self._failing("read the database"), self.engine.connect() as conn:
            count = lambda q: conn.execute(sa.select(sa.func.count()).select_from(q)).scalar() or 0  # noqa: E731
            return {
                "articles": count(articles),
                "inputs": count(inputs),
                "rejected": count(inputs.select().where(inputs.c.status == "rejected").subquery()),
            }

    # -- stage results ----------------------------------------------------------------------

    def put_annotations(self, stage: str, payloads: dict[str, Any]) -> None:
        """Store one stage's results for several articles in one transaction."""
        if not payloads:
            return

        def put(conn: Connection) -> None:
            for article_id, payload in payloads.items():
                self._upsert(
                    conn,
                    annotations,
                    {"article_id": article_id, "stage": stage, "payload": _dumps(payload)},
                    key=("article_id", "stage"),
                )

        self._transaction(put, f"store the results of {stage}")

    def annotations(self, stage: str) -> dict[str, Any]:
        query = sa.select(annotations.c.article_id, annotations.c.payload).where(annotations.c.stage == stage)
        rows = self._transaction(lambda conn: conn.execute(query).all(), "read the database")
        return {row.article_id: json.loads(row.payload) for row in rows}

    def put_corpus(self, name: str, payload: Any) -> None:
        row = {"name": name, "payload": _dumps(payload)}
        self._transaction(lambda conn: self._upsert(conn, corpus, row, key=("name",)), f"store the results of {name}")

    def corpus(self, name: str) -> Any | None:
        query = sa.select(corpus.c.payload).where(corpus.c.name == name)
        payload = self._transaction(lambda conn: conn.execute(query).scalar(), "read the database")
        return json.loads(payload) if payload is not None else None

    # -- feeds ------------------------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState | None:
        query = sa.select(feeds).where(feeds.c.url == url)
        row = self._transaction(lambda conn: conn.execute(query).mappings().first(), "read the database")
        return FeedState(**row) if row else None

    def put_feed_state(self, state: FeedState) -> None:
        self._transaction(
            lambda conn: self._upsert(conn, feeds, state.as_row(), key=("url",)), "store the state of a feed"
        )

    def dump(self) -> list[tuple[str, tuple[Any, ...]]]:
        """Every row of every table, sorted: for tests that a re-run changes nothing."""
        rows: list[tuple[str, tuple[Any, ...]]] = []
        with self._failing("read the database"), self.engine.connect() as conn:
            for table in (inputs, articles, annotations, corpus, feeds, migrations_table):
                for row in conn.execute(sa.select(table)):
                    rows.append((table.name, tuple(row)))
        return sorted(rows, key=repr)

    def _upsert(self, conn: Connection, table: sa.Table, row: dict[str, Any], key: tuple[str, ...]) -> None:
        """Insert or update ``row`` in one statement; leave the row untouched when nothing in it changed."""
        new = self._insert(table).values(**self._text(row))
        values = [name for name in row if name not in key]
        conn.execute(
            new.on_conflict_do_update(
                index_elements=[table.c[k] for k in key],
                set_={name: new.excluded[name] for name in values},
                where=sa.or_(*(table.c[name].is_distinct_from(new.excluded[name]) for name in values)),
            )
        )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any, lock_wait: float) -> None:
    cursor = dbapi_conn.cursor()
    # WAL: readers never block the writer, and a killed writer leaves the last committed state.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(lock_wait * 1000)}")
    cursor.close()
